"""Reference prices in kyat for partner shops in Myanmar: the THB→MMK rate the platform admin
sets, with the day it applies from, and "≈ K 8,950 (reference)" beside a baht price.

Only a reference: everything is charged in baht. The rate is kept as an integer number of
micro-kyat per baht (62.5 kyat = 62_500_000), never a float; a rate applies from its
Asia/Bangkok day (``core.days``) until a later one does. Several rates may share a day: the one
set last wins, and every one stays in the history.
"""

from __future__ import annotations

from datetime import date

from flask import g
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.accounts.models import User
from shop.core.days import today
from shop.core.db import TimestampMixin
from shop.core.numbers import parse_decimal
from shop.extensions import db
from shop.platform.audit import record

MICRO = 1_000_000  # micro-kyat per kyat
MAX_KYAT_PER_BAHT = 100_000  # far above any rate seen; stops a typo of extra zeros
ROUND_TO_KYAT = 10  # reference amounts are rounded half up to 10 kyat
HISTORY_SIZE = 100


class ExchangeRate(TimestampMixin, db.Model):
    """The reference rate from ``applies_from`` (an Asia/Bangkok day) on: ``kyat_per_baht_micro``
    micro-kyat for one baht; who set it (``created_at`` says when)."""

    __table_args__ = (
        CheckConstraint(
            f"kyat_per_baht_micro > 0 AND kyat_per_baht_micro <= {MAX_KYAT_PER_BAHT * MICRO}",
            name="rate_in_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kyat_per_baht_micro: Mapped[int] = mapped_column(BigInteger)
    applies_from: Mapped[date] = mapped_column(index=True)
    set_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    set_by: Mapped[User | None] = relationship()

    @property
    def kyat_per_baht(self) -> str:
        """The rate as a person writes it: 62_500_000 → "62.5"."""
        return rate_text(self.kyat_per_baht_micro)


class RateError(ValueError):
    """A rate that cannot be stored; ``message`` says why (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def parse_rate(text: str) -> int:
    """Kyat per baht as typed ("62.5", "๖๒.๕", "1,250") in micro-kyat.

    Raises RateError unless it is above 0 and at most MAX_KYAT_PER_BAHT, with at most six
    decimals.
    """
    try:
        rate = parse_decimal(text)
    except ValueError:
        rate = None
    if rate is None or rate.as_tuple().exponent < -6 or not 0 < rate <= MAX_KYAT_PER_BAHT:
        raise RateError(
            _l(
                "Enter the kyat one baht buys, a number above 0 and up to %(max)s "
                "with at most six decimals, for example 62.5.",
                max=f"{MAX_KYAT_PER_BAHT:,}",
            )
        )
    return int(rate * MICRO)


def rate_text(micro: int) -> str:
    """Micro-kyat as the plain number a person types: 62_500_000 → "62.5"."""
    whole, fraction = divmod(micro, MICRO)
    return f"{whole}.{fraction:06d}".rstrip("0").rstrip(".")


def set_rate(kyat_per_baht_micro: int, applies_from: date, *, actor_id: int) -> ExchangeRate:
    """Record a reference rate from ``applies_from`` on, and audit it. Flushes; the caller
    commits."""
    if not 0 < kyat_per_baht_micro <= MAX_KYAT_PER_BAHT * MICRO:
        raise RateError(_l("The rate is out of range."))
    rate = ExchangeRate(
        kyat_per_baht_micro=kyat_per_baht_micro, applies_from=applies_from, set_by_id=actor_id
    )
    db.session.add(rate)
    db.session.flush()
    record(
        "exchange_rate.set",
        rate,
        actor_id=actor_id,
        kyat_per_baht=rate_text(kyat_per_baht_micro),
        applies_from=applies_from.isoformat(),
    )
    return rate


def rate_on(day: date) -> ExchangeRate | None:
    """The rate in force on ``day``: the latest dated on or before it (set last on that day)."""
    return db.session.scalars(
        select(ExchangeRate)
        .where(ExchangeRate.applies_from <= day)
        .order_by(ExchangeRate.applies_from.desc(), ExchangeRate.id.desc())
        .limit(1)
    ).first()


def history(limit: int = HISTORY_SIZE) -> list[ExchangeRate]:
    """The rates set, latest day first (rates dated in the future first of all)."""
    return list(
        db.session.scalars(
            select(ExchangeRate)
            .order_by(ExchangeRate.applies_from.desc(), ExchangeRate.id.desc())
            .limit(limit)
        )
    )


def kyat_of(satang: int, kyat_per_baht_micro: int) -> int:
    """``satang`` in kyat at the rate, rounded half up to ROUND_TO_KYAT (integers only)."""
    step = 100 * MICRO * ROUND_TO_KYAT  # satang × micro-kyat per baht in one step
    return (satang * kyat_per_baht_micro + step // 2) // step * ROUND_TO_KYAT


def todays_rate() -> ExchangeRate | None:
    """The rate in force today (Asia/Bangkok), looked up once per request."""
    if "kyat_rate" not in g:
        g.kyat_rate = rate_on(today())
    return g.kyat_rate


def kyat_reference(satang: int | None) -> str:
    """What a baht amount is in kyat, marked as a reference, in the reader's language:
    "≈ K 8,950 (reference)"; "" without a rate in force today or an amount.

    For partner pages only (the template global and filter ``kyat_reference``). It reads the
    request's rate, so a page cached for several visitors must not hold its output.
    """
    rate = todays_rate() if satang is not None else None
    if rate is None:
        return ""
    amount = format_decimal(kyat_of(satang, rate.kyat_per_baht_micro), format="#,##0")
    return str(_l("≈ K %(amount)s (reference)", amount=amount))
