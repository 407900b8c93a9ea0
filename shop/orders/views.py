"""Checkout and the buyer's order pages. Every order URL carries the order's secret token."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from shop.accounts.services import remember_address
from shop.cart.forms import shipping_choice
from shop.cart.services import summarize
from shop.cart.views import current_cart
from shop.core.db import write_transaction
from shop.core.i18n import current_language
from shop.core.mail import send_after_commit
from shop.core.money import format_money
from shop.core.urls import external_url
from shop.documents import tax_invoices
from shop.documents.forms import TaxInvoiceRequestForm
from shop.extensions import db
from shop.orders import carriers, services
from shop.orders.errors import CartNotReady, OrderError
from shop.orders.forms import CheckoutForm, FindOrderForm, SlipForm
from shop.orders.labels import STATUS_NAMES
from shop.orders.models import Order, PaymentMethod
from shop.orders.shown import NOTHING_SHOWN, AmountsChanged, ShownAmounts
from shop.payments import services as payments
from shop.payments import stripe_gateway
from shop.payments.promptpay import payload, qr_svg
from shop.payments.transfer_account import transfer_account
from shop.wholesale.access import current_buyer

bp = Blueprint("orders", __name__)


def _shipping_choice() -> dict[int, int]:
    return shipping_choice(request.form)


def _prefill(form: CheckoutForm) -> None:
    if not current_user.is_authenticated or request.method == "POST":
        return
    form.email.data = current_user.email
    address = next((a for a in current_user.addresses if a.is_default), None) or (
        current_user.addresses[0] if current_user.addresses else None
    )
    if address is not None:
        for name in (
            "name",
            "phone",
            "line1",
            "line2",
            "subdistrict",
            "district",
            "province",
            "postcode",
        ):
            getattr(form, name).data = getattr(address, name)
        form.save_address.data = False
    else:
        form.name.data, form.phone.data = current_user.name, current_user.phone


@bp.route("/checkout", methods=["GET", "POST"])
def checkout():
    if current_buyer().is_wholesale:  # a partner's cart is ordered on account
        return redirect(url_for("wholesale.checkout"))
    cart = current_cart()
    form = CheckoutForm(stripe_enabled=stripe_gateway.is_configured())
    _prefill(form)
    summary = summarize(cart, _shipping_choice(), current_buyer())
    if summary.is_empty:
        flash(_("Your cart is empty."), "error")
        return redirect(url_for("cart.show"))
    if summary.problems:
        flash(str(CartNotReady.message), "error")
        return redirect(url_for("cart.show"))
    # The full tax invoice's details, optional: checked only when the buyer ticks "I need one".
    tax_form = TaxInvoiceRequestForm(prefix="tax", meta={"csrf": False})
    tax_ok = not tax_form.wanted.data or tax_form.validate()
    if request.method == "POST" and not request.args.get("update") and form.validate() and tax_ok:
        checkout_request = services.CheckoutRequest(
            email=form.email.data,
            address=form.address_data(),
            payment_method=PaymentMethod(form.payment_method.data),
            shipping_choice=_shipping_choice(),
            locale=current_language(),
            shown=ShownAmounts.read(request.form.get("shown")) or NOTHING_SHOWN,
            buyer=current_buyer(),
        )
        user_id = current_user.id if current_user.is_authenticated else None
        try:
            order = services.place_order(cart, checkout_request, user_id=user_id, summary=summary)
            if tax_form.wanted.data and tax_invoices.can_have_tax_invoice(order):
                tax_invoices.request_tax_invoices(order, tax_form.buyer_details())
            if user_id and form.save_address.data:
                remember_address(user_id, checkout_request.address)
            send_after_commit(
                order.email,
                "order_placed",
                order.locale,
                order=order,
                url=external_url("orders.detail", token=order.token),
            )
            db.session.commit()
        except AmountsChanged as exc:
            db.session.rollback()
            # Back to the checkout, as filled in, with today's amounts and what changed.
            summary = summarize(cart, _shipping_choice(), current_buyer())
            return _checkout_page(form, summary, changed=exc, tax_form=tax_form), 409
        except OrderError as exc:
            db.session.rollback()
            flash(str(exc.message), "error")
            return redirect(url_for("cart.show"))
        if order.payment_method == PaymentMethod.STRIPE:
            return _to_stripe(order)
        return redirect(url_for("orders.detail", token=order.token))
    return _checkout_page(form, summary, tax_form=tax_form)


def _checkout_page(
    form: CheckoutForm,
    summary,
    changed: AmountsChanged | None = None,
    tax_form: TaxInvoiceRequestForm | None = None,
) -> str:
    """The checkout page; its hidden ``shown`` field carries the amounts it shows, signed."""
    return render_template(
        "orders/checkout.html",
        form=form,
        tax_form=tax_form,
        summary=summary,
        shown=ShownAmounts.of(summary).sign(),
        changed=changed,
    )


def _to_stripe(order: Order):
    try:
        url = payments.start_stripe_checkout(order)  # commits
    except payments.PaymentError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("orders.detail", token=order.token))
    return redirect(url, code=303)


def _order_or_404(token: str) -> Order:
    return services.order_by_token(token) or abort(404)


@bp.get("/orders/<token>")
def detail(token: str):
    order = _order_or_404(token)
    if services.is_due(order):
        with write_transaction(db.session):
            services.expire(order)
        order = _order_or_404(token)
    return order_page(order)


def order_page(order: Order, tax_form: TaxInvoiceRequestForm | None = None) -> str:
    """The buyer's order page; ``tax_form``: the tax-invoice request as typed (with its
    errors), else an empty one."""
    payment = payments.current_payment(order)
    tax_request = tax_invoices.buyer_tax_details(order.id)
    qr = None
    if order.is_open and order.payment_method == PaymentMethod.TRANSFER:
        data = payload(current_app.config["PROMPTPAY_ID"], order.total_satang)
        amount = format_money(order.total_satang, current_language())
        qr = qr_svg(data, _("PromptPay QR code for %(amount)s", amount=amount))
    return render_template(
        "orders/detail.html",
        order=order,
        payment=payment,
        late=payments.late_payments(order),
        qr=qr,
        slip_form=SlipForm(),
        just_paid=request.args.get("paid") == "1",
        bank=transfer_account(current_language()),
        tax_form=tax_form or TaxInvoiceRequestForm(obj=tax_request),
        tax_request=tax_request,
        can_have_tax_invoice=tax_invoices.can_have_tax_invoice(order),
    )


@bp.post("/orders/<token>/pay")
def pay(token: str):
    order = _order_or_404(token)
    if services.is_due(order):
        services.expire(order)
        db.session.commit()
        flash(_("This order expired before it was paid."), "error")
        return redirect(url_for("orders.detail", token=token))
    return _to_stripe(order)


@bp.post("/orders/<token>/slip")
def upload_slip(token: str):
    order = _order_or_404(token)
    form = SlipForm()
    if services.is_due(order):
        services.expire(order)
        db.session.commit()
        flash(_("This order expired before it was paid."), "error")
        return redirect(url_for("orders.detail", token=token))
    if not form.validate():
        flash(str(next(iter(form.errors.values()))[0]), "error")
        return redirect(url_for("orders.detail", token=token))
    try:
        payments.upload_slip(order, form.slip.data.read())
    except payments.PaymentError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("orders.detail", token=token))
    db.session.commit()
    flash(_("Thank you! We will check your transfer and mail you when it is confirmed."), "success")
    return redirect(url_for("orders.detail", token=token))


@bp.post("/orders/<token>/cancel")
def cancel(token: str):
    order = _order_or_404(token)
    try:
        services.cancel_unpaid(order)
    except OrderError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("orders.detail", token=token))
    db.session.commit()
    flash(_("Your order was cancelled."), "success")
    return redirect(url_for("orders.detail", token=token))


@bp.route("/orders/find", methods=["GET", "POST"])
def find():
    form = FindOrderForm()
    if form.validate_on_submit():
        order = services.find_guest_order(form.number.data, form.email.data)
        if order is not None:
            return redirect(url_for("orders.detail", token=order.token))
        form.number.errors.append(_("No order has this number and email address."))
    return render_template("orders/find.html", form=form)


bp.add_app_template_global(STATUS_NAMES, "status_names")


def tracking_link(carrier: str, number: str) -> Markup:
    """The tracking number as a link to the carrier's page for the parcel (a new tab), or as
    plain text for a carrier the shop does not know (orders shipped before the list)."""
    url = carriers.tracking_url(carrier, number)
    if url is None:
        return escape(number)
    return Markup(
        '<a href="{}" class="tracking-link" rel="noopener" target="_blank">{}</a>'
    ).format(url, number)


bp.add_app_template_filter(carriers.carrier_name, "carrier_name")
bp.add_app_template_global(carriers.tracking_url, "tracking_url")
bp.add_app_template_global(tracking_link, "tracking_link")
