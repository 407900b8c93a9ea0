"""Stripe webhook events: each recorded once by id, then applied through the payment rules."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from shop.extensions import db
from shop.payments import checks, services
from shop.payments.models import Payment, StripeEvent
from shop.payments.stripe_gateway import MAX_ID_LENGTH, Event

log = logging.getLogger(__name__)


def _claims(obj: dict) -> dict:
    """The ids an event names besides its own: only ever compared with the payment found."""
    metadata = obj.get("metadata")
    claims = dict(metadata) if isinstance(metadata, dict) else {}
    if obj.get("client_reference_id") is not None:
        claims.setdefault("order_number", obj["client_reference_id"])
    return claims


def _session_payment(obj: dict) -> Payment | None:
    payment = services.payment_for_session(obj.get("id"))
    if payment is None:
        log.warning("checkout session %s matches no payment", obj.get("id"))
    return payment


def _money_in(obj: dict) -> None:
    """Money arrived on a Checkout Session: believed only if it agrees with its payment."""
    payment = _session_payment(obj)
    if payment is None:
        return
    report = checks.Report(
        amount=obj.get("amount_total"), currency=obj.get("currency"), claims=_claims(obj)
    )
    reference = obj.get("payment_intent")
    services.receive_reported(payment, report, reference=_stripe_id(reference))


def _stripe_id(value: object) -> str:
    """An id the event names, kept only when it is one (a text of at most 255 characters)."""
    return value if isinstance(value, str) and len(value) <= MAX_ID_LENGTH else ""


def _completed(obj: dict) -> None:
    if obj.get("payment_status") == "paid":
        _money_in(obj)
    # "unpaid": PromptPay and other delayed methods; an async_payment_* event follows.


def _async_succeeded(obj: dict) -> None:
    _money_in(obj)


def _async_failed(obj: dict) -> None:
    payment = _session_payment(obj)
    if payment is not None and not services.ignores_claims(payment, _claims(obj)):
        services.record_failed(payment, "Stripe: asynchronous payment failed")


def _expired(obj: dict) -> None:
    payment = _session_payment(obj)
    if payment is not None and not services.ignores_claims(payment, _claims(obj)):
        services.record_session_expired(payment)


def _refunded(obj: dict) -> None:
    """A charge was refunded (by the shop or in Stripe's dashboard): ``amount_refunded`` is the
    charge's refunded total so far, checked with its amount and currency against the payment."""
    payment = services.payment_for_intent(obj.get("payment_intent"))
    if payment is None:
        log.warning("refunded charge %s matches no payment", obj.get("id"))
        return
    report = checks.Report(
        amount=obj.get("amount"),
        currency=obj.get("currency"),
        refunded=obj.get("amount_refunded"),
        claims=_claims(obj),
    )
    services.receive_refund_report(payment, report)


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
