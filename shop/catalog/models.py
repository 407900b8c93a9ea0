"""Catalogue models. Every name and text exists in Thai, English and Burmese (``*_th/_en/_my``)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.core.db import TimestampMixin, UTCDateTime, utcnow, value_enum
from shop.core.i18n import Translated
from shop.extensions import db


class RanongDistrict(enum.StrEnum):
    MUEANG = "mueang-ranong"
    KRA_BURI = "kra-buri"
    LA_UN = "la-un"
    KAPOE = "kapoe"
    SUKSAMRAN = "suksamran"


class CooperativeStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class ProductStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class Roast(enum.StrEnum):
    LIGHT = "light"
    MEDIUM = "medium"
    DARK = "dark"


class Cooperative(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_my: Mapped[str] = mapped_column(String(200), default="")
    story_th: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    story_my: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[RanongDistrict] = mapped_column(value_enum(RanongDistrict, "district"))
    address_th: Mapped[str] = mapped_column(String(300), default="")
    address_en: Mapped[str] = mapped_column(String(300), default="")
    address_my: Mapped[str] = mapped_column(String(300), default="")
    founded_year: Mapped[int | None]
    member_count: Mapped[int | None]
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[CooperativeStatus] = mapped_column(
        value_enum(CooperativeStatus, "cooperative_status"), default=CooperativeStatus.ACTIVE
    )
    # Settlement: where the platform pays the cooperative its sales, less the commission.
    bank_name: Mapped[str] = mapped_column(String(120), default="")
    bank_account_name: Mapped[str] = mapped_column(String(200), default="")
    bank_account_number: Mapped[str] = mapped_column(String(40), default="")
    promptpay_id: Mapped[str] = mapped_column(String(20), default="")
    commission_bp: Mapped[int] = mapped_column(default=500)  # basis points of goods: 500 = 5 %
    # The least one wholesale order's goods from this cooperative may be worth (satang, VAT
    # included); 0: no minimum.
    wholesale_minimum_satang: Mapped[int] = mapped_column(default=0)
    # The seller of record on the cooperative's receipts and tax invoices (issue 10): its name
    # and address as registered with the Revenue Department, its 13-digit tax ID (checked by
    # shop.documents.seller_of_record), its branch ("00000": head office) and whether it is
    # VAT-registered (if not, its receipts show no VAT).
    legal_name_th: Mapped[str] = mapped_column(String(300), default="")
    legal_name_en: Mapped[str] = mapped_column(String(300), default="")
    tax_id: Mapped[str] = mapped_column(String(13), default="")
    branch_code: Mapped[str] = mapped_column(String(5), default="00000")
    registered_address_th: Mapped[str] = mapped_column(String(500), default="")
    registered_address_en: Mapped[str] = mapped_column(String(500), default="")
    vat_registered: Mapped[bool] = mapped_column(default=False)

    products: Mapped[list[Product]] = relationship(back_populates="cooperative")

    name = Translated("name")
    story = Translated("story")
    address = Translated("address")

    @property
    def is_active(self) -> bool:
        return self.status == CooperativeStatus.ACTIVE


class Category(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_th: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    name_my: Mapped[str] = mapped_column(String(120), default="")
    position: Mapped[int] = mapped_column(default=0)

    name = Translated("name")


class Product(TimestampMixin, db.Model):
    __table_args__ = (
        Index("ix_product_status_created", "status", "created_at"),
        # The seller's product list, newest first (migration 7b3e5d1c9a40).
        Index("ix_product_cooperative_created", "cooperative_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_my: Mapped[str] = mapped_column(String(200), default="")
    description_th: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_my: Mapped[str] = mapped_column(Text, default="")
    origin_th: Mapped[str] = mapped_column(String(300), default="")
    origin_en: Mapped[str] = mapped_column(String(300), default="")
    origin_my: Mapped[str] = mapped_column(String(300), default="")
    roast: Mapped[Roast | None] = mapped_column(value_enum(Roast, "roast"))
    # The customs tariff code on export papers: "####.##" or "####.##.##", "" when not set
    # (shop.catalog.hs_codes).
    hs_code: Mapped[str] = mapped_column(String(10), default="")
    status: Mapped[ProductStatus] = mapped_column(
        value_enum(ProductStatus, "product_status"), default=ProductStatus.DRAFT
    )
    is_featured: Mapped[bool] = mapped_column(default=False)
    # The lowest active variant price, kept by the catalogue services so that listing, price
    # filters and price sorting need no per-product aggregate.
    min_price_satang: Mapped[int] = mapped_column(default=0, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    cooperative: Mapped[Cooperative] = relationship(back_populates="products")
    category: Mapped[Category] = relationship()
    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", order_by="Variant.position, Variant.id"
    )
    images: Mapped[list[ProductImage]] = relationship(
        back_populates="product", order_by="ProductImage.position, ProductImage.id"
    )

    name = Translated("name")
    description = Translated("description")
    origin = Translated("origin")

    @property
    def active_variants(self) -> list[Variant]:
        return [v for v in self.variants if v.is_active]

    @property
    def main_image(self) -> ProductImage | None:
        return self.images[0] if self.images else None

    @property
    def in_stock(self) -> bool:
        return any(v.stock > 0 for v in self.active_variants)

    def refresh_min_price(self) -> None:
        prices = [v.price_satang for v in self.active_variants]
        self.min_price_satang = min(prices) if prices else 0

    def publish(self) -> None:
        self.status = ProductStatus.ACTIVE
        self.published_at = self.published_at or utcnow()


# What a pack may be given, by a form or a CSV import alike.
MAX_PRICE_SATANG = 1_000_000_00  # one million baht
MAX_UNITS = 1_000_000  # units on hand, received or adjusted at once
MAX_THRESHOLD = 100_000  # the low-stock warning level


class Variant(TimestampMixin, db.Model):
    __table_args__ = (
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("price_satang >= 0", name="price_not_negative"),
        CheckConstraint("weight_grams > 0", name="weight_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name_th: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    name_my: Mapped[str] = mapped_column(String(120), default="")
    pack_size: Mapped[int] = mapped_column(default=1)  # sachets, bags or pieces in one unit
    weight_grams: Mapped[int]  # shipping weight of one unit
    price_satang: Mapped[int]  # retail, VAT included
    stock: Mapped[int] = mapped_column(default=0)
    low_stock_threshold: Mapped[int] = mapped_column(default=5)
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)

    product: Mapped[Product] = relationship(back_populates="variants")

    name = Translated("name")

    @property
    def is_low(self) -> bool:
        return 0 < self.stock <= self.low_stock_threshold


class ProductImage(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    stem: Mapped[str] = mapped_column(
        String(64), unique=True
    )  # random; files are <stem>-<size>.webp
    width: Mapped[int]
    height: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)

    product: Mapped[Product] = relationship(back_populates="images")


class CatalogueVersion(db.Model):
    """One counter, bumped in the same transaction as any change to the catalogue; cached
    storefront pages carry it in their key, so an edit is visible at once on every server."""

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
