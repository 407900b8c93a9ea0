"""The figures on a cooperative's dashboard, each one query scoped to the cooperative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select

from shop.catalog.models import Product, ProductStatus, Variant
from shop.core.days import day_start, today
from shop.core.db import utcnow
from shop.extensions import db
from shop.orders.fulfilment import count_to_pack
from shop.orders.models import Order, SellerOrder
from shop.platform.reports import SOLD, period_bucket


@dataclass(frozen=True)
class Figures:
    sales_today: int
    sales_7_days: int
    sales_30_days: int
    to_pack: int
    low_stock: int


def _sales(cooperative_id: int) -> tuple[int, int, int]:
    """Goods sold today (Thai day), in the last 7 and in the last 30 days: one query."""
    now = utcnow()
    start_of_day = day_start(today())
    since_7, since_30 = now - timedelta(days=7), now - timedelta(days=30)

    def since(moment):
        return func.coalesce(
            func.sum(case((Order.paid_at >= moment, SellerOrder.goods_satang), else_=0)), 0
        )

    row = db.session.execute(
        select(since(start_of_day), since(since_7), since(since_30))
        .select_from(SellerOrder)
        .join(SellerOrder.order)
        .where(
            SellerOrder.cooperative_id == cooperative_id,
            SellerOrder.status.in_(SOLD),
            Order.paid_at >= since_30,  # today began less than 30 days ago
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def figures(cooperative_id: int) -> Figures:
    sales_today, sales_7_days, sales_30_days = _sales(cooperative_id)
    to_pack = count_to_pack(cooperative_id)
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
        sales_today=sales_today,
        sales_7_days=sales_7_days,
        sales_30_days=sales_30_days,
        to_pack=to_pack,
        low_stock=int(low or 0),
    )


@dataclass(frozen=True)
class DaySales:
    day: date
    satang: int


@dataclass(frozen=True)
class SalesChart:
    """Daily paid sales, oldest day first, with what the SVG needs to draw the bars."""

    days: list[DaySales]
    peak: int

    @property
    def total(self) -> int:
        return sum(d.satang for d in self.days)

    def bar_height(self, satang: int, full: int = 100) -> int:
        return round(full * satang / self.peak) if self.peak else 0


def daily_sales(cooperative_id: int, days: int = 30) -> SalesChart:
    """Goods sold per day (Thai calendar days) over the last ``days`` days, today included.

    One query summing the cooperative's paid seller orders by day in SQL; day boundaries are
    computed here in Thai time (platform.reports.period_bucket), so SQLite and PostgreSQL agree.
    """
    last = today()
    first = last - timedelta(days=days - 1)
    day_list = [first + timedelta(days=n) for n in range(days)]
    bucket = period_bucket(Order.paid_at, day_list).label("day")
    sold = (
        select(bucket, SellerOrder.goods_satang.label("goods"))
        .join(SellerOrder.order)
        .where(
            SellerOrder.cooperative_id == cooperative_id,
            SellerOrder.status.in_(SOLD),
            Order.paid_at >= day_start(first),
            Order.paid_at < day_start(last + timedelta(days=1)),
        )
        .subquery()
    )
    totals = dict.fromkeys(day_list, 0)
    for index, goods in db.session.execute(
        select(sold.c.day, func.sum(sold.c.goods)).group_by(sold.c.day)
    ):
        totals[day_list[index]] = int(goods)
    series = [DaySales(day, satang) for day, satang in totals.items()]
    return SalesChart(days=series, peak=max((d.satang for d in series), default=0))
