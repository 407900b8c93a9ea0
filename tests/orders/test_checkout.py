"""Checkout: a guest or a customer turns a cart from two cooperatives into one order.

Every amount comes from the database; the form only chooses an address, shipping methods and
how to pay. Bad input re-renders the form and writes nothing.
"""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from shop.accounts.models import Address
from shop.cart.models import CartLine
from shop.extensions import db
from shop.orders.models import Order, OrderLine, OrderStatus, PaymentMethod, SellerOrder
from shop.payments.models import Payment, PaymentStatus
from tests.cart.builders import flashes, header_count, log_in, section, text_of, totals
from tests.orders.buying import (
    ADDRESS,
    add_to_cart,
    assert_stock_matches_ledger,
    buy,
    checkout,
    count,
    ledger,
    order_of,
    stock_of,
)

ORDER_NUMBER = re.compile(r"RN-\d{4}-\d{4}")


@pytest.fixture
def full_cart(client, coffee_shop):
    """Two bags of robusta from La-un and a pouch of cashews from Kapoe in a guest's cart."""
    add_to_cart(client, coffee_shop.robusta, 2)
    add_to_cart(client, coffee_shop.cashews, 1)
    return coffee_shop


def seller_orders(order: Order) -> dict[str, SellerOrder]:
    return {so.cooperative.name_en: so for so in order.seller_orders}


def test_a_guest_buys_from_two_cooperatives_by_bank_transfer(client, full_cart, mailbox):
    shop = full_cart
    form = client.get("/checkout?lang=en")
    assert form.status_code == 200
    assert "Shipping from La-un Growers" in text_of(form)
    assert "Shipping from Kapoe Cashew Group" in text_of(form)

    order = order_of(checkout(client))

    assert ORDER_NUMBER.fullmatch(order.number)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.payment_method == PaymentMethod.TRANSFER
    assert order.email == "malee@example.org"
    assert order.user_id is None
    assert (order.ship_name, order.ship_phone, order.ship_province, order.ship_postcode) == (
        "Malee Srisuk",
        "0812345678",
        "TH-85",
        "85000",
    )
    assert (order.goods_satang, order.shipping_satang, order.total_satang) == (
        61_000,
        9_000,
        70_000,
    )
    assert count(Order) == 1
    la_un, kapoe = seller_orders(order)["La-un Growers"], seller_orders(order)["Kapoe Cashew Group"]
    assert (la_un.goods_satang, la_un.shipping_satang, la_un.weight_grams) == (36_000, 5_000, 560)
    assert la_un.shipping_method_name == "Thailand Post EMS"
    assert (kapoe.goods_satang, kapoe.shipping_satang, kapoe.weight_grams) == (25_000, 4_000, 520)
    assert [
        (ln.product_name, ln.variant_name, ln.sku, ln.unit_price_satang, ln.quantity)
        for ln in la_un.lines
    ] == [("Medium Roast Robusta", "250 g bag", "ROB-250", 18_000, 2)]
    assert [(ln.sku, ln.unit_price_satang, ln.quantity) for ln in kapoe.lines] == [
        ("CASH-500", 25_000, 1)
    ]
    payment = db.session.scalars(select(Payment)).one()
    assert (payment.status, payment.amount_satang) == (PaymentStatus.PENDING, 70_000)

    # The stock is taken at once and written in the ledger under the order number.
    assert stock_of(shop.robusta.id) == 18
    assert stock_of(shop.cashews.id) == 14
    assert sorted(ledger("sale")) == sorted(
        [(shop.robusta.id, -2, "sale", order.number), (shop.cashews.id, -1, "sale", order.number)]
    )
    assert_stock_matches_ledger(shop.robusta.id, shop.cashews.id)

    # The cart is empty now.
    assert count(CartLine) == 0
    assert header_count(client.get("/cart?lang=en")) == 0

    # One confirmation mail, with the link to the order page.
    assert len(mailbox) == 1
    mail = mailbox[0]
    assert mail.to == ["malee@example.org"]
    assert mail.subject == f"Your order {order.number}"
    assert "Medium Roast Robusta" in mail.body
    assert "Roasted Cashews" in mail.body
    assert "฿700" in mail.body
    assert f"/orders/{order.token}" in mail.body


def test_the_order_page_shows_the_order_and_how_to_pay(client, full_cart):
    response = checkout(client)
    order = order_of(response)

    page = client.get(response.headers["Location"] + "?lang=en")

    assert page.status_code == 200
    html = text_of(page)
    assert f"Order {order.number}" in html
    assert "Waiting for payment" in html
    assert "Pay ฿700" in html
    assert "SKU ROB-250" in html
    assert "Thailand Post EMS" in html
    assert totals(section(html, "cart-summary")) == {
        "Goods": "฿610",
        "Shipping": "฿90",
        "Total": "฿700",
        "of which VAT 7%": "฿45.79",
    }
    assert "Cancel this order" in html


@pytest.mark.parametrize(
    "guess",
    [
        lambda order: "unknown-token",
        lambda order: order.number,
        lambda order: str(order.id),
        lambda order: order.token[:-1],
        lambda order: order.token + "x",
    ],
    ids=["unknown", "order-number", "order-id", "token-cut-short", "token-extended"],
)
def test_an_order_page_is_only_reachable_with_its_token(client, full_cart, guess):
    order = order_of(checkout(client))

    assert client.get(f"/orders/{order.token}?lang=en").status_code == 200
    wrong = client.get(f"/orders/{guess(order)}?lang=en")
    assert wrong.status_code == 404
    html = text_of(wrong)
    assert "Malee Srisuk" not in html
    assert "Phetkasem Road" not in html


def test_another_token_shows_another_order_never_this_one(app, client, full_cart):
    mine = order_of(checkout(client))
    stranger = app.test_client()
    theirs = buy(stranger, (full_cart.cashews, 1), email="somchai@example.org")

    html = text_of(stranger.get(f"/orders/{theirs.token}?lang=en"))

    assert theirs.number in html
    assert mine.number not in html
    assert "malee@example.org" not in html


def test_the_order_keeps_what_the_buyer_saw_when_the_catalogue_changes(client, session, full_cart):
    order = order_of(checkout(client))
    full_cart.robusta.product.name_en = "Robusta (new label)"
    full_cart.robusta.sku = "ROB-250-NEW"
    full_cart.robusta.price_satang = 99_000
    session.commit()

    html = text_of(client.get(f"/orders/{order.token}?lang=en"))

    assert "Medium Roast Robusta" in html
    assert "SKU ROB-250" in html
    assert "ROB-250-NEW" not in html
    assert "฿180" in html
    assert "฿990" not in html


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_the_confirmation_mail_is_in_the_buyers_language(client, full_cart, mailbox, lang):
    order = order_of(checkout(client, lang=lang))

    assert order.locale == lang
    mail = mailbox[0]
    with force_locale(lang):
        assert mail.subject == gettext("Your order %(number)s", number=order.number)
    product = full_cart.robusta.product
    assert getattr(product, f"name_{lang}") in mail.body
    for other in {"th", "en", "my"} - {lang}:
        assert getattr(product, f"name_{other}") not in mail.body
    assert [ln.product_name for ln in order.lines][0] == getattr(product, f"name_{lang}")


def test_a_guest_finds_the_order_by_number_and_email(app, client, full_cart):
    order = order_of(checkout(client))
    another_browser = app.test_client()

    found = another_browser.post(
        "/orders/find?lang=en",
        data={"number": f"  {order.number.lower()} ", "email": " MALEE@example.org"},
    )

    assert found.status_code == 302
    assert found.headers["Location"] == f"/orders/{order.token}"


@pytest.mark.parametrize(
    ("number", "email"),
    [
        (None, "somchai@example.org"),  # the right number with another email
        ("RN-0000-0000", "malee@example.org"),
    ],
)
def test_a_wrong_email_or_number_finds_nothing(app, client, full_cart, number, email):
    order = order_of(checkout(client))

    response = app.test_client().post(
        "/orders/find?lang=en", data={"number": number or order.number, "email": email}
    )

    assert response.status_code == 200
    html = text_of(response)
    assert "No order has this number and email address." in html
    assert order.token not in html


def test_the_find_form_asks_for_both_fields(client, full_cart):
    html = text_of(client.post("/orders/find?lang=en", data={"number": "", "email": ""}))

    assert "Please enter the order number." in html
    assert "Please enter your email address." in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": None}, "Please enter your email address."),
        ({"email": ""}, "Please enter your email address."),
        ({"email": "malee@"}, "Please enter a valid email address."),
        ({"email": "malee example.org"}, "Please enter a valid email address."),
        ({"name": ""}, "Please enter the recipient's name."),
        ({"name": None}, "Please enter the recipient's name."),
        ({"phone": "12345"}, "Please enter a Thai phone number"),
        ({"phone": "+1 212 555 0100"}, "Please enter a Thai phone number"),
        ({"phone": ""}, "Please enter a phone number."),
        ({"line1": ""}, "Please enter the house number and street."),
        ({"subdistrict": ""}, "Please enter the subdistrict."),
        ({"district": None}, "Please enter the district."),
        ({"province": ""}, "Please choose the province."),
        ({"province": "TH-99"}, "Please choose the province."),
        ({"postcode": "10200"}, "This postcode is not in Ranong."),
        ({"postcode": "8500"}, "A postcode has exactly 5 digits."),
        ({"postcode": "abcde"}, "A postcode has exactly 5 digits."),
        ({"postcode": ""}, "Please enter the postcode."),
        ({"name": "x" * 201}, "Please use at most 200 characters."),
    ],
)
def test_bad_checkout_input_rerenders_the_form_and_writes_nothing(
    client, full_cart, mailbox, fields, message
):
    response = checkout(client, **fields)

    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Checkout</h1>" in html
    assert message in html
    if "line1" not in fields:
        assert 'value="99/1 Moo 3, Phetkasem Road"' in html  # what was typed stays
    assert count(Order) == count(SellerOrder) == count(OrderLine) == count(Payment) == 0
    assert ledger("sale") == []
    assert stock_of(full_cart.robusta.id) == 20
    assert stock_of(full_cart.cashews.id) == 15
    assert count(CartLine) == 2
    assert mailbox == []


def test_a_bad_payment_method_is_refused(client, full_cart, mailbox):
    for method in ("", "stripe", "cash"):
        response = checkout(client, payment_method=method)
        assert response.status_code == 200, method
        assert "<h1>Checkout</h1>" in text_of(response)
    assert count(Order) == 0
    assert mailbox == []


def test_several_problems_are_all_shown_at_once(client, full_cart):
    html = text_of(checkout(client, email="", phone="1", postcode="10200"))

    for message in (
        "Please enter your email address.",
        "Please enter a Thai phone number",
        "This postcode is not in Ranong.",
    ):
        assert message in html
    assert count(Order) == 0


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(client, coffee_shop):
    response = checkout(client)

    assert response.headers["Location"] == "/cart"
    assert flashes(client.get("/cart?lang=en")) == [("error", "Your cart is empty.")]
    assert count(Order) == 0


def test_a_cart_that_needs_attention_cannot_be_ordered(client, session, full_cart, mailbox):
    full_cart.cashews.is_active = False
    session.commit()

    response = checkout(client)

    assert response.headers["Location"] == "/cart"
    assert flashes(client.get("/cart?lang=en")) == [
        ("error", "Some items in your cart need your attention before you can order.")
    ]
    assert count(Order) == count(Payment) == 0
    assert ledger("sale") == []
    assert count(CartLine) == 2
    assert mailbox == []


def test_goods_sold_to_someone_else_meanwhile_stop_the_order(app, client, full_cart):
    other = app.test_client()
    buy(other, (full_cart.cashews, 15), email="somchai@example.org")  # the last 15 pouches

    response = checkout(client)

    assert response.headers["Location"] == "/cart"
    cart = text_of(client.get("/cart?lang=en"))
    assert "Some items in your cart need your attention before you can order." in cart
    assert "Sold out. Please remove it." in cart
    assert count(Order) == 1
    assert stock_of(full_cart.cashews.id) == 0
    assert stock_of(full_cart.robusta.id) == 20
    assert_stock_matches_ledger(full_cart.cashews.id, full_cart.robusta.id)


# --- shipping ---------------------------------------------------------------------------------


def test_a_shipping_method_chosen_per_cooperative_changes_the_totals(client, full_cart):
    shop = full_cart
    choice = {f"shipping-{shop.la_un.id}": shop.la_un_express.id}
    preview = client.post("/checkout?lang=en&update=1", data={**ADDRESS, **choice})
    assert preview.status_code == 200
    assert "฿740" in text_of(preview)
    assert count(Order) == 0

    order = order_of(checkout(client, **choice))

    la_un = seller_orders(order)["La-un Growers"]
    assert (la_un.shipping_method_id, la_un.shipping_method_name) == (
        shop.la_un_express.id,
        "Kerry Express",
    )
    assert la_un.shipping_satang == 9_000
    assert seller_orders(order)["Kapoe Cashew Group"].shipping_satang == 4_000
    assert (order.shipping_satang, order.total_satang) == (13_000, 74_000)


def test_shipping_is_free_above_the_threshold(client, coffee_shop):
    order = buy(client, (coffee_shop.robusta, 9))  # ฿1,620: EMS is free from ฿1,500

    la_un = seller_orders(order)["La-un Growers"]
    assert (la_un.shipping_method_name, la_un.shipping_satang) == ("Thailand Post EMS", 0)
    assert (order.goods_satang, order.shipping_satang, order.total_satang) == (162_000, 0, 162_000)


def test_express_stays_paid_above_the_free_post_threshold(client, coffee_shop):
    shop = coffee_shop
    order = buy(client, (shop.robusta, 9), **{f"shipping-{shop.la_un.id}": shop.la_un_express.id})

    assert order.shipping_satang == 9_000
    assert order.total_satang == 171_000


def test_a_heavier_parcel_costs_more(client, session, coffee_shop):
    coffee_shop.la_un_post.free_over_satang = None  # no free shipping in this story
    coffee_shop.robusta.weight_grams = 2_000  # the 1 kg bag, packed
    session.commit()

    light = buy(client, (coffee_shop.robusta, 2))  # 4 kg: up to 5 kg costs ฿50
    heavy = buy(client, (coffee_shop.robusta, 3))  # 6 kg: up to 20 kg costs ฿80

    assert (light.shipping_satang, light.total_satang) == (5_000, 41_000)
    assert (heavy.shipping_satang, heavy.total_satang) == (8_000, 62_000)
    assert seller_orders(heavy)["La-un Growers"].weight_grams == 6_000


@pytest.mark.parametrize("tamper", ["foreign", "unknown", "garbage", "text", "empty"])
def test_a_shipping_method_not_on_offer_is_refused_never_replaced(client, full_cart, tamper):
    """Another cooperative's method, an unknown id or no number: the buyer is sent back to
    choose (a method switched off mid-checkout is the honest case of it); nothing is placed and
    no cheaper method of another cooperative is ever charged instead."""
    shop = full_cart
    fields = {
        "foreign": {
            f"shipping-{shop.la_un.id}": shop.suksamran_pickup.id,  # free pick-up elsewhere
            f"shipping-{shop.kapoe.id}": shop.la_un_express.id,
            f"shipping-{shop.suksamran.id}": shop.suksamran_pickup.id,
        },
        "unknown": {f"shipping-{shop.la_un.id}": "999999", f"shipping-{shop.kapoe.id}": "0"},
        "garbage": {f"shipping-{shop.la_un.id}": "-1", "shipping-x": "1", "shipping-": "2"},
        "text": {f"shipping-{shop.la_un.id}": "abc"},
        "empty": {f"shipping-{shop.la_un.id}": ""},
    }[tamper]

    response = checkout(client, **fields)

    assert not response.headers.get("Location", "").startswith("/orders/")
    assert db.session.scalar(select(func.count()).select_from(Order)) == 0
    assert "please choose again" in " ".join(m for _c, m in flashes(client.get("/cart?lang=en")))


def test_tampered_amounts_in_the_checkout_form_are_ignored(client, full_cart, mailbox):
    amounts = ("price", "unit_price", "unit_price_satang", "price_satang", "total")
    amounts += ("total_satang", "goods_satang", "amount", "vat")
    tampered = dict.fromkeys(amounts, "1") | {
        "shipping": "0",
        "shipping_satang": "0",
        "quantity": "100",
        "status": "paid",
    }

    order = order_of(checkout(client, **tampered))

    assert (order.goods_satang, order.shipping_satang, order.total_satang) == (
        61_000,
        9_000,
        70_000,
    )
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert sorted((ln.sku, ln.unit_price_satang, ln.quantity) for ln in order.lines) == [
        ("CASH-500", 25_000, 1),
        ("ROB-250", 18_000, 2),
    ]
    assert db.session.scalars(select(Payment.amount_satang)).one() == 70_000
    assert "฿700" in mailbox[0].body


def test_a_price_change_after_adding_is_charged_at_todays_price(client, session, full_cart):
    full_cart.robusta.price_satang = 20_000
    session.commit()

    order = order_of(checkout(client))

    assert order.goods_satang == 2 * 20_000 + 25_000
    assert [ln.unit_price_satang for ln in order.lines if ln.sku == "ROB-250"] == [20_000]


# --- registered customers ---------------------------------------------------------------------


def test_a_customer_orders_and_finds_the_order_in_the_account(client, coffee_shop, customer):
    log_in(client, "malee@example.org")
    add_to_cart(client, coffee_shop.cashews, 2)
    form = text_of(client.get("/checkout?lang=en"))
    assert 'value="malee@example.org"' in form

    order = order_of(checkout(client, save_address="y"))

    assert order.user_id == customer.id
    account = client.get("/account?lang=en")
    html = text_of(account)
    assert order.number in html
    assert f'href="/orders/{order.token}"' in html
    assert "฿540" in html
    saved = db.session.scalars(select(Address)).one()
    assert (saved.user_id, saved.postcode, saved.province) == (customer.id, "85000", "TH-85")


def test_a_guests_order_does_not_appear_in_someone_elses_account(
    app, client, coffee_shop, customer
):
    guest_order = buy(client, (coffee_shop.cashews, 1), email="malee@example.org")
    member = app.test_client()
    log_in(member, "malee@example.org")

    assert guest_order.number not in text_of(member.get("/account?lang=en"))
