"""Payment records and the Stripe events already applied."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.core.db import TimestampMixin, UTCDateTime, utcnow, value_enum
from shop.extensions import db
from shop.orders.models import Order, PaymentMethod


class PaymentStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for the buyer (or for a slip to be checked)
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # a transfer slip rejected, an async Stripe payment failed
    REFUNDED = "refunded"


class Payment(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    method: Mapped[PaymentMethod] = mapped_column(value_enum(PaymentMethod, "payment_method"))
    status: Mapped[PaymentStatus] = mapped_column(
        value_enum(PaymentStatus, "payment_status"), default=PaymentStatus.PENDING
    )
    amount_satang: Mapped[int]
    stripe_session_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    stripe_session_url: Mapped[str] = mapped_column(String(2000), default="")
    stripe_payment_intent: Mapped[str] = mapped_column(String(255), default="")
    slip_stem: Mapped[str] = mapped_column(String(64), default="")
    slip_uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # SHA-256 (hex) of the slip file's bytes as the buyer sent them: the same picture sent for
    # another payment is shown to the admin who reviews it (payments.services.same_slip_payments).
    slip_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(String(500), default="")
    # Why a slip was rejected: a code of payments.reasons.TRANSFER_REJECTION, worded in each
    # reader's language; ``note`` holds what the admin added in their own words.
    reason_code: Mapped[str] = mapped_column(String(40), default="")
    # Money arrived for an order that had already expired or been cancelled, twice for one order,
    # or in an amount, currency or for an order the shop did not ask for: an admin refunds it.
    needs_refund: Mapped[bool] = mapped_column(default=False, index=True)
    refunded_satang: Mapped[int] = mapped_column(default=0)
    # What arrived, in satang, as checked against what was asked (None: nothing yet, or not THB).
    received_satang: Mapped[int | None]
    # This payment is the one that paid its order (refunds for cancelled parts come out of it).
    paid_order: Mapped[bool] = mapped_column(default=False)
    # Why the office must look at this payment: [{"code": "amount", "reported": 1000, ...}, ...]
    # (shown on /admin/payments in the admin's language; see payments.checks).
    problems: Mapped[list] = mapped_column(JSON, default=list)
    # A report the shop could not believe about money it already holds: an admin checks it.
    needs_review: Mapped[bool] = mapped_column(default=False, index=True)

    order: Mapped[Order] = relationship(back_populates="payments")


class RefundStatus(enum.StrEnum):
    PENDING = "pending"  # decided and owed: not yet accepted by Stripe (it did not answer)
    SENT = "sent"  # Stripe accepted it (``stripe_refund_id``)
    REFUSED = "refused"  # Stripe said no (``last_error``): still owed, the office decides


# Stripe keeps an idempotency key for at least 24 hours: past that, sending a refund again could
# make a second one if the first went through unanswered, so an older one is sent only by the
# office, after checking the payment in Stripe's dashboard.
KEY_LIFETIME = timedelta(hours=23)


class Refund(TimestampMixin, db.Model):
    """Money given back through Stripe, amount in satang.

    Recorded, and counted in its payment's ``refunded_satang``, in the transaction that decides
    it (a cancellation, the office's refund); sent to Stripe only after that commits, with no
    transaction open (``payments.refunds.send``), and sent again with the same idempotency key
    until Stripe accepts it: a retry after a lost answer returns Stripe's first refund.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    seller_order_id: Mapped[int | None] = mapped_column(ForeignKey("seller_order.id"), index=True)
    amount_satang: Mapped[int]
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    status: Mapped[RefundStatus] = mapped_column(
        value_enum(RefundStatus, "refund_status"), default=RefundStatus.PENDING, index=True
    )
    stripe_refund_id: Mapped[str] = mapped_column(String(255), default="")
    attempts: Mapped[int] = mapped_column(default=0)
    # Why the last attempt failed, as Stripe or the connection said it (for the log and the
    # office), "" once sent.
    last_error: Mapped[str] = mapped_column(String(500), default="")
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    payment: Mapped[Payment] = relationship(backref="refunds")

    @property
    def sends_by_itself(self) -> bool:
        """Whether it is sent again without anyone asking (Stripe did not answer, and the key
        is young enough that a second send cannot make a second refund)."""
        return self.status == RefundStatus.PENDING and self.created_at > utcnow() - KEY_LIFETIME


class StripeEvent(db.Model):
    """A Stripe webhook event, recorded once by its id so a replay changes nothing."""

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    type: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
