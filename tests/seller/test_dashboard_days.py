"""The dashboard's "sales today" is a Ranong day: it starts at midnight Asia/Bangkok, not UTC."""

from __future__ import annotations

import time_machine

from shop.seller import dashboard
from tests.platform.builders import bangkok, place, two_cooperatives


def test_a_sale_at_half_past_midnight_in_ranong_is_todays(session):
    la_un, _ = two_cooperatives()
    # 00:30 on 1 December in Ranong is still 30 November in UTC (17:30).
    place([(la_un, 18_000, 5_000, 500)], paid_at=bangkok(2026, 12, 1, 0, 30), number="RN-A")
    place([(la_un, 7_000, 5_000, 500)], paid_at=bangkok(2026, 11, 30, 23, 30), number="RN-B")
    session.commit()

    with time_machine.travel(bangkok(2026, 12, 1, 6, 0), tick=False):
        figures = dashboard.figures(la_un.id)
        chart = dashboard.daily_sales(la_un.id, days=2)

    assert figures.sales_today == 18_000
    assert [(d.day.isoformat(), d.satang) for d in chart.days] == [
        ("2026-11-30", 7_000),
        ("2026-12-01", 18_000),
    ]
