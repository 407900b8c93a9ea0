"""Server-side log-in sessions: each logged-in browser is a LoginSession row.

Flask's signed session cookie stays valid for weeks, and anyone holding a copy could use it.
So the user id Flask-Login keeps (``User.get_id()``, in the session and the remember-me
cookie) also names a row of ``login_session``; the user loader reads the user and that row in
one query, and a browser whose row is gone is logged out, on every app server at once (the
database is shared). Logging out deletes the row, "log out everywhere" and a new password
delete all of a user's rows, and a row older than REMEMBER_COOKIE_DURATION no longer counts.
Redis plays no part: an outage of it never logs anyone out.

Services flush; the caller commits.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta
from functools import lru_cache

from flask import Response, current_app, g, has_request_context, request, session
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import joinedload

from shop.accounts.models import LoginSession, User
from shop.cart import badge
from shop.core.db import READ_ONLY_METHODS, utcnow, write_transaction
from shop.extensions import db

log = logging.getLogger(__name__)

TOKEN_BYTES = 32  # 256 random bits
MAX_TOKEN_LENGTH = 100  # a cookie's token longer than this is not one of ours
SEEN_EVERY = timedelta(minutes=5)  # last_seen_at is written at most this often
DEFAULT_MAX_AGE = timedelta(days=30)
_SEEN_KEY = "login_session_seen"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def max_age() -> timedelta:
    """How long a log-in lasts at most, remembered or not (REMEMBER_COOKIE_DURATION)."""
    value = current_app.config.get("REMEMBER_COOKIE_DURATION", DEFAULT_MAX_AGE)
    return value if isinstance(value, timedelta) else timedelta(seconds=int(value))


def _attach(user: User, token: str, row_id: str) -> None:
    user.login_token = token
    user.login_session_id = row_id


def open_login_session(user: User, *, user_agent: str = "", ip_address: str = "") -> LoginSession:
    """Start a log-in of ``user``: a new row, whose token ``user.get_id()`` now carries.

    Also deletes the user's log-ins that have outlived max_age(). Flushes.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    db.session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.created_at < now - max_age()
        )
    )
    row = LoginSession(
        id=_digest(token),
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        user_agent=(user_agent or "")[:200],
        ip_address=(ip_address or "")[:45],
    )
    db.session.add(row)
    db.session.flush()
    _attach(user, token, row.id)
    return row


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the active user whose live log-in ``user_id`` names.

    ``user_id`` is ``"<id>:<password fingerprint>:<token>"`` (User.get_id). One query reads
    the user joined with the log-in's row, and with what every page's header needs of them:
    their cooperative memberships (the Seller link), their partner membership with its company
    and price list (kept for the request as ``wholesale.access.partner_membership``) and the
    units in their cart (the cart badge, ``cart.badge``). None when the row is gone or too
    old, the user is inactive, or the password changed since; then the browser's cookies
    forget that log-in. Notes when last_seen_at is due (see record_seen).
    """
    user = _load(user_id)
    if user is None and has_request_context():
        # A dead log-in: drop it from the session and delete the remember-me cookie, so the
        # browser stops presenting it (Flask-Login acts on "_remember" after the request).
        for key in ("_user_id", "_fresh", "_id"):
            session.pop(key, None)
        session["_remember"] = "clear"
    return user


@lru_cache(maxsize=1)
def _user_query():
    """The user loader's statement, built once (building it was a fifth of its time): the user
    of a live log-in with their memberships, partner company and cart units; bind ``digest``,
    ``user_id`` and ``since`` (the oldest creation time that still counts)."""
    from shop.wholesale.models import PartnerMembership, PartnerShop

    return (
        select(User, LoginSession.last_seen_at, badge.units_of_user_cart(User.id))
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(
            LoginSession.id == bindparam("digest"),
            User.id == bindparam("user_id"),
            User.active,
            LoginSession.created_at > bindparam("since", type_=LoginSession.created_at.type),
        )
        .options(
            joinedload(User.memberships),
            joinedload(User.partner_membership)
            .joinedload(PartnerMembership.partner)
            .joinedload(PartnerShop.price_list),
        )
    )


def _load(user_id: str) -> User | None:
    number, _, rest = user_id.partition(":")
    fingerprint, _, token = rest.partition(":")
    if not number.isdigit() or len(number) > 18 or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    now = utcnow()
    rows = (
        db.session.execute(
            _user_query(),
            {"digest": _digest(token), "user_id": int(number), "since": now - max_age()},
        )
        .unique()
        .all()  # not first(): a joined collection is complete only once every row is read
    )
    if not rows:
        return None
    user, last_seen_at, cart_units = rows[0]
    if not hmac.compare_digest(user.session_fingerprint, fingerprint):
        return None  # the password changed since this log-in
    _attach(user, token, _digest(token))
    if has_request_context():
        badge.remember_count(cart_units)
        g.setdefault("partner_membership", user.partner_membership)  # wholesale.access
    if now - last_seen_at >= SEEN_EVERY and has_request_context():
        _note_seen(user.login_session_id, now)
    return user


def _note_seen(row_id: str, now) -> None:
    """Write last_seen_at: with the request's own commit for a request that writes anyway,
    else (GET) in a short write transaction after the response is made (record_seen)."""
    if request.method in READ_ONLY_METHODS:
        g.setdefault(_SEEN_KEY, row_id)
    else:
        db.session.execute(
            update(LoginSession).where(LoginSession.id == row_id).values(last_seen_at=now)
        )


def record_seen(response: Response) -> Response:
    """after_request hook: note that a log-in was seen, for a read-only request that found
    it due. A failure is logged, never shown: last_seen_at is for people, not for access."""
    row_id = g.pop(_SEEN_KEY, None)
    if row_id is None:
        return response
    try:
        with write_transaction(db.session):
            db.session.execute(
                update(LoginSession).where(LoginSession.id == row_id).values(last_seen_at=utcnow())
            )
    except SQLAlchemyError:
        log.warning("could not note when log-in session was last seen", exc_info=True)
    return response


def end_login_session(user: User) -> None:
    """Log out the browser ``user`` was loaded for (its row goes). Flushes."""
    if user.login_session_id:
        db.session.execute(delete(LoginSession).where(LoginSession.id == user.login_session_id))
        db.session.flush()
    user.login_token = user.login_session_id = None


def end_all_login_sessions(user_id: int) -> int:
    """Log the user out everywhere: every browser, every app server. Returns how many log-ins
    ended. Flushes."""
    result = db.session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
    db.session.flush()
    return result.rowcount or 0


def count_login_sessions(user_id: int) -> int:
    """How many live log-ins (browsers, devices) the user has."""
    return db.session.scalar(
        select(func.count())
        .select_from(LoginSession)
        .where(LoginSession.user_id == user_id, LoginSession.created_at > utcnow() - max_age())
    )
