"""Orders placed as a guest join the account of the same address only once its owner opened
the link mailed to it (issue 11, item 17): registering with someone's email shows nothing of
theirs; the link works once; a changed address must be proven again."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.accounts.models import User
from shop.extensions import db
from shop.orders.models import Order
from tests.cart.builders import build_coffee_shop, flashes, text_of
from tests.orders.buying import add_to_cart, checkout, order_of

PASSWORD = "three green mangoes"
PROOF_LINK = re.compile(r"http://localhost(/account/prove/[\w.\-]+)")


@pytest.fixture
def shop(session):
    built = build_coffee_shop()
    session.commit()
    return built


@pytest.fixture
def guest_order(app, shop) -> Order:
    """Malee buys a bag as a guest (her email typed with capitals)."""
    guest = app.test_client()
    add_to_cart(guest, shop.robusta, 1)
    return order_of(checkout(guest, email="Malee@Example.org"))


def _register(client, email="malee@example.org"):
    response = client.post(
        "/account/register?lang=en",
        data={
            "name": "Malee Srisuk",
            "email": email,
            "phone": "0812345678",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "language": "en",
        },
    )
    assert response.status_code == 302
    return db.session.scalars(select(User).where(User.email == email)).one()


def _proof_path(mailbox, to="malee@example.org") -> str:
    [found] = [
        PROOF_LINK.search(m.body) for m in mailbox if m.to == [to] and PROOF_LINK.search(m.body)
    ][-1:]
    return found.group(1)


def _owner(order_id: int) -> int | None:
    db.session.expire_all()
    return db.session.get(Order, order_id).user_id


def test_registering_with_the_guests_email_shows_none_of_her_orders(client, guest_order, mailbox):
    _register(client)

    page = text_of(client.get("/account?lang=en"))

    assert guest_order.number not in page
    assert "Your email address is not confirmed yet." in page
    assert _owner(guest_order.id) is None


def test_the_orders_join_the_account_once_the_mailed_link_is_opened(client, guest_order, mailbox):
    user = _register(client)
    path = _proof_path(mailbox)

    asked = client.get(f"{path}?lang=en")

    assert asked.status_code == 200
    assert "Confirm my email address" in text_of(asked)
    assert _owner(guest_order.id) is None  # opening the link (a mail scanner) proves nothing

    confirmed = client.post(f"{path}?lang=en")

    assert confirmed.location == "/account"
    page = client.get("/account?lang=en")
    assert ("success", "1 order placed without an account is now in your account.") in flashes(page)
    assert guest_order.number in text_of(page)
    assert "not confirmed yet" not in text_of(page)
    assert _owner(guest_order.id) == user.id


def test_the_link_works_once(app, client, guest_order, mailbox):
    _register(client)
    path = _proof_path(mailbox)
    client.post(path)

    again = app.test_client().post(f"{path}?lang=en")

    assert again.status_code == 400
    assert "This link no longer works" in text_of(again)


def test_the_link_works_from_another_browser_without_logging_in(app, client, guest_order, mailbox):
    user = _register(client)
    path = _proof_path(mailbox)

    phone = app.test_client()
    page = phone.post(f"{path}?lang=en")

    assert page.status_code == 200
    assert "1 order placed without an account with this address is now in your account." in (
        text_of(page)
    )
    assert _owner(guest_order.id) == user.id


@pytest.mark.parametrize("token", ["nonsense", "eyJ1c2VyIjoxfQ.forged.signature"])
def test_a_forged_link_proves_nothing(client, guest_order, mailbox, token):
    _register(client)

    response = client.post(f"/account/prove/{token}?lang=en")

    assert response.status_code == 400
    assert _owner(guest_order.id) is None


def test_a_new_address_must_be_proven_again_and_the_old_link_dies(client, guest_order, mailbox):
    user = _register(client, email="malee.old@example.org")
    old_path = _proof_path(mailbox, "malee.old@example.org")
    mailbox.clear()

    client.post(
        "/account/profile?lang=en",
        data={
            "name": "Malee Srisuk",
            "email": "malee@example.org",
            "phone": "0812345678",
            "language": "en",
            "current_password": PASSWORD,
        },
    )

    assert client.post(old_path).status_code == 400
    assert _owner(guest_order.id) is None
    [mail] = [m for m in mailbox if m.to == ["malee@example.org"]]
    assert "the 1 order placed without an account with this address appears" in mail.body
    client.post(_proof_path(mailbox))
    assert _owner(guest_order.id) == user.id


def test_a_guest_order_placed_after_the_proof_joins_at_the_next_log_in(app, client, shop, mailbox):
    user = _register(client)
    client.post(_proof_path(mailbox))
    client.post("/account/logout")
    guest = app.test_client()
    add_to_cart(guest, shop.robusta, 1)
    later = order_of(checkout(guest, email="malee@example.org"))
    assert _owner(later.id) is None

    client.post("/account/login?lang=en", data={"email": "malee@example.org", "password": PASSWORD})

    assert _owner(later.id) == user.id


def test_an_order_of_another_account_is_never_taken(app, client, shop, mailbox):
    first = _register(client)
    add_to_cart(client, shop.robusta, 1)
    own = order_of(checkout(client, email="malee@example.org"))
    assert _owner(own.id) == first.id
    client.post("/account/logout")
    mailbox.clear()
    other = app.test_client()
    second = _register(other, email="malee2@example.org")

    other.post(_proof_path(mailbox, "malee2@example.org"))

    assert _owner(own.id) == first.id != second.id
