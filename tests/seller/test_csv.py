"""Staff export their products and stock as CSV for Excel and import the edited file back:
every row is checked first, and one bad row means nothing changes."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import AdjustmentKind, StockMovement, StockReason
from shop.inventory.services import ledger_total
from shop.inventory.stock_csv import COLUMNS
from shop.platform.models import AuditEntry
from tests.factories import ProductFactory
from tests.seller import stock_world
from tests.seller.stock_world import log_in, stocked_variant

world = stock_world.world  # the fixture

HEADER = ",".join(COLUMNS)


def export(client) -> bytes:
    response = client.get("/seller/stock/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return response.data


def upload(client, content: bytes | str, lang="en"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        f"/seller/stock/import?lang={lang}",
        data={"file": (io.BytesIO(data), "stock.csv")},
        content_type="multipart/form-data",
    )


def row(sku, price="180.00", stock="20", threshold="5"):
    return f"{sku},,,,,,,{price},{stock},{threshold}"


def snapshot():
    db.session.expire_all()
    variants = db.session.execute(
        select(Variant.sku, Variant.price_satang, Variant.stock, Variant.low_stock_threshold)
    ).all()
    return sorted(variants), db.session.scalar(select(func.count(StockMovement.id)))


def test_export_is_utf8_with_bom_and_keeps_thai_and_burmese(client, world):
    log_in(client, world.staff.email)
    data = export(client)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["sku"] for r in rows] == ["LAUN-250"]  # not Kapoe's
    bag = rows[0]
    assert bag["product_name_th"] == "กาแฟโรบัสต้าคั่วเข้ม"
    assert bag["product_name_my"] == "အနက်ရောင်လှော် ရိုဘတ်စတာ"
    assert bag["variant_name_my"] == "၂၅၀ ဂရမ် အိတ်"
    assert (bag["price_baht"], bag["stock"], bag["low_stock_threshold"]) == ("180.00", "20", "5")


def test_an_exported_file_imports_back_unchanged(client, world):
    log_in(client, world.staff.email)
    before = snapshot()
    response = upload(client, export(client))
    assert response.status_code == 200
    assert "Import done" in response.text
    assert snapshot() == before


def test_an_edited_export_updates_price_threshold_and_stock_through_the_ledger(client, world):
    log_in(client, world.staff.email)
    text = export(client).decode("utf-8-sig").replace("180.00,20,5", "195.50,26,8")
    response = upload(client, text.encode("utf-8-sig"))
    assert response.status_code == 200
    assert "<progress" in response.text
    db.session.expire_all()
    bag = db.session.get(Variant, world.bag.id)
    assert (bag.price_satang, bag.stock, bag.low_stock_threshold) == (19550, 26, 8)
    assert bag.product.min_price_satang == 19550
    assert bag.stock == ledger_total(bag.id)
    movement = db.session.scalars(
        select(StockMovement).order_by(StockMovement.id.desc()).limit(1)
    ).one()
    assert (movement.reason, movement.adjustment_kind, movement.quantity) == (
        StockReason.ADJUSTMENT,
        AdjustmentKind.IMPORT,
        6,
    )
    assert (movement.stock_after, movement.user_id) == (26, world.staff.id)
    ledger = client.get(f"/seller/stock/{bag.id}/ledger?lang=th").text
    assert "นำเข้า CSV" in ledger
    audit = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "stock.csv_import")
    ).one()
    assert audit.details["stock_changed"] == 1
    assert audit.details["changes"][0]["price"] == [18000, 19550]


def test_one_bad_row_changes_nothing_and_every_bad_row_is_reported_by_line(client, world, session):
    product = ProductFactory(cooperative=world.la_un, variants=0)
    stocked_variant(product, stock=4, sku="LAUN-1KG")
    session.commit()
    log_in(client, world.staff.email)
    before = snapshot()
    lines = [
        HEADER,
        row("LAUN-250", stock="99"),  # 2: fine on its own
        row("NO-SUCH-SKU"),  # 3
        row("LAUN-1KG", stock="-1"),  # 4
        row("LAUN-1KG", price="12.345"),  # 5: bad price, and a duplicate
        row("KAPOE-500"),  # 6: another cooperative's
        row("LAUN-250", stock="many"),  # 7: bad number, duplicate
        "LAUN-250,180",  # 8: wrong number of columns
        row("LAUN-1KG", price="-5", threshold="-1"),  # 9
        row("LAUN-1KG", price="99999999999999999999", stock="99999999999999999999"),  # 10
        row("LAUN-1KG", price="0", threshold="100001"),  # 11
    ]
    response = upload(client, "\r\n".join(lines) + "\r\n")
    assert response.status_code == 422
    assert "Nothing was imported" in response.text
    assert snapshot() == before
    page = response.text
    for line, words in [
        (3, "Unknown SKU"),
        (4, "Stock cannot be negative"),
        (5, "Price must be an amount"),
        (5, "already on line 4"),
        (6, "Unknown SKU"),
        (7, "Stock must be a whole number"),
        (8, "Wrong number of columns"),
        (9, "low-stock threshold"),
        (10, "up to one million baht"),
        (10, "Stock can be at most 1,000,000"),
        (11, "above zero"),
        (11, "from 0 to 100,000"),
    ]:
        assert re.search(rf'<td class="num">{line}</td><td>[^<]*{words}', page), (line, words)
    assert '<td class="num">2</td>' not in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"sku,price,stock\r\nLAUN-250,1,2\r\n", "Wrong columns"),
        ("\ufeffsku,ราคา\r\n".encode(), "Wrong columns"),
        ((HEADER + "\r\n" + row("LAUN-250", stock="5")).encode("utf-16"), "not UTF-8"),
        ("sku,กาแฟ\r\n".encode("tis-620"), "not UTF-8"),
        (b"", "The file is empty"),
        (HEADER.encode() + b"\r\n", "no product rows"),
    ],
)
def test_files_that_are_not_our_csv_are_refused(client, world, content, message):
    log_in(client, world.staff.email)
    before = snapshot()
    response = upload(client, content)
    assert response.status_code == 422
    assert message in response.text
    assert snapshot() == before


def test_an_import_without_a_file_asks_for_one(client, world):
    log_in(client, world.staff.email)
    response = client.post("/seller/stock/import?lang=en", data={})
    assert response.status_code == 422
    assert "Please choose a CSV file" in response.text


def test_a_file_over_2_mb_is_refused(client, world):
    log_in(client, world.staff.email)
    before = snapshot()
    big = (HEADER + "\r\n" + (row("LAUN-250") + "\r\n") * 80_000).encode()
    assert len(big) > 2 * 1024 * 1024
    response = upload(client, big)
    assert response.status_code == 422
    assert "larger than 2 MB" in response.text
    assert snapshot() == before


def test_import_is_only_for_the_cooperatives_staff(client, world):
    log_in(client, "customer@example.org")
    assert upload(client, export_text_for_customer()).status_code == 403
    assert client.get("/seller/stock/export.csv").status_code == 403


def export_text_for_customer() -> str:
    return HEADER + "\r\n" + row("LAUN-250", stock="0") + "\r\n"


@pytest.mark.parametrize(
    ("price", "stock", "threshold"),
    [("๑๙๕", "๑๒", "๘"), ("၁၉၅", "၁၂", "၈"), ("195", "12", "8")],
)
def test_thai_and_burmese_digits_are_read_in_every_column(client, world, price, stock, threshold):
    # Issue 11: "๑๙๕" was taken as a price while "๑๒" was refused as a stock quantity.
    log_in(client, world.staff.email)
    response = upload(client, "\r\n".join([HEADER, row("LAUN-250", price, stock, threshold)]))
    assert response.status_code == 200, response.text
    db.session.expire_all()
    bag = db.session.get(Variant, world.bag.id)
    assert (bag.price_satang, bag.stock, bag.low_stock_threshold) == (19500, 12, 8)
    assert bag.stock == ledger_total(bag.id)
