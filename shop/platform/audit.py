"""Writing the audit log. Services call ``record`` in the same transaction as the change."""

from __future__ import annotations

from shop.extensions import db
from shop.platform.models import AuditEntry


def record(
    action: str,
    entity: object | None = None,
    *,
    actor_id: int | None,
    cooperative_id: int | None = None,
    **details,
) -> AuditEntry:
    """Log that ``actor_id`` did ``action`` to ``entity`` (a model instance), with details."""
    entry = AuditEntry(
        action=action,
        entity_type=type(entity).__name__ if entity is not None else "",
        entity_id=getattr(entity, "id", None),
        actor_id=actor_id,
        cooperative_id=cooperative_id,
        details=details,
    )
    db.session.add(entry)
    return entry
