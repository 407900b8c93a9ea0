"""The partner API's tables: keys, remembered order requests (idempotency), and webhooks.

A key is stored as the SHA-256 of a high-entropy token (never the token itself) with a short
prefix to recognise it by; a webhook delivery is written in the transaction of the change it
reports and sent after the commit (shop.api.webhooks), like a mail of the outbox.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.accounts.models import User
from shop.core.db import TimestampMixin, UTCDateTime, utcnow, value_enum
from shop.extensions import db
from shop.wholesale.models import PartnerShop


class Scope(enum.StrEnum):
    CATALOGUE_READ = "catalogue:read"
    ORDERS_WRITE = "orders:write"


class ApiKey(db.Model):
    """A partner company's key to /api/v1. ``scopes`` is space-separated (see Scope)."""

    __tablename__ = "api_key"
    # A form that created a key creates no second one when it is sent again (a reload).
    __table_args__ = (UniqueConstraint("partner_shop_id", "form_nonce"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(16))  # "rnk_Ab3dE9" shown in lists
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    form_nonce: Mapped[str | None] = mapped_column(String(32))  # of the form that created it

    partner: Mapped[PartnerShop] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotentRequest(db.Model):
    """A ``POST /api/v1/orders`` a partner made with an ``Idempotency-Key``: the SHA-256 of its
    body and the order it placed. Written in the order's own transaction."""

    __tablename__ = "api_idempotent_request"
    __table_args__ = (UniqueConstraint("partner_shop_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"))
    key: Mapped[str] = mapped_column(String(255))
    body_sha256: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WebhookEndpoint(TimestampMixin, db.Model):
    """Where a partner wants its events posted, and the secret they are signed with."""

    __tablename__ = "api_webhook_endpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"), unique=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(80))  # "whsec_…", shown to the partner admin
    is_active: Mapped[bool] = mapped_column(default=True)


class DeliveryStatus(enum.StrEnum):
    QUEUED = "queued"  # committed, waiting to be sent (or to be tried again at next_attempt_at)
    SENDING = "sending"  # claimed by one sender
    DELIVERED = "delivered"  # the receiver answered 2xx
    FAILED = "failed"  # gave up after MAX_ATTEMPTS


class WebhookDelivery(db.Model):
    """One event for one partner: its signed body, and how the last attempt went."""

    __tablename__ = "api_webhook_delivery"
    __table_args__ = (
        Index("ix_api_webhook_delivery_status_next", "status", "next_attempt_at"),
        Index("ix_api_webhook_delivery_partner_created", "partner_shop_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"))
    event_id: Mapped[str] = mapped_column(String(40), unique=True)  # "evt_…"
    event: Mapped[str] = mapped_column(String(40))  # "order.confirmed", …
    url: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[DeliveryStatus] = mapped_column(
        value_enum(DeliveryStatus, "webhook_delivery_status"), default=DeliveryStatus.QUEUED
    )
    attempts: Mapped[int] = mapped_column(default=0)
    response_code: Mapped[int | None]
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
