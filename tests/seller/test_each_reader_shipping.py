"""The shipping method's name is kept in every language (issue 11 review, item 2): a Burmese
buyer's order reaches Thai and English staff, the packing slip, staff mails and the Thai receipt
with the method named in each reader's language; the buyer keeps reading theirs."""

from __future__ import annotations

from shop.core.db import utcnow
from shop.documents.services import receipt_snapshot
from tests.cart.builders import log_in, text_of
from tests.seller.conftest import part_of


def test_a_burmese_buyers_shipping_reads_in_each_readers_language(
    app, market, place, pay, buyer, mailbox
):
    method = market.shop.la_un_post
    names = {"th": method.name_th, "en": method.name_en, "my": method.name_my}
    assert len(set(names.values())) == 3
    order = place(lang="my")
    mailbox.clear()
    pay(order)
    part = part_of(order, market.shop.la_un)
    assert part.shipping_method_name == names["my"]  # the buyer's snapshot, as before

    staff = app.test_client()
    log_in(staff, market.la_un_staff.email)
    in_thai = text_of(staff.get(f"/seller/orders/{part.id}?lang=th"))
    in_english = text_of(staff.get(f"/seller/orders/{part.id}?lang=en"))
    slip = text_of(staff.get(f"/seller/orders/{part.id}/packing-slip?lang=th"))
    [staff_mail] = [m for m in mailbox if m.to == [market.la_un_staff.email]]
    buyer_page = text_of(buyer.get(f"/orders/{order.token}?lang=my"))

    assert names["th"] in in_thai
    assert names["my"] not in in_thai
    assert names["en"] in in_english
    assert names["th"] in slip
    assert names["my"] not in slip
    assert names["en"] in staff_mail.body  # Nok reads English
    assert names["my"] not in staff_mail.body
    assert names["my"] in buyer_page
    with app.test_request_context():
        receipt = receipt_snapshot(part, "R-1", utcnow())
    assert receipt["shipping_name_th"] == names["th"]
