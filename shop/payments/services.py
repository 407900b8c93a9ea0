"""Payment rules shared by Stripe webhooks, transfer slips and the admin's review.

Every change goes through the order state machine (shop.orders.state), which only moves
forward: a second "paid" for the same order does nothing, and money that arrives for an order
that has already expired or been cancelled is flagged for a refund, never taken silently.
Money a provider reports is believed only when the report agrees with the payment it names
(shop.payments.checks); refunds go through shop.payments.refunds.
"""

from __future__ import annotations

import hashlib
import logging

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from shop.core.db import utcnow
from shop.core.images import (
    SLIP_DIR,
    SLIP_SIZES,
    ImageNotStored,
    ImageRejected,
    delete_unless_committed,
    store_image,
)
from shop.core.mail import send_after_commit
from shop.core.urls import external_url
from shop.documents.services import issue_receipts
from shop.extensions import db
from shop.orders import state
from shop.orders.fulfilment import mail_staff_of_paid_order
from shop.orders.models import Order, OrderStatus, PaymentMethod
from shop.orders.services import expire, lock_order
from shop.payments import checks, refunds, stripe_gateway
from shop.payments.errors import PaymentError
from shop.payments.models import Payment, PaymentStatus
from shop.payments.reasons import TRANSFER_REJECTION
from shop.payments.refunds import refund_flagged, refundable
from shop.platform.audit import record

log = logging.getLogger(__name__)
RECEIVED = (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED)

__all__ = ["PaymentError", "refund_flagged", "refundable"]


def open_payment(order: Order) -> Payment:
    payment = Payment(order=order, method=order.payment_method, amount_satang=order.total_satang)
    db.session.add(payment)
    db.session.flush()
    return payment


def current_payment(order: Order) -> Payment | None:
    return order.payments[-1] if order.payments else None


def _order_url(order: Order) -> str:
    return external_url("orders.detail", token=order.token)


# --- Stripe -----------------------------------------------------------------------------------


def start_stripe_checkout(order: Order) -> str:
    """The URL of the order's Stripe Checkout page, creating the session the first time.

    Ends the request's transaction (the one place in the shop that does, besides views):
    Stripe is called with no transaction open, so a slow or silent Stripe holds no lock that
    another buyer needs (on SQLite, the database's one write lock). The payment attempt is
    committed first; what Stripe answered is recorded afterwards in a short transaction under
    the order's lock. If another request recorded a session for the same attempt meanwhile (a
    double click), that first session stays and its URL is returned.

    Raises PaymentError when the order cannot be paid any more or Stripe does not answer; the
    order stays payable then (by card again, or by transfer).
    """
    order = lock_order(order.id)
    payment = _stripe_attempt(order)
    if payment.stripe_session_id and payment.stripe_session_url:
        return payment.stripe_session_url
    request = stripe_gateway.checkout_request(
        order,
        success_url=external_url("orders.detail", token=order.token, paid="1"),
        cancel_url=_order_url(order),
        payment_id=payment.id,
    )
    order_id, payment_id, number = order.id, payment.id, order.number
    db.session.commit()
    try:
        session = stripe_gateway.create_checkout_session(request)
    except stripe_gateway.GatewayError as exc:
        log.warning("order %s: %s", number, exc)
        raise PaymentError(
            _l("Card payment is not available right now. Please try again in a moment.")
        ) from exc
    order = lock_order(order_id)
    payment = db.session.get(Payment, payment_id, populate_existing=True)
    if not (payment.stripe_session_id and payment.stripe_session_url):
        if order.status != OrderStatus.PENDING_PAYMENT or payment.status != PaymentStatus.PENDING:
            # The order expired, or was cancelled or paid, while Stripe answered.
            raise PaymentError(_l("This order cannot be paid any more."))
        payment.stripe_session_id = session.id
        payment.stripe_session_url = session.url
        order.expires_at = session.expires_at
    url = payment.stripe_session_url
    db.session.commit()
    return url


def _stripe_attempt(order: Order) -> Payment:
    """The payment attempt a card payment of ``order`` goes on (opened when the last one is
    finished). Raises PaymentError when the order cannot be paid by card any more."""
    if order.status != OrderStatus.PENDING_PAYMENT or order.payment_method != PaymentMethod.STRIPE:
        raise PaymentError(_l("This order cannot be paid any more."))
    payment = current_payment(order)
    if payment.status != PaymentStatus.PENDING:
        # Its Checkout Session is finished (a delayed payment failed, or money arrived that
        # could not pay the order and is flagged for the office): pay on a new one.
        payment = open_payment(order)
    return payment


def payment_for_session(session_id: object) -> Payment | None:
    """The payment a Stripe Checkout Session was opened for, by the session's id alone.

    Whatever else an event names (metadata, client reference) is only compared afterwards:
    it never chooses a payment.
    """
    if not isinstance(session_id, str) or not session_id:
        return None
    return db.session.scalars(
        select(Payment).where(Payment.stripe_session_id == session_id)
    ).first()


def payment_for_intent(payment_intent: object) -> Payment | None:
    """The payment that received a Stripe payment intent's money, by the intent's id alone."""
    if not isinstance(payment_intent, str) or not payment_intent:
        return None
    return db.session.scalars(
        select(Payment).where(Payment.stripe_payment_intent == payment_intent)
    ).first()


# --- transitions ----------------------------------------------------------------------------


def _lock(payment: Payment) -> Order:
    """Lock the payment's order, then re-read the payment.

    A concurrent request for the same payment (a double click, another webhook) may have
    changed it while this one waited for the lock; deciding on the copy loaded before the lock
    would, for one, take a payment already received for a second one and flag it for a refund.
    Locking flushes this request's own changes first, so the refresh loses none of them.
    """
    order = lock_order(payment.order_id)
    db.session.refresh(payment)
    return order


def _flag(payment: Payment, found: dict, *, refund: bool) -> None:
    """Put ``payment`` on the office's list with the problem found: to refund, or to check."""
    if found not in payment.problems:
        payment.problems = [*payment.problems, found]
    if refund:
        payment.needs_refund = True
    else:
        payment.needs_review = True


def _mail_late_payment(payment: Payment, order: Order) -> None:
    send_after_commit(
        order.email,
        "late_payment",
        order.locale,
        order=order,
        amount_satang=payment.received_satang,
        expired=order.status == OrderStatus.EXPIRED,
        by_stripe=payment.method == PaymentMethod.STRIPE,
        url=_order_url(order),
    )


def record_paid(
    payment: Payment, *, reference: str = "", received_satang: int | None = None
) -> bool:
    """The payment's exact amount arrived. Marks the order paid (once), mails buyer and staff.

    ``received_satang`` is what a provider reported (checked by ``receive_reported``); a
    confirmed transfer received the payment's amount. If the order had already expired or been
    cancelled, the payment is flagged for a refund instead and the buyer is told it will be
    refunded. Returns True when the order became paid by this call.
    """
    order = _lock(payment)
    if reference:
        payment.stripe_payment_intent = payment.stripe_payment_intent or reference
    if payment.status in RECEIVED:
        return False
    payment.status = PaymentStatus.SUCCEEDED
    payment.received_satang = payment.amount_satang if received_satang is None else received_satang
    if state.move(order, OrderStatus.PAID):
        payment.paid_order = True
        issue_receipts(order)
        send_after_commit(
            order.email, "order_paid", order.locale, order=order, url=_order_url(order)
        )
        mail_staff_of_paid_order(order)
        db.session.flush()
        return True
    if order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
        _flag(payment, checks.problem("late", status=str(order.status)), refund=True)
        _mail_late_payment(payment, order)
        log.warning("payment for closed order %s flagged for refund", order.number)
    elif order.status == OrderStatus.PAID:
        _flag(payment, checks.problem("second"), refund=True)
        log.warning("second payment for order %s flagged for refund", order.number)
    db.session.flush()
    return False


def receive_reported(payment: Payment, report: checks.Report, *, reference: str = "") -> bool:
    """A provider reports money received for ``payment``: it pays the order only when the
    report agrees with the payment (THB, its exact amount, no other order or payment named).

    Otherwise the order is left as it is, nobody is mailed, and the payment is flagged with the
    problem on /admin/payments: for a refund when money of a known amount in baht arrived for a
    payment still waiting, else for the office to check. Returns True when the order became paid.
    """
    order = _lock(payment)
    found = checks.paid_problem(payment, order, report)
    if found is None:
        return record_paid(payment, reference=reference, received_satang=payment.amount_satang)
    log.warning("payment %s (order %s): report refused: %s", payment.id, order.number, found)
    if reference:
        payment.stripe_payment_intent = payment.stripe_payment_intent or reference
    if payment.status in RECEIVED:
        # The money this payment stands for was taken as reported before; this contradicts it.
        _flag(payment, found, refund=False)
    else:
        payment.status = PaymentStatus.SUCCEEDED
        known = found["code"] in ("amount", "claim") and report.amount > 0
        payment.received_satang = report.amount if known else None
        _flag(payment, found, refund=known)
        if known and order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
            _flag(payment, checks.problem("late", status=str(order.status)), refund=True)
            _mail_late_payment(payment, order)
    db.session.flush()
    return False


def receive_refund_report(payment: Payment, report: checks.Report) -> bool:
    """Stripe reports the refunded total of the charge behind ``payment``: recorded when it
    agrees with what the payment received, else flagged for the office. True when recorded."""
    order = _lock(payment)
    found = checks.refund_problem(payment, order, report)
    if found is not None:
        log.warning("payment %s (order %s): refund refused: %s", payment.id, order.number, found)
        _flag(payment, found, refund=False)
        db.session.flush()
        return False
    refunds.record_refunded_total(payment, report.refunded)
    return True


def ignores_claims(payment: Payment, claims: dict) -> bool:
    """True when an event about ``payment`` that moves no money names another order or
    payment besides: it is logged and left alone."""
    order = db.session.get(Order, payment.order_id)
    found = checks.claims_problem(payment, order, claims)
    if found is not None:
        log.warning("payment %s (order %s): event ignored: %s", payment.id, order.number, found)
    return found is not None


def late_payments(order: Order) -> list[Payment]:
    """Money that arrived for ``order`` after it had expired or been cancelled."""
    return [p for p in order.payments if any(f.get("code") == "late" for f in p.problems or [])]


def mark_checked(payment: Payment, admin_id: int) -> bool:
    """The office looked at a flagged report. Returns False when nothing was waiting."""
    _lock(payment)
    if not payment.needs_review:
        return False
    payment.needs_review = False
    payment.reviewed_by_id = admin_id
    payment.reviewed_at = utcnow()
    record("payment.checked", payment, actor_id=admin_id, order=payment.order.number)
    db.session.flush()
    return True


def record_failed(payment: Payment, reason: str = "") -> bool:
    """A payment attempt failed; the order stays open until it is paid another way or expires."""
    _lock(payment)
    if payment.status != PaymentStatus.PENDING:
        return False
    payment.status = PaymentStatus.FAILED
    payment.note = reason[:500]
    db.session.flush()
    return True


def record_session_expired(payment: Payment) -> bool:
    """Stripe's Checkout Session ended unpaid: the order expires and its stock returns."""
    order = db.session.get(Order, payment.order_id)
    return expire(order)


# --- bank transfer ----------------------------------------------------------------------------


def upload_slip(order: Order, data: bytes) -> Payment:
    """Keep the buyer's transfer slip (re-encoded picture) for an admin to check.

    Raises PaymentError when the order is not waiting for a transfer, the file is refused or
    the slip cannot be written. The files are removed again if the transaction does not commit.
    """
    if (
        order.status != OrderStatus.PENDING_PAYMENT
        or order.payment_method != PaymentMethod.TRANSFER
    ):
        raise PaymentError(_l("This order is not waiting for a transfer."))
    upload_dir = current_app.config["UPLOAD_DIR"]
    try:
        stored = store_image(data, upload_dir, SLIP_DIR, SLIP_SIZES)
    except ImageRejected as exc:
        raise PaymentError(
            _l("Please upload a photo or screenshot of the slip (JPEG, PNG or WebP, up to 10 MB).")
        ) from exc
    except ImageNotStored as exc:
        raise PaymentError(
            _l("The slip could not be saved right now. Please try again in a few minutes.")
        ) from exc
    delete_unless_committed(db.session, stored.stem, upload_dir, SLIP_DIR, SLIP_SIZES)
    payment = current_payment(order)
    payment.slip_stem = stored.stem
    payment.slip_sha256 = hashlib.sha256(data).hexdigest()
    payment.slip_uploaded_at = utcnow()
    payment.status = PaymentStatus.PENDING
    db.session.flush()
    return payment


def slips_to_review() -> list[Payment]:
    return list(
        db.session.scalars(
            select(Payment)
            .join(Payment.order)
            .where(
                Payment.method == PaymentMethod.TRANSFER,
                Payment.status == PaymentStatus.PENDING,
                Payment.slip_stem != "",
            )
            .order_by(Payment.slip_uploaded_at)
        )
    )


def payments_needing_refund() -> list[Payment]:
    return list(
        db.session.scalars(select(Payment).where(Payment.needs_refund).order_by(Payment.updated_at))
    )


def payments_to_check() -> list[Payment]:
    """Payments a provider reported something about that the shop could not believe."""
    return list(
        db.session.scalars(select(Payment).where(Payment.needs_review).order_by(Payment.updated_at))
    )


def same_slip_payments(payments: list[Payment]) -> dict[int, list[Payment]]:
    """For each of ``payments``, the other payments whose slip was the very same file (the
    SHA-256 of its bytes), oldest upload first, with their orders: ``{payment id: [Payment]}``.

    One query for the whole list. A slip sent before the hash was kept has none and matches
    nothing.
    """
    digests = {p.slip_sha256 for p in payments if p.slip_sha256}
    found: dict[int, list[Payment]] = {p.id: [] for p in payments}
    if not digests:
        return found
    same = db.session.scalars(
        select(Payment)
        .where(Payment.slip_sha256.in_(digests))
        .options(joinedload(Payment.order))
        .order_by(Payment.slip_uploaded_at, Payment.id)
    ).all()
    for payment in payments:
        found[payment.id] = [
            other
            for other in same
            if other.slip_sha256 == payment.slip_sha256 and other.id != payment.id
        ]
    return found


def _slip_details(payment: Payment, others: list[Payment]) -> dict:
    details: dict = {"order": payment.order.number, "amount_satang": payment.amount_satang}
    if others:
        details["same_slip_orders"] = sorted({o.order.number for o in others})
    return details


def confirm_transfer(payment: Payment, admin_id: int) -> bool:
    """An admin saw the money arrive: the order is paid (once), and the audit log says who
    confirmed it (with the other orders the same slip picture was sent for, if any).

    Returns True if it became paid; False for a slip already decided (a double click, a stale
    page), which changes nothing. Raises PaymentError for a payment that is not a transfer.
    """
    if payment.method != PaymentMethod.TRANSFER:
        raise PaymentError(_l("Only transfers are confirmed here."))
    _lock(payment)
    if payment.status != PaymentStatus.PENDING:
        return False  # already confirmed, or rejected on another page
    payment.reviewed_by_id = admin_id
    payment.reviewed_at = utcnow()
    others = same_slip_payments([payment])[payment.id]
    record("payment.confirm", payment, actor_id=admin_id, **_slip_details(payment, others))
    return record_paid(payment)


def reject_transfer(payment: Payment, admin_id: int, reason: tuple[str, str]) -> bool:
    """The slip does not match a transfer; the buyer is told why and may upload another.

    ``reason`` is (code of ``payments.reasons.TRANSFER_REJECTION`` or ``other``, a note in the
    admin's own words of at most 500 characters): stored, written to the audit log, and worded
    for the buyer in the order's language (``core.reasons.reason_text``).
    Returns False, changing nothing, for a slip that is not waiting any more.
    Raises PaymentError when no listed reason is given, or "other" comes without a note.
    """
    code, note = reason[0], reason[1].strip()
    if not TRANSFER_REJECTION.accepts(code, note):
        raise PaymentError(_l("Please tell the buyer why the slip is rejected."))
    order = _lock(payment)
    if payment.method != PaymentMethod.TRANSFER or payment.status != PaymentStatus.PENDING:
        return False
    payment.status = PaymentStatus.FAILED
    payment.reviewed_by_id = admin_id
    payment.reviewed_at = utcnow()
    payment.reason_code = code
    payment.note = note[:500]
    others = same_slip_payments([payment])[payment.id]
    record(
        "payment.reject",
        payment,
        actor_id=admin_id,
        reason=code,
        note=payment.note,
        **_slip_details(payment, others),
    )
    retry = Payment(order=order, method=PaymentMethod.TRANSFER, amount_satang=order.total_satang)
    db.session.add(retry)
    send_after_commit(
        order.email,
        "transfer_rejected",
        order.locale,
        order=order,
        reason_code=payment.reason_code,
        reason_note=payment.note,
        url=_order_url(order),
    )
    db.session.flush()
    return True
