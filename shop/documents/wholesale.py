"""A partner's wholesale papers (issue 10): the proforma invoice it pays against, and the
commercial invoice and packing list the goods cross the border to Kawthaung with.

Each is one cooperative's document (its seller order), numbered in the cooperative's own series
(PF-, CI-, PL-YYYY-NNNNNN, shop.documents.services.next_serial), rendered once from a snapshot
and stored. Printed in Burmese, English and Thai, one language first: the proforma in the
partner's (or the requesting member's) language, the customs papers in English.

- The proforma is issued when first asked for, from the order as it stands. When the order
  changes afterwards (a cooperative lowers a quantity on confirming), the next request issues
  a new proforma naming the one it replaces; the old one stays downloadable, unchanged. It is no
  tax document (see docs/decisions.md).
- The commercial invoice and packing list are issued when the cooperative confirms its part
  (shop.wholesale.invoicing.confirm), with the Incoterm and named place it chose (by default its
  delivery method's).

Amounts are satang; weights grams; days Asia/Bangkok. Services flush; the caller commits.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from shop.documents.export_snapshot import (  # noqa: F401 - LANGUAGES, thb: for the views
    LANGUAGES,
    ExportTerms,
    content_of,
    render,
    snapshot,
    thb,
)
from shop.documents.models import Document, DocumentKind
from shop.documents.services import issue_document
from shop.extensions import db
from shop.orders.models import Order, SellerOrder, SellerOrderStatus
from shop.pricing.models import ShippingMethod
from shop.wholesale.models import PartnerShop
from shop.wholesale.regions import region_name

INCOTERMS = ("EXW", "FCA", "CPT", "DAP", "FOB", "CFR")
DEFAULT_INCOTERM = ("FCA", "Ranong")
# Seller orders whose proforma may be asked for: placed and not yet paid, cancelled or sent.
PROFORMA_STATES = (
    SellerOrderStatus.AWAITING_APPROVAL,
    SellerOrderStatus.TO_CONFIRM,
    SellerOrderStatus.CONFIRMED,
)


class ExportPapersError(Exception):
    """A paper that cannot be issued for this order now; ``message`` says why (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def default_terms(seller_order: SellerOrder) -> ExportTerms:
    """The Incoterm and place of the part's delivery method, else FCA Ranong (the partner's
    carrier takes the goods at the cooperative)."""
    method = (
        db.session.get(ShippingMethod, seller_order.shipping_method_id)
        if seller_order.shipping_method_id
        else None
    )
    if method is not None and method.incoterm in INCOTERMS:
        return ExportTerms(method.incoterm, method.incoterm_place or DEFAULT_INCOTERM[1])
    return ExportTerms(*DEFAULT_INCOTERM)


# --- issuing -------------------------------------------------------------------------------


def _issue(
    seller_order: SellerOrder,
    kind: DocumentKind,
    first_language: str,
    terms: ExportTerms | None = None,
    replaces: str | None = None,
) -> Document:
    def build(number: str, issued_at: datetime) -> dict:
        doc = snapshot(seller_order, kind, number, issued_at, first_language, terms)
        doc["replaces"] = replaces
        return doc

    return issue_document(seller_order, kind, build, render)


def papers_of(seller_order_id: int, kind: DocumentKind) -> list[Document]:
    """The part's documents of ``kind``, oldest first (PDF bytes not loaded)."""
    return list(
        db.session.scalars(
            select(Document)
            .where(Document.seller_order_id == seller_order_id, Document.kind == kind)
            .order_by(Document.id)
        )
    )


def may_have_proforma(seller_order: SellerOrder) -> bool:
    """Whether a proforma can be asked for: a wholesale part placed and not yet paid, sent or
    cancelled (on a confirmed part, while its invoice is open)."""
    if seller_order.order.partner_shop_id is None or seller_order.status not in PROFORMA_STATES:
        return False
    if seller_order.status == SellerOrderStatus.CONFIRMED:
        from shop.wholesale.invoicing import invoice_of
        from shop.wholesale.models import InvoiceStatus

        invoice = invoice_of(seller_order)
        return invoice is not None and invoice.status == InvoiceStatus.OPEN
    return True


def proforma(seller_order: SellerOrder, first_language: str) -> Document:
    """The part's current proforma: the stored one when the order has not changed since it
    was issued, else a new one (naming the one it replaces) in ``first_language`` first.

    The seller order's row is locked first, so two requests at once issue one proforma.
    Raises ExportPapersError when the part is no wholesale order waiting for payment.
    """
    from flask_babel import lazy_gettext as _l

    from shop.wholesale.invoicing import lock_seller_order  # it imports this module

    seller_order = lock_seller_order(seller_order)
    if not may_have_proforma(seller_order):
        raise ExportPapersError(
            _l("A proforma invoice is only issued for an order that is still to be paid.")
        )
    issued = papers_of(seller_order.id, DocumentKind.PROFORMA)
    latest = issued[-1] if issued else None
    if latest is not None and latest.snapshot.get("content") == content_of(seller_order):
        return latest
    return _issue(
        seller_order,
        DocumentKind.PROFORMA,
        first_language,
        replaces=latest.number if latest else None,
    )


def issue_export_papers(
    seller_order: SellerOrder, terms: ExportTerms | None = None
) -> tuple[Document, Document]:
    """Issue the commercial invoice and the packing list of a confirmed wholesale part (in the
    confirming transaction); returns both. Issued once: a second call returns the ones issued.
    ``terms`` default to the delivery method's (``default_terms``)."""
    have = {
        kind: papers_of(seller_order.id, kind)
        for kind in (DocumentKind.COMMERCIAL_INVOICE, DocumentKind.PACKING_LIST)
    }
    terms = terms or default_terms(seller_order)
    papers = []
    for kind, existing in have.items():
        papers.append(existing[0] if existing else _issue(seller_order, kind, "en", terms))
    return papers[0], papers[1]


def partner_address(partner: PartnerShop) -> str:
    """The partner's address as one text, in English (the tax invoice's second language)."""
    parts = [
        partner.address_line,
        partner.ward,
        " ".join(p for p in (partner.township, partner.postcode) if p),
        region_name(partner.region, "en"),
        "Myanmar" if partner.country == "MM" else partner.country,
    ]
    return ", ".join(p for p in parts if p)


def issue_partner_tax_invoice(seller_order: SellerOrder) -> Document | None:
    """The partner's full tax invoice of a confirmed part, from a VAT-registered cooperative:
    zero-rated (VAT 0 %, Revenue Code s. 80/1) for a partner abroad, as export goods. Returns
    None from a cooperative that issues no tax invoices (not VAT-registered when the order was
    placed). Issued once (shop.documents.tax_invoices.issue_tax_invoice)."""
    from shop.documents.tax_invoices import BuyerDetails, issue_tax_invoice, issues_tax_invoices

    if not issues_tax_invoices(seller_order):
        return None
    partner = db.session.get(PartnerShop, seller_order.order.partner_shop_id)
    buyer = BuyerDetails(name=partner.name, address=partner_address(partner))
    return issue_tax_invoice(seller_order, buyer, zero_rated=partner.country != "TH")


# --- who may open them -----------------------------------------------------------------------


def partners_document(partner_id: int, document_id: int) -> Document | None:
    """The document ``document_id`` if it belongs to one of the partner's orders."""
    return db.session.scalars(
        select(Document)
        .join(SellerOrder, Document.seller_order_id == SellerOrder.id)
        .join(Order, SellerOrder.order_id == Order.id)
        .where(Document.id == document_id, Order.partner_shop_id == partner_id)
    ).one_or_none()


PAPER_KINDS = (
    DocumentKind.PROFORMA,
    DocumentKind.TAX_INVOICE,
    DocumentKind.COMMERCIAL_INVOICE,
    DocumentKind.PACKING_LIST,
)


def papers_by_part(order: Order) -> dict[int, list[Document]]:
    """The wholesale papers of each seller order of ``order`` (``papers_of_parts``)."""
    return papers_of_parts([so.id for so in order.seller_orders])


def papers_of_parts(seller_order_ids: list[int]) -> dict[int, list[Document]]:
    """The wholesale papers of each of these seller orders (by seller order id), in one query
    and in PAPER_KINDS order: the current proforma (the latest), the tax invoice, the
    commercial invoice and packing list. Their PDFs are not loaded."""
    found: dict[int, list[Document]] = {part_id: [] for part_id in seller_order_ids}
    if not seller_order_ids:
        return found
    rows = db.session.scalars(
        select(Document)
        .where(Document.seller_order_id.in_(seller_order_ids), Document.kind.in_(PAPER_KINDS))
        .order_by(Document.id)
    ).all()
    for document in rows:
        own = found[document.seller_order_id]
        if document.kind == DocumentKind.PROFORMA:
            own[:] = [d for d in own if d.kind != DocumentKind.PROFORMA]
        own.append(document)
    for own in found.values():
        own.sort(key=lambda d: PAPER_KINDS.index(d.kind))
    return found
