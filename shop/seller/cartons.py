"""Seller backend: a wholesale pack's carton weights for the packing list of orders to
Kawthaung (routes on the seller blueprint; rules in shop.wholesale.cartons). Packs are looked
up inside the current cooperative: another cooperative's pack answers 404."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.validators import Optional

from shop.accounts.access import staff_required
from shop.core.forms import ShopForm, WholeNumberField
from shop.extensions import db
from shop.pricing.models import QuantityRule
from shop.seller.views import bp
from shop.wholesale import cartons


@bp.app_template_global()
def carton_of(variant) -> QuantityRule | None:
    """The pack's quantity rule with its carton weights (loaded already by the terms page)."""
    return db.session.get(QuantityRule, variant.id)


class CartonForm(ShopForm):
    """A wholesale pack's carton weights in grams (both empty: not weighed)."""

    net_grams = WholeNumberField(
        _l("Net weight of a carton (grams)"),
        [Optional()],
        description=_l("The packs in one carton, without the carton."),
    )
    gross_grams = WholeNumberField(
        _l("Gross weight of a carton (grams)"),
        [Optional()],
        description=_l("One full carton as it is shipped, with the carton and its filling."),
    )


@bp.post("/products/<int:product_id>/variants/<int:variant_id>/carton")
@staff_required
def wholesale_carton(product_id: int, variant_id: int):
    """Keep the carton's weights; back to the pack's wholesale terms page either way."""
    from shop.seller.wholesale import _pack

    variant = _pack(product_id, variant_id)
    here = url_for("seller.wholesale_terms_page", product_id=product_id, variant_id=variant_id)
    form = CartonForm()
    if not form.validate():
        problems = [message for field in form for message in field.errors]
        flash(str(problems[0]) if problems else _("Please check the weights."), "error")
        return redirect(here + "#carton-heading")
    try:
        cartons.set_carton_weights(
            variant, form.net_grams.data, form.gross_grams.data, actor_id=current_user.id
        )
    except cartons.CartonError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(here + "#carton-heading")
    db.session.commit()
    flash(_("The carton weights of %(sku)s are saved.", sku=variant.sku), "success")
    return redirect(here + "#carton-heading")
