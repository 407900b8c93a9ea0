"""Money: integer satang inside the shop, Decimal only when parsing or formatting at the edges.

Retail prices include 7 % VAT. Nothing here ever uses float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from babel import Locale

from shop.core.numbers import parse_decimal

SATANG_PER_BAHT = 100
VAT_RATE_PERCENT = 7
BAHT_SIGN = "฿"
BASIS_POINTS_PER_PERCENT = 100


def baht_to_satang(value: str | int | Decimal) -> int:
    """Parse an amount in baht ("120", "1,234.50", "฿๑๙๕", Decimal) into integer satang.

    Digits and grouping are read by ``core.numbers.parse_decimal`` (Thai and Burmese digits
    too). Raises ValueError for text that is not a non-negative amount with at most two
    decimals.
    """
    try:
        amount = parse_decimal(str(value).replace(BAHT_SIGN, ""))
    except ValueError as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        raise ValueError(f"not an amount in baht: {value!r}")
    return int(amount * SATANG_PER_BAHT)


def vat_part(gross_satang: int) -> int:
    """The VAT contained in a VAT-inclusive amount, rounded half up to the satang."""
    vat = Decimal(gross_satang) * VAT_RATE_PERCENT / (100 + VAT_RATE_PERCENT)
    return int(vat.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class _MoneyStyle(NamedTuple):
    group: str  # the grouping separator of the locale's Latin digits ("," in th, en and my)
    decimal: str
    minus: str
    sign_first: bool  # "฿120" rather than "120 ฿"
    spaced: str  # "\xa0" when the locale puts a space between the sign and the number


@lru_cache(maxsize=64)
def _money_style(locale: str) -> _MoneyStyle:
    """What format_money needs of a locale, read from Babel's CLDR data once per locale (parsing
    a locale and its patterns on every amount was most of the cost of a page of prices)."""
    parsed = Locale.parse(locale)
    symbols = parsed.number_symbols.get("latn", {})
    pattern = parsed.currency_formats["standard"].pattern
    spaced = "\xa0" if "¤\xa0" in pattern or "\xa0¤" in pattern or " ¤" in pattern else ""
    return _MoneyStyle(
        group=symbols.get("group", ","),
        decimal=symbols.get("decimal", "."),
        minus=symbols.get("minusSign", "-"),
        sign_first=pattern.strip().startswith("¤"),
        spaced=spaced,
    )


def format_money(satang: int, locale: str) -> str:
    """Format satang as baht for a locale: "฿1,234.50", or "฿120" for whole baht.

    Digits are Latin in every locale, grouped by thousands with the locale's separators (what
    Babel's ``format_decimal`` gives with "#,##0" / "#,##0.00"); the baht sign goes where the
    locale's currency pattern puts it ("179\xa0฿" in Burmese). Raises Babel's
    UnknownLocaleError (or ValueError) for a locale Babel does not know.
    """
    style = _money_style(locale)
    baht, rest = divmod(abs(int(satang)), SATANG_PER_BAHT)
    number = f"{baht:,}".replace(",", style.group)
    if rest:
        number = f"{number}{style.decimal}{rest:02d}"
    if satang < 0:
        number = style.minus + number
    if style.sign_first:
        return f"{BAHT_SIGN}{style.spaced}{number}"
    return f"{number}{style.spaced}{BAHT_SIGN}"


def basis_points_of(amount_satang: int, basis_points: int) -> int:
    """``basis_points`` / 10 000 of an amount (a commission), rounded half up to the satang."""
    return (amount_satang * basis_points + 5_000) // 10_000


def percent_to_basis_points(text: str, *, max_bp: int) -> int:
    """A percentage as typed ("5", "5.5", "5,5 %") in basis points (500, 550).

    Raises ValueError unless it is a number from 0 to ``max_bp`` / 100 with at most two decimals.
    """
    cleaned = str(text).strip().removesuffix("%").strip().replace(",", ".")
    try:
        percent = parse_decimal(cleaned)
    except ValueError as exc:
        raise ValueError(f"not a percentage: {text!r}") from exc
    if percent.as_tuple().exponent < -2:
        raise ValueError(f"not a percentage with at most two decimals: {text!r}")
    basis_points = int(percent * BASIS_POINTS_PER_PERCENT)
    if not 0 <= basis_points <= max_bp:
        raise ValueError(f"percentage out of range: {text!r}")
    return basis_points


def basis_points_as_percent(basis_points: int) -> str:
    """Basis points as the percentage a person types: 500 → "5", 550 → "5.5"."""
    percent = Decimal(basis_points) / BASIS_POINTS_PER_PERCENT
    return format(percent.normalize(), "f")
