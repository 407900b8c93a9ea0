"""Orders across all cooperatives, for the operator: filtered, searched, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.orders.models import Order, OrderStatus, SellerOrder
from shop.platform.reports import day_start

ORDERS_PAGE_SIZE = 50


@dataclass(frozen=True)
class AdminOrderFilter:
    status: OrderStatus | None = None
    cooperative_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""


@dataclass(frozen=True)
class AdminOrderPage:
    items: list[Order]
    page: int
    pages: int
    total: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _orders_query(wanted: AdminOrderFilter) -> Select:
    query = select(Order)
    if wanted.status is not None:
        query = query.where(Order.status == wanted.status)
    if wanted.cooperative_id is not None:
        query = query.where(
            Order.seller_orders.any(SellerOrder.cooperative_id == wanted.cooperative_id)
        )
    if wanted.date_from is not None:
        query = query.where(Order.created_at >= day_start(wanted.date_from))
    if wanted.date_to is not None:
        query = query.where(Order.created_at < day_start(wanted.date_to + timedelta(days=1)))
    text = wanted.search.strip().lower()
    if text:
        like = f"%{text}%"
        query = query.where(
            or_(func.lower(Order.number).like(like), func.lower(Order.email).like(like))
        )
    return query


def list_orders(wanted: AdminOrderFilter, page: int = 1) -> AdminOrderPage:
    """One page of orders from every cooperative, newest first, with their seller orders."""
    base = _orders_query(wanted)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // ORDERS_PAGE_SIZE))
    page = min(max(page, 1), pages)
    items = db.session.scalars(
        base.options(selectinload(Order.seller_orders).selectinload(SellerOrder.cooperative))
        .order_by(Order.created_at.desc(), Order.id.desc())
        .limit(ORDERS_PAGE_SIZE)
        .offset((page - 1) * ORDERS_PAGE_SIZE)
    ).all()
    return AdminOrderPage(items=list(items), page=page, pages=pages, total=total)
