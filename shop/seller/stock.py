"""Seller backend: stock on hand, receiving goods, adjustments, the ledger, low stock and CSV.

Every page looks the variant up inside the current cooperative: another cooperative's id is 404.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_cooperative, staff_required
from shop.core.csv_export import csv_download
from shop.core.db import utcnow
from shop.core.pagination import requested_page
from shop.extensions import db
from shop.inventory import stock_csv
from shop.inventory.services import (
    InsufficientStock,
    StockChangeRefused,
    adjust_stock,
    ledger_of,
    receive_goods,
    variant_of_cooperative,
)
from shop.seller import listings
from shop.seller.list_forms import StockFilterForm
from shop.seller.stock_forms import AdjustForm, ImportForm, ReceiveForm
from shop.seller.views import bp


def _variant_or_404(variant_id: int):
    variant = variant_of_cooperative(current_cooperative().id, variant_id)
    if variant is None:
        abort(404)
    return variant


def _overview(low_only: bool):
    cooperative = current_cooperative()
    form = StockFilterForm(request.args)
    search = form.wanted()
    found = listings.stock_page(cooperative.id, requested_page(), search, low_only=low_only)
    return render_template(
        "seller/stock/overview.html",
        cooperative=cooperative,
        variants=found.items,
        found=found,
        form=form,
        search=search,
        low_only=low_only,
    )


@bp.get("/stock")
@staff_required
def stock_overview():
    return _overview(low_only=False)


@bp.get("/stock/low")
@staff_required
def stock_low():
    return _overview(low_only=True)


@bp.route("/stock/<int:variant_id>/receive", methods=["GET", "POST"])
@staff_required
def stock_receive(variant_id: int):
    variant = _variant_or_404(variant_id)
    form = ReceiveForm()
    if form.validate_on_submit():
        try:
            receive_goods(variant.id, form.quantity.data, current_user, form.note.data or "")
        except StockChangeRefused as exc:
            db.session.rollback()
            form.quantity.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Received %(n)d units of %(sku)s.", n=form.quantity.data, sku=variant.sku))
            return redirect(url_for("seller.stock_ledger", variant_id=variant_id))
    status = 422 if request.method == "POST" else 200
    return render_template("seller/stock/receive.html", variant=variant, form=form), status


@bp.route("/stock/<int:variant_id>/adjust", methods=["GET", "POST"])
@staff_required
def stock_adjust(variant_id: int):
    variant = _variant_or_404(variant_id)
    form = AdjustForm()
    if form.validate_on_submit():
        try:
            adjust_stock(
                variant.id,
                current_user,
                form.kind.data,
                new_count=form.new_count.data,
                delta=form.delta.data,
                note=form.note.data or "",
            )
        except InsufficientStock:
            db.session.rollback()
            variant = _variant_or_404(variant_id)
            form.delta.errors.append(
                _(
                    "Stock cannot go below 0: only %(n)d units are on hand. Nothing was changed.",
                    n=variant.stock,
                )
            )
        except StockChangeRefused as exc:
            db.session.rollback()
            variant = _variant_or_404(variant_id)
            form.delta.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Stock of %(sku)s adjusted.", sku=variant.sku))
            return redirect(url_for("seller.stock_ledger", variant_id=variant_id))
    status = 422 if request.method == "POST" else 200
    return render_template("seller/stock/adjust.html", variant=variant, form=form), status


@bp.get("/stock/<int:variant_id>/ledger")
@staff_required
def stock_ledger(variant_id: int):
    variant = _variant_or_404(variant_id)
    return render_template("seller/stock/ledger.html", variant=variant, lines=ledger_of(variant.id))


@bp.get("/stock/export.csv")
@staff_required
def stock_export():
    cooperative = current_cooperative()
    name = f"stock-{cooperative.slug}-{utcnow():%Y%m%d}.csv"
    return csv_download(stock_csv.export_csv(cooperative.id), name)


@bp.route("/stock/import", methods=["GET", "POST"])
@staff_required
def stock_import():
    cooperative = current_cooperative()
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.stream.read(stock_csv.MAX_BYTES + 1)
        result = stock_csv.import_csv(data, cooperative.id, current_user)
        if result.ok:
            db.session.commit()
        else:
            db.session.rollback()
        return render_template("seller/stock/import_result.html", result=result), (
            200 if result.ok else 422
        )
    status = 422 if request.method == "POST" else 200
    return render_template("seller/stock/import.html", form=form, columns=stock_csv.COLUMNS), status
