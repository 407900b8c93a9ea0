"""The partner admin's forms for the API: a new key, the webhook address."""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from shop.api.keys import MAX_KEY_NAME, SCOPE_NAMES
from shop.api.models import Scope
from shop.api.webhooks import MAX_URL
from shop.core.forms import ShopForm


class ApiKeyForm(ShopForm):
    name = StringField(
        _l("Name of the key"),
        [
            DataRequired(message=_l("Please give the key a name.")),
            Length(
                max=MAX_KEY_NAME,
                message=_l("Please use at most %(max)s characters.", max=MAX_KEY_NAME),
            ),
        ],
        description=_l("Which system uses it, e.g. “Shop till” or “Stock software”."),
    )
    catalogue_read = BooleanField(SCOPE_NAMES[Scope.CATALOGUE_READ], default=True)
    orders_write = BooleanField(SCOPE_NAMES[Scope.ORDERS_WRITE])
    # Names this form: sent again (a reload of the page that showed the key), it creates no
    # second key (keys.create_key).
    nonce = HiddenField(default=lambda: secrets.token_urlsafe(16), validators=[Length(max=32)])

    def validate_catalogue_read(self, field):
        # Said at the scopes (the first box, which the error summary links to).
        if not (field.data or self.orders_write.data):
            raise ValidationError(_l("Please choose what the key may do."))

    def scopes(self) -> list[str]:
        chosen = []
        if self.catalogue_read.data:
            chosen.append(Scope.CATALOGUE_READ.value)
        if self.orders_write.data:
            chosen.append(Scope.ORDERS_WRITE.value)
        return chosen


class WebhookForm(ShopForm):
    url = StringField(
        _l("Address for events (https://…)"),
        [Length(max=MAX_URL, message=_l("Please use at most %(max)s characters.", max=MAX_URL))],
        description=_l(
            "We post order.confirmed, order.shipped, invoice.issued and invoice.overdue "
            "here. Leave empty to stop."
        ),
    )
