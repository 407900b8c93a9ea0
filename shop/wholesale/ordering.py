"""Wholesale ordering: the quick-order grid of every wholesale pack, and adding many packs to
the cart at once, by the carton. Prices and quantity rules come from shop.pricing.quotes only.
Services flush; the caller commits (or rolls back).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as ngettext
from sqlalchemy import ColumnElement, Select, and_, select
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
from shop.core.numbers import parse_decimal, parse_whole_number
from shop.extensions import db
from shop.pricing.models import QuantityRule
from shop.pricing.quotes import (
    OR,
    Buyer,
    Quote,
    Rule,
    break_table,
    load_terms,
    price,
    quantity_rule,
)

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


def for_sale() -> ColumnElement[bool]:
    """Whether a pack is a wholesale pack on sale: it has a quantity rule, and it, its product
    and its cooperative are active. Needs QuantityRule (an outer join is fine: no rule is
    "not for sale"), Product and Cooperative joined, as ``on_sale`` does."""
    return and_(
        QuantityRule.variant_id.is_not(None),
        Variant.is_active,
        Product.status == ProductStatus.ACTIVE,
        Cooperative.status == CooperativeStatus.ACTIVE,
    )


def on_sale(query: Select) -> Select:
    """``query`` (over Variant) narrowed to the wholesale packs on sale (``for_sale``). Joins
    QuantityRule, Product and Cooperative, so a caller may filter or sort by them."""
    return (
        query.join(QuantityRule, QuantityRule.variant_id == Variant.id)
        .join(Variant.product)
        .join(Product.cooperative)
        .where(for_sale())
    )


def wholesale_packs(
    buyer: Buyer,
    *,
    cooperative: str | None = None,
    category: str | None = None,
    product: str | None = None,
    variant_ids: list[int] | None = None,
) -> list[PackRow]:
    """Every wholesale pack on sale (active pack, product and cooperative), by cooperative and
    product name, with ``buyer``'s prices; ``cooperative``, ``category`` and ``product`` are
    slugs to filter by, ``variant_ids`` the packs wanted (a submitted grid). Two queries,
    whatever the number of packs. Empty for a retail buyer."""
    if not buyer.is_wholesale:
        return []
    query = (
        on_sale(select(Variant))
        .join(Product.category)
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
    if variant_ids is not None:
        query = query.where(Variant.id.in_([vid for vid in variant_ids if 0 < vid < 2**31]))
    variants = list(db.session.scalars(query))
    load_terms(buyer, [v.id for v in variants])
    return [PackRow(v, quantity_rule(buyer, v), break_table(buyer, v)) for v in variants]


class QuickOrderError(Exception):
    """Some rows of a quick order cannot be added; ``errors`` maps variant id to the reason
    (translated). Nothing was added."""

    def __init__(self, errors: dict[int, str]):
        super().__init__(f"{len(errors)} rows refused")
        self.errors = errors


def posted_pack_ids(posted: dict[str, str]) -> list[int]:
    """The packs a submitted grid has a box filled in for (fields ``cartons-<variant id>``)."""
    prefix = "cartons-"
    return [
        int(key[len(prefix) :])
        for key, value in posted.items()
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and value.strip()
    ]


def _part_carton(text: str) -> Decimal | None:
    """A positive number of cartons with a fraction ("1.5", "๑.๕"), else None."""
    try:
        amount = parse_decimal(text)
    except ValueError:
        return None
    return amount if amount > 0 and amount != amount.to_integral_value() else None


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
            cartons = parse_whole_number(text)  # Thai and Burmese digits, "1,000"
        except ValueError:
            cartons = -1
            part = _part_carton(text)
            if part is not None:  # "1.5": the whole cartons either side
                below, above = int(part), int(part) + 1
                choices = [str(n) for n in (below, above) if 0 < n <= MAX_CARTONS]
                errors[row.variant.id] = _l(
                    "Cartons are not split: enter %(choices)s.",
                    choices=str(OR).join(choices),
                )
                continue
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
    units, errors = {}, {}
    for variant_id, count in cartons.items():
        row = by_id.get(variant_id)
        if row is None:
            errors[variant_id] = _l("This product is not available.")
            continue
        units[variant_id] = count * row.rule.increment
        if not row.rule.allows(units[variant_id]):  # said in cartons, as they were typed
            nearest = [q // row.rule.increment for q in row.rule.nearest(units[variant_id])]
            errors[variant_id] = _l(
                "Please order %(choices)s cartons.", choices=str(OR).join(map(str, nearest))
            )
        elif units[variant_id] > row.variant.stock:  # said in cartons too
            errors[variant_id] = ngettext(
                "Only %(num)s carton is in stock.",
                "Only %(num)s cartons are in stock.",
                row.cartons_in_stock,
            )
    if errors:
        raise QuickOrderError(errors)
    errors = cart_services.add_items(cart, units, buyer)
    if errors:
        raise QuickOrderError(errors)
    return len(cartons)


# --- reordering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReorderLine:
    """A line of a past order as it would be bought today: ``quantity`` is what goes to the
    cart (the quantity ordered then, brought within today's rule and stock; 0: cannot be
    bought), ``quote`` today's price for it; ``then`` the unit price paid then."""

    sku: str
    name: str
    ordered: int
    then: int
    variant: Variant | None
    quantity: int
    quote: Quote | None
    problem: str = ""

    @property
    def price_changed(self) -> bool:
        return self.quote is not None and self.quote.unit_satang != self.then


def reorder_lines(order, buyer: Buyer) -> list[ReorderLine]:
    """Every line of ``order`` at today's prices, rules and stock, with what differs. Two
    queries, whatever the number of lines."""
    lines = [ln for ln in order.lines if (ln.ordered_quantity or ln.quantity) > 0]
    variants = {
        v.id: v
        for v in db.session.scalars(
            select(Variant)
            .join(Variant.product)
            .join(Product.cooperative)
            .where(
                Variant.id.in_([ln.variant_id for ln in lines]),
                Variant.is_active,
                Product.status == ProductStatus.ACTIVE,
                Cooperative.status == CooperativeStatus.ACTIVE,
            )
            .options(contains_eager(Variant.product))
        )
    }
    load_terms(buyer, list(variants))
    result = []
    for line in lines:
        wanted = line.ordered_quantity or line.quantity
        name = f"{line.product_label} · {line.variant_label}"
        variant = variants.get(line.variant_id)
        if variant is None:
            result.append(
                ReorderLine(
                    line.sku,
                    name,
                    wanted,
                    line.unit_price_satang,
                    None,
                    0,
                    None,
                    _l("No longer sold."),
                )
            )
            continue
        rule = quantity_rule(buyer, variant)
        quantity, problem = wanted, ""
        if not rule.allows(quantity):
            nearest = rule.nearest(quantity)
            quantity = nearest[-1] if nearest else 0
            problem = _l("Sold in cartons of %(case)s now.", case=rule.increment)
        if quantity > variant.stock:
            quantity = variant.stock - variant.stock % rule.increment
            quantity = quantity if quantity >= rule.minimum else 0
            problem = _l("Only %(count)s in stock.", count=variant.stock)
        quote = price(buyer, variant, quantity or wanted)
        result.append(
            ReorderLine(
                line.sku, name, wanted, line.unit_price_satang, variant, quantity, quote, problem
            )
        )
    return result


def add_reorder(cart: Cart, buyer: Buyer, lines: list[ReorderLine]) -> int:
    """Add the lines that can be bought to the cart, all or none; returns how many. Raises
    QuickOrderError when one cannot be added any more (stock taken meanwhile)."""
    wanted = {line.variant.id: line.quantity for line in lines if line.quantity}
    errors = cart_services.add_items(cart, wanted, buyer)
    if errors:
        raise QuickOrderError(errors)
    return len(wanted)
