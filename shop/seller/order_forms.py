"""Forms of the seller's order pages: the list filter, the export range and shipping."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from shop.core.fields import DateField
from shop.core.forms import ShopForm
from shop.core.reasons import ReasonFields
from shop.orders.fulfilment import VISIBLE
from shop.orders.labels import STATUS_NAMES
from shop.orders.reasons import SELLER_ORDER_CANCELLATION


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class _RangeMixin:
    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must not be before the start date."))


class OrderFilterForm(_RangeMixin, ShopForm):
    """The list's filters, read from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
    q = SearchField(
        _l("Order number, buyer name or email"), filters=[_strip], validators=[Length(max=100)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [("", _l("All"))] + [
            (status.value, STATUS_NAMES[status]) for status in VISIBLE
        ]


class ExportForm(_RangeMixin, ShopForm):
    class Meta:
        csrf = False

    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


class ShipForm(ShopForm):
    carrier = StringField(
        _l("Carrier"),
        filters=[_strip],
        validators=[DataRequired(_l("Please enter the carrier.")), Length(max=80)],
    )
    tracking_number = StringField(
        _l("Tracking number"),
        filters=[_strip],
        validators=[DataRequired(_l("Please enter the tracking number.")), Length(max=80)],
    )


class StepForm(ShopForm):
    """A button that moves a seller order on (pack, deliver, cancel): the CSRF token only."""


class CancelForm(ReasonFields, ShopForm):
    """Cancel with a reason the buyer reads in their own language (see core.reasons)."""

    reason_list = SELLER_ORDER_CANCELLATION
