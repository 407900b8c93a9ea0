"""Partner phone numbers: Myanmar or Thai, checked with libphonenumber (``phonenumbers``) and
kept in E.164 form ("+959423318765").

A number with +95 / +66 (or 0095 / 0066) is read as written. A number without one is read as
Myanmar and as Thai: it is taken if it is valid in exactly one of the two; a number valid in
both (Thai mobiles such as 081 234 5678 are also valid Myanmar landline numbers) must be written
with its country code, since guessing would store a wrong number.
"""

from __future__ import annotations

import re

import phonenumbers

from shop.accounts.forms import ascii_digits

COUNTRIES = ("MM", "TH")
_SEPARATORS = re.compile(r"[\s\-.()/]")


class PhoneError(ValueError):
    """Not a usable number; ``ambiguous`` when it is valid in Myanmar and in Thailand alike."""

    def __init__(self, value: str, *, ambiguous: bool = False):
        super().__init__(value)
        self.ambiguous = ambiguous


def _valid_in(number: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    if phonenumbers.region_code_for_number(parsed) not in COUNTRIES:
        return None
    return parsed


def partner_phone_number(value: str) -> str:
    """A Myanmar or Thai phone number in E.164 form. Thai and Burmese digits, spaces, dashes,
    dots and brackets are accepted.

    Raises PhoneError for anything else, with ``ambiguous`` set for a local number that is
    valid in both countries.
    """
    compact = _SEPARATORS.sub("", ascii_digits(value) or "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not compact or len(compact) > 20:
        raise PhoneError(value)
    if compact.startswith("+"):
        found = [_valid_in(compact, "MM")]
    else:
        found = [_valid_in(compact, region) for region in COUNTRIES]
    found = [n for n in found if n is not None]
    if not found:
        raise PhoneError(value)
    if len(found) > 1:
        raise PhoneError(value, ambiguous=True)
    return phonenumbers.format_number(found[0], phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """A stored number grouped for reading: "+95 9 42331 8765"; other text unchanged."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
