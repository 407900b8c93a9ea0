"""Issuing documents: numbered per cooperative, kind and year without gaps, rendered once from
a snapshot of the order and stored; looked up only by someone entitled to them.

Callers commit once (the payment's transaction): a rollback takes the document and its number
back together, so the series has no gaps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import partial

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.catalog.models import Cooperative
from shop.core.days import shop_timezone
from shop.core.db import utcnow
from shop.documents.models import PREFIXES, Document, DocumentCounter, DocumentKind
from shop.documents.rendering import render_pdf
from shop.documents.seller_of_record import HEAD_OFFICE, format_tax_id
from shop.documents.wording import (
    baht_in_english_words,
    baht_in_thai_words,
    document_date,
    document_money,
)
from shop.extensions import db
from shop.orders.models import Order, OrderStatus, SellerOrder, SellerOrderStatus

RECEIPT_TEMPLATE = "documents/receipt.html"


def next_serial(cooperative_id: int, kind: DocumentKind, year: int) -> int:
    """Take the next serial number of the cooperative's series of ``kind`` for ``year``.

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's write transactions
    begin IMMEDIATE, so they hold the database's write lock) until the caller's transaction
    ends. The first number of a year creates the row in a savepoint; a concurrent creator's
    unique-key violation sends the loser to lock the winner's row instead.
    """
    wanted = select(DocumentCounter).where(
        DocumentCounter.cooperative_id == cooperative_id,
        DocumentCounter.kind == kind,
        DocumentCounter.year == year,
    )
    counter = db.session.scalars(wanted.with_for_update()).one_or_none()
    if counter is None:
        try:
            with db.session.begin_nested():
                counter = DocumentCounter(
                    cooperative_id=cooperative_id, kind=kind, year=year, last_serial=0
                )
                db.session.add(counter)
        except IntegrityError:
            counter = db.session.scalars(
                wanted.with_for_update().execution_options(populate_existing=True)
            ).one()
    counter.last_serial += 1
    db.session.flush()
    return counter.last_serial


def document_number(kind: DocumentKind, year: int, serial: int) -> str:
    """ "RC-2026-000001": the kind's prefix, the Gregorian year, six digits."""
    return f"{PREFIXES[kind]}-{year}-{serial:06d}"


def seller_snapshot(cooperative: Cooperative, *, vat_registered: bool | None = None) -> dict:
    """The seller of record as a document prints it (``vat_registered``: the seller order's
    snapshot when given, else the cooperative's registration of today)."""
    if vat_registered is None:
        vat_registered = cooperative.vat_registered
    return {
        "name_th": cooperative.legal_name_th or cooperative.name_th,
        "name_en": cooperative.legal_name_en or cooperative.name_en or cooperative.name_th,
        "tax_id": format_tax_id(cooperative.tax_id),
        "branch_code": cooperative.branch_code or HEAD_OFFICE,
        "address_th": cooperative.registered_address_th or cooperative.address_th,
        "address_en": cooperative.registered_address_en or cooperative.address_en,
        "phone": cooperative.phone,
        "vat_registered": bool(vat_registered),
    }


def line_snapshots(seller_order: SellerOrder) -> list[dict]:
    """The goods of a seller order as documents list them (lines lowered to 0 left out): names
    in Thai and English, SKU, quantity, unit price and line total in satang (VAT included)."""
    return [
        {
            "name": line.product_name,
            "variant": line.variant_name,
            "name_th": line.product_name_th or line.product_name,
            "variant_th": line.variant_name_th or line.variant_name,
            "name_en": line.product_name_en,
            "variant_en": line.variant_name_en,
            "sku": line.sku,
            "quantity": line.quantity,
            "unit_satang": line.unit_price_satang,
            "total_satang": line.total_satang,
        }
        for line in seller_order.lines
        if line.quantity
    ]


def receipt_snapshot(seller_order: SellerOrder, number: str, issued_at: datetime) -> dict:
    """Everything the receipt shows, as plain JSON: amounts in satang, the issue time in UTC."""
    order = seller_order.order
    total = seller_order.total_satang
    return {
        "number": number,
        "issued_at": issued_at.isoformat(),
        "order_number": order.number,
        "seller": seller_snapshot(
            seller_order.cooperative, vat_registered=seller_order.vat_registered
        ),
        "buyer": {"name": order.ship_name},
        "lines": line_snapshots(seller_order),
        "shipping_name": seller_order.shipping_method_name,
        "shipping_name_th": seller_order.shipping_label_in("th"),
        "shipping_satang": seller_order.shipping_satang,
        "total_satang": total,
        "vat_satang": seller_order.vat_satang,
        "net_satang": total - seller_order.vat_satang,
        "payment_method": str(order.payment_method),
    }


def template_helpers() -> dict:
    """What every Thai tax document template is given besides its snapshot ``doc``."""
    return {
        "document_date": document_date,
        "money": document_money,
        "thai_words": baht_in_thai_words,
        "english_words": baht_in_english_words,
        "from_iso": datetime.fromisoformat,
    }


def render_tax_document(template: str, doc: dict, *, pdf_variant: str | None = None) -> bytes:
    """The PDF of a Thai tax document (receipt, tax invoice, credit note) from its snapshot
    ``doc``: the template reads ``doc``, ``issued_at`` (from ``doc["issued_at"]``) and
    ``template_helpers``. Raises what ``render_pdf`` raises."""
    return render_pdf(
        template,
        pdf_variant=pdf_variant,
        doc=doc,
        issued_at=datetime.fromisoformat(doc["issued_at"]),
        **template_helpers(),
    )


def issue_document(
    seller_order: SellerOrder,
    kind: DocumentKind,
    build: Callable[[str, datetime], dict],
    render: Callable[[dict], bytes],
) -> Document:
    """Number, snapshot, render and store one document of ``kind`` for ``seller_order``.

    ``build(number, issued_at)`` returns the snapshot (plain JSON, with ``issued_at``), which
    ``render(snapshot)`` makes the PDF of (``render_tax_document`` for the Thai tax documents,
    ``export_snapshot.render`` for the wholesale papers). The serial is taken under the
    counter's row lock (``next_serial``), so the caller must commit once after this: a
    rollback gives the number back with the document. Flushes. Raises what rendering raises
    (nothing is stored then).
    """
    issued_at = utcnow()
    year = issued_at.astimezone(shop_timezone()).year
    serial = next_serial(seller_order.cooperative_id, kind, year)
    number = document_number(kind, year, serial)
    snapshot = build(number, issued_at)
    pdf = render(snapshot)
    document = Document(
        cooperative_id=seller_order.cooperative_id,
        seller_order_id=seller_order.id,
        kind=kind,
        year=year,
        serial=serial,
        number=number,
        issued_at=issued_at,
        snapshot=snapshot,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    db.session.add(document)
    db.session.flush()
    return document


def document_of(seller_order_id: int, kind: DocumentKind) -> Document | None:
    """The seller order's one document of ``kind`` (a receipt or tax invoice), or None."""
    return db.session.scalars(
        select(Document).where(Document.seller_order_id == seller_order_id, Document.kind == kind)
    ).first()


def issue_receipts(order: Order) -> list[Document]:
    """Issue the receipt of each paid seller order of a paid retail order that has none yet.

    Call it in the transaction that marks the order paid (shop.payments.services.record_paid),
    with the order locked; calling it again issues nothing twice. Wholesale orders get their
    own documents (not receipts). The full tax invoices the buyer asked for
    (``tax_invoices.issue_requested``) come with them. Returns the documents issued by this
    call, receipts then tax invoices, each in cooperative order (the order their counters are
    locked in, so two payments cannot deadlock).
    """
    if order.partner_shop_id is not None or order.status != OrderStatus.PAID:
        return []
    have = set(
        db.session.scalars(
            select(Document.seller_order_id).where(
                Document.seller_order_id.in_([so.id for so in order.seller_orders]),
                Document.kind == DocumentKind.RECEIPT,
            )
        )
    )
    issued = []
    for seller_order in sorted(order.seller_orders, key=lambda so: (so.cooperative_id, so.id)):
        if seller_order.id in have or seller_order.status != SellerOrderStatus.PAID:
            continue
        issued.append(
            issue_document(
                seller_order,
                DocumentKind.RECEIPT,
                partial(receipt_snapshot, seller_order),
                partial(render_tax_document, RECEIPT_TEMPLATE),
            )
        )
    from shop.documents.tax_invoices import issue_requested  # it builds on this module

    return issued + issue_requested(order)


# --- who may open a document -------------------------------------------------------------------


def buyers_document(token: str, document_id: int) -> Document | None:
    """The document ``document_id`` if it belongs to the order whose token is ``token``."""
    return db.session.scalars(
        select(Document)
        .join(SellerOrder, Document.seller_order_id == SellerOrder.id)
        .join(Order, SellerOrder.order_id == Order.id)
        .where(Document.id == document_id, Order.token == token)
    ).one_or_none()


def cooperatives_document(cooperative_id: int, document_id: int) -> Document | None:
    """The document ``document_id`` if ``cooperative_id`` issued it."""
    return db.session.scalars(
        select(Document).where(
            Document.id == document_id, Document.cooperative_id == cooperative_id
        )
    ).one_or_none()
