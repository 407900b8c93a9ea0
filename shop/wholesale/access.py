"""Who may use the wholesale side: members of a partner company, and of an approved one.

Wholesale access is decided here and nowhere else, from the database on every request (the
answer is kept in ``g`` for that request only), so a suspension takes effect on the very next
request on every server.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from shop.extensions import db
from shop.pricing.quotes import Buyer
from shop.wholesale.models import PartnerMembership, PartnerShop, PartnerShopStatus


def partner_membership() -> PartnerMembership | None:
    """The logged-in user's membership of a partner company, whatever its status; else None."""
    authenticated = current_user.is_authenticated  # the user loader reads it too, into g
    if "partner_membership" not in g:
        g.partner_membership = (
            db.session.scalars(
                select(PartnerMembership)
                .where(PartnerMembership.user_id == current_user.id)
                .options(joinedload(PartnerMembership.partner).joinedload(PartnerShop.price_list))
            ).first()
            if authenticated
            else None
        )
    return g.partner_membership


def current_partner() -> PartnerShop | None:
    """The partner company the user buys for, if it is approved (not pending, rejected or
    suspended); None for everyone else. Anything wholesale (prices, ordering) asks this."""
    membership = partner_membership()
    if membership is None or membership.partner.status != PartnerShopStatus.APPROVED:
        return None
    return membership.partner


def current_buyer() -> Buyer:
    """Who the visitor buys as, for shop.pricing.quotes: the approved partner company with its
    price list, or retail (anonymous visitors, customers, members of a pending, rejected or
    suspended partner). One per request."""
    if "buyer" not in g:
        partner = current_partner()
        g.buyer = (
            Buyer(partner_id=partner.id, price_list=partner.price_list) if partner else Buyer()
        )
    return g.buyer


def member_required(view):
    """The view is for members of a partner company, whatever its status; others get 403."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if partner_membership() is None:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def partner_required(view):
    """The view is for members of an approved partner company; members of another one are
    sent to their account page (which says why), others get 403."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if partner_membership() is None:
            abort(403)
        if current_partner() is None:
            return redirect(url_for("wholesale.account"))
        return view(*args, **kwargs)

    return wrapper


def account_holder_required(view):
    """The view is for members of an approved or a suspended partner company: a suspended
    partner still sees its orders and statement and pays what it owes. Members of a pending or
    rejected partner are sent to their account page; others get 403."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        membership = partner_membership()
        if membership is None:
            abort(403)
        if membership.partner.status not in (
            PartnerShopStatus.APPROVED,
            PartnerShopStatus.SUSPENDED,
        ):
            return redirect(url_for("wholesale.account"))
        return view(*args, **kwargs)

    return wrapper


def account_holder() -> PartnerShop:
    """The partner company of an account holder (see account_holder_required)."""
    return partner_membership().partner


def partner_admin_required(view):
    """The view is for the partner admins of an approved partner company; others get 403."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        membership = partner_membership()
        if current_partner() is None or not membership.is_partner_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper
