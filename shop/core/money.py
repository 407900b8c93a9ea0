"""Money: integer satang inside the shop, Decimal only when parsing or formatting at the edges.

Retail prices include 7 % VAT. Nothing here ever uses float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal

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


def format_money(satang: int, locale: str) -> str:
    """Format satang as baht for a locale: "฿1,234.50", or "฿120" for whole baht."""
    whole = satang % SATANG_PER_BAHT == 0
    number = format_decimal(
        Decimal(satang) / SATANG_PER_BAHT,
        format="#,##0" if whole else "#,##0.00",
        locale=locale,
    )
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    sign_first = pattern.strip().startswith("¤")
    spaced = "\xa0" if "¤\xa0" in pattern or "\xa0¤" in pattern or " ¤" in pattern else ""
    return f"{BAHT_SIGN}{spaced}{number}" if sign_first else f"{number}{spaced}{BAHT_SIGN}"


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
