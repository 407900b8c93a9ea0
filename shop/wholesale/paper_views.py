"""A partner's wholesale papers (routes on the wholesale blueprint): the proforma invoice of
each cooperative's part of its order, and the stored papers (commercial invoice, packing list,
earlier proformas). Only the partner's own members open them; anything else answers 404."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _

from shop.core.db import write_transaction
from shop.core.i18n import current_language
from shop.documents import wholesale as papers
from shop.documents.models import Document, DocumentKind
from shop.documents.views import pdf_response
from shop.extensions import db
from shop.wholesale.access import account_holder, account_holder_required
from shop.wholesale.orders import order_of_partner
from shop.wholesale.views import bp


@bp.app_template_global()
def paper_name(document: Document) -> str:
    """A wholesale paper's link text in the reader's language, with its number."""
    if document.kind == DocumentKind.PROFORMA:
        return _("Proforma invoice %(number)s (PDF)", number=document.number)
    if document.kind == DocumentKind.COMMERCIAL_INVOICE:
        return _("Commercial invoice %(number)s (PDF)", number=document.number)
    if document.kind == DocumentKind.TAX_INVOICE:
        return _("Tax invoice %(number)s (PDF)", number=document.number)
    if document.kind == DocumentKind.PACKING_LIST:
        return _("Packing list %(number)s (PDF)", number=document.number)
    return _("Document %(number)s (PDF)", number=document.number)


def proforma_language(partner) -> str:
    """The language a proforma asked for now is printed in first: the reader's, when it is one
    of the papers' languages, else the partner's."""
    lang = current_language()
    return lang if lang in papers.LANGUAGES else partner.preferred_language


@bp.get("/orders/<number>/parts/<int:seller_order_id>/proforma")
@account_holder_required
def proforma(number: str, seller_order_id: int):
    """The part's current proforma (issued now if the order has none, or changed since)."""
    partner = account_holder()
    order = order_of_partner(partner.id, number) or abort(404)
    part = next((so for so in order.seller_orders if so.id == seller_order_id), None)
    if part is None:
        abort(404)
    try:
        with write_transaction(db.session):
            document_id = papers.proforma(part, proforma_language(partner)).id
    except papers.ExportPapersError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("wholesale.order_detail", number=number))
    return pdf_response(db.session.get(Document, document_id))


@bp.get("/documents/<int:document_id>")
@account_holder_required
def document(document_id: int):
    return pdf_response(papers.partners_document(account_holder().id, document_id))
