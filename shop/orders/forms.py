"""Checkout and order look-up forms. No amount is ever a form field."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, RadioField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length

from shop.accounts.forms import AddressForm
from shop.core.forms import ShopForm
from shop.orders.models import PaymentMethod
from shop.orders.numbers import canonical_order_number


def _lower_strip(value):
    return value.strip().lower() if isinstance(value, str) else value


class CheckoutForm(AddressForm):
    email = EmailField(
        _l("Email for the order confirmation"),
        filters=[_lower_strip],
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Email(_l("Please enter a valid email address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    payment_method = RadioField(
        _l("Payment"),
        validators=[InputRequired(_l("Please choose how you will pay."))],
    )
    save_address = BooleanField(_l("Save this address in my account"), default=True)

    def __init__(self, *args, stripe_enabled: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self._fields.move_to_end("email", last=False)  # first on the page, first in the errors
        choices = [(PaymentMethod.TRANSFER.value, _l("Bank transfer or PromptPay QR"))]
        if stripe_enabled:
            choices.insert(0, (PaymentMethod.STRIPE.value, _l("Card or PromptPay (Stripe)")))
        self.payment_method.choices = choices
        if not self.payment_method.data:
            self.payment_method.data = choices[0][0]


class FindOrderForm(ShopForm):
    number = StringField(
        _l("Order number"),
        filters=[canonical_order_number],
        validators=[DataRequired(_l("Please enter the order number.")), Length(max=20)],
    )
    email = EmailField(
        _l("Email used for the order"),
        filters=[_lower_strip],
        validators=[DataRequired(_l("Please enter your email address.")), Length(max=254)],
    )


class SlipForm(ShopForm):
    slip = FileField(
        _l("Photo or screenshot of the transfer slip"),
        validators=[FileRequired(_l("Please choose the slip picture."))],
    )
