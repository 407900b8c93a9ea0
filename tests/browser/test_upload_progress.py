"""On a slow line, a CSV import shows how much of the file has gone up, then the result."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from shop.catalog.demo_data import ACCOUNTS

OWNER = next(a for a in ACCOUNTS if a["email"] == "manager@baac-ranong.example.org")
SLOW_UPLOAD = 64 * 1024  # bytes per second: a weak mobile line
PADDING = ",,,,,,,,,\r\n" * 25_000  # empty rows, skipped by the import: ~275 KB to send


def test_a_slow_csv_import_shows_its_progress_then_the_result(page, tmp_path):
    page.goto("/account/login?lang=en")
    page.get_by_label("Email").fill(OWNER["email"])
    page.get_by_label("Password").fill(OWNER["password"])
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile("/account/login"))

    exported = page.request.get("/seller/stock/export.csv").text()
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    sku, stock = rows[0]["sku"], int(rows[0]["stock"]) + 7
    rows[0]["stock"] = str(stock)
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "stock.csv"
    path.write_text(edited.getvalue() + PADDING, encoding="utf-8-sig")

    page.goto("/seller/stock/import?lang=en")
    page.get_by_label("CSV file").set_input_files(path)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": SLOW_UPLOAD},
    )
    page.get_by_role("button", name="Check and import").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text(re.compile(r"Sending the file… \d+ %"))
    expect(page.locator(".upload-progress progress")).to_have_attribute(
        "value", re.compile(r"^[1-9]\d*$")
    )
    expect(page.get_by_role("heading", name="Import done")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile("/seller/stock/import"))
    expect(page.locator(".import-figures")).to_contain_text("1")

    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.goto("/seller/stock?lang=en")
    expect(page.get_by_role("row", name=re.compile(re.escape(sku)))).to_contain_text(str(stock))
