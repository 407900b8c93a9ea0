"""The admin's decisions on a transfer slip. Each takes two steps: the button on the list opens
a page that says what will happen (and what looks wrong), and only its own button acts. The
step is a form field, so it works without JavaScript."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField

from shop.core.forms import ShopForm
from shop.core.reasons import ReasonFields
from shop.payments.reasons import TRANSFER_REJECTION


class ConfirmTransferForm(FlaskForm):
    # "1" only from the confirmation page's button: the list's button shows that page first.
    confirmed = HiddenField()
    # Required only when the slip's picture was sent for another payment too (see the view).
    checked_statement = BooleanField(
        _l("I found a separate transfer of this amount for this order in the bank statement")
    )

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed.data == "1"


class RejectTransferForm(ReasonFields, ShopForm):
    """A listed reason, worded for the buyer in their language, and an optional note in the
    admin's own words (shop.core.reasons)."""

    reason_list = TRANSFER_REJECTION
    confirmed = HiddenField()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed.data == "1"
