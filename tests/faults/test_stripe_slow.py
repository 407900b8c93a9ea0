"""Fault 3: the Stripe API is slow or does not answer.

A call waits at most STRIPE_TIMEOUT and is tried once more with the same idempotency key, so the
buyer gets an answer within a web request: a clear message and an order that stays payable, or,
when Stripe did the work and only its answer was slow, the one Checkout Session there is.
"""

from __future__ import annotations

import time

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from shop.orders.models import Order, OrderStatus
from shop.payments.models import PaymentStatus
from tests.faults.conftest import TcpProxy, checkout_ready
from tests.payments.stripe_stub import StripeStub

TIMEOUT_S = 1.0
# One try and one retry of TIMEOUT_S each, the SDK's back-off (at most 1 s), and the page.
BOUND_S = 2 * TIMEOUT_S + 1.0 + 1.5
SETTINGS = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "STRIPE_TIMEOUT")


@pytest.fixture
def stripe_api(app):
    """The local Stripe stub, and the app set to use Stripe with a short timeout (restored)."""
    stub = StripeStub().start()
    saved = {key: app.config.get(key) for key in SETTINGS}
    app.config.update(
        STRIPE_SECRET_KEY="sk_test_51RanongCoffeeShopFaultTests",
        STRIPE_WEBHOOK_SECRET="whsec_test_ranong_coffee_fault_tests",
        STRIPE_API_BASE=stub.url,
        STRIPE_TIMEOUT=TIMEOUT_S,
    )
    yield stub
    app.config.update(saved)
    stub.stop()


def _timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def test_stripe_not_answering_gives_a_clear_message_and_the_order_stays_payable(
    app, client, session, world, stripe_api, silent_server
):
    app.config["STRIPE_API_BASE"] = f"http://127.0.0.1:{silent_server.port}"
    client.set_cookie("lang", "en")

    response, took = _timed(checkout_ready(client, world, "malee@example.org", "stripe"))

    assert took < BOUND_S, f"checkout took {took:.2f} s"
    assert silent_server.accepted == 2  # one try and one retry, then the buyer is answered
    assert response.status_code == 302
    order = session.scalars(select(Order)).one()
    assert response.headers["Location"].endswith(f"/orders/{order.token}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    with force_locale("en"):
        message = gettext("Card payment is not available right now. Please try again in a moment.")
    assert message in page
    assert order.status == OrderStatus.PENDING_PAYMENT  # committed, stock held, still payable
    assert [p.status for p in order.payments] == [PaymentStatus.PENDING]
    assert order.payments[0].stripe_session_id in (None, "")

    # Stripe answers again: the buyer's second try opens one Checkout Session.
    app.config["STRIPE_API_BASE"] = stripe_api.url
    retried, retry_took = _timed(lambda: client.post(f"/orders/{order.token}/pay"))
    assert retried.status_code == 303
    assert retried.headers["Location"].startswith(stripe_api.url + "/pay/")
    assert len(stripe_api.sessions) == 1
    print(f"\nStripe silent: checkout answered in {took:.3f} s, retry in {retry_took:.3f} s")


def test_a_slow_stripe_answer_is_retried_with_the_same_key_and_makes_one_session(
    app, client, session, world, stripe_api
):
    # Stripe creates the session but its first answer never arrives (held by the proxy).
    proxy = TcpProxy(("127.0.0.1", int(stripe_api.url.rsplit(":", 1)[1])), hold_responses=1)
    try:
        app.config["STRIPE_API_BASE"] = f"http://127.0.0.1:{proxy.port}"
        client.set_cookie("lang", "en")
        response, took = _timed(checkout_ready(client, world, "malee@example.org", "stripe"))
    finally:
        proxy.stop()

    assert took < BOUND_S, f"checkout took {took:.2f} s"
    calls = stripe_api.session_calls
    assert len(calls) == 2  # the SDK tried again after the timeout…
    assert calls[0].idempotency_key == calls[1].idempotency_key  # …with the same key
    assert len(stripe_api.sessions) == 1  # so Stripe holds one session, not two
    session_id = next(iter(stripe_api.sessions))
    assert response.status_code == 303
    assert response.headers["Location"] == stripe_api.sessions[session_id]["url"]
    order = session.scalars(select(Order)).one()
    assert order.payments[0].stripe_session_id == session_id
    print(f"\nStripe slow: checkout answered in {took:.3f} s")
