"""Partner shops: businesses across the border that buy in bulk once the platform approves them."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import _enum
from shop.core.db import TimestampMixin, UTCDateTime
from shop.extensions import db


class PartnerShopStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    SUSPENDED = "suspended"


class PartnerShop(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    town: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    phone: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[PartnerShopStatus] = mapped_column(
        _enum(PartnerShopStatus, "partner_shop_status"), default=PartnerShopStatus.PENDING
    )
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    members = relationship("User", back_populates="partner_shop")
