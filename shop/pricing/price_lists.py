"""Price lists, managed by the platform admin. Services flush and audit; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shop.extensions import db
from shop.platform.audit import record
from shop.pricing.models import PriceList
from shop.wholesale.models import PartnerShop


class PriceListError(Exception):
    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class PriceListData:
    name: str
    discount_bp: int  # basis points off retail: 1500 = 15 %
    is_active: bool = True


def list_price_lists(*, active_only: bool = False) -> list[PriceList]:
    query = select(PriceList).order_by(PriceList.name)
    if active_only:
        query = query.where(PriceList.is_active)
    return list(db.session.scalars(query))


def partner_counts() -> dict[int, int]:
    """How many partner companies each price list is assigned to, by price list id."""
    rows = db.session.execute(
        select(PartnerShop.price_list_id, func.count(PartnerShop.id))
        .where(PartnerShop.price_list_id.is_not(None))
        .group_by(PartnerShop.price_list_id)
    )
    return dict(rows.tuples().all())


def _check_name(name: str, except_id: int | None = None) -> None:
    query = select(PriceList.id).where(func.lower(PriceList.name) == name.lower())
    if except_id is not None:
        query = query.where(PriceList.id != except_id)
    if db.session.scalar(query) is not None:
        raise PriceListError(_l("Another price list already has this name."), "name")


def create_price_list(data: PriceListData, *, actor_id: int) -> PriceList:
    """A new price list. Raises PriceListError when the name is taken."""
    _check_name(data.name)
    price_list = PriceList(name=data.name, discount_bp=data.discount_bp, is_active=data.is_active)
    db.session.add(price_list)
    db.session.flush()
    record(
        "price_list.create",
        price_list,
        actor_id=actor_id,
        name=data.name,
        discount_bp=data.discount_bp,
    )
    return price_list


def update_price_list(
    price_list: PriceList, data: PriceListData, *, actor_id: int
) -> dict[str, list]:
    """Apply the form's values; returns (and audits) ``{field: [old, new]}``.

    Raises PriceListError when the new name is another list's.
    """
    _check_name(data.name, except_id=price_list.id)
    changes = {}
    for field in ("name", "discount_bp", "is_active"):
        old, new = getattr(price_list, field), getattr(data, field)
        if old != new:
            changes[field] = [old, new]
            setattr(price_list, field, new)
    if changes:
        db.session.flush()
        record("price_list.update", price_list, actor_id=actor_id, name=data.name, changes=changes)
    return changes
