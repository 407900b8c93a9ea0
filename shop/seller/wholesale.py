"""Seller backend: what partner shops pay for the cooperative's packs (routes on the seller
blueprint). Each pack's wholesale terms (units per carton, minimum, maximum, price breaks), the
wholesale price CSV, and the owners' settings page: the minimum wholesale order and the seller
of record on the cooperative's documents (shop.documents.seller_of_record).

Packs are looked up inside the current cooperative (another cooperative's pack answers 404).
Staff set the terms, as they set retail prices; the settings page is the owners'. The rules
and messages are shop.pricing.terms', for the pages and the CSV alike.
"""

from __future__ import annotations

from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_cooperative, owner_required, staff_required
from shop.catalog import editing
from shop.catalog.models import Variant
from shop.core.csv_export import csv_download
from shop.core.db import utcnow
from shop.core.money import SATANG_PER_BAHT, baht_to_satang, basis_points_as_percent
from shop.documents import seller_of_record
from shop.extensions import db
from shop.inventory import stock_csv
from shop.pricing import terms as wholesale_terms
from shop.pricing import terms_csv
from shop.seller.settings_forms import SettingsForm
from shop.seller.stock_forms import ImportForm
from shop.seller.views import bp
from shop.seller.wholesale_forms import WholesaleTermsForm


def _baht_text(satang: int) -> str:
    """Satang as a person types baht: 15000 → "150", 15050 → "150.50"."""
    amount = Decimal(satang) / SATANG_PER_BAHT
    return str(amount.quantize(Decimal(1)) if satang % SATANG_PER_BAHT == 0 else amount)


def _pack(product_id: int, variant_id: int) -> Variant:
    try:
        product = editing.product_of(current_cooperative().id, product_id)
        return editing.variant_of(product, variant_id)
    except editing.NotFound:
        abort(404)


def _fill(form: WholesaleTermsForm, terms: wholesale_terms.Terms | None) -> None:
    form.sells_wholesale.data = terms is not None
    if terms is None:
        return
    form.case_pack.data = str(terms.case_pack)
    form.min_quantity.data = str(terms.min_quantity)
    form.max_quantity.data = "" if terms.max_quantity is None else str(terms.max_quantity)
    for row, (quantity, unit) in zip(form.breaks, terms.breaks, strict=False):
        row.form.quantity.data = str(quantity)
        row.form.price.data = _baht_text(unit)


def _show_problems(form: WholesaleTermsForm, problems: list[wholesale_terms.Problem]) -> list:
    """Put each problem on its field; returns (field, message) pairs for the summary."""
    shown = []
    for problem in problems:
        if problem.number is not None:
            row = form.breaks[problem.number - 1].form
            field = row.quantity if problem.field == "break_quantity" else row.price
        else:
            field = getattr(form, problem.field, form.case_pack)
        field.errors = [*field.errors, problem.message]
        shown.append((field, problem.message))
    return shown


@bp.get("/wholesale")
@staff_required
def wholesale_packs():
    cooperative = current_cooperative()
    return render_template(
        "seller/wholesale/packs.html",
        cooperative=cooperative,
        packs=wholesale_terms.overview(cooperative.id),
    )


@bp.route("/products/<int:product_id>/variants/<int:variant_id>/wholesale", methods=["GET", "POST"])
@staff_required
def wholesale_terms_page(product_id: int, variant_id: int):
    variant = _pack(product_id, variant_id)
    saved = wholesale_terms.terms_of([variant.id]).get(variant.id)
    form = WholesaleTermsForm()
    problems = []
    if form.validate_on_submit():
        here = url_for("seller.wholesale_terms_page", product_id=product_id, variant_id=variant_id)
        if not form.sells_wholesale.data:
            if wholesale_terms.stop_wholesale(variant, current_user.id):
                db.session.commit()
                flash(_("%(sku)s is now sold at the retail price only.", sku=variant.sku))
            return redirect(here)
        terms, found = wholesale_terms.read_terms(
            variant.price_satang,
            form.case_pack.data,
            form.min_quantity.data,
            form.max_quantity.data,
            form.typed_breaks(),
        )
        if terms is not None:
            wholesale_terms.set_wholesale_terms(
                variant,
                terms.case_pack,
                terms.min_quantity,
                terms.max_quantity,
                terms.breaks,
                current_user.id,
            )
            db.session.commit()
            flash(_("The wholesale terms of %(sku)s are saved.", sku=variant.sku), "success")
            return redirect(here)
        problems = _show_problems(form, found)
    elif request.method == "GET":
        _fill(form, saved)
    tables = [
        (basis_points_as_percent(discount), quotes)
        for discount, quotes in wholesale_terms.sample_tables(
            variant, wholesale_terms.sample_discounts()
        )
    ]
    status = 422 if request.method == "POST" else 200
    return render_template(
        "seller/wholesale/terms.html",
        variant=variant,
        product=variant.product,
        form=form,
        problems=problems,
        tables=tables,
        saved=saved,
    ), status


@bp.get("/wholesale/export.csv")
@staff_required
def wholesale_export():
    cooperative = current_cooperative()
    name = f"wholesale-prices-{cooperative.slug}-{utcnow():%Y%m%d}.csv"
    return csv_download(terms_csv.export_csv(cooperative.id), name)


@bp.route("/wholesale/import", methods=["GET", "POST"])
@staff_required
def wholesale_import():
    cooperative = current_cooperative()
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.stream.read(stock_csv.MAX_BYTES + 1)
        result = terms_csv.import_csv(data, cooperative.id, current_user.id)
        if result.ok:
            db.session.commit()
        else:
            db.session.rollback()
        return render_template("seller/wholesale/import_result.html", result=result), (
            200 if result.ok else 422
        )
    status = 422 if request.method == "POST" else 200
    return render_template(
        "seller/wholesale/import.html",
        form=form,
        columns=terms_csv.export_columns(terms_csv.EXPORTED_BREAKS),
    ), status


@bp.route("/settings", methods=["GET", "POST"])
@owner_required
def settings():
    cooperative = current_cooperative()
    form = SettingsForm(obj=cooperative if request.method == "GET" else None)
    if request.method == "GET":
        form.wholesale_minimum.data = _baht_text(cooperative.wholesale_minimum_satang)
    if form.validate_on_submit():
        try:
            satang = baht_to_satang(form.wholesale_minimum.data)
            wholesale_terms.set_wholesale_minimum(cooperative, satang, current_user.id)
            seller_of_record.update_seller_of_record(
                cooperative, form.seller_of_record(), actor_id=current_user.id
            )
        except ValueError:
            db.session.rollback()
            form.wholesale_minimum.errors.append(
                _("Enter an amount in baht like 5000 or 5000.50, or 0 for no minimum.")
            )
        except (wholesale_terms.TermsError, seller_of_record.SellerOfRecordError) as exc:
            db.session.rollback()
            field = getattr(exc, "field", None) or "wholesale_minimum"
            getattr(form, field).errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("The settings are saved."), "success")
            return redirect(url_for("seller.settings"))
    status = 422 if request.method == "POST" else 200
    return render_template("seller/settings.html", cooperative=cooperative, form=form), status
