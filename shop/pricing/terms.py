"""A cooperative sets the wholesale terms of its own packs: the quantity rule (units per carton,
minimum, optional maximum) and up to ten price breaks; and its minimum wholesale order value.

What partners then pay is computed by shop.pricing.quotes alone; this module only checks and
stores the terms. Amounts are integer satang, VAT included; quantities are the pack's units.
Services flush and write the audit log; the caller commits (or rolls back on an error).
Tenant scoping is the caller's: the seller backend looks packs up inside its cooperative.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.orm import contains_eager

from shop.catalog.models import Cooperative, Product, Variant
from shop.core.db import utcnow
from shop.core.i18n import current_language
from shop.core.money import baht_to_satang, format_money
from shop.core.numbers import parse_whole_number
from shop.extensions import db
from shop.platform.audit import record
from shop.pricing.models import MAX_WHOLESALE_UNITS, PriceBreak, PriceList, QuantityRule
from shop.pricing.quotes import Buyer, Quote, break_table

MAX_CASE_PACK = 10_000
MAX_BREAKS = 10
MAX_WHOLESALE_MINIMUM_SATANG = 1_000_000_00  # one million baht


@dataclass(frozen=True)
class Terms:
    """A wholesale pack's terms as stored: ``breaks`` are (minimum units, unit price in satang)
    pairs, ascending by quantity."""

    case_pack: int
    min_quantity: int
    max_quantity: int | None
    breaks: tuple[tuple[int, int], ...] = ()

    def audit(self) -> dict:
        return {
            "case_pack": self.case_pack,
            "min_quantity": self.min_quantity,
            "max_quantity": self.max_quantity,
            "breaks": [list(b) for b in self.breaks],
        }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with proposed terms. ``field`` is ``case_pack``, ``min_quantity``,
    ``max_quantity``, ``breaks`` (their number), ``break_quantity`` or ``break_price``; for the
    last two ``number`` is the break's number as the message names it ("price break 2")."""

    field: str
    message: object  # a lazy translated string naming the field
    number: int | None = None


class TermsError(Exception):
    """Proposed terms were refused; ``problems`` lists every reason, the first is the message."""

    def __init__(self, problems: list[Problem]):
        super().__init__(str(problems[0].message))
        self.problems = problems
        self.message = problems[0].message


def check_terms(
    retail_satang: int,
    case_pack: int,
    min_quantity: int,
    max_quantity: int | None,
    breaks: Sequence[tuple[int, int]],
    break_numbers: Sequence[int] | None = None,
) -> list[Problem]:
    """Every problem with these terms for a pack sold at ``retail_satang``; empty when they
    may be stored. Messages call the breaks "price break 1, 2, …" in the order given, or by
    ``break_numbers`` (the rows or columns they were typed in, when some were left empty).

    Rules: 1 to 10,000 units per carton; a minimum of whole cartons, at least one; a maximum
    (optional) of whole cartons, not below the minimum, at most MAX_WHOLESALE_UNITS; at most
    ten breaks, each from 2 units on, no two at the same quantity, none above the maximum (it
    could never apply), each price from 0 and below the retail price, and prices strictly
    falling as the quantity rises (shop.pricing.quotes takes the deepest break reached, so a
    rising break would never apply). A break at or below the minimum applies from the minimum.
    """
    problems: list[Problem] = []
    if not 1 <= case_pack <= MAX_CASE_PACK:
        problems.append(
            Problem(
                "case_pack",
                _l(
                    "Units per carton: enter a whole number from 1 to %(max)s.",
                    max=f"{MAX_CASE_PACK:,}",
                ),
            )
        )
        case_pack = 0  # the other checks need a carton; they are skipped below
    if case_pack and (
        min_quantity < case_pack or min_quantity % case_pack or min_quantity > MAX_WHOLESALE_UNITS
    ):
        problems.append(
            Problem(
                "min_quantity",
                _l(
                    "Minimum units: enter whole cartons of %(case)s (%(case)s, %(two)s, …), "
                    "up to %(max)s.",
                    case=case_pack,
                    two=2 * case_pack,
                    max=f"{MAX_WHOLESALE_UNITS:,}",
                ),
            )
        )
    if max_quantity is not None and case_pack:
        if max_quantity % case_pack or max_quantity > MAX_WHOLESALE_UNITS:
            problems.append(
                Problem(
                    "max_quantity",
                    _l(
                        "Maximum units: enter whole cartons of %(case)s, up to %(max)s, "
                        "or leave it empty for no maximum.",
                        case=case_pack,
                        max=f"{MAX_WHOLESALE_UNITS:,}",
                    ),
                )
            )
        elif max_quantity < min_quantity and not any(p.field == "min_quantity" for p in problems):
            problems.append(
                Problem(
                    "max_quantity",
                    _l(
                        "Maximum units: it cannot be below the minimum (%(min)s).", min=min_quantity
                    ),
                )
            )
    if len(breaks) > MAX_BREAKS:
        problems.append(
            Problem("breaks", _l("At most %(max)s price breaks, please.", max=MAX_BREAKS))
        )
    numbers = list(break_numbers or range(1, len(breaks) + 1))
    problems.extend(_check_breaks(retail_satang, max_quantity, breaks, numbers, case_pack or 1))
    return problems


def _check_breaks(
    retail_satang: int,
    max_quantity: int | None,
    breaks: Sequence[tuple[int, int]],
    numbers: list[int],
    case_pack: int = 1,
) -> list[Problem]:
    def _n(index: int) -> int:
        return numbers[index]

    problems: list[Problem] = []
    first_at: dict[int, int] = {}
    good: list[int] = []  # indexes of breaks whose own values are fine, for the falling check
    retail = format_money(retail_satang, current_language())
    for i, (quantity, unit) in enumerate(breaks):
        fine = True
        if not 2 <= quantity <= MAX_WHOLESALE_UNITS:
            problems.append(
                Problem(
                    "break_quantity",
                    _l(
                        "Price break %(n)s: the units must be a whole number from 2 to %(max)s.",
                        n=_n(i),
                        max=f"{MAX_WHOLESALE_UNITS:,}",
                    ),
                    _n(i),
                )
            )
            fine = False
        elif quantity in first_at:
            problems.append(
                Problem(
                    "break_quantity",
                    _l(
                        "Price break %(n)s: price break %(other)s already starts at %(units)s "
                        "units.",
                        n=_n(i),
                        other=_n(first_at[quantity]),
                        units=quantity,
                    ),
                    _n(i),
                )
            )
            fine = False
        elif quantity % case_pack:
            problems.append(
                Problem(
                    "break_quantity",
                    _l(
                        "Price break %(n)s: partners order whole cartons of %(case)s, so the "
                        "break must start at a whole number of cartons (%(below)s or %(above)s).",
                        n=_n(i),
                        case=case_pack,
                        below=quantity - quantity % case_pack or case_pack,
                        above=quantity - quantity % case_pack + case_pack,
                    ),
                    _n(i),
                )
            )
            fine = False
        elif max_quantity is not None and quantity > max_quantity:
            problems.append(
                Problem(
                    "break_quantity",
                    _l(
                        "Price break %(n)s: it starts above the maximum of %(max)s units, so no "
                        "order could reach it.",
                        n=_n(i),
                        max=max_quantity,
                    ),
                    _n(i),
                )
            )
            fine = False
        else:
            first_at[quantity] = i
        if unit <= 0:
            problems.append(
                Problem(
                    "break_price",
                    _l("Price break %(n)s: the unit price must be more than ฿0.", n=_n(i)),
                    _n(i),
                )
            )
            fine = False
        elif unit >= retail_satang:
            problems.append(
                Problem(
                    "break_price",
                    _l(
                        "Price break %(n)s: the unit price must be below the retail price "
                        "(%(retail)s).",
                        n=_n(i),
                        retail=retail,
                    ),
                    _n(i),
                )
            )
            fine = False
        if fine:
            good.append(i)
    good.sort(key=lambda i: breaks[i][0])
    for before, after in zip(good, good[1:], strict=False):
        if breaks[after][1] >= breaks[before][1]:
            problems.append(
                Problem(
                    "break_price",
                    _l(
                        "Price break %(n)s: the unit price must be lower than at %(units)s units "
                        "(price break %(other)s): prices fall as the quantity rises.",
                        n=_n(after),
                        units=breaks[before][0],
                        other=_n(before),
                    ),
                    _n(after),
                )
            )
    return problems


def _units(text: str) -> int:
    """Typed units as a number; -1 (refused by the range checks, with their message) when
    they are not a whole number, 0 when empty."""
    if not text.strip():
        return 0
    try:
        return parse_whole_number(text)
    except ValueError:
        return -1


def read_terms(
    retail_satang: int,
    case_pack: str,
    min_quantity: str,
    max_quantity: str,
    breaks: Sequence[tuple[int, str, str]],
) -> tuple[Terms | None, list[Problem]]:
    """Terms as a person types them (on the pack's page or in the price CSV): units in any
    digits ("๔๘"), prices in baht ("150", "๑๕๐.๕๐"), breaks as (number, units, price) with
    the number they are shown under; a break with both cells empty is left out.

    Returns the terms, or None and every problem (see check_terms).
    """
    problems: list[Problem] = []
    maximum = None
    if max_quantity.strip():
        maximum = _units(max_quantity)
        if maximum < 0:
            problems.append(
                Problem(
                    "max_quantity",
                    _l("Maximum units: enter a whole number, or leave it empty for no maximum."),
                )
            )
            maximum = None
    pairs: list[tuple[int, int]] = []
    numbers: list[int] = []
    for number, units_text, price_text in breaks:
        if not units_text.strip() and not price_text.strip():
            continue
        if not units_text.strip() or not price_text.strip():
            problems.append(
                Problem(
                    "break_price" if units_text.strip() else "break_quantity",
                    _l(
                        "Price break %(n)s: enter both the units and the unit price.",
                        n=number,
                    ),
                    number,
                )
            )
            continue
        try:
            unit = baht_to_satang(price_text)
        except ValueError:
            problems.append(
                Problem(
                    "break_price",
                    _l(
                        "Price break %(n)s: the unit price must be an amount in baht like "
                        "150 or 150.50.",
                        n=number,
                    ),
                    number,
                )
            )
            continue
        pairs.append((_units(units_text), unit))
        numbers.append(number)
    problems.extend(
        check_terms(retail_satang, _units(case_pack), _units(min_quantity), maximum, pairs, numbers)
    )
    if problems:
        return None, sorted(problems, key=_field_order)
    return Terms(_units(case_pack), _units(min_quantity), maximum, tuple(sorted(pairs))), []


_FIELD_ORDER = ("case_pack", "min_quantity", "max_quantity", "breaks")


def _field_order(problem: Problem) -> tuple[int, int]:
    if problem.field in _FIELD_ORDER:
        return _FIELD_ORDER.index(problem.field), 0
    return len(_FIELD_ORDER), problem.number or 0


def terms_of(variant_ids: Iterable[int]) -> dict[int, Terms]:
    """The stored terms of these packs, by variant id (wholesale packs only), in two queries."""
    ids = list(set(variant_ids))
    if not ids:
        return {}
    rules = list(db.session.scalars(select(QuantityRule).where(QuantityRule.variant_id.in_(ids))))
    breaks: dict[int, list[tuple[int, int]]] = {}
    rows = db.session.execute(
        select(PriceBreak.variant_id, PriceBreak.min_quantity, PriceBreak.unit_price_satang)
        .where(PriceBreak.variant_id.in_([r.variant_id for r in rules]))
        .order_by(PriceBreak.variant_id, PriceBreak.min_quantity)
    )
    for variant_id, quantity, unit in rows:
        breaks.setdefault(variant_id, []).append((quantity, unit))
    return {
        r.variant_id: Terms(
            r.case_pack, r.min_quantity, r.max_quantity, tuple(breaks.get(r.variant_id, ()))
        )
        for r in rules
    }


def packs_of(cooperative_id: int) -> list[Variant]:
    """Every pack of the cooperative's products, active or not, by product name (Thai) and the
    packs' order, with their products loaded."""
    return list(
        db.session.scalars(
            select(Variant)
            .join(Variant.product)
            .where(Product.cooperative_id == cooperative_id)
            .options(contains_eager(Variant.product))
            .order_by(Product.name_th, Product.id, Variant.position, Variant.id)
        )
    )


def overview(cooperative_id: int) -> list[tuple[Variant, Terms | None]]:
    """The cooperative's packs with their wholesale terms (None: retail only), in three
    queries."""
    packs = packs_of(cooperative_id)
    terms = terms_of(v.id for v in packs)
    return [(v, terms.get(v.id)) for v in packs]


def _lock(variant_ids: Iterable[int]) -> None:
    """Lock the packs' rows in id order (as orders and the stock import do), so that two
    people saving the same pack's terms wait for each other instead of colliding."""
    db.session.execute(
        select(Variant.id)
        .where(Variant.id.in_(sorted(set(variant_ids))))
        .order_by(Variant.id)
        .with_for_update()
    )


def _store(changed: dict[int, Terms | None]) -> None:
    """Write new terms (None: retail only) for these packs: rules upserted or deleted, breaks
    replaced."""
    ids = list(changed)
    db.session.execute(delete(PriceBreak).where(PriceBreak.variant_id.in_(ids)))
    rules = {
        r.variant_id: r
        for r in db.session.scalars(select(QuantityRule).where(QuantityRule.variant_id.in_(ids)))
    }
    for variant_id, terms in changed.items():
        rule = rules.get(variant_id)
        if terms is None:
            if rule is not None:
                db.session.delete(rule)
                # The pack is off wholesale sale from now (the partner API's updated_since
                # names it as withdrawn by the pack's time, the rule being gone).
                db.session.execute(
                    update(Variant).where(Variant.id == variant_id).values(updated_at=utcnow())
                )
            continue
        if rule is None:
            rule = QuantityRule(variant_id=variant_id)
            db.session.add(rule)
        rule.case_pack, rule.min_quantity = terms.case_pack, terms.min_quantity
        rule.max_quantity = terms.max_quantity
        # The rule stands for all the pack's terms: changed breaks alone change it too (the
        # partner API's updated_since reads this time).
        rule.updated_at = utcnow()
        db.session.add_all(
            PriceBreak(variant_id=variant_id, min_quantity=q, unit_price_satang=unit)
            for q, unit in terms.breaks
        )
    db.session.flush()


def proposed_terms(
    variant: Variant,
    case_pack: int,
    min_quantity: int,
    max_quantity: int | None,
    breaks: Sequence[tuple[int, int]],
    break_numbers: Sequence[int] | None = None,
) -> Terms:
    """The terms as they would be stored. Raises TermsError with every problem found."""
    problems = check_terms(
        variant.price_satang, case_pack, min_quantity, max_quantity, breaks, break_numbers
    )
    if problems:
        raise TermsError(problems)
    return Terms(case_pack, min_quantity, max_quantity, tuple(sorted(breaks)))


def apply_terms(wanted: dict[Variant, Terms | None], *, actor_id: int, via: str) -> list[dict]:
    """Store checked terms (None: stop selling wholesale) for packs of one cooperative; packs
    whose terms do not change are left alone. Each changed pack gets an audit entry
    (``variant.wholesale_terms`` or ``variant.wholesale_stop``, with the terms before and after
    and ``via``: "page" or "csv"). Returns the changes."""
    if not wanted:
        return []
    by_id = {v.id: v for v in wanted}
    _lock(by_id)
    old = terms_of(by_id)
    changed: dict[int, Terms | None] = {}
    changes: list[dict] = []
    for variant, terms in wanted.items():
        before = old.get(variant.id)
        if before == terms:
            continue
        changed[variant.id] = terms
        change = {
            "sku": variant.sku,
            "before": before.audit() if before else None,
            "after": terms.audit() if terms else None,
        }
        changes.append(change)
        record(
            "variant.wholesale_terms" if terms else "variant.wholesale_stop",
            variant,
            actor_id=actor_id,
            cooperative_id=variant.product.cooperative_id,
            via=via,
            **change,
        )
    if changed:
        _store(changed)
    return changes


def set_wholesale_terms(
    variant: Variant,
    case_pack: int,
    min_quantity: int,
    max_quantity: int | None,
    breaks: Sequence[tuple[int, int]],
    actor_id: int,
    break_numbers: Sequence[int] | None = None,
) -> bool:
    """Make ``variant`` a wholesale pack with these terms (breaks as (units, satang) pairs in any
    order), replacing its earlier ones. Returns whether anything changed.

    Raises TermsError (every problem, each naming its field; see check_terms).
    """
    terms = proposed_terms(variant, case_pack, min_quantity, max_quantity, breaks, break_numbers)
    return bool(apply_terms({variant: terms}, actor_id=actor_id, via="page"))


def stop_wholesale(variant: Variant, actor_id: int) -> bool:
    """Sell ``variant`` at retail only: its quantity rule and price breaks are removed.
    Returns whether it was a wholesale pack."""
    return bool(apply_terms({variant: None}, actor_id=actor_id, via="page"))


def set_wholesale_minimum(cooperative: Cooperative, satang: int, actor_id: int) -> bool:
    """Set the least value (satang, VAT included) of the goods of one wholesale order from
    ``cooperative``; 0: no minimum. Returns whether it changed.

    Raises TermsError (field ``wholesale_minimum``) outside 0 to one million baht.
    """
    if not 0 <= satang <= MAX_WHOLESALE_MINIMUM_SATANG:
        raise TermsError(
            [
                Problem(
                    "wholesale_minimum",
                    _l(
                        "Minimum wholesale order: enter an amount from 0 to %(max)s.",
                        max=format_money(MAX_WHOLESALE_MINIMUM_SATANG, current_language()),
                    ),
                )
            ]
        )
    old = cooperative.wholesale_minimum_satang
    if old == satang:
        return False
    cooperative.wholesale_minimum_satang = satang
    db.session.flush()
    record(
        "cooperative.wholesale_minimum",
        cooperative,
        actor_id=actor_id,
        cooperative_id=cooperative.id,
        wholesale_minimum_satang=[old, satang],
    )
    return True


def sample_tables(variant: Variant, discounts_bp: Iterable[int]) -> list[tuple[int, list[Quote]]]:
    """What a partner on a price list of each of these discounts (basis points off retail)
    pays for the pack from its minimum and at each break, through shop.pricing.quotes; for the
    cooperative's preview of its stored terms. Empty for a pack sold at retail only."""
    tables = []
    for discount in sorted(set(discounts_bp)):
        sample = PriceList(name="sample", discount_bp=discount, is_active=True)
        tables.append((discount, break_table(Buyer(partner_id=0, price_list=sample), variant)))
    return [(d, t) for d, t in tables if t]


def sample_discounts() -> list[int]:
    """The discounts of the active price lists (basis points), for the previews; their names
    stay with the platform. A 0 % list when there is none."""
    found = db.session.scalars(
        select(PriceList.discount_bp).where(PriceList.is_active).distinct()
    ).all()
    return sorted(found) or [0]
