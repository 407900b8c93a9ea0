"""Outgoing webhooks: ``order.confirmed``, ``order.shipped``, ``invoice.issued`` and
``invoice.overdue``, posted to the one address a partner admin set, signed like Stripe's.

Each event becomes a ``WebhookDelivery`` row and a ``webhook.deliver`` task of the task outbox
(shop.core.tasks) in the same transaction as the change that caused it (a listener on the
session's flush sees a cooperative confirm or ship a partner's part, an invoice issued, an
overdue reminder), so a rolled-back change never posts anything and a committed one always has
its delivery. After the commit the task goes the way of all background work (the Celery worker,
or after the response in-process). A receiver that does not answer 2xx within WEBHOOK_TIMEOUT
seconds is tried again by the outbox with its growing waits (tasks.BACKOFF), up to
tasks.MAX_ATTEMPTS; each attempt's response code is kept on the delivery for the partner
admin's page. Redirects are not followed: only the address the partner set is ever called.

Signature header: ``Shop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with
the partner's secret>``; a receiver recomputes it and refuses a timestamp older than 5 minutes
(see :func:`verify_signature`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from shop.api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from shop.core.db import utcnow
from shop.core.tasks import MAX_ATTEMPTS, TryLater, backoff, defer, handler
from shop.extensions import db
from shop.platform.audit import record

log = logging.getLogger(__name__)
MAX_URL = 500
SIGNATURE_TOLERANCE_S = 300
ENDPOINTS = "webhook_endpoints"  # session.info: each partner's active endpoint, per transaction
EVENTS = ("order.confirmed", "order.shipped", "invoice.issued", "invoice.overdue")
STATUS_NAMES = {
    DeliveryStatus.QUEUED: _l("Waiting to be sent"),
    DeliveryStatus.SENDING: _l("Being sent"),
    DeliveryStatus.DELIVERED: _l("Received by your system"),
    DeliveryStatus.FAILED: _l("Given up"),
}


def N_(text: str) -> str:
    """Marks text for translation that is stored in English and translated when shown."""
    return text


# What a failed delivery keeps as its error (in English); the partner's page shows each
# translated (ERRORS). An HTTP status ("HTTP 502") is shown as it is.
PRIVATE_ADDRESS = N_("The address leads to a private network: not sent.")
NO_ANSWER = N_("No answer in time.")
NO_CONNECTION = N_("Could not connect.")
ADDRESS_REMOVED = N_("The partner removed its address.")
ERRORS = frozenset((PRIVATE_ADDRESS, NO_ANSWER, NO_CONNECTION, ADDRESS_REMOVED))


class WebhookError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- the partner's address ---------------------------------------------------------------------


def endpoint_of(partner_id: int) -> WebhookEndpoint | None:
    return db.session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.partner_shop_id == partner_id)
    ).first()


def _is_public(host: str) -> bool:
    """Whether ``host`` (a name or an address) may be a receiver in production: not this
    machine, a private or link-local network (169.254.169.254 is a cloud's metadata service),
    nor a reserved range. A name is judged by its addresses when a delivery is sent."""
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        name = host.rstrip(".").lower()
        return "." in name and not name.endswith((".localhost", ".local", ".internal"))


def check_url(url: str) -> str:
    """The address as stored; raises WebhookError unless it is an absolute https address
    (http too outside production, for a receiver on the same machine) without a password, and,
    in production, on a public host (see ``_is_public``)."""
    url = url.strip()
    parts = urlsplit(url)
    production = current_app.config.get("SHOP_ENV") == "production"
    allowed = ("https",) if production else ("https", "http")
    if (
        parts.scheme not in allowed
        or not parts.hostname
        or parts.username
        or parts.password
        or len(url) > MAX_URL
        or any(ch.isspace() for ch in url)
    ):
        raise WebhookError(_l("Please enter a full https:// address."))
    if production and not _is_public(parts.hostname):
        raise WebhookError(_l("Please enter the address of a server on the internet."))
    return url


def _resolves_privately(url: str) -> bool:
    """In production, whether the address's host name leads to a non-public address now (a
    name may have been pointed at an internal machine after it was saved)."""
    if current_app.config.get("SHOP_ENV") != "production":
        return False
    host = urlsplit(url).hostname or ""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return False  # not found: the post fails on its own, as "could not connect"
    return any(not _is_public(info[4][0]) for info in found)


def set_endpoint(partner, url: str, *, actor) -> WebhookEndpoint | None:
    """Set (or, with an empty ``url``, remove) the partner's address; the signing secret is
    made once and kept when the address changes."""
    endpoint = endpoint_of(partner.id)
    if not url.strip():
        if endpoint is not None:
            db.session.delete(endpoint)
            db.session.flush()
            record("api_webhook.remove", partner, actor_id=actor.id)
        return None
    url = check_url(url)
    if endpoint is None:
        endpoint = WebhookEndpoint(
            partner_shop_id=partner.id, url=url, secret="whsec_" + secrets.token_urlsafe(32)
        )
        db.session.add(endpoint)
    endpoint.url = url
    endpoint.is_active = True
    db.session.flush()
    record("api_webhook.set", partner, actor_id=actor.id, url=url)
    return endpoint


def recent_deliveries(partner_id: int, limit: int = 50) -> list[WebhookDelivery]:
    return list(
        db.session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.partner_shop_id == partner_id)
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
            .limit(limit)
        )
    )


# --- signing -----------------------------------------------------------------------------------


def signature(secret: str, timestamp: int, body: str) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_signature(
    secret: str,
    header: str,
    body: str,
    *,
    now: float | None = None,
    tolerance: int = SIGNATURE_TOLERANCE_S,
) -> bool:
    """What a receiver does: the header's v1 is the HMAC of its t and the body, and t is
    recent. Constant-time comparison."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (ValueError, KeyError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


# --- recording events in the change's transaction ----------------------------------------------


def _queue(session: Session, partner_id: int, name: str, data: dict) -> None:
    endpoints = session.info.setdefault(ENDPOINTS, {})
    if partner_id not in endpoints:
        endpoints[partner_id] = session.scalars(
            select(WebhookEndpoint).where(
                WebhookEndpoint.partner_shop_id == partner_id, WebhookEndpoint.is_active
            )
        ).first()
    endpoint = endpoints[partner_id]
    if endpoint is None:
        return
    event_id = "evt_" + secrets.token_hex(12)
    body = json.dumps(
        {"id": event_id, "type": name, "created": int(time.time()), "data": data},
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    delivery = WebhookDelivery(
        partner_shop_id=partner_id, event_id=event_id, event=name, url=endpoint.url, body=body
    )
    session.add(delivery)
    defer("webhook.deliver", event_id=event_id)


def _part_data(part) -> dict:
    return {
        "order": part.order.number,
        "cooperative": part.cooperative.slug,
        "status": str(part.status),
        "delivery_date": part.delivery_date.isoformat() if part.delivery_date else None,
        "carrier": part.carrier,
        "tracking_number": part.tracking_number,
    }


def _invoice_data(invoice) -> dict:
    from shop.orders.models import SellerOrder

    part = invoice.seller_order or db.session.get(SellerOrder, invoice.seller_order_id)
    return {
        "invoice": invoice.number,
        "order": part.order.number if part else None,
        "amount_satang": invoice.amount_satang,
        "paid_satang": invoice.paid_satang,
        "due_on": invoice.due_on.isoformat(),
    }


@event.listens_for(Session, "before_flush")
def _record_events(session: Session, _flush_context, _instances) -> None:
    from sqlalchemy import inspect

    from shop.orders.models import SellerOrder, SellerOrderStatus
    from shop.wholesale.models import InvoiceReminder, PartnerInvoice

    with session.no_autoflush:
        for obj in list(session.new):
            if isinstance(obj, PartnerInvoice):
                _queue(session, obj.partner_shop_id, "invoice.issued", _invoice_data(obj))
            elif isinstance(obj, InvoiceReminder) and obj.kind == "overdue":
                invoice = db.session.get(PartnerInvoice, obj.invoice_id)
                _queue(session, invoice.partner_shop_id, "invoice.overdue", _invoice_data(invoice))
        for obj in list(session.dirty):
            if not isinstance(obj, SellerOrder):
                continue
            history = inspect(obj).attrs.status.history
            if not history.added or obj.order.partner_shop_id is None:
                continue
            status = history.added[0]
            if status == SellerOrderStatus.CONFIRMED:
                _queue(session, obj.order.partner_shop_id, "order.confirmed", _part_data(obj))
            elif status == SellerOrderStatus.SHIPPED:
                _queue(session, obj.order.partner_shop_id, "order.shipped", _part_data(obj))


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_endpoints(session: Session) -> None:
    session.info.pop(ENDPOINTS, None)


# --- sending -----------------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx answer is the attempt's result: only the set address is called


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, body: str, secret: str, row) -> tuple[int | None, str]:
    timestamp = int(time.time())
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "RanongCoffee-Webhooks/1",
            "Shop-Signature": signature(secret, timestamp, body),
            "Shop-Event": row.event,
            "Shop-Delivery": row.event_id,
        },
    )
    timeout = float(current_app.config.get("WEBHOOK_TIMEOUT", 10))
    if _resolves_privately(url):
        return None, PRIVATE_ADDRESS
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:
        # The partner sees what happened, not the connection's internals (host, port, errno).
        log.info("webhook delivery %s to %s: %r", row.event_id, url, exc)
        if isinstance(exc, TimeoutError) or "timed out" in str(exc):
            return None, NO_ANSWER
        return None, NO_CONNECTION


def _set(delivery_id: int, **values) -> None:
    """Write the delivery's state on a connection of its own: it is kept when the task's
    session is rolled back for a retry (TryLater)."""
    with db.engine.begin() as conn:
        conn.execute(
            update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values)
        )


@handler("webhook.deliver")
def deliver(event_id: str) -> None:
    """The outbox task of one delivery: post it unless it was delivered or given up already.

    2xx: delivered. Anything else: the attempt's code and error are kept on the row, and
    TryLater lets the outbox run it again after its back-off (tasks.BACKOFF), until
    tasks.MAX_ATTEMPTS, when the delivery is failed. A partner that removed its address meanwhile
    fails the delivery at once.
    """
    with db.engine.connect() as conn:
        row = conn.execute(
            select(WebhookDelivery.__table__).where(WebhookDelivery.event_id == event_id)
        ).one_or_none()
        if row is None or row.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
            return
        secret = conn.scalar(
            select(WebhookEndpoint.secret).where(
                WebhookEndpoint.partner_shop_id == row.partner_shop_id
            )
        )
    attempts = row.attempts + 1
    _set(row.id, status=DeliveryStatus.SENDING, attempts=attempts)
    if secret is None:
        _set(row.id, status=DeliveryStatus.FAILED, last_error=ADDRESS_REMOVED)
        return
    code, error = _post(row.url, row.body, secret, row)
    if code is not None and 200 <= code < 300:
        _set(
            row.id,
            status=DeliveryStatus.DELIVERED,
            response_code=code,
            delivered_at=utcnow(),
            last_error="",
        )
        return
    log.warning("webhook %s to %s: %s", row.event_id, row.url, error)
    if attempts >= MAX_ATTEMPTS:
        _set(row.id, status=DeliveryStatus.FAILED, response_code=code, last_error=error)
    else:
        _set(
            row.id,
            status=DeliveryStatus.QUEUED,
            response_code=code,
            last_error=error,
            next_attempt_at=utcnow() + backoff(attempts),
        )
    raise TryLater(error)
