"""Proving an account's email address: a signed, single-use link mailed to it.

The link (itsdangerous, salt ``email-proof``, valid ``EMAIL_PROOF_MAX_AGE`` seconds, 3 days by
default) names the user, the address and a fingerprint of the account's proof state. Opening
it (a button, so a mail scanner fetching the link proves nothing) sets
``User.email_verified_at``, which changes the fingerprint: the link works once. A new email
clears the proof and the links for the old address name another address. Only a proven address
brings the orders placed as a guest with it into the account (shop.orders.claims), then and at
each later log-in.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from shop.accounts.models import User
from shop.core.db import utcnow
from shop.core.mail import send_after_commit
from shop.core.urls import external_url
from shop.extensions import db
from shop.orders.claims import count_guest_orders, link_guest_orders

EMAIL_PROOF_SALT = "email-proof"
DEFAULT_EMAIL_PROOF_MAX_AGE = 3 * 24 * 3600


def max_age() -> int:
    """How long a proof link works, in seconds (``EMAIL_PROOF_MAX_AGE``, default 3 days)."""
    return int(current_app.config.get("EMAIL_PROOF_MAX_AGE", DEFAULT_EMAIL_PROOF_MAX_AGE))


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=EMAIL_PROOF_SALT)


def _fingerprint(user: User) -> str:
    """Changes when the address is proven or changed, or the password changes."""
    state = f"{user.email}|{user.email_verified_at.isoformat() if user.email_verified_at else ''}"
    return hashlib.sha256(f"{state}|{user.password_hash}".encode()).hexdigest()[:16]


def proof_url(user: User) -> str:
    """The absolute URL of a new proof link for the user's present address."""
    token = _serializer().dumps({"user": user.id, "email": user.email, "fp": _fingerprint(user)})
    return external_url("accounts.prove_email", token=token)


def user_for_proof_token(token: str) -> User | None:
    """The user a proof link is for; None when it is forged, expired, already used, or for an
    address the account no longer has."""
    try:
        payload = _serializer().loads(token, max_age=max_age())
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        return None
    user = db.session.get(User, payload["user"])
    if user is None or not user.is_active or user.email_verified_at is not None:
        return None
    if payload.get("email") != user.email:
        return None
    if not hmac.compare_digest(str(payload.get("fp", "")), _fingerprint(user)):
        return None
    return user


def send_proof(user: User) -> None:
    """Mail the user a proof link for their present address, in their language, once the
    caller commits; it says how many guest orders the address would bring into the account."""
    send_after_commit(
        user.email,
        "email_proof",
        user.locale,
        user=user,
        url=proof_url(user),
        guest_orders=count_guest_orders(user.email),
        valid_days=max(1, max_age() // 86400),
    )


def prove(user: User) -> int:
    """The user opened a valid proof link: the address is proven and the orders placed as a
    guest with it join the account. Returns how many joined. Flushes; the caller commits."""
    user.email_verified_at = utcnow()
    linked = link_guest_orders(user.id, user.email)
    db.session.flush()
    return linked


def link_if_proven(user: User) -> int:
    """At log-in: orders placed as a guest since the address was proven join the account too;
    nothing for an address not proven. Returns how many joined."""
    if user.email_verified_at is None:
        return 0
    return link_guest_orders(user.id, user.email)
