"""The office's reasons to a partner are typed text like any other (issue 11 review, item 3,
first step): a slip rejection's or an order decline's reason is normalised (an invisible U+200B
is not kept) and refused when it is Zawgyi, and nothing is decided then."""

from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.wholesale.models import PartnerPayment, PartnerPaymentStatus
from tests.cart.builders import log_in, text_of
from tests.wholesale.test_wholesale_orders import confirmed_invoice, la_un_staff, send_slip

__all__ = ["la_un_staff"]  # the fixture

ZAWGYI = "ေငြလႊဲစလစ္ မွားေနပါသည္"


def test_a_slip_rejection_reason_is_normalised_and_zawgyi_refused(
    app, client, wholesale, la_un_staff, mailbox
):
    log_in(client, "buyer-a@example.org")
    send_slip(client, confirmed_invoice(client, wholesale.sachets.id, la_un_staff).number)
    payment = db.session.scalars(select(PartnerPayment)).one()
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")
    mailbox.clear()

    refused_page = text_of(
        office.post(f"/admin/wholesale/slips/{payment.id}/reject?lang=en", data={"reason": ZAWGYI})
    )
    db.session.expire_all()
    still_pending = db.session.get(PartnerPayment, payment.id).status
    office.post(
        f"/admin/wholesale/slips/{payment.id}/reject?lang=en",
        data={"reason": "No such\u200b transfer"},
    )

    assert "Unicode" in refused_page
    assert still_pending == PartnerPaymentStatus.PENDING
    db.session.expire_all()
    rejected = db.session.get(PartnerPayment, payment.id)
    assert (rejected.status, rejected.rejection_reason) == (
        PartnerPaymentStatus.REJECTED,
        "No such transfer",
    )
    assert len([m for m in mailbox if m.to == ["buyer-a@example.org"]]) == 1


def test_a_too_long_slip_rejection_reason_is_refused_and_kept_to_be_shortened(
    app, client, wholesale, la_un_staff
):
    log_in(client, "buyer-a@example.org")
    send_slip(client, confirmed_invoice(client, wholesale.sachets.id, la_un_staff).number)
    payment = db.session.scalars(select(PartnerPayment)).one()
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")
    typed = "No such transfer on the statement. " * 9  # 315 characters

    refused = office.post(
        f"/admin/wholesale/slips/{payment.id}/reject?lang=en", data={"reason": typed}
    )

    assert refused.status_code == 422
    assert "Please use at most 300 characters." in text_of(refused)
    assert f'value="{typed}"' in refused.text
    db.session.expire_all()
    kept = db.session.get(PartnerPayment, payment.id)
    assert (kept.status, kept.rejection_reason) == (PartnerPaymentStatus.PENDING, "")
