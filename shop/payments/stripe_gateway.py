"""The only module that talks to Stripe (official SDK, pinned API version).

``STRIPE_API_BASE`` points the SDK at another server: the tests' local stub (Stripe itself is
never reachable from the test machines).
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import stripe
from flask import current_app

from shop.core.db import utcnow
from shop.core.request_input import has_nul
from shop.orders.models import Order

API_VERSION = "2026-10-28.endive"
# Stripe refuses a Checkout Session that expires less than 30 minutes after it is created.
MIN_SESSION_LIFETIME = timedelta(minutes=30, seconds=30)
STRIPE_LOCALES = {"th": "th", "en": "en", "my": "auto"}  # Stripe has no Burmese page
SIGNATURE_TOLERANCE = 300  # seconds between a webhook's signing and its arrival, either way


class GatewayError(Exception):
    """Stripe could not be reached or refused the request; the message is for the log.

    ``retryable``: Stripe did not answer, was busy or failed on its side (sending the same
    request again later may work); False when Stripe refused the request itself.
    """

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


# Stripe answered and said no: sending the same request again gives the same answer.
REFUSALS = (
    stripe.InvalidRequestError,
    stripe.AuthenticationError,
    stripe.PermissionError,
    stripe.CardError,
    stripe.IdempotencyError,
)


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str
    expires_at: datetime


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    object: dict


def is_configured() -> bool:
    return bool(current_app.config.get("STRIPE_SECRET_KEY"))


def _client() -> stripe.StripeClient:
    """A client that fits inside a web request.

    The SDK's defaults (80 s per call, two retries) could hold a worker for minutes while
    Stripe is slow. Here a call waits at most STRIPE_TIMEOUT seconds (connecting: at most 5)
    and is retried STRIPE_MAX_NETWORK_RETRIES times (1) with the same idempotency key, so the
    worst case is about twice the timeout plus a second of back-off, and a retry of a call
    Stripe did handle returns the same object.
    """
    config = current_app.config
    base = config.get("STRIPE_API_BASE")
    timeout = config["STRIPE_TIMEOUT"]
    return stripe.StripeClient(
        config["STRIPE_SECRET_KEY"],
        stripe_version=API_VERSION,
        base_addresses={"api": base} if base else None,
        max_network_retries=config["STRIPE_MAX_NETWORK_RETRIES"],
        http_client=stripe.RequestsClient(timeout=(min(5.0, timeout), timeout)),
    )


EXPIRY_STEP = timedelta(minutes=5)


def session_expiry(order: Order) -> datetime:
    """When the Checkout Session ends: the order's window, but never sooner than Stripe allows.

    Stripe's earliest allowed end moves with the clock; it is rounded up to the next 5 minutes
    so that a second click or a retry a little later asks for the very same session (same
    parameters, same idempotency key) instead of making a second one.
    """
    step = EXPIRY_STEP.total_seconds()
    earliest = (utcnow() + MIN_SESSION_LIFETIME).timestamp()
    rounded = datetime.fromtimestamp(math.ceil(earliest / step) * step, tz=UTC)
    return max(order.expires_at, rounded)


@dataclass(frozen=True)
class CheckoutRequest:
    """What to ask Stripe for one Checkout Session, built while the order is at hand (so the
    call itself reads nothing from the database and can run with no transaction open)."""

    params: dict
    idempotency_key: str
    expires_at: datetime


def checkout_request(
    order: Order, success_url: str, cancel_url: str, *, payment_id: int
) -> CheckoutRequest:
    """The Checkout Session to ask for: card or PromptPay, THB, amounts in satang, one line per
    order line and one per cooperative's shipping.

    The idempotency key names the order and this exact request, so the SDK's retries (and a
    double click within the same second) return the same session instead of making a second.
    """
    line_items = [
        {
            "quantity": line.quantity,
            "price_data": {
                "currency": "thb",
                "unit_amount": line.unit_price_satang,
                "product_data": {"name": f"{line.product_name} — {line.variant_name}"},
            },
        }
        for line in order.lines
    ]
    line_items += [
        {
            "quantity": 1,
            "price_data": {
                "currency": "thb",
                "unit_amount": seller_order.shipping_satang,
                "product_data": {"name": f"Shipping: {seller_order.shipping_method_name}"},
            },
        }
        for seller_order in order.seller_orders
        if seller_order.shipping_satang > 0
    ]
    expires_at = session_expiry(order)
    params = {
        "mode": "payment",
        "payment_method_types": ["card", "promptpay"],
        "currency": "thb",
        "line_items": line_items,
        "client_reference_id": order.number,
        "customer_email": order.email,
        "metadata": {
            "order_number": order.number,
            "order_id": str(order.id),
            "payment_id": str(payment_id),
        },
        "payment_intent_data": {"metadata": {"order_number": order.number}},
        "expires_at": int(expires_at.timestamp()),
        "locale": STRIPE_LOCALES.get(order.locale, "auto"),
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    # Stripe answers a key reused with other parameters by an error, and the expiry moves with
    # the clock: a key naming the order alone would make every retry after a lost or failed
    # attempt fail. This one names the order and this exact request.
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:16]
    return CheckoutRequest(params, f"checkout-session-{order.number}-{digest}", expires_at)


def create_checkout_session(request: CheckoutRequest) -> CheckoutSession:
    """Ask Stripe for the hosted Checkout page. Reads nothing from the database: call it with
    no transaction open, a slow Stripe must hold no lock. Raises GatewayError."""
    try:
        session = _client().v1.checkout.sessions.create(
            request.params, options={"idempotency_key": request.idempotency_key}
        )
    except stripe.StripeError as exc:
        raise GatewayError(
            f"Stripe refused the checkout session: {exc}", retryable=not isinstance(exc, REFUSALS)
        ) from exc
    return CheckoutSession(id=session.id, url=session.url, expires_at=request.expires_at)


def refund(payment_intent: str, amount_satang: int, key: str, metadata: dict[str, str]) -> str:
    """Refund part or all of a payment; returns the refund id. ``metadata`` (the shop's refund
    id and order number) lets the office match it in Stripe's dashboard. Reads nothing from
    the database: call it with no transaction open. Raises GatewayError."""
    try:
        result = _client().v1.refunds.create(
            {"payment_intent": payment_intent, "amount": amount_satang, "metadata": metadata},
            options={"idempotency_key": key},
        )
    except stripe.StripeError as exc:
        message = getattr(exc, "user_message", None) or str(exc)
        raise GatewayError(
            f"Stripe refused the refund: {message}", retryable=not isinstance(exc, REFUSALS)
        ) from exc
    return result.id


class BadSignature(Exception):
    """A webhook delivery refused: its Stripe-Signature is missing, wrong or out of time, or
    the signed body is not a well-formed event (answered 400, nothing recorded)."""


class MalformedEvent(BadSignature):
    """A correctly signed body that is not a Stripe event the shop can read: not a JSON object,
    no string ``id`` or ``type``, no ``data.object`` object, or text the database cannot store
    (a NUL character, an id longer than Stripe's)."""


MAX_ID_LENGTH = 255  # the stripe_event.id column; Stripe's ids are far shorter


def _signed_at(signature: str) -> list[int]:
    """The timestamps (``t=``) a Stripe-Signature header carries."""
    stamps = []
    for item in signature.split(","):
        name, _, value = item.strip().partition("=")
        if name == "t":
            try:
                stamps.append(int(value))
            except ValueError as exc:
                raise BadSignature("unreadable timestamp") from exc
    return stamps


def _well_formed(event: object) -> Event:
    """The event a verified body carries. Raises MalformedEvent."""
    if not isinstance(event, dict):
        raise MalformedEvent(f"the body is a JSON {type(event).__name__}, not an event object")
    event_id, event_type, data = event.get("id"), event.get("type"), event.get("data")
    for name, value in (("id", event_id), ("type", event_type)):
        if not isinstance(value, str) or not value or len(value) > MAX_ID_LENGTH:
            raise MalformedEvent(f"the event's {name} is missing or not a short text")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise MalformedEvent("the event has no data.object object")
    if has_nul(event):
        raise MalformedEvent("the event carries a NUL character")
    return Event(id=event_id, type=event_type, object=data["object"])


def verify_event(payload: bytes, signature: str | None) -> Event:
    """Check a webhook signature and return the event. Raises BadSignature (MalformedEvent
    for a signed body that is not a well-formed event).

    The signature must have been made within ``SIGNATURE_TOLERANCE`` seconds of now, before or
    after: the SDK refuses only old ones, and a request signed "in the future" (a leaked
    signature made to be replayed later, or a clock far off) is refused here. The body is then
    read as plain JSON and its shape checked (``_well_formed``): a signature proves who sent
    it, not that the shop can read it.
    """
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET")
    if not secret or not signature:
        raise BadSignature("missing signature or webhook secret")
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature, secret, tolerance=SIGNATURE_TOLERANCE
        )
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise BadSignature(str(exc)) from exc
    stamps = _signed_at(signature)
    if not stamps or max(stamps) > time.time() + SIGNATURE_TOLERANCE:
        raise BadSignature("timestamp outside the tolerance zone (in the future)")
    try:
        event = json.loads(payload)
    except (ValueError, RecursionError) as exc:
        raise MalformedEvent(f"the body is not JSON: {exc}") from exc
    return _well_formed(event)
