"""The one reader of numbers people type: quantities, stock, prices, postcodes, phones, order
numbers, page numbers, in forms, CSV files and URLs alike.

Digits may be Western (0–9), Thai (๐–๙), Burmese (၀–၉) or any other Unicode decimal digits
(Python's ``int()`` reads them all; this module says so in one place rather than letting some
parsers take them and others refuse them). Thousands may be grouped with commas in the usual
way ("1,250"); a comma anywhere else is refused rather than guessed at ("1,5"). Exponents,
underscores, "NaN" and "Infinity", which ``int()`` and ``Decimal()`` would accept, are refused.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_WHOLE = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\Z")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?\Z")


def _digit(ch: str) -> str:
    return str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch


def ascii_digits(text: str | None) -> str | None:
    """``text`` with every decimal digit written as 0–9 ("๑๒" → "12", "၁၂" → "12"), stripped.

    None and "" pass through unchanged.
    """
    if not text:
        return text
    return "".join(_digit(ch) for ch in text).strip()


def parse_whole_number(text: str | None) -> int:
    """A whole number as typed ("12", "๑๒", "၁၂", "-3", "1,250") as ``int``.

    Raises ValueError for anything else (empty text, decimals, letters, "1,5", "1e3").
    """
    cleaned = ascii_digits(text if isinstance(text, str) else str(text or "")) or ""
    if not _WHOLE.match(cleaned):
        raise ValueError(f"not a whole number: {text!r}")
    return int(cleaned.replace(",", ""))


def parse_decimal(text: str | None) -> Decimal:
    """A decimal number as typed ("180", "๑๙๕", "1,234.50", "-2.5") as a finite ``Decimal``.

    Raises ValueError for anything else (empty text, letters, "1,5", "1e3", "NaN").
    """
    cleaned = ascii_digits(text if isinstance(text, str) else str(text or "")) or ""
    if not _DECIMAL.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    return Decimal(cleaned.replace(",", ""))
