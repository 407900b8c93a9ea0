"""Giving money back: the one place that knows how much of a payment is left to refund.

Every refund, a cooperative cancelling its part of an order and the office refunding money
flagged on /admin/payments alike, goes through ``refund``, which caps the amount at what is left
(what arrived minus what was refunded, including refunds Stripe reports on its own through
``charge.refunded``) and says what was refunded before, now and what is left.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.core.i18n import current_language
from shop.core.money import format_money
from shop.extensions import db
from shop.orders.models import PaymentMethod
from shop.orders.services import lock_order
from shop.payments import stripe_gateway
from shop.payments.errors import PaymentError
from shop.payments.models import Payment, PaymentStatus
from shop.platform.audit import record

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefundOutcome:
    """What a refund did to its payment, in satang."""

    already_satang: int  # refunded before
    refunded_satang: int  # refunded now
    left_satang: int  # still refundable after

    def sentence(self) -> str:
        """'฿100 was already refunded; ฿119 refunded now; ฿0 left.' in the reader's language."""
        lang = current_language()
        now = format_money(self.refunded_satang, lang)
        left = format_money(self.left_satang, lang)
        if self.already_satang:
            return _(
                "%(already)s was already refunded; %(now)s refunded now; %(left)s left.",
                already=format_money(self.already_satang, lang),
                now=now,
                left=left,
            )
        return _("%(now)s refunded now; %(left)s left.", now=now, left=left)


def refundable(payment: Payment | None) -> int:
    """What can still be given back on a payment: what arrived, less what was refunded."""
    if payment is None or payment.received_satang is None:
        return 0
    return max(0, payment.received_satang - payment.refunded_satang)


def preview(payment: Payment | None, wanted_satang: int) -> RefundOutcome:
    """What ``refund(payment, wanted_satang, …)`` would do now, for a page to say beforehand."""
    left = refundable(payment)
    amount = max(0, min(wanted_satang, left))
    already = payment.refunded_satang if payment is not None else 0
    return RefundOutcome(already, amount, left - amount)


def _lock(payment: Payment) -> None:
    lock_order(payment.order_id)
    db.session.refresh(payment)


def _mark_refunded(payment: Payment) -> None:
    if payment.received_satang and refundable(payment) == 0:
        payment.status = PaymentStatus.REFUNDED
        payment.needs_refund = False


def refund(
    payment: Payment,
    wanted_satang: int,
    *,
    actor_id: int | None,
    key: str,
    cooperative_id: int | None = None,
) -> RefundOutcome:
    """Give back ``wanted_satang`` of ``payment``, capped at what is left of it.

    A Stripe payment is refunded through Stripe with the idempotency key ``key`` (a retry after
    a lost answer returns the same refund); any other is recorded as a manual refund the office
    makes by bank transfer. Nothing left means nothing is sent. Flushes; the caller commits.

    Raises PaymentError when Stripe refuses or cannot be reached: nothing is recorded then,
    and the caller rolls back.
    """
    _lock(payment)
    already = payment.refunded_satang
    outcome = preview(payment, wanted_satang)
    if outcome.refunded_satang == 0:
        return outcome
    by_stripe = payment.method == PaymentMethod.STRIPE and bool(payment.stripe_payment_intent)
    details = {
        "amount_satang": outcome.refunded_satang,
        "already_refunded_satang": already,
        "left_satang": outcome.left_satang,
        "order": payment.order.number,
    }
    if by_stripe:
        try:
            refund_id = stripe_gateway.refund(
                payment.stripe_payment_intent, outcome.refunded_satang, key
            )
        except stripe_gateway.GatewayError as exc:
            log.warning("refund of payment %s: %s", payment.id, exc)
            raise PaymentError(
                _l("Stripe did not accept the refund. Please try again later.")
            ) from exc
        record(
            "payment.refund",
            payment,
            actor_id=actor_id,
            cooperative_id=cooperative_id,
            stripe_refund=refund_id,
            **details,
        )
    else:
        record(
            "payment.manual_refund",
            payment,
            actor_id=actor_id,
            cooperative_id=cooperative_id,
            method=payment.method.value,
            **details,
        )
    payment.refunded_satang = already + outcome.refunded_satang
    _mark_refunded(payment)
    db.session.flush()
    return outcome


def record_refunded_total(payment: Payment, refunded_satang: int) -> None:
    """Stripe says ``refunded_satang`` of the payment's charge is refunded so far (a running
    total, so a replayed or late report never lowers what is recorded)."""
    _lock(payment)
    payment.refunded_satang = max(payment.refunded_satang, refunded_satang)
    _mark_refunded(payment)
    db.session.flush()


def refund_flagged(payment: Payment, admin_id: int) -> RefundOutcome | None:
    """Give back all that is left of money flagged for a refund (through Stripe with a key
    from the payment, so a double click never refunds twice; else recorded as the office's
    bank transfer). Returns None if nothing was flagged.

    Raises PaymentError when Stripe refuses; nothing changes then.
    """
    _lock(payment)
    if not payment.needs_refund:
        return None
    outcome = refund(
        payment, refundable(payment), actor_id=admin_id, key=f"payment-{payment.id}-refund"
    )
    payment.reviewed_by_id = admin_id
    payment.needs_refund = False
    db.session.flush()
    return outcome
