"""Cart and its lines. A line remembers the price the buyer saw, so a change can be flagged."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import Variant
from shop.core.db import TimestampMixin
from shop.extensions import db


class Cart(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # what the signed cookie names
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), unique=True)

    lines: Mapped[list[CartLine]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartLine.id"
    )


class CartLine(TimestampMixin, db.Model):
    __table_args__ = (
        UniqueConstraint("cart_id", "variant_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("cart.id", ondelete="CASCADE"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id"), index=True)
    quantity: Mapped[int]
    price_seen_satang: Mapped[int]  # the unit price when the buyer last saw this line
    # The price seen was a partner's wholesale price: once the buyer is retail again (a partner
    # suspended or left), the cart must not show that price any more.
    seen_as_partner: Mapped[bool] = mapped_column(default=False)

    cart: Mapped[Cart] = relationship(back_populates="lines")
    variant: Mapped[Variant] = relationship()
