"""Cart forms: a request names a variant and a quantity, nothing else."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from shop.cart.services import MAX_QUANTITY

QUANTITY_MESSAGE = _l("Please enter a whole number from 1 to %(max)s.", max=MAX_QUANTITY)
VARIANT_MESSAGE = _l("Please choose a pack.")


class WholeNumberField(IntegerField):
    """An integer field whose parse error is the given translated message."""

    def __init__(self, label=None, validators=None, *, invalid, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(self.invalid) from exc


def _quantity():
    return WholeNumberField(
        _l("Quantity"),
        [
            InputRequired(QUANTITY_MESSAGE),
            NumberRange(min=1, max=MAX_QUANTITY, message=QUANTITY_MESSAGE),
        ],
        invalid=QUANTITY_MESSAGE,
        default=1,
    )


class AddToCartForm(FlaskForm):
    variant_id = WholeNumberField(
        validators=[InputRequired(VARIANT_MESSAGE)], invalid=VARIANT_MESSAGE
    )
    quantity = _quantity()


class QuantityForm(FlaskForm):
    quantity = _quantity()


class EmptyForm(FlaskForm):
    """A button that changes something: only the CSRF token is posted."""
