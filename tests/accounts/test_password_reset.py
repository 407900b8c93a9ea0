"""Forgotten passwords: the same answer for every address, a link that works once, in time."""

import re

from flask_babel import force_locale, gettext

from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory

SENT = "If an account exists for"
NEW_PASSWORD = "four ripe rambutans"


def ask_for_link(client, email):
    return client.post("/account/reset?lang=en", data={"email": email})


def link_in(mail) -> str:
    match = re.search(r"http://localhost(/account/reset/\S+)", mail.body)
    assert match, mail.body
    return match.group(1)


def choose_password(client, path, password=NEW_PASSWORD):
    return client.post(path, data={"password": password, "confirm": password})


def test_the_reset_mail_is_in_the_customers_language_and_its_link_works_once(
    client, session, user, mailbox, login
):
    user.locale = "my"
    session.commit()

    response = ask_for_link(client, "Somchai@Example.org")

    assert SENT in response.get_data(as_text=True)
    assert len(mailbox) == 1
    mail = mailbox[0]
    assert mail.to == ["somchai@example.org"]
    with force_locale("my"):
        assert gettext("Ranong Cooperative Coffee") in mail.body
    path = link_in(mail)

    form = client.get(path + "?lang=en")
    assert form.status_code == 200
    assert "Choose a new password" in form.get_data(as_text=True)
    assert 'autocomplete="new-password"' in form.get_data(as_text=True)

    done = choose_password(client, path)
    assert done.status_code == 302
    assert done.headers["Location"] == "/account"
    assert "somchai@example.org" in client.get("/account").get_data(as_text=True)

    used_again = client.get(path + "?lang=en")
    assert used_again.status_code == 400
    assert "This link no longer works" in used_again.get_data(as_text=True)
    assert choose_password(client, path, "a fifth fruit, longan").status_code == 400

    client.post("/account/logout")
    assert login(client, "somchai@example.org", PASSWORD).status_code == 200
    assert login(client, "somchai@example.org", NEW_PASSWORD).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, user, mailbox):
    known = ask_for_link(client, "somchai@example.org").get_data(as_text=True)
    unknown = ask_for_link(client, "nobody@example.org").get_data(as_text=True)

    assert SENT in unknown
    assert unknown.replace("nobody@example.org", "") == known.replace("somchai@example.org", "")
    assert len(mailbox) == 1


def test_an_expired_link_is_refused(app, client, user, mailbox):
    ask_for_link(client, "somchai@example.org")
    path = link_in(mailbox[0])
    max_age = app.config.get("PASSWORD_RESET_MAX_AGE")
    app.config["PASSWORD_RESET_MAX_AGE"] = -1  # every link is older than that
    try:
        response = client.get(path + "?lang=en")
        assert response.status_code == 400
        assert "This link no longer works" in response.get_data(as_text=True)
        assert choose_password(client, path).status_code == 400
    finally:
        if max_age is None:
            del app.config["PASSWORD_RESET_MAX_AGE"]
        else:
            app.config["PASSWORD_RESET_MAX_AGE"] = max_age
    assert user.check_password(PASSWORD)


def test_a_tampered_link_is_refused(client, user, mailbox):
    ask_for_link(client, "somchai@example.org")
    path = link_in(mailbox[0])
    assert client.get(path[:-3] + "abc").status_code == 400


def test_an_older_link_stops_working_once_the_password_changes(client, user, mailbox):
    ask_for_link(client, "somchai@example.org")
    ask_for_link(client, "somchai@example.org")
    first, second = link_in(mailbox[0]), link_in(mailbox[1])

    assert choose_password(client, second).status_code == 302
    assert client.get(first).status_code == 400


def test_the_new_password_must_be_long_enough_and_typed_twice(client, user, mailbox):
    ask_for_link(client, "somchai@example.org")
    path = link_in(mailbox[0]) + "?lang=en"

    short = choose_password(client, path, "short")
    assert "Your password needs at least 10 characters." in short.get_data(as_text=True)
    mismatch = client.post(path, data={"password": NEW_PASSWORD, "confirm": "something else"})
    assert "The two passwords are not the same." in mismatch.get_data(as_text=True)
    assert user.check_password(PASSWORD)


def test_resetting_the_password_logs_in_on_a_new_session(client, user, mailbox):
    ask_for_link(client, "somchai@example.org")
    path = link_in(mailbox[0])
    with client.session_transaction() as guest_session:
        guest_session["planted"] = "by someone else"

    choose_password(client, path)

    with client.session_transaction() as new_session:
        assert "planted" not in new_session
        assert new_session["_user_id"] == user.get_id()


def test_a_reset_on_a_shared_device_forgets_whoever_was_remembered_there(
    client, session, user, mailbox, login
):
    UserFactory(email="shop-counter@example.org")
    session.commit()
    login(client, "shop-counter@example.org", remember="y")
    assert client.get_cookie("remember_token") is not None
    ask_for_link(client, "somchai@example.org")

    choose_password(client, link_in(mailbox[0]))

    assert client.get_cookie("remember_token") is None
    assert "somchai@example.org" in client.get("/account").get_data(as_text=True)
