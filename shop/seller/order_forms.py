"""Forms of the seller's order pages: the list filter, the export range and shipping."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from shop.core.fields import DateField
from shop.core.forms import ShopForm, at_most
from shop.core.reasons import ReasonFields
from shop.orders import carriers
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
        _l("Order number, buyer name or email"), filters=[_strip], validators=[at_most(100)]
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
    """The carrier from the list (prefilled from the buyer's shipping method) and a tracking
    number of that carrier's kind (shop.orders.carriers); the cooperative's own delivery or
    collection (``carriers.OWN_DELIVERY``) needs no number and keeps none."""

    carrier = SelectField(_l("Carrier"), validate_choice=False)
    tracking_number = StringField(
        _l("Tracking number"),
        description=_l(
            "As printed on the parcel's label; spaces and dashes may be left in. None for the "
            "cooperative's own delivery or collection."
        ),
        filters=[_strip],
        validators=[at_most(80)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.carrier.choices = (
            [("", _l("Choose the carrier"))]
            + [(c.code, c.name) for c in carriers.CARRIERS]
            + [(carriers.OWN_DELIVERY, carriers.OWN_DELIVERY_NAME)]
        )

    def validate_carrier(self, field) -> None:
        if field.data != carriers.OWN_DELIVERY and field.data not in carriers.BY_CODE:
            raise ValidationError(_l("Please choose the carrier from the list."))

    def validate_tracking_number(self, field) -> None:
        if self.carrier.data == carriers.OWN_DELIVERY:
            field.data = ""  # nothing to follow: no number is kept
            return
        if self.carrier.data not in carriers.BY_CODE:
            return  # the carrier's own error says what to do first
        if not field.data:
            raise ValidationError(_l("Please enter the tracking number."))
        try:
            _carrier, field.data = carriers.check_tracking_number(self.carrier.data, field.data)
        except carriers.TrackingNumberRefused as exc:
            raise ValidationError(exc.message) from exc


class StepForm(ShopForm):
    """A button that moves a seller order on (pack, deliver, cancel): the CSRF token only."""


class CancelForm(ReasonFields, ShopForm):
    """Cancel with a reason the buyer reads in their own language (see core.reasons)."""

    reason_list = SELLER_ORDER_CANCELLATION
