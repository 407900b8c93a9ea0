"""Credit notes (ใบลดหนี้, Revenue Code section 86/10): money or goods go back after a receipt
or tax invoice was issued. An issued document is never edited; the correction is a credit
note, numbered CN-YYYY-NNNNNN per cooperative and Bangkok year, which names the original
document (its number and date), the reason, and the difference: the original value, the
correct value, the difference and the VAT on the difference.

Amounts are VAT-inclusive satang, as everywhere in the shop. The VAT on the difference is its
7/107 part (``shop.core.money.vat_part``) when the original charged 7 % VAT, 0 when it was
zero-rated (s. 80/1) or the cooperative was not VAT-registered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import partial

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shop.core.money import vat_part
from shop.documents.errors import DocumentError, NothingToCredit
from shop.documents.models import Document, DocumentKind
from shop.documents.services import (
    document_of,
    issue_document,
    render_tax_document,
    seller_snapshot,
)
from shop.extensions import db
from shop.orders.models import SellerOrder

CREDIT_NOTE_TEMPLATE = "documents/credit_note.html"
PDF_VARIANT = "pdf/a-3b"

# Why a credit note is issued: code -> (Thai, English), as printed on the note.
REASONS: dict[str, tuple[str, str]] = {
    "cancelled": ("ยกเลิกคำสั่งซื้อและคืนเงิน", "Order cancelled and refunded"),
    "refund": ("คืนเงินบางส่วนให้ผู้ซื้อ", "Part of the payment refunded"),
    "quantity_lowered": ("ลดจำนวนสินค้าที่ส่งมอบ", "Quantity delivered lowered"),
    "goods_returned": ("ผู้ซื้อส่งสินค้าคืน", "Goods returned by the buyer"),
    "defective": ("สินค้าชำรุดหรือไม่ตรงตามตัวอย่าง", "Goods defective or not as described"),
    "price_reduced": ("ลดราคาสินค้าหลังออกใบกำกับภาษี", "Price reduced after invoicing"),
}


def _credited_before(seller_order_id: int) -> int:
    notes = db.session.scalars(
        select(Document).where(
            Document.seller_order_id == seller_order_id,
            Document.kind == DocumentKind.CREDIT_NOTE,
        )
    )
    return sum(note.snapshot["difference_satang"] for note in notes)


def original_document(seller_order: SellerOrder) -> Document | None:
    """The document a credit note for this seller order corrects: its full tax invoice if it
    has one, else its receipt (an abbreviated tax invoice when VAT-registered)."""
    return document_of(seller_order.id, DocumentKind.TAX_INVOICE) or document_of(
        seller_order.id, DocumentKind.RECEIPT
    )


def _vat_rate(original: Document) -> int:
    snapshot = original.snapshot
    if "vat_rate_percent" in snapshot:
        return snapshot["vat_rate_percent"]
    return 7 if snapshot["seller"]["vat_registered"] else 0


def _lines(lines: Iterable[Mapping] | None) -> list[dict]:
    out = []
    for line in lines or ():
        quantity, unit = int(line["quantity"]), int(line["unit_satang"])
        out.append(
            {
                "name": str(line["name"]),
                "quantity": quantity,
                "unit_satang": unit,
                "total_satang": int(line.get("total_satang", quantity * unit)),
            }
        )
    return out


def credit_note_snapshot(
    seller_order: SellerOrder,
    original: Document,
    amount_satang: int,
    reason_code: str,
    lines: list[dict],
    credited_before: int,
    number: str,
    issued_at: datetime,
) -> dict:
    """Everything the credit note shows, as plain JSON (amounts in satang, VAT included)."""
    rate = _vat_rate(original)
    original_value = original.snapshot["total_satang"]
    before = original_value - credited_before
    correct = before - amount_satang
    reason_th, reason_en = REASONS[reason_code]

    def vat(satang: int) -> int:
        return vat_part(satang) if rate else 0

    return {
        "number": number,
        "issued_at": issued_at.isoformat(),
        "order_number": seller_order.order.number,
        "seller": seller_snapshot(
            seller_order.cooperative, vat_registered=original.snapshot["seller"]["vat_registered"]
        ),
        "buyer": original.snapshot.get("buyer", {}),
        "original": {
            "number": original.number,
            "kind": str(original.kind),
            "issued_at": original.issued_at.isoformat(),
        },
        "reason_code": reason_code,
        "reason_th": reason_th,
        "reason_en": reason_en,
        "lines": lines,
        "vat_rate_percent": rate,
        "original_satang": original_value,
        "credited_before_satang": credited_before,
        "value_before_satang": before,
        "correct_satang": correct,
        "difference_satang": amount_satang,
        "difference_vat_satang": vat(amount_satang),
        "difference_net_satang": amount_satang - vat(amount_satang),
    }


def issue_credit_note(
    seller_order: SellerOrder,
    amount_satang: int,
    reason_code: str,
    *,
    lines: Iterable[Mapping] | None = None,
) -> Document:
    """Issue a credit note (CN-YYYY-NNNNNN) lowering the seller order's invoiced value by
    ``amount_satang`` (VAT included) for ``reason_code`` (a key of ``REASONS``).

    ``lines``: optionally the goods concerned, each a mapping with ``name``, ``quantity`` and
    ``unit_satang`` (``total_satang`` defaults to their product), printed on the note.
    The note corrects the seller order's full tax invoice, else its receipt
    (``original_document``); several notes may follow one another, each starting from the value
    the previous one left. Takes the cooperative's serial under a row lock: call it in the
    transaction that records the refund or the change; flushes, never commits.

    Raises NothingToCredit when no receipt or tax invoice was issued for the seller order (an
    unpaid order is corrected without papers); DocumentError when ``amount_satang`` is not
    positive or exceeds what is left of the invoiced value; ValueError for an unknown reason.
    """
    if reason_code not in REASONS:
        raise ValueError(f"unknown credit note reason {reason_code!r}; one of {sorted(REASONS)}")
    original = original_document(seller_order)
    if original is None:
        raise NothingToCredit()
    before = _credited_before(seller_order.id)
    left = original.snapshot["total_satang"] - before
    if not 0 < amount_satang <= left:
        raise DocumentError(
            _l(
                "A credit note lowers the invoiced value by more than nothing and at most by "
                "what is left of it."
            )
        )
    return issue_document(
        seller_order,
        DocumentKind.CREDIT_NOTE,
        partial(
            credit_note_snapshot,
            seller_order,
            original,
            amount_satang,
            reason_code,
            _lines(lines),
            before,
        ),
        partial(render_tax_document, CREDIT_NOTE_TEMPLATE, pdf_variant=PDF_VARIANT),
    )


def credit_refund(
    seller_order: SellerOrder, refunded_satang: int, reason_code: str = "cancelled"
) -> Document | None:
    """The credit note for money refunded on a seller order, when it has a document to correct
    and something is left of its value; None otherwise (an order refunded before any document
    was issued needs none). For the refund paths (shop.payments.refunds)."""
    original = original_document(seller_order)
    if original is None or refunded_satang <= 0:
        return None
    left = original.snapshot["total_satang"] - _credited_before(seller_order.id)
    amount = min(refunded_satang, left)
    if amount <= 0:
        return None
    return issue_credit_note(seller_order, amount, reason_code)
