"""Spreadsheet orders (/wholesale/upload): a partner uploads the sheet it keeps, .csv or .xlsx;
every line goes into the cart or none does, and every problem is named by row and column."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from shop.cart.models import CartLine
from shop.extensions import db
from tests.cart.builders import flashes, log_in, text_of
from tests.wholesale.conftest import translated

BUYER = "buyer-a@example.org"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cart_lines() -> dict[str, tuple[int, int]]:
    db.session.expire_all()
    return {
        ln.variant.sku: (ln.quantity, ln.price_seen_satang)
        for ln in db.session.scalars(select(CartLine))
    }


def csv_bytes(rows, *, delimiter=",", bom=True, encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, filename: str = "order.csv", lang: str = "en"):
    return client.post(
        f"/wholesale/upload?lang={lang}",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def problems(response) -> list[str]:
    """The problems listed on the page, as a reader reads them."""
    found = re.search(
        r'<ul class="sheet-problems">(.*?)</ul>', response.get_data(as_text=True), re.S
    )
    if not found:
        return []
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def test_a_csv_with_bom_and_semicolons_goes_into_the_cart(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes(
        [
            ["รหัสสินค้า", "สินค้า", "จำนวน"],  # Thai headings
            ["RNG-3IN1-30", "แร่นองกาแฟ 3in1", "๔๘"],  # Thai digits: 48
            [],  # a blank row is skipped
            ["ROB-250", "Robusta", "2"],  # a retail pack, at the retail price
            ["rng-3in1-30", "again", "၂၄"],  # the same SKU again, Burmese digits: +24
            ["ROB-250", "", ""],  # no quantity: not ordered this time
        ],
        delimiter=";",
    )

    response = upload(client, sheet)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cart")
    assert flashes(client.get("/cart?lang=en")) == [("success", "2 packs were added to your cart.")]
    assert cart_lines() == {"RNG-3IN1-30": (72, 5_000), "ROB-250": (2, 18_000)}


def test_an_xlsx_in_cartons_below_a_title_row(client, wholesale):
    log_in(client, BUYER)
    sheet = xlsx_bytes(
        [
            ["Shwe Pyi Thar Trading: order for December"],
            ["SKU", "Product", "Cartons", "Total"],
            ["RNG-3IN1-30", "3-in-1", 5, "=C3*24*45"],  # a formula in a column not read
        ]
    )

    response = upload(client, sheet, "December order.xlsx")

    assert response.status_code == 302
    assert cart_lines() == {"RNG-3IN1-30": (120, 4_500)}  # 5 cartons reach the deepest break


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["NO-SUCH-SKU", "24"], "Row 3, column A (SKU): Unknown SKU “NO-SUCH-SKU”."),
        (["RNG-3IN1-30", "two"], "Row 3, column B (Quantity): Enter a whole number of units."),
        (["RNG-3IN1-30", "1.5"], "Row 3, column B (Quantity): Enter a whole number of units."),
        (["RNG-3IN1-30", "-24"], "Row 3, column B (Quantity): Enter a whole number of units."),
        (
            ["RNG-3IN1-30", "30"],
            "Row 3, column B (Quantity): Sold in cartons of 24: order 24 or 48.",
        ),
        (
            ["RNG-3IN1-30", "1008"],
            "Row 3, column B (Quantity): Only 1000 of this pack are available.",
        ),
        (["", "24"], "Row 3, column A (SKU): Enter the pack's SKU on this row."),
    ],
)
def test_each_refused_row_is_named_by_row_and_column_and_nothing_is_added(
    client, wholesale, row, expected
):
    log_in(client, BUYER)
    sheet = csv_bytes([["SKU", "Quantity"], ["ROB-250", "1"], row])

    response = upload(client, sheet)

    assert response.status_code == 422
    assert "Nothing was added to your cart." in text_of(response)
    assert problems(response) == [expected]
    assert cart_lines() == {}  # the good row 2 was not added either


def test_every_problem_is_listed_at_once(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes(
        [
            ["sku", "quantity"],
            ["RNG-3IN1-30", "30"],
            ["ROB-250", "lots"],
            ["XYZ", "1"],
            ["ROB-250", "2"],
        ]
    )

    response = upload(client, sheet)

    assert problems(response) == [
        "Row 2, column B (quantity): Sold in cartons of 24: order 24 or 48.",
        "Row 3, column B (quantity): Enter a whole number of units.",
        "Row 4, column A (sku): Unknown SKU “XYZ”.",
    ]
    assert cart_lines() == {}


def test_rows_of_one_sku_are_checked_together(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes([["sku", "quantity"], ["RNG-3IN1-30", "24"], ["RNG-3IN1-30", "12"]])

    response = upload(client, sheet)

    assert problems(response) == [
        "Row 2, column B (quantity): Rows 2, 3 together order 36 units of RNG-3IN1-30. "
        "Sold in cartons of 24: order 24 or 48."
    ]
    assert cart_lines() == {}


def test_the_cart_already_holding_a_pack_counts(client, wholesale):
    log_in(client, BUYER)
    assert (
        upload(client, csv_bytes([["sku", "quantity"], ["RNG-3IN1-30", "960"]])).status_code == 302
    )

    response = upload(client, csv_bytes([["sku", "quantity"], ["RNG-3IN1-30", "48"]]))

    assert problems(response) == [
        "Row 2, column B (quantity): Only 1000 of this pack are available."
    ]
    assert cart_lines() == {"RNG-3IN1-30": (960, 4_500)}  # as the first sheet left it


def test_errors_are_in_the_partners_language(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes([["sku", "quantity"], ["RNG-3IN1-30", "1008"]])

    response = upload(client, sheet, lang="th")

    said = translated("Only %(count)s of this pack are available.", "th", count=1000)
    assert said != "Only 1000 of this pack are available."  # the Thai catalogue has it
    assert problems(response)[0].endswith(f": {said}")
    assert cart_lines() == {}


def test_a_formula_in_an_xlsx_is_refused_with_its_row(client, wholesale):
    log_in(client, BUYER)
    sheet = xlsx_bytes(
        [["sku", "cartons"], ["RNG-3IN1-30", 2], ["RNG-3IN1-30", "=B2*2"], ["ROB-250", None]]
    )

    response = upload(client, sheet, "order.xlsx")

    assert problems(response) == [
        "Row 3, column B (cartons): This cell holds a formula (=B2*2): type the value itself."
    ]
    assert cart_lines() == {}


def test_cartons_of_a_pack_not_sold_in_cartons_are_refused(client, wholesale):
    log_in(client, BUYER)
    sheet = xlsx_bytes([["sku", "cartons"], ["ROB-250", 1]])

    response = upload(client, sheet, "order.xlsx")

    assert problems(response) == [
        "Row 2, column B (cartons): ROB-250 is not sold in cartons: "
        "order it in units, in a quantity column."
    ]


def test_more_than_10000_rows_are_refused_as_a_whole(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes([["sku", "quantity"]] + [["RNG-3IN1-30", "24"]] * 10_001)

    response = upload(client, sheet)

    assert response.status_code == 422
    assert problems(response) == [
        "The sheet has more than 10,000 rows. Split it into several uploads."
    ]
    assert cart_lines() == {}


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", "neither a CSV file nor"),
        (b"%PDF-1.7\n", "order.pdf", "neither a CSV file nor"),
        (b"PK\x03\x04 not really a zip", "order.xlsx", "neither a CSV file nor"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "order.xls", "Old Excel files (.xls)"),
        ("sku,quantity\r\nRNG-3IN1-30,๔๘\r\n".encode("cp874"), "order.csv", "not UTF-8 text"),
        ("sku,quantity\r\n".encode("utf-16"), "order.csv", "not UTF-8 text"),
        (b"product,amount\r\nRNG-3IN1-30,24\r\n", "order.csv", "No header row found"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_why(
    client, wholesale, data, filename, expected
):
    log_in(client, BUYER)

    response = upload(client, data, filename)

    assert response.status_code == 422
    [problem] = problems(response)
    assert expected in problem
    assert cart_lines() == {}


def test_the_template_lists_the_partners_packs_and_comes_back_filled(client, wholesale):
    log_in(client, BUYER)

    response = client.get("/wholesale/upload/template.csv?lang=en")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "private, no-store"
    text = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["sku", "product", "pack", "units per carton", "quantity"]
    assert rows[1:] == [
        ["RNG-3IN1-30", "Raenong Coffee 3-in-1", "Box of 30 sachets", "24", ""]
    ]  # wholesale packs only
    rows[1][4] = "48"
    assert upload(client, csv_bytes(rows)).status_code == 302
    assert cart_lines() == {"RNG-3IN1-30": (48, 5_000)}


def test_the_quick_order_page_and_the_upload_page_show(client, wholesale):
    log_in(client, BUYER)

    response = client.get("/wholesale/upload?lang=en")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    page = text_of(response)
    assert "Order from a spreadsheet" in page
    assert 'href="/wholesale/upload/template.csv"' in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),  # to the log-in page
        ("malee@example.org", 403),  # a customer
        ("admin-waiting@example.org", 302),  # to the account page, which says why
        ("admin-suspended@example.org", 302),
    ],
)
def test_only_approved_partners_may_upload(client, wholesale, who, status):
    if who:
        log_in(client, who)
    sheet = csv_bytes([["sku", "quantity"], ["RNG-3IN1-30", "48"]])

    assert client.get("/wholesale/upload?lang=en").status_code == status
    assert client.get("/wholesale/upload/template.csv?lang=en").status_code == status
    assert upload(client, sheet).status_code == status
    assert cart_lines() == {}


def test_a_sheet_wrong_on_every_row_lists_the_first_problems_and_a_count(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes([["sku", "quantity"]] + [["NOPE", "1"]] * 250)

    response = upload(client, sheet)

    assert len(problems(response)) == 200
    assert problems(response)[0] == "Row 2, column A (sku): Unknown SKU “NOPE”."
    assert "… and 50 more problems." in text_of(response)


@pytest.mark.parametrize("lang", ["en", "my"])
def test_headings_in_zawgyi_are_refused_with_how_to_switch_to_unicode(client, wholesale, lang):
    log_in(client, BUYER)
    sheet = csv_bytes([["ပစၥည္းကုဒ္", "အေရအတြက္"], ["RNG-3IN1-30", "24"]])

    response = upload(client, sheet, lang=lang)

    assert response.status_code == 422
    [problem] = problems(response)
    assert "Row 1" in problem or lang == "my"
    assert "Zawgyi" in problem
    assert "Gboard" in problem  # how to switch the keyboard, as every form says
    assert cart_lines() == {}


def test_headings_in_unicode_burmese_still_go_into_the_cart(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes([["ပစ္စည်းကုဒ်", "အရေအတွက်"], ["RNG-3IN1-30", "๒๔"]])

    response = upload(client, sheet)

    assert problems(response) == []
    assert cart_lines()["RNG-3IN1-30"][0] == 24


def test_a_sku_cell_with_thai_or_burmese_digits_names_the_pack(client, wholesale):
    log_in(client, BUYER)
    sheet = csv_bytes([["sku", "quantity"], ["RNG-3IN1-๓๐", "12"], ["rng-၃in၁-၃၀", "12"]])

    response = upload(client, sheet)

    assert problems(response) == []
    assert cart_lines()["RNG-3IN1-30"][0] == 24
