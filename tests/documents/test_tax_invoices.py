"""A retail buyer gets a full tax invoice (Revenue Code s. 86/4) from a VAT-registered
cooperative: asked for at checkout or afterwards on the order page, made out to the company and
tax ID it typed, numbered TI-YYYY-NNNNNN per cooperative, VAT shown apart as 7/107 of the total,
the total in Thai words, Thai with English, as PDF/A-3b. A cooperative that is not
VAT-registered issues receipts only, and the buyer is told so."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from shop.core.dates import format_date
from shop.core.money import vat_part
from shop.documents.errors import AlreadyIssued, NotVatRegistered
from shop.documents.models import BuyerTaxDetails, Document, DocumentKind
from shop.documents.seller_of_record import tax_id_check_digit
from shop.documents.tax_invoices import BuyerDetails, issue_tax_invoice
from shop.extensions import db
from shop.orders.models import Order
from tests.documents.conftest import (
    ADDRESS_TH,
    LEGAL_NAME_EN,
    LEGAL_NAME_TH,
    fold,
    fonts_of,
    pdf_text,
)
from tests.orders.buying import shown_on_checkout
from tests.payments.conftest import SHIPPING_ADDRESS

COMPANY = "บริษัท กาแฟดี จำกัด"
COMPANY_ADDRESS = "1 ถนนสีลม แขวงสุริยวงศ์ เขตบางรัก กรุงเทพมหานคร 10500"
BUYER_TAX_ID = "010555012345" + str(tax_id_check_digit("010555012345"))
BUYER_TAX_ID_PRINTED = f"0-1055-50123-45-{BUYER_TAX_ID[-1]}"


def pdf_a_part(data: bytes) -> tuple[bytes, bytes, str]:
    """The PDF/A part and conformance its XMP metadata claims, and its output intent."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    part = re.search(rb'pdfaid:part="(\d)"', xmp)
    conformance = re.search(rb'pdfaid:conformance="(\w)"', xmp)
    intent = str(root["/OutputIntents"][0].get_object()["/S"])
    return part and part.group(1), conformance and conformance.group(1), intent


def tax_invoices_of(order_id: int) -> list[Document]:
    db.session.expire_all()
    order = db.session.get(Order, order_id)
    return sorted(
        (d for so in order.seller_orders for d in so.documents if d.kind == "tax_invoice"),
        key=lambda d: d.cooperative_id,
    )


def tax_fields(**overrides) -> dict:
    return {
        "tax-wanted": "y",
        "tax-name": COMPANY,
        "tax-tax_id": BUYER_TAX_ID_PRINTED,
        "tax-branch_code": "00001",
        "tax-address": COMPANY_ADDRESS,
        **overrides,
    }


@pytest.fixture
def check_out(sellers):
    """Fill the cart (both cooperatives' goods) and post the checkout with extra ``fields``."""

    def run(client, lang="th", email="office@kafaedee.example.com", items=None, **fields):
        client.set_cookie("lang", lang)
        for variant_id, quantity in items or sellers.cart:
            client.post("/cart/add", data={"variant_id": variant_id, "quantity": quantity})
        data = {"email": email, "payment_method": "transfer", **SHIPPING_ADDRESS, **fields}
        shown = shown_on_checkout(client, lang, **data)
        return client.post("/checkout", data={**data, "shown": shown or ""})

    return run


def order_of(response) -> Order:
    assert response.status_code == 302, response.text[:3000]
    db.session.expire_all()
    token = response.headers["Location"].rsplit("/", 1)[-1]
    return db.session.scalars(select(Order).where(Order.token == token)).one()


def test_asked_for_at_checkout_the_tax_invoice_comes_with_the_payment_with_every_field(
    client, sellers, check_out, pay
):
    order = order_of(check_out(client, **tax_fields()))
    assert tax_invoices_of(order.id) == []  # not before the money arrives
    assert "issued when the payment arrives" in client.get(f"/orders/{order.token}?lang=en").text

    pay(order)

    (invoice,) = tax_invoices_of(order.id)  # the south cooperative is not VAT-registered
    assert invoice.cooperative_id == sellers.north_coop_id
    year = invoice.year
    assert invoice.number == f"TI-{year}-000001"
    total = 2 * 18_000 + 32_000 + sellers.north_shipping_satang  # ฿770
    assert (invoice.snapshot["vat_satang"], invoice.snapshot["net_satang"]) == (5_037, 71_963)
    assert invoice.snapshot["vat_satang"] == vat_part(total)
    text = pdf_text(invoice.pdf)
    for needed in (
        "ใบกำกับภาษี",
        "Tax invoice",
        # the seller: name, address, tax ID, head office
        LEGAL_NAME_TH,
        LEGAL_NAME_EN,
        ADDRESS_TH,
        "0-9940-00165-51-0",
        "สำนักงานใหญ่",
        # the buyer: name, address, tax ID, branch
        COMPANY,
        COMPANY_ADDRESS,
        BUYER_TAX_ID_PRINTED,
        "สาขาที่ 00001",
        # number, date in the Buddhist era and in English, the order
        f"TI-{year}-000001",
        f"พ.ศ. {year + 543}",
        f"Date {format_date(invoice.issued_at, 'long', 'en')}",  # in Bangkok
        order.number,
        # the goods with quantity and value
        *(line.product_name for line in invoice.seller_order.lines),
        "฿360",  # 2 × ฿180
        "฿320",
        # the VAT apart, the total, in words
        "ภาษีมูลค่าเพิ่ม 7%",
        "VAT 7%",
        "฿50.37",
        "฿719.63",
        "฿770",
        "เจ็ดร้อยเจ็ดสิบบาทถ้วน",
        "Seven hundred and seventy baht only",
        # it replaces the abbreviated tax invoice given with the payment
        f"RC-{year}-000001",
    ):
        assert fold(needed) in text, needed
    assert {"Noto-Sans-Thai", "Noto-Sans"} <= fonts_of(invoice.pdf)
    assert pdf_a_part(invoice.pdf) == (b"3", b"B", "/GTS_PDFA1")  # PDF/A-3b


def test_the_buyer_downloads_it_from_the_order_page_the_same_bytes_each_time(
    client, app, sellers, check_out, pay
):
    order = order_of(check_out(client, **tax_fields()))
    pay(order)
    (invoice,) = tax_invoices_of(order.id)

    page = client.get(f"/orders/{order.token}?lang=th").text
    link = f"/orders/{order.token}/documents/{invoice.id}"
    assert f'href="{link}"' in page
    first, second = client.get(link), client.get(link)
    assert first.status_code == 200
    assert first.mimetype == "application/pdf"
    assert first.data == second.data == invoice.pdf
    assert f"{invoice.number}.pdf" in first.headers["Content-Disposition"]

    stranger = app.test_client()
    other = order_of(check_out(stranger, email="somchai@example.org"))
    assert stranger.get(f"/orders/{other.token}/documents/{invoice.id}").status_code == 404


def test_asked_for_after_paying_from_the_order_page(client, sellers, check_out, pay):
    order = order_of(check_out(client))
    pay(order)
    page = client.get(f"/orders/{order.token}?lang=en").text
    assert "Full tax invoice" in page
    # The south cooperative's buyer is told it issues receipts only.
    assert "is not VAT-registered: it issues a receipt, not a tax invoice" in page

    bad = client.post(
        f"/orders/{order.token}/tax-invoice?lang=en",
        data={
            "name": COMPANY,
            "tax_id": BUYER_TAX_ID[:-1] + str((int(BUYER_TAX_ID[-1]) + 1) % 10),
            "address": "",
        },
    )
    assert bad.status_code == 400
    assert "This is not a valid tax ID" in bad.text
    assert "Please enter the address for the tax invoice." in bad.text
    assert COMPANY in bad.text  # what was typed stays in the form
    assert tax_invoices_of(order.id) == []

    done = client.post(
        f"/orders/{order.token}/tax-invoice?lang=en",
        data={
            "name": COMPANY,
            "tax_id": BUYER_TAX_ID,
            "branch_code": "",
            "address": COMPANY_ADDRESS,
        },
    )
    assert done.status_code == 302
    (invoice,) = tax_invoices_of(order.id)
    assert (
        invoice.snapshot["buyer"]["branch_code"] == "00000"
    )  # a tax ID without branch: head office
    assert fold("สำนักงานใหญ่") in pdf_text(invoice.pdf).split(fold(COMPANY), 1)[1]
    page = client.get(f"/orders/{order.token}?lang=en").text
    assert f"Tax invoice {invoice.number} (PDF)" in page
    assert 'id="tax-invoice"' not in page  # no second request once issued

    again = client.post(
        f"/orders/{order.token}/tax-invoice?lang=en",
        data={"name": "Another Co.", "tax_id": "", "address": "Elsewhere"},
    )
    assert again.status_code == 302
    assert len(tax_invoices_of(order.id)) == 1


def test_a_cooperative_that_is_not_vat_registered_issues_no_tax_invoice(
    client, sellers, check_out, pay
):
    south_only = [(sellers.honey_id, 1)]
    order = order_of(check_out(client, lang="en", items=south_only, **tax_fields()))
    assert db.session.scalars(select(BuyerTaxDetails)).all() == []
    pay(order)
    assert tax_invoices_of(order.id) == []
    page = client.get(f"/orders/{order.token}?lang=en").text
    assert "Full tax invoice" not in page
    assert "is not VAT-registered: its prices contain no VAT" in page
    refused = client.post(
        f"/orders/{order.token}/tax-invoice?lang=en",
        data={"name": COMPANY, "address": COMPANY_ADDRESS},
        follow_redirects=True,
    )
    assert "not VAT-registered" in refused.text
    with pytest.raises(NotVatRegistered):
        issue_tax_invoice(db.session.get(Order, order.id).seller_orders[0], BuyerDetails("X", "Y"))


def test_a_checkout_with_bad_tax_details_is_refused_with_messages_and_places_nothing(
    client, sellers, check_out
):
    response = check_out(client, lang="en", **tax_fields(**{"tax-tax_id": "123", "tax-name": ""}))
    assert response.status_code == 200
    assert "This is not a valid tax ID" in response.text
    assert "Please enter the name the tax invoice is made out to." in response.text
    assert db.session.scalars(select(Order)).all() == []
    # Unticked, the same fields are ignored.
    placed = check_out(client, lang="en", **tax_fields(**{"tax-wanted": "", "tax-tax_id": "123"}))
    assert placed.status_code == 302


def test_the_wholesale_entry_point_zero_rates_export_goods_and_is_issued_once(
    client, sellers, check_out, pay
):
    order = order_of(check_out(client))
    pay(order)
    north = next(
        so
        for so in db.session.get(Order, order.id).seller_orders
        if so.cooperative_id == sellers.north_coop_id
    )
    buyer = BuyerDetails(
        name="Shwe Myanmar Trading Co., Ltd.", address="12 Strand Road, Kawthaung, Myanmar"
    )
    invoice = issue_tax_invoice(north, buyer, zero_rated=True)
    db.session.commit()
    assert invoice.kind == DocumentKind.TAX_INVOICE
    assert (invoice.snapshot["vat_satang"], invoice.snapshot["vat_rate_percent"]) == (0, 0)
    assert invoice.snapshot["net_satang"] == invoice.snapshot["total_satang"] == north.total_satang
    text = pdf_text(invoice.pdf)
    for needed in ("ภาษีมูลค่าเพิ่ม 0%", "มาตรา 80/1", "VAT 0%", "Shwe Myanmar Trading"):
        assert fold(needed) in text, needed
    assert "เลขประจำตัวผู้เสียภาษี" not in text.split("Shwe Myanmar", 1)[1]  # no buyer tax ID

    assert issue_tax_invoice(north, buyer, zero_rated=True).id == invoice.id
    with pytest.raises(AlreadyIssued):
        issue_tax_invoice(north, BuyerDetails("Someone else", "Yangon"))
