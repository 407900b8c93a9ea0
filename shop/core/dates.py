"""Dates as each reader reads them, and dates as people type them: one formatter, one parser.

Every date or time the shop shows goes through ``format_date`` / ``format_datetime`` (the
``date`` and ``datetime`` template filters): times are shown in the shop's time zone
(Asia/Bangkok, ``shop.core.days``), with CLDR's patterns (Babel) for the reader's language:

- Thai: the Buddhist era, as Thai readers and documents date (``30 พ.ย. 2569 19:16 น.``).
  CLDR's Thai Buddhist calendar is the Gregorian one with the year counted from 543 BC
  (year + 543); Babel formats the Gregorian calendar only, so the year field is shifted here.
- English: day, month name, year (``30 Nov 2026, 19:16``), as CLDR's British English writes it:
  never ``11/30/26``, which half the world reads as the 11th of a 30th month.
- Burmese: CLDR's Burmese patterns (year, month name, day) with Burmese digits, the default
  numbering system CLDR gives Burmese (``၂၀၂၆ နိုဝင်ဘာ ၃၀``).

Machine-read dates (CSV files, ``<time datetime>``, URLs) stay ISO 8601 and do not come here.

``parse_date`` reads what people type into a date field: ISO (``2026-11-30``, what browsers'
date inputs send) or day/month/year (``30/11/2026``), in Thai, Burmese or Western digits, with a
Buddhist-era year (``2569``) taken as the Gregorian year 543 earlier.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from babel import Locale
from babel.dates import DateTimeFormat, match_skeleton, parse_pattern

from shop.core.days import shop_timezone
from shop.core.i18n import current_language
from shop.core.numbers import ascii_digits

BUDDHIST_ERA_OFFSET = 543  # CLDR's "buddhist" calendar: Gregorian year + 543
# A year this large is a Buddhist-era year (2443 BE is 1900 AD); no Gregorian year the shop
# deals with comes near it.
FIRST_BUDDHIST_ERA_YEAR = 2400

# The locale whose CLDR patterns each language's dates follow.
PATTERN_LOCALES = {"th": "th", "en": "en_GB", "my": "my"}
BURMESE_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")

# Named styles -> CLDR skeletons (the locale picks order, month form and separators).
# "long" is the locale's own long date format.
DATE_STYLES = {
    "date": "yMMMd",  # 30 Nov 2026 · 30 พ.ย. 2569 · ၂၀၂၆ နိုဝင်ဘာ ၃၀
    "long": None,  # 30 November 2026 · 30 พฤศจิกายน พ.ศ. 2569
    "month": "yMMMM",  # November 2026 · พฤศจิกายน 2569
    "month_short": "yMMM",  # Nov 2026 · พ.ย. 2569 (chart labels)
    "day_month": "MMMd",  # 30 Nov · 30 พ.ย. (chart labels)
}
# Burmese abbreviated month names (နို, ဒီ) are not what Burmese readers write: full names
# (CLDR's long date, "y MMMM d", for a date).
BURMESE_SKELETONS = {"yMMMd": None, "yMMM": "yMMMM", "MMMd": "MMMMd"}
TIME_SKELETON = "Hm"  # 19:16 · 19:16 น. (24 hours in every language)
# Babel's own style names, as templates wrote them before this module, map onto ours.
ALIASES = {"short": "date", "medium": "date", "full": "long"}


class _BuddhistEra(DateTimeFormat):
    """Babel's formatter with the year (and the era's name) of the Thai Buddhist calendar."""

    def format_year(self, char: str, num: int) -> str:
        year = self.format(self.value.year + BUDDHIST_ERA_OFFSET, num)
        return year[-2:] if num == 2 else year

    def format_era(self, char: str, num: int) -> str:
        return "พ.ศ."


def _lang(lang: str | None) -> str:
    lang = lang or current_language()
    return lang if lang in PATTERN_LOCALES else "en"


def _pattern(locale: Locale, skeleton: str) -> str:
    key = match_skeleton(skeleton, locale.datetime_skeletons)
    if key is None:
        raise ValueError(f"no CLDR pattern for {skeleton!r} in {locale}")
    return locale.datetime_skeletons[key].pattern


def _date_pattern(lang: str, style: str) -> str:
    style = ALIASES.get(style, style)
    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}; one of {sorted(DATE_STYLES)}")
    locale = Locale.parse(PATTERN_LOCALES[lang])
    skeleton = DATE_STYLES[style]
    if lang == "my" and skeleton in BURMESE_SKELETONS:
        skeleton = BURMESE_SKELETONS[skeleton]
    if skeleton is None:
        return locale.date_formats["long"].pattern
    return _pattern(locale, skeleton)


def _render(value: date | datetime, pattern: str, lang: str) -> str:
    locale = Locale.parse(PATTERN_LOCALES[lang])
    formatter = (_BuddhistEra if lang == "th" else DateTimeFormat)(value, locale)
    text = parse_pattern(pattern) % formatter
    return text.translate(BURMESE_DIGITS) if lang == "my" else text


def _local(value: datetime) -> datetime:
    if value.tzinfo is None:  # the database's times are UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(shop_timezone())


def format_date(value: date | datetime | None, style: str = "date", lang: str | None = None) -> str:
    """A calendar date for a reader of ``lang`` (default: the page's language).

    ``style`` is one of ``date``, ``long``, ``month``, ``month_short``, ``day_month`` (Babel's
    ``short``/``medium`` read as ``date``, ``full`` as ``long``). A datetime is first taken to
    the shop's time zone, so an order placed at 00:30 in Ranong is dated that day. ``None`` gives
    "". Raises ValueError for an unknown style.
    """
    if value is None:
        return ""
    lang = _lang(lang)
    if isinstance(value, datetime):
        value = _local(value).date()
    return _render(value, _date_pattern(lang, style), lang)


def format_datetime(
    value: datetime | None, style: str = "datetime", lang: str | None = None
) -> str:
    """A moment for a reader of ``lang``: its date (as ``format_date``'s ``date`` style, or
    ``style`` if it names a date style) and its time of day, 24 hours, in the shop's time zone:
    ``30 Nov 2026, 19:16`` · ``30 พ.ย. 2569 19:16 น.`` · ``၂၀၂၆ နိုဝင်ဘာ ၃၀ ၁၉:၁၆``.

    ``style`` ``time`` gives the time of day alone. ``None`` gives "".
    """
    if value is None:
        return ""
    lang = _lang(lang)
    local = _local(value)
    locale = Locale.parse(PATTERN_LOCALES[lang])
    time_text = _render(local, _pattern(locale, TIME_SKELETON), lang)
    if style == "time":
        return time_text
    date_style = "date" if style in ("datetime", "short", "medium") else style
    date_text = _render(local.date(), _date_pattern(lang, date_style), lang)
    return locale.datetime_formats["medium"].format(time_text, date_text)


# --- parsing ------------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")


def gregorian_year(year: int) -> int:
    """A year as typed, in the Gregorian calendar: a Buddhist-era year (2400 or more) less 543."""
    return year - BUDDHIST_ERA_OFFSET if year >= FIRST_BUDDHIST_ERA_YEAR else year


def parse_date(text: str) -> date:
    """The date a person typed: ``2026-11-30``, ``2569-11-30``, ``30/11/2569``, ``30.11.2026``
    or ``๓๐/๑๑/๒๕๖๙`` are all 30 November 2026. Day/month/year is read day first (as Thai,
    Burmese and British readers write), never month first.

    Raises ValueError for anything else, or a day that does not exist.
    """
    cleaned = ascii_digits(str(text)) or ""
    if match := _ISO.fullmatch(cleaned):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(cleaned):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(f"not a date: {text!r}")
    try:
        return date(gregorian_year(year), month, day)
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None
