"""Staff invitations: an admin or a cooperative's owner invites an email; the invitee accepts
through an emailed link that expires, setting a password if they have no account yet."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shop.accounts.invitation_links import find_open
from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.core.db import utcnow
from shop.core.mail import send_after_commit
from shop.core.urls import external_url
from shop.extensions import db
from shop.platform.audit import record
from shop.platform.models import Invitation


class InvitationError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def invite(
    cooperative_id: int, email: str, role: MembershipRole, *, inviter: User, lang: str
) -> Invitation:
    """Invite ``email`` to the cooperative's staff and mail the link (in ``lang``).

    Raises InvitationError when the email already belongs to the cooperative's staff.
    """
    email = email.strip().lower()
    already = db.session.scalar(
        select(CooperativeMembership.id)
        .join(CooperativeMembership.user)
        .where(CooperativeMembership.cooperative_id == cooperative_id, User.email == email)
    )
    if already is not None:
        raise InvitationError(_l("%(email)s is already on the staff.", email=email))
    invitation = Invitation(
        email=email, cooperative_id=cooperative_id, role=role, invited_by_id=inviter.id
    )
    token = invitation.issue()
    db.session.add(invitation)
    db.session.flush()
    record(
        "staff.invite",
        invitation,
        actor_id=inviter.id,
        cooperative_id=cooperative_id,
        email=email,
        role=role.value,
    )
    send_after_commit(
        email,
        "staff_invitation",
        lang,
        invitation=invitation,
        inviter=inviter,
        url=external_url("accounts.accept_invitation", token=token),
    )
    return invitation


def open_invitation(token: str) -> Invitation | None:
    """The invitation a link names, if it is still valid (not used, revoked or expired)."""
    return find_open(Invitation, token)


def accept(invitation: Invitation, user: User) -> CooperativeMembership:
    """Make ``user`` (whose email must be the invited one) staff of the cooperative, once."""
    if user.email != invitation.email:
        raise InvitationError(_l("This invitation is for another email address."))
    membership = db.session.scalars(
        select(CooperativeMembership).where(
            CooperativeMembership.user_id == user.id,
            CooperativeMembership.cooperative_id == invitation.cooperative_id,
        )
    ).first()
    if membership is None:
        membership = CooperativeMembership(
            user=user, cooperative_id=invitation.cooperative_id, role=invitation.role
        )
        db.session.add(membership)
    invitation.accepted_at = utcnow()
    db.session.flush()
    record(
        "staff.join",
        membership,
        actor_id=user.id,
        cooperative_id=invitation.cooperative_id,
        role=invitation.role.value,
    )
    return membership


def pending(cooperative_id: int) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.cooperative_id == cooperative_id, Invitation.is_open())
            .order_by(Invitation.created_at)
        )
    )


def revoke(cooperative_id: int, invitation_id: int, *, actor_id: int) -> bool:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.cooperative_id != cooperative_id:
        return False
    invitation.revoked_at = utcnow()
    record(
        "staff.revoke_invitation",
        invitation,
        actor_id=actor_id,
        cooperative_id=cooperative_id,
        email=invitation.email,
    )
    return True


def staff_of(cooperative_id: int) -> list[CooperativeMembership]:
    return list(
        db.session.scalars(
            select(CooperativeMembership)
            .where(CooperativeMembership.cooperative_id == cooperative_id)
            .join(CooperativeMembership.user)
            .order_by(User.name)
        )
    )


def remove_member(cooperative_id: int, membership_id: int, *, actor_id: int) -> None:
    """An owner removes someone from the staff. Raises InvitationError for the last owner."""
    membership = db.session.get(CooperativeMembership, membership_id)
    if membership is None or membership.cooperative_id != cooperative_id:
        raise LookupError(membership_id)
    if membership.role == MembershipRole.OWNER:
        owners = db.session.scalar(
            select(func.count(CooperativeMembership.id)).where(
                CooperativeMembership.cooperative_id == cooperative_id,
                CooperativeMembership.role == MembershipRole.OWNER,
            )
        )
        if owners <= 1:
            raise InvitationError(_l("A cooperative keeps at least one owner."))
    record(
        "staff.remove",
        membership,
        actor_id=actor_id,
        cooperative_id=cooperative_id,
        user_id=membership.user_id,
        email=membership.user.email,
    )
    db.session.delete(membership)
    db.session.flush()
