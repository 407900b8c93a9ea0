"""Cart forms: a request names a variant and a quantity, nothing else."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, NumberRange

from shop.cart.services import MAX_FORM_QUANTITY
from shop.core.forms import ShopForm, WholeNumberField

# Said only when nothing better is known; the views replace it with the pack's own rule
# (shop.cart.services.quantity_message).
QUANTITY_MESSAGE = _l("Please enter a whole number.")
VARIANT_MESSAGE = _l("Please choose a pack.")


def _quantity(minimum: int):
    return WholeNumberField(
        _l("Quantity"),
        [
            InputRequired(QUANTITY_MESSAGE),
            NumberRange(min=minimum, max=MAX_FORM_QUANTITY, message=QUANTITY_MESSAGE),
        ],
        invalid_value_message=QUANTITY_MESSAGE,
        default=1,
    )


class AddToCartForm(ShopForm):
    variant_id = WholeNumberField(
        validators=[InputRequired(VARIANT_MESSAGE)], invalid_value_message=VARIANT_MESSAGE
    )
    quantity = _quantity(1)


class QuantityForm(ShopForm):
    """A cart line's new quantity; 0 removes the line."""

    quantity = _quantity(0)


class EmptyForm(ShopForm):
    """A button that changes something: only the CSRF token is posted."""


def shipping_choice(posted) -> dict[int, int]:
    """The shipping method chosen per cooperative (fields ``shipping-<cooperative id>``). A
    value that is no method id reads as 0, which names no method, so a checkout refuses it
    instead of falling back to another method; other fields are ignored."""
    prefix = "shipping-"
    return {
        int(key[len(prefix) :]): int(value) if value.isdigit() and len(value) < 10 else 0
        for key, value in posted.items()
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and len(key) < 20
    }
