"""Shipping methods per cooperative, with rates by parcel weight and a free-shipping threshold;
what partner shops pay: price lists, and per pack the quantity rule and the price breaks."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import Cooperative, Variant
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
    # Who may choose it: retail buyers, partner shops (cross-border delivery, collection), or
    # both. A wholesale method may be priced per carton instead of by weight.
    for_retail: Mapped[bool] = mapped_column(default=True)
    for_wholesale: Mapped[bool] = mapped_column(default=False)
    price_per_carton_satang: Mapped[int | None]
    # The Incoterm (2020) and named place printed on the export papers of a wholesale order
    # delivered this way ("FCA", "Ranong"); "" when none is set (shop.wholesale.export).
    incoterm: Mapped[str] = mapped_column(String(3), default="")
    incoterm_place: Mapped[str] = mapped_column(String(80), default="")

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

    ``discount_bp`` is a percentage off the retail price in basis points (1500 = 15 %; 0 = none),
    given on every wholesale pack; the packs' price breaks apply on top (the lower price wins,
    see shop.pricing.quotes). An inactive list gives no partner anything but retail prices.
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


MAX_WHOLESALE_UNITS = 100_000  # the most units of one pack on one order line


class QuantityRule(TimestampMixin, db.Model):
    """Makes a pack a wholesale pack: partners buy it by the case.

    Quantities are in the pack's own units (boxes, bags). A partner may order ``min_quantity``
    or more, in multiples of ``case_pack`` (a carton of 24 boxes: 24, 48, 72 ...), and at most
    ``max_quantity`` when one is set. ``min_quantity`` is itself a multiple of ``case_pack``.
    Set by the cooperative that sells the pack.
    """

    __table_args__ = (
        CheckConstraint("case_pack >= 1", name="case_pack_positive"),
        CheckConstraint(
            "min_quantity >= case_pack AND min_quantity % case_pack = 0",
            name="minimum_whole_cases",
        ),
        CheckConstraint(
            "max_quantity IS NULL OR max_quantity >= min_quantity", name="maximum_over_minimum"
        ),
    )

    variant_id: Mapped[int] = mapped_column(
        ForeignKey("variant.id", ondelete="CASCADE"), primary_key=True
    )
    case_pack: Mapped[int]
    min_quantity: Mapped[int]
    max_quantity: Mapped[int | None]
    # One carton's net weight (the goods) and gross weight (with the carton) in grams, for the
    # packing list; None until the cooperative weighs one (shop.wholesale.export).
    carton_net_grams: Mapped[int | None]
    carton_gross_grams: Mapped[int | None]

    variant: Mapped[Variant] = relationship()


class PriceBreak(TimestampMixin, db.Model):
    """A volume price of a wholesale pack: from ``min_quantity`` units on, each costs
    ``unit_price_satang`` (VAT included). The deepest break a quantity reaches applies.
    Set by the cooperative that sells the pack; the same for every partner."""

    __table_args__ = (
        UniqueConstraint("variant_id", "min_quantity"),
        CheckConstraint("min_quantity >= 2", name="break_from_two"),
        CheckConstraint("unit_price_satang >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(
        ForeignKey("variant.id", ondelete="CASCADE"), index=True
    )
    min_quantity: Mapped[int]
    unit_price_satang: Mapped[int]

    variant: Mapped[Variant] = relationship()
