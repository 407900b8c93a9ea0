"""Seller backend forms: products, packs (variants) and pictures.

Every text field is normalised and refuses Zawgyi (``core.forms.ShopForm``); whole numbers are
read by the shop's one number parser (``core.forms.WholeNumberField``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    MultipleFileField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Optional,
    Regexp,
    ValidationError,
)

from shop.catalog.editing import ProductData, VariantData
from shop.catalog.hs_codes import MAX_HS_CODE, is_valid_hs_code, normalise_hs_code
from shop.catalog.labels import ROAST_NAMES
from shop.catalog.models import MAX_PRICE_SATANG, MAX_THRESHOLD, Roast
from shop.core.forms import Bounded, ShopForm, WholeNumberField, at_most
from shop.core.money import baht_to_satang

MAX_DESCRIPTION = 5000


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _name(label, required=False, max_length=200):
    validators = [DataRequired() if required else Optional(), at_most(max_length)]
    return StringField(label, validators=validators, filters=[strip])


def _text(label, max_length=MAX_DESCRIPTION):
    validators = [Optional(), at_most(max_length)]
    return TextAreaField(label, validators=validators, filters=[strip])


class ProductForm(ShopForm):
    name_th = _name(_l("Name in Thai"), required=True)
    name_en = _name(_l("Name in English"))
    name_my = _name(_l("Name in Burmese"))
    description_th = _text(_l("Description in Thai"))
    description_en = _text(_l("Description in English"))
    description_my = _text(_l("Description in Burmese"))
    origin_th = _name(_l("Origin in Thai"), max_length=300)
    origin_en = _name(_l("Origin in English"), max_length=300)
    origin_my = _name(_l("Origin in Burmese"), max_length=300)
    category_id = SelectField(_l("Category"), coerce=int, validators=[InputRequired()])
    roast = SelectField(_l("Roast"), validate_choice=True)
    is_featured = BooleanField(_l("Feature on the home page"))
    hs_code = StringField(
        _l("HS code (customs tariff)"),
        filters=[normalise_hs_code],
        description=_l(
            "Printed on the export papers of wholesale orders: 2101.12 for 3-in-1 coffee "
            "mixes, 0901.21 for roasted beans or ground coffee."
        ),
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category_id.choices = [(c.id, c.name) for c in categories]
        self.roast.choices = [("", _l("Not coffee, or not roasted"))] + [
            (r.value, ROAST_NAMES[r]) for r in Roast
        ]

    def set_roast(self, roast: Roast | None) -> None:
        self.roast.data = roast.value if roast else ""

    def product_data(self) -> ProductData:
        return ProductData(
            category_id=self.category_id.data,
            name_th=self.name_th.data,
            name_en=self.name_en.data or "",
            name_my=self.name_my.data or "",
            description_th=self.description_th.data or "",
            description_en=self.description_en.data or "",
            description_my=self.description_my.data or "",
            origin_th=self.origin_th.data or "",
            origin_en=self.origin_en.data or "",
            origin_my=self.origin_my.data or "",
            roast=Roast(self.roast.data) if self.roast.data else None,
            is_featured=bool(self.is_featured.data),
            hs_code=self.hs_code.data or "",
        )

    def validate_hs_code(self, field) -> None:
        if field.data and (len(field.data) > MAX_HS_CODE or not is_valid_hs_code(field.data)):
            raise ValidationError(
                _l("An HS code has 6 or 8 digits, written 2101.12 or 0901.21.00.")
            )


def baht_amount(form, field) -> None:
    try:
        satang = baht_to_satang(field.data or "")
    except ValueError as exc:
        raise ValidationError(_l("Enter a price in baht, for example 180 or 180.50.")) from exc
    if not 0 < satang <= MAX_PRICE_SATANG:
        raise ValidationError(_l("Enter a price above zero and up to one million baht."))


class VariantForm(ShopForm):
    sku = StringField(
        _l("SKU"),
        validators=[
            DataRequired(),
            at_most(64),
            Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", message=_l("Use letters, digits, - _ and .")),
        ],
        filters=[strip],
        description=_l("Your own code for this pack, unique in the shop, e.g. LAUN-250G."),
    )
    name_th = _name(_l("Pack name in Thai"), required=True, max_length=120)
    name_en = _name(_l("Pack name in English"), max_length=120)
    name_my = _name(_l("Pack name in Burmese"), max_length=120)
    pack_size = WholeNumberField(
        _l("Pieces in one pack"),
        default=1,
        validators=[InputRequired(), Bounded(min=1, max=10_000)],
    )
    weight_grams = WholeNumberField(
        _l("Shipping weight (g)"),
        validators=[InputRequired(), Bounded(min=1, max=100_000)],
    )
    price = StringField(
        _l("Retail price (baht, VAT included)"),
        validators=[DataRequired(), baht_amount],
        filters=[strip],
    )
    low_stock_threshold = WholeNumberField(
        _l("Warn when stock falls to"),
        default=5,
        validators=[InputRequired(), Bounded(min=0, max=MAX_THRESHOLD)],
    )

    def variant_data(self) -> VariantData:
        return VariantData(
            sku=self.sku.data,
            name_th=self.name_th.data,
            name_en=self.name_en.data or "",
            name_my=self.name_my.data or "",
            pack_size=self.pack_size.data,
            weight_grams=self.weight_grams.data,
            price_satang=baht_to_satang(self.price.data),
            low_stock_threshold=self.low_stock_threshold.data,
        )


class ImagesForm(ShopForm):
    images = MultipleFileField(
        _l("Add pictures"),
        description=_l("JPEG, PNG or WebP photos, up to 10 MB each. You may choose several."),
    )
