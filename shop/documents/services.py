"""Issuing documents: numbered per cooperative, kind and year without gaps, rendered once from
a snapshot of the order and stored; looked up only by someone entitled to them.

Callers commit once (the payment's transaction): a rollback takes the document and its number
back together, so the series has no gaps.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.catalog.models import Cooperative
from shop.core.dates import format_date
from shop.core.days import shop_timezone
from shop.core.db import utcnow
from shop.core.money import format_money, vat_part
from shop.documents.models import PREFIXES, Document, DocumentCounter, DocumentKind
from shop.documents.rendering import render_pdf
from shop.documents.seller_of_record import HEAD_OFFICE, format_tax_id
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


def _seller(cooperative: Cooperative) -> dict:
    return {
        "name_th": cooperative.legal_name_th or cooperative.name_th,
        "name_en": cooperative.legal_name_en or cooperative.name_en or cooperative.name_th,
        "tax_id": format_tax_id(cooperative.tax_id),
        "branch_code": cooperative.branch_code or HEAD_OFFICE,
        "address_th": cooperative.registered_address_th or cooperative.address_th,
        "address_en": cooperative.registered_address_en or cooperative.address_en,
        "phone": cooperative.phone,
        "vat_registered": cooperative.vat_registered,
    }


def receipt_snapshot(seller_order: SellerOrder, number: str, issued_at: datetime) -> dict:
    """Everything the receipt shows, as plain JSON: amounts in satang, the issue time in UTC."""
    order = seller_order.order
    total = seller_order.total_satang
    vat = vat_part(total) if seller_order.cooperative.vat_registered else 0
    return {
        "number": number,
        "issued_at": issued_at.isoformat(),
        "order_number": order.number,
        "seller": _seller(seller_order.cooperative),
        "buyer": {"name": order.ship_name},
        "lines": [
            {
                "name": line.product_name,
                "variant": line.variant_name,
                "sku": line.sku,
                "quantity": line.quantity,
                "unit_satang": line.unit_price_satang,
                "total_satang": line.total_satang,
            }
            for line in seller_order.lines
            if line.quantity
        ],
        "shipping_name": seller_order.shipping_method_name,
        "shipping_satang": seller_order.shipping_satang,
        "total_satang": total,
        "vat_satang": vat,
        "net_satang": total - vat,
        "payment_method": str(order.payment_method),
    }


def _issue(seller_order: SellerOrder, kind: DocumentKind, template: str) -> Document:
    issued_at = utcnow()
    year = issued_at.astimezone(shop_timezone()).year
    serial = next_serial(seller_order.cooperative_id, kind, year)
    number = document_number(kind, year, serial)
    snapshot = receipt_snapshot(seller_order, number, issued_at)
    pdf = render_pdf(
        template,
        doc=snapshot,
        issued_at=issued_at,
        format_date=format_date,
        money=lambda satang: format_money(satang, "th"),
    )
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


def issue_receipts(order: Order) -> list[Document]:
    """Issue the receipt of each paid seller order of a paid retail order that has none yet.

    Call it in the transaction that marks the order paid (shop.payments.services.record_paid),
    with the order locked; calling it again issues nothing twice. Wholesale orders get their
    own documents (not receipts). Returns the documents issued by this call, in cooperative
    order (the order their counters are locked in, so two payments cannot deadlock).
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
        issued.append(_issue(seller_order, DocumentKind.RECEIPT, RECEIPT_TEMPLATE))
    return issued


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
