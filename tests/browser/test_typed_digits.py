"""Thai and Burmese digits typed into number boxes reach the server (issue 11): quantities and
prices are text boxes with a numeric keyboard, since Chromium leaves an <input type=number>
empty when ၂ or ๓ is typed into it (a Burmese desktop keyboard's number row types ၁၂၃)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.cart.models import CartLine
from shop.catalog.models import Cooperative, CooperativeStatus, Product, ProductStatus
from shop.extensions import db
from tests.browser.test_buying import t  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def product(app, live_server):
    with app.app_context():
        found = db.session.scalars(
            select(Product)
            .join(Product.cooperative)
            .where(
                Product.status == ProductStatus.ACTIVE,
                Cooperative.status == CooperativeStatus.ACTIVE,
            )
            .order_by(Product.id)
        ).all()
        chosen = next(p for p in found if any(v.stock >= 5 for v in p.active_variants))
        slug = chosen.slug
        db.session.remove()
    return slug


def _cart_quantities(app) -> list[int]:
    with app.app_context():
        quantities = list(db.session.scalars(select(CartLine.quantity)))
        db.session.remove()
    return quantities


def test_burmese_digits_typed_into_the_quantity_boxes_are_taken(page, app, t, product):  # noqa: F811
    page.goto(f"/products/{product}?lang=my")
    box = page.get_by_role("textbox", name=t("my", "Quantity"))
    box.fill("")
    box.press_sequentially("၂")  # as a Burmese keyboard types it
    expect(box).to_have_value("၂")
    page.get_by_role("button", name=t("my", "Add to cart")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert _cart_quantities(app) == [2]

    page.goto("/cart?lang=my")
    line_box = page.get_by_role("textbox", name=t("my", "Quantity"))
    line_box.fill("")
    line_box.press_sequentially("၃")
    page.get_by_role("button", name=re.compile("^" + re.escape(t("my", "Update")))).click()
    expect(page.get_by_role("textbox", name=t("my", "Quantity"))).to_have_value("3")
    assert _cart_quantities(app) == [3]


def test_a_price_filter_in_thai_digits_filters_the_products(page, t):  # noqa: F811
    page.goto("/products?lang=th")
    lowest = page.locator("#f-min")
    expect(lowest).to_have_attribute("type", "text")
    lowest.press_sequentially("๑๐๐๐๐๐")  # 100,000 baht: above every demo price
    page.locator("#f-min").press("Enter")
    expect(page).to_have_url(re.compile("min_price="))
    expect(page.locator("#f-min")).to_have_value("100000")  # read by the server
    expect(page.locator("h3.card-title")).to_have_count(0)
