"""The platform admin's wholesale money pages (/admin/wholesale): orders waiting for credit
approval, partners' transfer slips to check, payments recorded against invoices, and what
each partner owes (with its ageing)."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from shop.accounts.access import admin_required
from shop.core.days import today
from shop.core.forms import ShopForm
from shop.core.images import slip_response
from shop.core.money import baht_to_satang
from shop.core.numbers import ascii_digits
from shop.core.reasons import ReasonFields
from shop.extensions import db
from shop.orders.models import Order
from shop.platform.views import bp
from shop.wholesale import invoicing, orders
from shop.wholesale.forms import DecisionForm
from shop.wholesale.models import PartnerPayment, PartnerShop, PartnerShopStatus
from shop.wholesale.reasons import PARTNER_SLIP_REJECTION


class SlipRejectForm(ReasonFields, ShopForm):
    """Why the office rejects a partner's slip: a common reason, which the partner reads in its
    own language, and an optional note in the office's words. One per slip on the page, its
    fields named after the slip (``reject-<payment id>-reason``)."""

    reason_list = PARTNER_SLIP_REJECTION


def _slip_form(payment_id: int, formdata=None) -> SlipRejectForm:
    """The rejection form of one slip: as posted, or empty (``formdata`` None)."""
    return SlipRejectForm(prefix=f"reject-{payment_id}", formdata=formdata)


def _decline_form(order_id: int, formdata=None) -> DecisionForm:
    """The decline form of one waiting order: as posted, or empty (``formdata`` None). Its
    fields are named after the order (``decline-<order id>-reason``)."""
    return DecisionForm(prefix=f"decline-{order_id}", formdata=formdata)


def _back():
    return redirect(url_for("platform.wholesale_approvals"))


@bp.get("/wholesale")
@admin_required
def wholesale_approvals():
    return _approvals_page()


def _approvals_page(
    status: int = 200,
    refused_slip: tuple[int, SlipRejectForm] | None = None,
    refused_decline: tuple[int, DecisionForm] | None = None,
):
    """The office's wholesale page; ``refused_slip`` and ``refused_decline``: (payment or
    order id, its form as refused), shown with what was chosen and typed."""
    partners = db.session.scalars(
        select(PartnerShop)
        .where(PartnerShop.status.in_([PartnerShopStatus.APPROVED, PartnerShopStatus.SUSPENDED]))
        .order_by(PartnerShop.name)
    ).all()
    waiting = orders.waiting_for_platform()
    decline_forms = {o.id: _decline_form(o.id) for o in waiting}
    if refused_decline is not None:
        decline_forms[refused_decline[0]] = refused_decline[1]
    slips = invoicing.slips_to_check()
    slip_forms = {p.id: _slip_form(p.id) for p in slips}
    if refused_slip is not None:
        slip_forms[refused_slip[0]] = refused_slip[1]
    return render_template(
        "platform/wholesale.html",
        waiting=waiting,
        positions={
            o.id: orders.credit_position(o.partner_shop, excluding_order_id=o.id) for o in waiting
        },
        slips=slips,
        reused=invoicing.same_pictures(slips),
        slip_forms=slip_forms,
        statements=invoicing.statements(list(partners)),
        buckets=invoicing.AGEING_BUCKETS,
        today=today(),
        decline_forms=decline_forms,
    ), status


@bp.post("/wholesale/orders/<number>/<any(approve, decline):decision>")
@admin_required
def wholesale_decide(number: str, decision: str):
    order = db.session.scalars(select(Order).where(Order.number == number)).first() or abort(404)
    try:
        if decision == "approve":
            orders.approve(order, actor=current_user, as_platform=True)
            message = _("Approved: the cooperatives now confirm order %(number)s.", number=number)
        else:
            form = _decline_form(order.id, formdata=request.form)
            if not form.validate():
                return _approvals_page(status=422, refused_decline=(order.id, form))
            orders.decline(order, actor=current_user, reason=form.given(), as_platform=True)
            message = _("Order %(number)s was declined and cancelled.", number=number)
        db.session.commit()
    except orders.WholesaleOrderError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return _back()
    flash(message, "success")
    return _back()


def _slip_or_404(payment_id: int) -> PartnerPayment:
    return db.session.get(PartnerPayment, payment_id) or abort(404)


@bp.get("/wholesale/slips/<int:payment_id>")
@admin_required
def wholesale_slip(payment_id: int):
    return slip_response(_slip_or_404(payment_id).slip_stem)


@bp.post("/wholesale/slips/<int:payment_id>/<any(accept, reject):decision>")
@admin_required
def wholesale_check_slip(payment_id: int, decision: str):
    payment = _slip_or_404(payment_id)
    reason = ("", "")
    if decision == "reject":
        form = _slip_form(payment.id, formdata=request.form)
        if not form.validate():
            return _approvals_page(status=422, refused_slip=(payment.id, form))
        reason = form.given()
    try:
        invoicing.check_slip(
            payment,
            accept=decision == "accept",
            reason=reason,
            actor=current_user,
        )
        db.session.commit()
    except invoicing.InvoicingError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return _back()
    flash(
        _("The slip was accepted.") if decision == "accept" else _("The slip was rejected."),
        "success",
    )
    return _back()


@bp.post("/wholesale/invoices/<int:invoice_id>/payment")
@admin_required
def wholesale_record_payment(invoice_id: int):
    try:
        try:
            amount = baht_to_satang(ascii_digits(request.form.get("amount", "")))
        except ValueError as exc:
            raise invoicing.InvoicingError(
                _("Please enter the amount in baht, e.g. 1500 or 1,500.50.")
            ) from exc
        invoicing.record_payment(
            invoice_id, amount, today(), request.form.get("reference", ""), actor=current_user
        )
        db.session.commit()
    except invoicing.InvoicingError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return _back()
    flash(_("The payment was recorded."), "success")
    return _back()
