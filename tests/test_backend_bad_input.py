"""Typos and tampered URLs in the backend get a normal page or a 404, never a server error:
ids and page numbers too long for the database, years like 0001 or 9999, a century-long report,
and form messages in the visitor's language."""

from __future__ import annotations

import pytest

from tests.cart.builders import log_in
from tests.platform.builders import log_in_admin, staff_of, two_cooperatives

HUGE = "9" * 25


@pytest.mark.parametrize(
    "path",
    [
        f"/seller/products/{HUGE}/edit",
        f"/seller/orders/{HUGE}",
        f"/seller/stock/{HUGE}/ledger",
        f"/admin/cooperatives/{HUGE}",
        f"/admin/payments/{HUGE}/slip",
    ],
)
def test_an_id_too_long_for_the_database_is_not_found(client, session, path):
    la_un, _ = two_cooperatives()
    owner = staff_of(la_un, "owner@la-un.example.org")
    owner.is_platform_admin = True
    session.commit()
    log_in(client, owner.email)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        f"page={HUGE}",
        "page=-3",
        "page=²",
        "date_from=0001-01-01",
        "date_to=9999-12-31",
        "date_from=0001-01-01&date_to=9999-12-31",
    ],
)
@pytest.mark.parametrize(
    "path",
    [
        "/seller/orders",
        "/seller/orders/export.csv",
        "/admin/orders",
        "/admin/settlement",
        "/admin/settlement.csv",
        "/admin/programme",
    ],
)
def test_junk_page_numbers_and_years_give_a_normal_answer(client, session, path, query):
    la_un, _ = two_cooperatives()
    owner = staff_of(la_un, "owner@la-un.example.org")
    owner.is_platform_admin = True
    session.commit()
    log_in(client, owner.email)
    response = client.get(f"{path}?{query}&cooperative={la_un.id}")
    assert response.status_code in (200, 302, 422), (
        response.status_code
    )  # 302: back, with a message


def test_a_year_out_of_range_is_explained_and_the_programme_spans_ten_years_at_most(
    client, session
):
    log_in_admin(client)
    page = client.get("/admin/programme?date_from=0001-01-01&lang=en").text
    assert "Enter a date from 2000 to 2100." in page
    page = client.get("/admin/programme?date_from=2000-01-01&date_to=2026-11-30&lang=en").text
    assert 'value="2016-11-01"' in page
    assert "Sales paid from 1 Nov 2016 to 30 Nov 2026" in page


def test_standard_form_messages_are_in_the_visitors_language(client, session):
    log_in_admin(client)
    response = client.post("/admin/cooperatives/new?lang=th", data={})
    assert "This field is required." not in response.text
    assert "กรุณากรอกข้อมูลในช่องนี้" in response.text
