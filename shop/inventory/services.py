"""Stock changes. Each one is a single conditional UPDATE plus a ledger row (invariant 3).

Staff change stock by receiving goods or adjusting with a reason; sales and releases come from
the orders domain. Every path goes through ``change_stock``, which also mails the cooperative's
staff when a variant falls to or below its low-stock threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.orm import contains_eager, joinedload

from shop.accounts.models import CooperativeMembership, User
from shop.catalog.models import Product, ProductStatus, Variant
from shop.core.db import utcnow
from shop.core.mail import send_after_commit
from shop.core.urls import external_url
from shop.extensions import db
from shop.inventory.models import AdjustmentKind, StockMovement, StockReason
from shop.platform.audit import record


class InsufficientStock(Exception):
    """Fewer units are on hand than the change would take away."""

    def __init__(self, variant_id: int, requested: int):
        super().__init__(f"variant {variant_id}: fewer than {requested} units on hand")
        self.variant_id = variant_id
        self.requested = requested


class StockChangeRefused(Exception):
    """A receipt or adjustment that makes no sense; ``message`` is for the user (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


ADJUSTMENT_LABELS = {
    AdjustmentKind.COUNT: _l("Count correction"),
    AdjustmentKind.DAMAGED: _l("Damaged"),
    AdjustmentKind.LOST: _l("Lost"),
    AdjustmentKind.SAMPLE: _l("Sample or tasting"),
    AdjustmentKind.FOUND: _l("Found"),
    AdjustmentKind.OTHER: _l("Other"),
    AdjustmentKind.IMPORT: _l("CSV import"),
}
STAFF_ADJUSTMENTS = tuple(k for k in AdjustmentKind if k != AdjustmentKind.IMPORT)
NOTE_MAX = 300


def change_stock(
    variant_id: int,
    quantity: int,
    reason: StockReason,
    *,
    user_id: int | None = None,
    kind: AdjustmentKind | None = None,
    note: str = "",
    reference: str = "",
) -> StockMovement:
    """Add (positive) or take (negative) units of a variant and record the change in the ledger.

    When the change takes the variant from above its low-stock threshold to at or below it,
    the cooperative's staff are mailed once (after commit). The UPDATE returns the stock after
    the change under the row's lock, so each crossing is seen by exactly one change, whichever
    server made it.

    Raises InsufficientStock when taking more than is on hand; nothing is written then.
    Flushes; the caller commits.
    """
    if quantity == 0:
        raise ValueError("a stock change needs a non-zero quantity")
    stmt = (
        update(Variant)
        .where(Variant.id == variant_id)
        .values(stock=Variant.stock + quantity)
        .returning(Variant.stock, Variant.low_stock_threshold)
        .execution_options(synchronize_session="fetch")
    )
    if quantity < 0:
        stmt = stmt.where(Variant.stock >= -quantity)
    row = db.session.execute(stmt).one_or_none()
    if row is None:
        raise InsufficientStock(variant_id, -quantity)
    stock_after, threshold = row
    movement = StockMovement(
        variant_id=variant_id,
        quantity=quantity,
        stock_after=stock_after,
        reason=reason,
        adjustment_kind=kind,
        user_id=user_id,
        note=note[:NOTE_MAX],
        reference=reference,
    )
    db.session.add(movement)
    db.session.flush()
    if stock_after - quantity > threshold >= stock_after:
        _mail_low_stock(variant_id, stock_after, threshold)
    return movement


def change_stock_many(
    changes: dict[int, int],
    reason: StockReason,
    *,
    user_id: int | None = None,
    kind: AdjustmentKind | None = None,
    note: str = "",
) -> None:
    """``change_stock`` for many variants at once ({variant id: signed quantity}), as a CSV
    import needs: the conditional UPDATEs go to the database together, the ledger rows in one
    INSERT, so a few thousand changes take a constant number of round trips and the rows stay
    locked for a moment only. The same rules hold: stock never below 0 (InsufficientStock,
    nothing written), one ledger row per change, a mail for each low-stock crossing.
    Flushes; the caller commits.
    """
    changes = {variant_id: q for variant_id, q in changes.items() if q}
    if not changes:
        return
    ids = sorted(changes)  # lock in variant-id order, like orders, so nothing deadlocks
    before = {
        row.id: row
        for row in db.session.execute(
            select(Variant.id, Variant.stock, Variant.low_stock_threshold)
            .where(Variant.id.in_(ids))
            .order_by(Variant.id)
            .with_for_update()
        )
    }
    for variant_id in ids:
        if variant_id not in before or before[variant_id].stock + changes[variant_id] < 0:
            raise InsufficientStock(variant_id, -changes[variant_id])
    table = Variant.__table__
    result = db.session.execute(
        update(table)
        .where(table.c.id == bindparam("variant_id"), table.c.stock + bindparam("q") >= 0)
        .values(stock=table.c.stock + bindparam("q")),
        [{"variant_id": variant_id, "q": changes[variant_id]} for variant_id in ids],
    )
    if result.rowcount != len(ids):  # the rows changed under us: the caller must lock them
        raise InsufficientStock(ids[0], -changes[ids[0]])
    now = utcnow()
    db.session.execute(
        insert(StockMovement),
        [
            {
                "variant_id": variant_id,
                "quantity": changes[variant_id],
                "stock_after": before[variant_id].stock + changes[variant_id],
                "reason": reason,
                "adjustment_kind": kind,
                "user_id": user_id,
                "note": note[:NOTE_MAX],
                "reference": "",
                "created_at": now,
            }
            for variant_id in ids
        ],
    )
    for variant in db.session.identity_map.values():
        if isinstance(variant, Variant) and variant.id in changes:
            db.session.expire(variant, ["stock"])
    for variant_id in ids:
        stock, threshold = before[variant_id].stock, before[variant_id].low_stock_threshold
        if stock > threshold >= stock + changes[variant_id]:
            _mail_low_stock(variant_id, stock + changes[variant_id], threshold)


def _mail_low_stock(variant_id: int, stock: int, threshold: int) -> None:
    """Mail every active member of the variant's cooperative, each in their own language."""
    variant = db.session.scalars(
        select(Variant)
        .where(Variant.id == variant_id)
        .options(joinedload(Variant.product).joinedload(Product.cooperative))
    ).one()
    staff = db.session.scalars(
        select(User)
        .join(CooperativeMembership, CooperativeMembership.user_id == User.id)
        .where(
            CooperativeMembership.cooperative_id == variant.product.cooperative_id,
            User.active,
        )
        .order_by(User.id)
    ).all()
    url = external_url("seller.stock_ledger", variant_id=variant.id)
    for user in staff:
        send_after_commit(
            user.email,
            "low_stock",
            user.locale,
            variant=variant,
            product=variant.product,
            cooperative=variant.product.cooperative,
            stock=stock,
            threshold=threshold,
            url=url,
        )


def receive_goods(variant_id: int, quantity: int, user: User, note: str = "") -> StockMovement:
    """Add received goods to a variant's stock, with a ledger row and an audit entry.

    Raises StockChangeRefused for a quantity that is not positive. Flushes; the caller commits.
    """
    if quantity <= 0:
        raise StockChangeRefused(_l("Enter how many units arrived: a number above 0."))
    movement = change_stock(
        variant_id, quantity, StockReason.RECEIPT, user_id=user.id, note=note.strip()
    )
    _audit("stock.receive", movement, user, quantity=quantity, note=note.strip())
    return movement


def adjust_stock(
    variant_id: int,
    user: User,
    kind: AdjustmentKind,
    *,
    new_count: int | None = None,
    delta: int | None = None,
    note: str = "",
) -> StockMovement:
    """Set a variant's stock to a counted number, or change it by ``delta``, for a reason.

    Exactly one of ``new_count`` and ``delta`` is given; the ledger row keeps the reason and
    the staff member's note.

    Raises StockChangeRefused for a missing reason, both or neither amount, a negative count or
    a change of nothing, and InsufficientStock when the stock would go below 0.
    Flushes; the caller commits.
    """
    kind = AdjustmentKind(kind)
    if kind not in STAFF_ADJUSTMENTS:
        raise StockChangeRefused(_l("Please choose why the stock changes."))
    note = note.strip()
    if kind == AdjustmentKind.OTHER and not note:
        raise StockChangeRefused(_l("Please say why the stock changes."))
    if (new_count is None) == (delta is None):
        raise StockChangeRefused(_l("Enter either the counted stock or the change, not both."))
    if new_count is not None:
        if new_count < 0:
            raise StockChangeRefused(_l("Stock cannot be below 0."))
        current = db.session.scalar(
            select(Variant.stock).where(Variant.id == variant_id).with_for_update()
        )
        delta = new_count - int(current)
    if delta == 0:
        raise StockChangeRefused(_l("That is the stock on hand already: nothing to change."))
    movement = change_stock(
        variant_id,
        delta,
        StockReason.ADJUSTMENT,
        user_id=user.id,
        kind=kind,
        note=note,
    )
    _audit("stock.adjust", movement, user, quantity=delta, kind=kind.value, note=note)
    return movement


def _audit(action: str, movement: StockMovement, user: User, **details) -> None:
    variant = db.session.get(Variant, movement.variant_id)
    record(
        action,
        variant,
        actor_id=user.id,
        cooperative_id=variant.product.cooperative_id,
        sku=variant.sku,
        stock_after=movement.stock_after,
        **details,
    )


def ledger_total(variant_id: int) -> int:
    """The sum of a variant's ledger, which always equals its stock on hand."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(StockMovement.quantity), 0)).where(
            StockMovement.variant_id == variant_id
        )
    )
    return int(total)


def variant_of_cooperative(cooperative_id: int, variant_id: int) -> Variant | None:
    """A variant if it belongs to the cooperative, else None (the caller answers 404)."""
    return db.session.scalars(
        select(Variant)
        .join(Variant.product)
        .where(Variant.id == variant_id, Product.cooperative_id == cooperative_id)
        .options(joinedload(Variant.product))
    ).one_or_none()


def stock_query(cooperative_id: int, *, low_only: bool = False) -> Select:
    """The statement of the cooperative's variants (archived products left out), each with its
    product (from the same join), by product and position; ``low_only``: active variants at or
    below their low-stock threshold. The caller filters further and pages."""
    query = (
        select(Variant)
        .join(Variant.product)
        .where(Product.cooperative_id == cooperative_id, Product.status != ProductStatus.ARCHIVED)
        .options(contains_eager(Variant.product))
        .order_by(Product.name_th, Product.id, Variant.position, Variant.id)
    )
    if low_only:
        query = query.where(Variant.is_active, Variant.stock <= Variant.low_stock_threshold)
    return query


def stock_of_cooperative(cooperative_id: int) -> list[Variant]:
    """The cooperative's variants (archived products left out), by product and position."""
    return list(db.session.scalars(stock_query(cooperative_id)))


@dataclass(frozen=True)
class LedgerLine:
    created_at: datetime
    quantity: int
    stock_after: int
    reason: StockReason
    kind_label: str
    note: str
    reference: str
    user_name: str


def ledger_of(variant_id: int, limit: int = 200) -> list[LedgerLine]:
    """A variant's latest ledger rows, newest first, with who made each change."""
    rows = db.session.execute(
        select(StockMovement, User.name)
        .outerjoin(User, User.id == StockMovement.user_id)
        .where(StockMovement.variant_id == variant_id)
        .order_by(StockMovement.created_at.desc(), StockMovement.id.desc())
        .limit(limit)
    ).all()
    lines = []
    for movement, user_name in rows:
        kind = movement.adjustment_kind
        lines.append(
            LedgerLine(
                created_at=movement.created_at,
                quantity=movement.quantity,
                stock_after=movement.stock_after,
                reason=movement.reason,
                kind_label=str(ADJUSTMENT_LABELS[kind]) if kind else "",
                note=movement.note,
                reference=movement.reference,
                user_name=user_name or "",
            )
        )
    return lines
