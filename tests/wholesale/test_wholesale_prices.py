"""Partner shops pay their wholesale prices, by the carton, in the cart and on their orders;
nobody else ever does."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.cart.models import CartLine
from shop.extensions import db
from shop.orders.models import OrderLine
from shop.pricing.models import PriceBreak
from shop.wholesale.models import PartnerMembership, PartnerShopStatus
from shop.wholesale.orders import WholesaleCheckout, place_wholesale_order
from tests.cart.builders import (
    flashes,
    log_in,
    text_of,
)


def add(client, variant_id: int, quantity) -> None:
    client.post("/cart/add?lang=en", data={"variant_id": variant_id, "quantity": quantity})


def cart_lines() -> dict[str, tuple[int, int]]:
    """SKU → (quantity, unit price seen) of every stored cart line."""
    db.session.expire_all()
    return {
        ln.variant.sku: (ln.quantity, ln.price_seen_satang)
        for ln in db.session.scalars(select(CartLine))
    }


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("50", "Sold in cartons of 24: order 48 or 72."),
        ("20", "Sold in cartons of 24: order 24."),
        ("abc", "Please enter a whole number of units from 24 to 100000, in cartons of 24."),
        ("100001", "Please enter a whole number of units from 24 to 100000, in cartons of 24."),
    ],
)
def test_a_partner_orders_by_the_carton_and_is_told_the_nearest_quantities(
    client, wholesale, quantity, message
):
    log_in(client, "buyer-a@example.org")

    add(client, wholesale.sachets.id, quantity)

    assert flashes(client.get("/cart?lang=en")) == [("error", message)]
    assert cart_lines() == {}


def test_a_partner_pays_the_break_reached_and_sees_the_next_one(client, wholesale):
    log_in(client, "buyer-a@example.org")

    add(client, wholesale.sachets.id, 24)
    at_one_carton = text_of(client.get("/cart?lang=en"))
    add(client, wholesale.sachets.id, 24)
    page = text_of(client.get("/cart?lang=en"))

    assert cart_lines() == {"RNG-3IN1-30": (48, 5_000)}
    assert "Box of 30 sachets · ฿55.25" in at_one_carton  # the list's 15 % off ฿65
    assert "Add 24 more for ฿50 each." in at_one_carton
    assert "Box of 30 sachets · ฿50" in page
    assert "Volume price from 48 units." in page
    assert "Add 72 more for ฿45 each." in page
    assert "฿2,400" in page  # 48 × ฿50


@pytest.mark.parametrize(
    "who",
    ["anonymous", "malee@example.org", "admin-waiting@example.org", "admin-suspended@example.org"],
)
def test_everyone_else_pays_retail_for_any_quantity(client, wholesale, who):
    if who != "anonymous":
        log_in(client, who)

    add(client, wholesale.sachets.id, 5)
    page = text_of(client.get("/cart?lang=en"))

    assert cart_lines() == {"RNG-3IN1-30": (5, 6_500)}
    assert "Box of 30 sachets · ฿65" in page
    assert "Your wholesale price." not in page
    assert "Volume price" not in page
    assert "฿55.25" not in page


def test_a_suspension_turns_the_cart_back_to_retail_on_the_next_request(
    client, wholesale, partners
):
    log_in(client, "buyer-a@example.org")
    add(client, wholesale.sachets.id, 48)

    partners.a.status = PartnerShopStatus.SUSPENDED
    db.session.commit()
    page = text_of(client.get("/cart?lang=en"))

    assert "Box of 30 sachets · ฿65" in page
    assert "Wholesale prices no longer apply to your account: this is the retail price." in page
    assert "฿50" not in page  # the wholesale price it saw is not shown any more


def test_the_order_line_keeps_the_price_and_its_source(client, wholesale, partners):
    log_in(client, "buyer-a@example.org")
    add(client, wholesale.sachets.id, 120)
    cart = db.session.scalars(select(CartLine)).one().cart
    membership = db.session.scalars(
        select(PartnerMembership).where(PartnerMembership.user.has(email="buyer-a@example.org"))
    ).one()

    order = place_wholesale_order(cart, membership, WholesaleCheckout("PO-2026-118", "", {}, "en"))
    db.session.commit()
    db.session.execute(db.update(PriceBreak).values(unit_price_satang=100))
    db.session.commit()
    db.session.expire_all()

    line = db.session.scalars(select(OrderLine)).one()
    assert (line.unit_price_satang, line.quantity, line.price_source) == (
        4_500,
        120,
        "price_break:120",
    )
    assert (order.partner_shop_id, order.po_number) == (partners.a.id, "PO-2026-118")
