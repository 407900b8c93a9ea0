"""Log-in limits slow guessing without giving anyone a button that locks the owner out."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from flask_babel import force_locale, gettext

from shop import create_app
from shop.extensions import db, limiter
from tests.accounts.conftest import PASSWORD, SHARED_SETTINGS
from tests.factories import UserFactory

OWNER_ADDRESS = "198.51.100.7"
ATTACKER = "203.0.113.66"
PER_EMAIL_CEILING = 100
MAILED = "we have sent you an email with a link"
SUBJECT = "Many wrong passwords for your Ranong Cooperative Coffee account"


def attempt(client, email, password, address, **extra):
    return client.post(
        "/account/login?lang=en",
        data={"email": email, "password": password, **extra},
        environ_base={"REMOTE_ADDR": address},
    )


def many_addresses(count: int):
    """``count`` addresses of a botnet, one per host."""
    return [f"10.{i // 250}.{i % 250}.1" for i in range(count)]


def outbox(client):
    """The mails the limited app sent (its own in-memory mailbox)."""
    return getattr(client.application.extensions["mailman"], "outbox", [])


def unlock_path(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/account/unlock/\S+)", mail.body)
    assert match, mail.body
    return match.group(1)


def reach_the_ceiling(client, email="somchai@example.org"):
    for i, address in enumerate(many_addresses(PER_EMAIL_CEILING)):
        assert attempt(client, email, f"guess {i}", address).status_code == 200


def test_wrong_passwords_from_an_attackers_address_do_not_lock_the_owner_out(limited_client, user):
    email, statuses = "somchai@example.org", []
    with time_machine.travel(datetime.now(UTC), tick=True) as clock:
        for _minute in range(3):  # ten a minute for three minutes: 30 guesses
            statuses += [attempt(limited_client, email, f"{i}", ATTACKER) for i in range(10)]
            clock.shift(61)
        owner = attempt(limited_client, email, PASSWORD, OWNER_ADDRESS)
        held = attempt(limited_client, email, "another guess", ATTACKER)

    assert owner.status_code == 302  # the owner logs in...
    assert [r.status_code for r in statuses[:10]] == [200] * 10
    assert {r.status_code for r in statuses[10:]} == {429}  # ...the attacker is held for the hour
    assert "Please try again in 60 minutes." in held.get_data(as_text=True)


def test_guesses_from_many_addresses_below_the_ceiling_do_not_lock_the_owner_out(
    limited_client, user
):
    # 60 from one address: 10 are checked, 50 refused, and refused attempts count nowhere.
    for i in range(60):
        attempt(limited_client, "somchai@example.org", f"guess {i}", ATTACKER)
    for i, address in enumerate(many_addresses(PER_EMAIL_CEILING - 11)):
        assert attempt(limited_client, "somchai@example.org", f"x{i}", address).status_code == 200

    owner = attempt(limited_client, "somchai@example.org", PASSWORD, OWNER_ADDRESS)

    assert owner.status_code == 302


def test_one_address_is_held_after_ten_wrong_passwords_whatever_the_email(limited_client, user):
    for i in range(10):
        attempt(limited_client, f"someone{i}@example.org", "guess", ATTACKER)

    response = attempt(limited_client, "somchai@example.org", PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert "Please try again in 1 minute." in response.get_data(as_text=True)


def test_addresses_of_one_ipv6_line_count_as_one(limited_client, user):
    for i in range(1, 11):
        attempt(limited_client, "somchai@example.org", "guess", f"2001:db8:7:8::{i:x}")

    response = attempt(limited_client, "somchai@example.org", "guess", "2001:db8:7:8:ffff::1")
    assert response.status_code == 429
    other_line = attempt(limited_client, "somchai@example.org", PASSWORD, "2001:db8:7:9::1")
    assert other_line.status_code == 302


def test_at_the_per_email_ceiling_the_owner_is_mailed_a_link_that_lets_her_log_in(
    limited_client, session, user
):
    from shop.accounts.login_limits import unlock_token

    user.locale = "my"
    mallory = UserFactory(email="mallory@example.org")
    session.commit()
    someone_elses = unlock_token(mallory)  # a link opens only the account it was mailed for
    session.commit()  # hold no SQLite lock while the other app serves requests
    reach_the_ceiling(limited_client)

    held = attempt(limited_client, "somchai@example.org", PASSWORD, OWNER_ADDRESS)

    assert held.status_code == 429
    assert MAILED in held.get_data(as_text=True)
    mails = outbox(limited_client)
    assert [mail.to for mail in mails] == [["somchai@example.org"]]
    with force_locale("my"):  # in her language
        assert mails[0].subject == gettext(SUBJECT)
        assert gettext("Ranong Cooperative Coffee") in mails[0].body
    path = unlock_path(mails[0])

    # The guessers stay held, whatever they send, and no second mail goes out this hour.
    assert attempt(limited_client, "somchai@example.org", "guess", ATTACKER).status_code == 429
    forged = attempt(limited_client, "somchai@example.org", "guess", "192.0.2.1", unlock="x.y.z")
    assert forged.status_code == 429
    other = attempt(limited_client, "somchai@example.org", "x", "192.0.2.2", unlock=someone_elses)
    assert other.status_code == 429
    assert len(outbox(limited_client)) == 1

    form = limited_client.get(path + "?lang=en", environ_base={"REMOTE_ADDR": OWNER_ADDRESS})
    html = form.get_data(as_text=True)
    assert form.status_code == 200
    assert 'value="somchai@example.org"' in html
    assert "you can still log in with your password" in html
    token = re.search(r'name="unlock" type="hidden" value="([^"]+)"', html).group(1)

    wrong = attempt(limited_client, "somchai@example.org", "a typo", OWNER_ADDRESS, unlock=token)
    assert wrong.status_code == 200  # a wrong password is still wrong; the form comes back
    assert f'value="{token}"' in wrong.get_data(as_text=True)
    owner = attempt(limited_client, "somchai@example.org", PASSWORD, OWNER_ADDRESS, unlock=token)
    assert owner.status_code == 302
    assert limited_client.get("/account?lang=en").status_code == 200


def test_an_email_without_an_account_gets_the_same_page_and_mails_nobody(limited_client, user):
    reach_the_ceiling(limited_client, "nobody@example.org")

    held = attempt(limited_client, "nobody@example.org", "guess", OWNER_ADDRESS)

    assert held.status_code == 429
    assert MAILED in held.get_data(as_text=True)
    assert outbox(limited_client) == []


@pytest.mark.parametrize("change", ["expired", "password changed", "forged"])
def test_an_unlock_link_stops_working(app, client, session, user, change):
    from shop.accounts.login_limits import unlock_token

    token = unlock_token(user)
    if change == "expired":
        app.config["LOGIN_UNLOCK_MAX_AGE"] = -1
    elif change == "password changed":
        user.set_password("four ripe rambutans")
        session.commit()
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    try:
        response = client.get(f"/account/unlock/{token}?lang=en")
    finally:
        app.config.pop("LOGIN_UNLOCK_MAX_AGE", None)

    assert response.status_code == 400
    assert "This link no longer works" in response.get_data(as_text=True)


@pytest.fixture
def behind_a_load_balancer(app, session):
    """A client of the shop behind one load balancer (TRUSTED_PROXIES=1, at 10.0.0.2), limits on."""
    enabled = limiter.enabled
    balanced = create_app(
        {
            **{key: app.config[key] for key in SHARED_SETTINGS},
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://",
            "TRUSTED_PROXIES": 1,
        }
    )
    balanced.test_client_class = app.test_client_class
    limiter.reset()
    yield balanced.test_client()
    limiter.reset()
    limiter.enabled = enabled
    with balanced.app_context():
        db.engine.dispose()


def through_the_balancer(client, client_address, password, forged=None):
    """A log-in attempt as the balancer passes it on: it appends the address it saw."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return client.post(
        "/account/login?lang=en",
        data={"email": "somchai@example.org", "password": password},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
        headers={"X-Forwarded-For": chain},
    )


def test_behind_a_load_balancer_each_buyer_keeps_her_own_address(behind_a_load_balancer, user):
    for i in range(12):  # the attacker writes a new address of her own into every request
        through_the_balancer(behind_a_load_balancer, ATTACKER, f"guess {i}", forged=f"192.0.2.{i}")
    held = through_the_balancer(behind_a_load_balancer, ATTACKER, "another guess")
    owner = through_the_balancer(behind_a_load_balancer, OWNER_ADDRESS, PASSWORD)

    assert held.status_code == 429
    assert owner.status_code == 302


def test_without_a_trusted_proxy_a_forwarded_for_header_is_ignored(limited_client, user):
    for i in range(10):
        limited_client.post(
            "/account/login?lang=en",
            data={"email": "somchai@example.org", "password": f"guess {i}"},
            environ_base={"REMOTE_ADDR": ATTACKER},
            headers={"X-Forwarded-For": f"192.0.2.{i}"},
        )
    held = attempt(limited_client, "somchai@example.org", "guess", ATTACKER)
    assert held.status_code == 429
