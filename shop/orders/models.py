"""Order, SellerOrder and OrderLine. Lines keep snapshots of name, SKU and price."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import Cooperative
from shop.core.db import TimestampMixin, UTCDateTime, value_enum
from shop.core.i18n import localize
from shop.core.money import basis_points_of, vat_part
from shop.extensions import db


class OrderStatus(enum.StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    # A partner's wholesale order: paid against the invoices each cooperative issues when it
    # confirms its part (due at once when prepaid, or after the partner's terms); PAID when
    # every invoice is paid.
    ON_ACCOUNT = "on_account"


class SellerOrderStatus(enum.StrEnum):
    # Wholesale only: the partner admin or the platform has to approve the order first, then
    # the cooperative confirms quantities and the delivery date (and so invoices it).
    AWAITING_APPROVAL = "awaiting_approval"
    TO_CONFIRM = "to_confirm"
    CONFIRMED = "confirmed"
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PACKING = "packing"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class PaymentMethod(enum.StrEnum):
    STRIPE = "stripe"  # Stripe Checkout: card or PromptPay on Stripe's page
    TRANSFER = "transfer"  # bank transfer or PromptPay QR, with a slip
    INVOICE = "invoice"  # wholesale: against the cooperatives' invoices (shop.wholesale)


class Approval(enum.StrEnum):
    """Who still has to approve a wholesale order before the cooperatives see it."""

    NONE = "none"
    PARTNER_ADMIN = "partner_admin"  # over the buyer's spending limit
    PLATFORM = "platform"  # over the partner's credit limit


class Order(TimestampMixin, db.Model):
    __tablename__ = "shop_order"  # "order" is an SQL keyword
    __table_args__ = (
        Index("ix_order_status_expires", "status", "expires_at"),
        # Reports and dashboards by time paid; listings newest first (migration 7b3e5d1c9a40,
        # which also adds trigram indexes for the searches on PostgreSQL).
        Index("ix_shop_order_paid_at", "paid_at"),
        Index("ix_shop_order_created_at_id", "created_at", "id"),
        CheckConstraint("total_satang = goods_satang + shipping_satang", name="total_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # read aloud: "RN-4827-3915"
    token: Mapped[str] = mapped_column(String(64), unique=True)  # in every order URL
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="th")
    status: Mapped[OrderStatus] = mapped_column(
        value_enum(OrderStatus, "order_status"), default=OrderStatus.PENDING_PAYMENT
    )
    payment_method: Mapped[PaymentMethod] = mapped_column(
        value_enum(PaymentMethod, "payment_method")
    )
    # Wholesale orders: the partner company bought for, and its own purchase-order number.
    partner_shop_id: Mapped[int | None] = mapped_column(ForeignKey("partner_shop.id"), index=True)
    po_number: Mapped[str] = mapped_column(String(40), default="")
    approval: Mapped[Approval] = mapped_column(
        value_enum(Approval, "approval"), default=Approval.NONE
    )
    note: Mapped[str] = mapped_column(String(500), default="")  # the buyer's, for the sellers

    ship_name: Mapped[str] = mapped_column(String(200))
    ship_phone: Mapped[str] = mapped_column(String(20))
    ship_line1: Mapped[str] = mapped_column(String(200))
    ship_line2: Mapped[str] = mapped_column(String(200), default="")
    ship_subdistrict: Mapped[str] = mapped_column(String(100))
    ship_district: Mapped[str] = mapped_column(String(100))
    ship_province: Mapped[str] = mapped_column(String(40))
    ship_postcode: Mapped[str] = mapped_column(String(5))

    goods_satang: Mapped[int]
    shipping_satang: Mapped[int]
    total_satang: Mapped[int]

    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # expired or cancelled

    seller_orders: Mapped[list[SellerOrder]] = relationship(
        back_populates="order", order_by="SellerOrder.id", cascade="all, delete-orphan"
    )
    payments = relationship("Payment", back_populates="order", order_by="Payment.id")
    partner_shop = relationship("PartnerShop")  # shop.wholesale.models; None for retail

    @property
    def is_open(self) -> bool:
        return self.status == OrderStatus.PENDING_PAYMENT

    @property
    def is_wholesale(self) -> bool:
        return self.partner_shop_id is not None

    @property
    def lines(self) -> list[OrderLine]:
        return [line for so in self.seller_orders for line in so.lines]

    @property
    def vat_satang(self) -> int:
        """The VAT in the total: each cooperative's part, as its own documents show it."""
        return sum(so.vat_satang for so in self.seller_orders)


class SellerOrder(TimestampMixin, db.Model):
    """One cooperative's part of an order: its lines, its shipping and its fulfilment."""

    __table_args__ = (Index("ix_seller_order_cooperative_status", "cooperative_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    status: Mapped[SellerOrderStatus] = mapped_column(
        value_enum(SellerOrderStatus, "seller_order_status"),
        default=SellerOrderStatus.PENDING_PAYMENT,
    )
    goods_satang: Mapped[int]
    shipping_satang: Mapped[int]
    shipping_method_id: Mapped[int | None] = mapped_column(ForeignKey("shipping_method.id"))
    shipping_method_name: Mapped[str] = mapped_column(String(120))  # in the buyer's language
    # The method's name in every language when the order was placed, so each reader (staff,
    # buyer, documents) reads their own: ``shipping_label``. Orders from before these columns
    # have the buyer's name in all three.
    shipping_method_name_th: Mapped[str] = mapped_column(String(120), default="")
    shipping_method_name_en: Mapped[str] = mapped_column(String(120), default="")
    shipping_method_name_my: Mapped[str] = mapped_column(String(120), default="")
    weight_grams: Mapped[int]
    carrier: Mapped[str] = mapped_column(String(80), default="")
    tracking_number: Mapped[str] = mapped_column(String(80), default="")
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The platform's commission on this part of the order, fixed when the order was placed.
    commission_bp: Mapped[int] = mapped_column(default=0)
    # Whether the cooperative was VAT-registered when the order was placed: the order's pages
    # and documents show a VAT part only then, whatever the cooperative's registration later.
    vat_registered: Mapped[bool] = mapped_column(default=True)
    refunded_satang: Mapped[int] = mapped_column(default=0)
    # Wholesale: when the cooperative confirmed its part, and the delivery date it set.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivery_date: Mapped[date | None]

    order: Mapped[Order] = relationship(back_populates="seller_orders")
    cooperative: Mapped[Cooperative] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="seller_order", order_by="OrderLine.id", cascade="all, delete-orphan"
    )

    @property
    def total_satang(self) -> int:
        return self.goods_satang + self.shipping_satang

    @property
    def shipping_label(self) -> str:
        """The shipping method's name as ordered, in the reader's language (the current one);
        the buyer's when the names in every language were not kept."""
        return localize(self, "shipping_method_name") or self.shipping_method_name

    def shipping_label_in(self, lang: str) -> str:
        """The shipping method's name as ordered, in ``lang`` (a document's language)."""
        return localize(self, "shipping_method_name", lang) or self.shipping_method_name

    @property
    def vat_satang(self) -> int:
        """The VAT in this part's VAT-inclusive total (7/107, ``core.money.vat_part``); 0 from
        a cooperative that was not VAT-registered when the order was placed."""
        return vat_part(self.total_satang) if self.vat_registered else 0

    @property
    def commission_satang(self) -> int:
        """The platform's commission on the goods, at the rate fixed when the order was placed."""
        return basis_points_of(self.goods_satang, self.commission_bp)


class OrderLine(db.Model):
    # 0 only when a cooperative confirming a wholesale order has none left of a pack.
    __table_args__ = (CheckConstraint("quantity >= 0", name="quantity_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_order_id: Mapped[int] = mapped_column(ForeignKey("seller_order.id"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id"), index=True)
    # The names in the buyer's language, and in each language for every other reader (staff,
    # the office, the packing slip), as they were when the order was placed.
    product_name: Mapped[str] = mapped_column(String(200))
    variant_name: Mapped[str] = mapped_column(String(120))
    product_name_th: Mapped[str] = mapped_column(String(200), default="")
    product_name_en: Mapped[str] = mapped_column(String(200), default="")
    product_name_my: Mapped[str] = mapped_column(String(200), default="")
    variant_name_th: Mapped[str] = mapped_column(String(120), default="")
    variant_name_en: Mapped[str] = mapped_column(String(120), default="")
    variant_name_my: Mapped[str] = mapped_column(String(120), default="")
    sku: Mapped[str] = mapped_column(String(64))
    unit_price_satang: Mapped[int]
    # Where the unit price came from (shop.pricing.quotes.Quote.detail): "retail",
    # "price_list:<list name>" or "price_break:<minimum quantity>".
    price_source: Mapped[str] = mapped_column(String(160), default="retail")
    quantity: Mapped[int]
    # Wholesale: what the partner ordered, when the cooperative lowered it on confirming, and
    # why (the stock came back; the unit price stays the one ordered): a code of
    # shop.wholesale.reasons.LINE_LOWERED, worded in each reader's language, and the staff's
    # note as typed ("" code: a note alone, as lines lowered before codes were).
    ordered_quantity: Mapped[int | None]
    change_reason_code: Mapped[str] = mapped_column(String(40), default="")
    change_reason: Mapped[str] = mapped_column(String(500), default="")

    seller_order: Mapped[SellerOrder] = relationship(back_populates="lines")

    @property
    def total_satang(self) -> int:
        return self.unit_price_satang * self.quantity

    @property
    def product_label(self) -> str:
        """The product's name as ordered, in the reader's language (lines from before the
        names were kept in every language: the buyer's)."""
        return localize(self, "product_name") or self.product_name

    @property
    def variant_label(self) -> str:
        return localize(self, "variant_name") or self.variant_name
