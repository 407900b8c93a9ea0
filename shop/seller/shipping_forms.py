"""The form of a cooperative's delivery method (seller backend, owners).

Numbers, weights and amounts are taken as typed and read by shop.seller.shipping.read_method
(any digits, baht with up to two decimals, kilograms with up to three), which also checks them
and names the field in each message.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from shop.core.forms import ShopForm, at_most
from shop.pricing.shipping_methods import MAX_RATES

MAX_NAME = 120  # ShippingMethod.name_* columns


def strip(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


def _name_length():
    return at_most(MAX_NAME)


class RateRow(Form):
    """One weight bracket: parcels up to this many kilograms cost this much."""

    max_kg = StringField(_l("Up to (kg)"), filters=[strip])
    price = StringField(_l("Price (baht)"), filters=[strip])


class ShippingMethodForm(ShopForm):
    name_th = StringField(
        _l("Name in Thai"),
        validators=[DataRequired(_l("Please give the name in Thai.")), _name_length()],
    )
    name_en = StringField(
        _l("Name in English"),
        validators=[DataRequired(_l("Please give the name in English.")), _name_length()],
    )
    name_my = StringField(
        _l("Name in Burmese"),
        description=_l("Partner shops in Myanmar read it. Empty: they read the English name."),
        validators=[_name_length()],
    )
    days_min = StringField(_l("Delivery takes at least (days)"), filters=[strip])
    days_max = StringField(_l("Delivery takes at most (days)"), filters=[strip])
    for_retail = BooleanField(_l("Retail buyers may choose it"))
    for_wholesale = BooleanField(
        _l("Partner shops may choose it"),
        description=_l("For example collection in Ranong or delivery to the Kawthaung pier."),
    )
    pricing = RadioField(
        _l("Priced"),
        choices=[
            SelectChoice("weight", _l("By the parcel's weight (the rates below)")),
            SelectChoice("carton", _l("Per carton (partner shops only)")),
        ],
        default="weight",
        validate_choice=False,
    )
    carton_price = StringField(_l("Price per carton (baht)"), filters=[strip])
    rates = FieldList(FormField(RateRow), min_entries=MAX_RATES, max_entries=MAX_RATES)
    free_over = StringField(
        _l("Free from (baht of goods)"),
        description=_l("Empty: never free."),
        filters=[strip],
    )
    is_active = BooleanField(_l("Offered to buyers"))

    def typed_rates(self) -> list[tuple[int, str, str]]:
        """(row number as shown, kilograms, baht) of every row, empty ones too."""
        return [
            (n, row.form.max_kg.data or "", row.form.price.data or "")
            for n, row in enumerate(self.rates, start=1)
        ]
