"""Seller order fixtures: two cooperatives with staff, a buyer's orders placed through the
shop's pages and paid through the payment services, and the local Stripe stub."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.extensions import db
from shop.orders.models import Order, SellerOrder
from shop.payments.models import Payment
from shop.payments.services import confirm_transfer, current_payment, record_paid
from tests.cart.builders import CoffeeShop, build_coffee_shop, log_in
from tests.factories import UserFactory
from tests.orders.buying import add_to_cart, checkout, order_of
from tests.payments.stripe_stub import StripeStub

STRIPE_SETTINGS = ("STRIPE_SECRET_KEY", "STRIPE_API_BASE", "STRIPE_WEBHOOK_SECRET")


@pytest.fixture(scope="session")
def _stripe_server():
    stub = StripeStub().start()
    yield stub
    stub.stop()


@pytest.fixture
def stripe_stub(app, _stripe_server):
    """The Stripe stub, empty, with the app configured to use it (settings restored after)."""
    saved = {key: app.config.get(key) for key in STRIPE_SETTINGS}
    app.config.update(
        STRIPE_SECRET_KEY="sk_test_seller_orders",
        STRIPE_API_BASE=_stripe_server.url,
        STRIPE_WEBHOOK_SECRET="whsec_test_seller_orders",
    )
    _stripe_server.reset()
    yield _stripe_server
    _stripe_server.reset()
    app.config.update(saved)


@dataclass
class Market:
    """The coffee shop with La-un's staff member (English), Kapoe's two (Thai and Burmese),
    a platform admin who confirms transfers, and a customer."""

    shop: CoffeeShop
    la_un_staff: User
    kapoe_staff: list[User]
    admin: User
    customer: User


@pytest.fixture
def market(session) -> Market:
    shop = build_coffee_shop()
    la_un_staff = UserFactory(email="nok@la-un.example.org", name="Nok", locale="en")
    kapoe_owner = UserFactory(email="somsri@kapoe.example.org", name="Somsri", locale="th")
    kapoe_staff = UserFactory(email="aung@kapoe.example.org", name="Aung", locale="my")
    session.add_all(
        [
            CooperativeMembership(
                user=la_un_staff, cooperative=shop.la_un, role=MembershipRole.STAFF
            ),
            CooperativeMembership(
                user=kapoe_owner, cooperative=shop.kapoe, role=MembershipRole.OWNER
            ),
            CooperativeMembership(
                user=kapoe_staff, cooperative=shop.kapoe, role=MembershipRole.STAFF
            ),
        ]
    )
    admin = UserFactory(email="admin@ranong-coffee.example.org", is_platform_admin=True)
    customer = UserFactory(email="customer@example.org")
    session.commit()
    return Market(shop, la_un_staff, [kapoe_owner, kapoe_staff], admin, customer)


@pytest.fixture
def buyer(app, session):
    """A guest buyer's own browser."""
    return app.test_client()


@pytest.fixture
def place(market, buyer):
    """``place(payment_method="transfer", name="Malee Srisuk", email=...)``: 2 bags of La-un's
    robusta and 1 pouch of Kapoe's cashews, checked out through the shop's pages."""

    def run(payment_method="transfer", lang="en", **fields) -> Order:
        add_to_cart(buyer, market.shop.robusta, 2)
        add_to_cart(buyer, market.shop.cashews, 1)
        response = checkout(buyer, lang=lang, payment_method=payment_method, **fields)
        if payment_method == "transfer":
            return order_of(response)
        assert response.status_code == 303, response.text[:2000]  # on to Stripe's page
        db.session.expire_all()
        return db.session.scalars(select(Order).order_by(Order.id.desc())).first()

    return run


@pytest.fixture
def pay(app, market):
    """Mark an order paid as the payment services do: a confirmed transfer, or money that
    arrived through Stripe with its payment intent."""

    def run(order: Order, payment_intent: str = "") -> Payment:
        payment = current_payment(order)
        with app.test_request_context():
            if payment_intent:
                assert record_paid(payment, reference=payment_intent)
            else:
                assert confirm_transfer(payment, market.admin.id)
            db.session.commit()
        return payment

    return run


@pytest.fixture
def paid_order(place, pay) -> Order:
    order = place()
    pay(order)
    return order


def part_of(order: Order, cooperative) -> SellerOrder:
    return next(so for so in order.seller_orders if so.cooperative_id == cooperative.id)


@pytest.fixture
def staff_client(app, market):
    """La-un's staff member, logged in."""
    client = app.test_client()
    log_in(client, market.la_un_staff.email)
    return client
