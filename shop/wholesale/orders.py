"""Wholesale orders: placing a partner's order from its cart, the approvals it may need, and
finding a partner's orders. Services flush and audit; the caller commits.

A wholesale order is priced by shop.pricing.quotes for the partner, takes the stock at
placement exactly as a retail order does (shop.inventory.services.change_stock), and is paid
against the invoices each cooperative issues when it confirms its part (shop.wholesale
.invoicing). Before the cooperatives see it, it may wait for:
- the partner admin, when it is worth more than the buyer's spending limit;
- the platform, when it would take a partner on terms over its credit limit.
The credit check locks the partner's row, so two buyers ordering at the same moment cannot
exceed the limit together (SQLite serialises writers anyway).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.accounts.models import User
from shop.cart.models import Cart
from shop.cart.services import CartSummary, empty_cart, summarize
from shop.core.days import today
from shop.core.db import utcnow
from shop.core.i18n import localize
from shop.core.mail import send_after_commit
from shop.core.money import format_money
from shop.core.reasons import NOTE_MAX_LENGTH
from shop.core.urls import external_url
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import InsufficientStock, change_stock
from shop.orders import state
from shop.orders.errors import CartNotReady, OrderError, SoldOut
from shop.orders.fulfilment import mail_cooperative_staff
from shop.orders.models import (
    Approval,
    Order,
    OrderStatus,
    PaymentMethod,
    SellerOrder,
    SellerOrderStatus,
)
from shop.orders.services import (
    check_delivery,
    lock_order,
    new_order_number,
    release_stock,
    seller_orders_from,
)
from shop.platform.audit import record
from shop.pricing.quotes import Buyer
from shop.wholesale.models import (
    InvoiceStatus,
    PartnerInvoice,
    PartnerMembership,
    PartnerRole,
    PartnerShop,
    PartnerShopStatus,
    PaymentTerms,
)
from shop.wholesale.reasons import WHOLESALE_ORDER_DECLINE
from shop.wholesale.regions import region_name

MAX_PO_NUMBER = 40
MAX_NOTE = 500
# Seller orders whose amount the partner is committed to but not yet invoiced for.
NOT_YET_INVOICED = (SellerOrderStatus.AWAITING_APPROVAL, SellerOrderStatus.TO_CONFIRM)


class WholesaleOrderError(OrderError):
    """A wholesale order that cannot be placed or changed; ``message`` says why (translated)."""

    def __init__(self, message):
        self.message = message
        super().__init__()

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class WholesaleCheckout:
    """What a partner's buyer chose at the wholesale checkout. Amounts are never part of it."""

    po_number: str
    note: str
    shipping_choice: dict[int, int]  # cooperative id -> shipping method id
    locale: str


@dataclass(frozen=True)
class CreditPosition:
    """A partner's credit, in satang: ``invoiced`` is what is invoiced and unpaid, ``ordered``
    what is ordered but not yet invoiced; ``available`` what a new order on terms may be worth
    without the platform's approval (None when the partner is prepaid: no limit applies)."""

    limit: int
    invoiced: int
    ordered: int
    overdue: int  # the unpaid part of invoices past their due date

    @property
    def exposure(self) -> int:
        return self.invoiced + self.ordered

    @property
    def available(self) -> int:
        return max(self.limit - self.exposure, 0)


def credit_position(
    partner: PartnerShop, *, excluding_order_id: int | None = None
) -> CreditPosition:
    """The partner's open balance and commitments, from the database (two queries)."""
    invoiced, overdue = db.session.execute(
        select(
            func.coalesce(func.sum(PartnerInvoice.amount_satang - PartnerInvoice.paid_satang), 0),
            func.coalesce(
                func.sum(PartnerInvoice.amount_satang - PartnerInvoice.paid_satang).filter(
                    PartnerInvoice.due_on < today()
                ),
                0,
            ),
        ).where(
            PartnerInvoice.partner_shop_id == partner.id,
            PartnerInvoice.status == InvoiceStatus.OPEN,
        )
    ).one()
    ordered_query = (
        select(func.coalesce(func.sum(SellerOrder.goods_satang + SellerOrder.shipping_satang), 0))
        .join(SellerOrder.order)
        .where(Order.partner_shop_id == partner.id, SellerOrder.status.in_(NOT_YET_INVOICED))
    )
    if excluding_order_id is not None:
        ordered_query = ordered_query.where(Order.id != excluding_order_id)
    ordered = db.session.scalar(ordered_query)
    return CreditPosition(partner.credit_limit_satang, int(invoiced), int(ordered), int(overdue))


def _lock_partner(partner_id: int) -> PartnerShop:
    """Re-read the partner with a row lock (PostgreSQL), so credit checks queue up."""
    return db.session.scalars(
        select(PartnerShop)
        .where(PartnerShop.id == partner_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _on_terms(partner: PartnerShop) -> bool:
    return partner.payment_terms != PaymentTerms.PREPAID


def _check_can_order(partner: PartnerShop, summary: CartSummary, request: WholesaleCheckout):
    if request.po_number.strip() == "" and partner.require_po_number:
        raise WholesaleOrderError(
            _l("Your company needs its purchase-order number on every order.")
        )
    if len(request.po_number.strip()) > MAX_PO_NUMBER:
        raise WholesaleOrderError(_l("Please use at most %(max)s characters.", max=MAX_PO_NUMBER))
    for group in summary.groups:
        minimum = group.cooperative.wholesale_minimum_satang
        if group.goods < minimum:
            raise WholesaleOrderError(
                _l(
                    "%(cooperative)s takes wholesale orders from %(minimum)s of goods.",
                    cooperative=localize(group.cooperative, "name", request.locale),
                    minimum=format_money(minimum, request.locale),
                )
            )
    if _on_terms(partner) and credit_position(partner).overdue:
        raise WholesaleOrderError(
            _l(
                "An invoice of your company is overdue: please pay it before ordering on "
                "account. Your statement shows what is due."
            )
        )


def _approval_needed(
    partner: PartnerShop, membership: PartnerMembership, total: int, order_id: int | None = None
) -> Approval:
    limit = membership.spending_limit_satang
    if membership.role == PartnerRole.BUYER and limit is not None and total > limit:
        return Approval.PARTNER_ADMIN
    if _on_terms(partner):
        position = credit_position(partner, excluding_order_id=order_id)
        if position.exposure + total > partner.credit_limit_satang:
            return Approval.PLATFORM
    return Approval.NONE


def place_wholesale_order(
    cart: Cart, membership: PartnerMembership, request: WholesaleCheckout
) -> Order:
    """Turn a partner buyer's cart into a wholesale order, in the caller's transaction.

    Prices every line for the partner, checks the purchase-order number, each cooperative's
    minimum wholesale order and (on terms) that no invoice is overdue, takes the stock, and
    decides which approval the order waits for. Delivery goes to the partner's address.

    Raises CartNotReady (a line off its rule, unavailable, over stock, or a cooperative with
    no wholesale delivery), WholesaleOrderError (with the reason) or SoldOut; the caller
    rolls back then.
    """
    partner = _lock_partner(membership.partner_shop_id)
    if partner.status != PartnerShopStatus.APPROVED:
        raise WholesaleOrderError(_l("Your company's wholesale account is not active."))
    buyer = Buyer(partner_id=partner.id, price_list=partner.price_list)
    summary = summarize(cart, request.shipping_choice, buyer)
    if not summary.ready:
        raise CartNotReady()
    check_delivery(summary, request.shipping_choice, request.locale)
    _check_can_order(partner, summary, request)

    number = new_order_number()
    for line in sorted(summary.lines, key=lambda lv: lv.variant.id):
        try:
            change_stock(line.variant.id, -line.quantity, StockReason.SALE, reference=number)
        except InsufficientStock as exc:
            raise SoldOut(localize(line.variant.product, "name", request.locale)) from exc

    approval = _approval_needed(partner, membership, summary.total)
    first_status = (
        SellerOrderStatus.TO_CONFIRM
        if approval == Approval.NONE
        else SellerOrderStatus.AWAITING_APPROVAL
    )
    order = Order(
        number=number,
        token=secrets.token_urlsafe(32),
        user_id=membership.user_id,
        email=membership.user.email,
        locale=request.locale,
        status=OrderStatus.ON_ACCOUNT,
        payment_method=PaymentMethod.INVOICE,
        partner_shop_id=partner.id,
        po_number=request.po_number.strip(),
        approval=approval,
        note=request.note.strip()[:MAX_NOTE],
        ship_name=partner.name,
        ship_phone=partner.phone,
        ship_line1=partner.address_line,
        ship_line2=partner.ward,
        ship_subdistrict="",
        ship_district=partner.township,
        ship_province=region_name(partner.region, "en")[:40],
        ship_postcode=partner.postcode[:5],
        goods_satang=summary.goods,
        shipping_satang=summary.shipping,
        total_satang=summary.total,
        expires_at=utcnow() + timedelta(days=3650),  # never expires: paid against invoices
    )
    order.seller_orders.extend(seller_orders_from(summary, request.locale, first_status))
    db.session.add(order)
    db.session.flush()
    empty_cart(cart)
    record(
        "wholesale_order.place",
        order,
        actor_id=membership.user_id,
        number=number,
        partner=partner.name,
        total_satang=order.total_satang,
        approval=str(approval),
    )
    _mail_placed(order, partner)
    return order


# --- approvals -----------------------------------------------------------------------------------


def approve(order: Order, *, actor: User, as_platform: bool) -> Approval:
    """The partner admin (or, ``as_platform``, the office) approves a waiting order. A partner
    admin's approval may still leave it waiting for the platform's (over the credit limit).
    Returns what the order waits for next. Raises WholesaleOrderError when it waits for
    nobody, or for someone else."""
    partner = _lock_partner(order.partner_shop_id)
    order = lock_order(order.id)
    wanted = Approval.PLATFORM if as_platform else Approval.PARTNER_ADMIN
    if order.approval != wanted or order.status != OrderStatus.ON_ACCOUNT:
        raise WholesaleOrderError(_l("This order is not waiting for your approval."))
    following = Approval.NONE
    if not as_platform and _on_terms(partner):
        position = credit_position(partner, excluding_order_id=order.id)
        if position.exposure + order.total_satang > partner.credit_limit_satang:
            following = Approval.PLATFORM
    order.approval = following
    if following == Approval.NONE:
        for seller_order in order.seller_orders:
            state.move_seller_order(seller_order, SellerOrderStatus.TO_CONFIRM)
    db.session.flush()
    record(
        "wholesale_order.approve",
        order,
        actor_id=actor.id,
        number=order.number,
        by="platform" if as_platform else "partner_admin",
        waits_for=str(following),
    )
    if following == Approval.NONE:
        _mail_cooperatives(order)
        send_after_commit(
            order.email,
            "wholesale_order_approved",
            order.locale,
            order=order,
            url=external_url("wholesale.order_detail", number=order.number),
        )
    else:
        _mail_office_of_credit(order, partner)
    return following


def decline(order: Order, *, actor: User, reason: tuple[str, str], as_platform: bool) -> None:
    """Decline a waiting order: it is cancelled and its stock comes back; the buyer is mailed
    why. ``reason`` is (code of ``wholesale.reasons.WHOLESALE_ORDER_DECLINE`` or ``other``, a
    note in the decider's own words): kept in the audit log and worded for the buyer in the
    order's language (``core.reasons.reason_text``).
    Raises WholesaleOrderError when it does not wait for this approver, or the reason is not
    one the list can give ("Another reason" needs a note)."""
    code, note = reason[0], (reason[1] or "").strip()[:NOTE_MAX_LENGTH]
    if not WHOLESALE_ORDER_DECLINE.accepts(code, note):
        raise WholesaleOrderError(_l("Please tell the buyer why the order is declined."))
    order = lock_order(order.id)
    wanted = Approval.PLATFORM if as_platform else Approval.PARTNER_ADMIN
    if order.approval != wanted or order.status != OrderStatus.ON_ACCOUNT:
        raise WholesaleOrderError(_l("This order is not waiting for your approval."))
    order.approval = Approval.NONE
    state.move(order, OrderStatus.CANCELLED)
    release_stock(order)
    db.session.flush()
    record(
        "wholesale_order.decline",
        order,
        actor_id=actor.id,
        number=order.number,
        by="platform" if as_platform else "partner_admin",
        reason=code,
        note=note,
    )
    send_after_commit(
        order.email,
        "wholesale_order_declined",
        order.locale,
        order=order,
        reason_code=code,
        reason_note=note,
        url=external_url("wholesale.order_detail", number=order.number),
    )


# --- finding orders ------------------------------------------------------------------------------


def _with_lines():
    return selectinload(Order.seller_orders).selectinload(SellerOrder.lines)


def orders_of_partner(partner_id: int, limit: int = 200) -> list[Order]:
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.partner_shop_id == partner_id)
            .options(_with_lines())
            .order_by(Order.created_at.desc(), Order.id.desc())
            .limit(limit)
        )
    )


def order_of_partner(partner_id: int, number: str) -> Order | None:
    """One of the partner's orders by its number, or None (another partner's order too)."""
    return db.session.scalars(
        select(Order)
        .where(Order.partner_shop_id == partner_id, Order.number == number)
        .options(_with_lines())
    ).first()


def waiting_for_platform(limit: int = 200) -> list[Order]:
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.approval == Approval.PLATFORM, Order.status == OrderStatus.ON_ACCOUNT)
            .options(_with_lines())
            .order_by(Order.created_at)
            .limit(limit)
        )
    )


# --- mails ---------------------------------------------------------------------------------------


def _partner_admins(partner: PartnerShop) -> list[User]:
    return [m.user for m in partner.members if m.is_partner_admin and m.user.active]


def _mail_placed(order: Order, partner: PartnerShop) -> None:
    url = external_url("wholesale.order_detail", number=order.number)
    send_after_commit(order.email, "wholesale_order_placed", order.locale, order=order, url=url)
    if order.approval == Approval.PARTNER_ADMIN:
        for admin in _partner_admins(partner):
            send_after_commit(
                admin.email,
                "wholesale_order_to_approve",
                admin.locale,
                order=order,
                buyer=order.email,
                url=url,
            )
    elif order.approval == Approval.PLATFORM:
        _mail_office_of_credit(order, partner)
    else:
        _mail_cooperatives(order)


def _mail_office_of_credit(order: Order, partner: PartnerShop) -> None:
    office = db.session.scalars(
        select(User).where(User.is_platform_admin, User.active).order_by(User.id)
    ).all()
    for admin in office:
        send_after_commit(
            admin.email,
            "wholesale_credit_to_approve",
            admin.locale,
            order=order,
            partner=partner,
            position=credit_position(partner, excluding_order_id=order.id),
            url=external_url("platform.wholesale_approvals"),
        )


def _mail_cooperatives(order: Order) -> None:
    mail_cooperative_staff(order, "wholesale_order_to_confirm")
