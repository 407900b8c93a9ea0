"""The seller backend and the office's reports at volume: listings come a page at a time with
links that keep the search, CSV files keep every row, each page costs the same number of SQL
statements for 3 rows as for 30, and on PostgreSQL the queries can be answered from indexes.

Orders are written as rows (tests/platform/builders.place) so a test can hold 30 of them
without buying each through the pages.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from shop.catalog.models import ProductStatus
from shop.core.days import today
from shop.core.db import utcnow
from shop.core.money import basis_points_of
from shop.extensions import db
from shop.orders.models import SellerOrderStatus
from shop.platform import reports
from tests.cart.builders import log_in, text_of
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory
from tests.platform.builders import bangkok, log_in_admin, place, staff_of
from tests.seller.test_orders import ORDERS_CSV_HEADER


def _next(page: str) -> str | None:
    found = re.search(r'rel="next" href="([^"]+)"', page)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.fixture
def coop(session):
    cooperative = CooperativeFactory(slug="la-un-growers", name_en="La-un Growers")
    staff_of(cooperative, "nok@la-un.example.org")
    db.session.commit()
    return cooperative


@pytest.fixture
def staff(client, coop):
    log_in(client, "nok@la-un.example.org")
    return client


def _products(coop, count: int, start: int = 0, **fields) -> list:
    category = CategoryFactory()
    made = []
    for n in range(start, start + count):
        product = ProductFactory(
            cooperative=coop,
            category=category,
            slug=f"robusta-{n}",
            name_en=f"Robusta lot {n:03d}",
            name_th=f"โรบัสต้า ล็อต {n:03d}",
            variants=2,
            **fields,
        )
        product.created_at = utcnow() - timedelta(hours=1000 - n)
        made.append(product)
    db.session.commit()
    return made


def _orders(coop, count: int, days_ago: int = 1) -> list:
    made = []
    for n in range(count):
        paid = utcnow() - timedelta(days=days_ago, minutes=n)
        order = place([(coop, 10_000 + n, 5_000, 500)], paid_at=paid, email=f"buyer{n}@example.org")
        made.append(order)
    db.session.commit()
    return made


# --- what staff notice ---------------------------------------------------------------------


def test_the_product_list_pages_newest_first_and_keeps_the_filter_in_its_links(
    staff, coop, monkeypatch
):
    monkeypatch.setattr("shop.seller.listings.PRODUCTS_PER_PAGE", 3)
    _products(coop, 7)
    _products(coop, 2, start=50, status=ProductStatus.DRAFT)

    first = text_of(staff.get("/seller/products?lang=en&status=active"))
    assert [f"Robusta lot {n:03d}" in first for n in (6, 5, 4)] == [True] * 3
    assert "Robusta lot 003" not in first
    assert "Robusta lot 050" not in first  # a draft, filtered out
    assert "7 products" in first

    link = _next(first)
    assert "status=active" in link
    assert "page=2" in link
    second = text_of(staff.get(link))
    assert [f"Robusta lot {n:03d}" in second for n in (3, 2, 1)] == [True] * 3
    assert "Robusta lot 004" not in second
    third = text_of(staff.get(_next(second)))
    assert "Robusta lot 000" in third
    assert _next(third) is None

    drafts = text_of(staff.get("/seller/products?lang=en&status=draft"))
    assert "Robusta lot 051" in drafts
    assert "Robusta lot 006" not in drafts


def test_the_product_list_finds_a_product_by_part_of_its_name_or_a_packs_sku(staff, coop):
    made = _products(coop, 4)
    sku = made[2].variants[0].sku

    assert "Robusta lot 001" in text_of(staff.get("/seller/products?lang=en&q=LOT+001"))
    thai = text_of(staff.get("/seller/products?lang=en&q=ล็อต 003"))
    assert "Robusta lot 003" in thai
    assert "Robusta lot 002" not in thai
    by_sku = text_of(staff.get(f"/seller/products?lang=en&q={sku.lower()}"))
    assert "Robusta lot 002" in by_sku
    assert "Robusta lot 001" not in by_sku
    none = text_of(staff.get("/seller/products?lang=en&q=100%25"))
    assert "No products match." in none


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=-1", "page=abc", "page=99999", "status=nonsense", "q=" + "x" * 300, "page=๒"],
)
def test_bad_list_parameters_show_a_page_not_an_error(staff, coop, query):
    _products(coop, 2)
    for path in ("/seller/products", "/seller/stock", "/seller/stock/low"):
        assert staff.get(f"{path}?lang=en&{query}").status_code == 200


def test_the_stock_list_pages_and_its_search_survives_paging(staff, coop, monkeypatch):
    monkeypatch.setattr("shop.seller.listings.PACKS_PER_PAGE", 3)
    _products(coop, 4)  # 8 packs

    first = staff.get("/seller/stock?lang=en&q=robusta").get_data(as_text=True)
    assert "8 packs" in first
    link = _next(first)
    assert "q=robusta" in link
    second = staff.get(link).get_data(as_text=True)
    skus = re.compile(r"<code>(SKU-\d+)</code>")
    assert len(skus.findall(first)) == 3
    assert len(skus.findall(second)) == 3
    assert not set(skus.findall(first)) & set(skus.findall(second))

    one = skus.findall(first)[0]
    found = staff.get(f"/seller/stock?lang=en&q={one}").get_data(as_text=True)
    assert skus.findall(found) == [one]


def test_the_orders_csv_has_every_order_and_the_same_header(staff, coop):
    orders = _orders(coop, 30)
    response = staff.get("/seller/orders/export.csv")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ORDERS_CSV_HEADER
    assert sorted(row[0] for row in rows[1:]) == sorted(o.number for o in orders)


def test_a_search_finds_an_order_by_part_of_its_number_or_the_buyers_address(staff, coop):
    orders = _orders(coop, 3)
    wanted = orders[1]
    part = wanted.number[3:7]  # "RN-1001-0000": the digits read over the phone

    page = text_of(staff.get(f"/seller/orders?lang=en&q={part}"))
    assert wanted.number in page
    assert orders[0].number not in page
    whole = text_of(staff.get(f"/seller/orders?lang=en&q={wanted.number.lower()}"))
    assert wanted.number in whole
    assert orders[2].number not in whole
    by_mail = text_of(staff.get("/seller/orders?lang=en&q=BUYER1%40"))
    assert wanted.number in by_mail
    assert orders[2].number not in by_mail


def test_the_settlement_of_one_cooperative_pages_its_orders_and_keeps_the_total(
    client, coop, monkeypatch
):
    monkeypatch.setattr("shop.platform.reports.SETTLEMENT_LINES_PER_PAGE", 10)
    orders = _orders(coop, 25, days_ago=2)
    log_in_admin(client)
    day = today() - timedelta(days=3)
    query = f"cooperative={coop.id}&date_from={day}&date_to={today()}&lang=en"

    first = text_of(client.get(f"/admin/settlement?{query}"))
    assert "25 seller orders" in first
    numbers = {o.number for o in orders}
    second = text_of(client.get(_next(first)))
    third = text_of(client.get(_next(second)))
    pages = [{n for n in numbers if n in page} for page in (first, second, third)]
    assert [len(p) for p in pages] == [10, 10, 5]
    assert set().union(*pages) == numbers
    assert _next(third) is None

    goods = sum(10_000 + n for n in range(25))
    commission = sum(basis_points_of(10_000 + n, 500) for n in range(25))
    net = goods + 25 * 5_000 - commission
    body = client.get(f"/admin/settlement.csv?{query}").get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert {row[0] for row in rows[3:-1]} == numbers
    assert rows[-1][0] == "total"
    assert rows[-1][-1] == f"{net / 100:.2f}"


# --- the same SQL for 3 rows as for 30 -------------------------------------------------------


def _statements(client, count_queries, path: str) -> int:
    client.get(path)  # warm: the first request of a session loads what every request shares
    with count_queries() as counted:
        response = client.get(path)
        response.get_data()
    assert response.status_code == 200, path
    return counted.count


SELLER_PAGES = (
    "/seller?lang=en",
    "/seller/products?lang=en",
    "/seller/stock?lang=en",
    "/seller/stock/low?lang=en",
    "/seller/orders?lang=en",
    "/seller/orders?lang=en&q=buyer",
    "/seller/orders/export.csv",
)


def test_seller_pages_cost_the_same_statements_for_3_rows_as_for_30(
    staff, coop, count_queries, monkeypatch
):
    _products(coop, 3, variants__low_stock_threshold=50)
    _orders(coop, 3)
    few = {path: _statements(staff, count_queries, path) for path in SELLER_PAGES}
    _products(coop, 27, start=3, variants__low_stock_threshold=50)
    _orders(coop, 27)
    many = {path: _statements(staff, count_queries, path) for path in SELLER_PAGES}
    assert many == few


def test_office_reports_cost_the_same_statements_for_3_orders_as_for_30(
    client, coop, count_queries
):
    log_in_admin(client)
    other = CooperativeFactory()
    db.session.commit()
    day = today() - timedelta(days=40)
    pages = (
        f"/admin/settlement?cooperative={coop.id}&date_from={day}&date_to={today()}&lang=en",
        f"/admin/settlement.csv?cooperative={coop.id}&date_from={day}&date_to={today()}",
        f"/admin/settlement?date_from={day}&date_to={today()}&lang=en",
        "/admin/programme?lang=en",
        "/admin?lang=en",
    )
    _orders(coop, 3)
    few = {path: _statements(client, count_queries, path) for path in pages}
    _orders(coop, 27, days_ago=35)
    _orders(other, 5)
    many = {path: _statements(client, count_queries, path) for path in pages}
    assert many == few


def test_the_programme_report_sums_by_thai_month_in_sql(session, coop):
    other = CooperativeFactory()
    # Bangkok days: 00:30 on 1 February is February, 23:59 on 31 January is January.
    place([(coop, 10_000, 0, 500)], paid_at=bangkok(2026, 2, 1, 0, 30))
    place([(coop, 20_000, 0, 500), (other, 5_000, 0, 500)], paid_at=bangkok(2026, 1, 31, 23, 59))
    place([(coop, 7_000, 0, 500)], paid_at=bangkok(2026, 3, 1), status=SellerOrderStatus.CANCELLED)
    db.session.commit()

    report = reports.programme(date(2026, 1, 1), date(2026, 3, 31))
    jan, feb, mar = report.months
    assert (jan.orders, jan.seller_orders, jan.revenue, jan.cooperatives_selling) == (
        1,
        2,
        25_000,
        2,
    )
    assert (feb.orders, feb.seller_orders, feb.revenue, feb.cooperatives_selling) == (
        1,
        1,
        10_000,
        1,
    )
    assert (mar.orders, mar.revenue) == (0, 0)
    assert report.cell(coop.id, date(2026, 1, 1)) == reports.CooperativeMonth(1, 20_000)
    assert report.total_of(coop.id) == reports.CooperativeMonth(2, 30_000)


# --- the indexes the queries need (PostgreSQL) -------------------------------------------------


def _plan(sql: str, **params) -> str:
    """The plan the database picks. PostgreSQL may not read a table whole (seq scans off), so
    the test's few rows do not hide a missing index; SQLite says which index it searches."""
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(text("EXPLAIN QUERY PLAN " + sql), params).all()
        return "\n".join(row[-1] for row in rows)
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    return "\n".join(db.session.execute(text("EXPLAIN " + sql), params).scalars())


def test_backend_queries_have_their_indexes(app, session, coop):
    _orders(coop, 3)
    _products(coop, 2)
    since = utcnow() - timedelta(days=30)
    queries = {
        "ix_shop_order_paid_at": (
            "SELECT sum(goods_satang) FROM shop_order WHERE paid_at >= :since",
            {"since": since},
        ),
        "ix_shop_order_created_at_id": (
            "SELECT id FROM shop_order ORDER BY created_at DESC, id DESC LIMIT 26",
            {},
        ),
        "ix_product_cooperative_created": (
            "SELECT id FROM product WHERE cooperative_id = :c"
            " ORDER BY created_at DESC, id DESC LIMIT 51",
            {"c": coop.id},
        ),
    }
    if db.engine.dialect.name == "postgresql":  # trigram indexes: PostgreSQL's pg_trgm
        queries |= {
            f"ix_shop_order_{column}_trgm": (
                f"SELECT id FROM shop_order WHERE lower({column}) LIKE :q",
                {"q": "%1001%"},
            )
            for column in ("number", "ship_name", "email")
        }
    for index, (sql, params) in queries.items():
        plan = _plan(sql, **params)
        assert index in plan, plan
        assert "Seq Scan" not in plan, plan
    db.session.rollback()
