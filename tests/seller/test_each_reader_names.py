"""Order lines keep their names in every language: a Burmese buyer's order reaches Thai and
English staff, the office and the packing slip in each reader's own language (issue 11, item 6)."""

from __future__ import annotations

from tests.cart.builders import log_in, text_of
from tests.seller.conftest import part_of


def test_a_burmese_buyers_order_reads_in_each_readers_language(app, market, place, pay, mailbox):
    robusta = market.shop.robusta.product
    order = place(lang="my")
    mailbox.clear()
    pay(order)
    part = part_of(order, market.shop.la_un)
    line = part.lines[0]
    assert line.product_name == robusta.name_my  # the buyer's snapshot, as before

    staff = app.test_client()
    log_in(staff, market.la_un_staff.email)
    in_thai = text_of(staff.get(f"/seller/orders/{part.id}?lang=th"))
    in_english = text_of(staff.get(f"/seller/orders/{part.id}?lang=en"))
    slip = text_of(staff.get(f"/seller/orders/{part.id}/packing-slip?lang=th"))
    [staff_mail] = [m for m in mailbox if m.to == [market.la_un_staff.email]]

    assert robusta.name_th in in_thai
    assert robusta.name_my not in in_thai
    assert robusta.name_en in in_english
    assert robusta.name_th in slip
    assert robusta.name_en in staff_mail.body  # Nok reads English
    assert robusta.name_my not in staff_mail.body
