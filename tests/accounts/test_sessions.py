"""Log-ins kept on the server: logging out ends the cookie everywhere, on every app server."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from shop import create_app
from shop.core.db import utcnow
from shop.extensions import db
from tests.accounts.conftest import SHARED_SETTINGS
from tests.factories import UserFactory

ACCOUNT = "/account?lang=en"


def logged_in(client) -> bool:
    """Whether the account page opens for this client (else it is sent to log in)."""
    return client.get(ACCOUNT).status_code == 200


def copy_cookie(source, target, name: str) -> str:
    value = source.get_cookie(name).value
    target.set_cookie(name, value)
    return value


@pytest.fixture
def other_server(app, session):
    """A second app server (its own Flask app, same database and SECRET_KEY), as behind a
    load balancer."""
    second = create_app({**{key: app.config[key] for key in SHARED_SETTINGS}})
    second.test_client_class = app.test_client_class
    yield second
    with second.app_context():
        db.engine.dispose()


def test_a_copy_of_the_session_cookie_opens_nothing_after_logging_out(app, client, user, login):
    login(client, "somchai@example.org")
    thief = app.test_client()
    copy_cookie(client, thief, "session")
    assert logged_in(thief)

    client.post("/account/logout")

    assert not logged_in(client)
    response = thief.get(ACCOUNT)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login")


def test_logging_out_on_one_app_server_ends_the_cookie_on_the_others(
    client, other_server, user, login
):
    login(client, "somchai@example.org")
    on_other_server = other_server.test_client()
    copy_cookie(client, on_other_server, "session")
    assert logged_in(on_other_server)

    client.post("/account/logout")

    assert not logged_in(on_other_server)


def test_a_copy_of_the_remember_me_cookie_dies_with_the_log_out(app, client, user, login):
    login(client, "somchai@example.org", remember="y")
    later = app.test_client()  # a new browser session: only the remember-me cookie is left
    copy_cookie(client, later, "remember_token")
    assert logged_in(later)
    copy = app.test_client()
    copy_cookie(client, copy, "remember_token")

    client.post("/account/logout")

    assert not logged_in(copy)
    assert copy.get_cookie("remember_token") is None  # the browser is told to forget it


def test_log_out_everywhere_ends_every_device(app, client, user, login):
    phone, laptop = app.test_client(), client
    login(phone, "somchai@example.org", remember="y")
    login(laptop, "somchai@example.org")

    page = laptop.get(ACCOUNT).get_data(as_text=True)
    assert "You are logged in on 2 devices or browsers." in page
    assert 'action="/account/logout-everywhere"' in page

    response = laptop.post("/account/logout-everywhere?lang=en", follow_redirects=True)

    assert "You are logged out on every device." in response.get_data(as_text=True)
    assert not logged_in(laptop)
    assert not logged_in(phone)
    assert login(phone, "somchai@example.org").status_code == 302  # logging in again works


def test_log_out_everywhere_leaves_other_customers_logged_in(app, client, session, user, login):
    UserFactory(email="malee@example.org")
    session.commit()
    malee = app.test_client()
    login(malee, "malee@example.org")
    login(client, "somchai@example.org")

    client.post("/account/logout-everywhere")

    assert logged_in(malee)


def test_log_out_everywhere_takes_a_post_with_the_csrf_token(app, client, user, login):
    login(client, "somchai@example.org")
    assert client.get("/account/logout-everywhere").status_code == 405
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/account/logout-everywhere").status_code == 400
        assert logged_in(client)
        html = client.get(ACCOUNT).get_data(as_text=True)
        form = re.search(r'action="/account/logout-everywhere">\s*<input[^>]*value="([^"]+)"', html)
        response = client.post("/account/logout-everywhere", data={"csrf_token": form.group(1)})
        assert response.status_code == 302
        assert not logged_in(client)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_a_new_password_ends_every_other_log_in(app, client, user, mailbox, login):
    phone = app.test_client()
    login(phone, "somchai@example.org", remember="y")

    client.post("/account/reset?lang=en", data={"email": "somchai@example.org"})
    path = re.search(r"http://localhost(/account/reset/\S+)", mailbox[-1].body).group(1)
    new = "four ripe rambutans"
    client.post(path, data={"password": new, "confirm": new})

    assert logged_in(client)
    assert not logged_in(phone)


def test_a_deactivated_account_is_logged_out_at_its_next_request(client, session, user, login):
    login(client, "somchai@example.org")
    user.active = False
    session.commit()

    assert not logged_in(client)


def test_a_log_in_ends_after_the_remember_me_duration(app, client, session, user, login):
    from shop.accounts.models import LoginSession

    login(client, "somchai@example.org", remember="y")
    too_old = utcnow() - app.config["REMEMBER_COOKIE_DURATION"] - timedelta(minutes=1)
    session.execute(update(LoginSession).values(created_at=too_old))
    session.commit()

    assert not logged_in(client)


def test_the_table_holds_no_usable_token(app, client, session, user, login):
    """A copy of the login_session table (a backup, a read-only leak) opens no account."""
    from shop.accounts.models import LoginSession

    login(client, "somchai@example.org")
    row_id = session.scalars(select(LoginSession.id)).one()
    with client.session_transaction() as cookie:
        token = cookie["_user_id"].rsplit(":", 1)[1]
    assert row_id == hashlib.sha256(token.encode()).hexdigest()

    forger = app.test_client()
    with forger.session_transaction() as cookie:
        cookie["_user_id"] = f"{user.id}:{user.session_fingerprint}:{row_id}"
    assert not logged_in(forger)


def test_the_logged_in_user_and_the_log_in_are_read_in_one_query(
    client, user, login, count_queries
):
    login(client, "somchai@example.org")
    with count_queries() as counter:
        response = client.get("/account/login")  # logged in: straight to the account page
    assert response.status_code == 302
    about_the_user = [s for s in counter.statements if "user_account" in s or "login_session" in s]
    assert len(about_the_user) == 1
    assert "login_session" in about_the_user[0]
    assert "user_account" in about_the_user[0]


def test_last_seen_is_written_at_most_every_few_minutes(
    client, session, user, login, count_queries
):
    from shop.accounts.models import LoginSession

    login(client, "somchai@example.org")

    def updates_on_a_visit() -> int:
        with count_queries() as counter:
            assert client.get("/account/login").status_code == 302
        return sum(
            s.lstrip().upper().startswith("UPDATE LOGIN_SESSION") for s in counter.statements
        )

    assert updates_on_a_visit() == 0
    long_ago = utcnow() - timedelta(minutes=10)
    session.execute(update(LoginSession).values(last_seen_at=long_ago))
    session.commit()

    assert updates_on_a_visit() == 1
    assert updates_on_a_visit() == 0
    session.expire_all()
    seen = session.scalars(select(LoginSession.last_seen_at)).one()
    assert seen > utcnow() - timedelta(minutes=1)


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_the_account_page_offers_log_out_everywhere_in_every_language(client, user, login, lang):
    login(client, "somchai@example.org")
    response = client.get(f"/account?lang={lang}")
    assert response.status_code == 200
    assert 'action="/account/logout-everywhere"' in response.get_data(as_text=True)


def test_each_log_in_is_a_row_of_its_own(app, client, session, user, login):
    from shop.accounts.models import LoginSession

    login(client, "somchai@example.org")
    login(app.test_client(), "somchai@example.org")

    rows = session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).all()
    assert len(rows) == 2
    assert all(row.user_agent.startswith("Werkzeug") for row in rows)
