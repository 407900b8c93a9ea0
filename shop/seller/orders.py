"""Seller backend: the cooperative's orders (routes on the seller blueprint).

Every seller order is looked up with the current cooperative's id: another cooperative's id
answers 404 on every route, and nothing changes.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_cooperative, staff_required
from shop.core.csv_export import csv_stream
from shop.core.pagination import requested_cursors
from shop.extensions import db
from shop.orders import fulfilment
from shop.orders.fulfilment import FulfilmentError, OrderFilter
from shop.orders.models import SellerOrder, SellerOrderStatus
from shop.payments import refunds
from shop.seller.order_forms import CancelForm, ExportForm, OrderFilterForm, ShipForm, StepForm
from shop.seller.views import bp
from shop.seller.wholesale_orders import ConfirmForm
from shop.wholesale import invoicing


def _own_or_404(seller_order_id: int) -> SellerOrder:
    found = fulfilment.seller_order_of(current_cooperative().id, seller_order_id)
    if found is None:
        abort(404)
    return found


@bp.get("/orders")
@staff_required
def orders():
    cooperative = current_cooperative()
    form = OrderFilterForm(request.args)
    wanted = OrderFilter()
    if form.validate():
        wanted = OrderFilter(
            status=SellerOrderStatus(form.status.data) if form.status.data else None,
            date_from=form.date_from.data,
            date_to=form.date_to.data,
            search=form.q.data or "",
        )
    return render_template(
        "seller/orders/list.html",
        cooperative=cooperative,
        form=form,
        export_form=ExportForm(request.args),
        found=fulfilment.list_seller_orders(cooperative.id, wanted, *requested_cursors()),
        to_pack=fulfilment.count_to_pack(cooperative.id),
    )


def _detail(
    seller_order: SellerOrder,
    ship_form: ShipForm | None = None,
    status: int = 200,
    cancel_form: CancelForm | None = None,
    confirm_form: ConfirmForm | None = None,
):
    order = seller_order.order
    return (
        render_template(
            "seller/orders/detail.html",
            cooperative=current_cooperative(),
            so=seller_order,
            order=order,
            payment=fulfilment.received_payment(order),
            ship_form=ship_form
            or ShipForm(formdata=None, carrier=fulfilment.suggested_carrier(seller_order)),
            step_form=StepForm(),
            cancel_form=cancel_form or CancelForm(formdata=None),
            can_cancel=seller_order.status in fulfilment.CANCELLABLE,
            refund=fulfilment.cancel_preview(seller_order),
            unsent_refunds=refunds.pending_refunds_of(seller_order.id),
            may_pack=invoicing.may_pack(seller_order),
            confirm_form=confirm_form or ConfirmForm(formdata=None),
        ),
        status,
    )


@bp.get("/orders/<int:seller_order_id>")
@staff_required
def order_detail(seller_order_id: int):
    return _detail(_own_or_404(seller_order_id))


@bp.get("/orders/<int:seller_order_id>/packing-slip")
@staff_required
def packing_slip(seller_order_id: int):
    seller_order = _own_or_404(seller_order_id)
    return render_template(
        "seller/orders/packing_slip.html",
        cooperative=current_cooperative(),
        so=seller_order,
        order=seller_order.order,
    )


def _back(seller_order: SellerOrder):
    return redirect(url_for("seller.order_detail", seller_order_id=seller_order.id))


def _refused(seller_order: SellerOrder, exc: FulfilmentError):
    db.session.rollback()
    flash(str(exc.message), "error")
    return _back(seller_order)


@bp.post("/orders/<int:seller_order_id>/pack")
@staff_required
def order_pack(seller_order_id: int):
    seller_order = _own_or_404(seller_order_id)
    try:
        fulfilment.start_packing(seller_order, actor_id=current_user.id)
    except FulfilmentError as exc:
        return _refused(seller_order, exc)
    db.session.commit()
    flash(_("Order %(number)s is being packed.", number=seller_order.order.number), "success")
    return _back(seller_order)


@bp.post("/orders/<int:seller_order_id>/ship")
@staff_required
def order_ship(seller_order_id: int):
    seller_order = _own_or_404(seller_order_id)
    form = ShipForm()
    if not form.validate():
        return _detail(seller_order, form, 400)
    try:
        fulfilment.ship(
            seller_order, form.carrier.data, form.tracking_number.data, actor_id=current_user.id
        )
    except FulfilmentError as exc:
        return _refused(seller_order, exc)
    db.session.commit()
    flash(
        _("Order %(number)s is shipped; the buyer was mailed.", number=seller_order.order.number),
        "success",
    )
    return _back(seller_order)


@bp.post("/orders/<int:seller_order_id>/deliver")
@staff_required
def order_deliver(seller_order_id: int):
    seller_order = _own_or_404(seller_order_id)
    try:
        fulfilment.mark_delivered(seller_order, actor_id=current_user.id)
    except FulfilmentError as exc:
        return _refused(seller_order, exc)
    db.session.commit()
    flash(_("Order %(number)s is delivered.", number=seller_order.order.number), "success")
    return _back(seller_order)


@bp.post("/orders/<int:seller_order_id>/cancel")
@staff_required
def order_cancel(seller_order_id: int):
    seller_order = _own_or_404(seller_order_id)
    form = CancelForm()
    if not form.validate():
        return _detail(seller_order, status=422, cancel_form=form)
    try:
        refunded = fulfilment.cancel_and_refund(
            seller_order, actor_id=current_user.id, reason=form.given()
        )
    except FulfilmentError as exc:
        return _refused(seller_order, exc)
    db.session.commit()
    if refunded is None:
        flash(_("This order was already cancelled."), "info")
        return _back(seller_order)
    number = seller_order.order.number
    sent = refunds.send(refunded.to_send)
    done = _("Order %(number)s is cancelled and its stock returned.", number=number)
    if warning := refunds.unsent_warning(sent):
        flash(done, "success")
        flash(warning, "error")
    else:
        flash(done + " " + refunded.sentence(), "success")
    return _back(seller_order)


@bp.post("/orders/<int:seller_order_id>/refunds/send")
@staff_required
def order_send_refunds(seller_order_id: int):
    """Send again the order's card refunds that Stripe has not accepted yet."""
    seller_order = _own_or_404(seller_order_id)
    pending = [refund.id for refund in refunds.pending_refunds_of(seller_order.id)]
    db.session.commit()
    sent = refunds.send(pending)
    if warning := refunds.unsent_warning(sent):
        flash(warning, "error")
    elif sent:
        flash(_("Stripe accepted the refund."), "success")
    return redirect(url_for("seller.order_detail", seller_order_id=seller_order_id))


@bp.get("/orders/export.csv")
@staff_required
def orders_export():
    cooperative = current_cooperative()
    form = ExportForm(request.args)
    if not form.validate():
        flash(str(next(iter(form.errors.values()))[0]), "error")
        return redirect(url_for("seller.orders"))
    rows = fulfilment.export_rows(cooperative.id, form.date_from.data, form.date_to.data)
    first = form.date_from.data.isoformat() if form.date_from.data else "start"
    last = form.date_to.data.isoformat() if form.date_to.data else "today"
    name = f"orders-{cooperative.slug}-{first}-{last}.csv"
    return csv_stream(rows, name)
