"""Reference prices in kyat: the THB→MMK rate the office sets with its day, and the "≈ K …
(reference)" partner pages show beside a baht price. Everything is still charged in baht."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from flask import g
from flask_babel import force_locale
from sqlalchemy import select

from shop.extensions import db
from shop.platform.models import AuditEntry
from shop.pricing import exchange
from shop.pricing.exchange import ExchangeRate
from tests.cart.builders import flashes, log_in, text_of
from tests.factories import UserFactory
from tests.platform.builders import bangkok, log_in_admin


def reference(satang: int | None, lang: str = "en") -> str:
    """What a partner page shows beside ``satang``, on a fresh request."""
    g.pop("kyat_rate", None)
    with force_locale(lang):
        return exchange.kyat_reference(satang)


def rate(kyat: str, day: date) -> ExchangeRate:
    return exchange.set_rate(exchange.parse_rate(kyat), day, actor_id=UserFactory().id)


@pytest.mark.parametrize(
    ("satang", "kyat", "expected"),
    [
        (17_900, "62.5", 11_190),  # ฿179 = 11,187.5 K → to 10 kyat
        (10_000, "62.5", 6_250),  # exact
        (100, "65", 70),  # 65 K: half up
        (100, "64.999999", 60),  # 64.999999 K: down
        (17_950, "61.25", 10_990),  # ฿179.50 = 10,994.375 K
        (0, "62.5", 0),
        (10_000_000_00, "100000", 10_000_000_000_00),  # ฿10 million at the highest rate
    ],
)
def test_kyat_are_rounded_half_up_to_10_with_integers_only(satang, kyat, expected):
    assert exchange.kyat_of(satang, exchange.parse_rate(kyat)) == expected


@pytest.mark.parametrize(
    ("typed", "micro"),
    [("62.5", 62_500_000), ("๖๒.๕", 62_500_000), ("၆၂.၅", 62_500_000), ("1,250", 1_250_000_000)],
)
def test_the_rate_is_read_as_typed_into_micro_kyat(typed, micro):
    assert exchange.parse_rate(typed) == micro


@pytest.mark.parametrize(
    ("micro", "text"), [(62_500_000, "62.5"), (1_250_000_000, "1250"), (64_999_999, "64.999999")]
)
def test_the_rate_is_written_as_a_person_types_it(micro, text):
    assert exchange.rate_text(micro) == text


@pytest.mark.parametrize("typed", ["", "0", "-62.5", "abc", "1e3", "62.1234567", "100001", "NaN"])
def test_a_rate_that_is_no_rate_is_refused(typed):
    with pytest.raises(exchange.RateError):
        exchange.parse_rate(typed)


def test_without_a_rate_there_is_no_reference(session):
    assert reference(17_900) == ""


def test_the_latest_rate_in_force_today_is_used(session):
    with time_machine.travel(bangkok(2026, 12, 1, 9, 0), tick=False):
        rate("60", date(2026, 11, 1))
        rate("62.5", date(2026, 11, 30))
        session.commit()

        assert reference(17_900) == "≈ K 11,190 (reference)"
        assert reference(None) == ""


def test_a_rate_dated_in_the_future_is_not_used_before_its_day(session):
    rate("62.5", date(2026, 11, 30))
    rate("70", date(2026, 12, 1))
    session.commit()

    # 23:30 on 30 November in Ranong (16:30 UTC): still the old rate.
    with time_machine.travel(bangkok(2026, 11, 30, 23, 30), tick=False):
        assert reference(10_000) == "≈ K 6,250 (reference)"
    # 00:30 on 1 December in Ranong is still 30 November in UTC: the new rate.
    with time_machine.travel(bangkok(2026, 12, 1, 0, 30), tick=False):
        assert reference(10_000) == "≈ K 7,000 (reference)"


def test_a_rate_dated_in_the_future_alone_gives_no_reference_yet(session):
    rate("70", date(2026, 12, 1))
    session.commit()

    with time_machine.travel(bangkok(2026, 11, 30, 12, 0), tick=False):
        assert reference(10_000) == ""


def test_the_rate_set_last_on_a_day_wins(session):
    rate("62.5", date(2026, 12, 1))
    rate("63", date(2026, 12, 1))  # a correction the same day
    session.commit()

    with time_machine.travel(bangkok(2026, 12, 1, 12, 0), tick=False):
        assert reference(10_000) == "≈ K 6,300 (reference)"


def test_the_admin_sets_the_rate_with_its_day_and_sees_the_history(client, session):
    admin = log_in_admin(client)

    with time_machine.travel(bangkok(2026, 12, 1, 9, 0), tick=True):
        form = text_of(client.get("/admin/exchange-rate?lang=en"))
        assert 'value="2026-12-01"' in form  # today, in Ranong
        assert "No rate is in force today" in form

        response = client.post(
            "/admin/exchange-rate?lang=en",
            data={"kyat_per_baht": "๖๒.๕", "applies_from": "01/12/2569"},  # Buddhist-era year
        )
        assert response.status_code == 302
        page = client.get("/admin/exchange-rate?lang=en")
        client.post(
            "/admin/exchange-rate?lang=en",
            data={"kyat_per_baht": "70", "applies_from": "2026-12-15"},
        )
        later = text_of(client.get("/admin/exchange-rate?lang=en"))

    assert flashes(page) == [("success", "The reference rate 62.5 kyat for one baht is saved.")]
    text = text_of(page)
    assert "In force today: 62.5 kyat for one baht, since 1 Dec 2026." in text
    assert "A price of ฿1,000 reads ≈ K 62,500 (reference)." in text
    assert "Not yet in force" in later  # the rate from 15 December
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "exchange_rate.set").order_by(AuditEntry.id)
    ).all()
    assert [(e.actor_id, e.details) for e in entries] == [
        (admin.id, {"kyat_per_baht": "62.5", "applies_from": "2026-12-01"}),
        (admin.id, {"kyat_per_baht": "70", "applies_from": "2026-12-15"}),
    ]


@pytest.mark.parametrize("typed", ["abc", "0", "62.1234567"])
def test_the_admin_is_told_what_a_rate_must_be(client, session, typed):
    log_in_admin(client)

    response = client.post(
        "/admin/exchange-rate?lang=en", data={"kyat_per_baht": typed, "applies_from": "2026-12-01"}
    )

    assert response.status_code == 422
    assert "Enter the kyat one baht buys, a number above 0 and up to 100,000" in text_of(response)
    assert db.session.scalars(select(ExchangeRate)).all() == []


def test_only_platform_admins_set_the_rate(client, session):
    UserFactory(email="malee@example.org")
    session.commit()
    log_in(client, "malee@example.org")

    assert client.get("/admin/exchange-rate?lang=en").status_code == 403
    response = client.post(
        "/admin/exchange-rate?lang=en", data={"kyat_per_baht": "62.5", "applies_from": "2026-12-01"}
    )
    assert response.status_code == 403
    assert db.session.scalars(select(ExchangeRate)).all() == []
