"""Translatable names of partner statuses, payment terms and partner roles."""

from flask_babel import lazy_gettext as _l

from shop.wholesale.models import PartnerRole, PartnerShopStatus, PaymentTerms

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
