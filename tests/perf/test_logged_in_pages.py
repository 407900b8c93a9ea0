"""A logged-in buyer (or a guest with a cart) pays for the header in one query, whatever the
cart holds; the header's cart count stays right after every change."""

from __future__ import annotations

import pytest

from shop.catalog import cache as catalogue_cache
from shop.extensions import db
from tests.cart.builders import header_count, log_in, stocked_pack
from tests.orders.buying import add_to_cart

CATALOGUE_PAGES = ("/?lang=en", "/products?lang=en", "/products/robusta?lang=en")


@pytest.fixture(autouse=True)
def _fresh_catalogue_version():
    """Each test reads the catalogue version anew (it is kept per process)."""
    catalogue_cache._last_seen["at"] = float("-inf")
    yield
    catalogue_cache._last_seen["at"] = float("-inf")


def _queries_of(client, count_queries, path: str):
    client.get(path)  # the cache is warm after the first visit
    with count_queries() as counted:
        response = client.get(path)
    assert response.status_code == 200
    return counted, response


def test_a_logged_in_buyers_catalogue_pages_cost_one_query_with_1_or_3_lines(
    client, coffee_shop, customer, warm_cache, count_queries
):
    log_in(client, customer.email)
    add_to_cart(client, coffee_shop.robusta, 1)
    one_line = {}
    for path in CATALOGUE_PAGES:
        counted, response = _queries_of(client, count_queries, path)
        assert header_count(response) == 1
        assert counted.count <= 1, counted.statements
        one_line[path] = counted.count

    add_to_cart(client, coffee_shop.cashews, 2)
    add_to_cart(client, _third_pack(coffee_shop), 1)
    for path in CATALOGUE_PAGES:
        counted, response = _queries_of(client, count_queries, path)
        assert header_count(response) == 4
        assert counted.count == one_line[path], counted.statements


def test_a_guest_with_a_cart_pays_one_query_for_its_count(
    client, coffee_shop, warm_cache, count_queries
):
    add_to_cart(client, coffee_shop.robusta, 2)
    for path in CATALOGUE_PAGES:
        counted, response = _queries_of(client, count_queries, path)
        assert header_count(response) == 2
        assert counted.count <= 1, counted.statements


@pytest.mark.parametrize("logged_in", [True, False], ids=["logged in", "guest"])
def test_the_cart_badge_follows_every_change(client, coffee_shop, customer, logged_in):
    if logged_in:
        log_in(client, customer.email)
    assert header_count(client.get("/?lang=en")) == 0
    add_to_cart(client, coffee_shop.robusta, 2)
    assert header_count(client.get("/products/robusta?lang=en")) == 2
    add_to_cart(client, coffee_shop.cashews, 3)
    cart = client.get("/cart?lang=en")
    assert header_count(cart) == 5

    line_ids = _line_ids(cart.get_data(as_text=True))
    changed = client.post(f"/cart/lines/{line_ids[0]}?lang=en", data={"quantity": 1})
    assert header_count(client.get(changed.headers["Location"])) == 4
    removed = client.post(f"/cart/lines/{line_ids[1]}/remove?lang=en")
    assert header_count(client.get(removed.headers["Location"])) == 1
    assert header_count(client.get("/products?lang=en")) == 1


def test_the_badge_counts_the_cart_left_as_a_guest_once_logged_in(client, coffee_shop, customer):
    add_to_cart(client, coffee_shop.robusta, 2)
    log_in(client, customer.email)  # the guest cart becomes the customer's
    assert header_count(client.get("/?lang=en")) == 2


def test_cart_and_checkout_cost_the_same_queries_for_1_or_3_lines(
    client, coffee_shop, customer, warm_cache, count_queries
):
    log_in(client, customer.email)
    add_to_cart(client, coffee_shop.robusta, 1)
    one = {path: _queries_of(client, count_queries, path)[0].count for path in _BUYING_PAGES}
    add_to_cart(client, coffee_shop.cashews, 1)
    add_to_cart(client, _third_pack(coffee_shop), 1)
    for path in _BUYING_PAGES:
        counted, response = _queries_of(client, count_queries, path)
        assert header_count(response) == 3
        assert counted.count == one[path], counted.statements


_BUYING_PAGES = ("/cart?lang=en", "/checkout?lang=en")


def _third_pack(shop):
    pack = stocked_pack(5, product=shop.robusta.product, sku="ROB-1K", name_en="1 kg bag")
    db.session.commit()
    return pack


def _line_ids(page: str) -> list[int]:
    import re

    return [int(n) for n in dict.fromkeys(re.findall(r'action="/cart/lines/(\d+)', page))]
