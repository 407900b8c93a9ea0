"""The partner admin's forms for the API: a new key, the webhook address."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from shop.api.keys import MAX_KEY_NAME
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
    catalogue_read = BooleanField(_l("Read the catalogue with your prices"), default=True)
    orders_write = BooleanField(_l("Place orders and read orders and the statement"))

    def scopes(self) -> list[str]:
        chosen = []
        if self.catalogue_read.data:
            chosen.append("catalogue:read")
        if self.orders_write.data:
            chosen.append("orders:write")
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
