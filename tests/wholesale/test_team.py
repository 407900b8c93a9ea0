"""A partner admin builds the team: invites buyers by single-use links, removes them, sets each
one's spending limit per order. Buyers cannot manage the team; other partners see nothing of
it; a suspension takes effect on the next request."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.extensions import db
from shop.wholesale import services
from shop.wholesale.models import PartnerInvitation, PartnerMembership, PartnerRole
from tests.cart.builders import flashes, log_in, text_of
from tests.factories import UserFactory
from tests.wholesale.conftest import audit_actions, translated

LINK = re.compile(r"http://localhost(/wholesale/invitation/[A-Za-z0-9_-]+)")


def members(partner) -> dict[str, tuple[PartnerRole, int | None]]:
    db.session.expire_all()
    return {
        m.user.email: (m.role, m.spending_limit_satang)
        for m in db.session.scalars(
            select(PartnerMembership).where(PartnerMembership.partner_shop_id == partner.id)
        )
    }


def invite(client, email, limit=""):
    return client.post(
        "/wholesale/team/invite?lang=en", data={"email": email, "spending_limit": limit}
    )


@pytest.fixture
def admin_a(app, partners):
    client = app.test_client()
    log_in(client, "admin-a@example.org")
    return client


def test_an_invited_buyer_joins_with_a_new_account_through_the_mailed_link(
    app, admin_a, partners, mailbox
):
    response = invite(admin_a, "Ko.Thet@Example.org", "25,000")

    assert response.status_code == 302
    [mail] = mailbox
    assert mail.to == ["ko.thet@example.org"]
    assert mail.subject == translated(
        "Buy wholesale for %(partner)s on Ranong Cooperative Coffee", "my", partner=partners.a.name
    )
    path = LINK.search(mail.body).group(1)
    invitation = db.session.scalars(select(PartnerInvitation)).one()
    assert path.rsplit("/", 1)[1] not in invitation.token_hash  # only its hash is stored

    newcomer = app.test_client()
    assert "Choose your name and a password" in text_of(newcomer.get(path + "?lang=en"))
    response = newcomer.post(
        path + "?lang=en",
        data={
            "name": "Ko Thet",
            "phone": "09 423 318 766",
            "password": "a long enough password",
            "confirm": "a long enough password",
            "language": "my",
        },
    )

    assert response.status_code == 302
    assert members(partners.a)["ko.thet@example.org"] == (PartnerRole.BUYER, 2_500_000)
    page = text_of(newcomer.get("/wholesale/account?lang=en"))
    assert "Welcome to Shwe Pyi Thar Trading." in page
    assert "Buyer" in page
    assert "฿25,000" in page
    assert audit_actions() == ["partner.invite", "partner.join"]
    # The link worked once.
    assert app.test_client().get(path).status_code == 400


def test_someone_with_an_account_logs_in_and_confirms(app, admin_a, partners, mailbox):
    UserFactory(email="ma.su@example.org", name="Ma Su")
    db.session.commit()
    invite(admin_a, "ma.su@example.org")
    path = LINK.search(mailbox[0].body).group(1)
    invited = app.test_client()

    assert "Log in with it to accept" in text_of(invited.get(path + "?lang=en"))
    log_in(invited, "buyer-a@example.org")  # the wrong person on this device
    assert "This invitation is for ma.su@example.org" in text_of(invited.get(path + "?lang=en"))
    invited.post("/account/logout")
    log_in(invited, "ma.su@example.org")
    assert "Join the team" in text_of(invited.get(path + "?lang=en"))
    assert "ma.su@example.org" not in members(partners.a)  # a GET joins nobody

    assert invited.post(path + "?lang=en").status_code == 302
    assert members(partners.a)["ma.su@example.org"] == (PartnerRole.BUYER, None)


def test_a_member_of_another_partner_cannot_join_a_second_one(app, admin_a, partners, mailbox):
    invite(admin_a, "admin-b@example.org")
    path = LINK.search(mailbox[0].body).group(1)
    other = app.test_client()
    log_in(other, "admin-b@example.org")

    response = other.post(path + "?lang=en")

    assert response.status_code == 409
    assert "already belongs to another partner company" in text_of(response)
    assert "admin-b@example.org" not in members(partners.a)


def test_expired_withdrawn_and_unknown_links_are_refused(app, admin_a, partners, mailbox):
    invite(admin_a, "late@example.org")
    invite(admin_a, "withdrawn@example.org")
    late, withdrawn = (LINK.search(m.body).group(1) for m in mailbox)
    first = db.session.scalars(
        select(PartnerInvitation).where(PartnerInvitation.email == "late@example.org")
    ).one()
    first.expires_at -= timedelta(days=8)
    db.session.commit()
    second = db.session.scalars(
        select(PartnerInvitation).where(PartnerInvitation.email == "withdrawn@example.org")
    ).one()
    assert admin_a.post(f"/wholesale/team/invitations/{second.id}/revoke").status_code == 302

    for path in (late, withdrawn, "/wholesale/invitation/not-a-token"):
        response = app.test_client().get(path + "?lang=en")
        assert response.status_code == 400
        assert "This invitation cannot be used" in text_of(response)


def test_the_admin_sets_limits_and_removes_buyers(admin_a, partners):
    buyer = next(m for m in partners.a.members if m.role == PartnerRole.BUYER)
    prefix = f"member-{buyer.id}-spending_limit"

    admin_a.post(f"/wholesale/team/members/{buyer.id}/limit", data={prefix: "๑๒,๕๐๐.๕๐"})
    assert members(partners.a)["buyer-a@example.org"] == (PartnerRole.BUYER, 1_250_050)
    page = text_of(admin_a.get("/wholesale/team?lang=en"))
    assert "The spending limit of Ma Hnin is saved." in page
    assert f'name="{prefix}" placeholder="No limit" type="text" value="12500.50"' in page

    response = admin_a.post(f"/wholesale/team/members/{buyer.id}/limit", data={prefix: "lots"})
    assert ("error", "Enter an amount in baht, for example 15000 or 15,000.50.") in flashes(
        admin_a.get(response.headers["Location"] + "?lang=en")
    )
    admin_a.post(f"/wholesale/team/members/{buyer.id}/limit", data={prefix: ""})
    assert members(partners.a)["buyer-a@example.org"] == (PartnerRole.BUYER, None)

    admin_a.post(f"/wholesale/team/members/{buyer.id}/remove")
    assert "buyer-a@example.org" not in members(partners.a)
    assert audit_actions() == [
        "partner.spending_limit",
        "partner.spending_limit",
        "partner.remove_member",
    ]


def test_partner_admins_are_not_removed_or_limited_here(admin_a, partners):
    me = next(m for m in partners.a.members if m.role == PartnerRole.PARTNER_ADMIN)
    before = members(partners.a)

    for action, data in (("remove", {}), ("limit", {f"member-{me.id}-spending_limit": "100"})):
        response = admin_a.post(f"/wholesale/team/members/{me.id}/{action}?lang=en", data=data)
        assert (
            "error",
            "Partner admins are managed by the platform, not on this page.",
        ) in flashes(admin_a.get(response.headers["Location"] + "?lang=en"))
    assert members(partners.a) == before
    assert audit_actions() == []


def test_inviting_a_team_member_again_is_explained(admin_a, partners, mailbox):
    response = invite(admin_a, "buyer-a@example.org")

    assert response.status_code == 422
    assert "buyer-a@example.org is already on your team." in text_of(response)
    assert mailbox == []


def test_buyers_cannot_manage_the_team(app, partners):
    buyer = app.test_client()
    log_in(buyer, "buyer-a@example.org")
    member_id = partners.a.members[0].id

    assert buyer.get("/wholesale/account").status_code == 200
    for method, path in (
        ("GET", "/wholesale/team"),
        ("POST", "/wholesale/team/invite"),
        ("POST", f"/wholesale/team/members/{member_id}/remove"),
        ("POST", f"/wholesale/team/members/{member_id}/limit"),
    ):
        assert buyer.open(path, method=method, data={"email": "x@example.org"}).status_code == 403


def test_another_partners_admin_finds_none_of_our_team(app, admin_a, partners):
    invite(admin_a, "someone@example.org")
    invitation = db.session.scalars(select(PartnerInvitation)).one()
    buyer = next(m for m in partners.a.members if m.role == PartnerRole.BUYER)
    other = app.test_client()
    log_in(other, "admin-b@example.org")
    before = members(partners.a)

    assert "buyer-a@example.org" not in text_of(other.get("/wholesale/team"))
    for path in (
        f"/wholesale/team/members/{buyer.id}/remove",
        f"/wholesale/team/members/{buyer.id}/limit",
        f"/wholesale/team/invitations/{invitation.id}/revoke",
    ):
        assert other.post(path, data={f"member-{buyer.id}-spending_limit": "1"}).status_code == 404
    assert members(partners.a) == before
    db.session.refresh(invitation)
    assert invitation.revoked_at is None


def test_a_suspension_takes_effect_on_the_members_next_request(app, admin_a, partners, mailbox):
    assert admin_a.get("/wholesale/team").status_code == 200
    invite(admin_a, "pending@example.org")
    path = LINK.search(mailbox[0].body).group(1)

    with app.test_request_context():
        services.suspend(partners.a, actor=partners.admin)
        db.session.commit()

    assert admin_a.get("/wholesale/team").status_code == 403
    page = text_of(admin_a.get("/wholesale/account?lang=en"))
    assert "Your company's wholesale account is suspended" in page
    assert "Manage your team" not in page
    assert app.test_client().get(path).status_code == 400  # its invitations stop working too

    with app.test_request_context():
        services.reactivate(partners.a, actor=partners.admin)
        db.session.commit()
    assert admin_a.get("/wholesale/team").status_code == 200


@pytest.mark.parametrize("who", ["admin-waiting@example.org", "admin-suspended@example.org"])
def test_members_of_partners_not_approved_see_their_status_but_no_team(app, partners, who):
    client = app.test_client()
    log_in(client, who)

    assert client.get("/wholesale/account").status_code == 200
    assert client.get("/wholesale/team").status_code == 403
