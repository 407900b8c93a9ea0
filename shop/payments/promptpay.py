"""PromptPay QR: the EMVCo merchant-presented payload (Thai QR Payment standard) and its SVG.

A payload is a string of TLV fields (2-digit tag, 2-digit length, value) ending with a CRC-16
(CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF) over everything before it, "6304"
included. With an amount the QR is "dynamic" (point of initiation 12) and the banking app fills
the amount in; without, it is "static" (11).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from functools import lru_cache

import segno

from shop.core.money import SATANG_PER_BAHT

PROMPTPAY_AID = "A000000677010111"
TAG_PHONE, TAG_TAX_ID, TAG_EWALLET = "01", "02", "03"


def _field(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    crc = 0xFFFF
    for byte in data.encode("ascii"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def _proxy(promptpay_id: str) -> tuple[str, str]:
    """The account tag and value for a phone number, national/tax ID or e-wallet ID.

    Raises ValueError for anything else.
    """
    digits = re.sub(r"\D", "", promptpay_id)
    if len(digits) >= 15:
        return TAG_EWALLET, digits
    if len(digits) >= 13:
        return TAG_TAX_ID, digits
    if len(digits) == 10 and digits.startswith("0"):
        return TAG_PHONE, "0066" + digits[1:]
    if len(digits) == 11 and digits.startswith("66"):
        return TAG_PHONE, "00" + digits
    raise ValueError(f"not a PromptPay ID: {promptpay_id!r}")


def payload(promptpay_id: str, amount_satang: int | None = None) -> str:
    """The EMVCo payload paying ``amount_satang`` to ``promptpay_id`` (static without amount)."""
    tag, value = _proxy(promptpay_id)
    merchant = _field("00", PROMPTPAY_AID) + _field(tag, value)
    parts = [
        _field("00", "01"),
        _field("01", "11" if amount_satang is None else "12"),
        _field("29", merchant),
        _field("58", "TH"),
        _field("53", "764"),  # ISO 4217 numeric code of the baht
    ]
    if amount_satang is not None:
        if amount_satang <= 0:
            raise ValueError("a PromptPay amount must be positive")
        parts.append(_field("54", f"{Decimal(amount_satang) / SATANG_PER_BAHT:.2f}"))
    data = "".join(parts) + "6304"
    return data + crc16(data)


@lru_cache(maxsize=512)
def qr_svg(data: str, title: str) -> str:
    """An inline SVG QR code (no XML declaration), scalable and readable by banking apps.

    Drawn once per (payload, title) in each process and kept (512 at most, about 6 KB each):
    an order page viewed again, or another order for the same amount, costs no redrawing.
    The payload holds the PromptPay id and the amount, so a cached drawing is never wrong."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        out, kind="svg", scale=1, border=4, xmldecl=False, svgns=True, title=title,
        svgclass="promptpay-qr", lineclass=None, omitsize=True, light="#fff",
    )  # fmt: skip
    return out.getvalue().decode("utf-8")
