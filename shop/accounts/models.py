"""Accounts: one User table for every kind of person; roles come from flags and memberships."""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from shop.catalog.models import Cooperative
from shop.core.db import TimestampMixin, UTCDateTime, utcnow, value_enum
from shop.extensions import db


class MembershipRole(enum.StrEnum):
    OWNER = "owner"  # may also manage the cooperative's staff and settings
    STAFF = "staff"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user_account"  # "user" is a reserved word in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    locale: Mapped[str] = mapped_column(String(5), default="th")
    is_platform_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # When the user opened the link mailed to ``email`` (None: not proven, or changed since):
    # only then are orders placed as a guest with that address shown in the account.
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list[CooperativeMembership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    partner_membership = relationship(  # shop.wholesale.models.PartnerMembership, or None
        "PartnerMembership", back_populates="user", uselist=False, cascade="all, delete-orphan"
    )
    addresses: Mapped[list[Address]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Address.id"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive users cannot log in
        return self.active

    # The secret token of the log-in this object was loaded for or logged in with (not a
    # column): set by shop.accounts.login_sessions, named by get_id().
    login_token = None
    login_session_id = None

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember-me cookie:
        ``"<user id>:<password fingerprint>:<log-in token>"``. The token names a LoginSession
        row (stored hashed), so ending that row ends this cookie on every app server; the
        fingerprint also ends it when the password changes."""
        return f"{self.id}:{self.session_fingerprint}:{self.login_token or ''}"

    @property
    def session_fingerprint(self) -> str:
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    def set_password(self, password: str) -> None:
        """Hash with Werkzeug's current default (scrypt)."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)


class CooperativeMembership(TimestampMixin, db.Model):
    __table_args__ = (UniqueConstraint("user_id", "cooperative_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    role: Mapped[MembershipRole] = mapped_column(
        value_enum(MembershipRole, "membership_role"), default=MembershipRole.STAFF
    )

    user: Mapped[User] = relationship(back_populates="memberships")
    cooperative: Mapped[Cooperative] = relationship()


class Address(TimestampMixin, db.Model):
    """A saved Thai shipping address of a user."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20))
    line1: Mapped[str] = mapped_column(String(200))
    line2: Mapped[str] = mapped_column(String(200), default="")
    subdistrict: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(40))  # a code from shop.core.provinces
    postcode: Mapped[str] = mapped_column(String(5))
    is_default: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship(back_populates="addresses")


class LoginSession(db.Model):
    """One logged-in browser: Flask's session cookie and the remember-me cookie name it.

    ``id`` is the SHA-256 (hex) of the 256-bit random token the cookies carry, so a copy of
    the table opens no account. Deleting the row logs that browser out on every app server.
    """

    __tablename__ = "login_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Updated at most every few minutes (login_sessions.SEEN_EVERY), not on every request.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="")  # as sent at log-in, cut
    ip_address: Mapped[str] = mapped_column(String(45), default="")  # at log-in
