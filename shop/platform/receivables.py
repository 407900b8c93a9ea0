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
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import TextAreaField

from shop.accounts.access import admin_required
from shop.core.days import today
from shop.core.forms import ShopForm, at_most
from shop.core.images import slip_response
from shop.core.money import baht_to_satang
from shop.core.numbers import ascii_digits
from shop.core.reasons import ReasonFields
from shop.extensions import db
from shop.orders.models import Order
from shop.platform.views import bp
from shop.wholesale import invoicing, orders
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


class OfficeReasonForm(ShopForm):
    """The office's reason for declining a wholesale order, as typed text: normalised and
    refused when Zawgyi (ShopForm), at most 300 characters."""

    reason = TextAreaField(
        _l("Reason"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[at_most(300)],
    )


def _typed_reason() -> str | None:
    """The posted reason as a ShopForm reads it, or None after flashing why it is refused."""
    form = OfficeReasonForm()
    if form.validate():
        return form.reason.data or ""
    for error in form.reason.errors or [_("Please send the form again.")]:
        flash(str(error), "error")
    return None


def _refused(field_id: str):
    """The page again, with the refused reason as typed in its box (``field_id``), to be
    shortened or corrected."""
    return _approvals_page({field_id: request.form.get("reason", "")}, status=422)


def _back():
    return redirect(url_for("platform.wholesale_approvals"))


@bp.get("/wholesale")
@admin_required
def wholesale_approvals():
    return _approvals_page()


def _approvals_page(
    typed: dict[str, str] | None = None,
    status: int = 200,
    refused_slip: tuple[int, SlipRejectForm] | None = None,
):
    """The office's wholesale page; ``typed``: a refused reason by its box's id;
    ``refused_slip``: (payment id, its rejection form as refused)."""
    partners = db.session.scalars(
        select(PartnerShop)
        .where(PartnerShop.status.in_([PartnerShopStatus.APPROVED, PartnerShopStatus.SUSPENDED]))
        .order_by(PartnerShop.name)
    ).all()
    waiting = orders.waiting_for_platform()
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
        typed=typed or {},
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
            reason = _typed_reason()
            if reason is None:
                return _refused(f"decline-{order.id}")
            orders.decline(order, actor=current_user, reason=reason, as_platform=True)
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
