"""Every absolute URL the shop writes is on SHOP_BASE_URL, whatever Host the request named.

In development the shop answers any Host header (production refuses unknown ones). A forged
Host must still not reach a canonical or hreflang link, the JSON-LD, the sitemap, robots.txt
or a mail, nor a cached page that later visitors get.
"""

from __future__ import annotations

import re

import pytest

from shop.catalog.models import ProductImage
from tests.catalog.test_cache import caching  # noqa: F401 - the fixture
from tests.factories import CooperativeFactory, ProductFactory, UserFactory

BASE = "https://kafae.ranong.example.org/shop"
FORGED = [
    {"Host": "evil.example"},
    {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"},
]
ABSOLUTE = re.compile(r"""https?://[^\s"'<>\\]+""")
# Addresses that are not the shop's and belong in its pages (schema and namespace names).
FOREIGN_NAMES = ("https://schema.org", "http://www.sitemaps.org/", "http://www.w3.org/")


@pytest.fixture
def shop(app, session, monkeypatch):
    assert app.config["SHOP_ENV"] == "development"
    monkeypatch.setitem(app.config, "SHOP_BASE_URL", BASE)
    coop = CooperativeFactory(slug="la-un")
    product = ProductFactory(slug="robusta", cooperative=coop)
    session.add(ProductImage(product_id=product.id, stem="a" * 32, width=800, height=600))
    UserFactory(email="somchai@example.org")
    session.commit()


def not_on_base(body: str) -> list[str]:
    return [
        url
        for url in ABSOLUTE.findall(body)
        if not url.startswith((BASE + "/", *FOREIGN_NAMES)) and url != BASE
    ]


@pytest.mark.parametrize("headers", FORGED)
def test_canonical_and_hreflang_links_ignore_a_forged_host(client, shop, headers):
    html = client.get("/products/robusta?lang=en", headers=headers).get_data(as_text=True)

    assert f'<link rel="canonical" href="{BASE}/products/robusta?lang=en">' in html
    for code in ("en", "my"):
        assert f'hreflang="{code}" href="{BASE}/products/robusta?lang={code}"' in html
    assert f'hreflang="th" href="{BASE}/products/robusta"' in html  # the default language
    assert f'hreflang="x-default" href="{BASE}/products/robusta"' in html
    assert f'<meta property="og:image" content="{BASE}/media/products/{"a" * 32}-800.webp">' in html
    assert f'"url": "{BASE}/products/robusta"' in html  # JSON-LD
    assert "evil.example" not in html
    assert not_on_base(html) == []


@pytest.mark.parametrize(
    "path",
    ["/?lang=my", "/products?q=robusta&sort=price&lang=th", "/cooperatives/la-un", "/no-such-page"],
)
@pytest.mark.parametrize("headers", FORGED)
def test_no_page_names_a_forged_host(client, shop, path, headers):
    html = client.get(path, headers=headers).get_data(as_text=True)
    assert "evil.example" not in html
    assert not_on_base(html) == []


def test_a_listing_keeps_its_query_in_the_canonical_link(client, shop):
    html = client.get("/products?q=robusta&sort=price&lang=th", headers=FORGED[0]).get_data(
        as_text=True
    )
    assert f'<link rel="canonical" href="{BASE}/products?q=robusta&amp;sort=price">' in html


@pytest.mark.parametrize("headers", FORGED)
def test_sitemap_and_robots_txt_name_the_shop_only(client, shop, headers):
    sitemap = client.get("/sitemap.xml", headers=headers).get_data(as_text=True)
    robots = client.get("/robots.txt", headers=headers).get_data(as_text=True)

    assert f"<loc>{BASE}/products/robusta</loc>" in sitemap
    assert f'hreflang="my" href="{BASE}/cooperatives/la-un?lang=my"' in sitemap
    assert f"Sitemap: {BASE}/sitemap.xml" in robots
    assert not_on_base(sitemap) == []
    assert not_on_base(robots) == []


def test_a_page_cached_after_a_forged_host_names_the_shop(app, client, shop, caching):  # noqa: F811
    forged = app.test_client().get("/products/robusta?lang=en", headers=FORGED[0])
    assert forged.status_code == 200

    html = app.test_client().get("/products/robusta?lang=en").get_data(as_text=True)

    assert f'<link rel="canonical" href="{BASE}/products/robusta?lang=en">' in html
    assert "evil.example" not in html


def test_a_password_reset_mail_links_to_the_shop(client, shop, mailbox):
    client.post("/account/reset?lang=en", data={"email": "somchai@example.org"}, headers=FORGED[1])
    assert len(mailbox) == 1
    links = ABSOLUTE.findall(mailbox[0].body)
    assert links
    assert all(link.startswith(BASE + "/") for link in links), links
