"""Delivery methods of a cooperative, as its owner sets them: reading what was typed (names in
Thai, English and Burmese, days, who may choose it, rates by weight or a price per carton, a
free-from amount) and saving it, audited. The pages are shop.seller.shipping; prices are
computed from these rows by shop.pricing.services.shipping_price.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.catalog.models import Cooperative
from shop.core.money import SATANG_PER_BAHT, baht_to_satang
from shop.core.numbers import parse_decimal, parse_whole_number
from shop.extensions import db
from shop.platform.audit import record
from shop.pricing.models import ShippingMethod, ShippingRate

MAX_ID = 2**31 - 1  # the largest key an INTEGER column holds (PostgreSQL)
MAX_RATES = 10  # weight brackets of one method
MAX_DAYS = 60
MAX_KG = 10_000  # the heaviest bracket: 10 tonnes
MAX_PRICE_SATANG = 10_000_000  # ฿100,000 a parcel or a carton
MAX_FREE_OVER_SATANG = 1_000_000_000  # ฿10,000,000 of goods
GRAMS_PER_KG = 1_000


@dataclass(frozen=True)
class MethodData:
    """A delivery method as checked: amounts in satang, weights in grams; exactly one of
    ``rates`` ((max grams, satang) ascending) and ``price_per_carton_satang`` is given."""

    name_th: str
    name_en: str
    name_my: str
    days_min: int
    days_max: int
    for_retail: bool
    for_wholesale: bool
    rates: tuple[tuple[int, int], ...]
    price_per_carton_satang: int | None
    free_over_satang: int | None
    is_active: bool


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: ``field`` is a form field name; ``row`` the rate row (from 1)
    for rate fields."""

    field: str
    message: object
    row: int | None = None


class MethodRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


# --- reading what was typed -------------------------------------------------------------------


def _days(text: str, field: str, problems: list[Problem]) -> int | None:
    try:
        days = parse_whole_number(text)
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DAYS:
        problems.append(
            Problem(field, _l("Enter a whole number of days from 0 to %(max)s.", max=MAX_DAYS))
        )
        return None
    return days


def _baht(text: str, most: int) -> int:
    """Satang of a typed amount in baht; ValueError unless from 0 to ``most`` satang."""
    satang = baht_to_satang(text)
    if satang > most:
        raise ValueError(text)
    return satang


def _grams(text: str) -> int:
    """Grams of a typed weight in kilograms (up to three decimals); ValueError unless above 0
    and at most MAX_KG."""
    kg = parse_decimal(text)
    if not kg.is_finite() or kg <= 0 or kg > MAX_KG or kg.as_tuple().exponent < -3:
        raise ValueError(text)
    return int(kg * GRAMS_PER_KG)


def read_method(
    *,
    name_th: str,
    name_en: str,
    name_my: str,
    days_min: str,
    days_max: str,
    for_retail: bool,
    for_wholesale: bool,
    pricing: str,
    carton_price: str,
    rates: list[tuple[int, str, str]],
    free_over: str,
    is_active: bool,
) -> MethodData:
    """Check a delivery method as typed (Thai and Burmese digits read, "1,250.50" baht) and
    return it in satang and grams. ``rates`` are (row number, kilograms, baht); empty rows are
    ignored. Raises MethodRefused with every problem, each naming its field (and rate row)."""
    problems: list[Problem] = []
    low = _days(days_min, "days_min", problems)
    high = _days(days_max, "days_max", problems)
    if low is not None and high is not None and high < low:
        problems.append(Problem("days_max", _l("At most cannot be fewer days than at least.")))
    if not (for_retail or for_wholesale):
        problems.append(
            Problem(
                "for_retail", _l("Choose who may use it: retail buyers, partner shops or both.")
            )
        )
    price_message = _l(
        "Enter an amount in baht from 0 to %(max)s, like 120 or 120.50.",
        max=f"{MAX_PRICE_SATANG // SATANG_PER_BAHT:,}",
    )
    brackets: dict[int, int] = {}
    per_carton = None
    if pricing == "carton":
        if for_retail:
            problems.append(Problem("pricing", _l("A price per carton is for partner shops only.")))
        if not carton_price:
            problems.append(Problem("carton_price", _l("Please give the price per carton.")))
        else:
            try:
                per_carton = _baht(carton_price, MAX_PRICE_SATANG)
            except ValueError:
                problems.append(Problem("carton_price", price_message))
    else:
        for number, kg_text, price_text in rates:
            if not kg_text and not price_text:
                continue
            try:
                grams = _grams(kg_text)
            except ValueError:
                problems.append(
                    Problem(
                        "max_kg",
                        _l(
                            "Enter a weight above 0 and up to %(max)s kg, like 5 or 0.5.",
                            max=f"{MAX_KG:,}",
                        ),
                        number,
                    )
                )
                grams = None
            try:
                satang = _baht(price_text, MAX_PRICE_SATANG)
            except ValueError:
                problems.append(Problem("price", price_message, number))
                satang = None
            if grams is None or satang is None:
                continue
            if grams in brackets:
                problems.append(
                    Problem("max_kg", _l("Another rate already ends at this weight."), number)
                )
                continue
            brackets[grams] = satang
        if not brackets and not any(p.row for p in problems):
            problems.append(
                Problem(
                    "pricing",
                    _l("Give at least one weight rate, or price the method per carton."),
                )
            )
    free_over_satang = None
    if free_over:
        try:
            free_over_satang = _baht(free_over, MAX_FREE_OVER_SATANG)
        except ValueError:
            problems.append(
                Problem(
                    "free_over",
                    _l(
                        "Enter an amount in baht from 0 to %(max)s, or leave it empty.",
                        max=f"{MAX_FREE_OVER_SATANG // SATANG_PER_BAHT:,}",
                    ),
                )
            )
    if problems:
        raise MethodRefused(problems)
    return MethodData(
        name_th=name_th,
        name_en=name_en,
        name_my=name_my,
        days_min=low,
        days_max=high,
        for_retail=for_retail,
        for_wholesale=for_wholesale,
        rates=tuple(sorted(brackets.items())),
        price_per_carton_satang=per_carton,
        free_over_satang=free_over_satang,
        is_active=is_active,
    )


# --- storing ----------------------------------------------------------------------------------


def methods_of(cooperative_id: int) -> list[ShippingMethod]:
    """The cooperative's delivery methods with their rates, in the buyers' order."""
    return list(
        db.session.scalars(
            select(ShippingMethod)
            .where(ShippingMethod.cooperative_id == cooperative_id)
            .options(selectinload(ShippingMethod.rates))
            .order_by(ShippingMethod.position, ShippingMethod.id)
        )
    )


def method_of(cooperative_id: int, method_id: int) -> ShippingMethod | None:
    """The cooperative's method ``method_id``; None for another cooperative's or no method."""
    if not 0 < method_id <= MAX_ID:
        return None
    return db.session.scalars(
        select(ShippingMethod).where(
            ShippingMethod.id == method_id, ShippingMethod.cooperative_id == cooperative_id
        )
    ).first()


def as_data(method: ShippingMethod) -> MethodData:
    return MethodData(
        name_th=method.name_th,
        name_en=method.name_en,
        name_my=method.name_my,
        days_min=method.days_min,
        days_max=method.days_max,
        for_retail=method.for_retail,
        for_wholesale=method.for_wholesale,
        rates=tuple((r.max_weight_grams, r.price_satang) for r in method.rates),
        price_per_carton_satang=method.price_per_carton_satang,
        free_over_satang=method.free_over_satang,
        is_active=method.is_active,
    )


def _new_code(cooperative_id: int, name_en: str) -> str:
    """A code for a new method, unique in the cooperative, from its English name: carriers
    are recognised by it (shop.orders.carriers)."""
    stem = re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-")[:34] or "method"
    taken = set(
        db.session.scalars(
            select(ShippingMethod.code).where(ShippingMethod.cooperative_id == cooperative_id)
        )
    )
    code, n = stem, 1
    while code in taken:
        n += 1
        code = f"{stem}-{n}"
    return code


def save_method(
    cooperative: Cooperative, method: ShippingMethod | None, data: MethodData, actor_id: int
) -> ShippingMethod:
    """Create a delivery method of ``cooperative`` (``method`` None) or change ``method`` to
    ``data``, and audit it. A method priced per carton keeps no weight rates. Flushes."""
    before = asdict(as_data(method)) if method else None
    if method is None:
        position = db.session.scalar(
            select(func.max(ShippingMethod.position)).where(
                ShippingMethod.cooperative_id == cooperative.id
            )
        )
        method = ShippingMethod(
            cooperative_id=cooperative.id,
            code=_new_code(cooperative.id, data.name_en),
            position=(position or 0) + 1,
        )
        db.session.add(method)
    for name in (
        "name_th",
        "name_en",
        "name_my",
        "days_min",
        "days_max",
        "for_retail",
        "for_wholesale",
        "price_per_carton_satang",
        "free_over_satang",
        "is_active",
    ):
        setattr(method, name, getattr(data, name))
    # Change rates in place by weight: removing and re-adding one weight in a flush would
    # meet the (method, weight) unique constraint.
    wanted = dict(data.rates)
    for rate in list(method.rates):
        if rate.max_weight_grams in wanted:
            rate.price_satang = wanted.pop(rate.max_weight_grams)
        else:
            method.rates.remove(rate)
    for grams, satang in wanted.items():
        method.rates.append(ShippingRate(max_weight_grams=grams, price_satang=satang))
    db.session.flush()
    after = asdict(data)
    record(
        "shipping_method.update" if before else "shipping_method.create",
        method,
        actor_id=actor_id,
        cooperative_id=cooperative.id,
        code=method.code,
        before=_jsonable(before),
        after=_jsonable(after),
    )
    db.session.flush()
    return method


def _jsonable(data: dict | None) -> dict | None:
    if data is None:
        return None
    return {
        key: [list(r) for r in value] if key == "rates" else value for key, value in data.items()
    }
