"""Form fields shared by the backend's filters and reports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField as _DateField

from shop.core.dates import parse_date

FIRST_YEAR, LAST_YEAR = 2000, 2100


class DateField(_DateField):
    """A date between 2000 and 2100, read by the shop's one date parser
    (``shop.core.dates.parse_date``): ISO as browsers' date inputs send it, or day/month/year,
    in any digits, with a Buddhist-era year (2569 → 2026) as Thai users type it. A mistyped
    year ("0001", "9999") is refused with a message instead of reaching date arithmetic and the
    database as a date out of range."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = parse_date(" ".join(valuelist))
        except ValueError:
            self.data = None
            raise ValueError(self.gettext("Not a valid date value.")) from None
        if not FIRST_YEAR <= self.data.year <= LAST_YEAR:
            self.data = None
            raise ValueError(
                _l("Enter a date from %(first)s to %(last)s.", first=FIRST_YEAR, last=LAST_YEAR)
            )

    def _value(self) -> str:
        # A date input's value must be ISO: the date read, not the text typed ("๓๑/๐๓/๒๕๖๙").
        return self.data.isoformat() if self.data is not None else super()._value()
