"""Pages leave compressed when the browser accepts it, and their canonical and hreflang links
name the bare URL for Thai (issue 11, item 19: 28-47 KB a page could be saved; Lighthouse
marked the bare Thai page's canonical link to "?lang=th" as an SEO fault)."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from tests.catalog.test_cache import caching  # noqa: F401 - the fixture
from tests.factories import ProductFactory

BASE = "http://localhost"
DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.fixture
def robusta(session):
    ProductFactory(slug="robusta", name_en="Medium Roast Robusta", name_th="โรบัสต้าคั่วกลาง")
    session.commit()


@pytest.mark.parametrize("encoding", ["br", "gzip"])
@pytest.mark.parametrize("path", ["/", "/products", "/products/robusta", "/account/login"])
def test_a_page_is_sent_compressed_to_a_browser_that_accepts_it(client, robusta, path, encoding):
    plain = client.get(f"{path}?lang=en")
    packed = client.get(f"{path}?lang=en", headers={"Accept-Encoding": f"{encoding}, identity"})

    assert packed.status_code == plain.status_code == 200
    assert packed.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["Vary"]
    body = DECODERS[encoding](packed.get_data()).decode()
    assert len(packed.get_data()) < len(body) / 2
    assert '<html lang="en">' in body
    assert "Medium Roast Robusta" in body or path == "/account/login"
    assert "Content-Encoding" not in plain.headers  # a client that did not ask gets it plain


def test_a_shared_page_is_compressed_after_its_csrf_token_is_filled(
    client,
    robusta,
    caching,  # noqa: F811
):
    client.get("/products/robusta?lang=en")  # cached for everyone

    packed = client.get("/products/robusta?lang=en", headers={"Accept-Encoding": "gzip"})

    body = gzip.decompress(packed.get_data()).decode()
    assert "__csrf_token__" not in body
    assert re.search(r'name="csrf_token" value="[^"_][^"]+"', body)


def test_pictures_and_files_are_not_compressed_twice(client, robusta):
    response = client.get("/static/img/logo.svg", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200  # SVG is text: compressed or sent as it is, never broken
    data = response.get_data()
    svg = gzip.decompress(data) if response.headers.get("Content-Encoding") == "gzip" else data
    assert b"<svg" in svg


# --- the canonical link of the bare Thai URL ----------------------------------------------------


def _links(html: str) -> dict[str, str]:
    found = {"canonical": re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)}
    for lang, href in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html):
        found[lang] = href
    return found


@pytest.mark.parametrize("asked", ["/products/robusta", "/products/robusta?lang=th"])
def test_the_thai_page_is_canonical_at_its_bare_url(client, robusta, asked):
    links = _links(client.get(asked).get_data(as_text=True))

    assert links == {
        "canonical": f"{BASE}/products/robusta",
        "th": f"{BASE}/products/robusta",
        "en": f"{BASE}/products/robusta?lang=en",
        "my": f"{BASE}/products/robusta?lang=my",
        "x-default": f"{BASE}/products/robusta",
    }


def test_an_english_page_is_canonical_with_its_language(client, robusta):
    links = _links(client.get("/products?q=robusta&lang=en").get_data(as_text=True))

    assert links["canonical"] == f"{BASE}/products?q=robusta&amp;lang=en"
    assert links["th"] == f"{BASE}/products?q=robusta"


def test_the_sitemap_names_the_thai_pages_by_their_bare_url(client, robusta):
    xml = client.get("/sitemap.xml").get_data(as_text=True)

    assert f'hreflang="th" href="{BASE}/products/robusta"' in xml
    assert f'hreflang="en" href="{BASE}/products/robusta?lang=en"' in xml
    assert "lang=th" not in xml
