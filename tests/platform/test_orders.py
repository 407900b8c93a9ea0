"""The office finds any order across all cooperatives, on one page that stays a few queries."""

import re

import pytest

from shop.orders.models import SellerOrderStatus
from tests.cart.builders import text_of
from tests.platform.builders import bangkok, log_in_admin, place, two_cooperatives


def numbers_on(page: str) -> list[str]:
    return re.findall(r'<th scope="row">(RN-[^<]+)</th>', page)


@pytest.fixture
def orders(session):
    la_un, kapoe = two_cooperatives()
    place(
        [(la_un, 18_000, 5_000, 500)],
        paid_at=bangkok(2026, 3, 2),
        number="RN-1111-0001",
        email="malee@example.org",
    )
    place(
        [(kapoe, 25_000, 4_000, 750)],
        paid_at=bangkok(2026, 3, 15),
        number="RN-2222-0002",
        email="somchai@example.org",
    )
    place(
        [(la_un, 9_000, 5_000, 500), (kapoe, 25_000, 4_000, 750)],
        paid_at=None,
        number="RN-3333-0003",
        email="aung@example.org",
    )
    return la_un, kapoe


def test_every_order_is_listed_newest_first_with_its_cooperatives(client, orders):
    log_in_admin(client)
    page = text_of(client.get("/admin/orders?lang=en"))
    assert numbers_on(page) == ["RN-3333-0003", "RN-2222-0002", "RN-1111-0001"]
    assert "La-un Growers" in page
    assert "Kapoe Cashew Group" in page
    assert "3 orders" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "paid"}, ["RN-2222-0002", "RN-1111-0001"]),
        ({"status": "pending_payment"}, ["RN-3333-0003"]),
        ({"cooperative": "la-un"}, ["RN-3333-0003", "RN-1111-0001"]),
        ({"date_from": "2026-03-10", "date_to": "2026-03-31"}, ["RN-2222-0002"]),
        ({"date_to": "2026-03-02"}, ["RN-1111-0001"]),
        ({"q": "2222"}, ["RN-2222-0002"]),
        ({"q": "AUNG@example"}, ["RN-3333-0003"]),
        ({"q": "nobody"}, []),
        ({"date_from": "not a date"}, ["RN-3333-0003", "RN-2222-0002", "RN-1111-0001"]),
    ],
)
def test_filters_and_search(client, orders, query, expected):
    la_un, _ = orders
    if query.get("cooperative") == "la-un":
        query = {**query, "cooperative": str(la_un.id)}
    log_in_admin(client)
    page = text_of(client.get("/admin/orders", query_string={**query, "lang": "en"}))
    assert numbers_on(page) == expected


def test_the_list_costs_the_same_queries_for_5_and_50_orders(client, session, count_queries):
    la_un, kapoe = two_cooperatives()
    log_in_admin(client)

    def add(n):
        for _ in range(n):
            place(
                [(la_un, 18_000, 5_000, 500), (kapoe, 25_000, 4_000, 750)],
                paid_at=bangkok(2026, 3, 2),
                status=SellerOrderStatus.PAID,
            )
        session.commit()

    add(5)
    client.get("/admin/orders")  # warm up: the first request loads what every one needs
    with count_queries() as few:
        assert len(numbers_on(client.get("/admin/orders").text)) == 5
    add(45)
    with count_queries() as many:
        assert len(numbers_on(client.get("/admin/orders").text)) == 50
    assert many.count == few.count


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', page)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_office_pages_by_older_and_newer_links_that_keep_the_search(
    client, session, monkeypatch
):
    monkeypatch.setattr("shop.platform.orders.ORDERS_PAGE_SIZE", 2)
    la_un, _kapoe = two_cooperatives()
    for n in range(5):
        place(
            [(la_un, 10_000, 0, 500)], paid_at=bangkok(2026, 3, 1 + n), number=f"RN-500{n}-000{n}"
        )
    place([(la_un, 10_000, 0, 500)], paid_at=bangkok(2026, 3, 9), number="RN-7777-0007")
    session.commit()
    log_in_admin(client)

    first = text_of(client.get("/admin/orders?lang=en&q=rn-500"))
    assert numbers_on(first) == ["RN-5004-0004", "RN-5003-0003"]
    assert "5 orders" in first
    assert _link(first, "prev") is None
    assert "q=rn-500" in _link(first, "next")
    second = text_of(client.get(_link(first, "next")))
    assert numbers_on(second) == ["RN-5002-0002", "RN-5001-0001"]
    third = text_of(client.get(_link(second, "next")))
    assert numbers_on(third) == ["RN-5000-0000"]
    assert _link(third, "next") is None
    back = text_of(client.get(_link(third, "prev")))
    assert numbers_on(back) == ["RN-5002-0002", "RN-5001-0001"]
    assert numbers_on(text_of(client.get("/admin/orders?lang=en&older=junk"))) == [
        "RN-7777-0007",
        "RN-5004-0004",
    ]
