"""Harmonized System codes: the customs classification a cooperative gives each product for
the commercial invoice and packing list of goods leaving for Myanmar (issue 10).

The shape is the international six digits, "####.##" (e.g. 2101.12, preparations with a basis
of coffee extracts; 0901.21, roasted coffee not decaffeinated), or a national eight-digit line,
"####.##.##" (Thailand's AHTN tariff lines). Whether a code exists in the nomenclature is not
checked: the cooperative (or its customs broker) answers for that.
"""

from __future__ import annotations

import re

from shop.core.numbers import ascii_digits

HS_CODE_SHAPE = re.compile(r"[0-9]{4}\.[0-9]{2}(\.[0-9]{2})?")
MAX_HS_CODE = 10  # "0901.21.00"


def normalise_hs_code(text: str | None) -> str:
    """An HS code as typed ("210112", "2101 12", "๒๑๐๑.๑๒", "0901.21.00") in its printed shape
    ("2101.12", "0901.21.00"); "" for nothing typed. Text of any other shape comes back
    stripped, for ``is_valid_hs_code`` to refuse."""
    text = (ascii_digits(text or "") or "").strip()
    bare = re.sub(r"[\s.\-]", "", text)
    if bare.isascii() and bare.isdigit() and len(bare) in (6, 8):
        parts = [bare[:4], bare[4:6], bare[6:]]
        return ".".join(p for p in parts if p)
    return text


def is_valid_hs_code(code: str) -> bool:
    """Whether ``code`` (normalised) has the shape ####.## or ####.##.##."""
    return bool(HS_CODE_SHAPE.fullmatch(code))
