"""Every paid retail seller order gets its receipt: an abbreviated tax invoice from a
VAT-registered cooperative, a plain receipt without VAT from one that is not; issued once when
the order is paid, numbered per cooperative and year without gaps, downloadable by the buyer
from the order page and by the cooperative's staff, by nobody else."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from shop.core.money import vat_part
from shop.documents.models import Document, DocumentCounter
from shop.documents.services import issue_receipts
from shop.extensions import db
from shop.orders.models import Order
from tests.cart.builders import log_in
from tests.documents.conftest import (
    ADDRESS_TH,
    LEGAL_NAME_EN,
    LEGAL_NAME_TH,
    fold,
    fonts_of,
    pdf_text,
)
from tests.platform.builders import staff_of

YEAR = None  # the issuing year is today's in Bangkok; read from the document


def receipts(order_id: int) -> list[Document]:
    db.session.expire_all()
    order = db.session.get(Order, order_id)
    return sorted(
        (d for so in order.seller_orders for d in so.documents), key=lambda d: d.cooperative_id
    )


def test_a_paid_order_gets_one_receipt_per_cooperative_with_what_the_revenue_code_asks(
    client, sellers, place_order, pay
):
    placed = place_order(client, payment_method="transfer", lang="th")
    assert receipts(placed.order.id) == []  # not before it is paid

    pay(placed.order)

    north, south = receipts(placed.order.id)
    year = north.year
    assert (north.number, south.number) == (f"RC-{year}-000001", f"RC-{year}-000001")

    # North is VAT-registered: an abbreviated tax invoice, VAT shown apart (7/107 of the total).
    text = pdf_text(north.pdf)
    north_total = 2 * 18_000 + 32_000 + sellers.north_shipping_satang  # ฿770
    for needed in (
        "ใบกำกับภาษีอย่างย่อ",
        "ใบเสร็จรับเงิน",
        LEGAL_NAME_TH,
        LEGAL_NAME_EN,
        ADDRESS_TH,
        "เลขประจำตัวผู้เสียภาษี",
        "0-9940-00165-51-0",
        "สำนักงานใหญ่",
        f"RC-{year}-000001",
        f"พ.ศ. {year + 543}",
        placed.order.number,
        *(line.product_name for line in north.seller_order.lines),
        "ภาษีมูลค่าเพิ่ม 7%",
        "ราคารวมภาษีมูลค่าเพิ่มแล้ว",
        "฿770",
        "฿50.37",  # the VAT in ฿770: 77000 × 7 / 107 = 5037.38 satang
        "฿719.63",
    ):
        assert fold(needed) in text, needed
    assert vat_part(north_total) == 5_037
    assert {"Noto-Sans-Thai", "Noto-Sans"} <= fonts_of(north.pdf)

    # South is not VAT-registered: a receipt, no tax invoice, no VAT line, its branch.
    text = pdf_text(south.pdf)
    for needed in ("ใบเสร็จรับเงิน", "กลุ่มแม่บ้านกาแฟสุขสำราญ", "สาขาที่ 00002", "฿295"):
        assert fold(needed) in text, needed
    for absent in ("ใบกำกับภาษี", "ภาษีมูลค่าเพิ่ม", "VAT"):
        assert fold(absent) not in text, absent


def test_the_buyer_downloads_the_receipts_from_the_order_page_and_nobody_else_can(
    client, app, sellers, place_order, pay
):
    placed = place_order(client, payment_method="transfer", lang="th")
    pay(placed.order)
    north, south = receipts(placed.order.id)

    page = client.get(placed.url).text
    link = f"{placed.url}/documents/{north.id}"
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data == north.pdf  # the stored bytes, the same at every download
    assert client.get(link).data == response.data
    assert "no-store" in response.headers["Cache-Control"]

    other = place_order(app.test_client(), payment_method="transfer", email="somchai@example.org")
    stranger = app.test_client()
    assert stranger.get(f"{other.url}/documents/{north.id}").status_code == 404
    assert stranger.get(f"/orders/not-a-token/documents/{north.id}").status_code == 404
    assert stranger.get(f"{placed.url}/documents/{north.id + 1000}").status_code == 404


def test_the_cooperatives_staff_download_their_own_receipts_only(client, sellers, place_order, pay):
    placed = place_order(client, payment_method="transfer")
    pay(placed.order)
    north, south = receipts(placed.order.id)
    staff = staff_of(north.seller_order.cooperative, "manager@kraburi.example.org")
    db.session.commit()
    seller = client.application.test_client()
    log_in(seller, staff.email)

    assert seller.get(f"/seller/documents/{north.id}").data == north.pdf
    assert seller.get(f"/seller/documents/{south.id}").status_code == 404


def test_paying_again_issues_nothing_twice(client, sellers, place_order, pay):
    placed = place_order(client, payment_method="transfer")
    pay(placed.order)
    before = [(d.id, d.number) for d in receipts(placed.order.id)]

    assert issue_receipts(db.session.get(Order, placed.order.id)) == []
    db.session.commit()

    assert [(d.id, d.number) for d in receipts(placed.order.id)] == before


def test_an_unpaid_order_has_no_receipt(client, sellers, place_order):
    placed = place_order(client, payment_method="transfer")
    assert issue_receipts(db.session.get(Order, placed.order.id)) == []
    assert db.session.scalars(select(Document)).all() == []


@pytest.mark.parametrize("counter_exists", [False, True], ids=["first-of-year", "running"])
def test_two_payments_at_the_same_moment_take_consecutive_numbers(
    app, client, sellers, place_order, pay, counter_exists
):
    """Two app servers confirm two orders' payments at once: each cooperative's series stays
    1, 2, … without a gap or a duplicate, whether the year's counter exists yet or not."""
    north_only = [(sellers.beans_250_id, 1)]
    if counter_exists:
        pay(place_order(client, payment_method="transfer", items=north_only).order)
    orders = [
        place_order(
            app.test_client(),
            payment_method="transfer",
            items=north_only,
            email=f"b{n}@example.org",
        ).order.id
        for n in range(2)
    ]
    db.session.commit()
    start = threading.Barrier(2)
    errors = []

    def confirm(order_id: int) -> None:
        with app.app_context():
            try:
                start.wait(timeout=10)  # before any query: SQLite's first one takes the lock
                pay(db.session.get(Order, order_id))
            except BaseException as exc:  # noqa: BLE001 - asserted below
                errors.append(exc)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=confirm, args=(order_id,)) for order_id in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    db.session.expire_all()
    serials = sorted(
        db.session.scalars(
            select(Document.serial).where(Document.cooperative_id == sellers.north_coop_id)
        )
    )
    expected = [1, 2, 3] if counter_exists else [1, 2]
    assert serials == expected
    counter = db.session.scalars(select(DocumentCounter)).one()
    assert counter.last_serial == expected[-1]
