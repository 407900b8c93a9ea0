"""Wholesale ordering: the quick-order grid of every wholesale pack, and adding many packs to
the cart at once, by the carton. Prices and quantity rules come from shop.pricing.quotes only.
Services flush; the caller commits (or rolls back).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from shop.cart import services as cart_services
from shop.cart.models import Cart
from shop.catalog.models import (
    Category,
    Cooperative,
    CooperativeStatus,
    Product,
    ProductStatus,
    Variant,
)
from shop.extensions import db
from shop.pricing.models import QuantityRule
from shop.pricing.quotes import Buyer, Quote, Rule, break_table, load_terms, quantity_rule

MAX_CARTONS = 10_000  # what one quantity box of the grid accepts


@dataclass(frozen=True)
class PackRow:
    """One row of the quick-order grid: a wholesale pack, its rule and the buyer's prices."""

    variant: Variant
    rule: Rule
    prices: list[Quote]  # from the rule's minimum, then at each break that lowers the price

    @property
    def cartons_in_stock(self) -> int:
        return self.variant.stock // self.rule.increment

    @property
    def min_cartons(self) -> int:
        return self.rule.minimum // self.rule.increment


def wholesale_packs(
    buyer: Buyer,
    *,
    cooperative: str | None = None,
    category: str | None = None,
    product: str | None = None,
) -> list[PackRow]:
    """Every wholesale pack on sale (active pack, product and cooperative), by cooperative and
    product name, with ``buyer``'s prices; ``cooperative``, ``category`` and ``product`` are
    slugs to filter by. Three queries, whatever the number of packs. Empty for a retail buyer."""
    if not buyer.is_wholesale:
        return []
    query = (
        select(Variant)
        .join(QuantityRule, QuantityRule.variant_id == Variant.id)
        .join(Variant.product)
        .join(Product.cooperative)
        .join(Product.category)
        .where(
            Variant.is_active,
            Product.status == ProductStatus.ACTIVE,
            Cooperative.status == CooperativeStatus.ACTIVE,
        )
        .options(
            contains_eager(Variant.product).contains_eager(Product.cooperative),
            contains_eager(Variant.product).contains_eager(Product.category),
        )
        .order_by(Cooperative.name_th, Product.name_th, Variant.position, Variant.id)
    )
    if cooperative:
        query = query.where(Cooperative.slug == cooperative)
    if category:
        query = query.where(Category.slug == category)
    if product:
        query = query.where(Product.slug == product)
    variants = list(db.session.scalars(query))
    load_terms(buyer, [v.id for v in variants])
    return [PackRow(v, quantity_rule(buyer, v), break_table(buyer, v)) for v in variants]


class QuickOrderError(Exception):
    """Some rows of a quick order cannot be added; ``errors`` maps variant id to the reason
    (translated). Nothing was added."""

    def __init__(self, errors: dict[int, str]):
        super().__init__(f"{len(errors)} rows refused")
        self.errors = errors


def parse_cartons(posted: dict[str, str], rows: list[PackRow]) -> dict[int, int]:
    """The cartons typed in the grid (fields ``cartons-<variant id>``), by variant id; blank
    and 0 rows are left out. Thai and Burmese digits count as digits.

    Raises QuickOrderError naming each row whose box holds no whole number of cartons from 0
    to MAX_CARTONS.
    """
    wanted, errors = {}, {}
    for row in rows:
        text = (posted.get(f"cartons-{row.variant.id}") or "").strip()
        if not text:
            continue
        try:
            cartons = int(text)  # int() reads any Unicode decimal digits: ๑๒, ၁၂
        except ValueError:
            cartons = -1
        if not 0 <= cartons <= MAX_CARTONS:
            errors[row.variant.id] = _l(
                "Please enter a whole number of cartons from 0 to %(max)s.", max=MAX_CARTONS
            )
        elif cartons:
            wanted[row.variant.id] = cartons
    if errors:
        raise QuickOrderError(errors)
    return wanted


def add_cartons(cart: Cart, buyer: Buyer, cartons: dict[int, int], rows: list[PackRow]) -> int:
    """Add ``cartons`` (variant id → cartons) of the grid's packs to the cart, all or none.

    Each row goes through the cart's own rules (quantity rule, stock, availability). Returns
    the number of packs added; raises QuickOrderError with every refused row, and adds
    nothing then (the caller rolls back).
    """
    by_id = {row.variant.id: row for row in rows}
    errors: dict[int, str] = {}
    for variant_id, count in cartons.items():
        row = by_id.get(variant_id)
        if row is None:
            errors[variant_id] = _l("This product is not available.")
            continue
        try:
            cart_services.add_item(cart, variant_id, count * row.rule.increment, buyer)
        except cart_services.CartError as exc:
            errors[variant_id] = exc.message
    if errors:
        raise QuickOrderError(errors)
    return len(cartons)
