"""Who may open which backend page: platform admins, and cooperative staff and owners.

The seller backend always works inside one cooperative, the *current* one, chosen among the
user's memberships and kept in the session. Every seller query is scoped to it.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, g, session
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.catalog.models import Cooperative
from shop.extensions import db

CURRENT_COOPERATIVE_KEY = "seller_cooperative"


def admin_required(view):
    """The view is for platform admins: others get 403, visitors are sent to log in."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_platform_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def memberships(user_id: int) -> list[CooperativeMembership]:
    return list(
        db.session.scalars(
            select(CooperativeMembership)
            .where(CooperativeMembership.user_id == user_id)
            .options(joinedload(CooperativeMembership.cooperative))
            .order_by(CooperativeMembership.cooperative_id)
        )
    )


def home_endpoint(user) -> str:
    """Where a logged-in ``user`` lands when no page was asked for: the platform admin on the
    admin, cooperative staff on the seller backend, a partner-shop member on the partner's
    page, anyone else on the account page. Two small queries at most."""
    if user.is_platform_admin:
        return "platform.home"
    has_membership = db.session.scalar(
        select(CooperativeMembership.id).where(CooperativeMembership.user_id == user.id).limit(1)
    )
    if has_membership is not None:
        return "seller.home"
    if user.partner_membership is not None:
        return "wholesale.account"
    return "accounts.account"


def current_membership() -> CooperativeMembership | None:
    """The membership the user is working in: the one chosen in the session, else the first."""
    if "seller_membership" in g:
        return g.seller_membership
    found = memberships(current_user.id) if current_user.is_authenticated else []
    wanted = session.get(CURRENT_COOPERATIVE_KEY)
    chosen = next((m for m in found if m.cooperative_id == wanted), found[0] if found else None)
    g.seller_membership = chosen
    return chosen


def current_cooperative() -> Cooperative:
    """The cooperative the seller backend works in. Only valid inside a staff_required view."""
    return current_membership().cooperative


def staff_required(view):
    """The view is for staff (or owners) of a cooperative; anyone else gets 403."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if current_membership() is None:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def owner_required(view):
    """The view is for owners of the current cooperative (staff and settings)."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        membership = current_membership()
        if membership is None or membership.role != MembershipRole.OWNER:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def switch_cooperative(cooperative_id: int) -> bool:
    """Work in another of the user's cooperatives; False if the user is not a member of it."""
    if not any(m.cooperative_id == cooperative_id for m in memberships(current_user.id)):
        return False
    session[CURRENT_COOPERATIVE_KEY] = cooperative_id
    g.pop("seller_membership", None)
    return True
