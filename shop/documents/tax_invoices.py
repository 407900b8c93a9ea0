"""Full tax invoices (ใบกำกับภาษี, Revenue Code section 86/4), one per seller order.

Every field the section asks for: the words "ใบกำกับภาษี" prominently; the seller's name,
address and tax ID, and its head office or branch; the buyer's name and address, and its tax
ID and head office or branch when it has them; the serial number (TI-YYYY-NNNNNN, per
cooperative and Bangkok year); the date; the goods with quantity and value; the VAT shown apart
from the value of the goods. Thai, with English beside it.

Amounts are VAT-inclusive satang (retail and wholesale prices include VAT); the VAT is the 7/107
part of the total (``shop.core.money.vat_part``, as the cart, the order page and the settlement
compute it), or 0 for zero-rated export goods (section 80/1).

- Retail: the buyer asks at checkout or later on the order page (``request_tax_invoices``); the
  invoices are issued when the order is paid, or at once if it already is.
- Wholesale (shop.documents.wholesale, another module): ``issue_tax_invoice`` directly.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import partial

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shop.core.money import vat_part
from shop.documents.errors import AlreadyIssued, DocumentError, NotVatRegistered
from shop.documents.models import BuyerTaxDetails, Document, DocumentKind
from shop.documents.seller_of_record import HEAD_OFFICE, format_tax_id, is_valid_tax_id
from shop.documents.services import (
    document_of,
    issue_document,
    line_snapshots,
    render_tax_document,
    seller_snapshot,
)
from shop.extensions import db
from shop.orders.models import Order, SellerOrder, SellerOrderStatus

TAX_INVOICE_TEMPLATE = "documents/tax_invoice.html"
PDF_VARIANT = "pdf/a-3b"  # the archival PDF the e-Tax Invoice by Email scheme takes

# Seller orders whose money has arrived (retail): a tax invoice may be issued for them.
PAID_STATUSES = frozenset(
    {
        SellerOrderStatus.PAID,
        SellerOrderStatus.PACKING,
        SellerOrderStatus.SHIPPED,
        SellerOrderStatus.DELIVERED,
    }
)


@dataclass(frozen=True)
class BuyerDetails:
    """Who a tax invoice is made out to.

    ``name``: a company's registered name or a person's name; ``address``: one text, as it is
    to be printed; ``tax_id``: 13 digits (normalised by
    ``seller_of_record.normalise_tax_id``) or "" for a buyer without one; ``branch_code``:
    5 digits ("00000" head office) or "" (none printed; with a tax ID, taken as head office).
    """

    name: str
    address: str
    tax_id: str = ""
    branch_code: str = ""

    def checked(self) -> BuyerDetails:
        """These details, stripped, with a tax ID's branch defaulting to the head office.

        Raises DocumentError naming the field: no name, no address, a tax ID that fails the
        Revenue Department's check digit, a branch that is not 5 digits.
        """
        name, address = self.name.strip(), self.address.strip()
        tax_id, branch = self.tax_id.strip(), self.branch_code.strip()
        if not name:
            raise DocumentError(_l("Please enter the name the tax invoice is made out to."), "name")
        if not address:
            raise DocumentError(_l("Please enter the address for the tax invoice."), "address")
        if tax_id and not is_valid_tax_id(tax_id):
            raise DocumentError(
                _l("This is not a valid tax ID: 13 digits, the last one a check digit."), "tax_id"
            )
        if branch and not re.fullmatch(r"[0-9]{5}", branch):
            raise DocumentError(
                _l("A branch number has 5 digits; the head office is 00000."), "branch_code"
            )
        if tax_id and not branch:
            branch = HEAD_OFFICE
        return BuyerDetails(name=name, address=address, tax_id=tax_id, branch_code=branch)

    def printed(self) -> dict:
        """These details as the invoice's snapshot keeps them (the tax ID with its dashes)."""
        return {**asdict(self), "tax_id": format_tax_id(self.tax_id)}

    @classmethod
    def of(cls, row: BuyerTaxDetails) -> BuyerDetails:
        return cls(row.name, row.address, row.tax_id, row.branch_code)


def issues_tax_invoices(seller_order: SellerOrder) -> bool:
    """Whether the seller order's cooperative issues it a full tax invoice: VAT-registered when
    the order was placed, and still."""
    return seller_order.vat_registered and seller_order.cooperative.vat_registered


def tax_invoice_snapshot(
    seller_order: SellerOrder,
    buyer: BuyerDetails,
    zero_rated: bool,
    number: str,
    issued_at: datetime,
) -> dict:
    """Everything the tax invoice shows, as plain JSON (amounts in satang, VAT included in the
    line values; ``net_satang`` + ``vat_satang`` == ``total_satang``)."""
    order = seller_order.order
    total = seller_order.total_satang
    vat = 0 if zero_rated else vat_part(total)
    receipt = document_of(seller_order.id, DocumentKind.RECEIPT)
    return {
        "number": number,
        "issued_at": issued_at.isoformat(),
        "order_number": order.number,
        "po_number": order.po_number,
        "seller": seller_snapshot(seller_order.cooperative, vat_registered=True),
        "buyer": buyer.printed(),
        "lines": line_snapshots(seller_order),
        "shipping_name": seller_order.shipping_method_name,
        "shipping_name_th": seller_order.shipping_label_in("th"),
        "shipping_satang": seller_order.shipping_satang,
        "total_satang": total,
        "vat_rate_percent": 0 if zero_rated else 7,
        "vat_satang": vat,
        "net_satang": total - vat,
        "zero_rated": zero_rated,
        "replaces": receipt.number if receipt is not None and receipt.is_tax_invoice else "",
    }


def issue_tax_invoice(
    seller_order: SellerOrder, buyer_details: BuyerDetails, *, zero_rated: bool = False
) -> Document:
    """Issue the full tax invoice (TI-YYYY-NNNNNN) of one seller order, made out to
    ``buyer_details``; returns the stored Document (``.pdf``: PDF/A-3b bytes).

    A stable entry point for retail and wholesale alike. ``zero_rated``: export goods
    (Revenue Code s. 80/1), VAT at 0 %; otherwise the VAT is the 7/107 part of the seller
    order's VAT-inclusive total (goods + shipping). Issuing again for the same seller order and
    buyer returns the invoice already issued (nothing new is numbered); a seller order has one.
    Takes the cooperative's serial under a row lock: call it inside the transaction that
    commits the change, once; flushes, never commits. Does not check payment (a wholesale
    invoice may precede it); retail callers go through ``request_tax_invoices``.

    Raises NotVatRegistered when the seller order's cooperative was not VAT-registered when the
    order was placed; DocumentError (with ``field``) for buyer details ``BuyerDetails.checked``
    refuses; AlreadyIssued when an invoice for other buyer details exists (a correction is a
    credit note and a new order, never an edit).
    """
    if not issues_tax_invoices(seller_order):
        raise NotVatRegistered()
    buyer = buyer_details.checked()
    issued = document_of(seller_order.id, DocumentKind.TAX_INVOICE)
    if issued is not None:
        if issued.snapshot["buyer"] == buyer.printed():
            return issued
        raise AlreadyIssued()
    return issue_document(
        seller_order,
        DocumentKind.TAX_INVOICE,
        partial(tax_invoice_snapshot, seller_order, buyer, zero_rated),
        partial(render_tax_document, TAX_INVOICE_TEMPLATE, pdf_variant=PDF_VARIANT),
    )


def can_have_tax_invoice(order: Order) -> bool:
    """Whether any cooperative of this retail order issues tax invoices (was VAT-registered
    when the order was placed)."""
    return not order.is_wholesale and any(so.vat_registered for so in order.seller_orders)


def buyer_tax_details(order_id: int) -> BuyerTaxDetails | None:
    return db.session.scalars(
        select(BuyerTaxDetails).where(BuyerTaxDetails.order_id == order_id)
    ).one_or_none()


def issue_requested(order: Order) -> list[Document]:
    """Issue the tax invoices a paid retail order's buyer asked for and does not have yet:
    one per paid seller order of a VAT-registered cooperative. Nothing when none was asked
    for. Called with the receipts (``services.issue_receipts``), in the payment's transaction.
    """
    row = buyer_tax_details(order.id)
    if row is None or order.is_wholesale:
        return []
    details = BuyerDetails.of(row)
    issued = []
    for seller_order in sorted(order.seller_orders, key=lambda so: (so.cooperative_id, so.id)):
        if seller_order.status not in PAID_STATUSES or not issues_tax_invoices(seller_order):
            continue
        if document_of(seller_order.id, DocumentKind.TAX_INVOICE) is None:
            issued.append(issue_tax_invoice(seller_order, details))
    return issued


def request_tax_invoices(order: Order, buyer_details: BuyerDetails) -> list[Document]:
    """The buyer of a retail order asks for full tax invoices made out to ``buyer_details``:
    kept with the order (the details of a request not yet fulfilled may be replaced) and, for
    the seller orders already paid, issued now. Returns the invoices issued by this call
    (none for an unpaid order: they come with the payment). Flushes; the caller commits.

    Raises NotVatRegistered when no cooperative of the order is VAT-registered (they issue
    receipts only), AlreadyIssued when invoices were already issued for the order (an issued
    invoice is never changed), DocumentError (``field``) for details that fail the checks.
    """
    if not can_have_tax_invoice(order):
        raise NotVatRegistered(
            _l(
                "The cooperatives of this order are not VAT-registered: they issue receipts, "
                "not tax invoices."
            )
        )
    buyer = buyer_details.checked()
    already = [
        doc for so in order.seller_orders for doc in so.documents if doc.kind == "tax_invoice"
    ]
    if already:
        raise AlreadyIssued()
    row = buyer_tax_details(order.id)
    if row is None:
        row = BuyerTaxDetails(order_id=order.id)
        db.session.add(row)
    row.name, row.address = buyer.name, buyer.address
    row.tax_id, row.branch_code = buyer.tax_id, buyer.branch_code
    db.session.flush()
    return issue_requested(order)
