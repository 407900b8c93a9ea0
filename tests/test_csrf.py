"""Every route that changes something refuses a request without its CSRF token.

The test walks the application's URL map, so a new POST/PUT/PATCH/DELETE route that forgets
CSRF protection makes it fail without anyone updating a list here. The one exception is
Stripe's webhook: Stripe cannot send our token, so it is authenticated by its signature.
"""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from shop import create_app
from shop.accounts.models import Address
from shop.cart.models import CartLine
from shop.cart.services import add_item, new_cart
from shop.extensions import csrf, db
from shop.payments.models import StripeEvent
from shop.wholesale.models import PartnerInvitation, PartnerRole, PartnerShopStatus
from tests.accounts.conftest import SHARED_SETTINGS
from tests.cart.builders import build_coffee_shop
from tests.factories import PartnerShopFactory, PriceListFactory, UserFactory, partner_member
from tests.orders.buying import buy

NOT_CSRF_PROTECTED = {
    "payments.stripe_webhook",  # authenticated by Stripe's signature instead
    "api.Orders",  # the partner API: a bearer key, never a cookie (see tests/api)
}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
DUMMY_BY_CONVERTER = {"int": "1", "float": "1.0", "default": "x", "string": "x", "path": "x"}
# Routes any shop must protect; if the walk misses them the walk itself is broken.
MUST_BE_WALKED = {
    "cart.add",
    "cart.update",
    "cart.remove",
    "orders.checkout",
    "orders.cancel",
    "orders.find",
    "accounts.login",
    "accounts.logout",
    "accounts.profile",
    "payments.confirm",
    "wholesale.apply",
    "wholesale.invite",
    "wholesale.remove_member",
    "platform.approve_partner",
    "platform.new_price_list",
}
PLAUSIBLE_FORM = {
    "variant_id": "1",
    "quantity": "2",
    "email": "admin@example.org",
    "password": "correct horse battery",
    "confirm": "correct horse battery",
    "current_password": "correct horse battery",
    "name": "Changed Name",
    "phone": "0812345678",
    "line1": "1 Ruangrat Road",
    "subdistrict": "Khao Niwet",
    "district": "Mueang Ranong",
    "province": "TH-85",
    "postcode": "85000",
    "payment_method": "transfer",
    "language": "en",
    "reason": "not found",
}
WEBHOOK_SECRET = "whsec_test_only"  # noqa: S105 - a test value
CONVERTER = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


@pytest.fixture
def csrf_app(app, session):
    """A second app on the same database, with CSRF protection on as in production."""
    protected = create_app(
        {
            **{key: app.config[key] for key in SHARED_SETTINGS},
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": False,
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        }
    )
    protected.test_client_class = app.test_client_class
    yield protected
    with protected.app_context():
        db.engine.dispose()


@pytest.fixture
def something_to_change(client, session):
    """A platform admin with a saved address and a cart, a guest's unpaid order, and a partner
    company's application with a buyer and an invitation.

    Routes get these objects' real ids and token, so a route that skipped the CSRF check
    would really change something (and the database comparison would catch it).
    """
    shop = build_coffee_shop()
    admin = UserFactory(email="admin@example.org", is_platform_admin=True)
    address = Address(
        user=admin,
        name="Admin",
        phone="0812345678",
        line1="1 Ruangrat Road",
        subdistrict="Khao Niwet",
        district="Mueang Ranong",
        province="TH-85",
        postcode="85000",
        is_default=True,
    )
    session.add(address)
    price_list = PriceListFactory()
    partner = PartnerShopFactory(status=PartnerShopStatus.PENDING, price_list=price_list)
    buyer = partner_member(partner, "buyer@example.org", PartnerRole.BUYER)
    partner_invitation = PartnerInvitation(partner_shop_id=partner.id, email="new@example.org")
    partner_invitation.issue()
    session.add(partner_invitation)
    session.commit()
    admin_id, address_id = admin.id, address.id
    partner_values = {
        "partner_id": str(partner.id),
        "price_list_id": str(price_list.id),
        "member_id": str(buyer.partner_membership.id),
        "invite_id": str(partner_invitation.id),
    }
    cashews_id, robusta_id = shop.cashews.id, shop.robusta.id
    order = buy(client, (shop.robusta, 2))
    cart = new_cart(admin_id)
    add_item(cart, cashews_id, 1)
    session.commit()
    values = {
        "token": order.token,
        "line_id": str(cart.lines[0].id),
        "payment_id": str(order.payments[0].id),
        "address_id": str(address_id),
        "user_id": str(admin_id),
        "variant_id": str(robusta_id),
        **partner_values,
    }
    session.close()  # hold no transaction while the other app's requests run
    return admin_id, values


def every_row() -> dict[str, list[str]]:
    """The whole database, table by table, to prove a refused request changed nothing."""
    with db.engine.connect() as conn:
        return {
            table.name: sorted(repr(tuple(row)) for row in conn.execute(select(table)))
            for table in db.metadata.sorted_tables
        }


def url_for_rule(rule, values: dict[str, str]) -> str:
    """The rule's path with each variable filled: a real value where the test has one, else a
    dummy for its converter (int → 1, string → "x")."""

    def fill(match: re.Match) -> str:
        converter, arguments, name = match.group(1) or "default", match.group(2), match.group(3)
        if converter == "any":  # <any(up,down):direction>: one of the listed words
            return arguments.split(",")[0].strip().strip("'\"")
        return values.get(name) or DUMMY_BY_CONVERTER.get(converter, "x")

    return CONVERTER.sub(fill, rule.rule)


def log_in_directly(client, user_id: int) -> None:
    from shop.accounts.login_sessions import open_login_session
    from shop.accounts.models import User
    from shop.extensions import db

    user = db.session.get(User, user_id)
    open_login_session(user)  # the server-side log-in the session cookie names
    session_id = user.get_id()
    db.session.commit()  # hold no SQLite write lock while the other app serves requests
    with client.session_transaction() as cookie:
        cookie["_user_id"] = session_id
        cookie["_fresh"] = True


@pytest.fixture
def csrf_refusals(caplog):
    """What Flask-WTF logged as CSRF refusals since the last ``caplog.clear()``."""
    logger = logging.getLogger("flask_wtf.csrf")
    disabled = logger.disabled
    logger.disabled = False  # alembic's fileConfig, run by the test app's upgrade, disabled it
    caplog.set_level(logging.INFO, logger=logger.name)
    yield lambda: [r.getMessage() for r in caplog.records if r.name == logger.name]
    logger.disabled = disabled


def walk_state_changing_routes(app, client, values, csrf_refusals, caplog):
    """Post to every state-changing route without a token; returns (endpoints walked, routes
    that did not refuse with Flask-WTF's CSRF error)."""
    walked, failures = set(), []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in NOT_CSRF_PROTECTED:
            continue
        for method in sorted((rule.methods or set()) & STATE_CHANGING):
            url = url_for_rule(rule, values) + "?lang=en"
            caplog.clear()
            response = client.open(url, method=method, data=PLAUSIBLE_FORM)
            walked.add(rule.endpoint)
            if response.status_code != 400 or csrf_refusals() != ["The CSRF token is missing."]:
                failures.append(f"{method} {url} ({rule.endpoint}) -> {response.status_code}")
            elif "This request could not be completed" not in response.get_data(as_text=True):
                failures.append(f"{method} {url} ({rule.endpoint}): not the error page")
    return walked, failures


def test_every_state_changing_route_refuses_a_request_without_the_csrf_token(
    csrf_app, something_to_change, caplog, csrf_refusals
):
    admin_id, values = something_to_change
    client = csrf_app.test_client()
    log_in_directly(client, admin_id)
    before = every_row()

    walked, failures = walk_state_changing_routes(csrf_app, client, values, csrf_refusals, caplog)

    assert failures == [], "routes that accept a state change without a CSRF token"
    assert walked >= MUST_BE_WALKED, MUST_BE_WALKED - walked
    assert every_row() == before


def test_the_walk_catches_a_new_route_that_skips_the_csrf_check(
    csrf_app, something_to_change, caplog, csrf_refusals
):
    """A route added with @csrf.exempt (here only on this test's own app) is reported."""

    @csrf_app.post("/test-only/forgot-csrf/<int:line_id>")
    @csrf.exempt
    def forgot_csrf(line_id):
        return "changed"

    _, values = something_to_change
    walked, failures = walk_state_changing_routes(
        csrf_app, csrf_app.test_client(), values, csrf_refusals, caplog
    )

    assert "forgot_csrf" in walked
    assert failures == [
        f"POST /test-only/forgot-csrf/{values['line_id']}?lang=en (forgot_csrf) -> 200"
    ]


def test_a_wrong_token_is_refused_and_the_right_one_accepted(
    csrf_app, something_to_change, csrf_refusals
):
    """The refusals above come from the missing token, not from the dummy data."""
    robusta_id = int(something_to_change[1]["variant_id"])
    client = csrf_app.test_client()
    page = client.get("/products/robusta?lang=en").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"variant_id": robusta_id, "quantity": "1", "next": "/cart"}
    before = every_row()

    wrong = client.post("/cart/add?lang=en", data={**form, "csrf_token": token[:-2] + "xx"})

    assert wrong.status_code == 400
    assert csrf_refusals() == ["The CSRF token is invalid."]
    assert every_row() == before

    right = client.post("/cart/add?lang=en", data={**form, "csrf_token": token})

    assert right.status_code == 302
    assert right.headers["Location"] == "/cart"
    assert db.session.scalars(
        select(CartLine.quantity).where(CartLine.variant_id == robusta_id)
    ).all() == [1]


def test_the_stripe_webhook_needs_no_csrf_token_but_a_valid_signature(
    csrf_app, something_to_change, csrf_refusals
):
    client = csrf_app.test_client()
    before = every_row()
    event = b'{"id": "evt_1", "type": "checkout.session.completed", "data": {"object": {}}}'

    for signature in ("t=1700000000,v1=deadbeef", None):
        headers = {"Content-Type": "application/json"}
        if signature:
            headers["Stripe-Signature"] = signature
        response = client.post("/webhooks/stripe", data=event, headers=headers)

        assert response.status_code == 400
        assert response.is_json
        assert response.get_json() == {"error": "bad signature"}
        assert csrf_refusals() == []
    assert every_row() == before
    assert db.session.scalars(select(StripeEvent)).all() == []
