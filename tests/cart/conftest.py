"""Cart fixtures: the two-cooperative coffee shop and a customer."""

from __future__ import annotations

import pytest

from tests.cart.builders import CoffeeShop, build_coffee_shop
from tests.factories import UserFactory


@pytest.fixture
def coffee_shop(session) -> CoffeeShop:
    shop = build_coffee_shop()
    session.commit()
    return shop


@pytest.fixture
def customer(session):
    """Malee, a registered customer (password "correct horse battery")."""
    malee = UserFactory(email="malee@example.org", name="Malee Srisuk", locale="en")
    session.commit()
    return malee
