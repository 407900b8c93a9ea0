"""Limits per key (RateLimit-* headers, 429 with Retry-After), CSRF not applying to the
bearer-authenticated API while the pages keep it, and problem+json for every error."""

from __future__ import annotations

import base64

import pytest
from flask import Flask
from flask_babel import force_locale, gettext
from werkzeug.exceptions import InternalServerError

from shop import create_app
from shop.api.problems import from_http_exception
from shop.extensions import db, limiter
from tests.accounts.conftest import SHARED_SETTINGS
from tests.api.conftest import bearer

PROBLEM = "application/problem+json"


def _second_app(app, **config) -> Flask:
    second = create_app({**{key: app.config[key] for key in SHARED_SETTINGS}, **config})
    second.test_client_class = app.test_client_class
    return second


@pytest.fixture
def limited(app, session):
    """A second app on the same database, limits on: 3 calls a minute per key."""
    enabled = limiter.enabled
    second = _second_app(
        app,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        API_RATE_LIMIT="3 per minute",
    )
    limiter.reset()
    yield second
    limiter.reset()
    limiter.enabled = enabled  # the limiter object is shared by both apps
    with second.app_context():
        db.engine.dispose()


def test_each_key_has_its_own_limit_announced_in_headers(limited, world):
    client = limited.test_client()
    remaining = []
    for _ in range(3):
        answer = client.get("/api/v1/statement", headers=bearer(world.key_a))
        assert answer.status_code == 200
        assert answer.headers["RateLimit-Limit"] == "3"
        remaining.append(answer.headers["RateLimit-Remaining"])
    assert remaining == ["2", "1", "0"]

    refused = client.get("/api/v1/products", headers=bearer(world.key_a))
    assert refused.status_code == 429
    assert refused.content_type == PROBLEM
    assert refused.get_json()["type"] == "/api/v1/problems/rate-limited"
    assert 0 < int(refused.headers["Retry-After"]) <= 60

    assert client.get("/api/v1/statement", headers=bearer(world.key_b)).status_code == 200


@pytest.fixture
def csrf_on(app, session):
    second = _second_app(app, WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False)
    yield second
    with second.app_context():
        db.engine.dispose()


def test_the_api_takes_posts_without_a_csrf_token_but_the_keys_page_does_not(csrf_on, world):
    client = csrf_on.test_client()
    answer = client.post(
        "/api/v1/orders",
        json={"lines": [{"sku": "RNG-3IN1-30", "quantity": 48}]},
        headers=bearer(world.key_a, **{"Idempotency-Key": "csrf-free"}),
    )
    assert answer.status_code == 201
    page = client.post("/wholesale/api-keys", data={"name": "x", "catalogue_read": "y"})
    assert page.status_code == 400  # the partner admin's page keeps its CSRF check


def test_every_error_under_api_is_a_problem(client, world):
    cases = [
        client.get("/api/v1/nothing-here", headers=bearer(world.key_a)),
        client.get("/api/v1/", headers=bearer(world.key_a)),
        client.delete("/api/v1/orders", headers=bearer(world.key_a)),
        client.put("/api/v1/products/RNG-3IN1-30", headers=bearer(world.key_a)),
        client.get("/api/v1/products?limit=\x00", headers=bearer(world.key_a)),
        client.post(
            "/api/v1/orders",
            data=b"\xff\xfe",
            content_type="application/json",
            headers=bearer(world.key_a, **{"Idempotency-Key": "k"}),
        ),
    ]
    assert [c.status_code for c in cases] == [404, 404, 405, 405, 400, 400]
    for answer in cases:
        assert answer.content_type == PROBLEM
        body = answer.get_json()
        assert body["type"].startswith("/api/v1/problems/")
        assert body["status"] == answer.status_code
    assert "GET" in cases[2].headers["Allow"]
    # the kinds' addresses answer
    kind = client.get(cases[0].get_json()["type"]).get_json()
    assert kind["title"] == "Not found"
    assert kind["status"] == 404


def test_errors_before_the_api_runs_speak_the_callers_language(client, world):
    """An unknown address, a wrong method, a body too large: worded in the language asked for
    (English when none), never in the site's default Thai."""
    for language, expected in (
        (None, "en"),
        ("en", "en"),
        ("my-MM,en;q=0.5", "my"),
        ("th", "th"),
    ):
        headers = bearer(world.key_a, **({"Accept-Language": language} if language else {}))
        for answer in (
            client.get("/api/v1/nothing-here", headers=headers),
            client.delete("/api/v1/orders", headers=headers),
        ):
            assert answer.headers["Content-Language"] == expected
            with force_locale(expected):
                worded = {
                    gettext("There is nothing at this address."),
                    gettext("This address does not take this method."),
                }
            assert answer.get_json()["detail"] in worded, (language, answer.get_json())
    with force_locale("my"):
        assert gettext("There is nothing at this address.") != "There is nothing at this address."


def test_a_forged_cursor_is_a_400_not_a_server_error(client, world):
    forged = base64.urlsafe_b64encode(b'{"k":"products","p":true}').decode().rstrip("=")
    for path in ("/api/v1/products", "/api/v1/orders"):
        answer = client.get(path, query_string={"cursor": forged}, headers=bearer(world.key_a))
        assert answer.status_code == 400
        assert answer.content_type == PROBLEM


def test_a_server_error_under_api_is_a_problem(app):
    with app.test_request_context("/api/v1/products"):
        answer = from_http_exception(InternalServerError())
    assert answer.status_code == 500
    assert answer.content_type == PROBLEM
    assert answer.get_json()["type"] == "/api/v1/problems/server-error"


def test_pages_outside_the_api_keep_their_html_errors(client, world):
    answer = client.get("/wholesale/nothing-here")
    assert answer.status_code == 404
    assert answer.content_type.startswith("text/html")


def test_the_openapi_document_and_its_reference_page_are_served(client, world):
    answer = client.get("/api/v1/openapi.json")  # no key needed
    assert answer.status_code == 200
    document = answer.get_json()
    assert document["openapi"] == "3.1.0"
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    post = document["paths"]["/api/v1/orders"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in post["parameters"])
    assert "application/problem+json" in post["responses"]["422"]["content"]
    page = client.get("/static/api/reference.html")
    assert page.status_code == 200
    assert b'src="reference.js"' in page.data
    page.close()
