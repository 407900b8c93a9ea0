"""The figures on a cooperative's dashboard, each one query scoped to the cooperative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from shop.catalog.models import Product, ProductStatus, Variant
from shop.core.db import utcnow
from shop.extensions import db
from shop.orders.models import Order, SellerOrder, SellerOrderStatus

SOLD = (
    SellerOrderStatus.PAID,
    SellerOrderStatus.PACKING,
    SellerOrderStatus.SHIPPED,
    SellerOrderStatus.DELIVERED,
)


@dataclass(frozen=True)
class Figures:
    sales_today: int
    sales_7_days: int
    sales_30_days: int
    to_pack: int
    low_stock: int


def _sales_since(cooperative_id: int, days: int) -> int:
    since = utcnow() - timedelta(days=days)
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(SellerOrder.goods_satang), 0))
            .join(SellerOrder.order)
            .where(
                SellerOrder.cooperative_id == cooperative_id,
                SellerOrder.status.in_(SOLD),
                Order.paid_at >= since,
            )
        )
    )


def figures(cooperative_id: int) -> Figures:
    start_of_day = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    today = int(
        db.session.scalar(
            select(func.coalesce(func.sum(SellerOrder.goods_satang), 0))
            .join(SellerOrder.order)
            .where(
                SellerOrder.cooperative_id == cooperative_id,
                SellerOrder.status.in_(SOLD),
                Order.paid_at >= start_of_day,
            )
        )
    )
    to_pack = db.session.scalar(
        select(func.count(SellerOrder.id)).where(
            SellerOrder.cooperative_id == cooperative_id,
            SellerOrder.status.in_((SellerOrderStatus.PAID, SellerOrderStatus.PACKING)),
        )
    )
    low = db.session.scalar(
        select(func.count(Variant.id))
        .join(Variant.product)
        .where(
            Product.cooperative_id == cooperative_id,
            Product.status != ProductStatus.ARCHIVED,
            Variant.is_active,
            Variant.stock <= Variant.low_stock_threshold,
        )
    )
    return Figures(
        sales_today=today,
        sales_7_days=_sales_since(cooperative_id, 7),
        sales_30_days=_sales_since(cooperative_id, 30),
        to_pack=int(to_pack or 0),
        low_stock=int(low or 0),
    )
