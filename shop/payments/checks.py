"""What a provider says about money is checked against the payment before it is believed.

A report names its payment by the provider's own id (Checkout Session, payment intent) only; the
amount, the currency and any order or payment it names besides must then agree with that
payment. A report that does not agree changes no order: the payment is flagged with a problem
the office reads on /admin/payments. Problems are stored as codes with their figures and put into
words when shown, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.core.i18n import current_language
from shop.core.money import format_money
from shop.orders.models import Order
from shop.payments.models import Payment

CURRENCY = "thb"

MESSAGES = {
    "late": _l("The money arrived after the order had expired or been cancelled."),
    "second": _l("A second payment for an order that was already paid."),
    "currency": _l("Stripe reported the currency “%(currency)s”, not THB."),
    "no_amount": _l("Stripe reported no amount."),
    "amount": _l("Stripe reported %(reported)s; this payment is for %(expected)s."),
    "claim": _l("Stripe's %(field)s is “%(value)s”, not this payment's “%(expected)s”."),
    "refund_amount": _l(
        "Stripe reported %(refunded)s refunded of a charge of %(charge)s; "
        "this payment received %(expected)s."
    ),
}


@dataclass(frozen=True)
class Report:
    """What a provider says about one payment, as it said it (nothing converted or trusted).

    ``amount`` is the money that moved in minor units; for a refund, ``refunded`` is the
    charge's refunded total so far. ``claims`` are the ids it names besides its own
    (``order_number``, ``order_id``, ``payment_id``), each compared, never used to find anything.
    """

    amount: object
    currency: object
    refunded: object = None
    claims: Mapping[str, object] = field(default_factory=dict)


def problem(code: str, **figures) -> dict:
    return {"code": code, **figures}


# Amounts are stored in 32-bit integer columns (PostgreSQL's INTEGER); a reported amount beyond
# them is no amount the shop can hold, and would make the database refuse the whole event.
_LARGEST_AMOUNT = 2**31 - 1


def _whole(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and -_LARGEST_AMOUNT <= value <= _LARGEST_AMOUNT
    )


def _is_thb(currency: object) -> bool:
    return isinstance(currency, str) and currency.lower() == CURRENCY


def claims_problem(payment: Payment, order: Order, claims: Mapping[str, object]) -> dict | None:
    """A problem when the report names another order or payment than the one it was found by."""
    ours = {"order_number": order.number, "order_id": str(order.id), "payment_id": str(payment.id)}
    for name, expected in ours.items():
        value = claims.get(name)
        if value is not None and str(value) != expected:
            return problem("claim", field=name, value=str(value)[:100], expected=expected)
    return None


def paid_problem(payment: Payment, order: Order, report: Report) -> dict | None:
    """Why money reported as received for ``payment`` cannot pay it, or None when it agrees:
    THB, a whole number of satang equal to the payment's amount, and no other order named."""
    if not _is_thb(report.currency):
        return problem("currency", currency=str(report.currency)[:10])
    if not _whole(report.amount):
        return problem("no_amount")
    if report.amount != payment.amount_satang:
        return problem("amount", reported=report.amount, expected=payment.amount_satang)
    return claims_problem(payment, order, report.claims)


def refund_problem(payment: Payment, order: Order, report: Report) -> dict | None:
    """Why a refund report (the charge's amount and its refunded total so far) cannot be
    recorded on ``payment``, or None when it agrees with what the payment received."""
    received = payment.received_satang
    expected = received if received is not None else payment.amount_satang
    if not _is_thb(report.currency):
        return problem("currency", currency=str(report.currency)[:10])
    if not (_whole(report.amount) and _whole(report.refunded)):
        return problem("no_amount")
    if report.amount != expected or not 0 <= report.refunded <= report.amount:
        return problem(
            "refund_amount", refunded=report.refunded, charge=report.amount, expected=expected
        )
    return claims_problem(payment, order, report.claims)


def describe(found: dict) -> str:
    """A stored problem as a sentence in the reader's language."""
    message = MESSAGES.get(found.get("code"))
    if message is None:
        return str(found.get("code", ""))
    lang = current_language()
    figures = {
        key: format_money(value, lang) if _whole(value) else value
        for key, value in found.items()
        if key != "code"
    }
    try:
        return str(message) % figures if figures else str(message)
    except (KeyError, TypeError, ValueError):
        return _("Stripe reported something this shop cannot read.")
