"""Seller backend: a cooperative confirms its part of a partner's wholesale order (routes on
the seller blueprint): it may lower quantities it cannot deliver, with a reason, and sets the
delivery date; the partner is invoiced then (shop.wholesale.invoicing)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.validators import InputRequired

from shop.accounts.access import current_cooperative, staff_required
from shop.core.fields import DateField
from shop.core.forms import ShopForm
from shop.core.numbers import parse_whole_number
from shop.extensions import db
from shop.orders import fulfilment
from shop.seller.views import bp
from shop.wholesale import invoicing


class ConfirmForm(ShopForm):
    """The delivery date; each line's quantity and reason are posted as ``quantity-<line id>``
    and ``reason-<line id>``."""

    delivery_date = DateField(
        _l("Delivery date"), [InputRequired(_l("Please choose the delivery date."))]
    )


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
        changes[line.id] = invoicing.LineChange(quantity, request.form.get(f"reason-{line.id}", ""))
    return changes


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
            seller_order, _changes(seller_order), form.delivery_date.data, actor_id=current_user.id
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
