"""Forms of the seller's wholesale pages: a pack's terms for partner shops, the cooperative's
minimum wholesale order.

Numbers and prices are taken as typed and read by shop.pricing.terms (any digits, baht with
up to two decimals), which also checks them and names the field in each message: one set of
rules for these pages and the price CSV.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, StringField
from wtforms.validators import DataRequired

from shop.core.forms import ShopForm
from shop.pricing.terms import MAX_BREAKS


def strip(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


class BreakRow(Form):
    """One price break: from how many units, at what unit price."""

    quantity = StringField(_l("From units"), filters=[strip])
    price = StringField(_l("Unit price (baht, VAT included)"), filters=[strip])


class WholesaleTermsForm(ShopForm):
    """Whether partner shops may buy the pack, and on which terms."""

    sells_wholesale = BooleanField(
        _l("Sold to partner shops"),
        description=_l("Partner shops buy it by the carton, at the prices below."),
    )
    case_pack = StringField(
        _l("Units per carton"),
        description=_l("Partners order whole cartons, e.g. 24 boxes to a carton."),
        filters=[strip],
    )
    min_quantity = StringField(
        _l("Minimum units per order"),
        description=_l("Whole cartons: with 24 to a carton, 24, 48, 72 …"),
        filters=[strip],
    )
    max_quantity = StringField(
        _l("Maximum units per order"),
        description=_l("Whole cartons, or empty for no maximum."),
        filters=[strip],
    )
    breaks = FieldList(FormField(BreakRow), min_entries=MAX_BREAKS, max_entries=MAX_BREAKS)

    def typed_breaks(self) -> list[tuple[int, str, str]]:
        """(number as shown, units, price) of every row, empty ones too."""
        return [
            (n, row.form.quantity.data or "", row.form.price.data or "")
            for n, row in enumerate(self.breaks, start=1)
        ]


class WholesaleMinimumForm(ShopForm):
    wholesale_minimum = StringField(
        _l("Minimum wholesale order (baht)"),
        description=_l(
            "The least value of the goods one partner order from your cooperative may have, "
            "VAT included. 0: no minimum."
        ),
        validators=[DataRequired(_l("Enter an amount in baht, or 0 for no minimum."))],
        filters=[strip],
    )
