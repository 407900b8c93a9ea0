"""Every bounded number a form takes says its real bounds (issue 11, item 18): receiving
1,000,000,000 units was answered "a number above 0", which is true of that number."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from wtforms.fields.core import UnboundField
from wtforms.validators import NumberRange

import shop
from shop.core.forms import Bounded
from tests.cart.builders import text_of
from tests.seller import stock_world
from tests.seller.stock_world import log_in

world = stock_world.world  # the fixture

# The cart's quantity (the lead's pricing work) answers with the pack's own quantity rule
# (cart.services.quantity_message) in place of the validator's message.
ANSWERED_ELSEWHERE = {"shop.cart.forms"}


def _every_form_class() -> list[type]:
    for module in pkgutil.walk_packages(shop.__path__, "shop."):
        importlib.import_module(module.name)
    found, todo = [], [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("shop.") and sub.__module__ not in ANSWERED_ELSEWHERE:
                found.append(sub)
    return found


def _bounded_validators():
    for form_class in _every_form_class():
        for name in dir(form_class):
            field = getattr(form_class, name, None)
            if not isinstance(field, UnboundField):
                continue
            validators = field.kwargs.get("validators") or (field.args[1:2] or [[]])[0]
            for validator in validators or ():
                if isinstance(validator, NumberRange):
                    yield f"{form_class.__module__}.{form_class.__name__}.{name}", validator


def test_the_shop_has_bounded_number_fields_to_check():
    assert len(list(_bounded_validators())) >= 6


@pytest.mark.parametrize(("where", "validator"), list(_bounded_validators()))
def test_every_bounded_number_field_names_both_of_its_bounds(app, where, validator):
    assert isinstance(validator, Bounded), f"{where}: use core.forms.Bounded"
    with app.test_request_context("/?lang=en"):
        message = validator.describe()
    for bound in (validator.min, validator.max):
        if bound is not None:
            assert f"{bound:,}" in message, (where, message)


@pytest.mark.parametrize(
    ("typed", "lang", "expected"),
    [
        ("1000000000", "en", "Enter how many units arrived: a number from 1 to 1,000,000."),
        ("0", "en", "Enter how many units arrived: a number from 1 to 1,000,000."),
    ],
)
def test_receiving_too_many_units_names_the_real_limit(client, world, typed, lang, expected):
    log_in(client, world.staff.email)

    response = client.post(
        f"/seller/stock/{world.bag.id}/receive?lang={lang}", data={"quantity": typed}
    )

    assert response.status_code == 422
    page = text_of(response)
    assert expected in page
    assert "above 0" not in page
    # A text box for any digits (Thai, Burmese): the server says the limit, as above.
    assert 'inputmode="numeric"' in response.get_data(as_text=True)


def test_a_counted_stock_over_the_limit_is_not_called_below_zero(client, world):
    log_in(client, world.staff.email)

    response = client.post(
        f"/seller/stock/{world.bag.id}/adjust?lang=en",
        data={"kind": "count", "new_count": "2000000"},
    )

    assert response.status_code == 422
    page = text_of(response)
    assert "The counted stock must be a number from 0 to 1,000,000." in page
    assert "below 0" not in page


def test_the_bounds_are_written_as_the_reader_writes_numbers(app):
    with app.test_request_context("/?lang=en"):
        english = Bounded(min=1, max=1_000_000).describe()
    with app.test_request_context("/?lang=my"):
        burmese = Bounded(min=1, max=1_000_000).describe()
    assert english == "Enter a whole number from 1 to 1,000,000."
    assert "1,000,000" in burmese or "၁,၀၀၀,၀၀၀" in burmese
