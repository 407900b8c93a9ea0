"""A price filter typed the wrong way round (issue 11, item 18): "500 to 100" shows the
products from ฿100 to ฿500 and says so, instead of silently showing something else."""

from __future__ import annotations

import re

import pytest

from tests.cart.builders import text_of
from tests.factories import ProductFactory


def names_on(response) -> list[str]:
    return re.findall(r'<h3 class="card-title">([^<]+)</h3>', response.get_data(as_text=True))


@pytest.fixture
def shelf(session):
    for slug, name, price in (
        ("sachets", "3-in-1 sachets", 9_900),
        ("robusta", "Robusta beans", 18_000),
        ("gift-box", "Gift box", 75_000),
    ):
        ProductFactory(slug=slug, name_en=name, variants__price_satang=price)
    session.commit()


def test_a_reversed_price_range_is_swapped_visibly(client, shelf):
    response = client.get("/products?min_price=500&max_price=100&lang=en")

    page = text_of(response)
    assert names_on(response) == ["Robusta beans"]
    assert "“From” was above “To”, so the prices were swapped: showing ฿100 to ฿500." in page
    assert re.search(r'name="min_price"[^>]*value="100"', page)
    assert re.search(r'name="max_price"[^>]*value="500"', page)


@pytest.mark.parametrize(
    "query", ["min_price=100&max_price=500", "min_price=100", "max_price=500", ""]
)
def test_a_range_in_order_says_nothing_about_swapping(client, shelf, query):
    page = text_of(client.get(f"/products?{query}&lang=en"))

    assert "were swapped" not in page
