"""The spreadsheet order page (/wholesale/upload) and its template sheet, for members of an
approved partner company. The rules are in shop.wholesale.spreadsheet."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired, FileSize

from shop.cart.views import current_cart
from shop.core.csv_export import csv_download
from shop.core.forms import ShopForm
from shop.extensions import db
from shop.wholesale import spreadsheet
from shop.wholesale.access import current_buyer, current_partner, partner_required

bp = Blueprint("wholesale_sheet", __name__, url_prefix="/wholesale")
SHOWN_PROBLEMS = 200  # a sheet wrong on every row lists the first ones and a count


class SheetForm(ShopForm):
    file = FileField(
        _l("Your order sheet"),
        description=_l("A .xlsx workbook or a CSV file (UTF-8), at most 2 MB and 10,000 rows."),
        validators=[
            FileRequired(_l("Please choose your order sheet.")),
            FileSize(spreadsheet.MAX_BYTES, message=_l("The file is larger than 2 MB.")),
        ],
    )


@bp.route("/upload", methods=["GET", "POST"])
@partner_required
def upload():
    """Upload a sheet: every line is added to the cart, or none, with every problem listed by
    row and column."""
    form = SheetForm()
    problems: list[spreadsheet.SheetProblem] = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            added = spreadsheet.order_sheet(
                current_cart(create=True), current_buyer(), upload.filename or "", upload.read()
            )
        except spreadsheet.SheetRefused as exc:
            db.session.rollback()
            problems = exc.problems
        else:
            db.session.commit()
            flash(_("%(count)s packs were added to your cart.", count=added.packs), "success")
            return redirect(url_for("cart.show"))
    status = 422 if problems or form.errors else 200
    return render_template(
        "wholesale/upload.html",
        form=form,
        partner=current_partner(),
        problems=problems,
        shown_problems=SHOWN_PROBLEMS,
    ), status


@bp.get("/upload/template.csv")
@partner_required
def template():
    """The sheet to fill in: the partner's wholesale packs with an empty quantity column."""
    return csv_download(spreadsheet.template_csv(current_buyer()), "wholesale-order.csv")
