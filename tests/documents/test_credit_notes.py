"""When money goes back after a receipt or tax invoice was issued, the cooperative issues a
credit note (Revenue Code s. 86/10, CN-YYYY-NNNNNN): it names the original document, the
reason, the original and the correct value, the difference and the VAT on the difference;
several notes follow one another and never credit more than was invoiced."""

from __future__ import annotations

import pytest

from shop.core.money import vat_part
from shop.documents.credit_notes import credit_refund, issue_credit_note
from shop.documents.errors import DocumentError, NothingToCredit
from shop.documents.models import DocumentKind
from shop.documents.tax_invoices import BuyerDetails, issue_tax_invoice
from shop.extensions import db
from shop.orders.models import Order
from tests.cart.builders import log_in
from tests.documents.conftest import LEGAL_NAME_TH, fold, fonts_of, pdf_text
from tests.platform.builders import staff_of


def parts(order_id: int):
    db.session.expire_all()
    order = db.session.get(Order, order_id)
    by_coop = {so.cooperative_id: so for so in order.seller_orders}
    return by_coop


def test_a_partial_refund_then_the_rest_each_get_a_credit_note_naming_the_receipt(
    client, sellers, place_order, pay
):
    placed = place_order(client, payment_method="transfer", lang="th")
    pay(placed.order)
    north = parts(placed.order.id)[sellers.north_coop_id]
    receipt = north.documents[0]
    total = north.total_satang  # ฿770

    first = issue_credit_note(
        north,
        18_000,
        "goods_returned",
        lines=[{"name": "กาแฟโรบัสต้าคั่วกลาง 250 g", "quantity": 1, "unit_satang": 18_000}],
    )
    db.session.commit()
    year = first.year
    assert first.number == f"CN-{year}-000001"
    assert first.kind == DocumentKind.CREDIT_NOTE
    snap = first.snapshot
    assert snap["original"]["number"] == receipt.number
    assert (snap["original_satang"], snap["correct_satang"], snap["difference_satang"]) == (
        total,
        total - 18_000,
        18_000,
    )
    assert snap["difference_vat_satang"] == vat_part(18_000) == 1_178
    text = pdf_text(first.pdf)
    for needed in (
        "ใบลดหนี้",
        "Credit note",
        LEGAL_NAME_TH,
        "0-9940-00165-51-0",
        f"CN-{year}-000001",
        f"พ.ศ. {year + 543}",
        f"ใบกำกับภาษีอย่างย่อเลขที่ {receipt.number}",
        "ผู้ซื้อส่งสินค้าคืน",
        "Goods returned by the buyer",
        "มูลค่าตามเอกสารเดิม",
        "฿770",
        "มูลค่าที่ถูกต้อง",
        "฿590",
        "ผลต่าง",
        "฿180",
        "ภาษีมูลค่าเพิ่มของผลต่าง 7%",
        "฿11.78",
        "฿168.22",
        "หนึ่งร้อยแปดสิบบาทถ้วน",
    ):
        assert fold(needed) in text, needed
    assert {"Noto-Sans-Thai", "Noto-Sans"} <= fonts_of(first.pdf)

    with pytest.raises(DocumentError):
        issue_credit_note(north, total - 18_000 + 1, "refund")  # more than is left
    with pytest.raises(DocumentError):
        issue_credit_note(north, 0, "refund")
    with pytest.raises(ValueError, match="unknown credit note reason"):
        issue_credit_note(north, 100, "because")

    second = credit_refund(north, 10_000_000, "cancelled")  # capped at what is left
    db.session.commit()
    assert second.number == f"CN-{year}-000002"
    assert (second.snapshot["value_before_satang"], second.snapshot["correct_satang"]) == (
        total - 18_000,
        0,
    )
    assert fold("ลดหนี้ไปแล้ว") in pdf_text(second.pdf)
    assert credit_refund(north, 5_000, "refund") is None  # nothing left to credit

    # The buyer downloads both from the order page.
    page = client.get(f"{placed.url}?lang=en").text
    for note in (first, second):
        assert f"Credit note {note.number} (PDF)" in page
        assert client.get(f"{placed.url}/documents/{note.id}").data == note.pdf


def test_a_credit_note_corrects_the_full_tax_invoice_and_a_zero_rated_one_has_no_vat(
    client, sellers, place_order, pay
):
    placed = place_order(client, payment_method="transfer")
    pay(placed.order)
    north = parts(placed.order.id)[sellers.north_coop_id]
    invoice = issue_tax_invoice(
        north, BuyerDetails("Shwe Myanmar Trading", "Kawthaung"), zero_rated=True
    )
    note = issue_credit_note(north, 32_000, "quantity_lowered")
    db.session.commit()
    assert note.snapshot["original"]["number"] == invoice.number
    assert note.snapshot["difference_vat_satang"] == 0
    text = pdf_text(note.pdf)
    assert fold(f"ใบกำกับภาษีเลขที่ {invoice.number}") in text
    assert "Shwe Myanmar Trading" in text
    assert "ภาษีมูลค่าเพิ่มของผลต่าง" not in text


def test_a_receipt_without_vat_gets_a_credit_note_without_vat_and_an_unpaid_order_none(
    client, sellers, place_order, pay
):
    placed = place_order(client, payment_method="transfer")
    south = parts(placed.order.id)[sellers.south_coop_id]
    with pytest.raises(NothingToCredit):
        issue_credit_note(south, 1_000, "cancelled")
    assert credit_refund(south, 1_000, "cancelled") is None

    pay(placed.order)
    south = parts(placed.order.id)[sellers.south_coop_id]
    note = issue_credit_note(south, south.total_satang, "cancelled")
    db.session.commit()
    text = pdf_text(note.pdf)
    assert fold("ใบเสร็จรับเงินเลขที่") in text
    assert "฿0" in text  # the correct value
    for absent in ("ภาษีมูลค่าเพิ่ม", "VAT"):
        assert fold(absent) not in text, absent


def test_the_cooperative_cancelling_a_paid_part_issues_a_credit_note_for_the_refund(
    client, sellers, place_order, pay
):
    """The staff cancel their paid part of an order on the seller pages: the refund recorded
    (a manual refund for a transfer) comes with a credit note for the whole receipt, once."""
    placed = place_order(client, payment_method="transfer")
    pay(placed.order)
    north = parts(placed.order.id)[sellers.north_coop_id]
    receipt = north.documents[0]
    staff = staff_of(north.cooperative, "manager@kraburi.example.org")
    db.session.commit()
    seller = client.application.test_client()
    log_in(seller, staff.email)

    for _ in range(2):  # a second click cancels nothing more and credits nothing more
        seller.post(f"/seller/orders/{north.id}/cancel", data={"reason": "out_of_stock"})

    north = parts(placed.order.id)[sellers.north_coop_id]
    assert north.status == "cancelled"
    (note,) = [d for d in north.documents if d.kind == DocumentKind.CREDIT_NOTE]
    assert note.snapshot["original"]["number"] == receipt.number
    assert note.snapshot["difference_satang"] == north.total_satang == north.refunded_satang
    assert note.snapshot["correct_satang"] == 0
    assert note.snapshot["reason_code"] == "cancelled"
    assert fold("ยกเลิกคำสั่งซื้อและคืนเงิน") in pdf_text(note.pdf)
    assert seller.get(f"/seller/documents/{note.id}").data == note.pdf


def test_who_may_open_a_tax_invoice_and_a_credit_note(
    app, client, sellers, place_order, pay, admin
):
    """The buyer (by the order's token), the issuing cooperative's staff and the office open
    them; another buyer, another cooperative's staff and a visitor get 404."""
    placed = place_order(client, payment_method="transfer")
    pay(placed.order)
    north = parts(placed.order.id)[sellers.north_coop_id]
    invoice = issue_tax_invoice(north, BuyerDetails("บริษัท กาแฟดี จำกัด", "กรุงเทพมหานคร"))
    note = issue_credit_note(north, 1_000, "price_reduced")
    south_coop = parts(placed.order.id)[sellers.south_coop_id].cooperative
    own = staff_of(north.cooperative, "own@kraburi.example.org")
    other = staff_of(south_coop, "other@suksamran.example.org")
    db.session.commit()
    other_order = place_order(app.test_client(), payment_method="transfer", email="b@x.org")

    own_staff, other_staff, office = (app.test_client() for _ in range(3))
    log_in(own_staff, own.email)
    log_in(other_staff, other.email)
    log_in(office, admin.email)
    for document in (invoice, note):
        answer = client.get(f"{placed.url}/documents/{document.id}")
        assert answer.data == document.pdf
        # A tax invoice names its buyer: no shared cache (a proxy, a CDN) may keep a copy.
        assert answer.headers["Cache-Control"] == "private, no-store"
        assert own_staff.get(f"/seller/documents/{document.id}").data == document.pdf
        assert office.get(f"/admin/documents/{document.id}").data == document.pdf
        for answer in (
            app.test_client().get(f"{other_order.url}/documents/{document.id}"),
            other_staff.get(f"/seller/documents/{document.id}"),
            app.test_client().get(f"/admin/documents/{document.id}"),
        ):
            assert answer.status_code in (404, 302), answer.status_code  # 302: log in first
            assert answer.data != document.pdf
        assert other_staff.get(f"/seller/documents/{document.id}").status_code == 404
        assert (
            app.test_client().get(f"{other_order.url}/documents/{document.id}").status_code == 404
        )
