"""The partner's catalogue as the API gives it: every wholesale pack on sale, by id, a page at
a time, with the partner's own prices (shop.wholesale.ordering.wholesale_packs, which prices
through shop.pricing.quotes), quantity rule, stock and the kyat reference.

Pages are cut by variant id (a keyset, not an offset), so a catalogue that changes while a
partner pages through it neither skips nor repeats a pack. ``updated_since`` keeps the packs
whose pack, product or quantity rule changed at or after that moment (stock changes touch the
pack); a change of the partner's price list changes every price: sync everything then. Packs
taken off sale since that moment (the pack, its product or its cooperative no longer active, or
the pack sold at retail only) are named by SKU in the page's ``withdrawn``, so that a sync
removes them; it may name SKUs a partner never held (retail packs changed since), which it
ignores.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select, true

from shop.catalog.models import Cooperative, CooperativeStatus, Product, ProductStatus, Variant
from shop.core.days import day_start
from shop.core.i18n import localize
from shop.extensions import db
from shop.pricing.exchange import kyat_of, todays_rate
from shop.pricing.models import QuantityRule
from shop.pricing.quotes import Buyer
from shop.pricing.services import methods_by_cooperative
from shop.wholesale.ordering import PackRow, on_sale, wholesale_packs

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


class BadCursor(ValueError):
    pass


def encode_cursor(kind: str, position: int) -> str:
    raw = json.dumps({"k": kind, "p": position}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> int:
    """The position a cursor of this kind names; raises BadCursor for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        position = data["p"]
        if data["k"] != kind or not isinstance(position, int) or not 0 <= position < 2**31:
            raise BadCursor(cursor)
        return position
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise BadCursor(cursor) from exc


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str | None
    withdrawn: list[str] = field(default_factory=list)  # SKUs taken off sale (products)


def _kyat_rate_changed_since(moment: datetime) -> bool:
    """Whether the kyat reference of every pack changed at or after ``moment``: today's rate was
    set, or came into force (its Asia/Bangkok day began), since then."""
    rate = todays_rate()
    return rate is not None and max(rate.created_at, day_start(rate.applies_from)) >= moment


def product_page(
    buyer: Buyer, *, after: int = 0, limit: int = DEFAULT_LIMIT, updated_since: datetime | None
) -> Page:
    """One page of the partner's wholesale packs, by ascending variant id after ``after``;
    with ``updated_since``, those changed since and the SKUs withdrawn since (module doc)."""
    if updated_since is None:
        query = on_sale(select(Variant.id, Variant.sku, true().label("on_sale")))
    else:
        for_sale = and_(
            QuantityRule.variant_id.is_not(None),
            Variant.is_active,
            Product.status == ProductStatus.ACTIVE,
            Cooperative.status == CooperativeStatus.ACTIVE,
        )
        changed = or_(
            Variant.updated_at >= updated_since,
            Product.updated_at >= updated_since,
            Cooperative.updated_at >= updated_since,
            QuantityRule.updated_at >= updated_since,
        )
        query = (
            select(Variant.id, Variant.sku, for_sale.label("on_sale"))
            .join(Variant.product)
            .join(Product.cooperative)
            .outerjoin(QuantityRule, QuantityRule.variant_id == Variant.id)
            .where(or_(for_sale, changed) if _kyat_rate_changed_since(updated_since) else changed)
        )
    found = db.session.execute(
        query.where(Variant.id > after).order_by(Variant.id).limit(limit + 1)
    ).all()
    more = len(found) > limit
    found = found[:limit]
    rows = wholesale_packs(buyer, variant_ids=[row.id for row in found if row.on_sale])
    return Page(
        sorted(rows, key=lambda row: row.variant.id),
        encode_cursor("products", found[-1].id) if more else None,
        [row.sku for row in found if not row.on_sale],
    )


def product_by_sku(buyer: Buyer, sku: str) -> PackRow | None:
    variant_id = db.session.scalar(select(Variant.id).where(Variant.sku == sku))
    if variant_id is None:
        return None
    rows = wholesale_packs(buyer, variant_ids=[variant_id])
    return rows[0] if rows else None


def delivery_methods(rows: list[PackRow]) -> dict[int, list]:
    """The wholesale delivery methods of the packs' cooperatives, by cooperative id."""
    return methods_by_cooperative(
        {row.variant.product.cooperative_id for row in rows}, wholesale=True
    )


def represent(row: PackRow, lang: str, methods: dict[int, list]) -> dict:
    """One pack as the API gives it, ready for JSON (amounts in satang, VAT included; moments
    and days in ISO 8601): a page of 200 is written without a second pass through the schema,
    which documents it (and which the schema tests hold it to)."""
    variant, product = row.variant, row.variant.product
    cooperative = product.cooperative
    rate = todays_rate()
    first = row.prices[0] if row.prices else None
    return {
        "sku": variant.sku,
        "name": localize(variant, "name", lang),
        "product": {"slug": product.slug, "name": localize(product, "name", lang)},
        "cooperative": {
            "slug": cooperative.slug,
            "name": localize(cooperative, "name", lang),
            "delivery_methods": [
                {"id": m.id, "name": localize(m, "name", lang)}
                for m in methods.get(cooperative.id, [])
            ],
        },
        "category": product.category.slug if product.category else None,
        "currency": "THB",
        "retail_price_satang": variant.price_satang,
        "unit_price_satang": first.unit_satang if first else variant.price_satang,
        "price_breaks": [
            {
                "min_quantity": quote.quantity,
                "unit_price_satang": quote.unit_satang,
                "source": str(quote.source),
            }
            for quote in row.prices
        ],
        "quantity_rule": {
            "minimum": row.rule.minimum,
            "increment": row.rule.increment,
            "maximum": row.rule.maximum,
        },
        "stock": variant.stock,
        "cartons_in_stock": row.cartons_in_stock,
        "weight_grams": variant.weight_grams,
        "mmk_reference": (
            {
                "kyat_per_baht": rate.kyat_per_baht,
                "applies_from": rate.applies_from.isoformat(),
                "unit_price_kyat": kyat_of(
                    first.unit_satang if first else variant.price_satang,
                    rate.kyat_per_baht_micro,
                ),
            }
            if rate
            else None
        ),
        "updated_at": max(variant.updated_at, product.updated_at).isoformat(),
    }
