"""The buyer pays what the checkout page showed, or is shown the new amounts first.

The page carries what it showed (signed); placing the order recomputes every amount from the
database and compares. When a price, a shipping rate, a quantity or the lines changed in
between, nothing is ordered, taken or charged: the checkout comes back, filled in, with each
difference (shown → now) and the new amounts, and placing it again orders at those. The shown
figures are only ever compared, never charged.
"""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import delete, select

from shop.cart.models import CartLine
from shop.extensions import db
from shop.orders.models import Order, OrderStatus
from shop.payments.models import Payment
from shop.pricing.models import ShippingRate
from tests.cart.builders import text_of, totals
from tests.orders.buying import (
    ADDRESS,
    add_to_cart,
    assert_stock_matches_ledger,
    count,
    order_of,
    read_checkout,
    stock_of,
)

ROW = re.compile(
    r'<tr class="change-(\w+)">\s*<th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>',
    re.S,
)
CHANGED = (
    "The amounts changed since the checkout page was shown. Nothing was ordered or charged: "
    "please check the new amounts and place the order again."
)


@pytest.fixture
def full_cart(client, coffee_shop):
    """Two bags of La-un's robusta (฿180, EMS ฿50) and Kapoe's cashews (฿250, EMS ฿40): ฿700."""
    add_to_cart(client, coffee_shop.robusta, 2)
    add_to_cart(client, coffee_shop.cashews, 1)
    return coffee_shop


def changes(response) -> list[tuple[str, str, str]]:
    """(what, shown, now) of each row of the "amounts changed" table, as the buyer reads it."""
    return [
        (html.unescape(label).strip(), html.unescape(old).strip(), html.unescape(new).strip())
        for _kind, label, old, new in ROW.findall(response.get_data(as_text=True))
    ]


def _stock(shop) -> dict[int, int]:
    return {shop.robusta.id: stock_of(shop.robusta.id), shop.cashews.id: stock_of(shop.cashews.id)}


def _robusta_costs(shop, satang):
    shop.robusta.price_satang = satang


def _la_un_post_costs(shop, satang):
    db.session.execute(
        ShippingRate.__table__.update()
        .where(ShippingRate.method_id == shop.la_un_post.id, ShippingRate.max_weight_grams == 5_000)
        .values(price_satang=satang)
    )


def _three_bags_in_another_tab(shop):
    line = db.session.scalars(select(CartLine).where(CartLine.variant_id == shop.robusta.id)).one()
    line.quantity = 3


def _cashews_removed_in_another_tab(shop):
    db.session.execute(delete(CartLine).where(CartLine.variant_id == shop.cashews.id))


CHANGES = {
    "price-up": (
        lambda shop: _robusta_costs(shop, 20_000),
        [
            ("Medium Roast Robusta · 250 g bag (price each)", "฿180", "฿200"),
            ("Total", "฿700", "฿740"),
        ],
        74_000,
    ),
    "price-down": (
        lambda shop: _robusta_costs(shop, 15_000),
        [
            ("Medium Roast Robusta · 250 g bag (price each)", "฿180", "฿150"),
            ("Total", "฿700", "฿640"),
        ],
        64_000,
    ),
    "shipping-rate": (
        lambda shop: _la_un_post_costs(shop, 6_000),
        [("Shipping from La-un Growers", "฿50", "฿60"), ("Total", "฿700", "฿710")],
        71_000,
    ),
    "quantity-in-another-tab": (
        _three_bags_in_another_tab,
        [("Medium Roast Robusta · 250 g bag (quantity)", "2", "3"), ("Total", "฿700", "฿880")],
        88_000,
    ),
    "line-removed-in-another-tab": (
        _cashews_removed_in_another_tab,
        [
            ("Roasted Cashews · 500 g pouch", "฿250", "no longer in your cart"),
            ("Shipping from Kapoe Cashew Group", "฿40", "—"),
            ("Total", "฿700", "฿410"),
        ],
        41_000,
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_an_amount_that_changed_after_the_page_was_shown_orders_nothing_and_shows_the_change(
    client, session, full_cart, mailbox, change
):
    make_change, expected_rows, new_total = CHANGES[change]
    page, shown = read_checkout(client, **ADDRESS)
    assert totals(text_of(page))["Total"] == "฿700"
    stock_before = _stock(full_cart)
    make_change(full_cart)
    session.commit()

    response = client.post("/checkout?lang=en", data={**ADDRESS, "shown": shown})

    assert response.status_code == 409
    text = text_of(response)
    assert CHANGED in text
    assert changes(response) == expected_rows
    assert 'value="Malee Srisuk"' in text  # the form comes back as it was filled in
    assert count(Order) == count(Payment) == 0
    assert _stock(full_cart) == stock_before
    assert_stock_matches_ledger(full_cart.robusta.id, full_cart.cashews.id)
    assert mailbox == []

    # The page now shows the new amounts; placing it again orders at them.
    again = re.search(r'name="shown" value="([^"]*)"', response.get_data(as_text=True))
    order = order_of(
        client.post("/checkout?lang=en", data={**ADDRESS, "shown": html.unescape(again[1])})
    )
    assert order.total_satang == new_total
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert db.session.scalars(select(Payment.amount_satang)).one() == new_total


def test_a_line_added_in_another_tab_is_shown_before_it_is_ordered(client, session, coffee_shop):
    add_to_cart(client, coffee_shop.robusta, 2)
    _page, shown = read_checkout(client, **ADDRESS)
    other_tab = client  # the same buyer's cart, from another tab
    add_to_cart(other_tab, coffee_shop.cashews, 1)

    response = client.post("/checkout?lang=en", data={**ADDRESS, "shown": shown})

    assert response.status_code == 409
    assert changes(response) == [
        ("Roasted Cashews · 500 g pouch", "not in your cart", "฿250"),
        ("Shipping from Kapoe Cashew Group", "—", "฿40"),
        ("Total", "฿410", "฿700"),
    ]
    assert count(Order) == 0


@pytest.mark.parametrize(
    "shown",
    [
        None,  # a form posted without it
        "",
        "not-a-signed-value",
        "eyJsIjpbWzEsMSwxXV0sInMiOltdLCJjIjpbXX0.forged-signature",
    ],
)
def test_a_form_without_readable_shown_amounts_orders_nothing_and_shows_the_amounts(
    client, full_cart, mailbox, shown
):
    stock_before = _stock(full_cart)
    data = {**ADDRESS} if shown is None else {**ADDRESS, "shown": shown}

    response = client.post("/checkout?lang=en", data=data)

    assert response.status_code == 409
    text = text_of(response)
    assert CHANGED in text
    assert totals(text)["Total"] == "฿700"  # what placing it again will cost
    assert count(Order) == count(Payment) == 0
    assert _stock(full_cart) == stock_before
    assert mailbox == []


def test_an_old_page_with_a_lower_price_never_makes_the_order_cheaper(client, session, full_cart):
    full_cart.robusta.price_satang = 15_000
    session.commit()
    _page, cheap_page = read_checkout(client, **ADDRESS)  # ฿640 then
    full_cart.robusta.price_satang = 18_000
    session.commit()

    refused = client.post("/checkout?lang=en", data={**ADDRESS, "shown": cheap_page})

    assert refused.status_code == 409
    assert ("Total", "฿640", "฿700") in changes(refused)
    assert count(Order) == 0
    _page, today = read_checkout(client, **ADDRESS)
    order = order_of(client.post("/checkout?lang=en", data={**ADDRESS, "shown": today}))
    assert order.total_satang == 70_000
    assert sorted(line.unit_price_satang for line in order.lines) == [18_000, 25_000]


def test_a_shipping_method_picked_from_the_list_is_ordered_at_the_listed_price(client, full_cart):
    # The page listed Kerry Express at ฿90; the buyer picks it and orders without "Update totals".
    page, shown = read_checkout(client, **ADDRESS)
    assert "Kerry Express" in text_of(page)

    response = client.post(
        "/checkout?lang=en",
        data={
            **ADDRESS,
            "shown": shown,
            f"shipping-{full_cart.la_un.id}": full_cart.la_un_express.id,
        },
    )

    order = order_of(response)
    la_un = next(so for so in order.seller_orders if so.cooperative_id == full_cart.la_un.id)
    assert (la_un.shipping_method_id, la_un.shipping_satang) == (full_cart.la_un_express.id, 9_000)
    assert order.total_satang == 74_000


def test_the_shown_amounts_of_another_cart_confirm_nothing(app, client, session, coffee_shop):
    someone_else = app.test_client()
    add_to_cart(someone_else, coffee_shop.cashews, 1)
    _page, their_page = read_checkout(someone_else, **ADDRESS)
    add_to_cart(client, coffee_shop.robusta, 2)

    response = client.post("/checkout?lang=en", data={**ADDRESS, "shown": their_page})

    assert response.status_code == 409
    assert ("Total", "฿290", "฿410") in changes(response)
    assert count(Order) == 0
