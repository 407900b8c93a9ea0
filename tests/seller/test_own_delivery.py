"""Goods the cooperative brings itself or the buyer collects (issue 11, review of item 14):
no parcel carrier, no tracking number. The ship form starts on "the cooperative's own delivery
or collection" when the shipping method names no carrier, ships without a number, and the
buyer reads it in their own language, with no tracking link."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from shop.extensions import db
from shop.orders.carriers import OWN_DELIVERY
from shop.orders.models import SellerOrder
from tests.cart.builders import ShippingMethodFactory, text_of
from tests.seller.conftest import part_of
from tests.seller.test_shipping_carriers import _selected_carrier

OWN = "The cooperative's own delivery or collection"


def _reload(part_id: int) -> SellerOrder:
    db.session.expire_all()
    return db.session.get(SellerOrder, part_id)


def test_a_retail_pick_up_is_marked_shipped_without_a_tracking_number(
    staff_client, market, place, pay, buyer, mailbox, session
):
    pick_up = ShippingMethodFactory(
        cooperative=market.shop.la_un,
        code="pick-up",
        name_th="รับเองที่สหกรณ์",
        name_en="Pick up at the cooperative",
        name_my="သမဝါယမတွင် ကိုယ်တိုင်လာယူရန်",
        rates=[(20_000, 0)],
    )
    session.commit()
    order = place(**{f"shipping-{market.shop.la_un.id}": pick_up.id})
    pay(order)
    part = part_of(order, market.shop.la_un)
    assert staff_client.post(f"/seller/orders/{part.id}/pack").status_code == 302
    mailbox.clear()

    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))
    shipped = staff_client.post(
        f"/seller/orders/{part.id}/ship?lang=en", data={"carrier": OWN_DELIVERY}
    )

    assert _selected_carrier(page) == OWN_DELIVERY
    assert shipped.status_code == 302, text_of(shipped)
    part = _reload(part.id)
    assert (part.status, part.carrier, part.tracking_number) == ("shipped", OWN_DELIVERY, "")
    [mail] = [m for m in mailbox if m.to == [order.email]]
    assert f"Carrier: {OWN}" in mail.body
    assert "there is no tracking number" in mail.body
    assert "Tracking number:" not in mail.body
    assert "carrier's page" not in mail.body
    for lang in ("en", "th", "my"):
        with force_locale(lang):
            name = gettext(OWN)
        buyer_page = buyer.get(f"/orders/{order.token}?lang={lang}")
        assert name in text_of(buyer_page)
        assert "tracking-link" not in buyer_page.get_data(as_text=True)
    assert OWN in text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))


def test_a_parcel_carrier_still_needs_its_tracking_number(staff_client, market, place, pay):
    order = place(**{f"shipping-{market.shop.la_un.id}": market.shop.la_un_post.id})
    pay(order)
    part = part_of(order, market.shop.la_un)
    staff_client.post(f"/seller/orders/{part.id}/pack")

    refused = staff_client.post(
        f"/seller/orders/{part.id}/ship?lang=en", data={"carrier": "thailand-post"}
    )

    assert refused.status_code == 400
    assert "Please enter the tracking number." in text_of(refused)
    assert _reload(part.id).status == "packing"
