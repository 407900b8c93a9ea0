"""Nobody but an approved partner ever receives a wholesale price: not in a page, the JSON-LD,
search, the sitemap, the cart, or a page from the whole-page cache; and each partner gets its
own list's prices, never a cached retail page."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from shop.extensions import cache, db
from shop.pricing.models import PriceBreak
from tests.cart.builders import log_in, text_of
from tests.factories import PriceListFactory

# The sachets' wholesale prices, all distinct from any retail price or shipping rate shown.
# Partner A's list is 15 % off ฿65, partner B's 17 %; the cooperative's breaks are the same
# for every partner.
A_PRICES = ["฿55.25"]
B_PRICES = ["฿53.95"]
BREAKS = ["฿49.87", "฿44.63"]
PAGES = [
    "/products/three-in-one",
    "/products",
    "/products?q=Raenong",
    "/",
    "/cooperatives/la-un-growers",
    "/sitemap.xml",
    "/cart",
]


@pytest.fixture
def lists(wholesale, partners, session):
    session.execute(
        update(PriceBreak).where(PriceBreak.min_quantity == 48).values(unit_price_satang=4_987)
    )
    session.execute(
        update(PriceBreak).where(PriceBreak.min_quantity == 120).values(unit_price_satang=4_463)
    )
    partners.b.price_list = PriceListFactory(name="Kawthaung volume", discount_bp=1700)
    session.commit()


@pytest.fixture
def caching(app):
    app.config["CACHE_TYPE"] = "SimpleCache"
    cache.init_app(app)
    with app.app_context():
        cache.clear()
    yield
    app.config["CACHE_TYPE"] = "NullCache"
    cache.init_app(app)


def everything_seen(client) -> str:
    return "\n".join(
        text_of(client.get(f"{path}{'&' if '?' in path else '?'}lang=en")) for path in PAGES
    )


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "malee@example.org",  # a customer
        "admin-waiting@example.org",  # a partner still waiting for approval
        "admin-suspended@example.org",
    ],
)
def test_nobody_else_sees_a_wholesale_price(app, client, lists, caching, who):
    if who != "anonymous":
        log_in(client, who)
    client.post("/cart/add?lang=en", data={"variant_id": 3, "quantity": 1})

    seen = everything_seen(client) + everything_seen(app.test_client())  # and the cached copies

    for wholesale_price in A_PRICES + B_PRICES + BREAKS:
        assert wholesale_price not in seen
    assert "Your wholesale prices" not in seen


def test_each_partner_sees_its_own_lists_prices_on_the_product_page(app, lists, caching):
    anonymous = app.test_client()
    anonymous.get("/products/three-in-one?lang=en")  # the retail page is now cached
    a, b = app.test_client(), app.test_client()
    log_in(a, "buyer-a@example.org")
    log_in(b, "admin-b@example.org")

    page_a = text_of(a.get("/products/three-in-one?lang=en"))
    page_b = text_of(b.get("/products/three-in-one?lang=en"))

    assert "Your wholesale prices" in page_a
    raw_a = a.get("/products/three-in-one?lang=en").get_data(as_text=True)
    assert '<section class="card wholesale-prices"' in raw_a  # markup, not escaped text
    assert "&lt;section" not in raw_a
    for price in A_PRICES + BREAKS:
        assert price in page_a
    for price in B_PRICES + BREAKS:
        assert price in page_b
    assert B_PRICES[0] not in page_a
    assert A_PRICES[0] not in page_b
    assert "Your wholesale prices" not in text_of(anonymous.get("/products/three-in-one?lang=en"))


def test_a_partner_remembered_by_its_cookie_never_gets_the_cached_retail_page(app, lists, caching):
    app.test_client().get("/products/three-in-one?lang=en")  # cached for everyone
    partner = app.test_client()
    partner.post(
        "/account/login?lang=en",
        data={"email": "buyer-a@example.org", "password": "correct horse battery", "remember": "y"},
    )
    remember = partner.get_cookie("remember_token")
    returning = app.test_client()  # the browser was closed: only the remember-me cookie is left
    returning.set_cookie("remember_token", remember.value)

    page = text_of(returning.get("/products/three-in-one?lang=en"))

    assert "Your wholesale prices" in page
    assert A_PRICES[0] in page


def test_a_suspension_hides_the_prices_on_the_next_request(client, lists, partners):
    log_in(client, "buyer-a@example.org")
    assert A_PRICES[0] in text_of(client.get("/products/three-in-one?lang=en"))

    partners.a.status = "suspended"
    db.session.commit()

    assert A_PRICES[0] not in text_of(client.get("/products/three-in-one?lang=en"))
