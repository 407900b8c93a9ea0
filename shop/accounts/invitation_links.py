"""Invitation links: a random token mailed to one email address and stored only as its SHA-256
hash; the link works once, until it expires or is withdrawn.

Staff invitations (``shop.platform.invitations``) and partner-team invitations
(``shop.wholesale.team``) are both rows of models that mix in ``InvitationLink``; what joining
means (a cooperative's staff, a partner company's buyers) stays with each of them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, ForeignKey, String, and_, select
from sqlalchemy.orm import Mapped, mapped_column

from shop.core.db import UTCDateTime, utcnow
from shop.extensions import db

INVITATION_LIFETIME = timedelta(days=7)


def token_hash(token: str) -> str:
    """What is stored of a link's token: its SHA-256, in hex (64 characters)."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationLink:
    """Columns of an invitation sent by mail. ``issue()`` makes its link's token."""

    email: Mapped[str] = mapped_column(String(254), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the link's token
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def issue(self) -> str:
        """Give the invitation a new token and a fresh lifetime; returns the token for the
        link (only its hash is kept, so this is the one chance to mail it)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = token_hash(token)
        self.expires_at = utcnow() + INVITATION_LIFETIME
        return token

    @classmethod
    def is_open(cls) -> ColumnElement[bool]:
        """SQL condition: not accepted, not withdrawn and not expired."""
        return and_(cls.accepted_at.is_(None), cls.revoked_at.is_(None), cls.expires_at > utcnow())


Link = TypeVar("Link", bound=InvitationLink)


def find_open(model: type[Link], token: str) -> Link | None:
    """The invitation of ``model`` that a link's token names, if it is still open."""
    return db.session.scalars(
        select(model).where(model.token_hash == token_hash(token), model.is_open())
    ).first()
