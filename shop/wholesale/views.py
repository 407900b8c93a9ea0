"""Wholesale pages (/wholesale): the public application form, a partner member's account page,
the partner admin's team page, and accepting an invitation to a partner's team."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from shop.accounts import services as accounts
from shop.accounts.views import _start_session
from shop.cart.forms import EmptyForm, shipping_choice
from shop.cart.services import summarize
from shop.cart.views import current_cart
from shop.catalog import services as catalog
from shop.core.forms import ShopForm
from shop.core.i18n import current_language
from shop.core.money import baht_to_satang
from shop.core.numbers import ascii_digits
from shop.documents import wholesale as export_papers
from shop.extensions import db, limiter
from shop.orders.errors import CartNotReady, OrderError
from shop.orders.labels import STATUS_NAMES as ORDER_STATUS_NAMES
from shop.orders.models import Approval
from shop.wholesale import invoicing, labels, ordering, orders, services, team
from shop.wholesale.access import (
    account_holder,
    account_holder_required,
    current_buyer,
    current_partner,
    member_required,
    partner_admin_required,
    partner_membership,
    partner_required,
)
from shop.wholesale.forms import (
    ApplicationForm,
    DecisionForm,
    InviteBuyerForm,
    JoinForm,
    SlipForm,
    SpendingLimitForm,
    WholesaleCheckoutForm,
    plain_baht,
)
from shop.wholesale.labels import PAYMENT_TERMS_NAMES, ROLE_NAMES, STATUS_NAMES
from shop.wholesale.phones import display_phone
from shop.wholesale.regions import region_name

bp = Blueprint("wholesale", __name__, url_prefix="/wholesale")


@bp.app_template_filter("partner_phone")
def partner_phone(number: str) -> str:
    return display_phone(number)


@bp.app_template_global()
def myanmar_region(code: str, lang: str) -> str:
    return region_name(code, lang)


@bp.app_template_filter("partner_status_name")
def partner_status_name(status: str) -> str:
    return str(STATUS_NAMES.get(status, status))


@bp.app_template_filter("payment_terms_name")
def payment_terms_name(terms: str) -> str:
    return str(PAYMENT_TERMS_NAMES.get(terms, terms))


# The header's "Wholesale" link: the same membership row every wholesale check of the request
# uses (kept in ``g``), not a second lazy load of the user's relationship.
bp.add_app_template_global(partner_membership, "partner_membership")


@bp.app_template_global()
def wholesale_order_status(order) -> str:
    return labels.order_status(order)


@bp.app_template_global()
def wholesale_seller_status(status: str) -> str:
    return str(ORDER_STATUS_NAMES.get(status, status))


@bp.app_template_global()
def partner_payment_status(status: str) -> str:
    return str(labels.PAYMENT_STATUS_NAMES.get(status, status))


@bp.app_template_filter("partner_role_name")
def partner_role_name(role: str) -> str:
    return str(ROLE_NAMES.get(role, role))


def _first_error(form) -> str:
    for errors in form.errors.values():
        if errors:
            return str(errors[0])
    return _("Please check the form.")


def _succeeded(response) -> bool:
    return response.status_code == 302


# --- applying ---------------------------------------------------------------------------------


@bp.route("/apply", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], deduct_when=_succeeded)
def apply():
    if partner_membership() is not None:
        flash(_("Your account already belongs to a partner company."), "info")
        return redirect(url_for("wholesale.account"))
    new_account = not current_user.is_authenticated
    form = ApplicationForm(with_account=new_account)
    if form.validate_on_submit():
        try:
            if new_account:
                user = accounts.register_user(
                    email=form.email.data,
                    password=form.password.data,
                    name=form.contact_name.data,
                    phone=form.phone.data,
                    locale=form.preferred_language.data,
                )
            else:
                user = current_user._get_current_object()
            services.apply(form.application_data(), user)
        except accounts.EmailTaken as exc:
            db.session.rollback()
            form.email.errors.append(exc.message)
        else:
            if new_account:
                _start_session(user)
            db.session.commit()
            flash(_("Thank you: your application is sent."), "success")
            return redirect(url_for("wholesale.account"))
    return render_template("wholesale/apply.html", form=form, new_account=new_account)


# --- a member's account page -------------------------------------------------------------------


# --- ordering ---------------------------------------------------------------------------------


@bp.route("", methods=["GET", "POST"])
@partner_required
def quick_order():
    """The quick-order grid: every wholesale pack with a box for cartons; one submit adds
    them all to the cart, or none when a row is refused (each refusal shown on its row)."""
    buyer = current_buyer()
    cooperative = request.args.get("cooperative") or None
    category = request.args.get("category") or None
    errors: dict[int, str] = {}
    if request.method == "POST":
        if not EmptyForm().validate():
            abort(400)
        # Only the rows with a box filled in: a grid of 2,000 packs is not priced again.
        filled = ordering.wholesale_packs(buyer, variant_ids=ordering.posted_pack_ids(request.form))
        try:
            wanted = ordering.parse_cartons(request.form, filled)
            if not wanted:
                flash(_("Please enter the number of cartons for at least one pack."), "error")
            else:
                added = ordering.add_cartons(current_cart(create=True), buyer, wanted, filled)
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
        except ordering.QuickOrderError as exc:
            db.session.rollback()
            errors = exc.errors
            flash(_("Nothing was added: please correct the rows marked below."), "error")
    rows = ordering.wholesale_packs(buyer, cooperative=cooperative, category=category)
    return render_template(
        "wholesale/quick_order.html",
        partner=current_partner(),
        rows=rows,
        errors=errors,
        posted=request.form,
        cooperatives=[coop for coop, _count in catalog.cooperatives_with_counts()],
        categories=catalog.categories(),
        chosen={"cooperative": cooperative or "", "category": category or ""},
    ), (422 if errors else 200)


@bp.route("/checkout", methods=["GET", "POST"])
@partner_required
def checkout():
    """The wholesale checkout: delivery per cooperative, the purchase-order number, a note;
    the order goes on account (invoiced by each cooperative when it confirms)."""
    membership = partner_membership()
    partner = current_partner()
    cart = current_cart()
    choice = shipping_choice(request.form)
    summary = summarize(cart, choice, current_buyer())
    if summary.is_empty:
        flash(_("Your cart is empty."), "error")
        return redirect(url_for("wholesale.quick_order"))
    if summary.problems:
        flash(str(CartNotReady.message), "error")
        return redirect(url_for("cart.show"))
    form = WholesaleCheckoutForm()
    status = 200
    if request.method == "POST" and not request.args.get("update"):
        if form.validate():
            try:
                order = orders.place_wholesale_order(
                    cart,
                    membership,
                    orders.WholesaleCheckout(
                        po_number=form.po_number.data or "",
                        note=form.note.data or "",
                        shipping_choice=choice,
                        locale=current_language(),
                    ),
                )
                db.session.commit()
            except OrderError as exc:
                db.session.rollback()
                flash(str(exc.message), "error")
                status = 422
            else:
                flash(
                    _("Thank you! Your order %(number)s was placed.", number=order.number),
                    "success",
                )
                return redirect(url_for("wholesale.order_detail", number=order.number))
        else:
            status = 422
    return render_template(
        "wholesale/checkout.html",
        form=form,
        summary=summary,
        partner=partner,
        position=orders.credit_position(partner),
    ), status


@bp.get("/orders")
@account_holder_required
def order_list():
    partner = account_holder()
    return render_template(
        "wholesale/orders.html", partner=partner, orders=orders.orders_of_partner(partner.id)
    )


def _partner_order_or_404(number: str):
    return orders.order_of_partner(account_holder().id, number) or abort(404)


@bp.get("/orders/<number>")
@account_holder_required
def order_detail(number: str):
    return _order_page(_partner_order_or_404(number), DecisionForm(formdata=None))


def _order_page(order, decision_form: DecisionForm, status: int = 200):
    """The order's page; ``decision_form`` refused comes back with what was typed in it."""
    return render_template(
        "wholesale/order.html",
        partner=account_holder(),
        order=order,
        membership=partner_membership(),
        invoices={i.seller_order_id: i for i in invoicing.invoices_of_order(order)},
        decision_form=decision_form,
        papers=export_papers.papers_by_part(order),
        proforma_due={so.id: export_papers.may_have_proforma(so) for so in order.seller_orders},
    ), status


@bp.post("/orders/<number>/<any(approve, decline):decision>")
@partner_admin_required
def decide(number: str, decision: str):
    order = _partner_order_or_404(number)
    form = DecisionForm()
    # Approving needs only the form's CSRF token; declining a listed reason (or a note).
    if not (form.validate() if decision == "decline" else ShopForm().validate()):
        # The reason's own errors are shown at it, with the note as typed, to be shortened.
        if not (form.reason.errors or form.note.errors):
            flash(_first_error(form), "error")
        return _order_page(order, form, 422)
    try:
        if decision == "approve":
            waits = orders.approve(order, actor=current_user, as_platform=False)
            message = (
                _("Approved. The order now waits for the office's credit approval.")
                if waits == Approval.PLATFORM
                else _("Approved. The cooperatives now confirm the order.")
            )
        else:
            orders.decline(order, actor=current_user, reason=form.given(), as_platform=False)
            message = _("The order was declined and cancelled.")
        db.session.commit()
    except orders.WholesaleOrderError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("wholesale.order_detail", number=number))
    flash(message, "success")
    return redirect(url_for("wholesale.order_detail", number=number))


@bp.route("/orders/<number>/reorder", methods=["GET", "POST"])
@partner_required
def reorder(number: str):
    """Order a past order again: at today's prices and stock, every difference shown first."""
    order = _partner_order_or_404(number)
    buyer = current_buyer()
    lines = ordering.reorder_lines(order, buyer)
    if request.method == "POST":
        if not EmptyForm().validate():
            abort(400)
        try:
            added = ordering.add_reorder(current_cart(create=True), buyer, lines)
            db.session.commit()
        except ordering.QuickOrderError:
            db.session.rollback()
            flash(_("Nothing was added: the stock or the packs changed meanwhile."), "error")
            return redirect(url_for("wholesale.reorder", number=number))
        flash(
            ngettext(
                "%(num)s pack was added to your cart.",
                "%(num)s packs were added to your cart.",
                added,
            ),
            "success",
        )
        return redirect(url_for("cart.show"))
    return render_template(
        "wholesale/reorder.html", partner=current_partner(), order=order, lines=lines
    )


@bp.get("/statement")
@account_holder_required
def statement():
    partner = account_holder()
    return render_template(
        "wholesale/statement.html",
        partner=partner,
        statement=invoicing.statement(partner),
        buckets=invoicing.AGEING_BUCKETS,
        slip_form=SlipForm(formdata=None),
        pending=invoicing.pending_satang,
    )


@bp.post("/invoices/<number>/slip")
@account_holder_required
def send_slip(number: str):
    partner = account_holder()
    invoice = invoicing.invoice_of_partner(partner.id, number) or abort(404)
    form = SlipForm()
    picture = request.files.get("slip")
    try:
        if not form.validate():
            raise invoicing.InvoicingError(_first_error(form))
        if picture is None or not picture.filename:
            raise invoicing.InvoicingError(_("Please choose the slip picture."))
        try:
            amount = baht_to_satang(ascii_digits(form.amount.data))
        except ValueError as exc:
            raise invoicing.InvoicingError(
                _("Please enter the amount in baht, e.g. 1500 or 1,500.50.")
            ) from exc
        invoicing.send_slip(
            invoice.id, amount, picture.read(), form.reference.data or "", sender=current_user
        )
        db.session.commit()
    except invoicing.InvoicingError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("wholesale.statement"))
    flash(_("Thank you! The office checks your transfer and confirms it."), "success")
    return redirect(url_for("wholesale.statement"))


@bp.get("/account")
@member_required
def account():
    membership = partner_membership()
    return render_template(
        "wholesale/account.html",
        membership=membership,
        partner=membership.partner,
    )


# --- the partner admin's team page --------------------------------------------------------------


def _team_page(invite_form: InviteBuyerForm | None = None, status: int = 200):
    partner = partner_membership().partner
    members = team.members_of(partner.id)
    limit_forms = {}
    for member in members:
        form = SpendingLimitForm(formdata=None, prefix=f"member-{member.id}")
        form.spending_limit.data = plain_baht(member.spending_limit_satang)
        form.spending_limit.label.text = _(
            "Spending limit per order (baht) for %(name)s", name=member.user.name
        )
        form.spending_limit.description = ""
        limit_forms[member.id] = form
    return (
        render_template(
            "wholesale/team.html",
            partner=partner,
            members=members,
            limit_forms=limit_forms,
            pending=team.pending_invitations(partner.id),
            form=invite_form or InviteBuyerForm(formdata=None),
        ),
        status,
    )


@bp.get("/team")
@partner_admin_required
def team_page():
    return _team_page()


@bp.post("/team/invite")
@partner_admin_required
def invite():
    form = InviteBuyerForm()
    if not form.validate():
        return _team_page(form, 422)
    partner = partner_membership().partner
    try:
        team.invite_buyer(
            partner, form.email.data, form.spending_limit.satang, inviter=current_user
        )
    except team.TeamError as exc:
        db.session.rollback()
        form.email.errors.append(exc.message)
        return _team_page(form, 422)
    db.session.commit()
    flash(_("We sent an invitation to %(email)s.", email=form.email.data), "success")
    return redirect(url_for("wholesale.team_page"))


@bp.post("/team/invitations/<int:invite_id>/revoke")
@partner_admin_required
def revoke_invitation(invite_id: int):
    try:
        invitation = team.revoke(partner_membership().partner, invite_id, actor=current_user)
    except LookupError:
        abort(404)
    db.session.commit()
    flash(_("The invitation of %(email)s is withdrawn.", email=invitation.email), "success")
    return redirect(url_for("wholesale.team_page"))


@bp.post("/team/members/<int:member_id>/remove")
@partner_admin_required
def remove_member(member_id: int):
    try:
        user = team.remove_buyer(partner_membership().partner, member_id, actor=current_user)
    except LookupError:
        abort(404)
    except team.TeamError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
    else:
        db.session.commit()
        flash(_("%(name)s no longer buys for your company.", name=user.name), "success")
    return redirect(url_for("wholesale.team_page"))


@bp.post("/team/members/<int:member_id>/limit")
@partner_admin_required
def spending_limit(member_id: int):
    form = SpendingLimitForm(prefix=f"member-{member_id}")
    partner = partner_membership().partner
    try:
        if not form.validate():
            team.member(partner, member_id)  # another partner's id is "not found" all the same
            flash(str(next(iter(form.errors.values()))[0]), "error")
            return redirect(url_for("wholesale.team_page"))
        membership = team.set_spending_limit(
            partner, member_id, form.spending_limit.satang, actor=current_user
        )
    except LookupError:
        abort(404)
    except team.TeamError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("wholesale.team_page"))
    db.session.commit()
    flash(_("The spending limit of %(name)s is saved.", name=membership.user.name), "success")
    return redirect(url_for("wholesale.team_page"))


# --- joining a team -------------------------------------------------------------------------------


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = team.open_invitation(token)
    if invitation is None:
        return render_template("wholesale/invitation_invalid.html"), 400
    page = "wholesale/accept_invitation.html"
    if current_user.is_authenticated:
        if current_user.email != invitation.email:
            return render_template(page, invitation=invitation, wrong_user=True)
        if request.method == "POST":
            try:
                team.accept(invitation, current_user)
            except team.TeamError as exc:
                db.session.rollback()
                return render_template(page, invitation=invitation, error=exc.message), 409
            db.session.commit()
            flash(_("Welcome to %(partner)s.", partner=invitation.partner.name), "success")
            return redirect(url_for("wholesale.account"))
        return render_template(page, invitation=invitation, confirm=True)
    if accounts.email_registered(invitation.email):
        return render_template(page, invitation=invitation, needs_login=True)
    form = JoinForm()
    if form.validate_on_submit():
        user = accounts.register_user(
            email=invitation.email,
            password=form.password.data,
            name=form.name.data,
            phone=form.phone.data,
            locale=form.language.data,
        )
        team.accept(invitation, user)
        _start_session(user)
        db.session.commit()
        flash(_("Welcome to %(partner)s.", partner=invitation.partner.name), "success")
        return redirect(url_for("wholesale.account"))
    return render_template(page, invitation=invitation, form=form)


# The partner's papers (proforma, commercial invoice, packing list) add their routes to ``bp``.
from shop.wholesale import paper_views  # noqa: E402,F401
