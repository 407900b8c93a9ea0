"""The shop's business days: every day, week and month boundary is an Asia/Bangkok one.

Times are stored in UTC; a "day" on a report, a dashboard or a filter starts at midnight in
Ranong, not at midnight UTC (07:00 in Ranong).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app

from shop.core.db import utcnow


def shop_timezone() -> ZoneInfo:
    """The shop's time zone (``BABEL_DEFAULT_TIMEZONE``, Asia/Bangkok)."""
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Asia/Bangkok"))


def day_start(day: date) -> datetime:
    """Midnight of ``day`` in the shop's time zone, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=shop_timezone())


def today() -> date:
    """Today's date in the shop's time zone."""
    return utcnow().astimezone(shop_timezone()).date()
