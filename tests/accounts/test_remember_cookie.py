"""The remember-me cookie of a production shop: Secure, HttpOnly, SameSite=Lax, a month."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from shop import create_app
from shop.extensions import db
from tests.accounts.conftest import PASSWORD, SHARED_SETTINGS

SHOP = "https://shop.ranong-coffee.example.org"


@pytest.fixture
def production_client(app, session, monkeypatch):
    """A client of the shop built from a production environment, on the test database."""
    monkeypatch.setenv("SHOP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("SHOP_BASE_URL", SHOP)
    monkeypatch.setenv("RATELIMIT_ALLOW_MEMORY", "1")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    production = create_app(
        {**{key: app.config[key] for key in SHARED_SETTINGS}, "RATELIMIT_ENABLED": False}
    )
    production.test_client_class = app.test_client_class
    yield production.test_client()
    with production.app_context():
        db.engine.dispose()


def set_cookie_header(response, name: str) -> str:
    (header,) = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]
    return header


def test_a_remembered_log_in_sets_a_secure_lax_http_only_cookie_for_a_month(
    production_client, user
):
    response = production_client.post(
        "/account/login?lang=en",
        data={"email": "somchai@example.org", "password": PASSWORD, "remember": "y"},
        base_url=SHOP,
    )

    assert response.status_code == 302
    remember = set_cookie_header(response, "remember_token")
    attributes = {part.strip().split("=")[0].lower(): part for part in remember.split(";")}
    assert "secure" in attributes
    assert "httponly" in attributes
    assert attributes["samesite"].strip() == "SameSite=Lax"
    expires = parsedate_to_datetime(attributes["expires"].split("=", 1)[1])
    assert expires - datetime.now(UTC) < timedelta(days=31)
    session_cookie = set_cookie_header(response, "session")
    assert "Secure" in session_cookie
    assert "SameSite=Lax" in session_cookie


def test_the_remember_me_cookie_follows_the_session_cookie_on_plain_http(
    app, session, monkeypatch, user
):
    """A local benchmark over plain HTTP turns both off together (SESSION_COOKIE_SECURE=0)."""
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    local = create_app({**{key: app.config[key] for key in SHARED_SETTINGS}})
    try:
        assert local.config["REMEMBER_COOKIE_SECURE"] is False
        response = local.test_client().post(
            "/account/login",
            data={"email": "somchai@example.org", "password": PASSWORD, "remember": "y"},
        )
        remember = set_cookie_header(response, "remember_token")
        assert "Secure" not in remember
        assert "SameSite=Lax" in remember
    finally:
        with local.app_context():
            db.engine.dispose()


def test_every_cookie_a_production_shop_sets_is_secure_http_only_and_lax(production_client, user):
    responses = [
        production_client.get("/products?lang=my", base_url=SHOP),
        production_client.get("/account/login?lang=en", base_url=SHOP),
        production_client.post(
            "/account/login?lang=th",
            data={"email": "somchai@example.org", "password": PASSWORD, "remember": "y"},
            base_url=SHOP,
        ),
        production_client.get("/account?lang=en", base_url=SHOP),
    ]

    set_cookies = [h for r in responses for h in r.headers.getlist("Set-Cookie")]
    names = {header.split("=", 1)[0] for header in set_cookies}
    assert {"lang", "session", "remember_token"} <= names
    for header in set_cookies:
        assert "Secure" in header, header
        assert "HttpOnly" in header, header
        assert "SameSite=Lax" in header, header
