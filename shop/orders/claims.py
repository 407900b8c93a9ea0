"""Orders placed as a guest, shown in the account of the address they were placed with, once
that account has proven the address (shop.accounts.email_proof): never on the word of a
registration form, since anyone may register with anyone's email."""

from __future__ import annotations

from sqlalchemy import func, select, update

from shop.extensions import db
from shop.orders.models import Order


def link_guest_orders(user_id: int, email: str) -> int:
    """Give the user every order placed as a guest with ``email`` (any case); returns how many.

    The caller must know that the user proved the address. Orders of another account stay
    where they are. Flushes; the caller commits.
    """
    result = db.session.execute(
        update(Order)
        .where(Order.user_id.is_(None), func.lower(Order.email) == email.strip().lower())
        .values(user_id=user_id)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def count_guest_orders(email: str) -> int:
    """How many orders were placed as a guest with ``email`` (any case)."""
    return int(
        db.session.scalar(
            select(func.count(Order.id)).where(
                Order.user_id.is_(None), func.lower(Order.email) == email.strip().lower()
            )
        )
        or 0
    )
