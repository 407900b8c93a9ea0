"""The carriers the cooperatives ship with: their names, the shape of their tracking numbers and
the page where a buyer follows a parcel.

A seller order keeps the carrier's ``code`` in ``SellerOrder.carrier`` and the tracking number
as ``normalize_tracking_number`` writes it. Orders shipped before this module kept the carrier
as typed; ``carrier_name`` shows such text as it is, and no link is made for it.

Formats: Thailand Post numbers registered, EMS and e-parcel items by the UPU S10 standard
(two letters, eight digits, a check digit, "TH"; the check digit as UPU S10 section 6 computes
it). The private carriers publish no standard: their patterns are the shapes printed on their
labels and accepted by their tracking pages (2026), kept loose enough not to refuse a real
number and tight enough to refuse a carrier's name, a phone number or another carrier's kind
of number. Tracking pages are the carriers' public ones, with the number in the address.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from flask_babel import lazy_gettext as _l

from shop.core.numbers import ascii_digits

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """The UPU S10 check digit of an 8-digit serial number ("47312482" → 9)."""
    remainder = sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    return {10: 0, 11: 5}.get(check, check)


def _s10_checks(number: str) -> bool:
    return int(number[10]) == s10_check_digit(number[2:10])


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str  # the carrier's own name, the same in every language
    pattern: re.Pattern  # the whole normalised tracking number
    shape: str  # the pattern in words, for the error message (translated)
    example: str
    tracking_url: str  # with {number}
    # Words in a shipping method's code or name (any language, lower case) that mean this one.
    hints: tuple[str, ...]
    checks: Callable[[str], bool] | None = None  # a check digit, when the format has one

    def accepts(self, number: str) -> bool:
        return bool(self.pattern.fullmatch(number)) and (self.checks is None or self.checks(number))

    def url_for(self, number: str) -> str:
        return self.tracking_url.format(number=quote(number, safe=""))


CARRIERS: tuple[Carrier, ...] = (
    Carrier(
        code="thailand-post",
        name="Thailand Post",
        pattern=re.compile(r"[A-Z]{2}\d{9}TH"),
        shape=_l("2 letters, 9 digits and TH"),
        example="EF582621152TH",
        tracking_url="https://track.thailandpost.co.th/?trackNumber={number}",
        hints=("thailand-post", "thailand post", "thaipost", "ems", "ไปรษณีย์", "e-parcel"),
        checks=_s10_checks,
    ),
    Carrier(
        code="kerry-express",
        name="Kerry Express (KEX)",
        pattern=re.compile(r"[A-Z]{3,5}\d{9,12}"),
        shape=_l("3 to 5 letters and 9 to 12 digits"),
        example="SHP4001234567",
        tracking_url="https://th.kex-express.com/th/track/?track={number}",
        hints=("kerry", "kex", "เคอรี่"),
    ),
    Carrier(
        code="flash-express",
        name="Flash Express",
        pattern=re.compile(r"TH\d{2}[0-9A-Z]{8,11}"),
        shape=_l("TH, then 10 to 13 letters and digits"),
        example="TH0147ABCD12A",
        tracking_url="https://www.flashexpress.co.th/fle/tracking?se={number}",
        hints=("flash", "แฟลช"),
    ),
    Carrier(
        code="jt-express",
        name="J&T Express",
        pattern=re.compile(r"\d{12}"),
        shape=_l("12 digits"),
        example="820012345678",
        tracking_url="https://www.jtexpress.co.th/service/track?billcode={number}",
        hints=("j&t", "jt-express", "jnt", "j-t", "เจแอนด์ที"),
    ),
    Carrier(
        code="ninja-van",
        name="Ninja Van",
        pattern=re.compile(r"NVTH[0-9A-Z]{8,20}"),
        shape=_l("NVTH, then 8 to 20 letters and digits"),
        example="NVTHRNCOFFEE0001234",
        tracking_url="https://www.ninjavan.co/th-th/tracking?id={number}",
        hints=("ninja", "นินจา"),
    ),
    Carrier(
        code="scg-express",
        name="SCG Express",
        pattern=re.compile(r"\d{11,13}"),
        shape=_l("11 to 13 digits"),
        example="80012345678",
        tracking_url="https://www.scgexpress.co.th/tracking/detail/{number}",
        hints=("scg",),
    ),
)
BY_CODE = {carrier.code: carrier for carrier in CARRIERS}

# Not a parcel carrier: the cooperative takes the goods itself (its own van or boat, to the
# pier in Kawthaung) or the buyer collects them at the cooperative. No tracking number, no
# tracking page; the buyer reads this name in their own language.
OWN_DELIVERY = "cooperative"
OWN_DELIVERY_NAME = _l("The cooperative's own delivery or collection")


class TrackingNumberRefused(ValueError):
    """The carrier is not one the shop knows, or the number is not one of its numbers; the
    ``message`` (translated) says what such a number looks like."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def normalize_tracking_number(text: str | None) -> str:
    """A tracking number as carriers print it: upper case, ASCII digits (Thai and Burmese digits
    read as such), without the spaces and dashes people type between groups."""
    text = ascii_digits(text or "") or ""
    return re.sub(r"[\s\-–—.]", "", text).upper()


def check_tracking_number(carrier_code: str, text: str | None) -> tuple[Carrier, str]:
    """The carrier and the normalised number, when ``text`` is a tracking number of that
    carrier. Raises TrackingNumberRefused otherwise (unknown carrier, empty, wrong shape, a
    wrong S10 check digit)."""
    carrier = BY_CODE.get(carrier_code or "")
    if carrier is None:
        raise TrackingNumberRefused(_l("Please choose the carrier from the list."))
    number = normalize_tracking_number(text)
    if carrier.pattern.fullmatch(number) and not carrier.accepts(number):
        raise TrackingNumberRefused(
            _l(
                "%(number)s has the shape of a %(carrier)s tracking number, but its check digit "
                "is wrong: please copy the number again from the receipt.",
                number=number,
                carrier=carrier.name,
            )
        )
    if not carrier.accepts(number):
        raise TrackingNumberRefused(
            _l(
                "A %(carrier)s tracking number is %(shape)s, for example %(example)s.",
                carrier=carrier.name,
                shape=carrier.shape,
                example=carrier.example,
            )
        )
    return carrier, number


def check_shipment(carrier_code: str, text: str | None) -> tuple[str, str]:
    """(carrier code, tracking number to store) for a shipment: the cooperative's own
    delivery or collection (``OWN_DELIVERY``) takes no number and keeps none; a parcel
    carrier's number is checked as ``check_tracking_number`` does (TrackingNumberRefused)."""
    if carrier_code == OWN_DELIVERY:
        return OWN_DELIVERY, ""
    carrier, number = check_tracking_number(carrier_code, text)
    return carrier.code, number


def carrier_for_shipping(*texts: str) -> Carrier | None:
    """The carrier a shipping method stands for, from its code and names in the order given
    (the first text that names a carrier decides), or None when none does
    ("thailand-post-ems" → Thailand Post, "Kerry Express" → Kerry, "Pick up" → None)."""
    for text in texts:
        lowered = (text or "").lower()
        found = next((c for c in CARRIERS if any(hint in lowered for hint in c.hints)), None)
        if found is not None:
            return found
    return None


def carrier_name(code: str) -> str:
    """The carrier's name for a stored ``SellerOrder.carrier`` (older free text as it is; the
    cooperative's own delivery in the current language)."""
    if code == OWN_DELIVERY:
        return str(OWN_DELIVERY_NAME)
    carrier = BY_CODE.get(code)
    return carrier.name if carrier else code


def tracking_url(code: str, number: str) -> str | None:
    """The carrier's page for the parcel, or None (an unknown carrier or no number)."""
    carrier = BY_CODE.get(code)
    return carrier.url_for(number) if carrier and number else None
