"""The stock ledger: every change to a variant's stock is one row, so stock equals their sum."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import Variant
from shop.core.db import UTCDateTime, utcnow, value_enum
from shop.extensions import db


class StockReason(enum.StrEnum):
    RECEIPT = "receipt"  # goods received
    ADJUSTMENT = "adjustment"  # counted, damaged, lost…
    SALE = "sale"  # taken by an order
    RELEASE = "release"  # an unpaid order expired or was cancelled
    RETURN = "return"  # a paid order was cancelled and refunded


class AdjustmentKind(enum.StrEnum):
    """Why an adjustment was made: chosen by staff, or a CSV import."""

    COUNT = "count"
    DAMAGED = "damaged"
    LOST = "lost"
    SAMPLE = "sample"
    FOUND = "found"
    OTHER = "other"
    IMPORT = "import"


class StockMovement(db.Model):
    __table_args__ = (CheckConstraint("quantity <> 0", name="quantity_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id"), index=True)
    quantity: Mapped[int]  # signed change
    stock_after: Mapped[int]
    reason: Mapped[StockReason] = mapped_column(value_enum(StockReason, "stock_reason"))
    adjustment_kind: Mapped[AdjustmentKind | None] = mapped_column(
        value_enum(AdjustmentKind, "adjustment_kind")
    )  # set for adjustments only
    note: Mapped[str] = mapped_column(String(300), default="")
    reference: Mapped[str] = mapped_column(String(64), default="")  # e.g. an order number
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    variant: Mapped[Variant] = relationship()
