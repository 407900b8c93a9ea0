"""A Kawthaung partner, in Burmese, orders two cartons of แร่นองกาแฟ 3in1 from the demo shop
and downloads the proforma invoice of its order from the order page in Chromium: the PDF it
gets is the stored one, with the demo's HS code, its order and its purchase-order number; the
first page is rendered to PNG beside the screenshots (pdftoppm), to look at."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.demo_data import ACCOUNTS
from shop.documents.models import Document, DocumentKind
from shop.documents.wholesale import thb
from shop.extensions import db
from shop.orders.models import Order
from tests.browser.test_wholesale_ordering_journey import log_in
from tests.documents.conftest import fold, fonts_of, pdf_text

pytestmark = pytest.mark.browser

OWNER = next(a for a in ACCOUNTS if a["email"].startswith("aungkyawmoe"))
SKU = "RNC-3IN1-10"  # box of 10 sachets, cartons of 48


def test_a_partner_downloads_the_proforma_of_its_order_in_burmese(
    page, app, live_server, axe, say, shots, tmp_path
):
    my = lambda message, **v: say("my", message, **v)  # noqa: E731
    log_in(page, OWNER["email"], OWNER["password"], "my", say)
    page.goto("/wholesale?lang=my")
    page.locator("tr", has_text=SKU).get_by_role("textbox").fill("2")
    page.get_by_role("button", name=my("Add to cart"), exact=True).click()
    page.get_by_role("link", name=my("Go to checkout")).click()
    page.get_by_label(re.compile("ကော့သောင်း ဆိပ်ကမ်း")).check()
    page.get_by_label(my("Your purchase-order number"), exact=True).fill("SPT-2026-077")
    page.get_by_role("button", name=my("Place order"), exact=True).click()
    number = re.search(r"RN-\d{4}-\d{4}", page.url).group(0)

    link = page.get_by_role("link", name=my("Proforma invoice to pay against (PDF)"))
    expect(link).to_be_visible()
    assert axe(page) == []
    shots(page, "wholesale-order-papers-my-desktop")
    with page.expect_download() as download_info:
        link.click()
    data = Path(download_info.value.path()).read_bytes()

    with app.app_context():
        order = db.session.scalars(select(Order).where(Order.number == number)).one()
        document = db.session.scalars(
            select(Document).where(
                Document.seller_order_id == order.seller_orders[0].id,
                Document.kind == DocumentKind.PROFORMA,
            )
        ).one()
        assert data == document.pdf
        assert document.snapshot["languages"][0] == "my"
        total = thb(document.snapshot["total_satang"])
        db.session.remove()
    text = pdf_text(data)
    for needed in ("Proforma invoice", number, "SPT-2026-077", "2101.12", total):
        assert fold(needed) in text, needed
    assert "Noto-Sans-Myanmar" in fonts_of(data)
    if shutil.which("pdftoppm"):  # the first page beside the screenshots, to look at
        folder = Path(os.environ.get("SHOP_SCREENSHOTS") or tmp_path)
        pdf = folder / "proforma-my.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf)[:-4]],
            check=True,
        )
