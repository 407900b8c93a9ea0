"""The partner's catalogue as the API gives it: every wholesale pack on sale (as
shop.wholesale.ordering.on_sale says), by id, a page at a time, with the partner's own prices
and quantity rule (shop.pricing.quotes), stock and the kyat reference.

A page is one query of the columns it shows, read as plain rows (loading 200 packs with
their products and cooperatives as model objects cost several times more), and one query of
the partner's terms, whatever its length.

Pages are cut by variant id (a keyset, not an offset), so a catalogue that changes while a
partner pages through it neither skips nor repeats a pack. ``updated_since`` keeps the packs
whose pack, product or quantity rule changed at or after that moment (stock changes touch the
pack); a change of the partner's price list, of the partner's list, or of the kyat rate
changes every price: every pack is in the page then. Packs
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

from sqlalchemy import Row, or_, select, true

from shop.catalog.models import (
    Category,
    Cooperative,
    Product,
    Variant,
)
from shop.core.days import day_start
from shop.core.i18n import localize
from shop.extensions import db
from shop.pricing.exchange import kyat_of, todays_rate
from shop.pricing.models import QuantityRule
from shop.pricing.quotes import Buyer, Quote, Rule, break_table, load_terms, quantity_rule
from shop.pricing.services import methods_by_cooperative
from shop.wholesale.models import PartnerShop
from shop.wholesale.ordering import for_sale, on_sale

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
        if data["k"] != kind or type(position) is not int or not 0 <= position < 2**31:
            raise BadCursor(cursor)
        return position
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise BadCursor(cursor) from exc


# What the API shows of a pack: its own columns as named on Variant (``id`` and ``price_satang``
# are what pricing reads), its product's, cooperative's and category's prefixed.
PACK_COLUMNS = (
    Variant.id,
    Variant.sku,
    Variant.name_th,
    Variant.name_en,
    Variant.name_my,
    Variant.price_satang,
    Variant.stock,
    Variant.weight_grams,
    Variant.updated_at,
    Product.slug.label("product_slug"),
    Product.name_th.label("product_name_th"),
    Product.name_en.label("product_name_en"),
    Product.name_my.label("product_name_my"),
    Product.updated_at.label("product_updated_at"),
    Product.cooperative_id,
    Cooperative.slug.label("cooperative_slug"),
    Cooperative.name_th.label("cooperative_name_th"),
    Cooperative.name_en.label("cooperative_name_en"),
    Cooperative.name_my.label("cooperative_name_my"),
    Category.slug.label("category_slug"),
)


@dataclass(frozen=True)
class Pack:
    """A wholesale pack on sale: ``columns`` (a row of PACK_COLUMNS), the buyer's quantity rule
    and prices (from the rule's minimum, then at each break that lowers the price)."""

    columns: Row
    rule: Rule
    prices: list[Quote]

    @property
    def cartons_in_stock(self) -> int:
        return self.columns.stock // self.rule.increment


def _priced(buyer: Buyer, rows: list[Row]) -> list[Pack]:
    """These packs on sale (rows of PACK_COLUMNS) with ``buyer``'s terms, looked up in one
    query; none for a retail buyer."""
    if not buyer.is_wholesale:
        return []
    load_terms(buyer, [row.id for row in rows])
    return [Pack(row, quantity_rule(buyer, row), break_table(buyer, row)) for row in rows]


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str | None
    withdrawn: list[str] = field(default_factory=list)  # SKUs taken off sale (products)


def _every_price_changed_since(buyer: Buyer, moment: datetime) -> bool:
    """Whether every pack's price for ``buyer`` may have changed at or after ``moment``: the
    partner's price list was changed (its discount, or the list itself), the partner was
    changed (moved to another list), or today's kyat rate was set or came into force (its
    Asia/Bangkok day began) since then."""
    if buyer.price_list is not None and buyer.price_list.updated_at >= moment:
        return True
    partner = db.session.get(PartnerShop, buyer.partner_id) if buyer.partner_id else None
    if partner is not None and partner.updated_at >= moment:
        return True
    rate = todays_rate()
    return rate is not None and max(rate.created_at, day_start(rate.applies_from)) >= moment


def product_page(
    buyer: Buyer, *, after: int = 0, limit: int = DEFAULT_LIMIT, updated_since: datetime | None
) -> Page:
    """One page of the partner's wholesale packs, by ascending variant id after ``after``;
    with ``updated_since``, those changed since and the SKUs withdrawn since (module doc)."""
    if updated_since is None:
        query = on_sale(select(*PACK_COLUMNS, true().label("on_sale")))
    else:
        sale = for_sale()
        every_price_changed = _every_price_changed_since(buyer, updated_since)
        changed = or_(
            Variant.updated_at >= updated_since,
            Product.updated_at >= updated_since,
            Cooperative.updated_at >= updated_since,
            QuantityRule.updated_at >= updated_since,
        )
        query = (
            select(*PACK_COLUMNS, sale.label("on_sale"))
            .join(Variant.product)
            .join(Product.cooperative)
            .outerjoin(QuantityRule, QuantityRule.variant_id == Variant.id)
            .where(or_(sale, changed) if every_price_changed else changed)
        )
    found = db.session.execute(
        query.join(Product.category).where(Variant.id > after).order_by(Variant.id).limit(limit + 1)
    ).all()
    more = len(found) > limit
    found = found[:limit]
    return Page(
        _priced(buyer, [row for row in found if row.on_sale]),
        encode_cursor("products", found[-1].id) if more else None,
        [row.sku for row in found if not row.on_sale],
    )


def product_by_sku(buyer: Buyer, sku: str) -> Pack | None:
    """The pack on sale with this SKU, with ``buyer``'s terms; None if there is none."""
    found = db.session.execute(
        on_sale(select(*PACK_COLUMNS)).join(Product.category).where(Variant.sku == sku)
    ).all()
    packs = _priced(buyer, found)
    return packs[0] if packs else None


def delivery_methods(packs: list[Pack]) -> dict[int, list]:
    """The wholesale delivery methods of the packs' cooperatives, by cooperative id."""
    return methods_by_cooperative(
        {pack.columns.cooperative_id for pack in packs}, wholesale=True, with_rates=False
    )


def represent(pack: Pack, lang: str, methods: dict[int, list]) -> dict:
    """One pack as the API gives it, ready for JSON (amounts in satang, VAT included; moments
    and days in ISO 8601): a page of 200 is written without a second pass through the schema,
    which documents it (and which the schema tests hold it to)."""
    row, rate = pack.columns, todays_rate()
    first = pack.prices[0] if pack.prices else None
    unit_satang = first.unit_satang if first else row.price_satang
    return {
        "sku": row.sku,
        "name": localize(row, "name", lang),
        "product": {"slug": row.product_slug, "name": localize(row, "product_name", lang)},
        "cooperative": {
            "slug": row.cooperative_slug,
            "name": localize(row, "cooperative_name", lang),
            "delivery_methods": [
                {"id": m.id, "name": localize(m, "name", lang)}
                for m in methods.get(row.cooperative_id, [])
            ],
        },
        "category": row.category_slug,
        "currency": "THB",
        "retail_price_satang": row.price_satang,
        "unit_price_satang": unit_satang,
        "price_breaks": [
            {
                "min_quantity": quote.quantity,
                "unit_price_satang": quote.unit_satang,
                "source": str(quote.source),
            }
            for quote in pack.prices
        ],
        "quantity_rule": {
            "minimum": pack.rule.minimum,
            "increment": pack.rule.increment,
            "maximum": pack.rule.maximum,
        },
        "stock": row.stock,
        "cartons_in_stock": pack.cartons_in_stock,
        "weight_grams": row.weight_grams,
        "mmk_reference": (
            {
                "kyat_per_baht": rate.kyat_per_baht,
                "applies_from": rate.applies_from.isoformat(),
                "unit_price_kyat": kyat_of(unit_satang, rate.kyat_per_baht_micro),
            }
            if rate
            else None
        ),
        "updated_at": max(row.updated_at, row.product_updated_at).isoformat(),
    }
