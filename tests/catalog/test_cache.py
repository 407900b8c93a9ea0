"""Cached storefront pages: an edit shows at once, and the cache spares the database."""

import pytest

from shop.extensions import cache
from tests.factories import ProductFactory


@pytest.fixture
def caching(app):
    app.config["CACHE_TYPE"] = "SimpleCache"
    cache.init_app(app)
    with app.app_context():
        cache.clear()
    yield
    app.config["CACHE_TYPE"] = "NullCache"
    cache.init_app(app)


def test_a_cached_product_page_shows_an_edit_at_once(client, session, caching, count_queries):
    product = ProductFactory(slug="honey", name_en="Stingless Bee Honey")
    session.commit()
    assert "Stingless Bee Honey" in client.get("/products/honey?lang=en").get_data(as_text=True)

    with count_queries() as cached:
        html = client.get("/products/honey?lang=en").get_data(as_text=True)
    assert "Stingless Bee Honey" in html
    assert cached.count == 1  # the catalogue version, nothing else

    product.name_en = "Wild Stingless Bee Honey"
    session.commit()
    html = client.get("/products/honey?lang=en").get_data(as_text=True)
    assert "Wild Stingless Bee Honey" in html


def test_each_language_has_its_own_cached_page(client, session, caching):
    ProductFactory(slug="honey", name_en="Honey", name_th="น้ำผึ้ง")
    session.commit()
    assert "Honey" in client.get("/products/honey?lang=en").get_data(as_text=True)
    assert "น้ำผึ้ง" in client.get("/products/honey?lang=th").get_data(as_text=True)


def test_a_cached_not_found_stays_not_found_until_the_product_appears(client, session, caching):
    assert client.get("/products/later").status_code == 404
    assert client.get("/products/later").status_code == 404
    ProductFactory(slug="later")
    session.commit()
    assert client.get("/products/later").status_code == 200
