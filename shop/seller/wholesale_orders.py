"""Seller backend: a cooperative confirms its part of a partner's wholesale order (routes on
the seller blueprint): it may lower quantities it cannot deliver, with a reason, and sets the
delivery date and the Incoterm of the export papers; the partner is invoiced then
(shop.wholesale.invoicing). Also the part's proforma invoice (shop.documents.wholesale)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from shop.accounts.access import current_cooperative, staff_required
from shop.core.db import write_transaction
from shop.core.fields import DateField
from shop.core.forms import ShopForm, at_most
from shop.core.numbers import parse_whole_number
from shop.documents import wholesale as papers
from shop.documents.models import Document
from shop.documents.views import pdf_response
from shop.extensions import db
from shop.orders import fulfilment
from shop.seller.views import bp
from shop.wholesale import invoicing
from shop.wholesale.reasons import LINE_LOWERED


class ConfirmForm(ShopForm):
    """The delivery date; each line's quantity, reason and note are posted as
    ``quantity-<line id>``, ``reason-<line id>`` (a code of wholesale.reasons.LINE_LOWERED or
    ``other``, checked by the service) and ``note-<line id>``."""

    delivery_date = DateField(
        _l("Delivery date"), [InputRequired(_l("Please choose the delivery date."))]
    )
    incoterm = SelectField(
        _l("Incoterm on the export papers"),
        choices=[SelectChoice(term, term) for term in papers.INCOTERMS],
        validators=[Optional()],
        validate_choice=True,
    )
    incoterm_place = StringField(
        _l("Named place"),
        validators=[at_most(80)],
        description=_l(
            "Where the goods pass to the partner, e.g. Ranong (FCA) or Kawthaung (DAP)."
        ),
    )

    def export_terms(self, seller_order) -> papers.ExportTerms:
        """The Incoterm and place chosen, each defaulting to the delivery method's."""
        default = papers.default_terms(seller_order)
        return papers.ExportTerms(
            self.incoterm.data or default.incoterm,
            (self.incoterm_place.data or "").strip() or default.place,
        )


@bp.app_template_global()
def default_export_terms(seller_order) -> papers.ExportTerms:
    return papers.default_terms(seller_order)


def _changes(seller_order) -> dict[int, invoicing.LineChange]:
    """The quantities and reasons posted per line; a quantity that is no whole number is None
    (refused by the service with the line's SKU)."""
    changes = {}
    for line in seller_order.lines:
        text = request.form.get(f"quantity-{line.id}", "").strip()
        if not text:
            continue
        try:
            quantity = parse_whole_number(text)
        except ValueError:
            quantity = None  # refused by the service, with the line's SKU
        changes[line.id] = invoicing.LineChange(
            quantity,
            request.form.get(f"reason-{line.id}", ""),
            request.form.get(f"note-{line.id}", ""),
        )
    return changes


@bp.app_template_global()
def line_lowered_reasons() -> list[tuple[str, str]]:
    """(code, wording) of the reasons for a lowered line, in the staff's language."""
    return LINE_LOWERED.choices()


@bp.post("/orders/<int:seller_order_id>/confirm")
@staff_required
def order_confirm(seller_order_id: int):
    from shop.seller.orders import _detail

    seller_order = fulfilment.seller_order_of(current_cooperative().id, seller_order_id)
    if seller_order is None:
        abort(404)
    form = ConfirmForm()
    if not form.validate():
        return _detail(seller_order, status=422, confirm_form=form)
    try:
        invoice = invoicing.confirm(
            seller_order,
            _changes(seller_order),
            form.delivery_date.data,
            actor_id=current_user.id,
            export_terms=form.export_terms(seller_order),
        )
    except invoicing.InvoicingError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return _detail(seller_order, status=422, confirm_form=form)
    db.session.commit()
    flash(
        _("Confirmed; the partner was invoiced (%(invoice)s) and mailed.", invoice=invoice.number)
        if invoice
        else _("Nothing of this part can be delivered: it is cancelled and the partner mailed."),
        "success",
    )
    return redirect(url_for("seller.order_detail", seller_order_id=seller_order.id))


@bp.get("/orders/<int:seller_order_id>/proforma")
@staff_required
def order_proforma(seller_order_id: int):
    """The current proforma of a wholesale part of the cooperative (issued now if the order
    has none, or changed since), in the partner's language first."""
    seller_order = fulfilment.seller_order_of(current_cooperative().id, seller_order_id)
    if seller_order is None or seller_order.order.partner_shop_id is None:
        abort(404)
    language = seller_order.order.partner_shop.preferred_language
    try:
        with write_transaction(db.session):
            document_id = papers.proforma(seller_order, language).id
    except papers.ExportPapersError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("seller.order_detail", seller_order_id=seller_order_id))
    return pdf_response(db.session.get(Document, document_id))
