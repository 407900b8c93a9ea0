"""Log-in limits that slow password guessing without handing anyone a lock-out button.

Three counters of wrong passwords, in the limiter's shared storage (Redis in production):

- per client address (IPv6: its /64): PER_ADDRESS, whatever the email;
- per email *and* address: PER_EMAIL_AND_ADDRESS, one place guessing one account;
- per email alone: PER_EMAIL, ten times higher, many places guessing one account together.

Only a password that was checked and wrong counts: not a refused (429) request, a form error
or a success, so hammering a closed door does not lock anyone else out. Guesses from other
addresses never stop the owner at hers until the per-email ceiling; when that is reached the
owner is mailed (at most once per UNLOCK_MAIL_EVERY) a signed link that works for an hour
(LOGIN_UNLOCK_MAX_AGE seconds) and until the password changes. The log-in form it opens is
exempt from both email limits, so the owner logs in with her password while the guessers are
still held.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging

from flask import current_app, g, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from limits import parse

from shop.accounts.models import User
from shop.accounts.services import user_by_email
from shop.core.mail import send_after_commit
from shop.core.urls import external_url
from shop.extensions import db, limiter

log = logging.getLogger(__name__)

PER_ADDRESS = "10 per minute"
PER_EMAIL_AND_ADDRESS = "10 per hour"
PER_EMAIL = "100 per hour"
UNLOCK_MAIL_EVERY = "1 per hour"
UNLOCK_SALT = "login-unlock"
DEFAULT_UNLOCK_MAX_AGE = 3600  # seconds
UNLOCK_FIELD = "unlock"


def client_network() -> str:
    """The client's address as the limits count it: an IPv4 address, or an IPv6 /64 (one
    customer line gets a whole /64, so single IPv6 addresses are free to change)."""
    address = request.remote_addr or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def submitted_email() -> str:
    return request.form.get("email", "").strip().lower()


def _email_digest(email: str) -> str:
    """Keys hold a digest, not the address: bounded in size, and no addresses in Redis."""
    return hashlib.sha256(email.encode()).hexdigest()[:32]


def address_key() -> str:
    return "login-address:" + client_network()


def email_key() -> str:
    return "login-email:" + _email_digest(submitted_email())


def email_and_address_key() -> str:
    return f"login-pair:{_email_digest(submitted_email())}:{client_network()}"


def note_wrong_password() -> None:
    """Called by the log-in view when a password was checked and was wrong."""
    g.login_wrong_password = True


def was_wrong_password(_response) -> bool:
    """deduct_when of every log-in limit: only checked, wrong passwords count."""
    return bool(g.get("login_wrong_password"))


# --- the owner's unlock link ----------------------------------------------------------------


def unlock_max_age() -> int:
    """How long an unlock link works, in seconds (``LOGIN_UNLOCK_MAX_AGE``, default an hour)."""
    return int(current_app.config.get("LOGIN_UNLOCK_MAX_AGE", DEFAULT_UNLOCK_MAX_AGE))


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=UNLOCK_SALT)


def unlock_token(user: User) -> str:
    """A signed token that lets ``user`` past the email limits, until the password changes."""
    return _serializer().dumps({"user": user.id, "fp": user.session_fingerprint})


def user_for_unlock_token(token: str | None) -> User | None:
    """The active user an unlock token is for, or None when it is forged, expired, or the
    password changed since it was made."""
    if not token or len(token) > 500:
        return None
    try:
        payload = _serializer().loads(token, max_age=unlock_max_age())
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        return None
    user = db.session.get(User, payload["user"])
    if user is None or not user.is_active or payload.get("fp") != user.session_fingerprint:
        return None
    return user


def holds_unlock_link() -> bool:
    """exempt_when of the email limits: the form was opened from a valid unlock link for the
    email it submits."""
    if "login_unlocked" not in g:
        user = user_for_unlock_token(request.form.get(UNLOCK_FIELD))
        g.login_unlocked = user is not None and user.email == submitted_email()
    return g.login_unlocked


def mail_unlock_link(_request_limit) -> None:
    """on_breach of the per-email ceiling: mail the owner, at most once per UNLOCK_MAIL_EVERY,
    a link to log in despite it. The answer is the same whether the email has an account."""
    email = submitted_email()
    g.login_unlock_offered = True
    try:
        first = limiter.limiter.hit(
            parse(UNLOCK_MAIL_EVERY), "login-unlock-mail", _email_digest(email)
        )
    except Exception:  # the limiter's storage is down: no mail rather than an error page
        log.warning("could not count unlock mails; none sent", exc_info=True)
        return
    if not first:
        return
    user = user_by_email(email)
    if user is None or not user.is_active:
        return
    send_after_commit(
        user.email,
        "login_unlock",
        user.locale,
        user=user,
        unlock_url=external_url("accounts.unlock", token=unlock_token(user)),
        reset_url=external_url("accounts.reset_request"),
        valid_minutes=max(1, unlock_max_age() // 60),
    )
    db.session.commit()  # queued in the outbox; nothing else is pending before the view runs
