"""Cart forms: a request names a variant and a quantity, nothing else."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from shop.cart.services import MAX_FORM_QUANTITY

# Said only when nothing better is known; the views replace it with the pack's own rule
# (shop.cart.services.quantity_message).
QUANTITY_MESSAGE = _l("Please enter a whole number.")
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


def _quantity(minimum: int):
    return WholeNumberField(
        _l("Quantity"),
        [
            InputRequired(QUANTITY_MESSAGE),
            NumberRange(min=minimum, max=MAX_FORM_QUANTITY, message=QUANTITY_MESSAGE),
        ],
        invalid=QUANTITY_MESSAGE,
        default=1,
    )


class AddToCartForm(FlaskForm):
    variant_id = WholeNumberField(
        validators=[InputRequired(VARIANT_MESSAGE)], invalid=VARIANT_MESSAGE
    )
    quantity = _quantity(1)


class QuantityForm(FlaskForm):
    """A cart line's new quantity; 0 removes the line."""

    quantity = _quantity(0)


class EmptyForm(FlaskForm):
    """A button that changes something: only the CSRF token is posted."""


def shipping_choice(posted) -> dict[int, int]:
    """The shipping method chosen per cooperative (fields ``shipping-<cooperative id>``); any
    other field or a value that is not a number is ignored."""
    prefix = "shipping-"
    return {
        int(key[len(prefix) :]): int(value)
        for key, value in posted.items()
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and value.isdigit()
    }
