"""A partner company's team: its partner admins invite buyers by email (single-use links, as
for cooperative staff: shop.accounts.invitation_links), remove them, and set the most each
buyer may spend on one order.

Every function takes the partner the acting admin works for; an id of another partner's member
or invitation is LookupError (the view answers 404). Services flush and audit; the caller commits.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shop.accounts.invitation_links import find_open
from shop.accounts.models import User
from shop.core.db import utcnow
from shop.core.mail import send_after_commit
from shop.core.urls import external_url
from shop.extensions import db
from shop.platform.audit import record
from shop.wholesale.models import (
    MAX_SPENDING_LIMIT_SATANG,
    PartnerInvitation,
    PartnerMembership,
    PartnerRole,
    PartnerShop,
    PartnerShopStatus,
)


class TeamError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def members_of(partner_id: int) -> list[PartnerMembership]:
    """The partner's members with their accounts: partner admins first, then by name."""
    return list(
        db.session.scalars(
            select(PartnerMembership)
            .join(PartnerMembership.user)
            .where(PartnerMembership.partner_shop_id == partner_id)
            .order_by(PartnerMembership.role.desc(), User.name, PartnerMembership.id)
        )
    )


def pending_invitations(partner_id: int) -> list[PartnerInvitation]:
    return list(
        db.session.scalars(
            select(PartnerInvitation)
            .where(PartnerInvitation.partner_shop_id == partner_id, PartnerInvitation.is_open())
            .order_by(PartnerInvitation.created_at, PartnerInvitation.id)
        )
    )


def _check_limit(limit_satang: int | None) -> None:
    if limit_satang is not None and not 0 < limit_satang <= MAX_SPENDING_LIMIT_SATANG:
        raise TeamError(_l("Enter a limit above 0 and up to 10,000,000 baht, or leave it empty."))


def invite_buyer(
    partner: PartnerShop, email: str, limit_satang: int | None, *, inviter: User
) -> PartnerInvitation:
    """Invite ``email`` to buy for the partner (an open invitation to it is sent anew) and mail
    the link in the partner's language.

    Raises TeamError when the email is already on the team or the limit is out of range.
    """
    email = email.strip().lower()
    _check_limit(limit_satang)
    member = db.session.scalar(
        select(PartnerMembership.id)
        .join(PartnerMembership.user)
        .where(PartnerMembership.partner_shop_id == partner.id, User.email == email)
    )
    if member is not None:
        raise TeamError(_l("%(email)s is already on your team.", email=email))
    invitation = db.session.scalars(
        select(PartnerInvitation).where(
            PartnerInvitation.partner_shop_id == partner.id,
            PartnerInvitation.email == email,
            PartnerInvitation.is_open(),
        )
    ).first()
    if invitation is None:
        invitation = PartnerInvitation(partner_shop_id=partner.id, email=email)
        db.session.add(invitation)
    invitation.invited_by_id = inviter.id
    invitation.spending_limit_satang = limit_satang
    token = invitation.issue()
    db.session.flush()
    record(
        "partner.invite",
        invitation,
        actor_id=inviter.id,
        partner_id=partner.id,
        partner=partner.name,
        email=email,
        spending_limit_satang=limit_satang,
    )
    send_after_commit(
        email,
        "partner_invitation",
        partner.preferred_language,
        partner=partner,
        inviter=inviter,
        limit_satang=limit_satang,
        url=external_url("wholesale.accept_invitation", token=token),
    )
    return invitation


def open_invitation(token: str) -> PartnerInvitation | None:
    """The invitation a link names, if it is still open and its partner is approved."""
    invitation = find_open(PartnerInvitation, token)
    if invitation is None or invitation.partner.status != PartnerShopStatus.APPROVED:
        return None
    return invitation


def accept(invitation: PartnerInvitation, user: User) -> PartnerMembership:
    """Make ``user`` (whose email must be the invited one) a buyer of the partner, once.

    Raises TeamError for another email, or a user who already belongs to another partner.
    """
    if user.email != invitation.email:
        raise TeamError(_l("This invitation is for another email address."))
    membership = db.session.scalars(
        select(PartnerMembership).where(PartnerMembership.user_id == user.id)
    ).first()
    if membership is not None and membership.partner_shop_id != invitation.partner_shop_id:
        raise TeamError(
            _l("Your account already belongs to another partner company; it can buy for one only.")
        )
    if membership is None:
        membership = PartnerMembership(
            user=user,
            partner_shop_id=invitation.partner_shop_id,
            role=PartnerRole.BUYER,
            spending_limit_satang=invitation.spending_limit_satang,
        )
        db.session.add(membership)
    invitation.accepted_at = utcnow()
    db.session.flush()
    record(
        "partner.join",
        membership,
        actor_id=user.id,
        partner_id=invitation.partner_shop_id,
        partner=invitation.partner.name,
        email=user.email,
    )
    return membership


def revoke(partner: PartnerShop, invitation_id: int, *, actor: User) -> PartnerInvitation:
    """Withdraw an open invitation. Raises LookupError for none of this partner's."""
    invitation = db.session.get(PartnerInvitation, invitation_id)
    if invitation is None or invitation.partner_shop_id != partner.id:
        raise LookupError(invitation_id)
    invitation.revoked_at = utcnow()
    record(
        "partner.revoke_invitation",
        invitation,
        actor_id=actor.id,
        partner_id=partner.id,
        partner=partner.name,
        email=invitation.email,
    )
    return invitation


def member(partner: PartnerShop, member_id: int) -> PartnerMembership:
    """One of the partner's members. Raises LookupError for anyone else's id."""
    membership = db.session.get(PartnerMembership, member_id)
    if membership is None or membership.partner_shop_id != partner.id:
        raise LookupError(member_id)
    return membership


def _buyer(partner: PartnerShop, member_id: int) -> PartnerMembership:
    membership = member(partner, member_id)
    if membership.role != PartnerRole.BUYER:
        raise TeamError(_l("Partner admins are managed by the platform, not on this page."))
    return membership


def remove_buyer(partner: PartnerShop, member_id: int, *, actor: User) -> User:
    """Take a buyer off the team; returns the buyer's account (which stays).

    Raises LookupError for none of this partner's members, TeamError for a partner admin.
    """
    membership = _buyer(partner, member_id)
    user = membership.user
    record(
        "partner.remove_member",
        membership,
        actor_id=actor.id,
        partner_id=partner.id,
        partner=partner.name,
        email=user.email,
    )
    db.session.delete(membership)
    db.session.flush()
    return user


def set_spending_limit(
    partner: PartnerShop, member_id: int, limit_satang: int | None, *, actor: User
) -> PartnerMembership:
    """Set the most a buyer's order may be worth (satang; None: no limit).

    Raises LookupError for none of this partner's members, TeamError for a partner admin or a
    limit out of range.
    """
    membership = _buyer(partner, member_id)
    _check_limit(limit_satang)
    old = membership.spending_limit_satang
    if old != limit_satang:
        membership.spending_limit_satang = limit_satang
        db.session.flush()
        record(
            "partner.spending_limit",
            membership,
            actor_id=actor.id,
            partner_id=partner.id,
            partner=partner.name,
            email=membership.user.email,
            spending_limit_satang=[old, limit_satang],
        )
    return membership
