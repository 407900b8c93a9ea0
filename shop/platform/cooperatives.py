"""The operator manages cooperatives: create, edit, settlement details, suspend, reactivate.

Services flush and record every change in the audit log; the caller commits once. A change to a
cooperative bumps the catalogue version (shop.catalog.cache), so a suspension hides its products
from every server's storefront at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shop.catalog.models import Cooperative, CooperativeStatus, RanongDistrict
from shop.core.money import basis_points_as_percent, percent_to_basis_points
from shop.documents import seller_of_record as sor
from shop.extensions import db
from shop.platform.audit import record

MAX_COMMISSION_BP = 5_000  # 50 %


class CooperativeError(Exception):
    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def parse_commission(text: str) -> int:
    """A commission typed in percent ("5", "5.5", "5,5 %") as basis points (500, 550).

    Raises ValueError unless it is a number from 0 to 50 with at most two decimals.
    """
    return percent_to_basis_points(text, max_bp=MAX_COMMISSION_BP)


def commission_percent(basis_points: int) -> str:
    """Basis points as the percentage an admin types: 500 → "5", 550 → "5.5"."""
    return basis_points_as_percent(basis_points)


@dataclass(frozen=True)
class CooperativeData:
    """What the admin's form sets on a cooperative (the slug only when creating)."""

    name_th: str
    name_en: str
    name_my: str
    story_th: str
    story_en: str
    story_my: str
    address_th: str
    address_en: str
    address_my: str
    district: RanongDistrict
    phone: str
    email: str
    bank_name: str
    bank_account_name: str
    bank_account_number: str
    promptpay_id: str
    commission_bp: int
    # The seller of record on its receipts and tax invoices (checked by sor.check).
    seller_of_record: sor.SellerOfRecord

    def values(self) -> dict:
        """Every column the form sets, the seller of record's included."""
        found = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name != "seller_of_record"
        }
        return found | {
            f.name: getattr(self.seller_of_record, f.name) for f in fields(sor.SellerOfRecord)
        }


def _check(data: CooperativeData) -> None:
    try:
        sor.check(data.seller_of_record)
    except sor.SellerOfRecordError as exc:
        raise CooperativeError(exc.message, exc.field) from exc


def list_cooperatives() -> list[Cooperative]:
    return list(db.session.scalars(select(Cooperative).order_by(Cooperative.name_th)))


def create_cooperative(slug: str, data: CooperativeData, *, actor_id: int) -> Cooperative:
    """Create an active cooperative. Raises CooperativeError when the slug is taken or the
    seller of record is refused (shop.documents.seller_of_record.check)."""
    _check(data)
    slug = slug.strip().lower()
    taken = db.session.scalar(select(func.count(Cooperative.id)).where(Cooperative.slug == slug))
    if taken:
        raise CooperativeError(_l("Another cooperative already uses this web address."), "slug")
    cooperative = Cooperative(slug=slug, status=CooperativeStatus.ACTIVE)
    for name, value in data.values().items():
        setattr(cooperative, name, value)
    db.session.add(cooperative)
    db.session.flush()
    record(
        "cooperative.create",
        cooperative,
        actor_id=actor_id,
        cooperative_id=cooperative.id,
        slug=slug,
        commission_bp=data.commission_bp,
    )
    return cooperative


def update_cooperative(
    cooperative: Cooperative, data: CooperativeData, *, actor_id: int
) -> dict[str, list]:
    """Apply the form's values; returns (and audits) the changes, ``{field: [old, new]}``.

    Raises CooperativeError (nothing changed) when the seller of record is refused.
    """
    _check(data)
    changes: dict[str, list] = {}
    for name, new in data.values().items():
        old = getattr(cooperative, name)
        if old != new:
            changes[name] = [str(old), str(new)]
            setattr(cooperative, name, new)
    if changes:
        db.session.flush()
        record(
            "cooperative.update",
            cooperative,
            actor_id=actor_id,
            cooperative_id=cooperative.id,
            changes=changes,
        )
    return changes


def set_status(cooperative: Cooperative, status: CooperativeStatus, *, actor_id: int) -> bool:
    """Suspend or reactivate; False (and nothing recorded) when it already had that status."""
    if cooperative.status == status:
        return False
    cooperative.status = status
    db.session.flush()
    suspended = status == CooperativeStatus.SUSPENDED
    action = "cooperative.suspend" if suspended else "cooperative.reactivate"
    record(action, cooperative, actor_id=actor_id, cooperative_id=cooperative.id)
    return True
