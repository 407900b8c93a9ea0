"""The operator's figures: the admin home, orders across cooperatives, settlement and programme.

Every figure is integer satang. Periods are whole days in the shop's time zone (Asia/Bangkok),
inclusive at both ends, and a sale counts in the period its order was paid in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

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
    """What the platform owes one cooperative for a period."""

    cooperative: Cooperative
    lines: list[SettlementLine] = field(default_factory=list)

    @property
    def goods(self) -> int:
        return sum(line.goods for line in self.lines)

    @property
    def shipping(self) -> int:
        return sum(line.shipping for line in self.lines)

    @property
    def refunds(self) -> int:
        return sum(line.refunds for line in self.lines)

    @property
    def commission(self) -> int:
        return sum(line.commission for line in self.lines)

    @property
    def net(self) -> int:
        return self.goods + self.shipping - self.refunds - self.commission


def settlements(
    date_from: date, date_to: date, cooperative_id: int | None = None
) -> list[Settlement]:
    """Settlements of every cooperative (or one) for seller orders paid in the period.

    A sale is a seller order paid, packing, shipped or delivered; its commission comes from the
    rate snapshot taken when the order was placed. Cooperatives without sales appear with zeros.
    """
    coops = select(Cooperative).order_by(Cooperative.name_th, Cooperative.id)
    if cooperative_id is not None:
        coops = coops.where(Cooperative.id == cooperative_id)
    result = {c.id: Settlement(c) for c in db.session.scalars(coops)}
    rows = db.session.execute(
        select(
            SellerOrder.cooperative_id,
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
        .where(
            SellerOrder.status.in_(SOLD),
            SellerOrder.cooperative_id.in_(result),
            Order.paid_at >= day_start(date_from),
            Order.paid_at < day_start(date_to + timedelta(days=1)),
        )
        .order_by(Order.paid_at, SellerOrder.id)
    )
    tz = shop_timezone()
    for coop_id, number, token, paid_at, status, goods, shipping, refunded, bp in rows:
        result[coop_id].lines.append(
            SettlementLine(
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
        )
    return list(result.values())


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


def settlement_csv(settlement: Settlement, date_from: date, date_to: date) -> str:
    """One cooperative's settlement as CSV, UTF-8 with a BOM (Excel opens Thai text right)."""
    rows = [
        ("cooperative", settlement.cooperative.name_th, settlement.cooperative.slug),
        ("period", date_from.isoformat(), date_to.isoformat()),
        SETTLEMENT_CSV_HEADER,
    ]
    rows += [
        (
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
        for line in settlement.lines
    ]
    rows.append(
        (
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
    )
    return csv_text(rows)


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
            len(s.lines),
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
            sum(len(s.lines) for s in found),
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


def programme(date_from: date, date_to: date) -> Programme:
    """Monthly figures of the programme: cooperatives selling, orders, revenue, channels.

    Sales are bucketed into months in the shop's time zone, so one query reads them all.
    """
    months = months_between(date_from, date_to)
    rows = db.session.execute(
        select(
            SellerOrder.cooperative_id,
            SellerOrder.order_id,
            Order.paid_at,
            SellerOrder.goods_satang,
        )
        .join(SellerOrder.order)
        .where(
            SellerOrder.status.in_(SOLD),
            Order.paid_at >= day_start(date_from),
            Order.paid_at < day_start(date_to + timedelta(days=1)),
        )
    )
    tz = shop_timezone()
    coops_in: dict[date, set[int]] = defaultdict(set)
    orders_in: dict[date, set[int]] = defaultdict(set)
    seller_orders_in: dict[date, int] = defaultdict(int)
    revenue_in: dict[date, int] = defaultdict(int)
    cells: dict[int, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for coop_id, order_id, paid_at, goods in rows:
        month = paid_at.astimezone(tz).date().replace(day=1)
        coops_in[month].add(coop_id)
        orders_in[month].add(order_id)
        seller_orders_in[month] += 1
        revenue_in[month] += goods
        cells[coop_id][month][0] += 1
        cells[coop_id][month][1] += goods
    figures = [
        MonthFigures(
            month=m,
            cooperatives_selling=len(coops_in[m]),
            orders=len(orders_in[m]),
            seller_orders=seller_orders_in[m],
            revenue=revenue_in[m],
            retail_orders=len(orders_in[m]),
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
    by_cooperative = {
        coop_id: {m: CooperativeMonth(*values) for m, values in per_month.items()}
        for coop_id, per_month in cells.items()
    }
    return Programme(months=figures, cooperatives=cooperatives, by_cooperative=by_cooperative)
