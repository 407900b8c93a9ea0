"""The platform admin (/admin): cooperatives, orders across the shop, settlement, programme and
the audit log."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import admin_required
from shop.accounts.models import MembershipRole
from shop.catalog.models import Cooperative, CooperativeStatus
from shop.core.csv_export import csv_download, csv_stream
from shop.core.dates import format_date
from shop.core.i18n import current_language
from shop.core.pagination import requested_cursors, requested_page
from shop.extensions import db
from shop.orders.labels import STATUS_NAMES
from shop.orders.models import OrderStatus
from shop.platform import audit_log, charts, cooperatives, invitations, orders, reports
from shop.platform.forms import (
    DISTRICT_NAMES,
    AuditFilterForm,
    CooperativeForm,
    InviteOwnerForm,
    OrderFilterForm,
    PeriodForm,
)

bp = Blueprint("platform", __name__, url_prefix="/admin")


@bp.get("")
@admin_required
def home():
    return render_template("platform/home.html", figures=reports.home_figures())


# --- cooperatives -----------------------------------------------------------------------------


def _cooperative_or_404(cooperative_id: int) -> Cooperative:
    return db.session.get(Cooperative, cooperative_id) or abort(404)


@bp.get("/cooperatives")
@admin_required
def cooperative_list():
    return render_template(
        "platform/cooperatives.html",
        cooperatives=cooperatives.list_cooperatives(),
        district_names=DISTRICT_NAMES,
        commission_percent=cooperatives.commission_percent,
    )


@bp.route("/cooperatives/new", methods=["GET", "POST"])
@admin_required
def new_cooperative():
    form = CooperativeForm(creating=True)
    if request.method == "GET":
        form.commission.data = cooperatives.commission_percent(500)
    if form.validate_on_submit():
        try:
            cooperative = cooperatives.create_cooperative(
                form.slug.data, form.data_for_service(), actor_id=current_user.id
            )
        except cooperatives.CooperativeError as exc:
            db.session.rollback()
            form.slug.errors = [*form.slug.errors, str(exc.message)]
        else:
            db.session.commit()
            flash(_("%(name)s was added.", name=cooperative.name), "success")
            return redirect(url_for("platform.edit_cooperative", cooperative_id=cooperative.id))
    return render_template("platform/cooperative_form.html", form=form, cooperative=None)


@bp.route("/cooperatives/<int:cooperative_id>", methods=["GET", "POST"])
@admin_required
def edit_cooperative(cooperative_id: int):
    cooperative = _cooperative_or_404(cooperative_id)
    form = CooperativeForm(obj=cooperative, creating=False)
    if request.method == "GET":
        form.district.data = cooperative.district.value
        form.commission.data = cooperatives.commission_percent(cooperative.commission_bp)
    if form.validate_on_submit():
        changes = cooperatives.update_cooperative(
            cooperative, form.data_for_service(), actor_id=current_user.id
        )
        db.session.commit()
        if changes:
            flash(_("The changes were saved."), "success")
        else:
            flash(_("Nothing was changed."), "info")
        return redirect(url_for("platform.edit_cooperative", cooperative_id=cooperative.id))
    return render_template(
        "platform/cooperative_form.html",
        form=form,
        cooperative=cooperative,
        invite_form=InviteOwnerForm(),
        pending=invitations.pending(cooperative.id),
        staff=invitations.staff_of(cooperative.id),
    )


def _set_status(cooperative_id: int, status: CooperativeStatus):
    cooperative = _cooperative_or_404(cooperative_id)
    changed = cooperatives.set_status(cooperative, status, actor_id=current_user.id)
    db.session.commit()
    if changed and status == CooperativeStatus.SUSPENDED:
        flash(
            _("%(name)s is suspended: its products left the shop.", name=cooperative.name),
            "success",
        )
    elif changed:
        flash(
            _("%(name)s is active again: its products are back.", name=cooperative.name),
            "success",
        )
    return redirect(url_for("platform.edit_cooperative", cooperative_id=cooperative.id))


@bp.post("/cooperatives/<int:cooperative_id>/suspend")
@admin_required
def suspend_cooperative(cooperative_id: int):
    return _set_status(cooperative_id, CooperativeStatus.SUSPENDED)


@bp.post("/cooperatives/<int:cooperative_id>/reactivate")
@admin_required
def reactivate_cooperative(cooperative_id: int):
    return _set_status(cooperative_id, CooperativeStatus.ACTIVE)


@bp.post("/cooperatives/<int:cooperative_id>/invite")
@admin_required
def invite_owner(cooperative_id: int):
    cooperative = _cooperative_or_404(cooperative_id)
    form = InviteOwnerForm()
    target = url_for("platform.edit_cooperative", cooperative_id=cooperative.id)
    if not form.validate():
        flash(str(next(iter(form.errors.values()))[0]), "error")
        return redirect(target)
    try:
        invitations.invite(
            cooperative.id,
            form.email.data,
            MembershipRole.OWNER,
            inviter=current_user,
            lang=current_language(),
        )
    except invitations.InvitationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(target)
    db.session.commit()
    flash(_("We sent an invitation to %(email)s.", email=form.email.data), "success")
    return redirect(target)


# --- orders -----------------------------------------------------------------------------------


@bp.get("/orders")
@admin_required
def order_list():
    all_cooperatives = cooperatives.list_cooperatives()
    form = OrderFilterForm(
        formdata=request.args, status_names=STATUS_NAMES, cooperatives=all_cooperatives
    )
    form.validate()
    status = form.status.data if form.status.data in set(OrderStatus) else None
    coop = form.cooperative.data
    wanted = orders.AdminOrderFilter(
        status=OrderStatus(status) if status else None,
        cooperative_id=int(coop) if coop and coop.isdigit() else None,
        date_from=None if form.date_from.errors else form.date_from.data,
        date_to=None if form.date_to.errors else form.date_to.data,
        search=form.q.data or "",
    )
    found = orders.list_orders(wanted, *requested_cursors())
    return render_template("platform/orders.html", form=form, found=found)


# --- settlement -------------------------------------------------------------------------------


def _period(form: PeriodForm, default: tuple[date, date]) -> tuple[date, date]:
    start = None if form.date_from.errors else form.date_from.data
    end = None if form.date_to.errors else form.date_to.data
    start, end = start or default[0], end or default[1]
    if start > end:
        start, end = end, start
    form.date_from.data, form.date_to.data = start, end
    return start, end


def _settlement_request() -> tuple[PeriodForm, date, date, int | None]:
    form = PeriodForm(formdata=request.args, cooperatives=cooperatives.list_cooperatives())
    form.validate()
    coop = form.cooperative.data
    cooperative_id = int(coop) if coop and coop.isdigit() else None
    start, end = _period(form, reports.default_settlement_period(cooperative_id))
    return form, start, end, cooperative_id


@bp.get("/settlement")
@admin_required
def settlement():
    form, start, end, cooperative_id = _settlement_request()
    found = reports.settlements(start, end, cooperative_id)
    single = found[0] if cooperative_id is not None and found else None
    return render_template(
        "platform/settlement.html",
        form=form,
        date_from=start,
        date_to=end,
        settlements=found,
        single=single,
        lines=reports.settlement_lines(single, start, end, requested_page()) if single else None,
        commission_percent=cooperatives.commission_percent,
    )


@bp.get("/settlement.csv")
@admin_required
def settlement_csv():
    """One cooperative's settlement line by line, or (without a cooperative) every
    cooperative's totals, as the page shows them."""
    _form, start, end, cooperative_id = _settlement_request()
    found = reports.settlements(start, end, cooperative_id)
    if cooperative_id is None:
        body = reports.settlements_csv(found, start, end)
        name = f"settlement-all-{start.isoformat()}-{end.isoformat()}.csv"
    else:
        if not found:
            abort(404)
        name = f"settlement-{found[0].cooperative.slug}-{start.isoformat()}-{end.isoformat()}.csv"
        return csv_stream(reports.settlement_rows(found[0], start, end), name)
    return csv_download(body, name)


# --- programme report -------------------------------------------------------------------------


PROGRAMME_MAX_YEARS = 10


@bp.get("/programme")
@admin_required
def programme():
    form = PeriodForm(formdata=request.args)
    del form.cooperative
    form.validate()
    start, end = _period(form, reports.default_programme_period())
    if start < (earliest := date(end.year - PROGRAMME_MAX_YEARS, end.month, 1)):
        start = form.date_from.data = earliest  # a chart of centuries helps nobody
        form.date_from.raw_data = None  # show the period used
    report = reports.programme(start, end)
    labels = [format_date(m.month, "month_short") for m in report.months]
    return render_template(
        "platform/programme.html",
        form=form,
        report=report,
        date_from=start,
        date_to=end,
        coop_chart=charts.bar_chart(
            list(zip(labels, (m.cooperatives_selling for m in report.months), strict=True))
        ),
        orders_chart=charts.bar_chart(
            list(zip(labels, (m.orders for m in report.months), strict=True))
        ),
        revenue_chart=charts.bar_chart(
            list(zip(labels, (m.revenue for m in report.months), strict=True))
        ),
    )


# --- audit log --------------------------------------------------------------------------------


@bp.get("/audit")
@admin_required
def audit():
    form = AuditFilterForm(
        formdata=request.args,
        groups=audit_log.GROUPS,
        cooperatives=cooperatives.list_cooperatives(),
    )
    form.validate()
    found = audit_log.list_entries(audit_log.AuditFilter(**form.valid_filters()), requested_page())
    return render_template(
        "platform/audit.html",
        form=form,
        found=found,
        lines=audit_log.lines(found.items, admin=True),
    )


# The admin's other pages add their routes to ``bp``.
from shop.platform import exchange_rates, outbox, partners, receivables  # noqa: E402,F401
