from decimal import Decimal

import pytest

from shop.core.money import baht_to_satang, format_money, vat_part


@pytest.mark.parametrize(
    ("text", "satang"),
    [("120", 12000), ("1,234.50", 123450), ("0.01", 1), (Decimal("179"), 17900), ("฿65", 6500)],
)
def test_baht_amounts_parse_to_integer_satang(text, satang):
    assert baht_to_satang(text) == satang
    assert isinstance(baht_to_satang(text), int)


@pytest.mark.parametrize("text", ["abc", "-5", "1.234", "NaN", "Infinity", ""])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValueError, match="amount"):
        baht_to_satang(text)


def test_vat_part_of_a_vat_inclusive_price():
    assert vat_part(10700) == 700
    assert vat_part(17900) == 1171  # 179 * 7 / 107 = 11.7102…
    assert vat_part(0) == 0


@pytest.mark.parametrize(
    ("locale", "satang", "shown"),
    [
        ("th", 17900, "฿179"),
        ("en", 123450, "฿1,234.50"),
        ("my", 17900, "179\xa0฿"),
    ],
)
def test_money_is_formatted_for_each_locale(locale, satang, shown):
    assert format_money(satang, locale) == shown
