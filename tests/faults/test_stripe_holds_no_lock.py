"""Fault 3, for everyone else: while Stripe keeps one buyer waiting, nobody else waits.

A call to Stripe runs with no database transaction open: the order and its payment attempt are
committed before the shop calls Stripe, and what Stripe answered is recorded in a short
transaction of its own afterwards. On SQLite (one writer at a time) a Stripe call made inside
the request's transaction held the write lock for the whole call, and another buyer placing an
order by bank transfer got "database is locked" (503) after the busy timeout (10 s).
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

from shop.extensions import db
from shop.orders.models import Order, OrderStatus
from tests.faults.conftest import Visitor, inconsistencies, wait_for

STRIPE_TIMEOUT_S = 6.0  # one try and one retry: longer than SQLite's 10 s busy timeout
STRIPE_ENV = {
    "STRIPE_SECRET_KEY": "sk_test_51RanongCoffeeShopFaultTests",
    "STRIPE_WEBHOOK_SECRET": "whsec_test_ranong_coffee_fault_tests",
    "STRIPE_TIMEOUT": str(STRIPE_TIMEOUT_S),
    "STRIPE_MAX_NETWORK_RETRIES": "1",
}


def test_a_buyer_waiting_on_stripe_holds_up_no_other_buyer(database, shop_db, serve, silent_server):
    app, world = shop_db(database)
    env = {**STRIPE_ENV, "STRIPE_API_BASE": f"http://127.0.0.1:{silent_server.port}"}
    server = serve(database, env=env, workers=2)

    card_buyer, transfer_buyer = Visitor(server.base), Visitor(server.base)
    card_buyer.add_to_cart(world)
    transfer_buyer.add_to_cart(world)
    card_answer: dict = {}

    def pay_by_card() -> None:
        started = time.perf_counter()
        card_answer["response"] = card_buyer.check_out("card@example.org", "stripe", timeout=40)
        card_answer["took"] = time.perf_counter() - started

    card = threading.Thread(target=pay_by_card, daemon=True)
    card.start()
    wait_for(lambda: silent_server.accepted >= 1, 20, "the card checkout to call Stripe")

    started = time.perf_counter()
    transfer = transfer_buyer.check_out("transfer@example.org", "transfer", timeout=40)
    transfer_took = time.perf_counter() - started
    still_waiting = card.is_alive()
    card.join(timeout=40)

    assert still_waiting, "the card checkout should still be waiting on Stripe"
    assert transfer.status_code == 302, transfer.text[:500]
    assert "/orders/" in transfer.headers["Location"]
    assert transfer_took < 5, f"the transfer checkout waited {transfer_took:.1f} s"

    # The card buyer is told card payment is unavailable, on the order page of a placed order
    # that stays payable (by card again, or by transfer).
    card_response = card_answer["response"]
    assert card_response.status_code == 302
    order_page = card_buyer.get(card_response.headers["Location"])
    assert "Card payment is not available right now" in order_page.text
    with app.app_context():
        orders = {o.email: o for o in db.session.scalars(select(Order))}
        assert orders["card@example.org"].status == OrderStatus.PENDING_PAYMENT
        assert not orders["card@example.org"].payments[-1].stripe_session_id
        assert orders["transfer@example.org"].status == OrderStatus.PENDING_PAYMENT
        db.session.remove()
    assert inconsistencies(app) == []
    print(
        f"\nStripe silent for {card_answer['took']:.1f} s: another buyer's transfer checkout "
        f"answered in {transfer_took:.2f} s"
    )
