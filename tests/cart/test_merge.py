"""A guest fills a cart, then logs in: the goods move into the customer's cart."""

from __future__ import annotations

from sqlalchemy import select

from shop.cart.models import Cart
from shop.extensions import db
from tests.cart.builders import header_count, log_in, text_of


def add(client, variant_id, quantity):
    response = client.post(
        "/cart/add?lang=en", data={"variant_id": variant_id, "quantity": quantity}
    )
    assert response.status_code == 302
    client.get(response.headers["Location"])


def carts_in_db() -> list[tuple[int | None, dict[str, int]]]:
    db.session.expire_all()
    return [
        (cart.user_id, {line.variant.sku: line.quantity for line in cart.lines})
        for cart in db.session.scalars(select(Cart).order_by(Cart.id))
    ]


def test_the_guest_cart_merges_into_the_customers_cart_at_login(app, client, coffee_shop, customer):
    phone = app.test_client()
    log_in(phone, "malee@example.org")
    add(phone, coffee_shop.robusta.id, 1)  # put in the cart on her phone last week
    add(client, coffee_shop.robusta.id, 2)  # today, on a laptop, not logged in
    add(client, coffee_shop.cashews.id, 1)
    assert header_count(client.get("/cart?lang=en")) == 3

    response = log_in(client, "malee@example.org")

    assert response.headers["Location"] == "/account"
    page = client.get("/cart?lang=en")
    assert header_count(page) == 4
    assert "Medium Roast Robusta" in text_of(page)
    assert "Roasted Cashews" in text_of(page)
    assert carts_in_db() == [(customer.id, {"ROB-250": 3, "CASH-500": 1})]
    assert header_count(phone.get("/cart?lang=en")) == 4


def test_merged_quantities_never_exceed_the_stock(app, client, coffee_shop, customer):
    phone = app.test_client()
    log_in(phone, "malee@example.org")
    add(phone, coffee_shop.robusta.id, 12)
    add(client, coffee_shop.robusta.id, 15)

    log_in(client, "malee@example.org")

    assert carts_in_db() == [(customer.id, {"ROB-250": 20})]
    assert header_count(client.get("/cart?lang=en")) == 20


def test_a_guest_cart_becomes_the_cart_of_a_customer_without_one(client, coffee_shop, customer):
    add(client, coffee_shop.cashews.id, 2)
    guest_cart_id = db.session.scalar(select(Cart.id))

    log_in(client, "malee@example.org")

    assert carts_in_db() == [(customer.id, {"CASH-500": 2})]
    assert db.session.scalar(select(Cart.id)) == guest_cart_id


def test_after_logging_out_the_browser_starts_an_empty_guest_cart(client, coffee_shop, customer):
    add(client, coffee_shop.cashews.id, 2)
    log_in(client, "malee@example.org")

    client.post("/account/logout")
    assert header_count(client.get("/cart?lang=en")) == 0
    add(client, coffee_shop.robusta.id, 1)
    log_in(client, "malee@example.org")

    assert carts_in_db() == [(customer.id, {"CASH-500": 2, "ROB-250": 1})]
