"""A page of the partner API's lists costs the same number of SQL statements for 2 items as for
20: nothing is read once per pack or per order."""

from __future__ import annotations

from shop.pricing.models import QuantityRule
from tests.api.conftest import bearer
from tests.api.test_orders import order_body, post_order
from tests.cart.builders import stocked_pack
from tests.factories import ProductFactory


def _statements(client, count_queries, url: str, key: str, items: int) -> int:
    """The statements of the page asked for the second time (the first also notes the key's
    use, once a minute)."""
    client.get(url, headers=bearer(key))
    with count_queries() as counter:
        answer = client.get(url, headers=bearer(key))
    assert answer.status_code == 200
    assert len(answer.get_json()["items"]) == items
    return counter.count


def _add_packs(session, world, count: int, slug: str) -> None:
    product = ProductFactory(cooperative=world.wholesale.shop.la_un, slug=slug, variants=0)
    for n in range(count):
        pack = stocked_pack(
            240, product=product, sku=f"{slug.upper()}-{n:03d}", price_satang=20_000
        )
        session.add(QuantityRule(variant=pack, case_pack=12, min_quantity=12))
    session.commit()


def test_a_page_of_products_costs_the_same_sql_for_2_or_20_packs(
    client, world, session, count_queries
):
    url = "/api/v1/products?limit=200"
    _add_packs(session, world, 1, "beans")
    two = _statements(client, count_queries, url, world.key_a, 2)
    _add_packs(session, world, 18, "more")
    assert _statements(client, count_queries, url, world.key_a, 20) == two


def test_a_page_of_orders_costs_the_same_sql_for_2_or_20_orders(client, world, count_queries):
    url = "/api/v1/orders?limit=200"
    for n in range(20):
        assert post_order(client, world.key_a, order_body(), key=f"q{n}").status_code == 201
        if n == 1:
            two = _statements(client, count_queries, url, world.key_a, 2)
    assert _statements(client, count_queries, url, world.key_a, 20) == two
