"""Giving money back: the one place that knows how much of a payment is left to refund.

Every refund, a cooperative cancelling its part of an order and the office refunding money
flagged on /admin/payments alike, goes through ``refund``, which caps the amount at what is left
(what arrived minus what was refunded, including refunds Stripe reports on its own through
``charge.refunded``) and says what was refunded before, now and what is left.

A refund through Stripe is two steps, so that no database transaction is open while Stripe is
called (a slow or silent Stripe would hold row locks, and on SQLite the one write lock, that
other buyers need): ``refund`` records it as a pending ``Refund`` in the caller's transaction,
and ``send`` calls Stripe after that transaction has committed. A refund Stripe did not accept
stays pending, counted as owed, and is sent again with the same idempotency key (``send`` from
the cooperative's or the office's page, or ``flask payments send-refunds`` from cron).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from shop.core.db import utcnow
from shop.core.i18n import current_language
from shop.core.money import format_money
from shop.documents.credit_notes import credit_refund
from shop.extensions import db
from shop.orders.models import PaymentMethod, SellerOrder
from shop.orders.services import lock_order
from shop.payments import stripe_gateway
from shop.payments.models import KEY_LIFETIME, Payment, PaymentStatus, Refund, RefundStatus
from shop.platform.audit import record

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefundOutcome:
    """What a refund did to its payment, in satang."""

    already_satang: int  # refunded before
    refunded_satang: int  # refunded now
    left_satang: int  # still refundable after
    # Refunds recorded to send through Stripe once the caller has committed (``send``).
    to_send: tuple[int, ...] = field(default=())

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
    """The payment reads "refunded" once all of it went back and Stripe accepted every refund
    (a refund still owed is not money the buyer has)."""
    owed = any(r.status != RefundStatus.SENT for r in payment.refunds)
    if payment.received_satang and refundable(payment) == 0 and not owed:
        payment.status = PaymentStatus.REFUNDED
        payment.needs_refund = False


def refund(
    payment: Payment,
    wanted_satang: int,
    *,
    actor_id: int | None,
    key: str,
    cooperative_id: int | None = None,
    seller_order_id: int | None = None,
) -> RefundOutcome:
    """Give back ``wanted_satang`` of ``payment``, capped at what is left of it.

    A Stripe payment gets a pending ``Refund`` with the idempotency key ``key`` (its id in
    ``to_send``): the caller commits, then calls ``send``. Any other payment is recorded as a
    manual refund the office makes by bank transfer. Either way the amount counts as refunded
    at once, so a second refund decided meanwhile cannot give back the same money twice.
    Nothing left means nothing is recorded. Flushes; the caller commits.
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
        pending = Refund(
            payment=payment,
            seller_order_id=seller_order_id,
            amount_satang=outcome.refunded_satang,
            idempotency_key=_unused_key(key),
        )
        db.session.add(pending)
        db.session.flush()
        outcome = replace(outcome, to_send=(pending.id,))
        record(
            "payment.refund",
            payment,
            actor_id=actor_id,
            cooperative_id=cooperative_id,
            refund=pending.id,
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
    if by_stripe:
        payment.needs_refund = False  # owed now: on the list of refunds to send, not to decide
    else:
        _mark_refunded(payment)
    if seller_order_id is not None:  # a cancelled part's receipt or tax invoice is credited
        credit_refund(db.session.get(SellerOrder, seller_order_id), outcome.refunded_satang)
    db.session.flush()
    return outcome


def _unused_key(key: str) -> str:
    """``key``, or ``key-2``, ``key-3``… when an earlier refund used it (money flagged again
    for the office after an earlier refund): Stripe refuses a key reused for another amount."""
    used = set(
        db.session.scalars(
            select(Refund.idempotency_key).where(Refund.idempotency_key.startswith(key))
        )
    )
    n, candidate = 1, key
    while candidate in used:
        n += 1
        candidate = f"{key}-{n}"
    return candidate


def send(refund_ids: tuple[int, ...] | list[int]) -> list[Refund]:
    """Send owed refunds to Stripe; returns them, each ``SENT``, or still owed with
    ``last_error``: ``PENDING`` when Stripe did not answer, ``REFUSED`` when it said no.

    Ends the caller's transaction (commit first: uncommitted changes raise RuntimeError) and
    commits each refund's outcome in a short transaction of its own under its order's lock.
    Stripe is called with no transaction open, with the refund's own idempotency key and its
    id and order number as metadata. A refund already sent is left as it is.
    """
    if db.session.new or db.session.dirty or db.session.deleted:
        raise RuntimeError("commit before sending refunds: Stripe is called with no transaction")
    db.session.rollback()
    results = []
    for refund_id in refund_ids:
        refund = db.session.get(Refund, refund_id)
        if refund is None:
            continue
        if refund.status != RefundStatus.SENT:
            request = (
                refund.payment.stripe_payment_intent,
                refund.amount_satang,
                refund.idempotency_key,
                {"refund_id": str(refund.id), "order_number": refund.payment.order.number},
            )
            db.session.rollback()  # no transaction while Stripe is called
            try:
                outcome = stripe_gateway.refund(*request), None
            except stripe_gateway.GatewayError as exc:
                log.warning("refund %s of %s satang: %s", refund_id, request[1], exc)
                outcome = "", exc
            refund = _apply(refund_id, *outcome)
        results.append(refund)
    return results


def _apply(refund_id: int, stripe_refund_id: str, error: stripe_gateway.GatewayError | None):
    refund = db.session.get(Refund, refund_id)
    lock_order(refund.payment.order_id)
    db.session.refresh(refund)
    if refund.status != RefundStatus.SENT:
        refund.attempts += 1
        refund.last_attempt_at = utcnow()
        refund.last_error = str(error or "")[:500]
        if error is None:
            refund.status = RefundStatus.SENT
            refund.stripe_refund_id = stripe_refund_id
            _mark_refunded(refund.payment)
        elif not error.retryable:
            refund.status = RefundStatus.REFUSED
    db.session.commit()
    return refund


def unsent_warning(refunds: list[Refund]) -> str:
    """What to tell staff when Stripe did not accept some refunds ("" when it accepted all)."""
    unsent = [r for r in refunds if r.status != RefundStatus.SENT]
    if not unsent:
        return ""
    amount = format_money(sum(r.amount_satang for r in unsent), current_language())
    if any(r.status == RefundStatus.REFUSED for r in unsent):
        return _(
            "Stripe refused the refund of %(amount)s. It stays owed to the buyer; the office "
            "has it on its list of refunds to settle.",
            amount=amount,
        )
    return _(
        "Stripe did not answer, so the refund of %(amount)s is not made yet. It stays owed to "
        "the buyer and is sent again automatically; you can also send it again from this page.",
        amount=amount,
    )


def pending_refunds_of(seller_order_id: int) -> list[Refund]:
    """The refunds of a seller order that Stripe has not accepted yet."""
    return list(
        db.session.scalars(
            select(Refund)
            .where(
                Refund.seller_order_id == seller_order_id,
                Refund.status != RefundStatus.SENT,
            )
            .order_by(Refund.id)
        )
    )


def pending_refunds(*, older_than: timedelta = timedelta(0), limit: int = 500) -> list[Refund]:
    """Refunds to send again by themselves (cron), oldest first: owed because Stripe did not
    answer, last tried before ``older_than`` ago (or never), made within ``KEY_LIFETIME``."""
    now = utcnow()
    cutoff = now - older_than
    return list(
        db.session.scalars(
            select(Refund)
            .where(
                Refund.status == RefundStatus.PENDING,
                Refund.created_at > now - KEY_LIFETIME,
                (Refund.last_attempt_at.is_(None) & (Refund.created_at <= cutoff))
                | (Refund.last_attempt_at <= cutoff),
            )
            .order_by(Refund.id)
            .limit(limit)
        )
    )


def owed_refunds(limit: int = 500) -> list[Refund]:
    """Every refund Stripe has not accepted yet, for the office's page, oldest first."""
    return list(
        db.session.scalars(
            select(Refund)
            .where(Refund.status != RefundStatus.SENT)
            .options(joinedload(Refund.payment).joinedload(Payment.order))
            .order_by(Refund.id)
            .limit(limit)
        )
    )


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
    bank transfer). Returns None if nothing was flagged. A card refund is pending in
    ``to_send``: the caller commits, then calls ``send``.
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
