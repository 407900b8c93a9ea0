"""Stock changes. Each one is a single conditional UPDATE plus a ledger row (invariant 3)."""

from __future__ import annotations

from sqlalchemy import func, select, update

from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import StockMovement, StockReason


class InsufficientStock(Exception):
    """Fewer units are on hand than the change would take away."""

    def __init__(self, variant_id: int, requested: int):
        super().__init__(f"variant {variant_id}: fewer than {requested} units on hand")
        self.variant_id = variant_id
        self.requested = requested


def change_stock(
    variant_id: int,
    quantity: int,
    reason: StockReason,
    *,
    user_id: int | None = None,
    note: str = "",
    reference: str = "",
) -> StockMovement:
    """Add (positive) or take (negative) units of a variant and record the change in the ledger.

    Raises InsufficientStock when taking more than is on hand; nothing is written then.
    Flushes; the caller commits.
    """
    if quantity == 0:
        raise ValueError("a stock change needs a non-zero quantity")
    stmt = (
        update(Variant)
        .where(Variant.id == variant_id)
        .values(stock=Variant.stock + quantity)
        .returning(Variant.stock)
        .execution_options(synchronize_session="fetch")
    )
    if quantity < 0:
        stmt = stmt.where(Variant.stock >= -quantity)
    stock_after = db.session.execute(stmt).scalar_one_or_none()
    if stock_after is None:
        raise InsufficientStock(variant_id, -quantity)
    movement = StockMovement(
        variant_id=variant_id,
        quantity=quantity,
        stock_after=stock_after,
        reason=reason,
        user_id=user_id,
        note=note,
        reference=reference,
    )
    db.session.add(movement)
    db.session.flush()
    return movement


def ledger_total(variant_id: int) -> int:
    """The sum of a variant's ledger, which always equals its stock on hand."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(StockMovement.quantity), 0)).where(
            StockMovement.variant_id == variant_id
        )
    )
    return int(total)
