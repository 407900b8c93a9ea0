"""Stripe webhook events: each recorded once by id, then applied through the payment rules."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.extensions import db
from shop.payments import services
from shop.payments.models import Payment, StripeEvent
from shop.payments.stripe_gateway import Event

log = logging.getLogger(__name__)


def _session_payment(obj: dict):
    return services.payment_for_session(
        obj.get("id", ""), (obj.get("metadata") or {}).get("order_number")
    )


def _completed(obj: dict) -> None:
    payment = _session_payment(obj)
    if payment is None:
        log.warning("checkout session %s matches no order", obj.get("id"))
        return
    if obj.get("payment_status") == "paid":
        services.record_paid(payment, reference=obj.get("payment_intent") or "")
    # "unpaid": PromptPay and other delayed methods; an async_payment_* event follows.


def _async_succeeded(obj: dict) -> None:
    payment = _session_payment(obj)
    if payment is not None:
        services.record_paid(payment, reference=obj.get("payment_intent") or "")


def _async_failed(obj: dict) -> None:
    payment = _session_payment(obj)
    if payment is not None:
        services.record_failed(payment, "Stripe: asynchronous payment failed")


def _expired(obj: dict) -> None:
    payment = _session_payment(obj)
    # Only the session the order waits on ends it: an earlier one whose answer was lost on the
    # way (so the buyer never saw it) runs out before the one the buyer is paying on.
    if payment is not None and payment.stripe_session_id == obj.get("id"):
        services.record_session_expired(payment)


def _refunded(obj: dict) -> None:
    intent = obj.get("payment_intent")
    if not intent:
        return
    payment = db.session.scalars(
        select(Payment).where(Payment.stripe_payment_intent == intent)
    ).first()
    if payment is not None:
        services.record_refund(payment, int(obj.get("amount_refunded") or 0))


HANDLERS: dict[str, Callable[[dict], None]] = {
    "checkout.session.completed": _completed,
    "checkout.session.async_payment_succeeded": _async_succeeded,
    "checkout.session.async_payment_failed": _async_failed,
    "checkout.session.expired": _expired,
    "charge.refunded": _refunded,
}


def handle(event: Event) -> str:
    """Apply one verified event, at most once. Returns what happened (for the log).

    The event id is inserted first: a replay, or the same event arriving twice at once,
    fails that insert and changes nothing. The caller commits.
    """
    handler = HANDLERS.get(event.type)
    try:
        with db.session.begin_nested():
            db.session.add(StripeEvent(id=event.id, type=event.type))
    except IntegrityError:
        return "duplicate"
    if handler is None:
        return "ignored"
    handler(event.object)
    return "applied"
