"""Seller backend: the cooperative's staff and invitations (owners only)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_cooperative, owner_required
from shop.accounts.forms import InviteForm
from shop.accounts.models import MembershipRole
from shop.core.i18n import current_language
from shop.extensions import db
from shop.platform import invitations
from shop.seller.views import bp


@bp.get("/staff")
@owner_required
def staff():
    cooperative = current_cooperative()
    return render_template(
        "seller/staff.html",
        cooperative=cooperative,
        members=invitations.staff_of(cooperative.id),
        pending=invitations.pending(cooperative.id),
        form=InviteForm(),
    )


@bp.post("/staff/invite")
@owner_required
def invite_staff():
    cooperative = current_cooperative()
    form = InviteForm()
    if not form.validate():
        for errors in form.errors.values():
            flash(str(errors[0]), "error")
            break
        return redirect(url_for("seller.staff"))
    try:
        invitations.invite(
            cooperative.id,
            form.email.data,
            MembershipRole(form.role.data),
            inviter=current_user,
            lang=current_language(),
        )
    except invitations.InvitationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("seller.staff"))
    db.session.commit()
    flash(_("We sent an invitation to %(email)s.", email=form.email.data), "success")
    return redirect(url_for("seller.staff"))


@bp.post("/staff/<int:membership_id>/remove")
@owner_required
def remove_staff(membership_id: int):
    try:
        invitations.remove_member(current_cooperative().id, membership_id, actor_id=current_user.id)
    except LookupError:
        abort(404)
    except invitations.InvitationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("seller.staff"))
    db.session.commit()
    flash(_("Removed from the staff."), "success")
    return redirect(url_for("seller.staff"))


@bp.post("/staff/invitations/<int:invitation_id>/revoke")
@owner_required
def revoke_invitation(invitation_id: int):
    if not invitations.revoke(current_cooperative().id, invitation_id, actor_id=current_user.id):
        abort(404)
    db.session.commit()
    flash(_("The invitation was withdrawn."), "success")
    return redirect(url_for("seller.staff"))
