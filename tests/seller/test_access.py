"""The seller backend opens only for a cooperative's own staff, inside that cooperative."""

import pytest

from shop.accounts.models import CooperativeMembership, MembershipRole
from tests.factories import CooperativeFactory, UserFactory

PASSWORD = "correct horse battery"


def log_in(client, email):
    response = client.post("/account/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def two_cooperatives(session):
    la_un = CooperativeFactory(slug="la-un", name_en="La-un Growers")
    kapoe = CooperativeFactory(slug="kapoe", name_en="Kapoe Cooperative")
    staff = UserFactory(email="staff@la-un.example.org")
    both = UserFactory(email="both@example.org")
    session.add_all(
        [
            CooperativeMembership(user=staff, cooperative=la_un, role=MembershipRole.STAFF),
            CooperativeMembership(user=both, cooperative=la_un, role=MembershipRole.OWNER),
            CooperativeMembership(user=both, cooperative=kapoe, role=MembershipRole.STAFF),
        ]
    )
    UserFactory(email="customer@example.org")
    session.commit()
    return la_un, kapoe


def test_staff_see_their_own_cooperatives_dashboard(client, two_cooperatives):
    log_in(client, "staff@la-un.example.org")
    response = client.get("/seller?lang=en")
    assert response.status_code == 200
    assert "La-un Growers" in response.text
    assert "Kapoe Cooperative" not in response.text


def test_customers_are_refused_and_visitors_sent_to_log_in(client, two_cooperatives):
    assert client.get("/seller").status_code == 302
    log_in(client, "customer@example.org")
    assert client.get("/seller").status_code == 403


def test_a_member_of_two_cooperatives_switches_between_them(client, two_cooperatives):
    la_un, kapoe = two_cooperatives
    log_in(client, "both@example.org")
    assert "La-un Growers" in client.get("/seller?lang=en").text
    client.post("/seller/switch", data={"cooperative_id": kapoe.id})
    page = client.get("/seller?lang=en").text
    assert "<h1>Kapoe Cooperative</h1>" in page


def test_nobody_switches_into_a_cooperative_they_do_not_belong_to(client, two_cooperatives):
    la_un, kapoe = two_cooperatives
    log_in(client, "staff@la-un.example.org")
    assert client.post("/seller/switch", data={"cooperative_id": kapoe.id}).status_code == 404
    assert "<h1>La-un Growers</h1>" in client.get("/seller?lang=en").text
