"""Pages about a person are never stored by a browser or proxy cache: ``private, no-store``.

A shared computer's next user pressing Back, or a proxy between a cooperative's office and
the shop, must not see someone's account, cart, checkout, order or the backend. The rule is
one hook: logged in, something personal in the session (a cart, a message) or a personal
area (account, cart, orders, payments, seller, admin) means ``private, no-store``. The public
catalogue for a visitor with nothing personal, the static files and the product pictures stay
cacheable. Every GET route of the URL map is requested.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.catalog.models import ProductImage
from shop.core.security_headers import PERSONAL_BLUEPRINTS
from tests.cart.builders import log_in
from tests.core.page_kinds import CATALOGUE, PUBLIC_FILES, page_urls, store_media_files
from tests.test_backend_access import world  # noqa: F401 - the fixture

PRIVATE = "private, no-store"


@pytest.fixture
def pages(app, session, world):  # noqa: F811
    store_media_files(app, session.scalars(select(ProductImage)).first())
    urls = page_urls(app, world)
    session.close()
    return urls


def not_private(client, urls) -> list[str]:
    wrong = []
    for endpoint, url in sorted(urls.items()):
        response = client.get(url)
        if response.headers.get("Cache-Control") != PRIVATE:
            wrong.append(
                f"{url} ({endpoint}) {response.status_code}: "
                f"{response.headers.get('Cache-Control')}"
            )
    return wrong


@pytest.mark.parametrize(
    "email", ["customer@example.org", "owner-a@example.org", "admin@example.org"]
)
def test_every_page_a_logged_in_user_gets_is_private(app, pages, email):
    client = app.test_client()
    log_in(client, email)
    personal = {e: u for e, u in pages.items() if e not in PUBLIC_FILES}
    assert {"accounts.account", "seller.home", "platform.home", "catalog.product"} <= set(personal)
    assert not_private(client, personal) == []


def test_personal_areas_are_private_for_visitors_too(app, pages):
    areas = {e: u for e, u in pages.items() if e.partition(".")[0] in PERSONAL_BLUEPRINTS}
    assert {"accounts.login", "cart.show", "orders.checkout", "orders.detail"} <= set(areas)
    assert not_private(app.test_client(), areas) == []


def test_a_visitor_with_a_cart_gets_private_catalogue_pages(app, pages, world):  # noqa: F811
    client = app.test_client()
    client.post("/cart/add", data={"variant_id": world["variant_id"], "quantity": 1})
    catalogue = {e: u for e, u in pages.items() if e in CATALOGUE}
    assert not_private(client, catalogue) == []


def test_the_public_catalogue_and_files_stay_cacheable(app, pages):
    client = app.test_client()
    for endpoint in sorted(CATALOGUE | {"catalog.product_image", "core.sitemap_xml"}):
        response = client.get(pages[endpoint])
        assert response.status_code == 200, endpoint
        assert "no-store" not in response.headers.get("Cache-Control", ""), endpoint
    picture = client.get(pages["catalog.product_image"])
    assert picture.cache_control.max_age == 365 * 24 * 3600
    assert "no-store" not in client.get("/static/css/shop.css").headers.get("Cache-Control", "")


def test_pictures_and_style_sheets_stay_cacheable_for_logged_in_users(app, pages):
    client = app.test_client()
    log_in(client, "owner-a@example.org")
    picture = client.get(pages["catalog.product_image"])
    assert picture.status_code == 200
    assert picture.cache_control.max_age == 365 * 24 * 3600
    assert not picture.cache_control.no_store
    assert not client.get("/static/css/shop.css").cache_control.no_store
