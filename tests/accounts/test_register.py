"""Creating an account: the form's checks, the welcome mail and the first log-in."""

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from shop.accounts.models import User

GOOD = {
    "name": "Aye Aye Mon",
    "email": "AyeAye@Example.org ",
    "phone": "+66 81-234-5678",
    "password": "three green mangoes",
    "confirm": "three green mangoes",
    "language": "my",
}


def register(client, **changes):
    client.set_cookie("lang", "en")
    return client.post("/account/register", data={**GOOD, **changes})


def users(session) -> int:
    return session.scalar(select(func.count()).select_from(User))


def test_a_new_customer_registers_is_logged_in_and_welcomed_in_her_language(
    client, session, mailbox
):
    response = register(client)

    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    created = session.scalars(select(User)).one()
    assert created.email == "ayeaye@example.org"
    assert created.phone == "0812345678"
    assert created.locale == "my"
    assert created.check_password("three green mangoes")

    page = client.get("/account").get_data(as_text=True)
    assert "ayeaye@example.org" in page

    assert [m.to for m in mailbox] == [["ayeaye@example.org"]]
    with force_locale("my"):
        shop_name_in_burmese = gettext("Ranong Cooperative Coffee")
    assert shop_name_in_burmese != "Ranong Cooperative Coffee"
    assert shop_name_in_burmese in mailbox[0].body
    assert "Aye Aye Mon" in mailbox[0].body


def test_the_chosen_language_becomes_the_shop_language(client, session):
    register(client, language="th")
    assert client.get_cookie("lang").value == "th"


def test_registering_goes_back_to_a_local_next_page(client, session):
    response = client.post("/account/register", data={**GOOD, "next": "/products?q=coffee"})
    assert response.headers["Location"] == "/products?q=coffee"


def test_an_email_with_an_account_is_refused_with_a_clear_message(client, session, user, mailbox):
    response = register(client, email="SOMCHAI@example.org")

    assert response.status_code == 200
    assert "An account with this email address already exists" in response.get_data(as_text=True)
    assert users(session) == 1
    assert mailbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "12345"}, "Please enter a Thai phone number"),
        ({"phone": "+95 9 123 456 789"}, "Please enter a Thai phone number"),
        ({"password": "short", "confirm": "short"}, "Your password needs at least 10 characters."),
        ({"confirm": "three green papayas"}, "The two passwords are not the same."),
        ({"email": "not-an-email"}, "Please enter a valid email address"),
        ({"name": "  "}, "Please enter your name."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(
    client, session, mailbox, changes, message
):
    response = register(client, **changes)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    assert users(session) == 0
    assert mailbox == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("081 234 5678", "0812345678"),
        ("02-123-4567", "021234567"),
        ("+66812345678", "0812345678"),
        ("๐๘๑๒๓๔๕๖๗๘", "0812345678"),
    ],
)
def test_thai_phone_numbers_are_stored_in_one_form(client, session, typed, stored):
    assert register(client, phone=typed).status_code == 302
    assert session.scalars(select(User.phone)).one() == stored


def test_the_form_is_labelled_for_browsers_and_screen_readers(client, session):
    html = client.get("/account/register?lang=en").get_data(as_text=True)
    for attribute in (
        'autocomplete="name"',
        'autocomplete="email"',
        'autocomplete="tel"',
        'autocomplete="new-password"',
        '<label for="email">',
        'aria-describedby="password-hint"',
    ):
        assert attribute in html
    assert '<option lang="en" selected value="en">English</option>' in html
    assert '<option lang="my" value="my">မြန်မာ</option>' in html
