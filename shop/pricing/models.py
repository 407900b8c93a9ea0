"""Shipping methods per cooperative, with rates by parcel weight and a free-shipping threshold;
price lists for partner shops."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import Cooperative
from shop.core.db import TimestampMixin
from shop.core.i18n import Translated
from shop.extensions import db


class ShippingMethod(db.Model):
    __table_args__ = (UniqueConstraint("cooperative_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name_th: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    name_my: Mapped[str] = mapped_column(String(120), default="")
    days_min: Mapped[int] = mapped_column(default=1)
    days_max: Mapped[int] = mapped_column(default=3)
    # Goods subtotal (satang) from which this method ships free; None: never free.
    free_over_satang: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)

    cooperative: Mapped[Cooperative] = relationship()
    rates: Mapped[list[ShippingRate]] = relationship(
        back_populates="method",
        cascade="all, delete-orphan",
        order_by="ShippingRate.max_weight_grams",
    )

    name = Translated("name")


class ShippingRate(db.Model):
    """The price of a parcel up to ``max_weight_grams`` (the lightest matching bracket applies)."""

    __table_args__ = (
        UniqueConstraint("method_id", "max_weight_grams"),
        CheckConstraint("price_satang >= 0", name="price_not_negative"),
        CheckConstraint("max_weight_grams > 0", name="weight_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    method_id: Mapped[int] = mapped_column(ForeignKey("shipping_method.id", ondelete="CASCADE"))
    max_weight_grams: Mapped[int]
    price_satang: Mapped[int]

    method: Mapped[ShippingMethod] = relationship(back_populates="rates")


MAX_DISCOUNT_BP = 5_000  # 50 % off retail at most


class PriceList(TimestampMixin, db.Model):
    """Wholesale prices for the partner companies assigned to it.

    ``discount_bp`` is a percentage off the retail price in basis points (1500 = 15 %; 0 = none).
    Price breaks per pack will belong to a list too (a later increment); an inactive list
    gives no partner anything but retail prices.
    """

    __table_args__ = (
        CheckConstraint(
            f"discount_bp >= 0 AND discount_bp <= {MAX_DISCOUNT_BP}", name="discount_in_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    discount_bp: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)
