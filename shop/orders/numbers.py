"""Order numbers as people type them: the one place that reads them.

An order number is written "RN-5504-7209" ("RN", then eight digits in two groups of four;
``orders.services.new_order_number``). Buyers and staff type it from a mail, a slip or a phone
call: without dashes or with any dash (hyphen, en or em dash, minus sign, full-width hyphen), in
lower case, with spaces, with Thai or Burmese digits, with a letter O for a zero, or the digits
alone. ``canonical_order_number`` turns all of these into the stored form.
"""

from __future__ import annotations

import re

from shop.core.numbers import ascii_digits
from shop.core.text import normalize_text

PREFIX = "RN"
# Spaces, hyphen-minus, U+2010–U+2015 (hyphens and dashes), U+2043 hyphen bullet, U+2212
# minus sign, U+FE58/U+FE63 small dashes, U+FF0D full-width hyphen, and _ . / #
_SEP = "\\s\\-\u2010-\u2015\u2043\u2212\ufe58\ufe63\uff0d_./#"
_SEPARATORS = re.compile(f"[{_SEP}]")
ORDER_NUMBER = re.compile(rf"{PREFIX}-[0-9]{{4}}-[0-9]{{4}}\Z")  # the stored form
_TYPED = re.compile(rf"(?:{PREFIX})?([0-9O]{{4}})([0-9O]{{4}})\Z")
# Part of an order number, as staff type it into a search: "6385", "RN–6385", "5504 72"
_PART = re.compile(
    rf"(?:{PREFIX})?[{_SEP}]*([0-9O]{{1,8}})(?:[{_SEP}]+([0-9O]{{1,4}}))?[{_SEP}]*\Z"
)


def _zeros(digits: str) -> str:
    """A letter O typed for a zero among digits ("55O4" → "5504")."""
    return digits.replace("O", "0")


def canonical_order_number(text: str | None) -> str | None:
    """The stored form of a typed order number: "rn 5504 7209", "RN55047209",
    "RN-๕๕๐๔-๗๒๐๙", "55047209" → "RN-5504-7209".

    Text that is no order number comes back stripped and upper-cased, so a look-up with it
    finds nothing rather than failing. None passes through.
    """
    if text is None:
        return None
    cleaned = (ascii_digits(normalize_text(text)) or "").upper()
    typed = _TYPED.match(_SEPARATORS.sub("", cleaned))
    if typed is None or not any(ch.isdigit() for ch in typed.group(0)):
        return cleaned
    return f"{PREFIX}-{_zeros(typed.group(1))}-{_zeros(typed.group(2))}"


def search_text(text: str | None) -> str:
    """What staff typed into an order search, ready for a substring match on numbers, names
    and emails: normalised, a whole order number in any typed form as it is stored, and part
    of one ("๖๓๘๕", "၆၃၈၅", "RN–6385", "5504 72") as it appears in the stored form
    ("6385", "5504-72"). Thai and Burmese digits are read as digits throughout."""
    cleaned = (normalize_text(text) or "").strip()
    number = canonical_order_number(cleaned)
    if ORDER_NUMBER.match(number):
        return number
    part = _PART.match(number)
    if part is None or not any(ch.isdigit() for ch in part.group(0)):
        return cleaned
    first, second = _zeros(part.group(1)), part.group(2)
    if second is not None:
        return f"{first}-{_zeros(second)}" if len(first) <= 4 else cleaned
    return first if len(first) <= 4 else f"{first[:4]}-{first[4:]}"
