"""A visitor buys coffee in real Chromium: product page, cart, checkout, order page with the QR.

Labels and button names are looked up in the app's own message catalogue for the page's language,
so the tests keep passing when a translation changes and fail when a label or button goes missing.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from flask_babel import gettext
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.models import Cooperative, CooperativeStatus, Product, ProductStatus
from shop.core.money import format_money
from shop.extensions import db
from shop.orders.models import Order

pytestmark = pytest.mark.browser

MYANMAR = re.compile("[\u1000-\u109f]")
THAI = re.compile("[\u0e00-\u0e7f]")
ORDER_NUMBER = re.compile(r"RN-\d{4}-\d{4}")


@pytest.fixture
def t(app):
    """``t(lang, message, **values)``: the message as the shop shows it in that language."""

    def translate(lang: str, message: str, **values) -> str:
        with app.test_request_context(f"/?lang={lang}"):
            return gettext(message, **values)

    return translate


@pytest.fixture
def demo(app, live_server):
    """Two products of two different cooperatives from the demo data, the first with 2+ packs."""
    languages = ("th", "my")
    with app.app_context():
        products = db.session.scalars(
            select(Product)
            .join(Product.cooperative)
            .where(
                Product.status == ProductStatus.ACTIVE,
                Cooperative.status == CooperativeStatus.ACTIVE,
            )
            .order_by(Product.id)
        ).all()

        def in_stock(product):
            return [v for v in product.active_variants if v.stock >= 5]

        first = next(p for p in products if len(in_stock(p)) >= 2)
        second = next(
            p for p in products if p.cooperative_id != first.cooperative_id and in_stock(p)
        )

        def describe(product) -> dict:
            return {
                "slug": product.slug,
                "name": {lang: getattr(product, f"name_{lang}") for lang in languages},
                "coop": {lang: getattr(product.cooperative, f"name_{lang}") for lang in languages},
            }

        found = {"first": describe(first), "second": describe(second)}
        found["first"]["pack"] = in_stock(first)[1].name_th
        db.session.remove()
    return found


def order_year(app, number: str) -> int:
    """The Gregorian year the order was placed in, in Asia/Bangkok."""
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.number == number))
        year = order.created_at.astimezone(ZoneInfo("Asia/Bangkok")).year
        db.session.remove()
    return year


def _add_to_cart(page, t, lang: str, product: dict, quantity: int = 1, pack: str = "") -> None:
    page.goto(f"/products/{product['slug']}?lang={lang}")
    if pack:
        packs = page.get_by_role("group", name=t(lang, "Packs and prices"))
        # The whole card is the radio's label: a tap on the pack's name chooses it.
        packs.get_by_text(pack, exact=True).click()
        expect(packs.get_by_role("radio", name=re.compile("^" + re.escape(pack)))).to_be_checked()
    page.get_by_role("textbox", name=t(lang, "Quantity")).fill(str(quantity))
    page.get_by_role("button", name=t(lang, "Add to cart")).click()
    added = t(
        lang,
        "Added to your cart: %(name)s × %(quantity)s",
        name=product["name"][lang],
        quantity=quantity,
    )
    expect(page.get_by_role("status")).to_contain_text(added)


def test_buy_two_cooperatives_products_by_bank_transfer_in_thai(page, axe, t, app, demo, shots):
    first, second = demo["first"], demo["second"]
    th = lambda message, **values: t("th", message, **values)  # noqa: E731

    _add_to_cart(page, t, "th", first, quantity=2, pack=first["pack"])
    cart_link = page.get_by_role("link", name=re.compile("^" + re.escape(th("Cart"))))
    expect(cart_link).to_contain_text("2")
    _add_to_cart(page, t, "th", second)
    expect(cart_link).to_contain_text("3")

    # The cart: one group per cooperative.
    cart_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(th("Your cart"))
    for product in (first, second):
        expect(
            page.get_by_role(
                "heading",
                level=2,
                name=th("From %(cooperative)s", cooperative=product["coop"]["th"]),
            )
        ).to_be_visible()
    line = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=first["name"]["th"], exact=True)
    )
    expect(line.get_by_role("textbox")).to_have_value("2")
    expect(line).to_contain_text(first["pack"])
    assert axe(page) == []

    # Checkout as a guest.
    page.get_by_role("link", name=th("Go to checkout")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(th("Checkout"))
    label = lambda text: page.get_by_label(th(text), exact=True)  # noqa: E731
    label("Email for the order confirmation").fill("somchai@example.org")
    label("Recipient's name").fill("สมชาย ใจดี")
    label("Recipient's phone").fill("0812345678")
    label("House number, building, street").fill("99/1 ถนนเรืองราษฎร์")
    label("Subdistrict (tambon / khwaeng)").fill("เขานิเวศน์")
    label("District (amphoe / khet)").fill("เมืองระนอง")
    label("Province").select_option(label="ระนอง")
    label("Postcode").fill("85000")
    transfer = page.get_by_role(
        "radio", name=re.compile(re.escape(th("Bank transfer or PromptPay QR")))
    )
    transfer.check()
    expect(transfer).to_be_checked()
    summary = page.get_by_role("complementary", name=th("Your order"))
    expect(summary).to_contain_text(first["name"]["th"])
    expect(summary).to_contain_text(second["name"]["th"])
    summary_text = summary.inner_text()
    assert axe(page) == []

    page.get_by_role("button", name=th("Place order")).click()

    # The order page: number, amount to pay, the PromptPay QR and the bank account.
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(ORDER_NUMBER)
    number = ORDER_NUMBER.search(heading.inner_text()).group()
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.number == number))
        amount = format_money(order.total_satang, "th")
        db.session.remove()
    assert amount in summary_text  # what the checkout showed is what is asked for
    expect(
        page.get_by_role("heading", level=2, name=th("Pay %(amount)s", amount=amount))
    ).to_be_visible()
    qr = page.get_by_role("img", name=re.compile("PromptPay"))
    expect(qr).to_be_visible()
    assert qr.evaluate("e => e.tagName.toLowerCase()") == "svg"
    assert qr.bounding_box()["width"] >= 200  # large enough to scan from a screen
    expect(page.get_by_text(number, exact=True)).to_be_visible()  # transfer reference
    expect(page.get_by_label(th("Photo or screenshot of the transfer slip"))).to_be_visible()
    assert axe(page) == []
    # The bank and the placed-on date in the reader's own words and calendar (Buddhist era).
    bank = page.locator(".bank-details")
    expect(bank).to_contain_text(THAI)
    expect(page.get_by_text(str(order_year(app, number) + 543)).first).to_be_visible()
    shots(page, "order-transfer-th-desktop")
    order_path = page.url.split("?")[0]
    page.goto(order_path + "?lang=my")
    expect(bank).to_contain_text(MYANMAR)
    shots(page, "order-transfer-my-desktop")

    # The guest finds the order again by its number typed any way (no dashes, lower case,
    # spaces) and the email address.
    my = lambda message, **values: t("my", message, **values)  # noqa: E731
    for lang, typed in (("my", number.replace("-", "").lower()), ("th", number.replace("-", " "))):
        say = my if lang == "my" else th
        page.goto(f"/orders/find?lang={lang}")
        expect(page.get_by_role("heading", level=1)).to_have_text(say("Find your order"))
        page.get_by_label(say("Order number"), exact=True).fill(typed)
        page.get_by_label(say("Email used for the order"), exact=True).fill("somchai@example.org")
        assert axe(page) == []
        shots(page, f"order-find-{lang}-desktop")
        page.get_by_role("button", name=say("Show my order")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(number)


def test_cart_in_burmese_shows_the_lines_and_burmese_headings(page, axe, t, demo):
    first, second = demo["first"], demo["second"]
    my = lambda message, **values: t("my", message, **values)  # noqa: E731
    _add_to_cart(page, t, "my", first)
    _add_to_cart(page, t, "my", second, quantity=2)

    page.goto("/cart?lang=my")
    expect(page.locator("html")).to_have_attribute("lang", "my")
    expect(page.get_by_role("heading", level=1)).to_have_text(my("Your cart"))
    for product in (first, second):
        heading = page.get_by_role(
            "heading", level=2, name=my("From %(cooperative)s", cooperative=product["coop"]["my"])
        )
        expect(heading).to_have_text(MYANMAR)
        expect(page.get_by_role("link", name=product["name"]["my"], exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=my("Summary"))).to_be_visible()
    expect(page.get_by_role("link", name=my("Go to checkout"))).to_be_visible()
    assert axe(page) == []
