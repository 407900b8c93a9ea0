"""Cart operations and the cart summary that checkout and order placement recompute.

Every amount here comes from the database at the time of the call; nothing posted by a
browser other than variant ids and quantities is ever used.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload, selectinload

from shop.cart.models import Cart, CartLine
from shop.catalog.models import (
    Cooperative,
    CooperativeStatus,
    Product,
    ProductStatus,
    Variant,
)
from shop.core.money import vat_part
from shop.extensions import db
from shop.pricing.models import MAX_WHOLESALE_UNITS, ShippingMethod
from shop.pricing.quotes import (
    RETAIL_MAX_QUANTITY,
    RETAIL_RULE,
    Buyer,
    PriceSource,
    QuantityNotAllowed,
    Quote,
    Rule,
    load_terms,
    price,
    quantity_rule,
)
from shop.pricing.services import methods_by_cooperative, shipping_price

MAX_QUANTITY = RETAIL_MAX_QUANTITY
MAX_FORM_QUANTITY = MAX_WHOLESALE_UNITS  # what a quantity box accepts before the pack's rule
MAX_ID = 2**31 - 1  # the largest key an INTEGER column holds (PostgreSQL)


class CartError(Exception):
    """A cart change that cannot be made; ``message`` tells the visitor why (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- finding and changing carts -------------------------------------------------------------


def find_cart(*, user_id: int | None, token: str | None) -> Cart | None:
    """The user's cart when logged in, else the guest cart named by the cookie's token."""
    if user_id is not None:
        return db.session.scalars(select(Cart).where(Cart.user_id == user_id)).first()
    if token:
        return db.session.scalars(
            select(Cart).where(Cart.token == token, Cart.user_id.is_(None))
        ).first()
    return None


def new_cart(user_id: int | None) -> Cart:
    cart = Cart(token=secrets.token_urlsafe(24), user_id=user_id)
    db.session.add(cart)
    db.session.flush()
    return cart


def _purchasable_variant(variant_id: int) -> Variant:
    if not 0 < variant_id <= MAX_ID:  # names no variant; SQLite cannot even bind a huge int
        raise CartError(_l("This product is not available."))
    variant = db.session.scalars(
        select(Variant)
        .join(Variant.product)
        .join(Product.cooperative)
        .where(
            Variant.id == variant_id,
            Variant.is_active,
            Product.status == ProductStatus.ACTIVE,
            Cooperative.status == CooperativeStatus.ACTIVE,
        )
        .options(joinedload(Variant.product))
    ).first()
    if variant is None:
        raise CartError(_l("This product is not available."))
    return variant


def _check_quantity(buyer: Buyer, variant: Variant, quantity: int) -> Rule:
    rule = quantity_rule(buyer, variant)
    try:
        rule.check(quantity)
    except QuantityNotAllowed as exc:
        raise CartError(exc.message) from exc
    return rule


def quantity_message(buyer: Buyer, variant_id: int | None):
    """What a quantity box for this pack accepts, to say when the posted text is no quantity."""
    variant = (
        db.session.get(Variant, variant_id) if variant_id and 0 < variant_id <= MAX_ID else None
    )
    return (quantity_rule(buyer, variant) if variant else RETAIL_RULE).range_message


def _check_stock(variant: Variant, quantity: int) -> None:
    if variant.stock <= 0:
        raise CartError(_l("Sorry, this pack is sold out."))
    if quantity > variant.stock:
        raise CartError(_l("Only %(count)s of this pack are available.", count=variant.stock))


def add_item(cart: Cart, variant_id: int, quantity: int, buyer: Buyer | None = None) -> CartLine:
    """Add units of a variant to the cart (on top of what is there), for ``buyer`` (retail when
    not given): the quantity in the cart afterwards must satisfy the pack's quantity rule.

    Raises CartError for an unknown or unavailable variant, a quantity outside the rule (with
    the nearest valid quantities), or more units than are in stock; nothing changes then.
    """
    buyer = buyer or Buyer()
    if quantity < 1:
        raise CartError(quantity_message(buyer, variant_id))
    variant = _purchasable_variant(variant_id)
    line = next((ln for ln in cart.lines if ln.variant_id == variant.id), None)
    total = quantity + (line.quantity if line else 0)
    _check_quantity(buyer, variant, total)
    _check_stock(variant, total)
    if line is None:
        line = CartLine(cart=cart, variant=variant, quantity=0)
        db.session.add(line)
    line.quantity = total
    _saw(line, price(buyer, variant, total))
    db.session.flush()
    return line


def add_items(cart: Cart, wanted: dict[int, int], buyer: Buyer | None = None) -> dict[int, str]:
    """Add many packs at once (variant id → units, on top of what is in the cart), all or
    none, with the same rules as :func:`add_item`, in three queries whatever their number.

    Returns the refusals by variant id (translated messages); when there is any, nothing was
    added. Quick orders, spreadsheet orders and reorders use it.
    """
    buyer = buyer or Buyer()
    errors: dict[int, str] = {}
    ids = [vid for vid in wanted if 0 < vid <= MAX_ID]
    variants = {
        v.id: v
        for v in db.session.scalars(
            select(Variant)
            .join(Variant.product)
            .join(Product.cooperative)
            .where(
                Variant.id.in_(ids),
                Variant.is_active,
                Product.status == ProductStatus.ACTIVE,
                Cooperative.status == CooperativeStatus.ACTIVE,
            )
        )
    }
    load_terms(buyer, list(variants))
    existing = {line.variant_id: line for line in cart.lines}
    planned: list[tuple[Variant, int, CartLine | None]] = []
    for variant_id, quantity in wanted.items():
        variant = variants.get(variant_id)
        if variant is None:
            errors[variant_id] = _l("This product is not available.")
            continue
        line = existing.get(variant_id)
        total = quantity + (line.quantity if line else 0)
        try:
            if quantity < 1:
                raise CartError(quantity_rule(buyer, variant).range_message)
            _check_quantity(buyer, variant, total)
            _check_stock(variant, total)
        except CartError as exc:
            errors[variant_id] = exc.message
            continue
        planned.append((variant, total, line))
    if errors:
        return errors
    for variant, total, line in planned:
        if line is None:
            line = CartLine(cart_id=cart.id, variant_id=variant.id)
            db.session.add(line)
        line.quantity = total
        _saw(line, price(buyer, variant, total))
    db.session.flush()
    db.session.expire(cart, ["lines"])
    return {}


def _saw(line: CartLine, quote: Quote) -> None:
    """Note the unit price the buyer now sees on the line, and whether it was a partner's."""
    line.price_seen_satang = quote.unit_satang
    line.seen_as_partner = quote.source != PriceSource.RETAIL


def _line(cart: Cart, line_id: int) -> CartLine:
    line = next((ln for ln in cart.lines if ln.id == line_id), None)
    if line is None:
        raise CartError(_l("This item is no longer in your cart."))
    return line


def set_quantity(
    cart: Cart, line_id: int, quantity: int, buyer: Buyer | None = None
) -> CartLine | None:
    """Change a line's quantity; 0 removes the line (and returns None).

    Raises CartError (and changes nothing) for a quantity outside the pack's rule for
    ``buyer`` (retail when not given) or over the stock.
    """
    buyer = buyer or Buyer()
    line = _line(cart, line_id)
    if quantity == 0:
        remove_line(cart, line_id)
        return None
    variant = _purchasable_variant(line.variant_id)
    _check_quantity(buyer, variant, quantity)
    _check_stock(variant, quantity)
    line.quantity = quantity
    _saw(line, price(buyer, variant, quantity))
    db.session.flush()
    return line


def remove_line(cart: Cart, line_id: int) -> None:
    line = _line(cart, line_id)
    cart.lines.remove(line)
    db.session.flush()


def merge_carts(guest: Cart | None, user_id: int) -> Cart | None:
    """Move a guest cart's lines into the user's cart at login (quantities add up, capped by
    stock); the guest cart is deleted. Returns the user's cart."""
    user_cart = find_cart(user_id=user_id, token=None)
    if guest is None or guest.user_id is not None:
        return user_cart
    if user_cart is None:
        guest.user_id = user_id
        db.session.flush()
        return guest
    for line in list(guest.lines):
        mine = next((ln for ln in user_cart.lines if ln.variant_id == line.variant_id), None)
        wanted = line.quantity + (mine.quantity if mine else 0)
        quantity = max(1, min(wanted, line.variant.stock, MAX_QUANTITY))
        if mine is None:
            user_cart.lines.append(
                CartLine(
                    variant_id=line.variant_id,
                    quantity=quantity,
                    price_seen_satang=line.price_seen_satang,
                    seen_as_partner=line.seen_as_partner,
                )
            )
        else:
            mine.quantity = quantity
    db.session.delete(guest)
    db.session.flush()
    return user_cart


def empty_cart(cart: Cart) -> None:
    db.session.execute(delete(CartLine).where(CartLine.cart_id == cart.id))
    db.session.expire(cart, ["lines"])


# --- the summary ------------------------------------------------------------------------------


@dataclass
class LineView:
    line: CartLine
    variant: Variant
    quote: Quote  # the unit price for this quantity, and the break reached or next
    rule: Rule  # the quantities this buyer may order
    available: bool  # the product is still on sale
    in_stock: int

    @property
    def unit_price(self) -> int:
        return self.quote.unit_satang

    @property
    def quantity(self) -> int:
        return self.quote.quantity

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity

    @property
    def breaks_rule(self) -> bool:
        """The quantity is not one this buyer may order (a partner's cart from before it
        was approved, or a case pack changed since)."""
        return not self.rule.allows(self.quantity)

    @property
    def price_changed(self) -> bool:
        return self.unit_price != self.line.price_seen_satang

    @property
    def wholesale_ended(self) -> bool:
        """The price seen was a partner's and this buyer now pays retail (suspended, left):
        the old price is not shown any more."""
        return self.line.seen_as_partner and self.quote.source == PriceSource.RETAIL

    @property
    def too_many(self) -> bool:
        return self.quantity > self.in_stock

    @property
    def ok(self) -> bool:
        return self.available and not self.too_many and not self.breaks_rule


@dataclass
class ShippingChoice:
    method: ShippingMethod
    price: int


@dataclass
class CooperativeGroup:
    cooperative: Cooperative
    lines: list[LineView]
    choices: list[ShippingChoice]
    chosen: ShippingChoice | None = None

    @property
    def goods(self) -> int:
        return sum(lv.total for lv in self.lines if lv.ok)

    @property
    def weight_grams(self) -> int:
        return sum(lv.variant.weight_grams * lv.quantity for lv in self.lines if lv.ok)

    @property
    def shipping(self) -> int:
        return self.chosen.price if self.chosen else 0

    @property
    def vat(self) -> int:
        """The VAT in this cooperative's goods and shipping (7/107, ``core.money.vat_part``, as
        its documents compute it); 0 when the cooperative is not VAT-registered."""
        return vat_part(self.goods + self.shipping) if self.cooperative.vat_registered else 0

    @property
    def cartons(self) -> int:
        """Cartons to carry: each line in whole cases (a retail-only pack counts per unit)."""
        return sum(-(-lv.quantity // lv.rule.increment) for lv in self.lines if lv.ok)


@dataclass
class CartSummary:
    groups: list[CooperativeGroup] = field(default_factory=list)

    @property
    def lines(self) -> list[LineView]:
        return [lv for g in self.groups for lv in g.lines]

    @property
    def goods(self) -> int:
        return sum(g.goods for g in self.groups)

    @property
    def shipping(self) -> int:
        return sum(g.shipping for g in self.groups)

    @property
    def total(self) -> int:
        return self.goods + self.shipping

    @property
    def vat(self) -> int:
        """The VAT in the total: the sum of each cooperative's (one rounding per seller, as on
        each seller's receipt); non-VAT-registered cooperatives add none."""
        return sum(g.vat for g in self.groups)

    @property
    def has_goods_without_vat(self) -> bool:
        """Some goods come from a cooperative that is not VAT-registered (their price has no
        VAT in it)."""
        return any(not g.cooperative.vat_registered for g in self.groups)

    @property
    def item_count(self) -> int:
        return sum(lv.quantity for lv in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def problems(self) -> list[LineView]:
        return [lv for lv in self.lines if not lv.ok]

    @property
    def ready(self) -> bool:
        """Every line can be bought and every cooperative has a shipping method."""
        return bool(self.groups) and not self.problems and all(g.chosen for g in self.groups)


def summarize(
    cart: Cart | None,
    shipping_choice: dict[int, int] | None = None,
    buyer: Buyer | None = None,
) -> CartSummary:
    """Group the cart by cooperative and price it from the database for ``buyer`` (retail when
    not given), through shop.pricing.quotes.

    ``shipping_choice`` maps cooperative id to a shipping method id; an unknown or missing
    choice falls back to the cheapest method that can carry the parcel.
    """
    if cart is None:
        return CartSummary()
    buyer = buyer or Buyer()
    lines = (
        db.session.scalars(
            select(CartLine)
            .where(CartLine.cart_id == cart.id)
            .options(
                joinedload(CartLine.variant)
                .joinedload(Variant.product)
                .joinedload(Product.cooperative),
                joinedload(CartLine.variant)
                .joinedload(Variant.product)
                .selectinload(Product.images),
            )
            .order_by(CartLine.id)
        )
        .unique()
        .all()
    )
    load_terms(buyer, [line.variant_id for line in lines])
    by_coop: dict[int, list[LineView]] = {}
    coops: dict[int, Cooperative] = {}
    for line in lines:
        variant = line.variant
        product = variant.product
        available = (
            variant.is_active
            and product.status == ProductStatus.ACTIVE
            and product.cooperative.status == CooperativeStatus.ACTIVE
        )
        coops[product.cooperative_id] = product.cooperative
        by_coop.setdefault(product.cooperative_id, []).append(
            LineView(
                line,
                variant,
                price(buyer, variant, line.quantity),
                quantity_rule(buyer, variant),
                available,
                variant.stock,
            )
        )
    methods = methods_by_cooperative(set(by_coop), wholesale=buyer.is_wholesale)
    summary = CartSummary()
    for coop_id, line_views in by_coop.items():
        group = CooperativeGroup(coops[coop_id], line_views, [])
        if group.goods == 0:  # nothing here can be bought: nothing to ship
            summary.groups.append(group)
            continue
        for method in methods.get(coop_id, []):
            charge = shipping_price(method, max(group.weight_grams, 1), group.goods, group.cartons)
            if charge is not None:
                group.choices.append(ShippingChoice(method, charge))
        wanted = (shipping_choice or {}).get(coop_id)
        group.chosen = next((c for c in group.choices if c.method.id == wanted), None) or min(
            group.choices, key=lambda c: c.price, default=None
        )
        summary.groups.append(group)
    return summary


__all__ = [
    "CartError",
    "CartSummary",
    "add_item",
    "find_cart",
    "merge_carts",
    "new_cart",
    "remove_line",
    "selectinload",
    "set_quantity",
    "summarize",
]
