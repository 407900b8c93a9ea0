"""Orders across all cooperatives, for the operator: filtered, searched, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from shop.core.pagination import Cursor, SeekPage, seek_page
from shop.extensions import db
from shop.orders.models import Order, OrderStatus, SellerOrder
from shop.orders.numbers import search_text
from shop.platform.reports import day_start

ORDERS_PAGE_SIZE = 50
SEARCH_PREFETCH = 2_000


@dataclass(frozen=True)
class AdminOrderFilter:
    status: OrderStatus | None = None
    cooperative_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""


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
    text = search_text(wanted.search)
    if text:
        like = f"%{text.lower()}%"
        matches = or_(func.lower(Order.number).like(like), func.lower(Order.email).like(like))
        # The matches first, through the trigram indexes on PostgreSQL (as fulfilment does).
        found = db.session.scalars(select(Order.id).where(matches).limit(SEARCH_PREFETCH + 1))
        ids = list(found)
        query = query.where(Order.id.in_(ids) if len(ids) <= SEARCH_PREFETCH else matches)
    return query


def list_orders(
    wanted: AdminOrderFilter,
    older_than: Cursor | None = None,
    newer_than: Cursor | None = None,
) -> SeekPage:
    """One page of orders from every cooperative, newest first, with their seller orders,
    seeking along the (created_at, id) index from the page before."""
    return seek_page(
        _orders_query(wanted).options(
            selectinload(Order.seller_orders).selectinload(SellerOrder.cooperative)
        ),
        Order.created_at,
        Order.id,
        lambda order: Cursor(order.created_at, order.id),
        ORDERS_PAGE_SIZE,
        older_than=older_than,
        newer_than=newer_than,
    )
