"""A cancelled part of an order tells the buyer why, in the buyer's language (issue 11, item 7).

Staff choose one of the common reasons, which the shop stores as a code and words for each
reader; what they add in their own words reaches the buyer marked as such, untranslated.
"""

from __future__ import annotations

from flask_babel import force_locale, gettext

from shop.extensions import db
from shop.orders.models import SellerOrder
from shop.platform.models import AuditEntry
from tests.cart.builders import text_of
from tests.seller.conftest import part_of

THAI_NOTE = "ขออภัย เมล็ดกาแฟล็อตนี้หมดแล้ว"


def _cancel_mails(mailbox, order):
    with force_locale(order.locale):
        subject = gettext("Part of your order %(number)s is cancelled", number=order.number)
    return [m for m in mailbox if m.subject == subject and m.to == [order.email]]


def test_a_thai_cancellation_reaches_an_english_buyer_in_english_with_the_note_marked(
    staff_client, market, paid_order, mailbox
):
    part = part_of(paid_order, market.shop.la_un)
    mailbox.clear()

    response = staff_client.post(
        f"/seller/orders/{part.id}/cancel?lang=th",
        data={"reason": "out_of_stock", "note": THAI_NOTE},
    )

    assert response.status_code == 302
    [mail] = _cancel_mails(mailbox, paid_order)
    assert "Reason: The goods ran out before your order could be packed." in mail.body
    assert f"Note from the shop (in its own words): {THAI_NOTE}" in mail.body
    assert "สินค้าหมด" not in mail.body  # no Thai wording of the reason for an English reader
    [entry] = db.session.query(AuditEntry).filter_by(action="seller_order.cancel").all()
    assert (entry.details["reason"], entry.details["note"]) == ("out_of_stock", THAI_NOTE)


def test_a_cancellation_needs_a_reason_and_another_reason_needs_a_note(
    staff_client, market, paid_order, mailbox
):
    part = part_of(paid_order, market.shop.la_un)
    url = f"/seller/orders/{part.id}/cancel?lang=en"

    no_reason = staff_client.post(url, data={"note": "sorry"})
    other_unsaid = staff_client.post(url, data={"reason": "other"})

    assert no_reason.status_code == other_unsaid.status_code == 422
    assert "Please choose a reason." in text_of(no_reason)
    assert "Please say the reason in the note." in text_of(other_unsaid)
    db.session.expire_all()
    assert db.session.get(SellerOrder, part.id).status == "paid"
    assert _cancel_mails(mailbox, paid_order) == []


def test_the_staff_choose_among_the_reasons_in_their_own_language(staff_client, market, paid_order):
    part = part_of(paid_order, market.shop.la_un)

    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=th"))

    with force_locale("th"):
        wording = gettext("The goods ran out before your order could be packed.")
    assert 'type="radio"' in page
    assert 'value="out_of_stock"' in page
    assert wording in page


def test_a_too_long_note_is_refused_kept_as_typed_and_nothing_cancelled(
    staff_client, market, paid_order, mailbox
):
    part = part_of(paid_order, market.shop.la_un)
    note = "ขออภัย เมล็ดกาแฟล็อตนี้หมดแล้ว " * 20  # 620 characters

    form = staff_client.get(f"/seller/orders/{part.id}?lang=en")
    refused = staff_client.post(
        f"/seller/orders/{part.id}/cancel?lang=en", data={"reason": "out_of_stock", "note": note}
    )

    assert 'name="note"' in form.text
    assert "maxlength" not in form.text
    assert refused.status_code == 422
    assert "Please use at most 500 characters." in text_of(refused)
    assert note.strip() in refused.text
    db.session.expire_all()
    assert db.session.get(SellerOrder, part.id).status == "paid"
    assert _cancel_mails(mailbox, paid_order) == []
