"""Owners bring in their staff by invitation, and can remove them."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.core.db import utcnow
from shop.platform.models import AuditEntry, Invitation
from tests.factories import CooperativeFactory, UserFactory

PASSWORD = "correct horse battery"


def log_in(client, email, password=PASSWORD):
    response = client.post("/account/login", data={"email": email, "password": password})
    assert response.status_code == 302


@pytest.fixture
def cooperative(session):
    coop = CooperativeFactory(slug="la-un", name_en="La-un Growers")
    owner = UserFactory(email="owner@la-un.example.org", name="Somchai Owner")
    staff = UserFactory(email="staff@la-un.example.org", name="Malee Staff")
    session.add_all(
        [
            CooperativeMembership(user=owner, cooperative=coop, role=MembershipRole.OWNER),
            CooperativeMembership(user=staff, cooperative=coop, role=MembershipRole.STAFF),
        ]
    )
    session.commit()
    return coop


def invitation_link(mailbox) -> str:
    [mail] = [m for m in mailbox if "/account/invitation/" in m.body]
    return re.search(r"http://localhost(/account/invitation/\S+)", mail.body).group(1)


def test_an_invited_newcomer_sets_a_password_and_works_in_the_cooperative(
    app, client, session, cooperative, mailbox
):
    log_in(client, "owner@la-un.example.org")
    client.post("/seller/staff/invite", data={"email": "New@Example.org", "role": "staff"})
    link = invitation_link(mailbox)
    client.post("/account/logout")

    newcomer = app.test_client()
    form = newcomer.get(link + "?lang=en")
    assert "new@example.org" in form.text
    joined = newcomer.post(
        link,
        data={
            "name": "Aree Newcomer",
            "phone": "0812345678",
            "password": "a long new password",
            "confirm": "a long new password",
            "language": "th",
        },
    )
    assert joined.status_code == 302
    assert "La-un Growers" in newcomer.get("/seller?lang=en").text
    user = session.scalars(select(User).where(User.email == "new@example.org")).one()
    assert [m.cooperative_id for m in user.memberships] == [cooperative.id]
    assert newcomer.get(link).status_code == 400  # a link works once


def test_an_existing_customer_logs_in_to_accept(app, client, session, cooperative, mailbox):
    UserFactory(email="customer@example.org")
    session.commit()
    log_in(client, "owner@la-un.example.org")
    client.post("/seller/staff/invite", data={"email": "customer@example.org", "role": "staff"})
    link = invitation_link(mailbox)

    customer = app.test_client()
    assert "Log in" in customer.get(link + "?lang=en").text
    log_in(customer, "customer@example.org")
    assert customer.get(link).status_code == 302
    assert customer.get("/seller").status_code == 200


def test_an_expired_invitation_is_refused(app, client, session, cooperative, mailbox):
    log_in(client, "owner@la-un.example.org")
    client.post("/seller/staff/invite", data={"email": "late@example.org", "role": "staff"})
    link = invitation_link(mailbox)
    invitation = session.scalars(select(Invitation)).one()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    session.commit()
    assert app.test_client().get(link).status_code == 400


def test_staff_who_are_not_owners_cannot_manage_staff(client, cooperative):
    log_in(client, "staff@la-un.example.org")
    assert client.get("/seller/staff").status_code == 403
    refused = client.post("/seller/staff/invite", data={"email": "x@example.org"})
    assert refused.status_code == 403


def test_owners_remove_staff_but_never_the_last_owner(client, session, cooperative):
    members = {m.user.email: m for m in session.scalars(select(CooperativeMembership))}
    other = CooperativeFactory(slug="kapoe")
    stranger = CooperativeMembership(user=UserFactory(), cooperative=other)
    session.add(stranger)
    session.commit()
    staff_id, owner_id, stranger_id = (
        members["staff@la-un.example.org"].id,
        members["owner@la-un.example.org"].id,
        stranger.id,
    )
    log_in(client, "owner@la-un.example.org")

    assert client.post(f"/seller/staff/{stranger_id}/remove").status_code == 404
    client.post(f"/seller/staff/{staff_id}/remove")
    client.post(f"/seller/staff/{owner_id}/remove")
    session.expire_all()
    remaining = {m.user.email for m in session.scalars(select(CooperativeMembership))}
    assert "staff@la-un.example.org" not in remaining
    assert "owner@la-un.example.org" in remaining
    actions = [e.action for e in session.scalars(select(AuditEntry))]
    assert "staff.remove" in actions
