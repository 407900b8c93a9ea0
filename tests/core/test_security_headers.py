"""Every response says how a browser may treat it: a strict Content-Security-Policy (nothing
inline, nothing from elsewhere, no framing), no MIME sniffing, no referrer to other sites,
and in production HSTS. Uploaded pictures too. (Chromium's own verdict on the policy:
tests/browser/test_csp.py.)
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from shop import create_app
from shop.catalog.models import ProductImage
from shop.extensions import db
from tests.accounts.conftest import SHARED_SETTINGS
from tests.cart.builders import log_in
from tests.core.page_kinds import page_urls, store_media_files
from tests.test_backend_access import world  # noqa: F401 - the fixture

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'", "https://checkout.stripe.com"],
}
# A raster picture opened in its own tab: nothing may load or run, the browser's own image
# viewer may style itself.
PICTURE = {
    "default-src": ["'none'"],
    "img-src": ["'self'"],
    "style-src": ["'unsafe-inline'"],
    "frame-ancestors": ["'none'"],
}
# Inline code the policy would block: a <script> without src (JSON-LD data is not code),
# a style attribute or element, an event handler attribute, a javascript: URL.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>"
    r"|<[^>]+\sstyle="
    r"|<style"
    r"|<[^>]+\son[a-z]+="
    r"|javascript:",
    re.IGNORECASE,
)


def policy_of(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = [d.split() for d in header.split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def security_problems(response) -> list[str]:
    problems = []
    expected_policy = PICTURE if response.mimetype in ("image/webp", "image/png") else POLICY
    if policy_of(response) != expected_policy:
        problems.append(f"CSP {response.headers.get('Content-Security-Policy')!r}")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }
    for name, value in expected.items():
        if response.headers.get(name) != value:
            problems.append(f"{name}: {response.headers.get(name)!r}")
    return problems


@pytest.fixture
def pages(app, session, world):  # noqa: F811
    store_media_files(app, session.scalars(select(ProductImage)).first())
    urls = page_urls(app, world)
    urls["errors.not_found"] = "/no-such-page?lang=en"
    urls["static"] = "/static/css/shop.css"
    urls["seller.stock_export"] = "/seller/stock/export.csv"
    session.close()
    return urls


@contextmanager
def another_app(app, **settings):
    """A second app on the same database, built with other settings (a production one)."""
    other = create_app(
        {
            **{key: app.config[key] for key in SHARED_SETTINGS},
            "RATELIMIT_ENABLED": False,  # the limiter object is shared by every app
            **settings,
        }
    )
    other.test_client_class = app.test_client_class
    try:
        yield other
    finally:
        with other.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("email", [None, "owner-a@example.org", "admin@example.org"])
def test_every_response_carries_the_policy_and_the_security_headers(app, pages, email):
    client = app.test_client()
    if email:
        log_in(client, email)
    wrong = []
    for endpoint, url in sorted(pages.items()):
        response = client.get(url)
        wrong += [f"{url} ({endpoint}): {p}" for p in security_problems(response)]
    assert wrong == []


@pytest.mark.parametrize("email", [None, "owner-a@example.org", "admin@example.org"])
def test_no_page_holds_inline_script_style_or_handlers(app, pages, email):
    client = app.test_client()
    if email:
        log_in(client, email)
    inline = []
    for endpoint, url in sorted(pages.items()):
        response = client.get(url)
        if response.mimetype == "text/html":
            inline += [f"{url} ({endpoint}): {m}" for m in INLINE.findall(response.text)]
    assert inline == []


def test_uploaded_pictures_are_never_sniffed_as_another_type(app, pages):
    response = app.test_client().get(pages["catalog.product_image"])
    assert response.status_code == 200
    assert response.mimetype == "image/webp"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert policy_of(response) == PICTURE  # no script, even if a picture were opened as a page


def test_production_tells_browsers_to_use_https_only(app, pages):
    with another_app(app, SHOP_ENV="production") as production:
        client = production.test_client()
        for url in (pages["catalog.home"], pages["static"], pages["errors.not_found"]):
            response = client.get(url, base_url="https://localhost")
            assert response.headers["Strict-Transport-Security"] == (
                "max-age=31536000; includeSubDomains"
            ), url
            assert security_problems(response) == [], url


def test_development_sends_no_hsts_and_never_redirects_to_https(app, pages):
    response = app.test_client().get(pages["catalog.home"])
    assert response.status_code == 200  # plain HTTP served, not sent to https://
    assert "Strict-Transport-Security" not in response.headers
    with another_app(app, SHOP_ENV="production") as production:
        # TLS ends at the proxy, which redirects plain HTTP itself: the app never does.
        assert production.test_client().get(pages["catalog.home"]).status_code == 200


@pytest.mark.parametrize(
    ("secure", "samesite", "httponly"), [(False, "Lax", True), (True, "Strict", False)]
)
def test_session_cookie_flags_stay_as_configured(app, session, secure, samesite, httponly):
    settings = {
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_SAMESITE": samesite,
        "SESSION_COOKIE_HTTPONLY": httponly,
    }
    session.close()
    with another_app(app, **settings) as other:
        client = other.test_client()
        response = client.post("/cart/add", data={"variant_id": "1", "quantity": "1"})
        cookie = response.headers["Set-Cookie"]
        assert {key: other.config[key] for key in settings} == settings
    assert ("; Secure" in cookie) is secure
    assert f"SameSite={samesite}" in cookie
    assert ("; HttpOnly" in cookie) is httponly
