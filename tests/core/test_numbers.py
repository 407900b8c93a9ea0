"""Every number the shop reads goes through one parser (shop.core.numbers): Thai and Burmese
digits are read everywhere, and the same odd inputs are refused everywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.core.money import baht_to_satang
from shop.core.numbers import ascii_digits, parse_decimal, parse_whole_number


@pytest.mark.parametrize(
    ("typed", "number"),
    [("12", 12), ("๑๒", 12), ("၁၂", 12), (" 7 ", 7), ("-3", -3), ("1,250", 1250), ("๑,๒๕๐", 1250)],
)
def test_whole_numbers_in_any_digits(typed, number):
    assert parse_whole_number(typed) == number


@pytest.mark.parametrize("typed", ["", " ", "1.5", "1,5", "12,34", "1e3", "1_000", "๑๒a", "--1"])
def test_what_is_not_a_whole_number_is_refused(typed):
    with pytest.raises(ValueError, match="whole number"):
        parse_whole_number(typed)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("195", Decimal(195)), ("๑๙๕", Decimal(195)), ("၁၉၅.၅၀", Decimal("195.50"))],
)
def test_decimals_in_any_digits(typed, number):
    assert parse_decimal(typed) == number


@pytest.mark.parametrize("typed", ["1e3", "NaN", "Infinity", "1,5", "1_000", ".", ""])
def test_what_is_not_a_decimal_is_refused(typed):
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(typed)


def test_prices_read_the_same_digits_as_quantities():
    # The example: a price in Thai digits was read, a quantity in Thai digits was not.
    assert baht_to_satang("๑๙๕") == 19500
    assert parse_whole_number("๑๒") == 12
    assert baht_to_satang("฿၁,၂၃၄.၅၀") == 123450
    with pytest.raises(ValueError, match="amount"):
        baht_to_satang("1e3")  # Decimal() alone would read it as 1000 baht


def test_ascii_digits_keeps_what_is_not_a_digit():
    assert ascii_digits(" ๐๘๑-၂၃၄ ") == "081-234"
    assert ascii_digits(None) is None
