"""What the checkout page showed the buyer, so an order is never placed at amounts they did not see.

The page carries, in one signed hidden field, each line's unit price and quantity and each
cooperative's shipping prices as shown. Placing the order recomputes every amount from the
database (the shown figures are never used as prices) and compares: any line, shipping or total
that differs sends the buyer back to the checkout with the differences, and nothing is created
or charged. A field that is missing, altered or from another shop counts as nothing shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, URLSafeSerializer

from shop.cart.services import CartSummary
from shop.catalog.models import Cooperative, Variant
from shop.core.i18n import localize
from shop.extensions import db
from shop.orders.errors import OrderError

SALT = "checkout-shown-amounts"
MAX_FIELD = 20_000  # characters: a cart of hundreds of lines fits


@dataclass(frozen=True)
class ShownAmounts:
    """Amounts in satang as a checkout page showed them."""

    lines: dict[int, tuple[int, int]]  # variant id -> (unit price, quantity)
    shipping: dict[int, dict[int, int]]  # cooperative id -> {shipping method id: price}
    chosen: dict[int, int]  # cooperative id -> the shipping method checked on the page

    @classmethod
    def of(cls, summary: CartSummary) -> ShownAmounts:
        return cls(
            lines={lv.variant.id: (lv.unit_price, lv.quantity) for lv in summary.lines if lv.ok},
            shipping={
                g.cooperative.id: {c.method.id: c.price for c in g.choices} for g in summary.groups
            },
            chosen={g.cooperative.id: g.chosen.method.id for g in summary.groups if g.chosen},
        )

    def sign(self) -> str:
        payload = {
            "l": [[vid, price, qty] for vid, (price, qty) in sorted(self.lines.items())],
            "s": [
                [coop, method, price]
                for coop, prices in sorted(self.shipping.items())
                for method, price in sorted(prices.items())
            ],
            "c": [[coop, method] for coop, method in sorted(self.chosen.items())],
        }
        return _serializer().dumps(payload)

    @classmethod
    def read(cls, signed: str | None) -> ShownAmounts | None:
        """The amounts a page showed, or None when the field is missing, altered or unreadable."""
        if not signed or len(signed) > MAX_FIELD:
            return None
        try:
            payload = _serializer().loads(signed)
            lines = {_int(v): (_int(p), _int(q)) for v, p, q in payload["l"]}
            shipping: dict[int, dict[int, int]] = {}
            for coop, method, price in payload["s"]:
                shipping.setdefault(_int(coop), {})[_int(method)] = _int(price)
            chosen = {_int(coop): _int(method) for coop, method in payload["c"]}
        except (BadData, KeyError, TypeError, ValueError):
            return None
        return cls(lines, shipping, chosen)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(value)
    return value


@dataclass(frozen=True)
class Difference:
    """One figure that is not what the page showed: ``kind`` is price (a unit price), quantity,
    added, removed, shipping or total; ``old`` / ``new`` are satang (units for quantity)."""

    kind: str
    label: str
    old: int | None
    new: int | None


class AmountsChanged(OrderError):
    """What the buyer would pay is not what the checkout page showed them."""

    message = _l(
        "The amounts changed since the checkout page was shown. Nothing was ordered or charged: "
        "please check the new amounts and place the order again."
    )

    def __init__(self, differences: list[Difference]):
        super().__init__()
        self.differences = differences


def _line_label(variant: Variant, locale: str) -> str:
    return f"{localize(variant.product, 'name', locale)} · {localize(variant, 'name', locale)}"


def differences(
    shown: ShownAmounts, summary: CartSummary, shipping_choice: dict[int, int], locale: str
) -> list[Difference]:
    """Every figure of the freshly computed ``summary`` that differs from what was shown, with
    the totals when anything does. The shipping shown for a cooperative is the price the page
    listed for the method the buyer chose (``shipping_choice`` when the page listed it, else
    the one it had checked); the order must use that method at that price."""
    found: list[Difference] = []
    old_total = 0
    for lv in summary.lines:
        label = _line_label(lv.variant, locale)
        if lv.variant.id not in shown.lines:
            found.append(Difference("added", label, None, lv.total))
            continue
        price, quantity = shown.lines[lv.variant.id]
        old_total += price * quantity
        if price != lv.unit_price:
            found.append(Difference("price", label, price, lv.unit_price))
        if quantity != lv.quantity:
            found.append(Difference("quantity", label, quantity, lv.quantity))
    current = {lv.variant.id for lv in summary.lines}
    for variant_id, (price, quantity) in sorted(shown.lines.items()):
        if variant_id not in current:
            old_total += price * quantity
            variant = db.session.get(Variant, variant_id)
            label = _line_label(variant, locale) if variant is not None else str(variant_id)
            found.append(Difference("removed", label, price * quantity, None))
    for group in summary.groups:
        coop = group.cooperative.id
        listed = shown.shipping.get(coop, {})
        # The method the buyer picked among those the page listed, else the one it had checked.
        posted = shipping_choice.get(coop)
        wanted = posted if posted in listed else shown.chosen.get(coop)
        old = listed.get(wanted) if wanted is not None else None
        old_total += old or 0
        new_method = group.chosen.method.id if group.chosen else None
        if old is None or new_method != wanted or old != group.shipping:
            label = str(_l("Shipping from %(cooperative)s", cooperative=group.cooperative.name))
            found.append(Difference("shipping", label, old, group.shipping))
    current_coops = {group.cooperative.id for group in summary.groups}
    for coop, method in sorted(shown.chosen.items()):
        if coop not in current_coops:  # nothing of this cooperative is left in the cart
            old = shown.shipping.get(coop, {}).get(method, 0)
            old_total += old
            cooperative = db.session.get(Cooperative, coop)
            name = cooperative.name if cooperative is not None else str(coop)
            label = str(_l("Shipping from %(cooperative)s", cooperative=name))
            found.append(Difference("shipping", label, old, None))
    if found or old_total != summary.total:
        found.append(Difference("total", str(_l("Total")), old_total, summary.total))
    return found


def check(
    shown: ShownAmounts | None, summary: CartSummary, shipping_choice: dict[int, int], locale: str
) -> None:
    """Raise AmountsChanged unless ``summary`` is exactly what the page showed.

    ``shown`` None: the order does not come from a page (a script calling the service), so
    there is nothing to compare. ``NOTHING_SHOWN`` (a form without a readable field) confirms
    nothing: AmountsChanged without differences, and the buyer sees the amounts first.
    """
    if shown is None:
        return
    if not shown.lines:
        raise AmountsChanged([])
    found = differences(shown, summary, shipping_choice, locale)
    if found:
        raise AmountsChanged(found)


NOTHING_SHOWN = ShownAmounts({}, {}, {})
