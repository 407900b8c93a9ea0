"""A partner company's life: it applies, the platform approves it with a price list and payment
terms (or rejects it), may suspend and reactivate it.

Services flush, write the audit log and queue mails to the partner admins in the partner's
preferred language (sent once the caller commits).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, fields

from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, select
from sqlalchemy.orm import joinedload, selectinload

from shop.accounts.models import User
from shop.core.db import utcnow
from shop.core.mail import send_after_commit
from shop.core.pagination import paginate
from shop.core.urls import external_url
from shop.extensions import db
from shop.platform.audit import record
from shop.pricing.models import PriceList
from shop.wholesale.models import (
    MAX_CREDIT_LIMIT_SATANG,
    PartnerMembership,
    PartnerRole,
    PartnerShop,
    PartnerShopStatus,
    PaymentTerms,
)
from shop.wholesale.reasons import PARTNER_REJECTION

QUEUE_PAGE_SIZE = 50
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class PartnerError(Exception):
    """A change to a partner company that cannot be made; ``message`` says why (translated),
    ``field`` names the form field it is about, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class ApplicationData:
    """What a business fills in to apply. ``phone`` in E.164, ``region`` an ISO 3166-2:MM code."""

    name: str
    contact_name: str
    phone: str
    address_line: str
    ward: str
    township: str
    region: str
    postcode: str
    registration_number: str
    preferred_language: str


@dataclass(frozen=True)
class Terms:
    """What the platform grants: a price list (None: retail prices), payment terms, and a credit
    limit in satang (0 when prepaid)."""

    price_list_id: int | None
    payment_terms: PaymentTerms
    credit_limit_satang: int
    require_po_number: bool = False


# --- applying ---------------------------------------------------------------------------------


def _new_slug(name: str) -> str:
    """A web-safe, unique name for the partner: its Latin letters and a random tail."""
    stem = _NOT_SLUG.sub("-", name.lower()).strip("-")[:60].strip("-") or "partner"
    return f"{stem}-{secrets.token_hex(3)}"


def apply(data: ApplicationData, user: User) -> PartnerShop:
    """Record an application from ``user``, who becomes the partner's admin (with wholesale
    access once the platform approves it). Mails the applicant and the platform admins.

    Raises PartnerError when the user already belongs to a partner company.
    """
    taken = db.session.scalar(
        select(PartnerMembership.id).where(PartnerMembership.user_id == user.id)
    )
    if taken is not None:
        raise PartnerError(_l("Your account already belongs to a partner company."))
    partner = PartnerShop(slug=_new_slug(data.name), country="MM")
    for field in fields(ApplicationData):
        setattr(partner, field.name, getattr(data, field.name))
    partner.members.append(PartnerMembership(user=user, role=PartnerRole.PARTNER_ADMIN))
    db.session.add(partner)
    db.session.flush()
    record("partner.apply", partner, actor_id=user.id, partner=partner.name)
    send_after_commit(
        user.email,
        "partner_application",
        partner.preferred_language,
        partner=partner,
        user=user,
        account_url=external_url("wholesale.account"),
    )
    admins = db.session.scalars(select(User).where(User.is_platform_admin, User.active))
    for admin in admins:
        send_after_commit(
            admin.email,
            "partner_application_admin",
            admin.locale,
            partner=partner,
            url=external_url("platform.partner_detail", partner_id=partner.id),
        )
    return partner


# --- the platform's queue ---------------------------------------------------------------------


def queue(page: int = 1) -> Pagination:
    """Every partner company: applications waiting first (oldest first), then approved,
    suspended and rejected ones by name."""
    order = case(
        {
            PartnerShopStatus.PENDING: 0,
            PartnerShopStatus.APPROVED: 1,
            PartnerShopStatus.SUSPENDED: 2,
            PartnerShopStatus.REJECTED: 3,
        },
        value=PartnerShop.status,
    )
    waiting_first = case(
        (PartnerShop.status == PartnerShopStatus.PENDING, PartnerShop.created_at), else_=None
    )
    stmt = (
        select(PartnerShop)
        .options(joinedload(PartnerShop.price_list))
        .order_by(order, waiting_first, PartnerShop.name, PartnerShop.id)
    )
    return paginate(stmt, page, QUEUE_PAGE_SIZE)


def get_partner(partner_id: int) -> PartnerShop | None:
    """A partner company with its members and their accounts, or None."""
    return db.session.scalars(
        select(PartnerShop)
        .where(PartnerShop.id == partner_id)
        .options(
            joinedload(PartnerShop.price_list),
            selectinload(PartnerShop.members).joinedload(PartnerMembership.user),
        )
    ).first()


# --- decisions --------------------------------------------------------------------------------


def _check_terms(terms: Terms, *, keep_list_id: int | None = None) -> None:
    """Raises PartnerError for terms that do not hold together. An inactive price list may
    only be kept (``keep_list_id``), not newly given."""
    if terms.price_list_id is not None:
        price_list = db.session.get(PriceList, terms.price_list_id)
        if price_list is None or (not price_list.is_active and price_list.id != keep_list_id):
            raise PartnerError(_l("Choose an active price list."), "price_list")
    if not 0 <= terms.credit_limit_satang <= MAX_CREDIT_LIMIT_SATANG:
        raise PartnerError(_l("Enter a credit limit from 0 to 10,000,000 baht."), "credit_limit")
    if terms.payment_terms == PaymentTerms.PREPAID and terms.credit_limit_satang:
        raise PartnerError(
            _l("A prepaid partner pays before delivery: leave the credit limit at 0."),
            "credit_limit",
        )
    if terms.payment_terms != PaymentTerms.PREPAID and not terms.credit_limit_satang:
        raise PartnerError(
            _l("Payment on terms needs a credit limit above 0 baht."), "credit_limit"
        )


def _set_terms(partner: PartnerShop, terms: Terms) -> dict[str, list]:
    changes = {}
    for field in fields(Terms):
        old, new = getattr(partner, field.name), getattr(terms, field.name)
        if old != new:
            changes[field.name] = [
                old.value if isinstance(old, PaymentTerms) else old,
                new.value if isinstance(new, PaymentTerms) else new,
            ]
            setattr(partner, field.name, new)
    if "price_list_id" in changes:
        db.session.expire(partner, ["price_list"])  # read the new list, not the one loaded
    return changes


def _mail_admins(partner: PartnerShop, template: str, **context) -> None:
    """Mail every partner admin of ``partner`` in the partner's preferred language."""
    for membership in partner.admins:
        send_after_commit(
            membership.user.email,
            template,
            partner.preferred_language,
            partner=partner,
            user=membership.user,
            account_url=external_url("wholesale.account"),
            **context,
        )


def _require(partner: PartnerShop, *allowed: PartnerShopStatus) -> None:
    if partner.status not in allowed:
        raise PartnerError(_l("This cannot be done in the partner's present status."))


def approve(partner: PartnerShop, terms: Terms, *, actor: User) -> None:
    """Approve a waiting (or earlier rejected) application with ``terms``; mails the partner.

    Raises PartnerError for another status or terms that do not hold together.
    """
    _require(partner, PartnerShopStatus.PENDING, PartnerShopStatus.REJECTED)
    _check_terms(terms)
    _set_terms(partner, terms)
    partner.status = PartnerShopStatus.APPROVED
    partner.rejection_reason = ""
    partner.approved_at = utcnow()
    partner.approved_by = actor
    db.session.flush()
    record(
        "partner.approve",
        partner,
        actor_id=actor.id,
        partner=partner.name,
        price_list_id=terms.price_list_id,
        payment_terms=terms.payment_terms.value,
        credit_limit_satang=terms.credit_limit_satang,
        require_po_number=terms.require_po_number,
    )
    _mail_admins(partner, "partner_approved")


def update_terms(partner: PartnerShop, terms: Terms, *, actor: User) -> dict[str, list]:
    """Change an approved (or suspended) partner's terms; returns and audits the changes.

    Raises PartnerError for another status or terms that do not hold together.
    """
    _require(partner, PartnerShopStatus.APPROVED, PartnerShopStatus.SUSPENDED)
    _check_terms(terms, keep_list_id=partner.price_list_id)
    changes = _set_terms(partner, terms)
    if changes:
        db.session.flush()
        record("partner.terms", partner, actor_id=actor.id, partner=partner.name, changes=changes)
    return changes


def reject(partner: PartnerShop, reason: tuple[str, str], *, actor: User) -> None:
    """Turn down a waiting application, telling the applicant ``reason``: (code, note), a code
    of PARTNER_REJECTION worded in the applicant's language, and the office's note as typed.

    Raises PartnerError when the partner is not waiting or the reason is not one the list
    can give ("Another reason" needs a note).
    """
    _require(partner, PartnerShopStatus.PENDING)
    code, note = reason[0], (reason[1] or "").strip()
    if not PARTNER_REJECTION.accepts(code, note):
        raise PartnerError(_l("Please give the applicant a reason."), "reason")
    partner.status = PartnerShopStatus.REJECTED
    partner.rejection_reason_code, partner.rejection_reason = code, note
    db.session.flush()
    record(
        "partner.reject", partner, actor_id=actor.id, partner=partner.name, reason=code, note=note
    )
    _mail_admins(partner, "partner_rejected", reason_code=code, reason_note=note)


def suspend(partner: PartnerShop, *, actor: User) -> None:
    """Stop an approved partner's wholesale access (from its members' next request).

    Raises PartnerError when the partner is not approved.
    """
    _require(partner, PartnerShopStatus.APPROVED)
    partner.status = PartnerShopStatus.SUSPENDED
    db.session.flush()
    record("partner.suspend", partner, actor_id=actor.id, partner=partner.name)
    _mail_admins(partner, "partner_suspended")


def reactivate(partner: PartnerShop, *, actor: User) -> None:
    """Give a suspended partner its wholesale access back, on its old terms.

    Raises PartnerError when the partner is not suspended.
    """
    _require(partner, PartnerShopStatus.SUSPENDED)
    partner.status = PartnerShopStatus.APPROVED
    db.session.flush()
    record("partner.reactivate", partner, actor_id=actor.id, partner=partner.name)
    _mail_admins(partner, "partner_reactivated")
