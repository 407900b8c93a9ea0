"""Seller backend: the dashboard and choosing the cooperative to work in."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from shop.accounts.access import (
    current_cooperative,
    current_membership,
    memberships,
    staff_required,
    switch_cooperative,
)
from shop.seller import dashboard

bp = Blueprint("seller", __name__, url_prefix="/seller")


@bp.get("")
@staff_required
def home():
    cooperative = current_cooperative()
    return render_template(
        "seller/dashboard.html",
        cooperative=cooperative,
        membership=current_membership(),
        memberships=memberships(current_user.id),
        figures=dashboard.figures(cooperative.id),
        chart=dashboard.daily_sales(cooperative.id),
    )


@bp.post("/switch")
@staff_required
def switch():
    cooperative_id = request.form.get("cooperative_id", "")
    if not cooperative_id.isdigit() or not switch_cooperative(int(cooperative_id)):
        abort(404)
    return redirect(url_for("seller.home"))


# The seller backend's other pages add their routes to ``bp``.
from shop.seller import (  # noqa: E402,F401
    audit,
    cartons,
    orders,
    products,
    shipping,
    staff,
    stock,
    wholesale,
    wholesale_orders,
)
