"""Money: integer satang inside the shop, Decimal only when parsing or formatting at the edges.

Retail prices include 7 % VAT. Nothing here ever uses float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale
from babel.numbers import format_decimal

SATANG_PER_BAHT = 100
VAT_RATE_PERCENT = 7
BAHT_SIGN = "฿"


def baht_to_satang(value: str | int | Decimal) -> int:
    """Parse an amount in baht ("120", "1,234.50", Decimal) into integer satang.

    Raises ValueError for text that is not a non-negative amount with at most two decimals.
    """
    text = str(value).strip().replace(",", "").replace(BAHT_SIGN, "")
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
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
