"""Cart pages: see the cart, add from the product page, change or remove lines."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from shop.cart import badge, services
from shop.cart.forms import AddToCartForm, EmptyForm, QuantityForm
from shop.cart.models import Cart
from shop.extensions import db
from shop.wholesale.access import current_buyer

bp = Blueprint("cart", __name__, url_prefix="/cart")
CART_KEY = badge.CART_KEY


def current_cart(create: bool = False) -> Cart | None:
    """The visitor's cart: the user's when logged in, else the guest cart of the cookie."""
    user_id = current_user.id if current_user.is_authenticated else None
    cart = services.find_cart(user_id=user_id, token=session.get(CART_KEY))
    if cart is None and create:
        cart = services.new_cart(user_id)
        if user_id is None:
            session[CART_KEY] = cart.token
    return cart


def _first_error(form) -> str:
    for errors in form.errors.values():
        if errors:
            return str(errors[0])
    return _("Please check the form.")


def _quantity_error(form, variant_id: int | None) -> str:
    """The form's first error; for a quantity, what the pack's own rule accepts."""
    if form.quantity.errors and not (form.variant_id.errors if "variant_id" in form else []):
        return str(services.quantity_message(current_buyer(), variant_id))
    return _first_error(form)


def _back(default: str) -> str:
    target = request.form.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@bp.get("")
def show():
    buyer = current_buyer()
    summary = services.summarize(current_cart(), buyer=buyer)
    return render_template(
        "cart/cart.html",
        summary=summary,
        quantity_form=QuantityForm(),
        button_form=EmptyForm(),
        checkout_url=url_for("wholesale.checkout" if buyer.is_wholesale else "orders.checkout"),
    )


@bp.post("/add")
def add():
    form = AddToCartForm()
    back = _back(url_for("cart.show"))
    if not form.validate():
        flash(_quantity_error(form, form.variant_id.data), "error")
        return redirect(back)
    try:
        line = services.add_item(
            current_cart(create=True), form.variant_id.data, form.quantity.data, current_buyer()
        )
    except services.CartError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(back)
    db.session.commit()
    flash(
        _(
            "Added to your cart: %(name)s × %(quantity)s",
            name=line.variant.product.name,
            quantity=form.quantity.data,
        ),
        "success",
    )
    return redirect(back)


@bp.post("/lines/<int:line_id>")
def update(line_id: int):
    form = QuantityForm()
    cart = current_cart()
    if cart is None:
        flash(_("Your cart is empty."), "error")
        return redirect(url_for("cart.show"))
    line = next((ln for ln in cart.lines if ln.id == line_id), None)
    if not form.validate():
        flash(_quantity_error(form, line.variant_id if line else None), "error")
        return redirect(url_for("cart.show"))
    try:
        services.set_quantity(cart, line_id, form.quantity.data, current_buyer())
    except services.CartError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("cart.show"))
    db.session.commit()
    flash(
        _("Your cart was updated.")
        if form.quantity.data
        else _("The item was removed from your cart."),
        "success",
    )
    return redirect(url_for("cart.show"))


@bp.post("/lines/<int:line_id>/remove")
def remove(line_id: int):
    cart = current_cart()
    if not EmptyForm().validate() or cart is None:
        return redirect(url_for("cart.show"))
    try:
        services.remove_line(cart, line_id)
    except services.CartError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("cart.show"))
    db.session.commit()
    flash(_("The item was removed from your cart."), "success")
    return redirect(url_for("cart.show"))


@bp.app_context_processor
def cart_badge():
    """The header's item count, read only when a page prints it, at most once per request
    (shop.cart.badge): mails and page fragments cost no query."""
    return badge.context()
