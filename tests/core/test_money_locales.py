"""Prices read the same as Babel formats them, in Thai, English and Burmese, for any amount
(format_money keeps each locale's symbols instead of parsing the locale for every price)."""

from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_decimal

from shop.core.money import format_money

AMOUNTS = [0, 1, 9, 10, 99, 100, 101, 12_345, 17_900, 123_450, 100_000_000, 123_456_789]


def _as_babel_formats(satang: int, locale: str) -> str:
    """The amount as Babel's number and currency patterns for ``locale`` write it."""
    whole = satang % 100 == 0
    number = format_decimal(
        Decimal(satang) / 100, format="#,##0" if whole else "#,##0.00", locale=locale
    )
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    spaced = "\xa0" if "¤\xa0" in pattern or "\xa0¤" in pattern or " ¤" in pattern else ""
    return f"฿{spaced}{number}" if pattern.strip().startswith("¤") else f"{number}{spaced}฿"


@pytest.mark.parametrize("locale", ["th", "en", "my"])
@pytest.mark.parametrize("satang", AMOUNTS + [-1, -100, -12_345])
def test_every_amount_reads_as_babel_writes_it(locale, satang):
    assert format_money(satang, locale) == _as_babel_formats(satang, locale)


@pytest.mark.parametrize(
    ("locale", "satang", "shown"),
    [
        ("th", 123_456_789, "฿1,234,567.89"),
        ("en", 100_000_000, "฿1,000,000"),
        ("my", 123_450, "1,234.50\xa0฿"),
        ("th", 5, "฿0.05"),
    ],
)
def test_large_amounts_and_satang_in_each_language(locale, satang, shown):
    assert format_money(satang, locale) == shown
    assert format_money(satang, locale) == shown  # the second time from the kept symbols
