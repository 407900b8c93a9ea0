"""Downloading issued documents: the buyer by the order's token, the issuing cooperative's
staff, the platform's admins. Anything else answers 404, never someone else's document.
And the buyer's request for a full tax invoice from the order page."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, url_for
from flask_babel import gettext as _

from shop.accounts.access import admin_required, current_cooperative, staff_required
from shop.documents import services, tax_invoices
from shop.documents.errors import DocumentError
from shop.documents.forms import TaxInvoiceRequestForm
from shop.documents.models import Document, DocumentKind
from shop.extensions import db

bp = Blueprint("documents", __name__)


def pdf_response(document: Document | None) -> Response:
    """The stored PDF, shown in the browser; 404 for None. Never cached by a shared cache (a
    tax invoice names its buyer)."""
    if document is None:
        abort(404)
    response = Response(document.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{document.filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/orders/<token>/documents/<int:document_id>")
def buyer_document(token: str, document_id: int):
    return pdf_response(services.buyers_document(token, document_id))


@bp.get("/seller/documents/<int:document_id>")
@staff_required
def seller_document(document_id: int):
    return pdf_response(services.cooperatives_document(current_cooperative().id, document_id))


@bp.get("/admin/documents/<int:document_id>")
@admin_required
def admin_document(document_id: int):
    return pdf_response(db.session.get(Document, document_id))


@bp.post("/orders/<token>/tax-invoice")
def request_tax_invoice(token: str):
    """The buyer asks for full tax invoices from the order page: issued at once for a paid
    order, with the payment for an unpaid one. Bad details re-render the page with messages."""
    from shop.orders import services as orders
    from shop.orders.views import order_page

    order = orders.order_by_token(token) or abort(404)
    form = TaxInvoiceRequestForm()
    if not form.validate():
        return order_page(order, tax_form=form), 400
    try:
        issued = tax_invoices.request_tax_invoices(order, form.buyer_details())
    except DocumentError as exc:
        db.session.rollback()
        if exc.field and exc.field in form:
            form[exc.field].errors = [*form[exc.field].errors, exc.message]
            return order_page(order, tax_form=form), 400
        flash(str(exc.message), "error")
        return redirect(url_for("orders.detail", token=token))
    db.session.commit()
    if issued:
        flash(_("Your tax invoice is ready: download it below."), "success")
    else:
        flash(_("Thank you: your tax invoice is issued when the payment arrives."), "success")
    return redirect(url_for("orders.detail", token=token))


def document_title(document: Document) -> str:
    """The link text of a document on the order pages: its kind and number, "(PDF)"."""
    if document.kind == DocumentKind.TAX_INVOICE:
        return _("Tax invoice %(number)s (PDF)", number=document.number)
    if document.kind == DocumentKind.CREDIT_NOTE:
        return _("Credit note %(number)s (PDF)", number=document.number)
    if document.is_tax_invoice:
        return _("Abbreviated tax invoice %(number)s (PDF)", number=document.number)
    return _("Receipt %(number)s (PDF)", number=document.number)


bp.add_app_template_global(document_title, "document_title")
