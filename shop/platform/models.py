"""Staff invitations and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.accounts.invitation_links import InvitationLink
from shop.accounts.models import MembershipRole, User
from shop.catalog.models import Cooperative, Product, Variant
from shop.core.db import UTCDateTime, utcnow, value_enum
from shop.extensions import db


class Invitation(InvitationLink, db.Model):
    """An email invited to join a cooperative's staff; accepted through an emailed link."""

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    role: Mapped[MembershipRole] = mapped_column(
        value_enum(MembershipRole, "membership_role"), default=MembershipRole.STAFF
    )

    cooperative: Mapped[Cooperative] = relationship()
    invited_by: Mapped[User | None] = relationship()


class AuditEntry(db.Model):
    """Who changed what: products, prices, stock, order status, payments, staff."""

    __table_args__ = (Index("ix_audit_entry_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    cooperative_id: Mapped[int | None] = mapped_column(ForeignKey("cooperative.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))  # e.g. "product.update", "stock.adjust"
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(JSON, default=dict)  # e.g. {"price": [17900, 18900]}

    actor: Mapped[User | None] = relationship()
    cooperative: Mapped[Cooperative | None] = relationship()
    # The product or pack the entry is about, for the log's sentences and links. The entity is
    # named by type and id, not by a foreign key, so these are read-only.
    product: Mapped[Product | None] = relationship(
        primaryjoin="and_(AuditEntry.entity_type == 'Product', "
        "foreign(AuditEntry.entity_id) == Product.id)",
        viewonly=True,
    )
    variant: Mapped[Variant | None] = relationship(
        primaryjoin="and_(AuditEntry.entity_type == 'Variant', "
        "foreign(AuditEntry.entity_id) == Variant.id)",
        viewonly=True,
    )
