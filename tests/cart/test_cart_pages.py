"""A buyer fills a cart from product pages, changes and removes lines, and reads the totals."""

from __future__ import annotations

import base64
import json
import re

from sqlalchemy import func, select

from shop.cart.models import Cart, CartLine
from shop.catalog.models import CooperativeStatus, ProductStatus
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from tests.cart.builders import flashes, header_count, log_in, stocked_pack, text_of, totals
from tests.factories import ProductFactory


def add(client, variant_id, quantity=1, next_page="/cart", **extra):
    """Post the buy form, then land on the page it leads to (reading its message)."""
    data = {"variant_id": variant_id, "quantity": quantity, "next": next_page, **extra}
    response = client.post("/cart/add?lang=en", data=data)
    client.get(response.headers["Location"])
    return response


def lines_in_db() -> dict[str, int]:
    """SKU → quantity of every cart line in the database."""
    db.session.expire_all()
    return {line.variant.sku: line.quantity for line in db.session.scalars(select(CartLine))}


def product_form(html: str) -> dict[str, str]:
    """The fields the product page's buy form would post (the checked pack, quantity 1)."""
    form = re.search(r'<form class="buy-form".*?</form>', html, re.S).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    fields["variant_id"] = re.search(r'name="variant_id" id="[^"]+" value="(\d+)" checked', form)[1]
    fields["quantity"] = re.search(r'name="quantity"[^>]*value="(\d+)"', form)[1]
    assert re.search(r'action="/cart/add"', form)
    return fields


def cart_sections(html: str) -> list[str]:
    return re.findall(r'<section class="card cart-group".*?</section>', html, re.S)


def cart_lines(html: str) -> list[str]:
    return re.findall(r'<li class="cart-line.*?</li>', html, re.S)


def test_a_guest_adds_two_bags_from_the_product_page(client, coffee_shop):
    page = client.get("/products/robusta?lang=en")
    fields = product_form(page.get_data(as_text=True))
    assert fields["variant_id"] == str(coffee_shop.robusta.id)
    assert fields["next"] == "/products/robusta"

    response = client.post("/cart/add?lang=en", data={**fields, "quantity": "2"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/products/robusta"
    back = client.get("/products/robusta?lang=en")
    assert flashes(back) == [("success", "Added to your cart: Medium Roast Robusta × 2")]
    assert header_count(back) == 2
    assert lines_in_db() == {"ROB-250": 2}
    cart = db.session.scalars(select(Cart)).one()
    assert cart.user_id is None
    with client.session_transaction() as cookie:
        assert cookie["cart_token"] == cart.token


def test_adding_the_same_pack_again_adds_up_and_only_local_pages_are_followed(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 2)
    response = add(client, coffee_shop.robusta.id, 3, next_page="//evil.example/")

    assert response.headers["Location"] == "/cart"
    assert lines_in_db() == {"ROB-250": 5}
    assert header_count(client.get("/cart?lang=en")) == 5


def test_a_posted_price_is_ignored(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 1, price="1", price_satang="100", unit_price="1")

    line = db.session.scalars(select(CartLine)).one()
    assert line.price_seen_satang == 18_000
    assert "฿180" in text_of(client.get("/cart?lang=en"))


def test_the_header_shows_no_items_before_anything_is_added(client, coffee_shop):
    assert header_count(client.get("/cart?lang=en")) == 0
    assert "Your cart is empty." in text_of(client.get("/cart?lang=en"))


def test_the_cart_groups_lines_by_cooperative_with_shipping_and_vat(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 2)
    add(client, coffee_shop.cashews.id, 1)

    html = client.get("/cart?lang=en").get_data(as_text=True)

    la_un, kapoe = cart_sections(html)
    assert "From La-un Growers" in la_un
    assert "Medium Roast Robusta" in la_un
    assert "Roasted Cashews" not in la_un
    assert totals(la_un) == {"Goods": "฿360", "Shipping": "from ฿50"}
    assert "From Kapoe Cashew Group" in kapoe
    assert totals(kapoe) == {"Goods": "฿250", "Shipping": "from ฿40"}
    summary = totals(re.search(r'<section class="card cart-summary".*?</section>', html, re.S)[0])
    # VAT is 7/107 of the total: 70,000 satang × 7 / 107 = 4,579.4 → 4,579 satang.
    assert summary == {
        "Goods": "฿610",
        "Shipping": "฿90",
        "Total": "฿700",
        "of which VAT 7%": "฿45.79",
    }
    assert 'href="/checkout"' in html


def test_the_vat_part_is_rounded_to_the_nearest_satang(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 1)

    summary = totals(client.get("/cart?lang=en").get_data(as_text=True))

    # 23,000 satang × 7 / 107 = 1,504.67 → 1,505 satang.
    assert summary["Total"] == "฿230"
    assert summary["of which VAT 7%"] == "฿15.05"


def test_shipping_is_free_above_the_cooperatives_threshold(client, coffee_shop):
    add(client, coffee_shop.cashews.id, 4)  # ฿1,000: Kapoe ships free from ฿1,000

    html = client.get("/cart?lang=en").get_data(as_text=True)

    assert totals(cart_sections(html)[0]) == {"Goods": "฿1,000", "Shipping": "Free"}


def test_the_buyer_changes_a_quantity(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 1)
    line_id = db.session.scalar(select(CartLine.id))

    response = client.post(f"/cart/lines/{line_id}?lang=en", data={"quantity": "4"})

    assert response.headers["Location"] == "/cart"
    page = client.get("/cart?lang=en")
    assert flashes(page) == [("success", "Your cart was updated.")]
    assert header_count(page) == 4
    assert lines_in_db() == {"ROB-250": 4}


def test_a_quantity_beyond_the_stock_is_refused(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 1)
    line_id = db.session.scalar(select(CartLine.id))

    client.post(f"/cart/lines/{line_id}?lang=en", data={"quantity": "21"})

    assert flashes(client.get("/cart?lang=en")) == [
        ("error", "Only 20 of this pack are available.")
    ]
    assert lines_in_db() == {"ROB-250": 1}


def test_bad_quantities_in_the_cart_are_refused_with_a_message(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 2)
    line_id = db.session.scalar(select(CartLine.id))

    for bad in ("-1", "1000", "abc", "", "1.5", "9" * 30):
        client.post(f"/cart/lines/{line_id}?lang=en", data={"quantity": bad})
        assert flashes(client.get("/cart?lang=en")) == [
            ("error", "Please enter a whole number from 1 to 999.")
        ], bad
        assert lines_in_db() == {"ROB-250": 2}, bad


def test_a_quantity_of_0_removes_the_line(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 2)
    add(client, coffee_shop.cashews.id, 1)
    line_id = db.session.scalar(
        select(CartLine.id).where(CartLine.variant_id == coffee_shop.robusta.id)
    )

    client.post(f"/cart/lines/{line_id}?lang=en", data={"quantity": "0"})

    assert flashes(client.get("/cart?lang=en")) == [
        ("success", "The item was removed from your cart.")
    ]
    assert lines_in_db() == {"CASH-500": 1}


def test_the_buyer_removes_a_line(client, coffee_shop):
    add(client, coffee_shop.robusta.id, 2)
    add(client, coffee_shop.cashews.id, 1)
    line_id = db.session.scalar(
        select(CartLine.id).where(CartLine.variant_id == coffee_shop.robusta.id)
    )

    response = client.post(f"/cart/lines/{line_id}/remove?lang=en")

    assert response.headers["Location"] == "/cart"
    page = client.get("/cart?lang=en")
    assert flashes(page) == [("success", "The item was removed from your cart.")]
    assert header_count(page) == 1
    assert "Medium Roast Robusta" not in text_of(page)
    assert lines_in_db() == {"CASH-500": 1}


def test_nobody_can_change_or_remove_a_line_of_another_cart(app, client, coffee_shop):
    add(client, coffee_shop.robusta.id, 2)
    line_id = db.session.scalar(select(CartLine.id))
    stranger = app.test_client()

    stranger.post(f"/cart/lines/{line_id}?lang=en", data={"quantity": "9"})
    stranger.post(f"/cart/lines/{line_id}/remove?lang=en")
    assert flashes(stranger.get("/cart?lang=en")) == [("error", "Your cart is empty.")]

    add(stranger, coffee_shop.cashews.id, 1)  # now the stranger has a cart of their own
    stranger.post(f"/cart/lines/{line_id}?lang=en", data={"quantity": "9"})
    assert flashes(stranger.get("/cart?lang=en")) == [
        ("error", "This item is no longer in your cart.")
    ]
    stranger.post(f"/cart/lines/{line_id}/remove?lang=en")
    assert flashes(stranger.get("/cart?lang=en")) == [
        ("error", "This item is no longer in your cart.")
    ]

    assert lines_in_db() == {"ROB-250": 2, "CASH-500": 1}
    assert header_count(client.get("/cart?lang=en")) == 2


def test_a_guest_cart_belongs_to_the_browser_whose_signed_cookie_names_it(app, client, coffee_shop):
    add(client, coffee_shop.robusta.id, 3)
    token = db.session.scalar(select(Cart.token))

    other_browser = app.test_client()
    assert header_count(other_browser.get("/cart?lang=en")) == 0

    forged = base64.urlsafe_b64encode(json.dumps({"cart_token": token}).encode()).decode()
    other_browser.set_cookie("session", forged.rstrip("=") + ".forged.signature")
    page = other_browser.get("/cart?lang=en")
    assert header_count(page) == 0
    assert "Medium Roast Robusta" not in text_of(page)


def test_a_logged_in_customer_has_one_cart_on_every_device(app, client, coffee_shop, customer):
    log_in(client, "malee@example.org")
    add(client, coffee_shop.robusta.id, 2)

    cart = db.session.scalars(select(Cart)).one()
    assert cart.user_id == customer.id

    phone = app.test_client()
    log_in(phone, "malee@example.org")
    add(phone, coffee_shop.cashews.id, 1)

    assert header_count(client.get("/cart?lang=en")) == 3
    assert db.session.scalar(select(func.count()).select_from(Cart)) == 1
    assert lines_in_db() == {"ROB-250": 2, "CASH-500": 1}
    client.post("/account/logout")
    assert header_count(client.get("/cart?lang=en")) == 0


def test_lines_that_changed_since_they_were_added_are_flagged(client, session, coffee_shop):
    la_un = coffee_shop.la_un
    dark = stocked_pack(
        10,
        product=ProductFactory(cooperative=la_un, name_en="Dark Roast Robusta", variants=0),
        price_satang=20_000,
    )
    beans = stocked_pack(
        5, product=ProductFactory(cooperative=la_un, name_en="Green Beans", variants=0)
    )
    draft = stocked_pack(
        5, product=ProductFactory(cooperative=la_un, name_en="Honey Process", variants=0)
    )
    session.commit()
    for variant, quantity in (
        (coffee_shop.robusta, 2),
        (coffee_shop.cashews, 1),
        (dark, 1),
        (beans, 3),
        (draft, 1),
    ):
        add(client, variant.id, quantity)

    change_stock(coffee_shop.robusta.id, -20, StockReason.ADJUSTMENT, note="damaged by water")
    coffee_shop.cashews.is_active = False
    dark.price_satang = 22_000
    change_stock(beans.id, -4, StockReason.ADJUSTMENT, note="recount")
    draft.product.status = ProductStatus.DRAFT
    session.commit()

    html = text_of(client.get("/cart?lang=en"))

    assert "Some items need your attention" in html
    assert 'href="/checkout"' not in html
    flagged = {
        "Medium Roast Robusta": "Sold out. Please remove it.",
        "Roasted Cashews": "No longer sold. Please remove it.",
        "Dark Roast Robusta": "The price changed from ฿200 to ฿220.",
        "Green Beans": "Only 1 left: please lower the quantity.",
        "Honey Process": "No longer sold. Please remove it.",
    }
    lines = cart_lines(html)
    assert len(lines) == 5
    for line in lines:
        name = next(n for n in flagged if n in line)
        assert flagged[name] in line, name
    assert 'class="cart-line cart-line-problem"' not in next(
        ln for ln in lines if "Dark Roast Robusta" in ln
    )
    # Only the line that can still be bought counts, at today's price.
    assert totals(html)["Goods"] == "฿220"


def test_a_suspended_cooperatives_goods_are_flagged(client, session, coffee_shop):
    add(client, coffee_shop.cashews.id, 1)
    coffee_shop.kapoe.status = CooperativeStatus.SUSPENDED
    session.commit()

    html = text_of(client.get("/cart?lang=en"))

    assert "No longer sold. Please remove it." in html
    assert 'href="/checkout"' not in html


def test_changing_the_quantity_confirms_the_new_price(client, session, coffee_shop):
    add(client, coffee_shop.robusta.id, 1)
    coffee_shop.robusta.price_satang = 19_000
    session.commit()
    assert "The price changed from ฿180 to ฿190." in text_of(client.get("/cart?lang=en"))
    line_id = db.session.scalar(select(CartLine.id))

    client.post(f"/cart/lines/{line_id}?lang=en", data={"quantity": "2"})

    assert "The price changed" not in text_of(client.get("/cart?lang=en"))


def test_a_parcel_no_method_can_carry_cannot_go_to_checkout(client, session, coffee_shop):
    coffee_shop.robusta.weight_grams = 25_000  # a sack, heavier than any rate goes
    session.commit()
    add(client, coffee_shop.robusta.id, 1)

    html = text_of(client.get("/cart?lang=en"))

    assert totals(cart_sections(html)[0])["Shipping"] == "Not available for this parcel"
    assert 'href="/checkout"' not in html
