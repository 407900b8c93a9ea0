"""Where people land (issue 11, item 16): each role on its own home after logging in, a safe
``next`` first; and every page answers with and without the trailing slash people type."""

from __future__ import annotations

import pytest

from shop.accounts.models import MembershipRole
from tests.factories import CooperativeFactory, PartnerShopFactory, UserFactory, partner_member
from tests.platform.builders import staff_of

PASSWORD = "correct horse battery"


def _log_in(client, email: str, next_: str | None = None):
    data = {"email": email, "password": PASSWORD}
    if next_ is not None:
        data["next"] = next_
    response = client.post("/account/login?lang=en", data=data)
    assert response.status_code == 302, "log-in failed"
    return response.location


@pytest.fixture
def people(session):
    coop = CooperativeFactory()
    found = {
        "admin": UserFactory(email="office@ranong-coop.example.org", is_platform_admin=True),
        "owner": staff_of(coop, "owner@la-un.example.org"),
        "staff": staff_of(coop, "staff@la-un.example.org", MembershipRole.STAFF),
        "partner": partner_member(PartnerShopFactory(), "buyer@shwepyithar.example.org"),
        "customer": UserFactory(email="somchai@example.org"),
    }
    session.commit()
    return {role: user.email for role, user in found.items()}


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("admin", "/admin"),
        ("owner", "/seller"),
        ("staff", "/seller"),
        ("partner", "/wholesale/account"),
        ("customer", "/account"),
    ],
)
def test_each_role_lands_on_its_home_after_logging_in(client, people, role, home):
    assert _log_in(client, people[role]) == home
    assert client.get(home).status_code == 200


@pytest.mark.parametrize("role", ["admin", "staff", "customer"])
def test_a_page_asked_for_before_logging_in_comes_first(client, people, role):
    assert _log_in(client, people[role], next_="/orders/find?lang=en") == "/orders/find?lang=en"


@pytest.mark.parametrize("target", ["//evil.example/admin", "https://evil.example/", "/\\evil"])
def test_an_unsafe_next_lands_on_the_home_instead(client, people, target):
    assert _log_in(client, people["admin"], next_=target) == "/admin"


def test_the_login_page_sends_a_logged_in_admin_home(client, people):
    _log_in(client, people["admin"])

    assert client.get("/account/login").location == "/admin"


# --- the trailing slash ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "page"),
    [
        ("/seller/", "/seller"),
        ("/admin/", "/admin"),
        ("/account/", "/account"),
        ("/cart/", "/cart"),
        ("/wholesale/", "/wholesale"),
        ("/products/", "/products"),
        ("/cooperatives/", "/cooperatives"),
        ("/admin/payments/", "/admin/payments"),
        ("/products/?q=robusta&lang=en", "/products?q=robusta&lang=en"),
    ],
)
def test_an_address_typed_with_a_trailing_slash_leads_to_the_page(client, people, typed, page):
    _log_in(client, people["admin"])

    response = client.get(typed)

    assert response.status_code == 308
    assert response.location == page


def test_the_backend_roots_with_a_slash_open_the_backends(client, people):
    _log_in(client, people["owner"])
    assert client.get("/seller/", follow_redirects=True).status_code == 200
    client.post("/account/logout")
    _log_in(client, people["admin"])
    assert client.get("/admin/", follow_redirects=True).status_code == 200


@pytest.mark.parametrize("typed", ["/nothing-here/", "//evil.example/", "/seller/nothing/"])
def test_a_slash_on_an_unknown_address_is_still_not_found(client, people, typed):
    response = client.get(typed)

    assert response.status_code != 308
    assert "evil.example" not in (response.location or "")


def test_a_form_posted_to_an_address_with_a_slash_keeps_its_method(client, people):
    response = client.post("/account/logout/")

    assert response.status_code == 308  # the browser posts again to the address without it
    assert response.location == "/account/logout"
