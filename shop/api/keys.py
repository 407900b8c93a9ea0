"""API keys of partner companies: created and revoked by a partner admin, checked on every call.

A key is ``rnk_`` followed by 43 characters of ``secrets.token_urlsafe(32)`` (256 bits); only
its SHA-256 is stored, with its first 12 characters to recognise it by. The key is shown once,
when it is created. A revoked key, a key of a partner that is not approved (suspended,
rejected) or whose creator is no longer the partner's admin answers as an unknown key would.
Services flush and audit; the caller commits.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from shop.accounts.models import User
from shop.api.models import ApiKey, Scope
from shop.core.db import utcnow
from shop.core.text import normalize_text
from shop.extensions import db
from shop.platform.audit import record
from shop.wholesale.models import PartnerMembership, PartnerRole, PartnerShop, PartnerShopStatus

TOKEN_PREFIX = "rnk_"
SHOWN_PREFIX = 12  # characters of the token kept to recognise it ("rnk_Ab3dE9xY")
MAX_KEY_NAME = 80
MAX_KEYS = 20  # live keys per partner company
LAST_USED_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often


# What each scope lets a key do, as the partner admin reads it.
SCOPE_NAMES = {
    Scope.CATALOGUE_READ: _l("Read the catalogue with your prices"),
    Scope.ORDERS_WRITE: _l("Place orders and read orders and the statement"),
}


class KeyAlreadyCreated(Exception):
    """The form that asks for this key created one already (it was sent twice): ``key``."""

    def __init__(self, key: ApiKey):
        super().__init__(key.name)
        self.key = key


class KeyError_(Exception):
    """A key that cannot be created or revoked; ``message`` says why (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    token: str  # shown once


def create_key(
    partner: PartnerShop,
    actor: User,
    name: str,
    scopes: list[str],
    form_nonce: str | None = None,
) -> NewKey:
    """A new key for ``partner`` named ``name`` with ``scopes`` (values of Scope);
    ``form_nonce`` names the form that asked for it, so that the form sent again (a reload,
    a double click) creates no second key.

    Raises KeyError_ for an empty or too long name, no or unknown scopes, or more than MAX_KEYS
    live keys; KeyAlreadyCreated when this form created a key already."""
    form_nonce = form_nonce or None
    if form_nonce is not None and (earlier := _created_by_form(partner.id, form_nonce)):
        raise KeyAlreadyCreated(earlier)
    name = (normalize_text(name or "") or "").strip()
    if not name:
        raise KeyError_(_l("Please give the key a name."))
    if len(name) > MAX_KEY_NAME:
        raise KeyError_(_l("Please use at most %(max)s characters.", max=MAX_KEY_NAME))
    known = {s.value for s in Scope}
    chosen = [s for s in dict.fromkeys(scopes) if s in known]
    if not chosen or len(chosen) != len(set(scopes)):
        raise KeyError_(_l("Please choose what the key may do."))
    if len(live_keys(partner.id)) >= MAX_KEYS:
        raise KeyError_(_l("Your company has %(max)s keys: revoke one first.", max=MAX_KEYS))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        partner_shop_id=partner.id,
        name=name,
        prefix=token[:SHOWN_PREFIX],
        key_sha256=digest(token),
        scopes=" ".join(chosen),
        created_by_id=actor.id,
        form_nonce=form_nonce,
    )
    try:
        with db.session.begin_nested():  # the same form sent twice at once: one key
            db.session.add(key)
            db.session.flush()
    except IntegrityError:
        raise KeyAlreadyCreated(_created_by_form(partner.id, form_nonce)) from None
    record("api_key.create", key, actor_id=actor.id, name=name, scopes=key.scopes)
    return NewKey(key, token)


def _created_by_form(partner_id: int, form_nonce: str) -> ApiKey | None:
    return db.session.scalars(
        select(ApiKey).where(ApiKey.partner_shop_id == partner_id, ApiKey.form_nonce == form_nonce)
    ).first()


def revoke_key(partner: PartnerShop, key_id: int, actor: User) -> ApiKey | None:
    """Revoke one of the partner's keys (at once, on every server); None when it has no such
    live key."""
    key = db.session.scalars(
        select(ApiKey).where(
            ApiKey.id == key_id, ApiKey.partner_shop_id == partner.id, ApiKey.revoked_at.is_(None)
        )
    ).first()
    if key is None:
        return None
    key.revoked_at = utcnow()
    key.revoked_by_id = actor.id
    db.session.flush()
    record("api_key.revoke", key, actor_id=actor.id, name=key.name)
    return key


def keys_of(partner_id: int) -> list[ApiKey]:
    """The partner's keys, live ones first, newest first."""
    return list(
        db.session.scalars(
            select(ApiKey)
            .where(ApiKey.partner_shop_id == partner_id)
            .options(joinedload(ApiKey.created_by))
            .order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc(), ApiKey.id.desc())
        )
    )


def live_keys(partner_id: int) -> list[ApiKey]:
    return [k for k in keys_of(partner_id) if not k.is_revoked]


class KeyRefused(Exception):
    """The request's key is missing, unknown, revoked (``slug`` "invalid-key") or its partner
    is not approved ("partner-not-active")."""

    def __init__(self, slug: str):
        super().__init__(slug)
        self.slug = slug


def authenticate(token: str | None) -> tuple[ApiKey, PartnerMembership]:
    """The live key named by ``token`` and the membership it acts with (its creator's, who
    must still be the partner's admin). Notes the key's use (at most once a minute, in its
    own short transaction). Raises KeyRefused."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise KeyRefused("invalid-key")
    key = db.session.scalars(
        select(ApiKey)
        .where(ApiKey.key_sha256 == digest(token))
        .options(joinedload(ApiKey.partner).joinedload(PartnerShop.price_list))
    ).first()
    if key is None or key.is_revoked:
        raise KeyRefused("invalid-key")
    membership = db.session.scalars(
        select(PartnerMembership)
        .where(
            PartnerMembership.user_id == key.created_by_id,
            PartnerMembership.partner_shop_id == key.partner_shop_id,
            PartnerMembership.role == PartnerRole.PARTNER_ADMIN,
        )
        .options(joinedload(PartnerMembership.user))
    ).first()
    if membership is None or not membership.user.active:
        raise KeyRefused("invalid-key")
    if key.partner.status != PartnerShopStatus.APPROVED:
        raise KeyRefused("partner-not-active")
    _note_use(key)
    return key, membership


def _note_use(key: ApiKey) -> None:
    """Write the time of use, at most once a minute per key, in a transaction of its own that
    starts with the write (so on SQLite it waits for the write lock instead of failing to
    upgrade a read). Nothing else has happened in the request yet."""
    now = utcnow()
    if key.last_used_at is not None and now - key.last_used_at <= LAST_USED_EVERY:
        return
    db.session.commit()
    db.session.execute(update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now))
    db.session.commit()
