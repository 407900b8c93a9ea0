"""Payment test fixtures: a local Stripe stub, signed webhooks, a two-cooperative catalogue and
orders placed through the shop's own pages.

Stripe is never reachable from the test machines: the real ``stripe`` SDK talks to the stub
(``tests/payments/stripe_stub.py``) through ``STRIPE_API_BASE``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from shop.orders.models import Order
from shop.pricing.models import ShippingMethod, ShippingRate
from tests.factories import CooperativeFactory, ProductFactory, UserFactory, VariantFactory
from tests.orders.buying import shown_on_checkout
from tests.payments.stripe_stub import StripeStub, event_payload, signature_header

STRIPE_SECRET_KEY = "sk_test_51RanongCoffeeShopPaymentsTests"
WEBHOOK_SECRET = "whsec_test_ranong_coffee_payments_tests"
STRIPE_SETTINGS = ("STRIPE_SECRET_KEY", "STRIPE_API_BASE", "STRIPE_WEBHOOK_SECRET")
PASSWORD = "correct horse battery"
BUYER_EMAIL = "malee@example.org"
SHIPPING_ADDRESS = {
    "name": "มาลี ศรีสุข",
    "phone": "0812345678",
    "line1": "99/1 ถนนเรืองราษฎร์",
    "subdistrict": "เขานิเวศน์",
    "district": "เมืองระนอง",
    "province": "TH-85",
    "postcode": "85000",
}


# --- Stripe --------------------------------------------------------------------------------


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
        STRIPE_SECRET_KEY=STRIPE_SECRET_KEY,
        STRIPE_API_BASE=_stripe_server.url,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
    )
    _stripe_server.reset()
    yield _stripe_server
    _stripe_server.reset()
    app.config.update(saved)


@pytest.fixture
def send_event(app):
    """POST a Stripe event to the webhook, signed as Stripe signs it; returns the response.

    ``send_event(client, type, obj, event_id=None, timestamp=None, secret=None)``: the
    timestamp defaults to now and the secret to the app's webhook secret.
    """

    def send(client, event_type, obj, event_id=None, timestamp=None, secret=None):
        payload = event_payload(event_type, obj, event_id)
        signed_at = int(time.time()) if timestamp is None else timestamp
        header = signature_header(payload, secret or app.config["STRIPE_WEBHOOK_SECRET"], signed_at)
        return client.post(
            "/webhooks/stripe",
            data=payload,
            content_type="application/json",
            headers={"Stripe-Signature": header},
        )

    return send


# --- a catalogue with two cooperatives -----------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """Ids of what the buyer puts in the cart, and what the server must charge for it."""

    north_coop_id: int
    south_coop_id: int
    beans_250_id: int  # north, ฿180, 280 g
    beans_500_id: int  # north, ฿320, 520 g
    honey_id: int  # south, ฿250, 280 g
    stock: dict[int, int]  # variant id -> units on hand before any order

    @property
    def cart(self) -> list[tuple[int, int]]:
        return [(self.beans_250_id, 2), (self.beans_500_id, 1), (self.honey_id, 1)]

    # 2 × 18000 + 32000 + 25000; north ships 1080 g (฿90 bracket), south 280 g (฿45).
    goods_satang = 93_000
    north_shipping_satang = 9_000
    south_shipping_satang = 4_500
    total_satang = 106_500


def _shipping(coop, code: str, name: str, rates: list[tuple[int, int]]) -> ShippingMethod:
    method = ShippingMethod(
        cooperative=coop,
        code=code,
        name_th=name,
        name_en=name,
        name_my=name,
        free_over_satang=None,
        rates=[ShippingRate(max_weight_grams=w, price_satang=p) for w, p in rates],
    )
    db.session.add(method)
    return method


@pytest.fixture
def catalogue(session) -> Catalogue:
    """Two cooperatives, each with its products (stock received through the ledger) and a
    shipping method priced by weight."""
    north = CooperativeFactory(name_en="Kra Buri Robusta Growers")
    south = CooperativeFactory(name_en="Suk Samran Coffee Women's Group")
    beans = ProductFactory(cooperative=north, variants=0, name_en="Medium roast robusta")
    beans_250 = VariantFactory(product=beans, name_en="250 g bag", price_satang=18_000, stock=0)
    beans_500 = VariantFactory(
        product=beans, name_en="500 g bag", price_satang=32_000, weight_grams=520, stock=0
    )
    honey = ProductFactory(cooperative=south, variants=0, name_en="Honey-process robusta")
    honey_bag = VariantFactory(product=honey, name_en="250 g bag", price_satang=25_000, stock=0)
    for variant, units in ((beans_250, 20), (beans_500, 10), (honey_bag, 15)):
        change_stock(variant.id, units, StockReason.RECEIPT, note="harvest delivery")
    _shipping(north, "ems", "Thailand Post EMS", [(1_000, 5_000), (5_000, 9_000)])
    _shipping(south, "kerry", "Kerry Express", [(2_000, 4_500), (10_000, 12_000)])
    session.commit()
    return Catalogue(
        north_coop_id=north.id,
        south_coop_id=south.id,
        beans_250_id=beans_250.id,
        beans_500_id=beans_500.id,
        honey_id=honey_bag.id,
        stock={beans_250.id: 20, beans_500.id: 10, honey_bag.id: 15},
    )


# --- orders through the shop's pages -------------------------------------------------------


@dataclass
class PlacedOrder:
    response: object  # the answer to POST /checkout
    order: Order

    @property
    def url(self) -> str:
        return f"/orders/{self.order.token}"


@pytest.fixture
def place_order(catalogue, session):
    """Fill the cart through ``POST /cart/add`` and check out through ``POST /checkout``.

    ``place_order(client, payment_method="stripe", lang="en", items=None, email=...)``;
    ``lang`` is the shop language the buyer chose (the ``lang`` cookie).
    """

    def place(client, payment_method="stripe", lang="en", items=None, email=BUYER_EMAIL):
        client.set_cookie("lang", lang)
        for variant_id, quantity in items or catalogue.cart:
            added = client.post("/cart/add", data={"variant_id": variant_id, "quantity": quantity})
            assert added.status_code == 302, added.text
        data = {"email": email, "payment_method": payment_method, **SHIPPING_ADDRESS}
        shown = shown_on_checkout(client, lang, **data)  # the buyer reads the amounts first
        response = client.post("/checkout", data={**data, "shown": shown or ""})
        session.expire_all()
        order = session.scalars(
            select(Order).where(Order.email == email).order_by(Order.id.desc())
        ).first()
        assert order is not None, f"no order was placed: {response.status_code} {response.text}"
        return PlacedOrder(response, order)

    return place


@pytest.fixture
def paid_mails(app):
    """The "payment received" mails among those sent, for an order (in its buyer's language)."""

    def find(mailbox, order):
        with force_locale(order.locale):
            subject = gettext("Payment received for order %(number)s", number=order.number)
        return [m for m in mailbox if m.subject == subject and m.to == [order.email]]

    return find


@pytest.fixture
def at_once(session):
    """Run request-making callables in threads released at the same moment, as several app
    servers would serve them; returns their results in order.

    A request made from a thread without an app context gets its own context and database
    session, like a request on a real server. The test's own transaction is ended first, so it
    holds no lock (SQLite) the requests would wait for.
    """

    def run(*calls: Callable[[], object]) -> list[object]:
        session.commit()
        start = threading.Barrier(len(calls))
        results: list[object] = [None] * len(calls)
        errors: list[BaseException] = []

        def worker(index: int, call: Callable[[], object]) -> None:
            try:
                start.wait(timeout=10)
                results[index] = call()
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=item) for item in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        return results

    return run


# --- people --------------------------------------------------------------------------------


@pytest.fixture
def login():
    """Log a client in through the log-in form; returns the response."""

    def log_in(client, email, password=PASSWORD):
        response = client.post("/account/login", data={"email": email, "password": password})
        assert response.status_code == 302, "log-in failed"
        return response

    return log_in


@pytest.fixture
def platform_admin(session):
    admin = UserFactory(email="admin@ranong-coffee.example.org", is_platform_admin=True)
    session.commit()
    return admin


@pytest.fixture
def customer(session):
    somchai = UserFactory(email="somchai@example.org")
    session.commit()
    return somchai
