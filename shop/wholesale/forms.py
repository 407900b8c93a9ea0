"""Wholesale forms: the application, joining a partner's team, and the partner admin's team
forms. Free text is checked for Zawgyi (shop.core.burmese); digits may be Thai or Burmese."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from shop.accounts.forms import (
    _at_most,
    _email_field,
    _new_password_fields,
    ascii_digits,
    language_choices,
    strip,
)
from shop.core.burmese import unicode_burmese
from shop.core.forms import ShopForm
from shop.core.i18n import current_language
from shop.core.money import baht_to_satang
from shop.core.reasons import ReasonFields
from shop.wholesale import regions
from shop.wholesale.phones import PhoneError, partner_phone_number
from shop.wholesale.reasons import WHOLESALE_ORDER_DECLINE
from shop.wholesale.services import ApplicationData

KAWTHAUNG_REGION = "MM-05"  # Tanintharyi: where the programme's partner shops are


def plain_baht(satang: int | None) -> str:
    """Satang as typed back into a form: 1500000 → "15000", 1500050 → "15000.50", None → ""."""
    if satang is None:
        return ""
    baht, rest = divmod(satang, 100)
    return f"{baht}.{rest:02d}" if rest else str(baht)


class BahtField(StringField):
    """An amount in baht as typed ("15000", "฿15,000.50", Thai or Burmese digits); after a
    post, ``satang`` holds it in satang, None when the box was left empty."""

    satang: int | None = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.satang = None
        self.data = ascii_digits(self.data or "") or ""
        if self.data:
            try:
                self.satang = baht_to_satang(self.data)
            except ValueError as exc:
                raise ValueError(
                    _l("Enter an amount in baht, for example 15000 or 15,000.50.")
                ) from exc


class PartnerPhone:
    """Validator: a Myanmar or Thai number (shop.wholesale.phones); on success the field holds
    its E.164 form."""

    def __call__(self, form, field) -> None:
        try:
            field.data = partner_phone_number(field.data or "")
        except PhoneError as exc:
            if exc.ambiguous:
                raise ValidationError(
                    _l(
                        "This number could be Myanmar or Thai: please write +95 or +66 in "
                        "front of it."
                    )
                ) from exc
            raise ValidationError(
                _l(
                    "Please enter a Myanmar or Thai phone number, for example "
                    "09 423 318 765 or +66 81 234 5678."
                )
            ) from exc


def _text(label, message, max_length, **kwargs) -> StringField:
    return StringField(
        label,
        filters=[strip],
        validators=[DataRequired(message), _at_most(max_length), unicode_burmese],
        **kwargs,
    )


def _phone_field() -> TelField:
    return TelField(
        _l("Phone"),
        description=_l("A Myanmar number (09… or +95) or a Thai number with +66."),
        validators=[DataRequired(_l("Please enter a phone number.")), _at_most(30), PartnerPhone()],
    )


def region_choices(lang: str) -> list[tuple[str, str]]:
    """(code, name) of Myanmar's regions and states, named and sorted in ``lang``."""
    return sorted(((r.code, r.name(lang)) for r in regions.REGIONS), key=lambda c: c[1])


class ApplicationForm(ShopForm):
    """A business applies for a wholesale account. Without a logged-in user it also creates
    the applicant's account (email and password)."""

    # Fields in the order the page shows them (the error summary lists them so).
    name = _text(_l("Business name"), _l("Please enter the business name."), 200)
    registration_number = StringField(
        _l("Business registration number"),
        filters=[ascii_digits],
        validators=[
            DataRequired(_l("Please enter the business registration number.")),
            _at_most(60),
            Regexp(
                r"[A-Za-z0-9][A-Za-z0-9/.\- ]*\Z",
                message=_l("Use Latin letters, digits, spaces and / . - only."),
            ),
        ],
    )
    contact_name = _text(
        _l("Contact person"),
        _l("Please enter the contact person's name."),
        200,
        description=_l("The whole name as you write it, e.g. U Aung Kyaw Moe."),
    )
    phone = _phone_field()
    address_line = _text(
        _l("House number and street"), _l("Please enter the house number and street."), 200
    )
    ward = _text(_l("Ward"), _l("Please enter the ward."), 100)
    township = _text(_l("Township"), _l("Please enter the township."), 120)
    region = SelectField(
        _l("Region or state"),
        validators=[DataRequired(_l("Please choose the region or state."))],
        validate_choice=False,  # checked below with a clearer message
        default=KAWTHAUNG_REGION,
    )
    postcode = StringField(
        _l("Postcode (optional)"),
        filters=[ascii_digits],
        validators=[
            Optional(),
            Regexp(r"[0-9]{5}\Z", message=_l("A Myanmar postcode has 5 digits.")),
        ],
    )
    preferred_language = SelectField(_l("Language for our mails and your wholesale account"))
    email = _email_field()
    password, confirm = _new_password_fields()

    def __init__(self, *args, with_account: bool, **kwargs):
        super().__init__(*args, **kwargs)
        lang = current_language()
        self.region.choices = [("", _l("Choose a region or state"))] + region_choices(lang)
        self.preferred_language.choices = language_choices()
        if not self.preferred_language.data:
            self.preferred_language.data = lang
        if not with_account:  # the logged-in user applies with the account they have
            del self.email, self.password, self.confirm

    def validate_region(self, field) -> None:
        if regions.get(field.data or "") is None:
            raise ValidationError(_l("Please choose the region or state."))

    def application_data(self) -> ApplicationData:
        return ApplicationData(
            name=self.name.data,
            contact_name=self.contact_name.data,
            phone=self.phone.data,
            address_line=self.address_line.data,
            ward=self.ward.data,
            township=self.township.data,
            region=self.region.data,
            postcode=self.postcode.data or "",
            registration_number=" ".join(self.registration_number.data.split()),
            preferred_language=self.preferred_language.data,
        )


class JoinForm(ShopForm):
    """An invited buyer without an account chooses a name and a password."""

    name = _text(_l("Your name"), _l("Please enter your name."), 200)
    phone = _phone_field()
    password, confirm = _new_password_fields()
    language = SelectField(_l("Language for emails and the shop"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        if not self.language.data:
            self.language.data = current_language()


def _limit_field(label) -> BahtField:
    return BahtField(
        label,
        description=_l("The most one order may be worth, in baht. Empty: no limit."),
        validators=[Optional(), _at_most(20)],
    )


class InviteBuyerForm(ShopForm):
    email = _email_field()
    spending_limit = _limit_field(_l("Spending limit per order (baht)"))


class SpendingLimitForm(ShopForm):
    """One buyer's limit on the team page; each row has its own prefix (``member-<id>``)."""

    spending_limit = _limit_field(_l("Spending limit per order (baht)"))


class WholesaleCheckoutForm(ShopForm):
    """The wholesale checkout: the partner's own purchase-order number and a note for the
    cooperatives. Delivery methods are posted as ``shipping-<cooperative id>``."""

    po_number = StringField(
        _l("Your purchase-order number"),
        [Length(max=40, message=_l("Please use at most %(max)s characters.", max=40))],
        filters=[lambda value: value.strip() if value else value],
    )
    note = TextAreaField(
        _l("Note for the cooperatives (optional)"),
        [
            Length(max=500, message=_l("Please use at most %(max)s characters.", max=500)),
            unicode_burmese,
        ],
    )


class DecisionForm(ReasonFields, ShopForm):
    """Why a waiting order is declined: a common reason, which the buyer reads in their own
    language, and an optional note in the decider's own words (shop.core.reasons). Approving
    posts the form's CSRF token only."""

    reason_list = WHOLESALE_ORDER_DECLINE


class SlipForm(ShopForm):
    """A transfer slip for part or all of an invoice."""

    amount = StringField(_l("Amount paid (baht)"), [DataRequired(_l("Please enter the amount."))])
    reference = StringField(
        _l("Bank reference (optional)"),
        [Length(max=80, message=_l("Please use at most %(max)s characters.", max=80))],
    )
