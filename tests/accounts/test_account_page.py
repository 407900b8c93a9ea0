"""The account page: one's details, language and orders."""

import secrets
from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.accounts.models import User
from shop.core.db import utcnow
from shop.orders.models import Order, PaymentMethod
from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory


@pytest.fixture
def somchai(client, user, login):
    login(client, "somchai@example.org")
    return user


def details(**changes):
    return {
        "name": "สมชาย ใจดี",
        "email": "somchai@example.org",
        "phone": "0812345678",
        "language": "th",
        "current_password": "",
        **changes,
    }


def test_guests_are_sent_to_log_in(client, session):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login?next=%2Faccount"


def test_a_customer_changes_name_and_language(client, session, somchai):
    response = client.post("/account/profile", data=details(name="Somchai J.", language="my"))

    assert response.status_code == 302
    assert client.get_cookie("lang").value == "my"
    session.expire_all()
    assert (somchai.name, somchai.locale) == ("Somchai J.", "my")
    page = client.get("/account").get_data(as_text=True)
    assert '<html lang="my">' in page
    assert 'value="Somchai J."' in page


def test_a_new_email_needs_the_current_password(client, session, somchai):
    refused = client.post("/account/profile?lang=en", data=details(email="new@example.org"))
    assert "please enter your current password" in refused.get_data(as_text=True)
    wrong = client.post(
        "/account/profile?lang=en",
        data=details(email="new@example.org", current_password="not my password"),
    )
    assert "This is not your current password." in wrong.get_data(as_text=True)
    session.expire_all()
    assert somchai.email == "somchai@example.org"

    accepted = client.post(
        "/account/profile", data=details(email="New@Example.org", current_password=PASSWORD)
    )
    assert accepted.status_code == 302
    session.expire_all()
    assert somchai.email == "new@example.org"


def test_an_email_of_another_account_is_refused(client, session, somchai):
    UserFactory(email="taken@example.org")
    session.commit()

    response = client.post(
        "/account/profile?lang=en",
        data=details(email="taken@example.org", current_password=PASSWORD),
    )

    assert "An account with this email address already exists" in response.get_data(as_text=True)
    assert session.scalars(select(User.email).order_by(User.id)).all() == [
        "somchai@example.org",
        "taken@example.org",
    ]


def test_the_orders_of_the_customer_are_listed(client, session, somchai):
    session.add(
        Order(
            number="RN-4827-3915",
            token=secrets.token_urlsafe(24),
            user_id=somchai.id,
            email=somchai.email,
            payment_method=PaymentMethod.TRANSFER,
            ship_name="สมชาย ใจดี",
            ship_phone="0812345678",
            ship_line1="99/1 ถนนเพชรเกษม",
            ship_subdistrict="บางนอน",
            ship_district="เมืองระนอง",
            ship_province="TH-85",
            ship_postcode="85000",
            goods_satang=36000,
            shipping_satang=5000,
            total_satang=41000,
            expires_at=utcnow() + timedelta(days=1),
        )
    )
    session.commit()

    page = client.get("/account?lang=en").get_data(as_text=True)

    assert "RN-4827-3915" in page
    assert "฿410" in page
    assert "Waiting for payment" in page


def test_no_orders_yet_says_so(client, somchai):
    page = client.get("/account?lang=en").get_data(as_text=True)
    assert "You have not ordered anything yet." in page
