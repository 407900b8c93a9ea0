"""Seller backend: the cooperative's delivery methods (owners only; routes on the seller
blueprint), for retail buyers and for partner shops across the border: names in Thai, English
and Burmese, days, who may choose it, a price by the parcel's weight (rates "up to N kg") or per
carton, an optional free-from amount, offered or not.

Methods are looked up inside the current cooperative (another cooperative's method answers
404); every change is an audit entry (``shipping_method.create`` / ``shipping_method.update``,
the method before and after). Prices are computed from these rows by
shop.pricing.services.shipping_price, for the cart and checkout alike.

The rules (reading and saving a method) are shop.pricing.shipping_methods.
"""

from __future__ import annotations

from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_cooperative, owner_required
from shop.core.money import SATANG_PER_BAHT
from shop.extensions import db
from shop.pricing.models import ShippingMethod
from shop.pricing.shipping_methods import (
    GRAMS_PER_KG,
    MethodRefused,
    Problem,
    method_of,
    methods_of,
    read_method,
    save_method,
)
from shop.seller.shipping_forms import MAX_RATES, ShippingMethodForm
from shop.seller.views import bp

# --- the pages --------------------------------------------------------------------------------


def _kg_text(grams: int) -> str:
    kg = Decimal(grams) / GRAMS_PER_KG
    return str(kg.quantize(Decimal(1)) if grams % GRAMS_PER_KG == 0 else kg.normalize())


def _baht_text(satang: int | None) -> str:
    if satang is None:
        return ""
    amount = Decimal(satang) / SATANG_PER_BAHT
    return str(amount.quantize(Decimal(1)) if satang % SATANG_PER_BAHT == 0 else amount)


def _fill(form: ShippingMethodForm, method: ShippingMethod | None) -> None:
    if method is None:
        form.days_min.data, form.days_max.data = "1", "3"
        form.for_retail.data, form.is_active.data = True, True
        return
    for name in ("name_th", "name_en", "name_my", "for_retail", "for_wholesale", "is_active"):
        getattr(form, name).data = getattr(method, name)
    form.days_min.data, form.days_max.data = str(method.days_min), str(method.days_max)
    form.pricing.data = "carton" if method.price_per_carton_satang is not None else "weight"
    form.carton_price.data = _baht_text(method.price_per_carton_satang)
    form.free_over.data = _baht_text(method.free_over_satang)
    for row, rate in zip(form.rates, method.rates, strict=False):
        row.form.max_kg.data = _kg_text(rate.max_weight_grams)
        row.form.price.data = _baht_text(rate.price_satang)


def _show_problems(form: ShippingMethodForm, problems: list[Problem]) -> None:
    for problem in problems:
        if problem.row is not None:
            field = getattr(form.rates[problem.row - 1].form, problem.field)
        else:
            field = getattr(form, problem.field)
        field.errors = [*field.errors, problem.message]


def _summary(form: ShippingMethodForm) -> list[tuple[object, str, str]]:
    """(field, label, first message) of every field in error, rate rows named by their number."""
    shown = []
    for f in form:
        if f.name == "rates":
            for number, row in enumerate(f, start=1):
                for sub in row.form:
                    if sub.errors:
                        label = _("Rate %(n)s", n=number) + f", {sub.label.text}"
                        shown.append((sub, label, sub.errors[0]))
        elif f.errors and f.type != "CSRFTokenField":
            shown.append((f, f.label.text, f.errors[0]))
    return shown


def _typed(form: ShippingMethodForm) -> dict:
    return {
        "name_th": form.name_th.data or "",
        "name_en": form.name_en.data or "",
        "name_my": form.name_my.data or "",
        "days_min": form.days_min.data or "",
        "days_max": form.days_max.data or "",
        "for_retail": bool(form.for_retail.data),
        "for_wholesale": bool(form.for_wholesale.data),
        "pricing": form.pricing.data or "weight",
        "carton_price": form.carton_price.data or "",
        "rates": form.typed_rates(),
        "free_over": form.free_over.data or "",
        "is_active": bool(form.is_active.data),
    }


@bp.get("/shipping")
@owner_required
def shipping_methods():
    cooperative = current_cooperative()
    return render_template(
        "seller/shipping.html", cooperative=cooperative, methods=methods_of(cooperative.id)
    )


@bp.route("/shipping/new", methods=["GET", "POST"])
@owner_required
def shipping_new():
    return _edit(None)


@bp.route("/shipping/<int:method_id>", methods=["GET", "POST"])
@owner_required
def shipping_edit(method_id: int):
    return _edit(method_of(current_cooperative().id, method_id) or abort(404))


def _edit(method: ShippingMethod | None):
    cooperative = current_cooperative()
    form = ShippingMethodForm()
    if request.method == "GET":
        _fill(form, method)
    else:
        valid = form.validate()
        try:
            data = read_method(**_typed(form))
        except MethodRefused as exc:
            _show_problems(form, exc.problems)
        else:
            if valid:
                method = save_method(cooperative, method, data, current_user.id)
                db.session.commit()
                flash(_("The delivery method “%(name)s” is saved.", name=method.name), "success")
                return redirect(url_for("seller.shipping_methods"))
    return render_template(
        "seller/shipping_form.html",
        cooperative=cooperative,
        method=method,
        form=form,
        problems=_summary(form) if request.method == "POST" else [],
        max_rates=MAX_RATES,
    ), (422 if request.method == "POST" else 200)
