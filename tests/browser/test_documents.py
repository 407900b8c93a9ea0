"""A buyer in Thai asks for a full tax invoice on the order page of a paid order and downloads
it and the receipt in real Chromium; the PDFs' text is in Thai, and each first page is drawn to
PNG beside the screenshots (pdftoppm) to check their shaping by eye."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.models import Cooperative, Product, ProductStatus
from shop.extensions import db
from shop.payments.models import Payment
from shop.payments.services import confirm_transfer
from tests.documents.conftest import fold, pdf_text
from tests.factories import UserFactory
from tests.orders.buying import add_to_cart, checkout, order_of

pytestmark = pytest.mark.browser

COMPANY = "บริษัท กาแฟดี จำกัด"
COMPANY_TAX_ID = "0105550123451"
COMPANY_ADDRESS = "1 ถนนสีลม แขวงสุริยวงศ์ เขตบางรัก กรุงเทพมหานคร 10500"


@pytest.fixture
def paid_order(app, live_server) -> tuple[str, int]:
    """A paid transfer order of one pack from a VAT-registered demo cooperative: its token and
    the pack's variant id."""
    with app.app_context():
        product = db.session.scalars(
            select(Product)
            .join(Product.cooperative)
            .where(Cooperative.vat_registered, Product.status == ProductStatus.ACTIVE)
            .order_by(Product.id)
        ).first()
        variant = next(v for v in product.active_variants if v.stock >= 1)
        client = app.test_client()
        add_to_cart(client, variant)
        order = order_of(checkout(client, "th"))
        admin = UserFactory(email="office-docs@ranong-coffee.example.org", is_platform_admin=True)
        db.session.commit()
        payment = db.session.scalars(select(Payment).where(Payment.order_id == order.id)).one()
        assert confirm_transfer(payment, admin.id)
        db.session.commit()
        token, variant_id = order.token, variant.id
        db.session.remove()
    return token, variant_id


def test_a_thai_buyer_downloads_the_receipt_and_the_full_tax_invoice(
    page, paid_order, say, shots, tmp_path
):
    token, variant_id = paid_order
    # The checkout offers the tax invoice as an option, its fields shown when ticked.
    page.request.post("/cart/add", form={"variant_id": str(variant_id), "quantity": "1"})
    page.goto("/checkout?lang=th")
    offer = page.locator("fieldset.tax-invoice-request")
    offer.get_by_label(say("th", "I need a full tax invoice (ใบกำกับภาษีเต็มรูป)")).check()
    expect(offer.get_by_label(say("th", "Name on the tax invoice"))).to_be_visible()
    shots(page, "documents-checkout-th")

    page.goto(f"/orders/{token}?lang=th")
    receipt_link = page.get_by_role("link", name="ใบกำกับภาษีอย่างย่อ")
    expect(receipt_link).to_be_visible()

    form = page.locator("#tax-invoice")
    form.get_by_label(say("th", "Name on the tax invoice")).fill(COMPANY)
    form.get_by_label(say("th", "Tax ID (optional)")).fill("0-1055-50123-45-1")
    form.get_by_label(say("th", "Address on the tax invoice")).fill(COMPANY_ADDRESS)
    shots(page, "documents-order-page-th-request")
    form.get_by_role("button", name=say("th", "Ask for a tax invoice")).click()

    expect(
        page.get_by_text(say("th", "Your tax invoice is ready: download it below."))
    ).to_be_visible()
    invoice_link = page.get_by_role("link", name="TI-")
    expect(invoice_link).to_be_visible()
    shots(page, "documents-order-page-th-issued")

    folder = Path(os.environ.get("SHOP_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for link, title, name in (
        (receipt_link, "ใบกำกับภาษีอย่างย่อ", "receipt"),
        (invoice_link, "ใบกำกับภาษี", "tax-invoice"),
    ):
        # What the browser fetches when the buyer opens or saves the link, with its cookies.
        response = page.context.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        data = response.body()
        assert data == page.context.request.get(link.get_attribute("href")).body()
        text = pdf_text(data)
        assert fold(title) in text
        if name == "tax-invoice":
            for needed in (COMPANY, COMPANY_ADDRESS, "0-1055-50123-45-1", "บาทถ้วน"):
                assert fold(needed) in text, needed
        pdf = folder / f"documents-{name}-th.pdf"
        pdf.write_bytes(data)
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf)[:-4]],
                check=True,
            )
            assert list(folder.glob(f"documents-{name}-th*.png"))
