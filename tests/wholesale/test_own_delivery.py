"""A wholesale order delivered to Kawthaung pier (no parcel carrier) is marked shipped with the
cooperative's own delivery and no tracking number (issue 11, review of item 14)."""

from __future__ import annotations

from sqlalchemy import select

from shop.core.days import today
from shop.extensions import db
from shop.orders.carriers import OWN_DELIVERY
from shop.orders.models import SellerOrder
from shop.pricing.models import ShippingMethod
from shop.wholesale import invoicing
from tests.cart.builders import log_in, text_of
from tests.seller.test_shipping_carriers import _selected_carrier
from tests.wholesale.conftest import translated
from tests.wholesale.test_wholesale_orders import (
    fill_cart,
    la_un_staff,
    on_terms,
    the_order,
)

__all__ = ["la_un_staff", "on_terms"]  # the fixtures


def test_a_wholesale_order_to_the_pier_is_shipped_by_the_cooperative(
    app, client, wholesale, la_un_staff, on_terms, mailbox
):
    pier = db.session.scalars(
        select(ShippingMethod).where(ShippingMethod.name_en == "Delivery to Kawthaung pier")
    ).one()
    pier.name_th, pier.name_my = "ส่งถึงท่าเรือเกาะสอง", "ကော့သောင်းဆိပ်ကမ်းအထိ ပို့ဆောင်ခြင်း"
    db.session.commit()
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    client.post("/wholesale/checkout?lang=my", data={"po_number": "PO-118", "note": ""})
    seller_order = the_order().seller_orders[0]
    invoicing.confirm(seller_order, {}, today(), actor_id=la_un_staff.id)
    db.session.commit()
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")
    assert staff.post(f"/seller/orders/{seller_order.id}/pack?lang=en").status_code == 302
    mailbox.clear()

    form_page = text_of(staff.get(f"/seller/orders/{seller_order.id}?lang=en"))
    shipped = staff.post(
        f"/seller/orders/{seller_order.id}/ship?lang=en",
        data={"carrier": OWN_DELIVERY, "tracking_number": ""},
    )

    assert _selected_carrier(form_page) == OWN_DELIVERY
    assert shipped.status_code == 302, text_of(shipped)
    db.session.expire_all()
    part = db.session.get(SellerOrder, seller_order.id)
    assert (part.status, part.carrier, part.tracking_number) == ("shipped", OWN_DELIVERY, "")
    [mail] = [m for m in mailbox if m.to == ["buyer-a@example.org"]]
    own = translated("The cooperative's own delivery or collection", "my")
    assert own in mail.body  # ordered in Burmese: the order's language decides
    page = client.get(f"/wholesale/orders/{part.order.number}?lang=my")
    assert own in text_of(page)
    assert "tracking-link" not in page.get_data(as_text=True)


def test_the_to_confirm_mail_names_the_delivery_in_the_staffs_language(
    client, wholesale, la_un_staff, on_terms, mailbox
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    client.post("/wholesale/checkout?lang=my", data={"po_number": "PO-118", "note": ""})
    part = the_order().seller_orders[0]
    assert part.shipping_method_name == "ထိုင်းစာတိုက်"  # the pier method's Burmese name

    [mail] = [m for m in mailbox if m.to == ["staff@la-un.example.org"]]

    assert "ไปรษณีย์ไทย" in mail.body  # the staff member reads Thai
    assert "ထိုင်းစာတိုက်" not in mail.body
