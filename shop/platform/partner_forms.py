"""The platform admin's forms for partner companies (terms, rejection) and price lists."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from shop.accounts.forms import strip
from shop.core.forms import ShopForm
from shop.core.money import percent_to_basis_points
from shop.core.reasons import ReasonFields
from shop.pricing.models import MAX_DISCOUNT_BP, PriceList
from shop.pricing.price_lists import PriceListData
from shop.wholesale.forms import BahtField, plain_baht
from shop.wholesale.labels import PAYMENT_TERMS_NAMES
from shop.wholesale.models import PartnerShop, PaymentTerms
from shop.wholesale.reasons import PARTNER_REJECTION
from shop.wholesale.services import Terms


class TermsForm(ShopForm):
    """Approving a partner, or changing an approved partner's terms."""

    price_list = SelectField(_l("Price list"), validate_choice=False)
    payment_terms = SelectField(_l("Payment terms"))
    credit_limit = BahtField(
        _l("Credit limit (baht)"),
        description=_l("The most the partner may owe on terms; 0 for prepaid partners."),
        default="0",
        validators=[DataRequired(_l("Enter a credit limit in baht; 0 for prepaid partners."))],
    )
    require_po_number = BooleanField(_l("Orders need the partner's purchase-order number"))

    def __init__(self, *args, price_lists: list[PriceList], **kwargs):
        """``price_lists``: the lists to offer (the active ones, and the partner's own)."""
        super().__init__(*args, **kwargs)
        self.price_list.choices = [("", _l("None: retail prices"))] + [
            (str(p.id), p.name if p.is_active else _l("%(name)s (inactive)", name=p.name))
            for p in price_lists
        ]
        self.payment_terms.choices = [(t.value, PAYMENT_TERMS_NAMES[t]) for t in PaymentTerms]

    def fill(self, partner: PartnerShop) -> None:
        """Show the partner's present terms (credit limit as plain baht, "15000")."""
        self.price_list.data = str(partner.price_list_id or "")
        self.payment_terms.data = partner.payment_terms.value
        self.credit_limit.data = plain_baht(partner.credit_limit_satang)
        self.require_po_number.data = partner.require_po_number

    def validate_price_list(self, field) -> None:
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose an active price list."))

    def terms(self) -> Terms:
        return Terms(
            price_list_id=int(self.price_list.data) if self.price_list.data else None,
            payment_terms=PaymentTerms(self.payment_terms.data),
            credit_limit_satang=self.credit_limit.satang or 0,
            require_po_number=bool(self.require_po_number.data),
        )


class RejectForm(ReasonFields, ShopForm):
    """Why an application is turned down: a common reason (read in the applicant's language)
    and an optional note in the office's own words."""

    reason_list = PARTNER_REJECTION


class PriceListForm(ShopForm):
    name = StringField(_l("Name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    discount = StringField(
        _l("Discount off retail (%)"),
        filters=[strip],
        default="0",
        description=_l("From 0 to 50, e.g. 15 or 12.5."),
        validators=[DataRequired()],
    )
    is_active = BooleanField(_l("Active: partners on this list get its prices"), default=True)

    def validate_discount(self, field) -> None:
        try:
            percent_to_basis_points(field.data or "", max_bp=MAX_DISCOUNT_BP)
        except ValueError as exc:
            raise ValidationError(
                _l("Enter a percentage from 0 to 50 with at most two decimals.")
            ) from exc

    def price_list_data(self) -> PriceListData:
        return PriceListData(
            name=self.name.data,
            discount_bp=percent_to_basis_points(self.discount.data, max_bp=MAX_DISCOUNT_BP),
            is_active=bool(self.is_active.data),
        )
