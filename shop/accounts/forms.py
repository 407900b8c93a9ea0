"""Account forms: registration, log-in, password reset, profile and the Thai address form.

``AddressForm`` stands alone so checkout can reuse it. Phone numbers and postcodes accept
Thai and Burmese digits (``core.numbers``) and are normalised to ASCII before they are checked.
Every form is a ``ShopForm``: typed text is normalised and Zawgyi refused (``core.forms``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    TelField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import Select, html_params

from shop.accounts.services import AddressData
from shop.core import provinces
from shop.core.forms import ShopForm
from shop.core.i18n import current_language, languages
from shop.core.numbers import ascii_digits
from shop.core.templating import LANGUAGE_NAMES

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200  # scrypt hashes anything, but nobody types more

_PHONE_SEPARATORS = re.compile(r"[\s\-]")
_LOCAL_PHONE = re.compile(r"0[0-9]{8,9}")
_INTERNATIONAL_PHONE = re.compile(r"\+66([1-9][0-9]{7,8})")
_THAI_LEADING_VOWELS = "เแโใไ"


def normalize_email(value: str | None) -> str | None:
    return value.strip().lower() if value else value


def strip(value: str | None) -> str | None:
    return value.strip() if value else value


def thai_phone_number(value: str) -> str | None:
    """A Thai phone number in the local form "0812345678", or None when it is not one.

    Accepts 9 or 10 digits starting with 0, or +66 and the number without its 0; spaces and
    dashes are ignored.
    """
    compact = _PHONE_SEPARATORS.sub("", ascii_digits(value) or "")
    if _LOCAL_PHONE.fullmatch(compact):
        return compact
    international = _INTERNATIONAL_PHONE.fullmatch(compact)
    if international:
        return "0" + international.group(1)
    return None


class ThaiPhone:
    """Validator: a Thai phone number; on success the field holds its local form."""

    def __call__(self, form, field) -> None:
        number = thai_phone_number(field.data or "")
        if number is None:
            raise ValidationError(
                _l("Please enter a Thai phone number, for example 081 234 5678 or +66 81 234 5678.")
            )
        field.data = number


def thai_sort_key(text: str) -> str:
    """Sort Thai words by their first consonant: "เชียงใหม่" files under ช, not under เ."""
    return re.sub(f"([{_THAI_LEADING_VOWELS}])(.)", r"\2\1", text)


def province_choices(lang: str) -> list[tuple[str, str]]:
    """(code, name) for the 77 provinces, named and sorted in the given language (a new list
    each call, from a sorted copy kept per language)."""
    return list(_sorted_provinces(lang))


@lru_cache(maxsize=8)
def _sorted_provinces(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            ((p.code, p.name(lang)) for p in provinces.PROVINCES),
            key=lambda choice: thai_sort_key(choice[1]) if lang == "th" else choice[1],
        )
    )


class _Option(NamedTuple):  # what Select.render_option reads of a choice
    value: str
    label: str
    selected: bool
    render_kw: dict | None = None


class KeptOptionsSelect(Select):
    """A select whose ``<option>`` list is drawn once per list of choices and selected value,
    then kept (the province list's 78 options were a sixth of the checkout page's time).
    The HTML is Select's own; only plain ``(value, label)`` choices are supported."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for k in dir(flags):
            if k in self.validation_attrs and k not in kwargs:
                kwargs[k] = getattr(flags, k)
        choices = tuple((str(value), str(label)) for value, label in field.choices)
        selected = field.data if isinstance(field.data, str) else None
        options = _rendered_options(choices, selected)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")


@lru_cache(maxsize=64)
def _rendered_options(choices: tuple[tuple[str, str], ...], selected: str | None) -> str:
    return "".join(
        Select.render_option(_Option(value, label, value == selected)) for value, label in choices
    )


def language_choices() -> list[tuple[str, str, dict]]:
    """Each language in its own script (people look for the name they can read), marked with
    its language for screen readers."""
    return [(code, LANGUAGE_NAMES.get(code, code), {"lang": code}) for code in languages()]


def _at_most(n: int) -> Length:
    return Length(max=n, message=_l("Please use at most %(max)d characters."))


def _email_field() -> EmailField:
    return EmailField(
        _l("Email"),
        filters=[normalize_email],
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Email(_l("Please enter a valid email address, like name@example.com.")),
            _at_most(254),
        ],
    )


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Please choose a password.")),
            Length(
                min=PASSWORD_MIN_LENGTH,
                message=_l("Your password needs at least %(min)d characters."),
            ),
            _at_most(PASSWORD_MAX_LENGTH),
        ],
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(_l("Please type the password a second time.")),
            EqualTo("password", _l("The two passwords are not the same.")),
        ],
    )
    return password, confirm


def _phone_field(label) -> TelField:
    return TelField(
        label,
        filters=[ascii_digits],
        validators=[DataRequired(_l("Please enter a phone number.")), _at_most(20), ThaiPhone()],
    )


class RegisterForm(ShopForm):
    # Fields in the order the page shows them (the error summary lists them so).
    name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter your name.")), _at_most(200)],
    )
    email = _email_field()
    phone = _phone_field(_l("Phone"))
    password, confirm = _new_password_fields()
    language = SelectField(_l("Language for emails and the shop"))
    next = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        if not self.language.data:
            self.language.data = current_language()


class LoginForm(ShopForm):
    email = EmailField(
        _l("Email"),
        filters=[normalize_email],
        validators=[DataRequired(_l("Please enter your email address.")), _at_most(254)],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Please enter your password."))]
    )
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()
    unlock = HiddenField()  # from a mailed unlock link (accounts.login_limits)


class ResetRequestForm(ShopForm):
    email = _email_field()


class NewPasswordForm(ShopForm):
    password, confirm = _new_password_fields()


class ProfileForm(ShopForm):
    name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter your name.")), _at_most(200)],
    )
    email = _email_field()
    phone = _phone_field(_l("Phone"))
    language = SelectField(_l("Language for emails and the shop"))
    current_password = PasswordField(
        _l("Current password"),
        description=_l("Only needed when you change your email address."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class AddressForm(ShopForm):
    """A Thai shipping address; the postcode must belong to the chosen province."""

    name = StringField(
        _l("Recipient's name"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter the recipient's name.")), _at_most(200)],
    )
    phone = _phone_field(_l("Recipient's phone"))
    line1 = StringField(
        _l("House number, building, street"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter the house number and street.")), _at_most(200)],
    )
    line2 = StringField(
        _l("More address details (optional)"),
        filters=[strip],
        validators=[Optional(), _at_most(200)],
    )
    subdistrict = StringField(
        _l("Subdistrict (tambon / khwaeng)"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter the subdistrict.")), _at_most(100)],
    )
    district = StringField(
        _l("District (amphoe / khet)"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter the district.")), _at_most(100)],
    )
    province = SelectField(
        _l("Province"),
        widget=KeptOptionsSelect(),
        validators=[InputRequired(_l("Please choose the province."))],
        validate_choice=False,  # checked below with a clearer message
    )
    postcode = StringField(
        _l("Postcode"),
        filters=[ascii_digits],
        validators=[
            DataRequired(_l("Please enter the postcode.")),
            Regexp(r"[0-9]{5}\Z", message=_l("A postcode has exactly 5 digits.")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province.choices = [("", _l("Choose a province"))] + province_choices(
            current_language()
        )

    def address_data(self) -> AddressData:
        return AddressData(
            name=self.name.data,
            phone=self.phone.data,
            line1=self.line1.data,
            line2=self.line2.data or "",
            subdistrict=self.subdistrict.data,
            district=self.district.data,
            province=self.province.data,
            postcode=self.postcode.data,
        )

    def validate_province(self, field) -> None:
        if field.data and provinces.get(field.data) is None:
            raise ValidationError(_l("Please choose the province."))

    def validate_postcode(self, field) -> None:
        province = provinces.get(self.province.data or "")
        if province is None or self.postcode.errors:
            return
        if not provinces.postcode_matches(province.code, field.data):
            raise ValidationError(
                _l(
                    "This postcode is not in %(province)s.",
                    province=province.name(current_language()),
                )
            )


class InviteForm(ShopForm):
    email = _email_field()
    role = SelectField(_l("Role"), default="staff")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [
            ("staff", _l("Staff: products, stock and orders")),
            ("owner", _l("Owner: also staff and settings")),
        ]


class AcceptInvitationForm(ShopForm):
    name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter your name.")), _at_most(200)],
    )
    phone = _phone_field(_l("Phone"))
    password, confirm = _new_password_fields()
    language = SelectField(_l("Language for emails and the shop"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        if not self.language.data:
            self.language.data = current_language()
