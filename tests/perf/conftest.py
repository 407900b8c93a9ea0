"""Fixtures of the speed tests: the cart tests' coffee shop and customer, and a warm cache."""

import pytest

from shop.extensions import cache
from tests.cart.conftest import coffee_shop, customer  # noqa: F401 - shared fixtures


@pytest.fixture
def warm_cache(app):
    """The page cache on (as in production) and the catalogue version kept for a minute, so
    a request reads no catalogue from the database once the pages were seen."""
    ttl = app.config["CATALOGUE_VERSION_TTL"]
    app.config.update(CACHE_TYPE="SimpleCache", CATALOGUE_VERSION_TTL=60)
    cache.init_app(app)
    with app.app_context():
        cache.clear()
    yield
    app.config.update(CACHE_TYPE="NullCache", CATALOGUE_VERSION_TTL=ttl)
    cache.init_app(app)
