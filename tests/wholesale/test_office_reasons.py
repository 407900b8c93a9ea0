"""The office's reasons to a partner (issue 11 review, item 3): the office chooses one of the
common reasons, which the partner reads in its own language, and may add a note, normalised
(an invisible U+200B is not kept) and refused when it is Zawgyi; nothing is decided then. A
reason given before codes were (a note alone) still reads."""

from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.orders.models import Approval, OrderStatus
from shop.platform.models import AuditEntry
from shop.wholesale.models import PartnerPayment, PartnerPaymentStatus
from tests.cart.builders import log_in, text_of
from tests.wholesale.conftest import translated
from tests.wholesale.test_wholesale_orders import (
    confirmed_invoice,
    fill_cart,
    la_un_staff,
    on_terms,
    order_over_spending_limit,
    send_slip,
    the_order,
)

__all__ = ["la_un_staff", "on_terms"]  # the fixtures

ZAWGYI = "ေငြလႊဲစလစ္ မွားေနပါသည္"


UNREADABLE = "The slip cannot be read: please send a sharper photo or a screenshot."
THAI_NOTE = "ยอดโอนไม่ตรงกับใบแจ้งหนี้"


def _slip_waiting(client, wholesale, staff, sender="admin-a@example.org") -> PartnerPayment:
    """A slip sent by ``sender`` of partner A (admin-a reads Burmese), waiting for the office."""
    log_in(client, sender)
    send_slip(client, confirmed_invoice(client, wholesale.sachets.id, staff).number)
    return db.session.scalars(select(PartnerPayment)).one()


def _office(app):
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")
    return office


def _reject(office, payment, lang="th", **fields):
    return office.post(
        f"/admin/wholesale/slips/{payment.id}/reject?lang={lang}",
        data={f"reject-{payment.id}-{name}": value for name, value in fields.items()},
    )


def _state(payment_id: int) -> tuple:
    db.session.expire_all()
    payment = db.session.get(PartnerPayment, payment_id)
    return payment.status, payment.rejection_reason_code, payment.rejection_reason


def test_a_slip_rejected_in_thai_reaches_a_burmese_partner_in_burmese(
    app, client, wholesale, la_un_staff, mailbox
):
    payment = _slip_waiting(client, wholesale, la_un_staff)
    office = _office(app)
    offered = text_of(office.get("/admin/wholesale?lang=th"))
    mailbox.clear()

    response = _reject(office, payment, reason="unreadable", note=THAI_NOTE)

    assert translated(UNREADABLE, "th") in offered  # the office chooses in its own language
    assert response.status_code == 302
    assert _state(payment.id) == (PartnerPaymentStatus.REJECTED, "unreadable", THAI_NOTE)
    burmese = translated(UNREADABLE, "my")
    assert burmese != UNREADABLE
    [mail] = [m for m in mailbox if m.to == ["admin-a@example.org"]]
    assert burmese in mail.body
    assert THAI_NOTE in mail.body  # the note as typed, marked as the shop's own words
    assert UNREADABLE not in mail.body
    statement = text_of(client.get("/wholesale/statement?lang=my"))
    assert burmese in statement
    assert THAI_NOTE in statement


def test_a_slip_rejection_needs_a_listed_reason_and_another_reason_a_note(
    app, client, wholesale, la_un_staff, mailbox
):
    payment = _slip_waiting(client, wholesale, la_un_staff)
    office = _office(app)
    mailbox.clear()

    no_reason = _reject(office, payment, lang="en", note="sorry")
    other_unsaid = _reject(office, payment, lang="en", reason="other", note=" ")
    unknown = _reject(office, payment, lang="en", reason="nonsense")

    assert no_reason.status_code == other_unsaid.status_code == unknown.status_code == 422
    assert "Please choose a reason." in text_of(no_reason)
    assert "Please say the reason in the note." in text_of(other_unsaid)
    assert "Not a valid choice." in text_of(unknown)
    assert _state(payment.id) == (PartnerPaymentStatus.PENDING, "", "")
    assert mailbox == []


def test_a_slip_rejection_note_is_normalised_and_zawgyi_refused(
    app, client, wholesale, la_un_staff, mailbox
):
    payment = _slip_waiting(client, wholesale, la_un_staff, sender="buyer-a@example.org")
    office = _office(app)
    mailbox.clear()

    refused_page = text_of(_reject(office, payment, lang="en", reason="other", note=ZAWGYI))
    still_pending = _state(payment.id)
    _reject(office, payment, lang="en", reason="other", note="No such\u200b transfer")

    assert "Unicode" in refused_page
    assert still_pending == (PartnerPaymentStatus.PENDING, "", "")
    assert _state(payment.id) == (PartnerPaymentStatus.REJECTED, "other", "No such transfer")
    assert len([m for m in mailbox if m.to == ["buyer-a@example.org"]]) == 1


def test_a_too_long_slip_rejection_note_is_refused_and_kept_to_be_shortened(
    app, client, wholesale, la_un_staff
):
    payment = _slip_waiting(client, wholesale, la_un_staff)
    office = _office(app)
    typed = "No such transfer on the statement. " * 15  # 525 characters

    refused = _reject(office, payment, lang="en", reason="not_found", note=typed)

    assert refused.status_code == 422
    assert "Please use at most 500 characters." in text_of(refused)
    assert typed.strip() in text_of(refused)
    assert _state(payment.id) == (PartnerPaymentStatus.PENDING, "", "")


def test_a_slip_rejected_before_reasons_were_listed_reads_as_its_note(
    app, client, wholesale, la_un_staff
):
    payment = _slip_waiting(client, wholesale, la_un_staff)
    payment.status, payment.rejection_reason = PartnerPaymentStatus.REJECTED, "ไม่พบยอดโอน"
    db.session.commit()

    statement = text_of(client.get("/wholesale/statement?lang=en"))

    assert "Note from the shop (in its own words): ไม่พบยอดโอน" in statement


# --- a wholesale order declined ------------------------------------------------------------------

ASKED = "You asked us to cancel the order."


def _over_the_credit_limit(client, wholesale, lang="my"):
    """Buyer A orders in ``lang`` more than partner A's credit limit: it waits for the office."""
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 5)  # ฿5,400 + ฿125 delivery > ฿5,000
    client.post(f"/wholesale/checkout?lang={lang}", data={"po_number": "PO-118", "note": ""})
    order = the_order()
    assert (order.approval, order.locale) == (Approval.PLATFORM, lang)
    return order


def _decline(office, order, lang="th", **fields):
    return office.post(
        f"/admin/wholesale/orders/{order.number}/decline?lang={lang}",
        data={f"decline-{order.id}-{name}": value for name, value in fields.items()},
    )


def test_an_order_declined_in_thai_reaches_a_burmese_buyer_in_burmese(
    app, client, wholesale, on_terms, mailbox
):
    order = _over_the_credit_limit(client, wholesale)
    office = _office(app)
    offered = text_of(office.get("/admin/wholesale?lang=th"))
    mailbox.clear()

    response = _decline(office, order, reason="partner_asked", note=THAI_NOTE)

    assert translated(ASKED, "th") in offered
    assert response.status_code == 302
    assert the_order().status == OrderStatus.CANCELLED
    burmese = translated(ASKED, "my")
    assert burmese != ASKED
    [mail] = [m for m in mailbox if m.to == ["buyer-a@example.org"]]
    assert burmese in mail.body
    assert THAI_NOTE in mail.body
    assert ASKED not in mail.body
    [entry] = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "wholesale_order.decline")
    ).all()
    assert (entry.details["reason"], entry.details["note"]) == ("partner_asked", THAI_NOTE)


def test_an_order_decline_needs_a_listed_reason_and_another_reason_a_note(
    app, client, wholesale, on_terms, mailbox
):
    order = _over_the_credit_limit(client, wholesale)
    office = _office(app)
    mailbox.clear()

    no_reason = _decline(office, order, lang="en", note="sorry")
    other_unsaid = _decline(office, order, lang="en", reason="other")
    unknown = _decline(office, order, lang="en", reason="nonsense")
    zawgyi = _decline(office, order, lang="en", reason="other", note=ZAWGYI)

    assert {r.status_code for r in (no_reason, other_unsaid, unknown, zawgyi)} == {422}
    assert "Please choose a reason." in text_of(no_reason)
    assert "Please say the reason in the note." in text_of(other_unsaid)
    assert "Not a valid choice." in text_of(unknown)
    assert "Unicode" in text_of(zawgyi)
    order = the_order()
    assert (order.approval, order.status) == (Approval.PLATFORM, OrderStatus.ON_ACCOUNT)
    assert mailbox == []


def test_the_partner_admin_declines_with_a_listed_reason(app, client, wholesale, partners, mailbox):
    order = order_over_spending_limit(client, wholesale.sachets.id, "my")
    admin = app.test_client()
    log_in(admin, "admin-a@example.org")
    url = f"/wholesale/orders/{order.number}/decline?lang=en"
    offered = text_of(admin.get(f"/wholesale/orders/{order.number}?lang=en"))
    mailbox.clear()

    unknown = admin.post(url, data={"reason": "nonsense"})
    other_unsaid = admin.post(url, data={"reason": "other", "note": ""})
    declined = admin.post(url, data={"reason": "partner_asked"})

    assert 'value="partner_asked"' in offered
    assert unknown.status_code == other_unsaid.status_code == 422
    assert "Please say the reason in the note." in text_of(other_unsaid)
    assert declined.status_code == 302
    assert the_order().status == OrderStatus.CANCELLED
    [mail] = [m for m in mailbox if m.to == ["buyer-a@example.org"]]
    assert translated(ASKED, "my") in mail.body
