"""Translatable names of order, seller order and payment states."""

from flask_babel import lazy_gettext as _l

from shop.orders.models import OrderStatus, SellerOrderStatus
from shop.payments.models import PaymentStatus

STATUS_NAMES = {
    OrderStatus.PENDING_PAYMENT: _l("Waiting for payment"),
    OrderStatus.PAID: _l("Paid"),
    OrderStatus.EXPIRED: _l("Expired"),
    OrderStatus.CANCELLED: _l("Cancelled"),
    OrderStatus.ON_ACCOUNT: _l("On account"),
    SellerOrderStatus.AWAITING_APPROVAL: _l("Waiting for approval"),
    SellerOrderStatus.TO_CONFIRM: _l("To confirm"),
    SellerOrderStatus.CONFIRMED: _l("Confirmed"),
    SellerOrderStatus.PACKING: _l("Being packed"),
    SellerOrderStatus.SHIPPED: _l("Shipped"),
    SellerOrderStatus.DELIVERED: _l("Delivered"),
    PaymentStatus.PENDING: _l("Waiting"),
    PaymentStatus.SUCCEEDED: _l("Received"),
    PaymentStatus.FAILED: _l("Failed"),
    PaymentStatus.REFUNDED: _l("Refunded"),
}
