"""A partner's wholesale papers: the proforma invoice it pays against (Burmese, English and
Thai, its language first, with the bank details and a PromptPay QR), and the commercial invoice
and packing list issued when the cooperative confirms (exporter and importer, Incoterm, origin
and destination, HS codes, cartons, weights and shipping marks). Numbered per cooperative,
stored, opened only by the partner's members, the cooperative's staff and the office."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.catalog.models import Variant
from shop.core.days import today
from shop.documents.export_snapshot import _qr_data_url
from shop.documents.models import Document, DocumentKind
from shop.documents.wholesale import proforma
from shop.extensions import db
from shop.orders.models import Order
from shop.pricing.models import QuantityRule, ShippingMethod
from shop.wholesale import invoicing
from tests.cart.builders import CoffeeShop, log_in
from tests.documents.conftest import fold, fonts_of, pdf_text
from tests.factories import UserFactory
from tests.wholesale.conftest import Partners, partners, wholesale  # noqa: F401 - fixtures


@dataclass
class ExportReady:
    shop: CoffeeShop
    sachets: Variant
    partners: Partners


NAME_MY = "ရဲနောင် ကော်ဖီ ၃-မျိုးစပ်"
NAME_TH = "แร่นองกาแฟ 3in1 สูตรดั้งเดิม"
NAME_EN = "Raenong Coffee 3-in-1"


def pypdf_text(data: bytes) -> str:
    """The text pypdf extracts from every page, folded like the pdftotext helper's."""
    reader = PdfReader(io.BytesIO(data))
    return fold(" ".join(page.extract_text() or "" for page in reader.pages))


def look(document: Document) -> None:
    """With LOOK_AT_PDFS=dir, write the PDF and its first page as a PNG there, to look at."""
    where = os.environ.get("LOOK_AT_PDFS")
    if where and shutil.which("pdftoppm"):
        path = os.path.join(where, document.number)
        with open(f"{path}.pdf", "wb") as out:
            out.write(document.pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", f"{path}.pdf", path], check=True)


@pytest.fixture
def export_ready(wholesale, partners, session):  # noqa: F811 - the shared fixtures
    """The 3-in-1 sachets have their HS code and names in every language, a weighed carton; La-un
    is the seller of record; partner A (Burmese) has an order of 5 cartons to confirm."""
    product = wholesale.sachets.product
    product.name_th, product.name_my, product.hs_code = NAME_TH, NAME_MY, "2101.12"
    rule = session.get(QuantityRule, wholesale.sachets.id)
    rule.carton_net_grams, rule.carton_gross_grams = 14_400, 14_850
    la_un = wholesale.shop.la_un
    pier = session.scalars(
        select(ShippingMethod).where(
            ShippingMethod.cooperative_id == la_un.id, ShippingMethod.for_wholesale
        )
    ).one()
    pier.incoterm, pier.incoterm_place = "DAP", "Kawthaung"
    la_un.legal_name_th = "สหกรณ์การเกษตรละอุ่น จำกัด"
    la_un.legal_name_en = "La-un Agricultural Cooperative Limited"
    la_un.registered_address_th = "5 หมู่ 1 ตำบลละอุ่นใต้ อำเภอละอุ่น จังหวัดระนอง 85130"
    la_un.registered_address_en = "5 Moo 1, La-un Tai, La-un, Ranong 85130"
    la_un.tax_id = "0994000165510"
    la_un.vat_registered = True
    staff = UserFactory(email="staff@la-un.example.org", locale="th")
    session.add(CooperativeMembership(user=staff, cooperative=la_un, role=MembershipRole.STAFF))
    other = UserFactory(email="staff@kapoe.example.org")
    session.add(
        CooperativeMembership(
            user=other, cooperative=wholesale.shop.kapoe, role=MembershipRole.STAFF
        )
    )
    session.commit()
    return ExportReady(wholesale.shop, wholesale.sachets, partners)


def place(client, variant_id: int, cartons: int = 5, email="buyer-a@example.org") -> Order:
    log_in(client, email)
    response = client.post("/wholesale?lang=en", data={f"cartons-{variant_id}": str(cartons)})
    assert response.status_code == 302
    response = client.post("/wholesale/checkout?lang=en", data={"po_number": "PO-118", "note": ""})
    assert response.status_code == 302
    db.session.expire_all()
    return db.session.scalars(select(Order).order_by(Order.id.desc())).first()


def papers(seller_order_id: int, kind: DocumentKind) -> list[Document]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Document)
            .where(Document.seller_order_id == seller_order_id, Document.kind == kind)
            .order_by(Document.id)
        )
    )


def test_the_partner_downloads_a_proforma_in_its_language_with_every_field_and_the_qr(
    client, export_ready, tmp_path
):
    order = place(client, export_ready.sachets.id)  # 120 boxes at ฿45 + ฿125 delivery
    part = order.seller_orders[0]

    page = client.get(f"/wholesale/orders/{order.number}?lang=my").text
    link = f"/wholesale/orders/{order.number}/parts/{part.id}/proforma"
    assert f'href="{link}"' in page
    response = client.get(f"{link}?lang=my")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    (document,) = papers(part.id, DocumentKind.PROFORMA)
    year = document.year
    assert document.number == f"PF-{year}-000001"
    assert response.data == document.pdf
    assert client.get(f"{link}?lang=en").data == document.pdf  # unchanged order: same bytes
    look(document)

    text = pdf_text(document.pdf)
    for needed in (
        "Proforma invoice",
        "ใบแจ้งหนี้ล่วงหน้า",
        "This is not a tax invoice.",
        f"PF-{year}-000001",
        order.number,
        "PO-118",
        "สหกรณ์การเกษตรละอุ่น จำกัด",
        "La-un Agricultural Cooperative Limited",
        "0-9940-00165-51-0",
        "Shwe Pyi Thar Trading",
        "No. 12, Bogyoke Road, Ward 2",
        "Tanintharyi Region, Myanmar",
        NAME_EN,
        NAME_TH,
        "2101.12",
        "5 × 24",  # cartons of 24 boxes
        "45.00",
        "5,400.00",  # 120 × ฿45
        "125.00",  # 5 cartons × ฿25 to the pier
        "5,525.00",
        "Prepaid: transfer or PromptPay before delivery",
        "020-1-23456-7",
        "0812345678",
        f"Please quote order {order.number} with your transfer",
    ):
        assert fold(needed) in text, needed
    valid = today() + timedelta(days=14)
    assert f"Valid until / {fold('ใช้ได้ถึงวันที่')}" in text
    assert f"{valid.day} {valid.strftime('%B')} {valid.year}" in text
    # Burmese is printed first (in the Myanmar font); its words are the snapshot's.
    assert document.snapshot["languages"] == ["my", "en", "th"]
    assert document.snapshot["lines"][0]["name"]["my"] == NAME_MY
    assert {"Noto-Sans-Myanmar", "Noto-Sans-Thai", "Noto-Sans"} <= fonts_of(document.pdf)
    assert "Proforma invoice" in pypdf_text(document.pdf)
    # The QR pays the proforma's total to the shop's PromptPay ID.
    assert document.snapshot["total_satang"] == 552_500
    assert _qr_data_url(document.snapshot).startswith("data:image/svg+xml;base64,")


@pytest.mark.xfail(
    strict=True,
    reason="WeasyPrint 70 gives a glyph the text of the first cluster it was drawn in "
    "(Kozea/WeasyPrint#2841): Burmese pre-base vowels and medials are reordered by the "
    "shaper, so the page is right but the text layer is not. Passes once WeasyPrint fixes it.",
)
def test_burmese_words_round_trip_through_text_extraction(client, export_ready):
    order = place(client, export_ready.sachets.id)
    part = order.seller_orders[0]
    client.get(f"/wholesale/orders/{order.number}/parts/{part.id}/proforma?lang=my")
    (document,) = papers(part.id, DocumentKind.PROFORMA)

    for text in (pdf_text(document.pdf), pypdf_text(document.pdf)):
        for needed in ("ကြိုတင်ငွေတောင်းခံလွှာ", NAME_MY, "တနင်္သာရီတိုင်းဒေသကြီး"):
            assert fold(needed) in text, needed


def test_a_proforma_asked_for_in_english_puts_english_first(client, export_ready):
    order = place(client, export_ready.sachets.id)
    part = order.seller_orders[0]

    client.get(f"/wholesale/orders/{order.number}/parts/{part.id}/proforma?lang=en")

    (document,) = papers(part.id, DocumentKind.PROFORMA)
    assert document.snapshot["languages"] == ["en", "my", "th"]
    text = pdf_text(document.pdf)
    assert text.startswith("Proforma invoice")


def test_confirming_issues_the_commercial_invoice_and_packing_list_and_a_new_proforma(
    client, app, export_ready, tmp_path
):
    order = place(client, export_ready.sachets.id)
    part = order.seller_orders[0]
    client.get(f"/wholesale/orders/{order.number}/parts/{part.id}/proforma")
    (first,) = papers(part.id, DocumentKind.PROFORMA)
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")
    line = part.lines[0]

    response = staff.post(
        f"/seller/orders/{part.id}/confirm?lang=en",
        data={
            "delivery_date": (today() + timedelta(days=3)).isoformat(),
            f"quantity-{line.id}": "96",
            f"reason-{line.id}": "out_of_stock",
            "incoterm": "FCA",
            "incoterm_place": "Ranong",
        },
    )

    assert response.status_code == 302
    (invoice,) = papers(part.id, DocumentKind.COMMERCIAL_INVOICE)
    (packing,) = papers(part.id, DocumentKind.PACKING_LIST)
    year = invoice.year
    assert (invoice.number, packing.number) == (f"CI-{year}-000001", f"PL-{year}-000001")
    look(invoice)
    look(packing)
    text = pdf_text(invoice.pdf)
    for needed in (
        "Commercial invoice",
        "ใบกำกับสินค้า",
        "Exporter",
        "Importer",
        "La-un Agricultural Cooperative Limited",
        "0-9940-00165-51-0",
        "Shwe Pyi Thar Trading",
        order.number,
        "PO-118",
        "FCA Ranong",
        "Country of origin",
        "Thailand",
        "Country of destination",
        "Myanmar",
        "2101.12",
        NAME_EN,
        "96",
        "45.00",
        "4,320.00",  # 96 × ฿45
        "100.00",  # 4 cartons × ฿25
        "4,420.00",
    ):
        assert fold(needed) in text, needed
    text = pdf_text(packing.pdf)
    for needed in (
        "Packing list",
        "รายการบรรจุหีบห่อ",
        "FCA Ranong",
        "2101.12",
        "1–4",
        "57.60",  # net: 4 × 14.40 kg
        "59.40",  # gross: 4 × 14.85 kg
        f"Shwe Pyi Thar Trading / {order.number} / KAWTHAUNG, MYANMAR / C/No. 1-4 of 4",
    ):
        assert fold(needed) in text, needed
    assert "45.00" not in text  # no prices on a packing list
    for document in (invoice, packing):
        assert {"Noto-Sans-Myanmar", "Noto-Sans-Thai", "Noto-Sans"} <= fonts_of(document.pdf)
        assert "Shwe Pyi Thar Trading" in pypdf_text(document.pdf)

    # La-un is VAT-registered: the partner's tax invoice, zero-rated as an export (s. 80/1).
    (tax_invoice,) = papers(part.id, DocumentKind.TAX_INVOICE)
    assert tax_invoice.number == f"TI-{year}-000001"
    assert (tax_invoice.snapshot["vat_satang"], tax_invoice.snapshot["total_satang"]) == (
        0,
        442_000,
    )
    text = pdf_text(tax_invoice.pdf)
    for needed in (
        "ใบกำกับภาษี",
        "Shwe Pyi Thar Trading",
        "Tanintharyi Region, Myanmar",
        "VAT 0% (export, s. 80/1)",
        "ภาษีมูลค่าเพิ่ม 0% (ส่งออก มาตรา 80/1)",
    ):
        assert fold(needed) in text, needed
    look(tax_invoice)

    # The order changed: the partner's next proforma is a new one naming the first.
    client.get(f"/wholesale/orders/{order.number}/parts/{part.id}/proforma")
    old, new = papers(part.id, DocumentKind.PROFORMA)
    assert old.id == first.id
    assert old.pdf == first.pdf
    assert new.number == f"PF-{year}-000002"
    assert new.snapshot["replaces"] == first.number
    text = pdf_text(new.pdf)
    assert first.number in text
    assert "4,420.00" in text
    page = client.get(f"/wholesale/orders/{order.number}?lang=en").text
    assert f"/wholesale/documents/{invoice.id}" in page
    assert f"/wholesale/documents/{packing.id}" in page
    assert f"/wholesale/documents/{tax_invoice.id}" in page
    assert client.get(f"/wholesale/documents/{invoice.id}").data == invoice.pdf


def test_only_the_partner_the_cooperative_and_the_office_open_the_papers(client, app, export_ready):
    order = place(client, export_ready.sachets.id)
    part = order.seller_orders[0]
    invoicing.confirm(part, {}, today(), actor_id=export_ready.partners.admin.id)
    db.session.commit()
    client.get(f"/wholesale/orders/{order.number}/parts/{part.id}/proforma")
    documents = [
        *papers(part.id, DocumentKind.PROFORMA),
        *papers(part.id, DocumentKind.COMMERCIAL_INVOICE),
        *papers(part.id, DocumentKind.PACKING_LIST),
    ]
    assert len(documents) == 3

    other_partner = app.test_client()
    log_in(other_partner, "admin-b@example.org")
    same_partner = app.test_client()
    log_in(same_partner, "admin-a@example.org")
    la_un = app.test_client()
    log_in(la_un, "staff@la-un.example.org")
    kapoe = app.test_client()
    log_in(kapoe, "staff@kapoe.example.org")
    office = app.test_client()
    log_in(office, export_ready.partners.admin.email)
    stranger = app.test_client()

    for document in documents:
        assert same_partner.get(f"/wholesale/documents/{document.id}").data == document.pdf
        assert la_un.get(f"/seller/documents/{document.id}").data == document.pdf
        assert office.get(f"/admin/documents/{document.id}").data == document.pdf
        assert other_partner.get(f"/wholesale/documents/{document.id}").status_code == 404
        assert kapoe.get(f"/seller/documents/{document.id}").status_code == 404
        assert stranger.get(f"/wholesale/documents/{document.id}").status_code in (302, 401)
    # Another partner's order, a part of another order, junk ids: 404.
    url = f"/wholesale/orders/{order.number}/parts/{part.id}/proforma"
    assert other_partner.get(url).status_code == 404
    assert (
        same_partner.get(
            f"/wholesale/orders/{order.number}/parts/{part.id + 99}/proforma"
        ).status_code
        == 404
    )
    assert same_partner.get(f"/wholesale/documents/{documents[0].id + 999}").status_code == 404
    assert kapoe.get(f"/seller/orders/{part.id}/proforma").status_code == 404
    assert same_partner.get("/wholesale/documents/abc").status_code == 404


def test_a_proforma_is_issued_only_while_the_part_is_to_be_paid(client, export_ready):
    order = place(client, export_ready.sachets.id)
    part = order.seller_orders[0]
    invoice = invoicing.confirm(part, {}, today(), actor_id=export_ready.partners.admin.id)
    invoicing.record_payment(
        invoice.id, invoice.amount_satang, today(), "", actor=export_ready.partners.admin
    )
    db.session.commit()

    response = client.get(f"/wholesale/orders/{order.number}/parts/{part.id}/proforma?lang=en")

    assert response.status_code == 302
    assert papers(part.id, DocumentKind.PROFORMA) == []
    with pytest.raises(Exception, match="still to be paid"):
        proforma(db.session.get(type(part), part.id), "en")


def test_an_unknown_incoterm_is_refused_and_nothing_is_confirmed(client, app, export_ready):
    order = place(client, export_ready.sachets.id)
    part = order.seller_orders[0]
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")
    page = staff.get(f"/seller/orders/{part.id}?lang=en").text
    assert '<option value="DAP" selected>' in page  # the pier delivery's default
    assert 'value="Kawthaung"' in page

    response = staff.post(
        f"/seller/orders/{part.id}/confirm?lang=en",
        data={"delivery_date": today().isoformat(), "incoterm": "XYZ", "incoterm_place": "x"},
    )

    assert response.status_code == 422
    assert "Not a valid choice" in response.text
    assert db.session.scalars(select(Document)).all() == []

    staff.post(
        f"/seller/orders/{part.id}/confirm?lang=en",
        data={"delivery_date": (today() + timedelta(days=1)).isoformat()},
    )
    invoice = db.session.scalars(
        select(Document).where(Document.kind == DocumentKind.COMMERCIAL_INVOICE)
    ).one()
    assert (invoice.snapshot["incoterm"], invoice.snapshot["incoterm_place"]) == (
        "DAP",
        "Kawthaung",
    )
