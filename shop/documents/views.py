"""Downloading issued documents: the buyer by the order's token, the issuing cooperative's
staff, the platform's admins. Anything else answers 404, never someone else's document."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from shop.accounts.access import admin_required, current_cooperative, staff_required
from shop.documents import services
from shop.documents.models import Document
from shop.extensions import db

bp = Blueprint("documents", __name__)


def _pdf(document: Document | None) -> Response:
    if document is None:
        abort(404)
    response = Response(document.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{document.filename}"'
    return response


@bp.get("/orders/<token>/documents/<int:document_id>")
def buyer_document(token: str, document_id: int):
    return _pdf(services.buyers_document(token, document_id))


@bp.get("/seller/documents/<int:document_id>")
@staff_required
def seller_document(document_id: int):
    return _pdf(services.cooperatives_document(current_cooperative().id, document_id))


@bp.get("/admin/documents/<int:document_id>")
@admin_required
def admin_document(document_id: int):
    return _pdf(db.session.get(Document, document_id))
