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
    assert cached.count == 1  # the catalogue version (read every time in tests), nothing else

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


def _csrf_token(html: str) -> str:
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_a_shared_page_carries_each_visitors_own_form_token(app, session, caching):
    ProductFactory(slug="honey")
    session.commit()
    first = app.test_client().get("/products/honey").get_data(as_text=True)
    second = app.test_client().get("/products/honey").get_data(as_text=True)
    assert _csrf_token(first) != _csrf_token(second)
    assert "__csrf_token__" not in first + second


def test_a_visitor_with_a_cart_sees_their_own_header(app, client, session, caching):
    product = ProductFactory(slug="honey", variants__stock=5)
    session.commit()
    stranger = app.test_client()
    assert 'class="cart-count">0<' in stranger.get("/products/honey").get_data(as_text=True)

    client.post("/cart/add", data={"variant_id": product.variants[0].id, "quantity": 2})
    assert 'class="cart-count">2<' in client.get("/products/honey").get_data(as_text=True)
    assert 'class="cart-count">0<' in stranger.get("/products/honey").get_data(as_text=True)
