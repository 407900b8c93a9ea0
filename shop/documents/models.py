"""Issued documents and their number series."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from shop.core.db import UTCDateTime, utcnow, value_enum
from shop.extensions import db
from shop.orders.models import SellerOrder


class DocumentKind(enum.StrEnum):
    # A receipt for a paid retail seller order: an abbreviated tax invoice as well when the
    # cooperative was VAT-registered when it was issued (the snapshot says which).
    RECEIPT = "receipt"
    # A full tax invoice (Revenue Code s. 86/4) naming the buyer: a retail buyer's on request,
    # a wholesale partner's always (shop.documents.tax_invoices.issue_tax_invoice).
    TAX_INVOICE = "tax_invoice"
    # A credit note (s. 86/10) when money or goods go back after a receipt or tax invoice was
    # issued; a seller order may have several.
    CREDIT_NOTE = "credit_note"
    # Wholesale export papers (shop.documents.wholesale): a proforma invoice to pay against (a
    # new one, naming the one it replaces, when the order changed since), and the commercial
    # invoice and packing list issued when the cooperative confirms its part.
    PROFORMA = "proforma"
    COMMERCIAL_INVOICE = "commercial_invoice"
    PACKING_LIST = "packing_list"


PREFIXES = {
    DocumentKind.RECEIPT: "RC",
    DocumentKind.TAX_INVOICE: "TI",
    DocumentKind.CREDIT_NOTE: "CN",
    DocumentKind.PROFORMA: "PF",
    DocumentKind.COMMERCIAL_INVOICE: "CI",
    DocumentKind.PACKING_LIST: "PL",
}


class DocumentCounter(db.Model):
    """The last serial number a cooperative issued of a kind in a year (Asia/Bangkok year).

    Taken under a row lock in the issuing transaction, so a rolled-back issue gives its number
    back and two issues at once get consecutive numbers.
    """

    __table_args__ = (UniqueConstraint("cooperative_id", "kind", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"))
    kind: Mapped[DocumentKind] = mapped_column(value_enum(DocumentKind, "document_kind"))
    year: Mapped[int]
    last_serial: Mapped[int] = mapped_column(default=0)


class Document(db.Model):
    """An issued document: its number, the snapshot it was rendered from and the PDF bytes."""

    __table_args__ = (
        UniqueConstraint("cooperative_id", "kind", "year", "serial"),
        # One receipt and one tax invoice per seller order; credit notes as many as refunds,
        # proformas as many as revisions.
        Index(
            "uq_document_seller_order_id_kind",
            "seller_order_id",
            "kind",
            unique=True,
            sqlite_where=db.text("kind NOT IN ('credit_note', 'proforma')"),
            postgresql_where=db.text("kind NOT IN ('credit_note', 'proforma')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    seller_order_id: Mapped[int | None] = mapped_column(ForeignKey("seller_order.id"))
    kind: Mapped[DocumentKind] = mapped_column(value_enum(DocumentKind, "document_kind"))
    year: Mapped[int]
    serial: Mapped[int]
    number: Mapped[str] = mapped_column(String(30))  # "RC-2026-000001"
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    snapshot: Mapped[dict] = mapped_column(JSON)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))

    # ``seller_order.documents``: the order page lists them without a query of its own.
    seller_order: Mapped[SellerOrder | None] = relationship(
        backref=backref("documents", order_by="Document.id")
    )

    @property
    def is_tax_invoice(self) -> bool:
        """A full tax invoice, or a receipt that is an abbreviated one (VAT-registered seller)."""
        return bool(self.snapshot.get("seller", {}).get("vat_registered"))

    @property
    def filename(self) -> str:
        return f"{self.number}.pdf"


class BuyerTaxDetails(db.Model):
    """The buyer a retail order's full tax invoices name (Revenue Code s. 86/4): asked for at
    checkout or afterwards from the order page. ``tax_id`` is 13 digits or empty (a person
    without one), ``branch_code`` five digits or empty."""

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(String(500))
    tax_id: Mapped[str] = mapped_column(String(13), default="")
    branch_code: Mapped[str] = mapped_column(String(5), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
