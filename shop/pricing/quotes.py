"""What a buyer pays for a number of units of a pack, and in what quantities it may buy it.

The one place a unit price is computed: product pages, the cart, checkout, order placement,
the quick-order grid, spreadsheet orders and reorders all call :func:`price` and
:func:`quantity_rule`. Amounts are integer satang, VAT included; quantities are the pack's units.

The model follows the B2B shops surveyed in docs/research (Shopify's vocabulary, Spree's
resolution): a *price list* gives a percentage off retail; a *price break* of a pack gives a
unit price from a minimum quantity on, and the deepest break the quantity reaches applies; a
*quantity rule* (minimum, increment = the case pack, optional maximum) says which quantities
may be ordered. A quantity that breaks the rule is refused with the nearest valid quantities,
never rounded. Retail buyers, and every pack without a quantity rule, pay the retail price in
any quantity from 1 to :data:`RETAIL_MAX_QUANTITY`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shop.core.money import basis_points_of
from shop.extensions import db
from shop.pricing.models import MAX_WHOLESALE_UNITS, PriceBreak, PriceList, QuantityRule

RETAIL_MAX_QUANTITY = 999
OR = _l(" or ")  # between the nearest allowed quantities: "48 or 72"


class PriceSource(enum.StrEnum):
    RETAIL = "retail"
    PRICE_LIST = "price_list"  # the list's percentage off retail
    PRICE_BREAK = "price_break"  # a volume price of the pack


@dataclass(frozen=True)
class Break:
    min_quantity: int
    unit_satang: int


@dataclass(frozen=True)
class Quote:
    """A unit price and where it came from.

    ``price_list`` names the buyer's list for wholesale prices; ``reached`` is the break the
    quantity reached (when it set the price); ``next`` is the next break that would lower the
    price, if any ("add 12 more for ฿X each").
    """

    unit_satang: int
    source: PriceSource
    quantity: int
    price_list: str = ""
    reached: Break | None = None
    next: Break | None = None

    @property
    def total_satang(self) -> int:
        return self.unit_satang * self.quantity

    @property
    def units_to_next(self) -> int:
        return self.next.min_quantity - self.quantity if self.next else 0

    @property
    def detail(self) -> str:
        """The source as stored on an order line: "retail", "price_list:<name>",
        "price_break:<min quantity>"."""
        if self.source is PriceSource.PRICE_BREAK:
            return f"{self.source}:{self.reached.min_quantity}"
        if self.source is PriceSource.PRICE_LIST:
            return f"{self.source}:{self.price_list}"
        return str(self.source)


class QuantityNotAllowed(Exception):
    """A quantity outside a pack's quantity rule; ``message`` says why and which quantities
    are allowed nearby (translated), ``nearest`` lists them."""

    def __init__(self, message, nearest: list[int]):
        super().__init__(str(message))
        self.message = message
        self.nearest = nearest


@dataclass(frozen=True)
class Rule:
    """Which quantities of a pack a buyer may order: ``minimum`` to ``maximum`` units, in
    multiples of ``increment`` (the case pack; 1 for retail)."""

    minimum: int
    increment: int
    maximum: int

    @property
    def by_the_case(self) -> bool:
        return self.increment > 1

    def allows(self, quantity: int) -> bool:
        return self.minimum <= quantity <= self.maximum and quantity % self.increment == 0

    def nearest(self, quantity: int) -> list[int]:
        """The valid quantities just below and just above ``quantity`` (one or two of them)."""
        if quantity < self.minimum:
            return [self.minimum]
        if quantity > self.maximum:
            return [self.maximum - self.maximum % self.increment]
        below = quantity - quantity % self.increment
        above = below + self.increment
        return [q for q in (below, above) if self.minimum <= q <= self.maximum]

    @property
    def range_message(self):
        """What to tell a buyer whose quantity is not a whole number in range (translated)."""
        if self.by_the_case:
            return _l(
                "Please enter a whole number of units from %(min)s to %(max)s, "
                "in cartons of %(case)s.",
                min=self.minimum,
                max=self.maximum,
                case=self.increment,
            )
        return _l(
            "Please enter a whole number from %(min)s to %(max)s.",
            min=self.minimum,
            max=self.maximum,
        )

    def check(self, quantity: int) -> None:
        """Raises QuantityNotAllowed unless ``quantity`` may be ordered: by the case, the
        message names the nearest allowed quantities ("Sold in cartons of 24: order 48 or
        72"; below the minimum, the minimum)."""
        if self.allows(quantity):
            return
        nearest = self.nearest(quantity)
        if self.by_the_case and nearest and 0 < quantity <= self.maximum:
            message = _l(
                "Sold in cartons of %(case)s: order %(choices)s.",
                case=self.increment,
                choices=str(OR).join(str(q) for q in nearest),
            )
        else:
            message = self.range_message
        raise QuantityNotAllowed(message, nearest)


class PricedPack(Protocol):
    """What pricing reads of a pack: a Variant, or a row of its columns that has these two."""

    @property
    def id(self) -> int: ...

    @property
    def price_satang(self) -> int: ...


RETAIL_RULE = Rule(minimum=1, increment=1, maximum=RETAIL_MAX_QUANTITY)


@dataclass(frozen=True)
class WholesaleTerms:
    """A wholesale pack's quantity rule and price breaks (ascending by quantity)."""

    rule: Rule
    breaks: tuple[Break, ...]


@dataclass
class Buyer:
    """Who is buying. ``price_list`` is set only for members of an approved partner company
    whose list is active (see shop.wholesale.access.current_buyer); everyone else is retail.

    A Buyer keeps the wholesale terms it has looked up, so that pricing a page or a cart of
    many packs costs one query (see :func:`load_terms`). Make one per request.
    """

    partner_id: int | None = None
    price_list: PriceList | None = None
    _terms: dict[int, WholesaleTerms | None] = field(default_factory=dict, repr=False)

    @property
    def is_wholesale(self) -> bool:
        return (
            self.partner_id is not None
            and self.price_list is not None
            and self.price_list.is_active
        )


def retail() -> Buyer:
    return Buyer()


def load_terms(buyer: Buyer, variant_ids: Iterable[int]) -> None:
    """Look up the wholesale terms of these packs for ``buyer`` in one query (none for a
    retail buyer, who never gets them): each rule with its breaks, the columns priced only."""
    if not buyer.is_wholesale:
        return
    wanted = {vid for vid in variant_ids if vid not in buyer._terms}
    if not wanted:
        return
    rows = db.session.execute(
        select(
            QuantityRule.variant_id,
            QuantityRule.min_quantity,
            QuantityRule.case_pack,
            QuantityRule.max_quantity,
            PriceBreak.min_quantity,
            PriceBreak.unit_price_satang,
        )
        .outerjoin(PriceBreak, PriceBreak.variant_id == QuantityRule.variant_id)
        .where(QuantityRule.variant_id.in_(wanted))
        .order_by(QuantityRule.variant_id, PriceBreak.min_quantity)
    )
    rules: dict[int, Rule] = {}
    breaks: dict[int, list[Break]] = {}
    for variant_id, minimum, case_pack, maximum, break_quantity, break_unit in rows:
        if variant_id not in rules:
            rules[variant_id] = Rule(
                minimum=minimum, increment=case_pack, maximum=maximum or MAX_WHOLESALE_UNITS
            )
            breaks[variant_id] = []
        if break_quantity is not None:
            breaks[variant_id].append(Break(break_quantity, break_unit))
    for vid in wanted:
        rule = rules.get(vid)
        buyer._terms[vid] = WholesaleTerms(rule, tuple(breaks[vid])) if rule else None


def wholesale_terms(buyer: Buyer, variant: PricedPack) -> WholesaleTerms | None:
    """The pack's wholesale terms for this buyer; None for retail buyers and retail-only packs."""
    if not buyer.is_wholesale:
        return None
    if variant.id not in buyer._terms:
        load_terms(buyer, [variant.id])
    return buyer._terms[variant.id]


def quantity_rule(buyer: Buyer, variant: PricedPack) -> Rule:
    """Minimum, increment and maximum units of ``variant`` that ``buyer`` may order."""
    terms = wholesale_terms(buyer, variant)
    return terms.rule if terms else RETAIL_RULE


def list_price(retail_satang: int, price_list: PriceList) -> int:
    """The retail price less the list's percentage, rounded half up to the satang."""
    return retail_satang - basis_points_of(retail_satang, price_list.discount_bp)


def price(buyer: Buyer, variant: PricedPack, quantity: int) -> Quote:
    """What ``buyer`` pays per unit of ``variant`` when buying ``quantity`` units.

    Retail buyers and retail-only packs: the retail price. Wholesale packs for a partner: the
    lower of the price list's price and the deepest price break the quantity reaches (so the
    unit price never rises with the quantity, and never exceeds retail). The quantity is not
    checked against the rule here: see :func:`quantity_rule`.
    """
    terms = wholesale_terms(buyer, variant)
    if terms is None:
        return Quote(variant.price_satang, PriceSource.RETAIL, quantity)
    return _wholesale_price(buyer.price_list, terms, variant.price_satang, quantity)


def _wholesale_price(
    price_list: PriceList, terms: WholesaleTerms, retail_satang: int, quantity: int
) -> Quote:
    """:func:`price` of a wholesale pack, its terms looked up."""
    unit, reached = list_price(retail_satang, price_list), None
    for brk in terms.breaks:
        if brk.min_quantity <= quantity and brk.unit_satang < unit:
            unit, reached = brk.unit_satang, brk
    source = PriceSource.PRICE_BREAK if reached else PriceSource.PRICE_LIST
    if unit >= retail_satang:
        unit, source, reached = retail_satang, PriceSource.RETAIL, None
    upcoming = next(
        (b for b in terms.breaks if b.min_quantity > quantity and b.unit_satang < unit), None
    )
    return Quote(unit, source, quantity, price_list.name, reached, upcoming)


def break_table(buyer: Buyer, variant: PricedPack) -> list[Quote]:
    """The prices a partner pays from the rule's minimum and at each break, for a product
    page or the quick-order grid; empty for retail buyers and retail-only packs."""
    terms = wholesale_terms(buyer, variant)
    if terms is None:
        return []
    quantities = [terms.rule.minimum] + [
        b.min_quantity for b in terms.breaks if b.min_quantity > terms.rule.minimum
    ]
    quotes = [
        _wholesale_price(buyer.price_list, terms, variant.price_satang, q) for q in quantities
    ]
    return [q for i, q in enumerate(quotes) if i == 0 or q.unit_satang < quotes[i - 1].unit_satang]
