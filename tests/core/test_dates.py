"""The one date formatter and the one date parser (shop.core.dates), as readers meet them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shop.core.dates import format_date, format_datetime, parse_date

EVENING = datetime(2026, 11, 30, 12, 16, tzinfo=UTC)  # 19:16 in Ranong
AFTER_MIDNIGHT = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 00:30 on 1 December in Ranong


@pytest.mark.parametrize(
    ("lang", "moment", "day", "month"),
    [
        ("th", "30 พ.ย. 2569 19:16 น.", "30 พฤศจิกายน พ.ศ. 2569", "พฤศจิกายน 2569"),
        ("en", "30 Nov 2026, 19:16", "30 November 2026", "November 2026"),
        ("my", "၂၀၂၆ နိုဝင်ဘာ ၃၀ ၁၉:၁၆", "၂၀၂၆ နိုဝင်ဘာ ၃၀", "၂၀၂၆ နိုဝင်ဘာ"),
    ],
)
def test_each_language_reads_its_own_calendar(app_ctx, lang, moment, day, month):
    assert format_datetime(EVENING, lang=lang) == moment
    assert format_date(EVENING, "long", lang=lang) == day
    assert format_date(date(2026, 11, 1), "month", lang=lang) == month


def test_a_date_is_the_day_in_ranong_not_in_utc(app_ctx):
    assert format_date(AFTER_MIDNIGHT, lang="en") == "1 Dec 2026"
    assert format_datetime(AFTER_MIDNIGHT, lang="th") == "1 ธ.ค. 2569 00:30 น."


def test_an_unknown_style_is_refused_rather_than_shown_as_a_raw_pattern(app_ctx):
    with pytest.raises(ValueError, match="unknown date style"):
        format_date(EVENING, "M/d/yy", lang="en")


@pytest.mark.parametrize(
    "typed",
    [
        "2026-11-30",
        "2569-11-30",  # a date input in which a Thai user typed the year 2569
        "30/11/2569",
        "30/11/2026",
        "30.11.2569",
        " 30 - 11 - 2026 ",
        "๓๐/๑๑/๒๕๖๙",  # Thai digits
        "၃၀/၁၁/၂၀၂၆",  # Burmese digits
    ],
)
def test_typed_dates_in_either_era_and_any_digits_are_read(typed):
    assert parse_date(typed) == date(2026, 11, 30)


@pytest.mark.parametrize("typed", ["11/30/2026", "31/02/2569", "30/11/69", "tomorrow", ""])
def test_month_first_impossible_or_two_digit_years_are_refused(typed):
    with pytest.raises(ValueError, match="not a date"):
        parse_date(typed)
