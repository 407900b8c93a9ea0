"""Placing an order reads and prices the cart once, and still refuses what it must."""

from __future__ import annotations

import re

from tests.cart.builders import log_in
from tests.orders.buying import ADDRESS, add_to_cart, order_of, read_checkout


def _reads_of_the_cart(statements: list[str]) -> int:
    """Statements loading the cart's lines (not the header's count of units)."""
    return sum(1 for s in statements if re.match(r"\s*SELECT cart_line\.id\b", s))


def test_placing_an_order_reads_the_cart_lines_once(client, coffee_shop, customer, count_queries):
    log_in(client, customer.email)
    add_to_cart(client, coffee_shop.robusta, 2)
    add_to_cart(client, coffee_shop.cashews, 1)
    data = dict(ADDRESS)
    _, data["shown"] = read_checkout(client, **data)

    with count_queries() as placing:
        response = client.post("/checkout?lang=en", data=data)
    order = order_of(response)
    assert order.total_satang > 0
    assert _reads_of_the_cart(placing.statements) == 1, placing.statements
    assert client.get("/cart?lang=en").status_code == 200


def test_a_price_changed_after_the_checkout_page_is_still_caught(client, coffee_shop, session):
    add_to_cart(client, coffee_shop.robusta, 1)
    data = dict(ADDRESS)
    _, data["shown"] = read_checkout(client, **data)
    coffee_shop.robusta.price_satang += 1_000
    session.commit()

    response = client.post("/checkout?lang=en", data=data)
    assert response.status_code == 409  # back to the checkout with today's amounts
