"""Placing a partner's order by API, with the same services as the wholesale pages.

The lines go into a cart of the request's own (``shop.cart.services.add_items``: availability,
quantity rules, stock, prices from shop.pricing.quotes), which
``shop.wholesale.orders.place_wholesale_order`` turns into the order exactly as the wholesale
checkout does (purchase-order number, minimum orders, overdue invoices, credit limit and
approvals, stock taken); the cart is deleted in the same transaction. Nothing is repeated
here but the reading of the request and the naming of each refused line.

An ``Idempotency-Key`` is remembered per partner with the SHA-256 of the request's body and
the order it placed, in the order's own transaction: the same key and body give the same order
again; the same key with another body is refused. Two requests with the same key at once:
the second waits on the unique key (PostgreSQL) or on the write lock (SQLite) and then finds
the first one's order.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.api.models import IdempotentRequest
from shop.cart.models import Cart
from shop.cart.services import add_items
from shop.catalog.models import Variant
from shop.core.burmese import looks_like_zawgyi, zawgyi_message
from shop.core.text import normalize_text
from shop.extensions import db
from shop.orders.errors import OrderError
from shop.orders.models import Order
from shop.pricing.models import ShippingMethod
from shop.pricing.quotes import Buyer, load_terms, quantity_rule
from shop.wholesale.models import PartnerMembership
from shop.wholesale.ordering import on_sale
from shop.wholesale.orders import WholesaleCheckout, WholesaleOrderError, place_wholesale_order

MAX_LINES = 500
MAX_IDEMPOTENCY_KEY = 255


@dataclass(frozen=True)
class OrderRequest:
    lines: list[tuple[str, int]]  # (SKU, units)
    po_number: str = ""
    note: str = ""
    delivery_method_ids: list[int] = field(default_factory=list)
    locale: str = "en"


class OrderRefused(Exception):
    """The order cannot be placed: ``detail`` says why, ``lines`` names each refused line
    (sku, code, detail, and for quantities ``nearest`` and for stock ``available``)."""

    def __init__(self, detail, lines: list[dict] | None = None):
        super().__init__(str(detail))
        self.detail = detail
        self.lines = lines or []


class IdempotencyConflict(Exception):
    """The key was used for a request with another body."""


def body_digest(body: object) -> str:
    """The SHA-256 of the request as read by its schema (``OrderIn``: defaults filled in), as
    JSON with keys sorted: spacing, key order and a default written out (``"note": ""``) do
    not change the request."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def earlier_order(partner_id: int, key: str, digest: str) -> Order | None:
    """The order an earlier request with this key placed, or None when the key is new.
    Raises IdempotencyConflict when the key came with another body."""
    seen = db.session.scalars(
        select(IdempotentRequest).where(
            IdempotentRequest.partner_shop_id == partner_id, IdempotentRequest.key == key
        )
    ).first()
    if seen is None:
        return None
    if seen.body_sha256 != digest:
        raise IdempotencyConflict(key)
    return db.session.get(Order, seen.order_id)


def claim_key(partner_id: int, key: str, digest: str) -> IdempotentRequest | None:
    """Remember the key in this transaction; None when another request took it first (the
    caller rolls back and looks for that request's order)."""
    row = IdempotentRequest(partner_shop_id=partner_id, key=key, body_sha256=digest)
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return None
    return row


def _variants_by_sku(skus: list[str]) -> dict[str, Variant]:
    return {v.sku: v for v in db.session.scalars(select(Variant).where(Variant.sku.in_(set(skus))))}


def _wholesale_ids(variants: dict[str, Variant]) -> set[int]:
    """The ids of those packs that are wholesale packs on sale (``wholesale.ordering.on_sale``):
    the only ones the API sells, as the wholesale pages do."""
    ids = [v.id for v in variants.values()]
    return set(db.session.scalars(on_sale(select(Variant.id)).where(Variant.id.in_(ids))))


def _refused_lines(
    buyer: Buyer, wanted: dict[str, int], variants, errors, wholesale: set[int]
) -> list[dict]:
    """Each refused line, said so that a program can act on it: an unknown SKU, a pack not sold
    wholesale now (taken off sale, or retail only: never ordered at the retail price by a
    stale catalogue), a quantity off the carton rule, more than the stock."""
    load_terms(buyer, [v.id for v in variants.values()])
    lines = []
    for sku, quantity in wanted.items():
        variant = variants.get(sku)
        message = errors.get(variant.id) if variant else None
        if variant is None:
            lines.append(
                {"sku": sku, "code": "unknown_sku", "detail": str(_l("No pack has this SKU."))}
            )
            continue
        if variant.id not in wholesale:
            lines.append(
                {
                    "sku": sku,
                    "quantity": quantity,
                    "code": "not_available",
                    "detail": str(_l("No wholesale pack has this SKU.")),
                }
            )
            continue
        if message is None:
            continue
        rule = quantity_rule(buyer, variant)
        line = {"sku": sku, "quantity": quantity, "detail": str(message)}
        if not rule.allows(quantity):
            line.update(code="quantity_not_allowed", nearest=rule.nearest(quantity))
        elif quantity > variant.stock:
            line.update(code="insufficient_stock", available=variant.stock)
        else:
            line.update(code="not_available")
        lines.append(line)
    return lines


def typed_text(name: str, value: str) -> str:
    """A text of the request as a form would keep it: normalised by
    ``core.text.normalize_text`` (NFC, invisible characters dropped, spaces folded). Raises
    OrderRefused naming the field when it is Zawgyi-encoded Burmese (``core.burmese``, the
    check every ShopForm makes)."""
    text = normalize_text(value) or ""
    if looks_like_zawgyi(text):
        raise OrderRefused(f"{name}: {zawgyi_message()}")
    return text


def place_api_order(membership: PartnerMembership, request: OrderRequest) -> Order:
    """Place ``request`` for the key's partner, acting as ``membership``; flushes, the caller
    commits. The purchase-order number and the note are read as typed text (``typed_text``).
    Raises OrderRefused (the caller rolls back)."""
    po_number = typed_text("po_number", request.po_number)
    note = typed_text("note", request.note)
    partner = membership.partner
    buyer = Buyer(partner_id=partner.id, price_list=partner.price_list)
    wanted: dict[str, int] = {}
    for sku, quantity in request.lines:
        wanted[sku] = wanted.get(sku, 0) + quantity
    variants = _variants_by_sku(list(wanted))
    cart = Cart(token=secrets.token_urlsafe(24), user_id=None)
    db.session.add(cart)
    db.session.flush()
    wholesale = _wholesale_ids(variants)
    errors = add_items(
        cart,
        {variants[sku].id: q for sku, q in wanted.items() if sku in variants},
        buyer,
    )
    refused = _refused_lines(buyer, wanted, variants, errors, wholesale)
    if refused:
        raise OrderRefused(_l("Some lines cannot be ordered: see lines."), refused)
    choice = _delivery_choice(request.delivery_method_ids)
    try:
        order = place_wholesale_order(
            cart,
            membership,
            WholesaleCheckout(
                po_number=po_number,
                note=note,
                shipping_choice=choice,
                locale=request.locale,
            ),
        )
    except WholesaleOrderError as exc:
        raise OrderRefused(exc.message) from exc
    except OrderError as exc:
        raise OrderRefused(exc.message) from exc
    db.session.delete(cart)
    db.session.flush()
    return order


def _delivery_choice(method_ids: list[int]) -> dict[int, int]:
    """Cooperative id -> the chosen method, from the methods' ids; an unknown id names no
    cooperative and is refused."""
    if not method_ids:
        return {}
    ids = [mid for mid in method_ids if 0 < mid < 2**31]
    methods = {
        m.id: m
        for m in db.session.scalars(select(ShippingMethod).where(ShippingMethod.id.in_(ids)))
    }
    unknown = [mid for mid in method_ids if mid not in methods]
    if unknown:
        raise OrderRefused(
            _l("No delivery method has the id %(id)s.", id=unknown[0]),
            [],
        )
    choice: dict[int, int] = {}
    for mid in method_ids:
        coop = methods[mid].cooperative_id
        if coop in choice and choice[coop] != mid:
            raise OrderRefused(_l("Please choose one delivery method per cooperative."))
        choice[coop] = mid
    return choice
