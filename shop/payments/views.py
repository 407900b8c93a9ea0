"""The Stripe webhook, and the platform admin's minimal page to review transfer slips."""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import admin_required
from shop.core.images import slip_response
from shop.extensions import csrf, db
from shop.orders.models import PaymentMethod
from shop.payments import checks, refunds, services, stripe_gateway, webhooks
from shop.payments.forms import ConfirmTransferForm, RejectTransferForm
from shop.payments.models import Payment, PaymentStatus

log = logging.getLogger(__name__)
bp = Blueprint("payments", __name__)
bp.add_app_template_filter(checks.describe, "payment_problem")
bp.add_app_template_global(services.refundable, "refundable")


@bp.post("/webhooks/stripe")
@csrf.exempt
def stripe_webhook():
    try:
        event = stripe_gateway.verify_event(
            request.get_data(), request.headers.get("Stripe-Signature")
        )
    except stripe_gateway.MalformedEvent as exc:
        log.warning("stripe webhook refused, signed but unreadable: %s", exc)
        return {"error": "malformed event"}, 400
    except stripe_gateway.BadSignature as exc:
        log.warning("stripe webhook refused: %s", exc)
        return {"error": "bad signature"}, 400
    outcome = webhooks.handle(event)
    db.session.commit()
    log.info("stripe event %s (%s): %s", event.id, event.type, outcome)
    return {"received": True, "outcome": outcome}


@bp.get("/admin/payments")
@admin_required
def review_list():
    slips = services.slips_to_review()
    return render_template(
        "payments/review.html",
        slips=slips,
        same_slip=services.same_slip_payments(slips),
        refunds=services.payments_needing_refund(),
        to_check=services.payments_to_check(),
        unsent_refunds=refunds.owed_refunds(),
    )


def _payment_or_404(payment_id: int) -> Payment:
    return db.session.get(Payment, payment_id) or abort(404)


@bp.get("/admin/payments/<int:payment_id>/slip")
@admin_required
def slip(payment_id: int):
    return slip_response(_payment_or_404(payment_id).slip_stem)


def _waiting_slip(payment: Payment) -> bool:
    return (
        payment.method == PaymentMethod.TRANSFER
        and payment.status == PaymentStatus.PENDING
        and bool(payment.slip_stem)
    )


def _decision_page(payment: Payment, decision: str, form, status: int = 200):
    """The second step of a decision on a slip: what will happen, what looks wrong, one button."""
    return (
        render_template(
            "payments/decide.html",
            payment=payment,
            decision=decision,
            form=form,
            same_slip=services.same_slip_payments([payment])[payment.id],
        ),
        status,
    )


def _already_decided(payment: Payment):
    flash(
        _("The slip of order %(number)s is not waiting any more.", number=payment.order.number),
        "info",
    )
    return redirect(url_for("payments.review_list"))


@bp.post("/admin/payments/<int:payment_id>/confirm")
@admin_required
def confirm(payment_id: int):
    """Step 1 (the list's button) shows the confirmation page; step 2 (its button, with
    ``confirmed=1``) confirms. A slip whose picture was sent for another payment too needs the
    bank statement checked (a box to tick)."""
    payment = _payment_or_404(payment_id)
    form = ConfirmTransferForm()
    if not form.is_confirmed:
        if not _waiting_slip(payment):
            return _already_decided(payment)
        return _decision_page(payment, "confirm", form)
    if not form.validate():
        return _decision_page(payment, "confirm", form, 400)
    if (
        _waiting_slip(payment)
        and services.same_slip_payments([payment])[payment.id]
        and not form.checked_statement.data
    ):
        form.checked_statement.errors = [
            _("This picture was sent for another order too: check the bank statement first.")
        ]
        return _decision_page(payment, "confirm", form, 400)
    try:
        became_paid = services.confirm_transfer(payment, current_user.id)
    except services.PaymentError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("payments.review_list"))
    db.session.commit()
    if became_paid or not payment.needs_refund:
        # Not became_paid and nothing flagged: this slip was already confirmed (a double click).
        flash(_("Order %(number)s is paid.", number=payment.order.number), "success")
    else:
        flash(
            _(
                "Order %(number)s was not open any more: the payment is flagged for a refund.",
                number=payment.order.number,
            ),
            "error",
        )
    return redirect(url_for("payments.review_list"))


@bp.post("/admin/payments/<int:payment_id>/reject")
@admin_required
def reject(payment_id: int):
    """Step 1 shows the reason to be mailed (asking for one when it is empty); step 2
    (``confirmed=1``) rejects and mails the buyer. An empty reason is refused at both."""
    payment = _payment_or_404(payment_id)
    form = RejectTransferForm()
    if not form.is_confirmed:
        if not _waiting_slip(payment):
            return _already_decided(payment)
        if form.reason.raw_data:  # a reason chosen already: check it before it is mailed
            form.validate()
        return _decision_page(payment, "reject", form)
    if not form.validate():
        return _decision_page(payment, "reject", form, 400)
    if services.reject_transfer(payment, current_user.id, form.given()):
        db.session.commit()
        flash(
            _(
                "The buyer of order %(number)s was asked for a new slip.",
                number=payment.order.number,
            ),
            "success",
        )
    return redirect(url_for("payments.review_list"))


@bp.post("/admin/payments/<int:payment_id>/refund")
@admin_required
def refund(payment_id: int):
    payment = _payment_or_404(payment_id)
    number = payment.order.number
    refunded = services.refund_flagged(payment, current_user.id)
    db.session.commit()
    if refunded is None:
        flash(_("Nothing is left to refund on this payment."), "info")
    elif warning := refunds.unsent_warning(refunds.send(refunded.to_send)):
        flash(warning, "error")
    else:
        flash(
            _("The payment for order %(number)s was refunded:", number=number)
            + " "
            + refunded.sentence(),
            "success",
        )
    return redirect(url_for("payments.review_list"))


@bp.post("/admin/payments/refunds/<int:refund_id>/send")
@admin_required
def send_refund(refund_id: int):
    """Send again a card refund Stripe has not accepted yet."""
    sent = refunds.send([refund_id])
    if not sent:
        abort(404)
    if warning := refunds.unsent_warning(sent):
        flash(warning, "error")
    else:
        flash(_("Stripe accepted the refund."), "success")
    return redirect(url_for("payments.review_list"))


@bp.post("/admin/payments/<int:payment_id>/checked")
@admin_required
def checked(payment_id: int):
    payment = _payment_or_404(payment_id)
    if services.mark_checked(payment, current_user.id):
        db.session.commit()
        flash(
            _("The payment for order %(number)s is checked.", number=payment.order.number),
            "success",
        )
    return redirect(url_for("payments.review_list"))
