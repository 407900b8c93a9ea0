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
from datetime import timedelta

from sqlalchemy import select, update

from shop.core.db import utcnow
from shop.extensions import db
from shop.orders.models import Order, OrderStatus, SellerOrder
from shop.payments.models import Refund, RefundStatus
from tests.faults.conftest import TcpProxy, Visitor, inconsistencies, wait_for
from tests.payments.stripe_stub import StripeStub, event_payload, signature_header

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


def test_a_refund_stripe_does_not_answer_holds_up_nobody_and_is_sent_again(
    database, shop_db, serve
):
    stub = StripeStub().start()
    proxy = TcpProxy(("127.0.0.1", int(stub.url.rsplit(":", 1)[1])))
    try:
        env = {**STRIPE_ENV, "STRIPE_API_BASE": f"http://127.0.0.1:{proxy.port}"}
        # The app the test arranges and runs cron commands with talks to the same Stripe.
        config = {**env, "STRIPE_TIMEOUT": STRIPE_TIMEOUT_S, "STRIPE_MAX_NETWORK_RETRIES": 1}
        app, world = shop_db(database, **config)
        server = serve(database, env=env, workers=2)

        # A buyer pays by card (Stripe answering), and Stripe's webhook says so.
        buyer = Visitor(server.base)
        buyer.add_to_cart(world)
        to_stripe = buyer.check_out("card@example.org", "stripe")
        assert to_stripe.status_code == 303
        [session_id] = stub.sessions
        payload = event_payload("checkout.session.completed", stub.complete(session_id))
        signed = signature_header(payload, STRIPE_ENV["STRIPE_WEBHOOK_SECRET"], int(time.time()))
        paid = buyer.http.post(
            server.base + "/webhooks/stripe",
            data=payload,
            headers={"Stripe-Signature": signed, "Content-Type": "application/json"},
            timeout=20,
        )
        assert paid.status_code == 200, paid.text
        with app.app_context():
            part = db.session.scalars(select(SellerOrder)).one()
            part_id, share = part.id, part.total_satang
            db.session.remove()

        # Stripe stops answering; the cooperative cancels the order meanwhile.
        proxy.stall()
        staff = Visitor(server.base)
        assert staff.log_in(world.staff_email).status_code == 302
        answer: dict = {}

        def cancel() -> None:
            started = time.perf_counter()
            answer["response"] = staff.post(
                f"/seller/orders/{part_id}/cancel",
                {"reason": "out_of_stock"},
                form_page=f"/seller/orders/{part_id}",
                timeout=40,
            )
            answer["took"] = time.perf_counter() - started

        cancelling = threading.Thread(target=cancel, daemon=True)
        calls_before = len(stub.calls("/v1/refunds"))
        cancelling.start()
        wait_for(lambda: _refunds(app), 20, "the refund to be recorded and sent to Stripe")
        other = Visitor(server.base)
        other.add_to_cart(world)
        started = time.perf_counter()
        transfer = other.check_out("transfer@example.org", "transfer", timeout=40)
        transfer_took = time.perf_counter() - started
        still_waiting = cancelling.is_alive()
        cancelling.join(timeout=40)

        assert still_waiting, "the cancellation should still be waiting on Stripe"
        assert transfer.status_code == 302, transfer.text[:500]
        assert transfer_took < 5, f"the transfer checkout waited {transfer_took:.1f} s"
        assert answer["response"].status_code == 302
        page = staff.get(f"/seller/orders/{part_id}").text
        assert "Stripe did not answer, so the refund of" in page
        assert "Send the refund again" in page

        # Stripe answers again: the cron command sends the refund, once, with its own key.
        proxy.resume()
        with app.app_context():
            db.session.execute(
                update(Refund).values(last_attempt_at=utcnow() - timedelta(minutes=2))
            )
            db.session.commit()
            result = app.test_cli_runner().invoke(args=["payments", "send-refunds"])
            assert result.output.strip() == "sent 1, still pending 0", repr(result.exception)
            refund = db.session.scalars(select(Refund)).one()
            assert (refund.status, refund.amount_satang) == (RefundStatus.SENT, share)
            assert db.session.get(SellerOrder, part_id).status == "cancelled"
            db.session.remove()
        keys = {call.idempotency_key for call in stub.calls("/v1/refunds")[calls_before:]}
        assert keys == {f"seller-order-{part_id}-refund"}
        assert inconsistencies(app) == []
        print(
            f"\nStripe silent during a refund: the cancellation answered in "
            f"{answer['took']:.1f} s, another buyer's checkout in {transfer_took:.2f} s"
        )
    finally:
        proxy.stop()
        stub.stop()


def _refunds(app) -> int:
    with app.app_context():
        count = len(db.session.scalars(select(Refund.id)).all())
        db.session.remove()
    return count
