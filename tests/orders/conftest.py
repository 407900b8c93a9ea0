"""Order fixtures: the cart tests' two-cooperative coffee shop and customer."""

from tests.cart.conftest import coffee_shop, customer  # noqa: F401 - shared fixtures
