"""The seller of record: who issues a cooperative's receipts and tax invoices.

Each cooperative sells its own goods, so its documents carry its name and address as
registered, its 13-digit tax ID, its head office or branch number and whether it is
VAT-registered. Set by the platform's admins and by the cooperative's owners; every change is
audited. Documents already issued keep the values of their snapshot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from flask_babel import lazy_gettext as _l

from shop.catalog.models import Cooperative
from shop.core.numbers import ascii_digits
from shop.extensions import db
from shop.platform.audit import record

HEAD_OFFICE = "00000"
_SEPARATORS = re.compile(r"[\s\-]")


class SellerOfRecordError(Exception):
    def __init__(self, message, field: str):
        super().__init__(str(message))
        self.message = message
        self.field = field


def tax_id_check_digit(first_twelve: str) -> int:
    """The check digit of a Thai tax ID or citizen ID from its first 12 digits.

    The Revenue Department's mod-11 rule: s = sum(digit[i] * (13 - i)) for i in 0..11, and the
    13th digit is (11 - s mod 11) mod 10.
    """
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(first_twelve))
    return (11 - total % 11) % 10


def normalise_tax_id(text: str | None) -> str:
    """A tax ID as typed ("0-1055-12345-67-8", Thai digits, spaces) as its 13 ASCII digits;
    anything else is returned stripped, for the validator to refuse."""
    return _SEPARATORS.sub("", ascii_digits(text or ""))


def is_valid_tax_id(text: str) -> bool:
    """Whether ``text`` (already normalised) is 13 digits ending with the right check digit."""
    return (
        len(text) == 13
        and text.isascii()
        and text.isdigit()
        and tax_id_check_digit(text[:12]) == int(text[12])
    )


def format_tax_id(tax_id: str) -> str:
    """13 digits as printed on Thai documents: "0105512345678" → "0-1055-12345-67-8"."""
    if len(tax_id) != 13:
        return tax_id
    return f"{tax_id[0]}-{tax_id[1:5]}-{tax_id[5:10]}-{tax_id[10:12]}-{tax_id[12]}"


@dataclass(frozen=True)
class SellerOfRecord:
    """What the settings forms set; ``tax_id`` normalised, ``branch_code`` five digits."""

    legal_name_th: str
    legal_name_en: str
    tax_id: str
    branch_code: str
    registered_address_th: str
    registered_address_en: str
    vat_registered: bool

    @classmethod
    def of(cls, cooperative: Cooperative) -> SellerOfRecord:
        return cls(**{f.name: getattr(cooperative, f.name) for f in fields(cls)})


def check(data: SellerOfRecord) -> None:
    """Raise SellerOfRecordError (naming the field) unless the values can go on a document.

    A tax ID, when given, must pass the check digit; the branch is five digits. A
    VAT-registered cooperative issues tax invoices, which need its Thai legal name, its
    registered address and its tax ID (Revenue Code section 86/4).
    """
    if data.tax_id and not is_valid_tax_id(data.tax_id):
        raise SellerOfRecordError(
            _l("This is not a valid tax ID: 13 digits, the last one a check digit."), "tax_id"
        )
    if not re.fullmatch(r"[0-9]{5}", data.branch_code):
        raise SellerOfRecordError(
            _l("A branch number has 5 digits; the head office is 00000."), "branch_code"
        )
    if data.vat_registered:
        needed = (
            ("legal_name_th", _l("A VAT-registered cooperative needs its legal name in Thai.")),
            ("registered_address_th", _l("A VAT-registered cooperative needs its address.")),
            ("tax_id", _l("A VAT-registered cooperative needs its tax ID.")),
        )
        for field, message in needed:
            if not getattr(data, field):
                raise SellerOfRecordError(message, field)


def update_seller_of_record(
    cooperative: Cooperative, data: SellerOfRecord, *, actor_id: int
) -> dict[str, list]:
    """Check and apply the values; returns (and audits) the changes ``{field: [old, new]}``.

    Raises SellerOfRecordError (nothing changed) when ``check`` refuses them.
    """
    check(data)
    changes: dict[str, list] = {}
    for field in fields(SellerOfRecord):
        old, new = getattr(cooperative, field.name), getattr(data, field.name)
        if old != new:
            changes[field.name] = [str(old), str(new)]
            setattr(cooperative, field.name, new)
    if changes:
        db.session.flush()
        record(
            "cooperative.update",
            cooperative,
            actor_id=actor_id,
            cooperative_id=cooperative.id,
            changes=changes,
        )
    return changes
