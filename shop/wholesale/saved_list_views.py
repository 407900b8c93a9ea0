"""Saved order lists' pages (/wholesale/lists) for members of an approved partner company:
the partner's lists, a list made from the cart or from a past order, renaming, quantities,
removing a pack, deleting, and putting a list in the cart with every difference shown first.
The rules are in shop.wholesale.saved_lists. Another partner's list ids answer 404."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from shop.cart.forms import EmptyForm
from shop.cart.views import current_cart
from shop.core.forms import ShopForm
from shop.extensions import db
from shop.wholesale import orders, saved_lists
from shop.wholesale.access import current_buyer, current_partner, partner_required
from shop.wholesale.models import MAX_SAVED_LIST_NAME, MAX_SAVED_LISTS, SavedOrderList

bp = Blueprint("wholesale_lists", __name__, url_prefix="/wholesale/lists")


class ListNameForm(ShopForm):
    name = StringField(
        _l("Name of the list"),
        description=_l(
            "For example “Monthly order”. At most %(max)s characters.", max=MAX_SAVED_LIST_NAME
        ),
        validators=[
            DataRequired(_l("Please give the list a name.")),
            Length(
                max=MAX_SAVED_LIST_NAME,
                message=_l("A list name has at most %(max)s characters.", max=MAX_SAVED_LIST_NAME),
            ),
        ],
    )


def _list_or_404(list_id: int) -> SavedOrderList:
    return saved_lists.list_of_partner(current_partner().id, list_id) or abort(404)


def _check_csrf() -> None:
    if not EmptyForm().validate():
        abort(400)


def _here(saved: SavedOrderList) -> str:
    return url_for("wholesale_lists.show", list_id=saved.id)


@bp.get("")
@partner_required
def index():
    return _index_page(ListNameForm(formdata=None), 200)


def _index_page(form: ListNameForm, status: int):
    partner = current_partner()
    cart = current_cart()
    return render_template(
        "wholesale/lists.html",
        partner=partner,
        lists=saved_lists.lists_of_partner(partner.id),
        form=form,
        cart_has_lines=bool(cart and cart.lines),
        max_lists=MAX_SAVED_LISTS,
    ), status


@bp.post("/from-cart")
@partner_required
def from_cart():
    """Keep the packs and quantities in the cart as a new list."""
    form = ListNameForm()
    if form.validate():
        wanted = saved_lists.wanted_from_cart(current_cart(), current_buyer())
        try:
            saved = saved_lists.create_list(current_partner(), form.name.data, wanted, current_user)
        except saved_lists.SavedListError as exc:
            db.session.rollback()
            form.name.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("The list “%(name)s” is saved.", name=saved.name), "success")
            return redirect(_here(saved))
    return _index_page(form, 422)


@bp.route("/from-order/<number>", methods=["GET", "POST"])
@partner_required
def from_order(number: str):
    """Keep the packs and quantities of a past order of the partner as a new list."""
    order = orders.order_of_partner(current_partner().id, number) or abort(404)
    form = ListNameForm()
    if request.method == "GET":
        form.name.data = _("Order %(number)s", number=order.number)
    elif form.validate():
        try:
            saved = saved_lists.create_list(
                current_partner(),
                form.name.data,
                saved_lists.wanted_from_order(order),
                current_user,
            )
        except saved_lists.SavedListError as exc:
            db.session.rollback()
            form.name.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("The list “%(name)s” is saved.", name=saved.name), "success")
            return redirect(_here(saved))
    return render_template(
        "wholesale/lists_from_order.html", partner=current_partner(), order=order, form=form
    ), (422 if form.errors else 200)


def _show_page(saved, *, rename_form=None, errors=None, typed=None, status=200):
    return render_template(
        "wholesale/lists_show.html",
        partner=current_partner(),
        saved=saved,
        rules=saved_lists.rules_of(saved, current_buyer()),
        rename_form=rename_form or ListNameForm(formdata=None, name=saved.name),
        errors=errors or {},
        typed=typed or {},
    ), status


@bp.get("/<int:list_id>")
@partner_required
def show(list_id: int):
    return _show_page(_list_or_404(list_id))


@bp.post("/<int:list_id>/rename")
@partner_required
def rename(list_id: int):
    saved = _list_or_404(list_id)
    form = ListNameForm()
    if form.validate():
        try:
            saved_lists.rename_list(saved, form.name.data)
        except saved_lists.SavedListError as exc:
            db.session.rollback()
            form.name.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("The list is now called “%(name)s”.", name=saved.name), "success")
            return redirect(_here(saved))
    return _show_page(_list_or_404(list_id), rename_form=form, status=422)


@bp.post("/<int:list_id>/quantities")
@partner_required
def quantities(list_id: int):
    """Save the quantities typed for the list's packs, all or none."""
    saved = _list_or_404(list_id)
    _check_csrf()
    typed = {ln.id: request.form.get(f"quantity-{ln.id}", "") for ln in saved.lines}
    try:
        changed = saved_lists.set_quantities(saved, current_buyer(), typed)
    except saved_lists.LinesRefused as exc:
        db.session.rollback()
        flash(_("Nothing was changed: please correct the packs marked below."), "error")
        return _show_page(_list_or_404(list_id), errors=exc.errors, typed=typed, status=422)
    db.session.commit()
    flash(
        ngettext("%(num)s quantity was changed.", "%(num)s quantities were changed.", changed),
        "success",
    )
    return redirect(_here(saved))


@bp.post("/<int:list_id>/lines/<int:line_id>/remove")
@partner_required
def remove_line(list_id: int, line_id: int):
    saved = _list_or_404(list_id)
    _check_csrf()
    if not saved_lists.remove_line(saved, line_id):
        abort(404)
    db.session.commit()
    flash(_("The pack was taken off the list."), "success")
    return redirect(_here(saved))


@bp.post("/<int:list_id>/delete")
@partner_required
def delete(list_id: int):
    saved = _list_or_404(list_id)
    _check_csrf()
    name = saved.name
    saved_lists.delete_list(saved)
    db.session.commit()
    flash(_("The list “%(name)s” was deleted.", name=name), "success")
    return redirect(url_for("wholesale_lists.index"))


@bp.route("/<int:list_id>/order", methods=["GET", "POST"])
@partner_required
def order(list_id: int):
    """Add this list to the cart: at today's prices, rules and stock, every difference shown
    before anything reaches the cart."""
    saved = _list_or_404(list_id)
    buyer = current_buyer()
    lines = saved_lists.preview(saved, buyer)
    errors: dict[int, str] = {}
    if request.method == "POST":
        _check_csrf()
        try:
            added = saved_lists.add_to_cart(saved, current_cart(create=True), buyer, lines)
        except saved_lists.LinesRefused as exc:
            db.session.rollback()
            errors = exc.errors
            flash(_("Nothing was added: please see the packs marked below."), "error")
            saved = _list_or_404(list_id)
            lines = saved_lists.preview(saved, buyer)
        else:
            db.session.commit()
            flash(
                ngettext(
                    "%(num)s pack was added to your cart.",
                    "%(num)s packs were added to your cart.",
                    added,
                ),
                "success",
            )
            return redirect(url_for("cart.show"))
    # preview() gives one line per saved line, in the list's order
    rows = [(line, errors.get(kept.id)) for line, kept in zip(lines, saved.lines, strict=True)]
    differences = sum(1 for line, error in rows if error or line.problem or line.price_changed)
    return render_template(
        "wholesale/lists_order.html",
        partner=current_partner(),
        saved=saved,
        rows=rows,
        differences=differences,
    ), (422 if errors else 200)
