"""The platform admin's forms: a cooperative, an owner's invitation, order, report and audit log
filters."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError

from shop.accounts.forms import normalize_email, strip
from shop.catalog.models import RanongDistrict
from shop.core.fields import DateField
from shop.core.forms import ShopForm
from shop.core.numbers import ascii_digits
from shop.documents.forms import SellerOfRecordForm
from shop.orders.models import OrderStatus
from shop.platform.cooperatives import CooperativeData, parse_commission

DISTRICT_NAMES = {
    RanongDistrict.MUEANG: _l("Mueang Ranong"),
    RanongDistrict.KRA_BURI: _l("Kra Buri"),
    RanongDistrict.LA_UN: _l("La-un"),
    RanongDistrict.KAPOE: _l("Kapoe"),
    RanongDistrict.SUKSAMRAN: _l("Suksamran"),
}
_SEPARATORS = re.compile(r"[\s\-]")


def digits_only(value: str | None) -> str | None:
    """Thai or Burmese digits as ASCII, spaces and dashes removed: "๐๘๑-234" → "081234"."""
    return _SEPARATORS.sub("", ascii_digits(value)) if value else value


class CooperativeForm(SellerOfRecordForm):
    slug = StringField(
        _l("Web address (slug)"),
        filters=[strip],
        description=_l("Lower-case letters, digits and dashes, e.g. la-un-coffee."),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use a-z, 0-9 and dashes only.")),
        ],
    )
    name_th = StringField(
        _l("Name (Thai)"), filters=[strip], validators=[DataRequired(), Length(max=200)]
    )
    name_en = StringField(_l("Name (English)"), filters=[strip], validators=[Length(max=200)])
    name_my = StringField(_l("Name (Burmese)"), filters=[strip], validators=[Length(max=200)])
    story_th = TextAreaField(_l("Story (Thai)"), filters=[strip], validators=[Length(max=5000)])
    story_en = TextAreaField(_l("Story (English)"), filters=[strip], validators=[Length(max=5000)])
    story_my = TextAreaField(_l("Story (Burmese)"), filters=[strip], validators=[Length(max=5000)])
    address_th = StringField(_l("Address (Thai)"), filters=[strip], validators=[Length(max=300)])
    address_en = StringField(_l("Address (English)"), filters=[strip], validators=[Length(max=300)])
    address_my = StringField(_l("Address (Burmese)"), filters=[strip], validators=[Length(max=300)])
    district = SelectField(_l("District"), validators=[DataRequired()])
    phone = StringField(_l("Phone"), filters=[strip], validators=[Length(max=40)])
    email = EmailField(
        _l("Email"), filters=[normalize_email], validators=[Optional(), Email(), Length(max=200)]
    )
    bank_name = StringField(_l("Bank"), filters=[strip], validators=[Length(max=120)])
    bank_account_name = StringField(
        _l("Account name"), filters=[strip], validators=[Length(max=200)]
    )
    bank_account_number = StringField(
        _l("Account number"),
        filters=[digits_only],
        description=_l("10 to 15 digits; dashes are fine."),
        validators=[
            Optional(),
            Regexp(r"^[0-9]{10,15}$", message=_l("An account number has 10 to 15 digits.")),
        ],
    )
    promptpay_id = StringField(
        _l("PromptPay ID"),
        filters=[digits_only],
        description=_l("A mobile number (10 digits) or a tax or citizen ID (13 digits)."),
        validators=[
            Optional(),
            Regexp(
                r"^(0[0-9]{9}|[0-9]{13})$",
                message=_l("Use a 10-digit mobile number or a 13-digit ID."),
            ),
        ],
    )
    commission = StringField(
        _l("Platform commission (%)"),
        filters=[strip],
        description=_l("Percent of the goods, from 0 to 50, e.g. 5 or 5.5."),
        validators=[DataRequired()],
    )

    def __init__(self, *args, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.district.choices = [(d.value, label) for d, label in DISTRICT_NAMES.items()]
        if not creating:
            del self.slug

    def validate_commission(self, field):
        try:
            parse_commission(field.data or "")
        except ValueError as exc:
            raise ValidationError(
                _l("Enter a percentage from 0 to 50 with at most two decimals.")
            ) from exc

    def validate_district(self, field):
        if field.data not in {d.value for d in RanongDistrict}:
            raise ValidationError(_l("Choose a district."))

    def data_for_service(self) -> CooperativeData:
        return CooperativeData(
            name_th=self.name_th.data,
            name_en=self.name_en.data or "",
            name_my=self.name_my.data or "",
            story_th=self.story_th.data or "",
            story_en=self.story_en.data or "",
            story_my=self.story_my.data or "",
            address_th=self.address_th.data or "",
            address_en=self.address_en.data or "",
            address_my=self.address_my.data or "",
            district=RanongDistrict(self.district.data),
            phone=self.phone.data or "",
            email=self.email.data or "",
            bank_name=self.bank_name.data or "",
            bank_account_name=self.bank_account_name.data or "",
            bank_account_number=self.bank_account_number.data or "",
            promptpay_id=self.promptpay_id.data or "",
            commission_bp=parse_commission(self.commission.data),
            seller_of_record=self.seller_of_record(),
        )


class InviteOwnerForm(ShopForm):
    email = EmailField(
        _l("Owner's email"),
        id="owner-email",  # the cooperative form on the same page has its own "email"
        filters=[normalize_email],
        validators=[DataRequired(), Email(), Length(max=254)],
    )


class _GetForm(ShopForm):
    """A filter read from the query string: nothing changes, so no CSRF token."""

    class Meta:
        csrf = False


class OrderFilterForm(_GetForm):
    status = SelectField(_l("Status"), validators=[Optional()])
    cooperative = SelectField(_l("Cooperative"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
    q = StringField(_l("Order number or email"), filters=[strip], validators=[Length(max=100)])

    def __init__(self, *args, status_names, cooperatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [("", _l("Any status"))] + [
            (s.value, status_names[s]) for s in OrderStatus
        ]
        self.cooperative.choices = [("", _l("All cooperatives"))] + [
            (str(c.id), c.name) for c in cooperatives
        ]


class PeriodForm(_GetForm):
    cooperative = SelectField(_l("Cooperative"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, cooperatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperative.choices = [("", _l("All cooperatives"))] + [
            (str(c.id), c.name) for c in cooperatives
        ]


class AuditFilterForm(_GetForm):
    """The audit log's filters; without ``cooperatives`` (an owner's own log) no cooperative."""

    cooperative = SelectField(_l("Cooperative"), validators=[Optional()])
    group = SelectField(_l("Kind of change"), validators=[Optional()])
    actor = StringField(_l("Who (name or email)"), filters=[strip], validators=[Length(max=100)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, groups, cooperatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group.choices = [("", _l("All changes"))] + [
            (key, label) for key, (label, _actions) in groups.items()
        ]
        if cooperatives is None:
            del self.cooperative
        else:
            self.cooperative.choices = [("", _l("All cooperatives"))] + [
                (str(c.id), c.name) for c in cooperatives
            ]

    def valid_filters(self) -> dict:
        """The filters of the shop.platform.audit_log.AuditFilter; a bad value filters nothing."""
        found = {
            "group": None if self.group.errors else self.group.data or None,
            "actor": "" if self.actor.errors else self.actor.data or "",
            "date_from": None if self.date_from.errors else self.date_from.data,
            "date_to": None if self.date_to.errors else self.date_to.data,
        }
        if "cooperative" in self and not self.cooperative.errors:
            coop = self.cooperative.data
            found["cooperative_id"] = int(coop) if coop and coop.isdigit() else None
        return found
