"""The order state machine: the one place where an order or seller order changes status.

Transitions only go forward. A request to move to a state that is not ahead of the current
one returns False and changes nothing, so replayed or reordered events are harmless.
"""

from __future__ import annotations

from shop.core.db import utcnow
from shop.orders.models import Order, OrderStatus, SellerOrder, SellerOrderStatus

ORDER_NEXT: dict[OrderStatus, set[OrderStatus]] = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.PAID, OrderStatus.EXPIRED, OrderStatus.CANCELLED},
    OrderStatus.PAID: {OrderStatus.CANCELLED},
    OrderStatus.EXPIRED: set(),
    OrderStatus.CANCELLED: set(),
    OrderStatus.ON_ACCOUNT: {OrderStatus.PAID, OrderStatus.CANCELLED},
}

SELLER_NEXT: dict[SellerOrderStatus, set[SellerOrderStatus]] = {
    SellerOrderStatus.AWAITING_APPROVAL: {
        SellerOrderStatus.TO_CONFIRM,
        SellerOrderStatus.CANCELLED,
    },
    SellerOrderStatus.TO_CONFIRM: {SellerOrderStatus.CONFIRMED, SellerOrderStatus.CANCELLED},
    # Packed once confirmed: on terms at once, prepaid once the invoice is paid (fulfilment).
    SellerOrderStatus.CONFIRMED: {SellerOrderStatus.PACKING, SellerOrderStatus.CANCELLED},
    SellerOrderStatus.PENDING_PAYMENT: {
        SellerOrderStatus.PAID,
        SellerOrderStatus.EXPIRED,
        SellerOrderStatus.CANCELLED,
    },
    SellerOrderStatus.PAID: {SellerOrderStatus.PACKING, SellerOrderStatus.CANCELLED},
    SellerOrderStatus.PACKING: {SellerOrderStatus.SHIPPED, SellerOrderStatus.CANCELLED},
    SellerOrderStatus.SHIPPED: {SellerOrderStatus.DELIVERED},
    SellerOrderStatus.DELIVERED: set(),
    SellerOrderStatus.EXPIRED: set(),
    SellerOrderStatus.CANCELLED: set(),
}


def can_move(order: Order, to: OrderStatus) -> bool:
    return to in ORDER_NEXT[order.status]


def move(order: Order, to: OrderStatus) -> bool:
    """Move an order (and its pending seller orders) to ``to``; False if not allowed."""
    if not can_move(order, to):
        return False
    order.status = to
    now = utcnow()
    if to == OrderStatus.PAID:
        order.paid_at = now
    else:
        order.closed_at = now
    seller_status = SellerOrderStatus(to.value)
    for seller_order in order.seller_orders:
        move_seller_order(seller_order, seller_status)
    return True


def move_seller_order(seller_order: SellerOrder, to: SellerOrderStatus) -> bool:
    if to not in SELLER_NEXT[seller_order.status]:
        return False
    seller_order.status = to
    if to == SellerOrderStatus.SHIPPED:
        seller_order.shipped_at = utcnow()
    elif to == SellerOrderStatus.DELIVERED:
        seller_order.delivered_at = utcnow()
    return True
