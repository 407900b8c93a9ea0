"""Tenants are walls: every backend route refuses the wrong role and the wrong cooperative.

The test walks the URL map, so a new /seller or /admin route is checked without anyone
adding it here: visitors are sent to log in, customers get 403, staff of another cooperative
get 404 for this cooperative's ids (403 on admin pages), staff who are not owners cannot manage
staff, and none of these requests changes anything in the database.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.catalog.models import ProductImage
from shop.core.db import utcnow
from shop.extensions import db
from shop.payments.services import confirm_transfer
from shop.platform.models import Invitation
from shop.wholesale.models import PartnerInvitation, PartnerRole, PartnerShopStatus
from tests.cart.builders import build_coffee_shop
from tests.factories import (
    CooperativeFactory,
    PartnerShopFactory,
    PriceListFactory,
    UserFactory,
    partner_member,
)
from tests.orders.buying import buy
from tests.test_csrf import every_row, url_for_rule

PASSWORD = "correct horse battery"
WHOLESALE = ("wholesale.", "wholesale_lists.", "wholesale_sheet.")
BACKEND = ("seller.", "platform.", "payments.", *WHOLESALE)
NOT_BACKEND = {"payments.stripe_webhook", "wholesale.apply", "wholesale.accept_invitation"}
MEMBER_PAGES = {"wholesale.account"}  # every member of a partner, whatever its status
# Every member of an approved partner, buyers too; members of another partner are sent to
# their account page, which says why.
PARTNER_PAGES = {
    "wholesale.quick_order",
    "wholesale.checkout",
    "wholesale.order_list",
    "wholesale.order_detail",
    "wholesale.proforma",
    "wholesale.document",
    "wholesale.reorder",
    "wholesale.statement",
    "wholesale.send_slip",
    "wholesale_sheet.upload",
    "wholesale_sheet.template",
    "wholesale_lists.index",
    "wholesale_lists.from_cart",
    "wholesale_lists.from_order",
    "wholesale_lists.show",
    "wholesale_lists.rename",
    "wholesale_lists.quantities",
    "wholesale_lists.remove_line",
    "wholesale_lists.delete",
    "wholesale_lists.order",
}
OWNER_ONLY = {
    "seller.staff",
    "seller.invite_staff",
    "seller.remove_staff",
    "seller.revoke_invitation",
    "seller.audit",
    "seller.settings",
}


def backend_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(BACKEND) and rule.endpoint not in NOT_BACKEND:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


@pytest.fixture
def world(app, client, session):
    """Cooperative A with products, pictures, a paid order, staff and an invitation;
    cooperative B with its own owner; a customer and a platform admin; partner company A with
    its admin, a buyer and an invitation, partner B with its admin, a suspended partner's admin,
    and a price list."""
    shop = build_coffee_shop()
    order = buy(client, (shop.robusta, 1))
    with app.test_request_context(method="POST"):
        admin = UserFactory(email="admin@example.org", is_platform_admin=True)
        session.flush()
        confirm_transfer(order.payments[0], admin.id)
        session.commit()
    seller_order = order.seller_orders[0]
    coop_a = seller_order.cooperative
    product = shop.robusta.product
    image = ProductImage(product_id=product.id, stem="f" * 32, width=800, height=800)
    owner_a = UserFactory(email="owner-a@example.org")
    staff_a = UserFactory(email="staff-a@example.org")
    staff_membership = CooperativeMembership(
        user=staff_a, cooperative=coop_a, role=MembershipRole.STAFF
    )
    session.add_all([image, staff_membership])
    coop_b = CooperativeFactory(slug="other-coop")
    owner_b = UserFactory(email="owner-b@example.org")
    session.add_all(
        [
            CooperativeMembership(user=owner_a, cooperative=coop_a, role=MembershipRole.OWNER),
            CooperativeMembership(user=owner_b, cooperative=coop_b, role=MembershipRole.OWNER),
        ]
    )
    UserFactory(email="customer@example.org")
    session.flush()
    invitation = Invitation(
        email="new@example.org",
        cooperative=coop_a,
        token_hash="0" * 64,
        expires_at=utcnow() + timedelta(days=1),
    )
    session.add(invitation)
    price_list = PriceListFactory()
    partner_a = PartnerShopFactory(price_list=price_list)
    partner_member(partner_a, "partner-admin-a@example.org")
    buyer_a = partner_member(partner_a, "buyer-a@example.org", PartnerRole.BUYER)
    partner_member(PartnerShopFactory(), "partner-admin-b@example.org")
    suspended = PartnerShopFactory(status=PartnerShopStatus.SUSPENDED)
    partner_member(suspended, "suspended-admin@example.org")
    partner_invitation = PartnerInvitation(partner_shop_id=partner_a.id, email="buyer@example.org")
    partner_invitation.issue()
    session.add(partner_invitation)
    session.commit()
    values = {
        "product_id": str(product.id),
        "variant_id": str(shop.robusta.id),
        "image_id": str(image.id),
        "seller_order_id": str(seller_order.id),
        "membership_id": str(staff_membership.id),
        "invitation_id": str(invitation.id),
        "payment_id": str(order.payments[0].id),
        "cooperative_id": str(coop_a.id),
        "partner_id": str(partner_a.id),
        "price_list_id": str(price_list.id),
        "member_id": str(buyer_a.partner_membership.id),
        "invite_id": str(partner_invitation.id),
        "number": order.number,  # not a wholesale order of any partner: 404 to each
        "decision": "approve",
        "list_id": "1",  # no partner has a saved list here: 404 to each
        "line_id": "1",
    }
    session.close()  # hold no transaction while requests run
    return values


def log_in(app, email):
    client = app.test_client()
    if email:
        response = client.post("/account/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302
    return client


def walk(app, email, values, expected) -> list[str]:
    """Request every backend route ``expected`` has an answer for (None: allowed, not
    requested) as ``email``; return the ones not answered as expected."""
    client = log_in(app, email)
    wrong = []
    for rule, method in backend_rules(app):
        want = expected(rule)
        if want is None:
            continue
        url = url_for_rule(rule, values) + "?lang=en"
        response = client.open(url, method=method, data={"email": "x@example.org"})
        if response.status_code != want:
            wrong.append(f"{method} {url} ({rule.endpoint}) -> {response.status_code}")
    if email:
        client.post("/account/logout")  # a log-in is a row: logging out again removes it
    # The requests shared the test's app context (and so its session): end their transaction
    # as a real server's request teardown would, before the database is compared.
    db.session.rollback()
    return wrong


def test_visitors_are_sent_to_log_in_everywhere(app, world):
    before = every_row()
    assert walk(app, None, world, lambda rule: 302) == []
    assert every_row() == before


def test_customers_are_refused_everywhere(app, world):
    before = every_row()
    assert walk(app, "customer@example.org", world, lambda rule: 403) == []
    assert every_row() == before


def test_another_cooperatives_owner_finds_none_of_our_rows(app, world):
    """Owner of B, with A's ids: 404 wherever an id names something of A; 403 on /admin."""

    def expected(rule):
        if not rule.endpoint.startswith("seller."):
            return 403
        return 404 if rule.arguments else None  # pages without ids are B's own, allowed

    before = every_row()
    assert walk(app, "owner-b@example.org", world, expected) == []
    assert every_row() == before


def test_staff_who_are_not_owners_cannot_manage_staff(app, world):
    def expected(rule):
        if rule.endpoint in OWNER_ONLY:
            return 403
        return 403 if not rule.endpoint.startswith("seller.") else None

    before = every_row()
    assert walk(app, "staff-a@example.org", world, expected) == []
    assert every_row() == before


def test_platform_admins_who_are_not_members_stay_out_of_the_seller_backend(app, world):
    def expected(rule):
        return 403 if rule.endpoint.startswith(("seller.", *WHOLESALE)) else None

    assert walk(app, "admin@example.org", world, expected) == []


def test_partner_members_stay_out_of_the_seller_backend_and_the_admin(app, world):
    def expected(rule):
        return None if rule.endpoint.startswith(WHOLESALE) else 403

    before = every_row()
    assert walk(app, "partner-admin-a@example.org", world, expected) == []
    assert every_row() == before


def test_buyers_cannot_manage_their_partners_team(app, world):
    def expected(rule):
        return None if rule.endpoint in MEMBER_PAGES | PARTNER_PAGES else 403

    before = every_row()
    assert walk(app, "buyer-a@example.org", world, expected) == []
    assert every_row() == before


def test_another_partners_admin_finds_none_of_our_team(app, world):
    """Admin of partner B, with A's ids: 404 wherever an id names something of A."""

    def expected(rule):
        if not rule.endpoint.startswith(WHOLESALE):
            return 403
        return 404 if rule.arguments else None  # pages without ids are B's own, allowed

    before = every_row()
    assert walk(app, "partner-admin-b@example.org", world, expected) == []
    assert every_row() == before


# A suspended partner still sees its orders and statement, and pays what it owes.
ACCOUNT_HOLDER_PAGES = {
    "wholesale.order_list",
    "wholesale.order_detail",
    "wholesale.proforma",  # the papers of what it owes
    "wholesale.document",
    "wholesale.statement",
    "wholesale.send_slip",
}


def test_a_suspended_partners_admin_keeps_only_the_account_page_and_what_it_owes(app, world):
    def expected(rule):
        if rule.endpoint in ACCOUNT_HOLDER_PAGES:
            return None
        if rule.endpoint in PARTNER_PAGES:
            return 302  # to the account page, which says the account is suspended
        return None if rule.endpoint in MEMBER_PAGES else 403

    before = every_row()
    assert walk(app, "suspended-admin@example.org", world, expected) == []
    assert every_row() == before


def test_the_walk_covers_every_backend_area(app):
    endpoints = {rule.endpoint for rule, _ in backend_rules(app)}
    assert {"seller.order_cancel", "seller.edit_product", "seller.stock_adjust"} <= endpoints
    assert {"platform.edit_cooperative", "payments.confirm", "seller.remove_staff"} <= endpoints
    assert {"platform.approve_partner", "platform.edit_price_list"} <= endpoints
    assert {
        "wholesale.team_page",
        "wholesale.remove_member",
        "wholesale.spending_limit",
        "wholesale.decide",
        "wholesale.send_slip",
        "platform.wholesale_decide",
        "platform.wholesale_record_payment",
        "seller.order_confirm",
    } <= endpoints
