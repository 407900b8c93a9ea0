"""Saved order lists ("Monthly order"): a partner company's named lists of packs and quantities,
made from a past order or from the cart, edited, and put in the cart again at the day's prices,
rules and stock with every difference shown first (the reorder's pattern:
shop.wholesale.ordering.ReorderLine).

A list belongs to the partner company: every member sees and changes it, and a list id of
another partner is not found (the views answer 404). Names are unique per partner (compared
without case), 1 to 80 characters; a partner keeps at most 50 lists of at most 500 lines.
Quantities are the pack's units, as on order lines. Services flush; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from shop.accounts.models import User
from shop.cart.models import Cart, CartLine
from shop.cart.services import MAX_ID, add_items
from shop.catalog.models import Cooperative, CooperativeStatus, Product, ProductStatus, Variant
from shop.core.numbers import parse_whole_number
from shop.extensions import db
from shop.orders.models import Order
from shop.pricing.models import MAX_WHOLESALE_UNITS
from shop.pricing.quotes import Buyer, QuantityNotAllowed, Rule, load_terms, price, quantity_rule
from shop.wholesale.models import (
    MAX_SAVED_LINES,
    MAX_SAVED_LIST_NAME,
    MAX_SAVED_LISTS,
    PartnerShop,
    SavedOrderLine,
    SavedOrderList,
)
from shop.wholesale.ordering import ReorderLine


class SavedListError(Exception):
    """A list that cannot be made or changed; ``message`` says why (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class LinesRefused(Exception):
    """Some lines cannot be changed or added to the cart; ``errors`` maps the saved line's id
    to the reason (translated). Nothing was changed."""

    def __init__(self, errors: dict[int, str]):
        super().__init__(f"{len(errors)} lines refused")
        self.errors = errors


@dataclass(frozen=True)
class Wanted:
    """A pack to put on a new list: ``quantity`` units, last seen at ``price_seen`` satang."""

    variant_id: int
    sku: str
    name: str
    quantity: int
    price_seen: int


# --- finding ----------------------------------------------------------------------------------


def lists_of_partner(partner_id: int) -> list[tuple[SavedOrderList, int]]:
    """The partner's lists by name, each with its number of lines (one query)."""
    lines = (
        select(func.count(SavedOrderLine.id))
        .where(SavedOrderLine.list_id == SavedOrderList.id)
        .correlate(SavedOrderList)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(SavedOrderList, lines)
        .where(SavedOrderList.partner_shop_id == partner_id)
        .options(joinedload(SavedOrderList.created_by))
        .order_by(SavedOrderList.name, SavedOrderList.id)
    )
    return [(saved, count) for saved, count in rows]


def list_of_partner(partner_id: int, list_id: int) -> SavedOrderList | None:
    """The partner's list ``list_id`` with its lines and their packs; None when the id names
    no list of this partner (another partner's list included)."""
    if not 0 < list_id <= MAX_ID:
        return None
    return db.session.scalars(
        select(SavedOrderList)
        .where(SavedOrderList.id == list_id, SavedOrderList.partner_shop_id == partner_id)
        .options(
            selectinload(SavedOrderList.lines)
            .joinedload(SavedOrderLine.variant)
            .joinedload(Variant.product)
        )
    ).first()


# --- names and limits -------------------------------------------------------------------------


def check_name(partner_id: int, name: str | None, *, renaming: int | None = None) -> str:
    """The list name as kept (surrounding spaces removed). Raises SavedListError when it is
    empty, longer than MAX_SAVED_LIST_NAME characters, or another list of the partner has it
    (without regard to case); ``renaming`` is the id of the list being renamed."""
    name = (name or "").strip()
    if not name:
        raise SavedListError(_l("Please give the list a name."))
    if len(name) > MAX_SAVED_LIST_NAME:
        raise SavedListError(
            _l("A list name has at most %(max)s characters.", max=MAX_SAVED_LIST_NAME)
        )
    taken = db.session.scalars(
        select(SavedOrderList.name).where(
            SavedOrderList.partner_shop_id == partner_id, SavedOrderList.id != (renaming or 0)
        )
    )
    if any(other.casefold() == name.casefold() for other in taken):
        raise SavedListError(_l("Your company already has a list called “%(name)s”.", name=name))
    return name


def _flush_name(saved: SavedOrderList) -> None:
    """Flush in a savepoint: a member saving the same name at the same moment loses cleanly."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise SavedListError(
            _l("Your company already has a list called “%(name)s”.", name=saved.name)
        ) from exc


# --- making a list ----------------------------------------------------------------------------


def create_list(
    partner: PartnerShop, name: str, wanted: list[Wanted], actor: User
) -> SavedOrderList:
    """A new list of ``partner`` named ``name`` holding ``wanted`` (a pack twice adds up).

    Raises SavedListError for a bad or taken name, nothing to keep, more than MAX_SAVED_LINES
    packs, or a partner that has MAX_SAVED_LISTS lists already. The partner's row is locked
    while counting, so two members cannot pass the limit together.
    """
    db.session.scalars(
        select(PartnerShop.id).where(PartnerShop.id == partner.id).with_for_update()
    ).first()
    count = db.session.scalar(
        select(func.count(SavedOrderList.id)).where(SavedOrderList.partner_shop_id == partner.id)
    )
    if count >= MAX_SAVED_LISTS:
        raise SavedListError(
            _l(
                "Your company has %(max)s lists, the most it may keep: delete one first.",
                max=MAX_SAVED_LISTS,
            )
        )
    name = check_name(partner.id, name)
    merged: dict[int, Wanted] = {}
    for item in wanted:
        before = merged.get(item.variant_id)
        quantity = item.quantity + (before.quantity if before else 0)
        merged[item.variant_id] = Wanted(
            item.variant_id, item.sku, item.name, quantity, item.price_seen
        )
    if not merged:
        raise SavedListError(_l("There is nothing to keep on the list."))
    if len(merged) > MAX_SAVED_LINES:
        raise SavedListError(_l("A list holds at most %(max)s packs.", max=MAX_SAVED_LINES))
    saved = SavedOrderList(partner_shop_id=partner.id, name=name, created_by_id=actor.id)
    saved.lines = [
        SavedOrderLine(
            variant_id=item.variant_id,
            sku=item.sku,
            name=item.name[:250],
            quantity=min(item.quantity, MAX_WHOLESALE_UNITS),
            price_seen_satang=item.price_seen,
        )
        for item in merged.values()
    ]
    db.session.add(saved)
    _flush_name(saved)
    return saved


def wanted_from_order(order: Order) -> list[Wanted]:
    """The packs of a past order as ordered (before a cooperative lowered a quantity), at the
    unit prices paid; lines of a pack since deleted are left out."""
    return [
        Wanted(
            line.variant_id,
            line.sku,
            f"{line.product_name} · {line.variant_name}",
            line.ordered_quantity or line.quantity,
            line.unit_price_satang,
        )
        for line in order.lines
        if line.variant_id is not None and (line.ordered_quantity or line.quantity) > 0
    ]


def wanted_from_cart(cart: Cart | None, buyer: Buyer) -> list[Wanted]:
    """The packs in the cart at ``buyer``'s prices today (one query for the terms)."""
    if cart is None:
        return []
    lines = list(
        db.session.scalars(
            select(CartLine)
            .where(CartLine.cart_id == cart.id)
            .options(joinedload(CartLine.variant).joinedload(Variant.product))
            .order_by(CartLine.id)
        )
    )
    load_terms(buyer, [line.variant_id for line in lines])
    return [
        Wanted(
            line.variant_id,
            line.variant.sku,
            f"{line.variant.product.name} · {line.variant.name}",
            line.quantity,
            price(buyer, line.variant, line.quantity).unit_satang,
        )
        for line in lines
    ]


# --- changing a list --------------------------------------------------------------------------


def rename_list(saved: SavedOrderList, name: str) -> None:
    """Raises SavedListError for a bad or taken name (see :func:`check_name`)."""
    saved.name = check_name(saved.partner_shop_id, name, renaming=saved.id)
    _flush_name(saved)


def delete_list(saved: SavedOrderList) -> None:
    db.session.delete(saved)
    db.session.flush()


def remove_line(saved: SavedOrderList, line_id: int) -> bool:
    """Take a pack off the list; False when ``line_id`` is not one of the list's lines."""
    line = next((ln for ln in saved.lines if ln.id == line_id), None)
    if line is None:
        return False
    saved.lines.remove(line)
    db.session.flush()
    return True


def rules_of(saved: SavedOrderList, buyer: Buyer) -> dict[int, Rule]:
    """The quantity rule of each line's pack for ``buyer``, by line id (one query)."""
    load_terms(buyer, [ln.variant_id for ln in saved.lines if ln.variant_id])
    return {ln.id: quantity_rule(buyer, ln.variant) for ln in saved.lines if ln.variant}


def set_quantities(saved: SavedOrderList, buyer: Buyer, typed: dict[int, str]) -> int:
    """Change the quantities (units) typed for the list's lines (line id → text; Thai and
    Burmese digits read), all or none; returns how many changed.

    A quantity must be a whole number the pack's rule allows today; a pack no longer sold
    keeps its quantity. Raises LinesRefused naming each refused line, with the nearest
    quantities the rule allows.
    """
    rules = rules_of(saved, buyer)
    errors: dict[int, str] = {}
    changes: list[tuple[SavedOrderLine, int]] = []
    for line in saved.lines:
        text = typed.get(line.id)
        if text is None or not text.strip():
            continue
        rule = rules.get(line.id)
        try:
            quantity = parse_whole_number(text)
        except ValueError:
            errors[line.id] = (
                rule.range_message if rule else _l("Please enter a whole number of units.")
            )
            continue
        if quantity == line.quantity:
            continue
        if rule is None:
            errors[line.id] = _l("No longer sold: remove it from the list.")
            continue
        try:
            rule.check(quantity)
        except QuantityNotAllowed as exc:
            errors[line.id] = exc.message
            continue
        changes.append((line, quantity))
    if errors:
        raise LinesRefused(errors)
    for line, quantity in changes:
        line.quantity = quantity
        line.price_seen_satang = price(buyer, line.variant, quantity).unit_satang
    db.session.flush()
    return len(changes)


# --- into the cart ----------------------------------------------------------------------------


def preview(saved: SavedOrderList, buyer: Buyer) -> list[ReorderLine]:
    """Every line of the list as it would be bought today: ``quantity`` is what goes to the
    cart (the list's quantity brought within today's rule and stock; 0: cannot be bought),
    ``quote`` today's price, ``then`` the price seen when the line was saved or last put in
    the cart, ``problem`` what changed. Two queries besides the list, whatever its length."""
    ids = [ln.variant_id for ln in saved.lines if ln.variant_id]
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
            .options(contains_eager(Variant.product))
        )
    }
    load_terms(buyer, list(variants))
    result = []
    for line in saved.lines:
        variant = variants.get(line.variant_id)
        if variant is None:
            result.append(
                ReorderLine(
                    line.sku,
                    line.name,
                    line.quantity,
                    line.price_seen_satang,
                    None,
                    0,
                    None,
                    _l("No longer sold."),
                )
            )
            continue
        rule = quantity_rule(buyer, variant)
        quantity, problem = line.quantity, ""
        if not rule.allows(quantity):
            nearest = rule.nearest(quantity)
            quantity = nearest[-1] if nearest else 0
            problem = _l("Sold in cartons of %(case)s now.", case=rule.increment)
        if quantity > variant.stock:
            quantity = variant.stock - variant.stock % rule.increment
            quantity = quantity if quantity >= rule.minimum else 0
            problem = _l("Only %(count)s in stock.", count=variant.stock)
        result.append(
            ReorderLine(
                variant.sku,
                f"{variant.product.name} · {variant.name}",
                line.quantity,
                line.price_seen_satang,
                variant,
                quantity,
                price(buyer, variant, quantity or line.quantity),
                problem,
            )
        )
    return result


def add_to_cart(saved: SavedOrderList, cart: Cart, buyer: Buyer, lines: list[ReorderLine]) -> int:
    """Put the previewed lines that can be bought into the cart (on top of what is there),
    all or none, through the cart's own rules; returns how many packs. The list then notes
    today's prices as the ones last seen, so next time shows what changed since.

    Raises LinesRefused (by saved line id) when one cannot be added any more (stock taken
    meanwhile, or the cart already holds some of the pack); nothing is added then.
    """
    buyable = [ln for ln in lines if ln.quantity]
    refused = add_items(cart, {ln.variant.id: ln.quantity for ln in buyable}, buyer)
    if refused:
        by_variant = {ln.variant_id: ln.id for ln in saved.lines}
        raise LinesRefused({by_variant[vid]: message for vid, message in refused.items()})
    seen = {ln.variant.id: ln.quote.unit_satang for ln in buyable}
    for line in saved.lines:
        if line.variant_id in seen:
            line.price_seen_satang = seen[line.variant_id]
    db.session.flush()
    return len(buyable)
