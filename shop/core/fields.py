"""Form fields shared by the backend's filters and reports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField as _DateField

FIRST_YEAR, LAST_YEAR = 2000, 2100


class DateField(_DateField):
    """A date between 2000 and 2100: a mistyped year ("0001", "9999") is refused with a
    message instead of reaching date arithmetic and the database as a date out of range."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not FIRST_YEAR <= self.data.year <= LAST_YEAR:
            self.data = None
            raise ValueError(
                _l("Enter a date from %(first)s to %(last)s.", first=FIRST_YEAR, last=LAST_YEAR)
            )
