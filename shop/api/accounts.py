"""A partner's orders and statement as the API gives them: pages of its orders (newest first,
cut by id), one order with each cooperative's part and its invoice, and the statement of
shop.wholesale.invoicing. Only the key's own partner's orders are ever read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import force_locale
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from shop.api.catalogue import Page, encode_cursor
from shop.core.days import today
from shop.core.i18n import localize
from shop.core.reasons import reason_text
from shop.documents.models import Document
from shop.documents.wholesale import papers_of_parts
from shop.extensions import db
from shop.orders.models import Order, OrderLine, SellerOrder
from shop.orders.numbers import canonical_order_number
from shop.wholesale import invoicing, labels
from shop.wholesale.models import PartnerInvoice, PartnerShop, PaymentTerms
from shop.wholesale.orders import credit_position
from shop.wholesale.reasons import LINE_LOWERED


def _loaded():
    return (
        selectinload(Order.seller_orders).selectinload(SellerOrder.lines),
        selectinload(Order.seller_orders).selectinload(SellerOrder.cooperative),
    )


def order_page(
    partner_id: int,
    *,
    before: int | None,
    limit: int,
    status: str | None,
    updated_since: datetime | None,
) -> Page:
    """One page of the partner's orders, newest first, before the order id ``before``."""
    query = (
        select(Order)
        .where(Order.partner_shop_id == partner_id)
        .options(*_loaded())
        .order_by(Order.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        query = query.where(Order.id < before)
    if status:
        query = query.where(Order.status == status)
    if updated_since is not None:
        part_changed = exists().where(
            SellerOrder.order_id == Order.id, SellerOrder.updated_at >= updated_since
        )
        invoice_changed = exists().where(
            PartnerInvoice.seller_order_id == SellerOrder.id,
            SellerOrder.order_id == Order.id,
            PartnerInvoice.updated_at >= updated_since,
        )
        query = query.where(or_(Order.updated_at >= updated_since, part_changed, invoice_changed))
    orders = list(db.session.scalars(query))
    more = len(orders) > limit
    orders = orders[:limit]
    return Page(orders, encode_cursor("orders", orders[-1].id) if more else None)


def order_by_number(partner_id: int, number: str) -> Order | None:
    """The partner's order by its number as a program or a person may write it ("rn67474571",
    "RN-6747-4571", Thai or Burmese digits: ``orders.numbers.canonical_order_number``), or
    None."""
    canonical = canonical_order_number(number) or ""
    return db.session.scalars(
        select(Order)
        .where(Order.partner_shop_id == partner_id, Order.number == canonical[:20])
        .options(*_loaded())
    ).first()


@dataclass(frozen=True)
class PartRecords:
    """What the seller orders of some orders have, by seller order id: the partner invoice
    and the wholesale papers (shop.documents.wholesale.papers_of_parts)."""

    invoices: dict[int, PartnerInvoice]
    papers: dict[int, list[Document]]


def records_of(orders: list[Order]) -> PartRecords:
    """The invoices and papers of every part of ``orders``: two queries, whatever their
    number."""
    ids = [so.id for order in orders for so in order.seller_orders]
    invoices = (
        {
            invoice.seller_order_id: invoice
            for invoice in db.session.scalars(
                select(PartnerInvoice)
                .where(PartnerInvoice.seller_order_id.in_(ids))
                .options(selectinload(PartnerInvoice.cooperative))
            )
        }
        if ids
        else {}
    )
    return PartRecords(invoices, papers_of_parts(ids))


def represent_document(document: Document) -> dict:
    """A paper as the API lists it: its PDF is fetched with the same key."""
    return {
        "kind": str(document.kind),
        "number": document.number,
        "issued_at": document.issued_at,
        "url": url_for("api.DocumentPdf", document_id=document.id),
    }


def represent_invoice(invoice: PartnerInvoice, lang: str, order_number: str | None) -> dict:
    return {
        "number": invoice.number,
        "cooperative": localize(invoice.cooperative, "name", lang),
        "order_number": order_number,
        "issued_on": invoice.issued_on,
        "due_on": invoice.due_on,
        "amount_satang": invoice.amount_satang,
        "paid_satang": invoice.paid_satang,
        "balance_satang": invoice.balance_satang,
        "status": str(invoice.status),
        "days_overdue": invoice.days_overdue(today()),
    }


def _line(line: OrderLine, lang: str) -> dict:
    product = getattr(line, f"product_name_{lang}", "") or line.product_name
    variant = getattr(line, f"variant_name_{lang}", "") or line.variant_name
    return {
        "sku": line.sku,
        "name": f"{product} · {variant}",
        "quantity": line.quantity,
        "ordered_quantity": line.ordered_quantity or line.quantity,
        "unit_price_satang": line.unit_price_satang,
        "price_source": line.price_source,
        "change_reason": _change_reason(line, lang),
    }


def _change_reason(line: OrderLine, lang: str) -> str:
    """Why the cooperative lowered the line, as text in the API's language ``lang``: the
    chosen reason's wording, then the staff's note marked as theirs; "" when not lowered."""
    if not (line.change_reason_code or line.change_reason):
        return ""
    with force_locale(lang):
        return reason_text(LINE_LOWERED.name, line.change_reason_code, line.change_reason)


def represent_order(order: Order, lang: str, records: PartRecords) -> dict:
    """``order`` as the API gives it, each part with its invoice and papers from ``records``
    (``records_of``)."""
    parts = []
    for part in order.seller_orders:
        invoice = records.invoices.get(part.id)
        parts.append(
            {
                "cooperative": {
                    "slug": part.cooperative.slug,
                    "name": localize(part.cooperative, "name", lang),
                },
                "status": str(part.status),
                "delivery_method": part.shipping_label_in(lang),
                "delivery_date": part.delivery_date,
                "carrier": part.carrier,
                "tracking_number": part.tracking_number,
                "shipped_at": part.shipped_at,
                "delivered_at": part.delivered_at,
                "goods_satang": part.goods_satang,
                "shipping_satang": part.shipping_satang,
                "lines": [_line(line, lang) for line in part.lines],
                "invoice": represent_invoice(invoice, lang, order.number) if invoice else None,
                "documents": [represent_document(d) for d in records.papers.get(part.id, [])],
            }
        )
    updated = max([order.updated_at, *(p.updated_at for p in order.seller_orders)])
    return {
        "number": order.number,
        "status": str(order.status),
        "approval": str(order.approval),
        "status_text": labels.order_status(order),
        "po_number": order.po_number,
        "note": order.note,
        "currency": "THB",
        "goods_satang": order.goods_satang,
        "shipping_satang": order.shipping_satang,
        "total_satang": order.total_satang,
        "placed_at": order.created_at,
        "updated_at": updated,
        "parts": parts,
    }


def represent_statement(partner: PartnerShop, lang: str) -> dict:
    statement = invoicing.statement(partner)
    position = credit_position(partner)
    on_terms = partner.payment_terms != PaymentTerms.PREPAID
    return {
        "as_of": statement.day,
        "currency": "THB",
        "balance_satang": statement.balance,
        "overdue_satang": statement.overdue,
        "invoiced_satang": statement.invoiced,
        "paid_satang": statement.paid,
        "credit_limit_satang": partner.credit_limit_satang,
        "credit_available_satang": position.available if on_terms else None,
        "payment_terms": str(partner.payment_terms),
        "ageing": statement.ageing,
        "open_invoices": [
            represent_invoice(
                invoice,
                lang,
                invoice.seller_order.order.number if invoice.seller_order else None,
            )
            for invoice in statement.invoices
            if invoice.balance_satang
        ],
    }
