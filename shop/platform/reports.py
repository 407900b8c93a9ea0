"""The operator's figures: the admin home, orders across cooperatives, settlement and programme.

Every figure is integer satang. Periods are whole days in the shop's time zone (Asia/Bangkok),
inclusive at both ends, and a sale counts in the period its order was paid in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import BigInteger, case, cast, func, literal, select

from shop.catalog.models import Cooperative, CooperativeStatus, Product, ProductStatus
from shop.core.csv_export import baht, csv_text
from shop.core.days import day_start, shop_timezone, today
from shop.core.money import basis_points_of
from shop.extensions import db
from shop.orders.models import Order, OrderStatus, SellerOrder, SellerOrderStatus
from shop.payments.models import Payment, PaymentMethod, PaymentStatus
from shop.platform.cooperatives import commission_percent

# Seller orders that are sales: paid, and not cancelled (a cancelled one was refunded whole).
SOLD = (
    SellerOrderStatus.PAID,
    SellerOrderStatus.PACKING,
    SellerOrderStatus.SHIPPED,
    SellerOrderStatus.DELIVERED,
)


def month_of(day: date) -> tuple[date, date]:
    """The first and last day of ``day``'s calendar month."""
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def default_settlement_period(cooperative_id: int | None = None) -> tuple[date, date]:
    """The period the settlement report opens on: the latest calendar month (Thai time) in
    which a sale of the cooperative (or of any) was paid, else the current month. The current
    month ends today, so the page never names days still to come."""
    now = today()
    latest = db.session.scalar(
        select(func.max(Order.paid_at))
        .join(SellerOrder, SellerOrder.order_id == Order.id)
        .where(
            SellerOrder.status.in_(SOLD),
            Order.paid_at < day_start(now + timedelta(days=1)),
            *([SellerOrder.cooperative_id == cooperative_id] if cooperative_id else []),
        )
    )
    day = latest.astimezone(shop_timezone()).date() if latest is not None else now
    first, last = month_of(day)
    return first, min(last, now)


# --- the admin home ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeFigures:
    cooperatives_selling: int  # active, with at least one published product
    orders_this_month: int
    revenue_this_month: int  # goods sold, satang
    slips_waiting: int


def home_figures() -> HomeFigures:
    month_start = day_start(today().replace(day=1))
    selling = db.session.scalar(
        select(func.count(func.distinct(Product.cooperative_id)))
        .join(Product.cooperative)
        .where(
            Cooperative.status == CooperativeStatus.ACTIVE,
            Product.status == ProductStatus.ACTIVE,
        )
    )
    orders = db.session.scalar(
        select(func.count(Order.id)).where(
            Order.status == OrderStatus.PAID, Order.paid_at >= month_start
        )
    )
    revenue = db.session.scalar(
        select(func.coalesce(func.sum(SellerOrder.goods_satang), 0))
        .join(SellerOrder.order)
        .where(SellerOrder.status.in_(SOLD), Order.paid_at >= month_start)
    )
    slips = db.session.scalar(
        select(func.count(Payment.id)).where(
            Payment.method == PaymentMethod.TRANSFER,
            Payment.status == PaymentStatus.PENDING,
            Payment.slip_stem != "",
        )
    )
    return HomeFigures(int(selling or 0), int(orders or 0), int(revenue or 0), int(slips or 0))


# --- settlement -------------------------------------------------------------------------------

SETTLEMENT_LINES_PER_PAGE = 100


@dataclass(frozen=True)
class SettlementLine:
    """One seller order in a settlement."""

    order_number: str
    order_token: str
    paid_on: date
    status: SellerOrderStatus
    goods: int
    shipping: int
    refunds: int
    commission_bp: int
    commission: int

    @property
    def net(self) -> int:
        return self.goods + self.shipping - self.refunds - self.commission


@dataclass
class Settlement:
    """What the platform owes one cooperative for a period: its sales summed in SQL."""

    cooperative: Cooperative
    seller_orders: int = 0
    goods: int = 0
    shipping: int = 0
    refunds: int = 0
    commission: int = 0

    @property
    def net(self) -> int:
        return self.goods + self.shipping - self.refunds - self.commission


def _line_commission():
    """Each line's commission as basis_points_of rounds it (half up to the satang), in SQL;
    64-bit, since goods × basis points passes 2**31 from ฿42,950 at 5 %."""
    return (
        cast(SellerOrder.goods_satang, BigInteger) * SellerOrder.commission_bp + 5_000
    ) // 10_000


def _sold_in(date_from: date, date_to: date):
    return (
        SellerOrder.status.in_(SOLD),
        Order.paid_at >= day_start(date_from),
        Order.paid_at < day_start(date_to + timedelta(days=1)),
    )


def settlements(
    date_from: date, date_to: date, cooperative_id: int | None = None
) -> list[Settlement]:
    """Settlements of every cooperative (or one) for seller orders paid in the period, in two
    queries (the cooperatives; the sums grouped by cooperative).

    A sale is a seller order paid, packing, shipped or delivered; its commission comes from the
    rate snapshot taken when the order was placed, rounded per order. Cooperatives without
    sales appear with zeros.
    """
    coops = select(Cooperative).order_by(Cooperative.name_th, Cooperative.id)
    if cooperative_id is not None:
        coops = coops.where(Cooperative.id == cooperative_id)
    result = {c.id: Settlement(c) for c in db.session.scalars(coops)}
    if not result:
        return []
    sums = (
        select(
            SellerOrder.cooperative_id,
            func.count(SellerOrder.id),
            func.coalesce(func.sum(SellerOrder.goods_satang), 0),
            func.coalesce(func.sum(SellerOrder.shipping_satang), 0),
            func.coalesce(func.sum(SellerOrder.refunded_satang), 0),
            func.coalesce(func.sum(_line_commission()), 0),
        )
        .join(SellerOrder.order)
        .where(*_sold_in(date_from, date_to))
        .group_by(SellerOrder.cooperative_id)
    )
    if cooperative_id is not None:
        sums = sums.where(SellerOrder.cooperative_id == cooperative_id)
    for coop_id, count, goods, shipping, refunded, commission in db.session.execute(sums):
        found = result[coop_id]  # every cooperative selling is one of ``result``
        found.seller_orders, found.goods, found.shipping = int(count), int(goods), int(shipping)
        found.refunds, found.commission = int(refunded), int(commission)
    return list(result.values())


def _lines_query(cooperative_id: int, date_from: date, date_to: date):
    return (
        select(
            Order.number,
            Order.token,
            Order.paid_at,
            SellerOrder.status,
            SellerOrder.goods_satang,
            SellerOrder.shipping_satang,
            SellerOrder.refunded_satang,
            SellerOrder.commission_bp,
        )
        .join(SellerOrder.order)
        .where(SellerOrder.cooperative_id == cooperative_id, *_sold_in(date_from, date_to))
        .order_by(Order.paid_at, SellerOrder.id)
    )


def _line(row, tz) -> SettlementLine:
    number, token, paid_at, status, goods, shipping, refunded, bp = row
    return SettlementLine(
        order_number=number,
        order_token=token,
        paid_on=paid_at.astimezone(tz).date(),
        status=status,
        goods=goods,
        shipping=shipping,
        refunds=refunded,
        commission_bp=bp,
        commission=basis_points_of(goods, bp),
    )


@dataclass(frozen=True)
class LinePage:
    """One numbered page of a settlement's lines (what the ``pager`` macro reads)."""

    items: list[SettlementLine]
    page: int
    pages: int
    total: int
    per_page: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def settlement_lines(
    settlement: Settlement,
    date_from: date,
    date_to: date,
    page: int = 1,
    per_page: int | None = None,
) -> LinePage:
    """One page of a settlement's seller orders, oldest paid first (one query: the count is
    the settlement's), SETTLEMENT_LINES_PER_PAGE unless ``per_page``. A page past the end
    gives the last page."""
    per_page = per_page or SETTLEMENT_LINES_PER_PAGE
    pages = max(1, -(-settlement.seller_orders // per_page))
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        _lines_query(settlement.cooperative.id, date_from, date_to)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    tz = shop_timezone()
    return LinePage(
        [_line(row, tz) for row in rows], page, pages, settlement.seller_orders, per_page
    )


SETTLEMENT_CSV_HEADER = (
    "order_number",
    "paid_on",
    "status",
    "goods_baht",
    "shipping_baht",
    "refunds_baht",
    "commission_percent",
    "commission_baht",
    "net_due_baht",
)


def settlement_rows(settlement: Settlement, date_from: date, date_to: date) -> Iterator[tuple]:
    """One cooperative's settlement line by line with its total, as rows for
    core.csv_export.csv_stream: read 1,000 lines at a time, so any period fits in memory."""
    yield ("cooperative", settlement.cooperative.name_th, settlement.cooperative.slug)
    yield ("period", date_from.isoformat(), date_to.isoformat())
    yield SETTLEMENT_CSV_HEADER
    tz = shop_timezone()
    rows = db.session.execute(
        _lines_query(settlement.cooperative.id, date_from, date_to),
        execution_options={"yield_per": 1000},
    )
    for row in rows:
        line = _line(row, tz)
        yield (
            line.order_number,
            line.paid_on.isoformat(),
            str(line.status),
            baht(line.goods),
            baht(line.shipping),
            baht(line.refunds),
            commission_percent(line.commission_bp),
            baht(line.commission),
            baht(line.net),
        )
    yield (
        "total",
        "",
        "",
        baht(settlement.goods),
        baht(settlement.shipping),
        baht(settlement.refunds),
        "",
        baht(settlement.commission),
        baht(settlement.net),
    )


SETTLEMENTS_CSV_HEADER = (
    "cooperative",
    "cooperative_slug",
    "seller_orders",
    "goods_baht",
    "shipping_baht",
    "refunds_baht",
    "commission_baht",
    "net_due_baht",
)


def settlements_csv(found: list[Settlement], date_from: date, date_to: date) -> str:
    """Every cooperative's settlement for the period, one row each and a total, as the
    all-cooperatives page shows it (core.csv_export: UTF-8 with a BOM, formula-safe)."""
    rows: list[tuple] = [("period", date_from.isoformat(), date_to.isoformat())]
    rows.append(SETTLEMENTS_CSV_HEADER)
    rows += [
        (
            s.cooperative.name_th,
            s.cooperative.slug,
            s.seller_orders,
            baht(s.goods),
            baht(s.shipping),
            baht(s.refunds),
            baht(s.commission),
            baht(s.net),
        )
        for s in found
    ]
    rows.append(
        (
            "total",
            "",
            sum(s.seller_orders for s in found),
            *(
                baht(sum(getattr(s, name) for s in found))
                for name in ("goods", "shipping", "refunds", "commission", "net")
            ),
        )
    )
    return csv_text(rows)


# --- programme report -------------------------------------------------------------------------


def months_between(date_from: date, date_to: date) -> list[date]:
    """The first day of every month from date_from's month to date_to's month."""
    months, month = [], date_from.replace(day=1)
    while month <= date_to:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


@dataclass(frozen=True)
class MonthFigures:
    month: date
    cooperatives_selling: int
    orders: int  # buyers' orders with at least one sale
    seller_orders: int
    revenue: int  # goods sold, satang
    retail_orders: int
    retail_revenue: int
    wholesale_orders: int = 0  # wholesale ordering comes with a later issue
    wholesale_revenue: int = 0


@dataclass(frozen=True)
class CooperativeMonth:
    seller_orders: int
    revenue: int


@dataclass
class Programme:
    months: list[MonthFigures]
    cooperatives: list[Cooperative]
    by_cooperative: dict[int, dict[date, CooperativeMonth]]

    def cell(self, cooperative_id: int, month: date) -> CooperativeMonth:
        return self.by_cooperative.get(cooperative_id, {}).get(month, CooperativeMonth(0, 0))

    def total_of(self, cooperative_id: int) -> CooperativeMonth:
        cells = self.by_cooperative.get(cooperative_id, {}).values()
        return CooperativeMonth(sum(c.seller_orders for c in cells), sum(c.revenue for c in cells))


def default_programme_period() -> tuple[date, date]:
    """The twelve months up to and including this one."""
    end = today()
    start = end.replace(day=1)
    for _ in range(11):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, end


def period_bucket(column, starts: list[date]):
    """SQL: the index in ``starts`` (ascending days) of the period a time falls in, where
    period i runs from the start of day ``starts[i]`` (shop's time zone) to the next start.

    Boundaries are computed here in the shop's time zone, so SQLite and PostgreSQL bucket alike
    (neither needs to know Asia/Bangkok). Times before ``starts[0]`` fall in period 0: filter.
    """
    if len(starts) == 1:
        return literal(0)
    return case(
        *((column < day_start(starts[i + 1]), i) for i in range(len(starts) - 1)),
        else_=len(starts) - 1,
    )


def programme(date_from: date, date_to: date) -> Programme:
    """Monthly figures of the programme: cooperatives selling, orders, revenue, channels.

    Summed in SQL by month (shop's time zone) and cooperative: two queries whatever the
    number of sales, and one for the cooperatives' names.
    """
    months = months_between(date_from, date_to)
    sales = (
        select(
            SellerOrder.cooperative_id.label("coop"),
            SellerOrder.order_id.label("order_id"),
            SellerOrder.goods_satang.label("goods"),
            period_bucket(Order.paid_at, months).label("month"),
        )
        .join(SellerOrder.order)
        .where(*_sold_in(date_from, date_to))
        .subquery()
    )
    cells: dict[int, dict[date, CooperativeMonth]] = defaultdict(dict)
    coops_in: dict[date, int] = defaultdict(int)
    seller_orders_in: dict[date, int] = defaultdict(int)
    revenue_in: dict[date, int] = defaultdict(int)
    for coop_id, index, count, goods in db.session.execute(
        select(sales.c.coop, sales.c.month, func.count(), func.sum(sales.c.goods)).group_by(
            sales.c.coop, sales.c.month
        )
    ):
        month = months[index]
        cells[coop_id][month] = CooperativeMonth(int(count), int(goods))
        coops_in[month] += 1
        seller_orders_in[month] += int(count)
        revenue_in[month] += int(goods)
    orders_in = {
        months[index]: int(count)
        for index, count in db.session.execute(
            select(sales.c.month, func.count(func.distinct(sales.c.order_id))).group_by(
                sales.c.month
            )
        )
    }
    figures = [
        MonthFigures(
            month=m,
            cooperatives_selling=coops_in[m],
            orders=orders_in.get(m, 0),
            seller_orders=seller_orders_in[m],
            revenue=revenue_in[m],
            retail_orders=orders_in.get(m, 0),
            retail_revenue=revenue_in[m],
        )
        for m in months
    ]
    cooperatives = (
        list(
            db.session.scalars(
                select(Cooperative).where(Cooperative.id.in_(cells)).order_by(Cooperative.name_th)
            )
        )
        if cells
        else []
    )
    return Programme(months=figures, cooperatives=cooperatives, by_cooperative=dict(cells))
