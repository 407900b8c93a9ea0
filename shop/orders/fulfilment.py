"""A cooperative fulfils its part of an order: find, pack, ship, deliver, cancel with a refund.

Every query takes the cooperative's id, so one cooperative never reads or changes another's
seller orders. Status changes go through the state machine (shop.orders.state). Services flush;
the caller commits, and rolls back when one raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from shop.accounts.models import CooperativeMembership, User
from shop.core.csv_export import baht
from shop.core.days import day_start, shop_timezone
from shop.core.db import utcnow
from shop.core.i18n import localize
from shop.core.mail import send_after_commit
from shop.core.money import basis_points_of
from shop.core.pagination import Cursor, SeekPage, seek_page
from shop.core.urls import external_url
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from shop.orders import carriers, state
from shop.orders.errors import OrderError
from shop.orders.models import Order, OrderStatus, SellerOrder, SellerOrderStatus
from shop.orders.numbers import search_text
from shop.orders.services import lock_order
from shop.payments import refunds
from shop.payments.models import Payment
from shop.payments.refunds import RefundOutcome
from shop.platform.audit import record
from shop.pricing.models import ShippingMethod
from shop.wholesale import invoicing

CANCELLABLE = (SellerOrderStatus.PAID, SellerOrderStatus.PACKING)
# Seller orders staff see: an unpaid or expired order is not theirs to act on yet (or ever).
VISIBLE = (
    SellerOrderStatus.TO_CONFIRM,  # wholesale: approved by the partner and the office
    SellerOrderStatus.CONFIRMED,
    SellerOrderStatus.PAID,
    SellerOrderStatus.PACKING,
    SellerOrderStatus.SHIPPED,
    SellerOrderStatus.DELIVERED,
    SellerOrderStatus.CANCELLED,
)
PAGE_SIZE = 25
# A search matching more orders than this is common enough to find newest first unaided.
SEARCH_PREFETCH = 2_000


class FulfilmentError(OrderError):
    message = _l("This order cannot take that step now.")


class AwaitingInvoicePayment(FulfilmentError):
    message = _l("A prepaid partner's order is packed once its invoice is paid.")


class TrackingRefused(FulfilmentError):
    """Not a tracking number of the chosen carrier (the message says what one looks like)."""


# --- finding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFilter:
    status: SellerOrderStatus | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""


def _filtered(cooperative_id: int, wanted: OrderFilter) -> Select:
    query = (
        select(SellerOrder)
        .join(SellerOrder.order)
        .where(SellerOrder.cooperative_id == cooperative_id, SellerOrder.status.in_(VISIBLE))
    )
    if wanted.status is not None:
        query = query.where(SellerOrder.status == wanted.status)
    if wanted.date_from is not None:
        query = query.where(Order.created_at >= day_start(wanted.date_from))
    if wanted.date_to is not None:
        query = query.where(Order.created_at < day_start(wanted.date_to + timedelta(days=1)))
    text = search_text(wanted.search)
    if text:
        like = f"%{text.lower()}%"
        matches = or_(
            func.lower(Order.number).like(like),
            func.lower(Order.ship_name).like(like),
            func.lower(Order.email).like(like),
        )
        # The orders matching first, through the trigram indexes on PostgreSQL: left to
        # itself the planner walks every order newest first looking for a rare match.
        found = db.session.scalars(select(Order.id).where(matches).limit(SEARCH_PREFETCH + 1))
        ids = list(found)
        query = query.where(Order.id.in_(ids) if len(ids) <= SEARCH_PREFETCH else matches)
    return query


def list_seller_orders(
    cooperative_id: int,
    wanted: OrderFilter,
    older_than: Cursor | None = None,
    newer_than: Cursor | None = None,
) -> SeekPage:
    """One page of the cooperative's seller orders, newest placed first, by seeking along
    (order placed at, order id): a cooperative has one seller order per order."""
    counted = None
    if wanted.date_from is None and wanted.date_to is None and not wanted.search:
        counted = select(func.count(SellerOrder.id)).where(  # no join: the index answers
            SellerOrder.cooperative_id == cooperative_id,
            SellerOrder.status == wanted.status
            if wanted.status is not None
            else SellerOrder.status.in_(VISIBLE),
        )
    return seek_page(
        _filtered(cooperative_id, wanted).options(joinedload(SellerOrder.order)),
        Order.created_at,
        Order.id,
        lambda so: Cursor(so.order.created_at, so.order_id),
        PAGE_SIZE,
        older_than=older_than,
        newer_than=newer_than,
        count=counted,
    )


def count_to_pack(cooperative_id: int) -> int:
    """How many of the cooperative's seller orders are paid and nobody has started packing:
    the list that "paid" shows (orders being packed have someone on them already)."""
    return int(
        db.session.scalar(
            select(func.count(SellerOrder.id)).where(
                SellerOrder.cooperative_id == cooperative_id,
                SellerOrder.status == SellerOrderStatus.PAID,
            )
        )
        or 0
    )


def seller_order_of(cooperative_id: int, seller_order_id: int) -> SellerOrder | None:
    """The cooperative's seller order with this id; None for another cooperative's id."""
    return db.session.scalars(
        select(SellerOrder)
        .where(
            SellerOrder.id == seller_order_id,
            SellerOrder.cooperative_id == cooperative_id,
            SellerOrder.status.in_(VISIBLE),
        )
        .options(
            joinedload(SellerOrder.order).selectinload(Order.payments),
            selectinload(SellerOrder.lines),
        )
    ).first()


def received_payment(order: Order) -> Payment | None:
    """The payment that paid the order (never a later one flagged for a refund)."""
    return next((p for p in order.payments if p.paid_order), None)


def cancel_preview(seller_order: SellerOrder) -> RefundOutcome:
    """What cancelling the seller order would refund now: its share, capped at what is left
    of the order's payment, with what was refunded before and what would be left."""
    return refunds.preview(received_payment(seller_order.order), seller_order.total_satang)


# --- steps ----------------------------------------------------------------------------------


def _locked(seller_order: SellerOrder) -> SellerOrder:
    """Lock the order, then re-read the seller order: a concurrent step may have moved it."""
    lock_order(seller_order.order_id)
    db.session.refresh(seller_order)
    return seller_order


def _step(seller_order: SellerOrder, to: SellerOrderStatus, actor_id: int, **details) -> None:
    before = seller_order.status
    if not state.move_seller_order(seller_order, to):
        raise FulfilmentError()
    record(
        "seller_order.status",
        seller_order,
        actor_id=actor_id,
        cooperative_id=seller_order.cooperative_id,
        order=seller_order.order.number,
        status=[str(before), str(to)],
        **details,
    )
    db.session.flush()


def start_packing(seller_order: SellerOrder, *, actor_id: int) -> None:
    """Paid (or a confirmed wholesale part: on terms at once, prepaid once its invoice is
    paid) → packing. Raises AwaitingInvoicePayment or FulfilmentError from any other state."""
    seller_order = _locked(seller_order)
    if not invoicing.may_pack(seller_order):
        raise AwaitingInvoicePayment()
    _step(seller_order, SellerOrderStatus.PACKING, actor_id)


def ship(seller_order: SellerOrder, carrier: str, tracking_number: str, *, actor_id: int) -> None:
    """Packing → shipped with a carrier (a code of shop.orders.carriers) and one of its tracking
    numbers (stored as the carrier prints it), or with the cooperative's own delivery or
    collection (``carriers.OWN_DELIVERY``, no number); mails the buyer in the order's language.

    Raises TrackingRefused for an unknown carrier or a number not of the carrier's kind, and
    FulfilmentError when the seller order is not being packed.
    """
    seller_order = _locked(seller_order)
    try:
        carrier, tracking_number = carriers.check_shipment(carrier, tracking_number)
    except carriers.TrackingNumberRefused as exc:
        raise TrackingRefused(exc.message) from exc
    if seller_order.status != SellerOrderStatus.PACKING:
        raise FulfilmentError()
    seller_order.carrier = carrier
    seller_order.tracking_number = tracking_number
    _step(
        seller_order,
        SellerOrderStatus.SHIPPED,
        actor_id,
        carrier=carrier,
        tracking_number=tracking_number,
    )
    order = seller_order.order
    send_after_commit(
        order.email,
        "order_shipped",
        order.locale,
        order=order,
        seller_order=seller_order,
        cooperative_name=localize(seller_order.cooperative, "name", order.locale),
        url=external_url("orders.detail", token=order.token),
    )


def suggested_carrier(seller_order: SellerOrder) -> str:
    """The code of the carrier the buyer's shipping method stands for, the cooperative's own
    delivery (``carriers.OWN_DELIVERY``) when the method names no parcel carrier (a pick-up,
    a delivery to the pier), "" when the method is gone: the ship form starts on it."""
    method = db.session.get(ShippingMethod, seller_order.shipping_method_id or 0)
    found = carriers.carrier_for_shipping(
        *((method.code, method.name_en) if method else ()),
        seller_order.shipping_method_name,  # as the buyer read it
        *((method.name_th, method.name_my) if method else ()),
    )
    if found is not None:
        return found.code
    return carriers.OWN_DELIVERY if method is not None else ""


def mark_delivered(seller_order: SellerOrder, *, actor_id: int) -> None:
    """Shipped → delivered. Raises FulfilmentError from any other state."""
    _step(_locked(seller_order), SellerOrderStatus.DELIVERED, actor_id)


def cancel_and_refund(
    seller_order: SellerOrder, *, actor_id: int, reason: tuple[str, str] = ("", "")
) -> RefundOutcome | None:
    """Cancel a paid or packing seller order: refund its share, return its stock, once, and
    mail the buyer why, in the order's language.

    ``reason`` is (code of ``orders.reasons.SELLER_ORDER_CANCELLATION``, note in the staff
    member's own words), kept in the audit log and worded for the buyer by
    ``core.reasons.reason_text``.

    The share is its goods and its shipping, capped at what is left to refund on the order's
    payment (other parts, or Stripe's dashboard, may have refunded some already): one refund
    function (shop.payments.refunds) gives it back through Stripe, with an idempotency key named
    after the seller order (a retry after a lost answer or a failed commit returns the same
    refund), or records a manual refund for a transfer. When every part of the order is
    cancelled, the order is cancelled too.

    Returns what was refunded before, now and what is left; None when it was already cancelled
    (nothing changes). Raises FulfilmentError once shipped or delivered. A card refund is
    recorded as pending (``outcome.to_send``): the caller commits, then sends it with
    ``payments.refunds.send``; one Stripe does not accept stays owed and is sent again.
    """
    seller_order = _locked(seller_order)
    if seller_order.status == SellerOrderStatus.CANCELLED:
        return None
    if seller_order.status not in CANCELLABLE:
        raise FulfilmentError()
    order = seller_order.order
    before = seller_order.status
    state.move_seller_order(seller_order, SellerOrderStatus.CANCELLED)
    seller_order.cancelled_at = utcnow()
    for line in sorted(seller_order.lines, key=lambda ln: ln.variant_id):
        change_stock(
            line.variant_id,
            line.quantity,
            StockReason.RETURN,
            user_id=actor_id,
            reference=order.number,
            note=f"seller order {seller_order.id} cancelled",
        )
    if all(so.status == SellerOrderStatus.CANCELLED for so in order.seller_orders):
        state.move(order, OrderStatus.CANCELLED)
    db.session.flush()

    payment = received_payment(order)
    outcome = refunds.preview(payment, 0)
    if payment is not None:
        outcome = refunds.refund(
            payment,
            seller_order.total_satang,
            actor_id=actor_id,
            key=refund_key(seller_order),
            cooperative_id=seller_order.cooperative_id,
            seller_order_id=seller_order.id,
        )
    seller_order.refunded_satang = outcome.refunded_satang
    reason_code, reason_note = reason
    send_after_commit(
        order.email,
        "seller_order_cancelled",
        order.locale,
        order=order,
        seller_order=seller_order,
        cooperative_name=localize(seller_order.cooperative, "name", order.locale),
        reason_code=reason_code,
        reason_note=reason_note,
        refunded_satang=outcome.refunded_satang,
        url=external_url("orders.detail", token=order.token),
    )
    record(
        "seller_order.cancel",
        seller_order,
        actor_id=actor_id,
        cooperative_id=seller_order.cooperative_id,
        order=order.number,
        status=[str(before), str(SellerOrderStatus.CANCELLED)],
        refunded_satang=outcome.refunded_satang,
        already_refunded_satang=outcome.already_satang,
        left_satang=outcome.left_satang,
        reason=reason_code,
        note=reason_note,
    )
    db.session.flush()
    return outcome


def refund_key(seller_order: SellerOrder) -> str:
    return f"seller-order-{seller_order.id}-refund"


# --- mail to staff ----------------------------------------------------------------------------


def mail_staff_of_paid_order(order: Order) -> None:
    """Tell the staff of each cooperative in a newly paid order, each in their own language."""
    mail_cooperative_staff(order, "new_paid_order")


def mail_cooperative_staff(order: Order, template: str) -> None:
    """Mail ``template`` to the active staff of each cooperative in ``order``, each in their own
    language, with their part of the order and a link to it in the seller backend."""
    for seller_order in order.seller_orders:
        staff = db.session.scalars(
            select(User)
            .join(CooperativeMembership, CooperativeMembership.user_id == User.id)
            .where(
                CooperativeMembership.cooperative_id == seller_order.cooperative_id,
                User.active,
            )
            .order_by(User.id)
        ).all()
        for user in staff:
            send_after_commit(
                user.email,
                template,
                user.locale,
                order=order,
                seller_order=seller_order,
                cooperative_name=localize(seller_order.cooperative, "name", user.locale),
                url=external_url("seller.order_detail", seller_order_id=seller_order.id),
            )


# --- export ---------------------------------------------------------------------------------

CSV_HEADER = (
    "order_number",
    "date",
    "status",
    "buyer",
    "buyer_email",
    "goods_baht",
    "shipping_baht",
    "commission_baht",
    "refunded_baht",
)


def export_rows(
    cooperative_id: int, date_from: date | None, date_to: date | None
) -> Iterator[tuple]:
    """The header, then one row per seller order placed in the date range, oldest first: plain
    rows read 2,000 at a time (a server-side cursor on PostgreSQL), so memory stays flat
    however many orders there are. For core.csv_export.csv_stream."""
    query = (
        _filtered(cooperative_id, OrderFilter(date_from=date_from, date_to=date_to))
        .with_only_columns(
            Order.number,
            Order.created_at,
            SellerOrder.status,
            Order.ship_name,
            Order.email,
            SellerOrder.goods_satang,
            SellerOrder.shipping_satang,
            SellerOrder.commission_bp,
            SellerOrder.refunded_satang,
        )
        .order_by(Order.created_at, Order.id)
    )
    tz = shop_timezone()
    yield CSV_HEADER
    rows = db.session.execute(query, execution_options={"yield_per": 2000})
    for number, created_at, status, name, email, goods, shipping, bp, refunded in rows:
        yield (
            number,
            created_at.astimezone(tz).date().isoformat(),
            str(status),
            name,
            email,
            baht(goods),
            baht(shipping),
            baht(basis_points_of(goods, bp)),
            baht(refunded),
        )
