"""Fault 4: the database cannot be reached. Every page answers 503 with Retry-After and a page,
in the visitor's language, saying the shop will be back; /healthz answers 503 for the balancer."""

from __future__ import annotations

import time

import pytest
from flask_babel import force_locale, gettext

from shop import create_app
from shop.extensions import db
from tests.faults.conftest import free_port

BOUND_S = 3.0  # a refused connection is known at once; nobody waits for a timeout

PAGES = [
    ("GET", "/"),
    ("GET", "/products"),
    ("GET", "/products/medium-roast-robusta"),
    ("POST", "/account/login"),
    ("POST", "/cart/add"),
]
FORM = {
    "email": "malee@example.org",
    "password": "correct horse battery",
    "variant_id": "1",
    "quantity": "1",
}


@pytest.fixture(params=["postgresql-closed-port", "sqlite-missing-folder"])
def unreachable_app(request, tmp_path):
    url = (
        f"postgresql+psycopg://root@127.0.0.1:{free_port()}/shop"
        if request.param.startswith("postgresql")
        else f"sqlite:///{tmp_path}/missing/folder/shop.sqlite3"
    )
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "CACHE_TYPE": "NullCache",
        }
    )
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_every_page_says_the_shop_will_be_back_in_the_visitors_language(unreachable_app, lang):
    client = unreachable_app.test_client()
    client.set_cookie("lang", lang)
    with unreachable_app.test_request_context(), force_locale(lang):
        heading = gettext("The shop will be back shortly")
    client.get("/")  # the first request of a process compiles templates: not timed
    slowest = 0.0
    for method, path in PAGES:
        started = time.perf_counter()
        response = client.open(path, method=method, data=FORM)
        took = time.perf_counter() - started
        assert response.status_code == 503, (method, path, response.status_code)
        assert response.headers["Retry-After"] == "30"
        assert "no-store" in response.headers["Cache-Control"]
        page = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in page
        assert f"<h1>{heading}</h1>" in page
        assert took < BOUND_S, f"{method} {path} took {took:.2f} s"
        slowest = max(slowest, took)
    print(f"\ndatabase unreachable ({lang}): slowest 503 in {slowest:.3f} s")


def test_a_logged_in_visitor_gets_the_same_page_not_an_error_about_their_account(
    unreachable_app,
):
    client = unreachable_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:fingerprint"  # loading this user would read the database
        session["cart"] = "token"
    response = client.get("/products?lang=my")
    assert response.status_code == 503
    assert '<html lang="my">' in response.get_data(as_text=True)


def test_the_health_check_tells_the_balancer_the_database_is_gone(unreachable_app):
    response = unreachable_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unreachable"}
