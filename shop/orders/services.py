"""Placing, finding, cancelling and expiring orders. Services flush; callers commit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop.accounts.services import AddressData
from shop.cart.models import Cart
from shop.cart.services import CartSummary, empty_cart, summarize
from shop.config import LANGUAGES
from shop.core.db import utcnow
from shop.core.i18n import localize
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import InsufficientStock, change_stock
from shop.orders import state
from shop.orders.errors import CartNotReady, DeliveryNotOffered, NotCancellable, SoldOut
from shop.orders.models import (
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    SellerOrder,
    SellerOrderStatus,
)
from shop.orders.numbers import canonical_order_number
from shop.orders.shown import ShownAmounts
from shop.orders.shown import check as check_shown
from shop.pricing.quotes import Buyer


@dataclass(frozen=True)
class CheckoutRequest:
    """What the buyer chose at checkout. Amounts are never part of it."""

    email: str
    address: AddressData
    payment_method: PaymentMethod
    shipping_choice: dict[int, int]  # cooperative id -> shipping method id
    locale: str
    # What the checkout page showed (only ever compared with the amounts computed here);
    # None when the order does not come from a page.
    shown: ShownAmounts | None = None
    # Who buys (shop.wholesale.access.current_buyer), for the prices: retail when None.
    # Partners order through shop.wholesale.orders instead (on account, with a PO number).
    buyer: Buyer | None = None


def new_order_number() -> str:
    """A number people can read aloud and type: "RN-4827-3915" (digits only), unused so far."""
    while True:
        digits = f"{secrets.randbelow(10**8):08d}"
        number = f"RN-{digits[:4]}-{digits[4:]}"
        if db.session.scalar(select(Order.id).where(Order.number == number)) is None:
            return number


def order_ttl(method: PaymentMethod) -> timedelta:
    minutes = current_app.config[
        "ORDER_TTL_STRIPE_MINUTES"
        if method == PaymentMethod.STRIPE
        else "ORDER_TTL_TRANSFER_MINUTES"
    ]
    return timedelta(minutes=minutes)


def place_order(
    cart: Cart,
    request: CheckoutRequest,
    *,
    user_id: int | None,
    summary: CartSummary | None = None,
) -> Order:
    """Turn the cart into an order, in the caller's transaction.

    ``summary``: the cart's summary the caller has just made in this transaction for the same
    shipping choice and buyer (the checkout view's), so the cart is not read and priced twice;
    made here when None. Stock is checked again by the conditional UPDATEs either way.

    Recomputes every price and shipping amount from the database, takes the stock (one
    conditional UPDATE per variant, in variant-id order), creates the Order with one
    SellerOrder per cooperative and line snapshots, opens a pending Payment and empties the cart.

    Raises CartNotReady when a line is unavailable, over stock or has no shipping method,
    AmountsChanged when any amount differs from what the checkout page showed (before anything
    is written), and SoldOut when another buyer took the last units first. The caller rolls
    back then.
    """
    from shop.payments.services import open_payment

    buyer = request.buyer or Buyer()
    if summary is None:
        summary = summarize(cart, request.shipping_choice, buyer)
    if not summary.ready:
        raise CartNotReady()
    check_delivery(summary, request.shipping_choice, request.locale)
    check_shown(request.shown, summary, request.shipping_choice, request.locale)

    number = new_order_number()
    for line in sorted(summary.lines, key=lambda lv: lv.variant.id):
        try:
            change_stock(line.variant.id, -line.quantity, StockReason.SALE, reference=number)
        except InsufficientStock as exc:
            raise SoldOut(localize(line.variant.product, "name", request.locale)) from exc

    address = request.address
    order = Order(
        number=number,
        token=secrets.token_urlsafe(32),
        user_id=user_id,
        email=request.email.strip().lower(),
        locale=request.locale,
        payment_method=request.payment_method,
        ship_name=address.name,
        ship_phone=address.phone,
        ship_line1=address.line1,
        ship_line2=address.line2,
        ship_subdistrict=address.subdistrict,
        ship_district=address.district,
        ship_province=address.province,
        ship_postcode=address.postcode,
        goods_satang=summary.goods,
        shipping_satang=summary.shipping,
        total_satang=summary.total,
        expires_at=utcnow() + order_ttl(request.payment_method),
    )
    order.seller_orders.extend(seller_orders_from(summary, request.locale))
    db.session.add(order)
    db.session.flush()
    open_payment(order)
    empty_cart(cart)
    return order


def line_names(variant, locale: str) -> dict[str, str]:
    """An order line's name snapshot of ``variant``: in the buyer's ``locale`` and in each of
    the shop's languages (for the staff, the office and the packing slip)."""
    names = {
        "product_name": localize(variant.product, "name", locale),
        "variant_name": localize(variant, "name", locale),
    }
    for lang in LANGUAGES:
        names[f"product_name_{lang}"] = localize(variant.product, "name", lang)
        names[f"variant_name_{lang}"] = localize(variant, "name", lang)
    return names


def check_delivery(summary: CartSummary, shipping_choice: dict[int, int], locale: str) -> None:
    """Raises DeliveryNotOffered when a cooperative's chosen shipping method is not the one the
    summary would use (the choice is not on offer): a buyer's delivery is never replaced."""
    for group in summary.groups:
        wanted = shipping_choice.get(group.cooperative.id)
        if wanted is not None and (group.chosen is None or group.chosen.method.id != wanted):
            raise DeliveryNotOffered(localize(group.cooperative, "name", locale))


def seller_orders_from(
    summary: CartSummary, locale: str, status: SellerOrderStatus | None = None
) -> list[SellerOrder]:
    """One seller order per cooperative of a priced cart (its goods, shipping, parcel weight
    and commission rate as of now), each line a snapshot of the pack's names in ``locale``,
    SKU, unit price and where that price came from. ``status``: the seller orders' first
    status (the model's default when None)."""
    seller_orders = []
    for group in summary.groups:
        seller_order = SellerOrder(
            cooperative_id=group.cooperative.id,
            goods_satang=group.goods,
            shipping_satang=group.shipping,
            shipping_method_id=group.chosen.method.id,
            shipping_method_name=localize(group.chosen.method, "name", locale),
            shipping_method_name_th=group.chosen.method.name_th,
            shipping_method_name_en=group.chosen.method.name_en,
            shipping_method_name_my=group.chosen.method.name_my,
            weight_grams=group.weight_grams,
            commission_bp=group.cooperative.commission_bp,
            vat_registered=group.cooperative.vat_registered,
        )
        if status is not None:
            seller_order.status = status
        for lv in group.lines:
            seller_order.lines.append(
                OrderLine(
                    variant_id=lv.variant.id,
                    **line_names(lv.variant, locale),
                    sku=lv.variant.sku,
                    unit_price_satang=lv.unit_price,
                    price_source=lv.quote.detail,
                    quantity=lv.quantity,
                )
            )
        seller_orders.append(seller_order)
    return seller_orders


def _with_lines():
    return selectinload(Order.seller_orders).selectinload(SellerOrder.lines)


def order_by_token(token: str) -> Order | None:
    """The order behind a buyer's link, with what its page shows of each part (lines,
    cooperative, documents) in a fixed number of queries however many parts it has."""
    parts = selectinload(Order.seller_orders)
    return db.session.scalars(
        select(Order)
        .where(Order.token == token)
        .options(
            parts.selectinload(SellerOrder.lines),
            parts.joinedload(SellerOrder.cooperative),
            parts.selectinload(SellerOrder.documents),
        )
    ).first()


def find_guest_order(number: str, email: str) -> Order | None:
    """An order by its number and the email it was placed with (both must match)."""
    return db.session.scalars(
        select(Order).where(
            Order.number == canonical_order_number(number),
            Order.email == email.strip().lower(),
        )
    ).first()


def orders_of_user(user_id: int) -> list[Order]:
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.user_id == user_id)
            .options(_with_lines())
            .order_by(Order.created_at.desc(), Order.id.desc())
        )
    )


def release_stock(order: Order) -> None:
    """Give back the stock an order took (lines a cooperative lowered to 0 hold none)."""
    for line in sorted(order.lines, key=lambda ln: ln.variant_id):
        if line.quantity:
            change_stock(
                line.variant_id, line.quantity, StockReason.RELEASE, reference=order.number
            )


def lock_order(order_id: int) -> Order:
    """Re-read an order with a row lock (PostgreSQL) so concurrent changes queue up."""
    return db.session.scalars(
        select(Order)
        .where(Order.id == order_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def cancel_unpaid(order: Order) -> None:
    """The buyer cancels an unpaid order; its stock comes back.

    Raises NotCancellable once the order is paid, expired or cancelled.
    """
    order = lock_order(order.id)
    # Check before moving: the state machine allows paid -> cancelled (a refund), which the
    # buyer may not do, and nothing may be left changed when this raises.
    if order.status != OrderStatus.PENDING_PAYMENT or order.paid_at is not None:
        raise NotCancellable()
    state.move(order, OrderStatus.CANCELLED)
    release_stock(order)
    db.session.flush()


def expire(order: Order) -> bool:
    """Expire an unpaid order and give its stock back; False if it is not pending any more."""
    order = lock_order(order.id)
    if order.status != OrderStatus.PENDING_PAYMENT:
        return False
    state.move(order, OrderStatus.EXPIRED)
    release_stock(order)
    db.session.flush()
    return True


def is_due(order: Order) -> bool:
    return order.status == OrderStatus.PENDING_PAYMENT and order.expires_at <= utcnow()


def expire_due_orders(limit: int = 500) -> list[str]:
    """Expire every unpaid order past its window (for cron). Returns their numbers."""
    due = db.session.scalars(
        select(Order.id)
        .where(Order.status == OrderStatus.PENDING_PAYMENT, Order.expires_at <= utcnow())
        .order_by(Order.id)
        .limit(limit)
    ).all()
    expired = []
    for order_id in due:
        order = db.session.get(Order, order_id)
        if order is not None and expire(order):
            expired.append(order.number)
    return expired
