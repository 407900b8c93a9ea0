"""Translatable names of partner statuses, payment terms, partner roles, partner payments
and where a wholesale order stands."""

from flask_babel import lazy_gettext as _l

from shop.orders.models import Approval, OrderStatus, SellerOrderStatus
from shop.wholesale.models import (
    PartnerPaymentStatus,
    PartnerRole,
    PartnerShopStatus,
    PaymentTerms,
)

STATUS_NAMES = {
    PartnerShopStatus.PENDING: _l("Application waiting"),
    PartnerShopStatus.APPROVED: _l("Approved"),
    PartnerShopStatus.REJECTED: _l("Rejected"),
    PartnerShopStatus.SUSPENDED: _l("Suspended"),
}
PAYMENT_TERMS_NAMES = {
    PaymentTerms.PREPAID: _l("Prepaid: transfer or PromptPay before delivery"),
    PaymentTerms.NET_7: _l("Net 7 days"),
    PaymentTerms.NET_15: _l("Net 15 days"),
    PaymentTerms.NET_30: _l("Net 30 days"),
}
ROLE_NAMES = {
    PartnerRole.PARTNER_ADMIN: _l("Partner admin"),
    PartnerRole.BUYER: _l("Buyer"),
}
PAYMENT_STATUS_NAMES = {
    PartnerPaymentStatus.PENDING: _l("Waiting for the office's check"),
    PartnerPaymentStatus.CONFIRMED: _l("Confirmed"),
    PartnerPaymentStatus.REJECTED: _l("Not accepted"),
}


def order_status(order) -> str:
    """Where a wholesale order stands, as its buyer reads it."""
    if order.status == OrderStatus.CANCELLED:
        return str(_l("Cancelled"))
    if order.status == OrderStatus.PAID:
        return str(_l("Paid"))
    if order.approval == Approval.PARTNER_ADMIN:
        return str(_l("Waiting for the partner admin's approval"))
    if order.approval == Approval.PLATFORM:
        return str(_l("Waiting for the office's credit approval"))
    if any(so.status == SellerOrderStatus.TO_CONFIRM for so in order.seller_orders):
        return str(_l("Waiting for the cooperatives' confirmation"))
    return str(_l("Confirmed and invoiced"))
