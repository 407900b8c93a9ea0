"""Payment rules shared by Stripe webhooks, transfer slips and the admin's review.

Every change goes through the order state machine (shop.orders.state), which only moves
forward: a second "paid" for the same order does nothing, and money that arrives for an order
that has already expired or been cancelled is flagged for a refund, never taken silently.
"""

from __future__ import annotations

import logging

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

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
from shop.extensions import db
from shop.orders import state
from shop.orders.fulfilment import mail_staff_of_paid_order
from shop.orders.models import Order, OrderStatus, PaymentMethod
from shop.orders.services import expire, lock_order
from shop.payments import stripe_gateway
from shop.payments.models import Payment, PaymentStatus
from shop.platform.audit import record

log = logging.getLogger(__name__)


class PaymentError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


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

    Raises PaymentError when the order cannot be paid any more or Stripe does not answer.
    """
    if order.status != OrderStatus.PENDING_PAYMENT or order.payment_method != PaymentMethod.STRIPE:
        raise PaymentError(_l("This order cannot be paid any more."))
    payment = current_payment(order)
    if payment.status == PaymentStatus.FAILED:
        # Its Checkout Session is finished (a delayed payment failed): pay on a new one.
        payment = open_payment(order)
    if payment.stripe_session_id and payment.stripe_session_url:
        return payment.stripe_session_url
    try:
        session = stripe_gateway.create_checkout_session(
            order,
            success_url=external_url("orders.detail", token=order.token, paid="1"),
            cancel_url=_order_url(order),
            payment_id=payment.id,
        )
    except stripe_gateway.GatewayError as exc:
        log.warning("order %s: %s", order.number, exc)
        raise PaymentError(
            _l("Card payment is not available right now. Please try again in a moment.")
        ) from exc
    payment.stripe_session_id = session.id
    payment.stripe_session_url = session.url
    order.expires_at = session.expires_at
    db.session.flush()
    return session.url


def payment_for_session(session_id: str, order_number: str | None) -> Payment | None:
    payment = db.session.scalars(
        select(Payment).where(Payment.stripe_session_id == session_id)
    ).first()
    if payment is None and order_number:
        order = db.session.scalars(select(Order).where(Order.number == order_number)).first()
        if order is not None and order.payment_method == PaymentMethod.STRIPE:
            payment = current_payment(order)
            if payment is not None and not payment.stripe_session_id:
                payment.stripe_session_id = session_id
    return payment


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


def record_paid(payment: Payment, *, reference: str = "") -> bool:
    """Money arrived for ``payment``. Marks the order paid (once), mails the buyer and the staff.

    If the order had already expired or been cancelled, the payment is flagged for a refund
    instead. Returns True when the order became paid by this call.
    """
    order = _lock(payment)
    if reference:
        payment.stripe_payment_intent = payment.stripe_payment_intent or reference
    if payment.status == PaymentStatus.SUCCEEDED:
        return False
    payment.status = PaymentStatus.SUCCEEDED
    if state.move(order, OrderStatus.PAID):
        send_after_commit(
            order.email, "order_paid", order.locale, order=order, url=_order_url(order)
        )
        mail_staff_of_paid_order(order)
        db.session.flush()
        return True
    if order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
        payment.needs_refund = True
        log.warning("payment for closed order %s flagged for refund", order.number)
    elif order.status == OrderStatus.PAID:
        payment.needs_refund = True  # a second payment for an order already paid
        log.warning("second payment for order %s flagged for refund", order.number)
    db.session.flush()
    return False


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


def record_refund(payment: Payment, refunded_satang: int) -> None:
    _lock(payment)
    payment.refunded_satang = max(payment.refunded_satang, refunded_satang)
    if payment.refunded_satang >= payment.amount_satang:
        payment.status = PaymentStatus.REFUNDED
        payment.needs_refund = False
    db.session.flush()


def refund_flagged(payment: Payment, admin_id: int) -> bool:
    """Give back money flagged for a refund: through Stripe for a card/PromptPay payment
    (idempotency key from the payment, so a retry never refunds twice), else recorded as a
    manual refund the office made by bank transfer. Returns False if nothing was flagged.

    Raises PaymentError when Stripe refuses; nothing changes then.
    """
    _lock(payment)
    if not payment.needs_refund:
        return False
    amount = payment.amount_satang - payment.refunded_satang
    if payment.method == PaymentMethod.STRIPE and payment.stripe_payment_intent:
        try:
            stripe_gateway.refund(
                payment.stripe_payment_intent, amount, key=f"payment-{payment.id}-refund"
            )
        except stripe_gateway.GatewayError as exc:
            log.warning("refund of payment %s: %s", payment.id, exc)
            raise PaymentError(
                _l("Stripe did not accept the refund. Please try again later.")
            ) from exc
    record(
        "payment.refund",
        payment,
        actor_id=admin_id,
        amount_satang=amount,
        method=payment.method.value,
    )
    payment.reviewed_by_id = admin_id
    record_refund(payment, payment.amount_satang)
    return True


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


def confirm_transfer(payment: Payment, admin_id: int) -> bool:
    """An admin saw the money arrive: the order is paid (once). Returns True if it became paid."""
    if payment.method != PaymentMethod.TRANSFER:
        raise PaymentError(_l("Only transfers are confirmed here."))
    if payment.status in (PaymentStatus.FAILED, PaymentStatus.REFUNDED):
        return False  # a stale page: this slip was already rejected
    payment.reviewed_by_id = admin_id
    payment.reviewed_at = utcnow()
    return record_paid(payment)


def reject_transfer(payment: Payment, admin_id: int, reason: str) -> bool:
    """The slip does not match a transfer; the buyer is told why and may upload another."""
    order = _lock(payment)
    if payment.method != PaymentMethod.TRANSFER or payment.status != PaymentStatus.PENDING:
        return False
    payment.status = PaymentStatus.FAILED
    payment.reviewed_by_id = admin_id
    payment.reviewed_at = utcnow()
    payment.note = reason[:500]
    retry = Payment(order=order, method=PaymentMethod.TRANSFER, amount_satang=order.total_satang)
    db.session.add(retry)
    send_after_commit(
        order.email,
        "transfer_rejected",
        order.locale,
        order=order,
        reason=reason,
        url=_order_url(order),
    )
    db.session.flush()
    return True
