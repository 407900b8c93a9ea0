"""Order numbers as people type them: the one place that reads them.

An order number is written "RN-5504-7209" ("RN", then eight digits in two groups of four;
``orders.services.new_order_number``). Buyers and staff type it from a mail, a slip or a phone
call: without dashes, in lower case, with spaces, with Thai or Burmese digits, or the digits
alone. ``canonical_order_number`` turns all of these into the stored form.
"""

from __future__ import annotations

import re

from shop.core.numbers import ascii_digits
from shop.core.text import normalize_text

PREFIX = "RN"
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_./#]")
ORDER_NUMBER = re.compile(rf"{PREFIX}-[0-9]{{4}}-[0-9]{{4}}\Z")  # the stored form
_TYPED = re.compile(rf"(?:{PREFIX})?([0-9]{{4}})([0-9]{{4}})\Z")


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
    if typed is None:
        return cleaned
    return f"{PREFIX}-{typed.group(1)}-{typed.group(2)}"


def search_text(text: str | None) -> str:
    """What staff typed into an order search, ready for a substring match on numbers, names
    and emails: normalised, and a whole order number in any typed form as it is stored."""
    cleaned = (normalize_text(text) or "").strip()
    number = canonical_order_number(cleaned)
    return number if ORDER_NUMBER.match(number) else cleaned
