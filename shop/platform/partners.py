"""The platform admin's partner pages (/admin/partners): the application queue, a partner's
details, approval with terms, rejection, suspension, reactivation; and the price lists."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import admin_required
from shop.core.money import basis_points_as_percent
from shop.core.pagination import requested_page
from shop.extensions import db
from shop.platform.partner_forms import PriceListForm, RejectForm, TermsForm
from shop.platform.views import bp
from shop.pricing import price_lists
from shop.pricing.models import PriceList
from shop.wholesale import services
from shop.wholesale.models import PartnerShop, PartnerShopStatus

TERMS_STATUSES = (PartnerShopStatus.APPROVED, PartnerShopStatus.SUSPENDED)


def _partner_or_404(partner_id: int) -> PartnerShop:
    return services.get_partner(partner_id) or abort(404)


def _terms_form(partner: PartnerShop, **kwargs) -> TermsForm:
    offered = price_lists.list_price_lists(active_only=True)
    if partner.price_list is not None and partner.price_list not in offered:
        offered.append(partner.price_list)  # an inactive list the partner still has
    return TermsForm(price_lists=offered, **kwargs)


def _detail_page(partner: PartnerShop, *, terms_form=None, reject_form=None, status=200):
    if terms_form is None:
        terms_form = _terms_form(partner, formdata=None)
        if partner.status in TERMS_STATUSES:
            terms_form.fill(partner)
    return (
        render_template(
            "platform/partner.html",
            partner=partner,
            terms_form=terms_form,
            reject_form=reject_form or RejectForm(formdata=None),
        ),
        status,
    )


@bp.get("/partners")
@admin_required
def partner_list():
    return render_template(
        "platform/partners.html",
        found=services.queue(requested_page()),
    )


@bp.get("/partners/<int:partner_id>")
@admin_required
def partner_detail(partner_id: int):
    return _detail_page(_partner_or_404(partner_id))


def _back(partner: PartnerShop):
    return redirect(url_for("platform.partner_detail", partner_id=partner.id))


def _save_terms(partner_id: int, *, approving: bool):
    partner = _partner_or_404(partner_id)
    form = _terms_form(partner)
    if form.validate_on_submit():
        try:
            if approving:
                services.approve(partner, form.terms(), actor=current_user)
            else:
                changes = services.update_terms(partner, form.terms(), actor=current_user)
        except services.PartnerError as exc:
            db.session.rollback()
            partner = _partner_or_404(partner_id)
            target = getattr(form, exc.field or "", None)
            if target is None:
                flash(str(exc.message), "error")
                return _back(partner)
            target.errors = [*target.errors, str(exc.message)]
        else:
            db.session.commit()
            if approving:
                flash(
                    _("%(name)s is approved; its partner admin was mailed.", name=partner.name),
                    "success",
                )
            elif changes:
                flash(_("The new terms are saved."), "success")
            else:
                flash(_("Nothing was changed."), "info")
            return _back(partner)
    return _detail_page(partner, terms_form=form, status=422)


@bp.post("/partners/<int:partner_id>/approve")
@admin_required
def approve_partner(partner_id: int):
    return _save_terms(partner_id, approving=True)


@bp.post("/partners/<int:partner_id>/terms")
@admin_required
def partner_terms(partner_id: int):
    return _save_terms(partner_id, approving=False)


@bp.post("/partners/<int:partner_id>/reject")
@admin_required
def reject_partner(partner_id: int):
    partner = _partner_or_404(partner_id)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            services.reject(partner, form.given(), actor=current_user)
        except services.PartnerError as exc:
            db.session.rollback()
            flash(str(exc.message), "error")
            return _back(partner)
        db.session.commit()
        flash(
            _(
                "The application of %(name)s is rejected; the applicant was mailed the reason.",
                name=partner.name,
            ),
            "success",
        )
        return _back(partner)
    return _detail_page(partner, reject_form=form, status=422)


def _change_status(partner_id: int, change, message: str):
    partner = _partner_or_404(partner_id)
    try:
        change(partner, actor=current_user)
    except services.PartnerError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return _back(partner)
    db.session.commit()
    flash(message % {"name": partner.name}, "success")
    return _back(partner)


@bp.post("/partners/<int:partner_id>/suspend")
@admin_required
def suspend_partner(partner_id: int):
    return _change_status(
        partner_id,
        services.suspend,
        _("%(name)s is suspended: its members lost wholesale access at once."),
    )


@bp.post("/partners/<int:partner_id>/reactivate")
@admin_required
def reactivate_partner(partner_id: int):
    return _change_status(
        partner_id,
        services.reactivate,
        _("%(name)s is active again, on its earlier terms."),
    )


# --- price lists ------------------------------------------------------------------------------


@bp.get("/price-lists")
@admin_required
def price_list_list():
    return render_template(
        "platform/price_lists.html",
        price_lists=price_lists.list_price_lists(),
        partner_counts=price_lists.partner_counts(),
        percent=basis_points_as_percent,
    )


def _price_list_form_page(form: PriceListForm, price_list: PriceList | None):
    try:
        price_list_id = price_list.id if price_list else None
        saved = (
            price_lists.update_price_list(
                price_list, form.price_list_data(), actor_id=current_user.id
            )
            if price_list
            else price_lists.create_price_list(form.price_list_data(), actor_id=current_user.id)
        )
    except price_lists.PriceListError as exc:
        db.session.rollback()
        form.name.errors = [*form.name.errors, str(exc.message)]
        price_list = db.session.get(PriceList, price_list_id) if price_list_id else None
        return render_template("platform/price_list_form.html", form=form, price_list=price_list)
    db.session.commit()
    if price_list is None:
        flash(_("The price list %(name)s was added.", name=saved.name), "success")
    elif saved:
        flash(_("The changes were saved."), "success")
    else:
        flash(_("Nothing was changed."), "info")
    return redirect(url_for("platform.price_list_list"))


@bp.route("/price-lists/new", methods=["GET", "POST"])
@admin_required
def new_price_list():
    form = PriceListForm()
    if form.validate_on_submit():
        return _price_list_form_page(form, None)
    return render_template("platform/price_list_form.html", form=form, price_list=None)


@bp.route("/price-lists/<int:price_list_id>", methods=["GET", "POST"])
@admin_required
def edit_price_list(price_list_id: int):
    price_list = db.session.get(PriceList, price_list_id) or abort(404)
    form = PriceListForm(obj=price_list)
    if request.method == "GET":
        form.discount.data = basis_points_as_percent(price_list.discount_bp)
    if form.validate_on_submit():
        return _price_list_form_page(form, price_list)
    return render_template("platform/price_list_form.html", form=form, price_list=price_list)
