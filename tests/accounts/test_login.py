"""Logging in and out: one message for every failure, a fresh session, safe redirects, limits."""

import re

import pytest
from sqlalchemy import select

from shop.cart.models import Cart
from shop.cart.services import add_item, find_cart, new_cart
from tests.accounts.conftest import PASSWORD
from tests.factories import VariantFactory

FAILED = "Email or password is incorrect."


def logged_in_as(client) -> str | None:
    response = client.get("/account?lang=en")
    if response.status_code != 200:
        return None
    match = re.search(r"Logged in as ([^<]+)\.", response.get_data(as_text=True))
    return match.group(1) if match else None


def test_a_customer_logs_in_and_sees_the_account(client, user, login):
    response = login(client, "Somchai@Example.org")

    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert logged_in_as(client) == "somchai@example.org"


@pytest.mark.parametrize(
    ("email", "password"),
    [("somchai@example.org", "wrong horse battery"), ("nobody@example.org", PASSWORD)],
)
def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(
    client, user, login, email, password
):
    response = login(client, email, password)

    assert response.status_code == 200
    assert FAILED in response.get_data(as_text=True)
    assert logged_in_as(client) is None


def test_a_deactivated_account_cannot_log_in(client, session, user, login):
    user.active = False
    session.commit()
    response = login(client, "somchai@example.org")
    assert FAILED in response.get_data(as_text=True)
    assert logged_in_as(client) is None


def test_logging_in_starts_a_new_session(client, user, login):
    with client.session_transaction() as guest_session:
        guest_session["planted"] = "by someone else"
    before = client.get_cookie("session").value

    login(client, "somchai@example.org")

    assert client.get_cookie("session").value != before
    with client.session_transaction() as new_session:
        assert "planted" not in new_session
        assert new_session["_user_id"] == user.get_id()


def test_the_guest_cart_moves_into_the_customers_cart(client, session, user, login):
    coffee, cashews = VariantFactory(stock=10), VariantFactory(stock=10)
    mine = new_cart(user.id)
    add_item(mine, coffee.id, 1)
    guest = new_cart(None)
    add_item(guest, coffee.id, 2)
    add_item(guest, cashews.id, 1)
    session.commit()
    guest_id = guest.id
    with client.session_transaction() as guest_session:
        guest_session["cart_token"] = guest.token

    login(client, "somchai@example.org")

    session.expire_all()
    cart = find_cart(user_id=user.id, token=None)
    assert {line.variant_id: line.quantity for line in cart.lines} == {coffee.id: 3, cashews.id: 1}
    assert session.get(Cart, guest_id) is None


def test_a_guest_cart_becomes_the_cart_of_a_customer_who_had_none(client, session, user, login):
    guest = new_cart(None)
    add_item(guest, VariantFactory(stock=5).id, 2)
    session.commit()
    with client.session_transaction() as guest_session:
        guest_session["cart_token"] = guest.token

    login(client, "somchai@example.org")

    session.expire_all()
    assert session.scalars(select(Cart.user_id)).all() == [user.id]


@pytest.mark.parametrize(
    ("next_page", "lands_on"),
    [
        ("/products?q=coffee", "/products?q=coffee"),
        ("/account/addresses/new", "/account/addresses/new"),
        ("//evil.example/", "/account"),
        ("http://evil.example/", "/account"),
        ("https:evil.example", "/account"),
        ("/\\evil.example", "/account"),
        ("\\\\evil.example", "/account"),
        ("/\t/evil.example", "/account"),
        ("javascript:alert(1)", "/account"),
    ],
)
def test_after_log_in_only_pages_of_this_shop_are_followed(
    client, user, login, next_page, lands_on
):
    response = login(client, "somchai@example.org", next=next_page)
    assert response.headers["Location"] == lands_on


def test_the_next_page_survives_a_failed_attempt(client, user, login):
    html = client.get("/account/login?next=/products").get_data(as_text=True)
    assert 'name="next" type="hidden" value="/products"' in html

    failed = login(client, "somchai@example.org", "wrong", next="/products")
    assert 'value="/products"' in failed.get_data(as_text=True)


def test_pages_that_need_an_account_send_guests_to_log_in_and_back(client, user, login):
    response = client.get("/account/addresses/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login?next=%2Faccount%2Faddresses%2Fnew"

    back = login(client, "somchai@example.org", next="/account/addresses/new")
    assert back.headers["Location"] == "/account/addresses/new"


def test_remember_me_keeps_a_long_lived_cookie(client, user, login):
    login(client, "somchai@example.org", remember="y")
    assert client.get_cookie("remember_token") is not None


def test_a_logged_in_customer_is_not_shown_the_login_form_again(client, user, login):
    login(client, "somchai@example.org")
    response = client.get("/account/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"


def test_logging_out_takes_a_post_and_ends_the_session(client, user, login):
    login(client, "somchai@example.org")
    assert client.get("/account/logout").status_code == 405
    assert logged_in_as(client) == "somchai@example.org"

    response = client.post("/account/logout")

    assert response.status_code == 302
    assert logged_in_as(client) is None


def test_forms_and_log_out_refuse_posts_without_the_csrf_token(app, client, user):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        refused = client.post(
            "/account/login", data={"email": "somchai@example.org", "password": PASSWORD}
        )
        assert refused.status_code == 400
        assert logged_in_as(client) is None

        html = client.get("/account/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        accepted = client.post(
            "/account/login",
            data={"email": "somchai@example.org", "password": PASSWORD, "csrf_token": token},
        )
        assert accepted.status_code == 302
        assert logged_in_as(client) == "somchai@example.org"

        assert client.post("/account/logout").status_code == 400
        assert logged_in_as(client) == "somchai@example.org"
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_too_many_attempts_from_one_address_get_a_friendly_429(limited_client, user, login):
    for _ in range(10):
        assert login(limited_client, "somchai@example.org", "a guess").status_code == 200

    response = login(limited_client, "somchai@example.org")

    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Too many attempts" in html
    assert "Please try again in 1 minute." in html
    assert "Traceback" not in html
    assert "Retry-After" in response.headers
    assert logged_in_as(limited_client) is None


def test_successful_log_ins_do_not_use_up_the_limit(limited_client, user, login):
    for _ in range(12):
        assert login(limited_client, "somchai@example.org").status_code == 302
        limited_client.post("/account/logout")


def test_logging_out_also_forgets_a_remembered_log_in(client, user, login):
    login(client, "somchai@example.org", remember="y")
    client.post("/account/logout")

    assert client.get_cookie("remember_token") is None
    assert logged_in_as(client) is None
