"""The admin's note on a rejected slip is typed text like any other (issue 11 review, item 4):
normalised (an invisible U+200B is dropped) and refused when it is Zawgyi-encoded."""

from __future__ import annotations

from sqlalchemy import select

from shop.payments.models import Payment, PaymentStatus
from tests.cart.builders import text_of
from tests.payments.test_slip_review import CONFIRMED, _payment, admin_client, waiting_slip

__all__ = ["admin_client", "waiting_slip"]  # the fixtures


def _rejected(session) -> list[Payment]:
    session.expire_all()
    return session.scalars(select(Payment).where(Payment.status == PaymentStatus.FAILED)).all()


ZAWGYI = "ေငြလႊဲစလစ္ မွားေနပါသည္"


def test_a_zawgyi_note_is_refused_and_nothing_is_mailed(
    session, admin_client, waiting_slip, mailbox
):
    payment = _payment(session, waiting_slip.order.id)

    page = admin_client.post(
        f"/admin/payments/{payment.id}/reject",
        data={"reason": "amount", "note": ZAWGYI, **CONFIRMED},
    )

    assert page.status_code == 400
    assert "Unicode" in text_of(page)
    assert _rejected(session) == []
    assert mailbox == []


def test_an_invisible_space_in_the_note_is_not_kept(session, admin_client, waiting_slip):
    payment = _payment(session, waiting_slip.order.id)

    admin_client.post(
        f"/admin/payments/{payment.id}/reject",
        data={"reason": "amount", "note": "Slip\u200b from another shop", **CONFIRMED},
    )

    [rejected] = _rejected(session)
    assert rejected.note == "Slip from another shop"
