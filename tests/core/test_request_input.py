"""A NUL character anywhere in a request is refused with the shop's 400 page, before any form,
search or look-up passes it to the database (PostgreSQL cannot store it; SQLite would)."""

from __future__ import annotations

import json

import pytest

from shop.orders.models import Order
from tests.factories import ProductFactory, UserFactory, VariantFactory
from tests.orders.buying import add_to_cart, checkout, count

NUL = "\x00"


def _refused(response) -> None:
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This request could not be completed" in page  # the shop's page, in English


@pytest.fixture
def variant(session):
    product = ProductFactory(variants=0, name_en="Medium roast robusta")
    variant = VariantFactory(product=product, name_en="250 g bag", stock=20)
    session.commit()
    return variant


def test_a_nul_in_the_checkout_name_is_refused_and_no_order_is_placed(client, variant):
    add_to_cart(client, variant)

    response = checkout(client, name=f"Malee{NUL} Srisuk")

    _refused(response)
    assert count(Order) == 0
    assert checkout(client).status_code == 302  # the same cart, typed again, is ordered


@pytest.mark.parametrize(
    "request_args",
    [
        ("post", "/orders/find?lang=en", {"number": f"RC-2568{NUL}", "email": "a@example.org"}),
        ("post", "/account/login?lang=en", {"email": f"malee{NUL}@example.org", "password": "x"}),
        ("post", "/account/login?lang=en", {f"email{NUL}": "malee@example.org"}),
        ("get", f"/products?lang=en&q=robusta{NUL}", None),
        ("get", f"/orders/find?lang=en&number={NUL}", None),
        ("get", f"/products/robusta{NUL}?lang=en", None),
    ],
    ids=["find-order", "log-in-email", "field-name", "search", "query-arg", "path"],
)
def test_a_nul_in_any_form_field_query_or_path_is_refused(client, session, request_args):
    UserFactory(email="malee@example.org")
    session.commit()
    method, path, data = request_args

    response = getattr(client, method)(path, data=data)

    _refused(response)


def test_a_nul_in_a_json_body_is_refused(client, session):
    body = json.dumps({"id": f"evt_{NUL}", "type": "checkout.session.completed"})

    response = client.post("/webhooks/stripe?lang=en", data=body, content_type="application/json")

    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        "[" * 900 + "]" * 900,  # nested deeper than Python reads without overflowing its stack
        '{"po_number": "PO-\\ud800", "lines": []}',  # half a surrogate pair: valid JSON only
        '{"\\udfff": 1}',
    ],
    ids=["nested-900-deep", "lone-surrogate-value", "lone-surrogate-key"],
)
@pytest.mark.parametrize("path", ["/", "/account/login", "/api/v1/orders", "/webhooks/stripe"])
def test_a_json_body_no_database_can_store_is_refused_not_a_500(client, session, path, body):
    response = client.post(path, data=body, content_type="application/json")

    assert response.status_code == 400


def test_the_same_requests_without_the_nul_are_answered(client, session, variant):
    assert client.get("/products?lang=en&q=robusta").status_code == 200
    assert (
        client.post(
            "/orders/find?lang=en", data={"number": "RC-2568", "email": "a@example.org"}
        ).status_code
        == 200
    )
