"""The quick-order grid: every wholesale pack with the partner's prices and a box for cartons;
one submit adds them all to the cart, or nothing when a row is refused."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.cart.models import CartLine
from shop.extensions import db
from shop.pricing.models import QuantityRule
from tests.cart.builders import flashes, log_in, stocked_pack, text_of
from tests.factories import ProductFactory


def cart_lines() -> dict[str, tuple[int, int]]:
    db.session.expire_all()
    return {
        ln.variant.sku: (ln.quantity, ln.price_seen_satang)
        for ln in db.session.scalars(select(CartLine))
    }


def row_of(page: str, sku: str) -> str:
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*SKU {sku}(?:(?!</tr>).)*</tr>", page, re.S)
    assert match, f"no row for {sku}"
    return match.group(0)


def test_the_grid_lists_the_wholesale_packs_with_the_partners_prices(client, wholesale):
    log_in(client, "buyer-a@example.org")

    page = text_of(client.get("/wholesale?lang=en"))

    row = row_of(page, "RNG-3IN1-30")
    assert "24 units" in row  # the carton
    assert re.search(r"from 1 carton: <strong>฿55.25</strong>", row)
    assert re.search(r"from 2 cartons: <strong>฿50</strong>", row)
    assert re.search(r"from 5 cartons: <strong>฿45</strong>", row)
    assert "41 cartons" in row  # 1,000 in stock
    assert "SKU ROB-250" not in page  # a retail-only pack is not in the grid


def test_one_submit_adds_every_row_at_its_break_price(client, wholesale):
    log_in(client, "buyer-a@example.org")
    rule = QuantityRule(variant=wholesale.shop.robusta, case_pack=5, min_quantity=5)
    db.session.add(rule)
    db.session.commit()

    response = client.post(
        "/wholesale?lang=en",
        data={
            f"cartons-{wholesale.sachets.id}": "๒",  # Thai digit two
            f"cartons-{wholesale.shop.robusta.id}": "2",
        },
    )

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cart")
    assert flashes(client.get("/cart?lang=en")) == [("success", "2 packs were added to your cart.")]
    assert cart_lines() == {"RNG-3IN1-30": (48, 5_000), "ROB-250": (10, 15_300)}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Please enter a whole number of cartons from 0 to 10000."),
        ("-1", "Please enter a whole number of cartons from 0 to 10000."),
        ("1.5", "Cartons are not split: enter 1 or 2."),
        ("๑.๕", "Cartons are not split: enter 1 or 2."),
        ("0.5", "Cartons are not split: enter 1."),
        ("42", "Only 41 cartons are in stock."),
    ],
)
def test_a_refused_row_adds_nothing_and_says_why_on_its_row(client, wholesale, typed, message):
    log_in(client, "buyer-a@example.org")
    other = stocked_pack(500, product=ProductFactory(cooperative=wholesale.shop.kapoe, variants=0))
    db.session.add(QuantityRule(variant=other, case_pack=10, min_quantity=10))
    db.session.commit()

    response = client.post(
        "/wholesale?lang=en",
        data={f"cartons-{wholesale.sachets.id}": typed, f"cartons-{other.id}": "3"},
    )
    page = text_of(response)

    assert response.status_code == 422
    assert "Nothing was added: please correct the rows marked below." in page
    assert message in row_of(page, "RNG-3IN1-30")
    assert 'value="3"' in row_of(page, other.sku)  # what was typed stays
    assert cart_lines() == {}


def test_an_empty_grid_submit_asks_for_cartons(client, wholesale):
    log_in(client, "buyer-a@example.org")

    response = client.post("/wholesale?lang=en", data={f"cartons-{wholesale.sachets.id}": " "})

    assert flashes(response) == [
        ("error", "Please enter the number of cartons for at least one pack.")
    ]
    assert cart_lines() == {}


def test_the_grid_filters_by_cooperative(client, wholesale):
    log_in(client, "buyer-a@example.org")
    other = stocked_pack(500, product=ProductFactory(cooperative=wholesale.shop.kapoe, variants=0))
    db.session.add(QuantityRule(variant=other, case_pack=10, min_quantity=10))
    db.session.commit()

    page = text_of(client.get("/wholesale?lang=en&cooperative=kapoe-cashews"))

    assert f"SKU {other.sku}" in page
    assert "SKU RNG-3IN1-30" not in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("malee@example.org", 403),  # a customer
        ("admin-waiting@example.org", 302),  # to the account page, which says why
        ("admin-suspended@example.org", 302),
    ],
)
def test_only_approved_partners_reach_the_grid(client, wholesale, who, status):
    log_in(client, who)

    assert client.get("/wholesale?lang=en").status_code == status
    response = client.post("/wholesale?lang=en", data={f"cartons-{wholesale.sachets.id}": "2"})
    assert response.status_code == status
    assert cart_lines() == {}


def test_the_grid_costs_the_same_queries_for_3_or_30_packs(client, wholesale, count_queries):
    log_in(client, "buyer-a@example.org")
    client.get("/wholesale?lang=en")
    with count_queries() as few:
        client.get("/wholesale?lang=en")
    for _ in range(27):
        pack = stocked_pack(
            100, product=ProductFactory(cooperative=wholesale.shop.kapoe, variants=0)
        )
        db.session.add(QuantityRule(variant=pack, case_pack=10, min_quantity=10))
    db.session.commit()

    with count_queries() as many:
        page = text_of(client.get("/wholesale?lang=en"))

    assert page.count('class="cartons-input"') == 28
    assert many.count == few.count


def test_a_row_under_the_minimum_is_told_in_cartons_as_typed(client, wholesale):
    log_in(client, "buyer-a@example.org")
    rule = db.session.get(QuantityRule, wholesale.sachets.id)
    rule.min_quantity = 48  # at least two cartons of 24
    db.session.commit()

    response = client.post("/wholesale?lang=en", data={f"cartons-{wholesale.sachets.id}": "1"})

    assert response.status_code == 422
    assert "Please order 2 cartons." in row_of(text_of(response), "RNG-3IN1-30")
    assert cart_lines() == {}
