"""Accounts: registration, authentication, password reset tokens, profiles and addresses.

Services flush; the caller commits. The welcome mail leaves once the account is committed; a
reset mail goes at once (it changes no rows).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
from dataclasses import dataclass
from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from shop.accounts import email_proof
from shop.accounts.login_sessions import end_all_login_sessions
from shop.accounts.models import Address, User
from shop.cart.services import find_cart, merge_carts
from shop.core.mail import send_after_commit
from shop.core.urls import external_url
from shop.extensions import db

log = logging.getLogger(__name__)

PASSWORD_RESET_SALT = "password-reset"
DEFAULT_PASSWORD_RESET_MAX_AGE = 3600
MAX_ADDRESSES = 20


class AccountError(Exception):
    """An account change that cannot be made; ``message`` tells the user why (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class EmailTaken(AccountError):
    def __init__(self):
        super().__init__(
            _l("An account with this email address already exists. Log in, or reset the password.")
        )


class WrongPassword(AccountError):
    def __init__(self):
        super().__init__(_l("This is not your current password."))


class PasswordNeeded(WrongPassword):
    def __init__(self):
        AccountError.__init__(
            self, _l("To change your email address, please enter your current password.")
        )


class AddressNotFound(AccountError):
    """No address with this id belongs to this user (someone else's counts as none)."""

    def __init__(self):
        super().__init__(_l("This address was not found."))


class TooManyAddresses(AccountError):
    def __init__(self):
        super().__init__(
            _l("You can save up to %(max)s addresses. Delete one first.", max=MAX_ADDRESSES)
        )


# --- users ------------------------------------------------------------------------------------


def user_by_email(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == email.strip().lower())).first()


def _email_in_use(email: str, *, except_user_id: int | None = None) -> bool:
    query = select(func.count()).select_from(User).where(User.email == email)
    if except_user_id is not None:
        query = query.where(User.id != except_user_id)
    return bool(db.session.scalar(query))


def _flush_unique_email() -> None:
    """Flush, turning a lost race for the same email into EmailTaken (the row is not kept)."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise EmailTaken() from exc


def email_registered(email: str) -> bool:
    return _email_in_use(email.strip().lower())


def register_user(*, email: str, password: str, name: str, phone: str, locale: str) -> User:
    """Create a customer account and welcome them by mail (in their language) once committed;
    the mail carries the link that proves the address (shop.accounts.email_proof), which alone
    brings orders placed as a guest with it into the account.

    Raises EmailTaken when the (lower-cased) email already has an account.
    """
    email = email.strip().lower()
    if _email_in_use(email):
        raise EmailTaken()
    user = User(email=email, name=name, phone=phone, locale=locale)
    user.set_password(password)
    db.session.add(user)
    _flush_unique_email()
    send_after_commit(
        user.email,
        "welcome",
        user.locale,
        user=user,
        account_url=external_url("accounts.account"),
        shop_url=external_url("catalog.products"),
        proof_url=email_proof.proof_url(user),
        valid_days=max(1, email_proof.max_age() // 86400),
    )
    return user


@cache
def _dummy_password_hash() -> str:
    return generate_password_hash("not a password of anyone")


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, else None.

    An unknown email costs the same password hashing as a known one, so response times do
    not tell which addresses have accounts.
    """
    user = user_by_email(email)
    if user is None or not user.password_hash:
        check_password_hash(_dummy_password_hash(), password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user


def merge_guest_cart(user_id: int, guest_token: str | None) -> None:
    """Move the guest cart named by ``guest_token`` into the user's cart (at log-in)."""
    if guest_token:
        merge_carts(find_cart(user_id=None, token=guest_token), user_id)


def update_profile(
    user: User, *, name: str, email: str, phone: str, locale: str, current_password: str
) -> None:
    """Change the user's name, email, phone and language.

    A new email needs the current password (it is where password resets go) and is not proven
    until its owner opens the link mailed to it. Raises
    PasswordNeeded or WrongPassword without it, EmailTaken when another account has the new
    email.
    """
    email = email.strip().lower()
    changed = email != user.email
    if changed:
        if not current_password:
            raise PasswordNeeded()
        if not user.check_password(current_password):
            raise WrongPassword()
        if _email_in_use(email, except_user_id=user.id):
            raise EmailTaken()
    user.name = name
    user.email = email
    user.phone = phone
    user.locale = locale
    _flush_unique_email()
    if changed:  # the new address is not proven: a link goes to it
        user.email_verified_at = None
        email_proof.send_proof(user)


# --- password reset ---------------------------------------------------------------------------


def password_reset_max_age() -> int:
    """How long a reset link works, in seconds (``PASSWORD_RESET_MAX_AGE``, default an hour)."""
    return int(current_app.config.get("PASSWORD_RESET_MAX_AGE", DEFAULT_PASSWORD_RESET_MAX_AGE))


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=PASSWORD_RESET_SALT)


def _password_fingerprint(user: User) -> str:
    """A short digest of the current password hash: a new password voids older links."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def password_reset_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "fp": _password_fingerprint(user)})


def user_for_reset_token(token: str) -> User | None:
    """The user a reset link is for, or None when it is forged, expired or already used."""
    try:
        payload = _serializer().loads(token, max_age=password_reset_max_age())
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        return None
    user = db.session.get(User, payload["user"])
    if user is None or not user.is_active:
        return None
    if not hmac.compare_digest(str(payload.get("fp", "")), _password_fingerprint(user)):
        return None
    return user


def send_password_reset(email: str) -> None:
    """Mail a reset link to the account with this email, if there is one, in its language.

    Says nothing about whether the account exists: the mail is queued in the caller's
    transaction and leaves after the response, so the page looks and takes the same either way
    (and a slow mail server never holds it).
    """
    user = user_by_email(email)
    if user is None or not user.is_active:
        log.info("password reset asked for an address without an active account")
        return
    send_after_commit(
        user.email,
        "password_reset",
        user.locale,
        user=user,
        reset_url=external_url("accounts.reset_password", token=password_reset_token(user)),
        valid_minutes=max(1, password_reset_max_age() // 60),
    )


def set_password(user: User, password: str) -> None:
    """Give the user a new password, which also voids every reset link sent so far and ends
    every log-in of the user (the caller logs in again whoever is here)."""
    user.set_password(password)
    end_all_login_sessions(user.id)
    db.session.flush()


# --- addresses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressData:
    name: str
    phone: str
    line1: str
    line2: str
    subdistrict: str
    district: str
    province: str  # ISO 3166-2:TH code
    postcode: str


def addresses_of(user_id: int) -> list[Address]:
    """The user's saved addresses, the default one first."""
    return list(
        db.session.scalars(
            select(Address)
            .where(Address.user_id == user_id)
            .order_by(Address.is_default.desc(), Address.id)
        )
    )


def address_of(user_id: int, address_id: int) -> Address:
    """One of the user's addresses. Raises AddressNotFound for another user's or a missing id."""
    address = db.session.scalars(
        select(Address).where(Address.id == address_id, Address.user_id == user_id)
    ).first()
    if address is None:
        raise AddressNotFound()
    return address


def _fill(address: Address, data: AddressData) -> None:
    for field in AddressData.__dataclass_fields__:
        setattr(address, field, getattr(data, field))


def add_address(user_id: int, data: AddressData) -> Address:
    """Save a new address; the first one becomes the default. Raises TooManyAddresses."""
    count = db.session.scalar(
        select(func.count()).select_from(Address).where(Address.user_id == user_id)
    )
    if count >= MAX_ADDRESSES:
        raise TooManyAddresses()
    address = Address(user_id=user_id, is_default=count == 0)
    _fill(address, data)
    db.session.add(address)
    db.session.flush()
    return address


def remember_address(user_id: int, data: AddressData) -> None:
    """Keep an address used at checkout, unless the user has it already or has too many."""
    same = db.session.scalar(
        select(Address.id).where(
            Address.user_id == user_id,
            Address.line1 == data.line1,
            Address.postcode == data.postcode,
        )
    )
    if same is None:
        # With a full address book the order still has its own copy of the address.
        with contextlib.suppress(TooManyAddresses):
            add_address(user_id, data)


def update_address(user_id: int, address_id: int, data: AddressData) -> Address:
    """Change one of the user's addresses. Raises AddressNotFound."""
    address = address_of(user_id, address_id)
    _fill(address, data)
    db.session.flush()
    return address


def delete_address(user_id: int, address_id: int) -> None:
    """Delete one of the user's addresses; if it was the default, the oldest left takes over.

    Raises AddressNotFound.
    """
    address = address_of(user_id, address_id)
    was_default = address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default:
        successor = db.session.scalars(
            select(Address).where(Address.user_id == user_id).order_by(Address.id)
        ).first()
        if successor is not None:
            successor.is_default = True
            db.session.flush()


def set_default_address(user_id: int, address_id: int) -> Address:
    """Make one of the user's addresses the default. Raises AddressNotFound."""
    address = address_of(user_id, address_id)
    db.session.execute(
        update(Address)
        .where(Address.user_id == user_id, Address.id != address.id)
        .values(is_default=False)
    )
    address.is_default = True
    db.session.flush()
    return address


def default_address(user_id: int) -> Address | None:
    return db.session.scalars(
        select(Address).where(Address.user_id == user_id, Address.is_default)
    ).first()
