"""Paying by card or PromptPay on Stripe Checkout, end to end through the real SDK and the stub."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from shop.catalog.models import Variant
from shop.core.money import format_money
from shop.inventory.services import ledger_total
from shop.orders.models import Order, OrderStatus, SellerOrderStatus
from shop.payments.models import Payment, PaymentStatus
from shop.payments.stripe_gateway import API_VERSION

UNAVAILABLE = "Card payment is not available right now. Please try again in a moment."


def _session_id(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def _page_status(url: str) -> int:
    """What the buyer's browser gets at a Stripe Checkout URL."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def _payments(session, order_id: int) -> list[Payment]:
    session.expire_all()
    return list(session.scalars(select(Payment).where(Payment.order_id == order_id)))


# --- starting Checkout -----------------------------------------------------------------------


def test_checkout_sends_the_buyer_to_a_stripe_session_for_the_exact_order(
    app, client, session, stripe_stub, place_order, catalogue
):
    placed = place_order(client, "stripe")
    order = placed.order

    assert placed.response.status_code == 303
    assert placed.response.location.startswith(f"{stripe_stub.url}/pay/cs_test_")
    assert [call.path for call in stripe_stub.requests] == ["/v1/checkout/sessions"]
    assert len(stripe_stub.sessions) == 1
    session_object = stripe_stub.sessions[_session_id(placed.response.location)]
    assert placed.response.location == session_object["url"]
    assert _page_status(placed.response.location) == 200

    call = stripe_stub.session_calls[0]
    sent = call.params
    assert sent["mode"] == "payment"
    assert sent["payment_method_types"] == ["card", "promptpay"]
    assert sent["currency"] == "thb"
    assert {item["price_data"]["currency"] for item in sent["line_items"]} == {"thb"}
    charged = sorted(
        (int(item["price_data"]["unit_amount"]), int(item["quantity"]))
        for item in sent["line_items"]
    )
    goods = [(18_000, 2), (32_000, 1), (25_000, 1)]
    shipping = [(catalogue.north_shipping_satang, 1), (catalogue.south_shipping_satang, 1)]
    assert charged == sorted(goods + shipping)
    assert session_object["amount_total"] == catalogue.total_satang == order.total_satang
    assert sent["client_reference_id"] == order.number
    assert sent["metadata"]["order_number"] == order.number
    assert sent["customer_email"] == order.email
    assert sent["locale"] == "en"
    assert sent["success_url"].endswith(f"/orders/{order.token}?paid=1")
    assert sent["cancel_url"].endswith(f"/orders/{order.token}")

    expires_at = int(sent["expires_at"])
    assert expires_at >= (order.created_at + timedelta(minutes=30)).timestamp()
    assert abs(expires_at - order.expires_at.timestamp()) < 1  # the order waits as long

    assert order.number in call.idempotency_key
    assert call.headers["Authorization"] == f"Bearer {app.config['STRIPE_SECRET_KEY']}"
    assert call.headers["Stripe-Version"] == API_VERSION

    assert order.status == OrderStatus.PENDING_PAYMENT
    [payment] = _payments(session, order.id)
    assert payment.stripe_session_id == session_object["id"]
    assert payment.amount_satang == order.total_satang


def test_a_double_click_on_pay_reuses_the_same_session(client, stripe_stub, place_order):
    placed = place_order(client, "stripe")

    first = client.post(f"{placed.url}/pay")
    second = client.post(f"{placed.url}/pay")

    assert first.status_code == second.status_code == 303
    assert first.location == second.location == placed.response.location
    assert len(stripe_stub.sessions) == 1
    assert len(stripe_stub.session_calls) == 1


def test_a_stripe_hiccup_is_retried_with_the_same_key_and_makes_one_session(
    client, stripe_stub, place_order
):
    stripe_stub.fail_next(1, status=500)

    placed = place_order(client, "stripe")

    assert placed.response.status_code == 303
    calls = stripe_stub.session_calls
    assert len(calls) == 2
    assert calls[0].idempotency_key == calls[1].idempotency_key
    assert len(stripe_stub.sessions) == 1


def test_a_lost_answer_is_retried_and_stripe_replays_the_same_session(
    client, stripe_stub, place_order
):
    stripe_stub.lose_next(1)  # Stripe made the session, the answer never came back

    placed = place_order(client, "stripe")

    assert placed.response.status_code == 303
    assert len(stripe_stub.session_calls) == 2
    assert len(stripe_stub.sessions) == 1
    assert placed.response.location == next(iter(stripe_stub.sessions.values()))["url"]


# --- paying ----------------------------------------------------------------------------------


def test_the_paid_webhook_marks_the_order_and_both_seller_orders_paid_and_mails_the_buyer_once(
    client, session, stripe_stub, place_order, send_event, mailbox, paid_mails, catalogue
):
    placed = place_order(client, "stripe", lang="my")
    order = placed.order
    session_id = _session_id(placed.response.location)

    before = client.get(f"{placed.url}?paid=1&lang=en")
    assert before.status_code == 200
    assert "status-pending_payment" in before.text
    assert "status-paid" not in before.text
    assert "We are waiting for the payment confirmation from Stripe" in before.text

    completed = stripe_stub.complete(session_id, "paid")
    response = send_event(client, "checkout.session.completed", completed)

    assert response.status_code == 200
    session.expire_all()
    order = session.get(Order, order.id)
    assert order.status == OrderStatus.PAID
    assert order.paid_at is not None
    assert len(order.seller_orders) == 2
    assert {so.status for so in order.seller_orders} == {SellerOrderStatus.PAID}
    [payment] = order.payments
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.stripe_payment_intent == completed["payment_intent"]
    assert not payment.needs_refund

    [mail] = paid_mails(mailbox, order)
    assert format_money(catalogue.total_satang, "my") in mail.body  # "1,065 ฿": Burmese style
    assert format_money(catalogue.total_satang, "en") not in mail.body
    assert order.token in mail.body

    after = client.get(f"{placed.url}?paid=1&lang=en")
    assert "status-paid" in after.text
    assert "status-pending_payment" not in after.text
    assert "We are waiting for the payment confirmation" not in after.text
    assert f"/orders/{order.token}/pay" not in after.text

    for variant_id, taken in ((catalogue.beans_250_id, 2), (catalogue.honey_id, 1)):
        variant = session.get(Variant, variant_id)
        assert variant.stock == catalogue.stock[variant_id] - taken == ledger_total(variant_id)


# --- Stripe unavailable ------------------------------------------------------------------------


def test_when_stripe_is_down_the_buyer_is_told_and_can_pay_later(
    client, session, stripe_stub, place_order, catalogue
):
    stripe_stub.fail_next(3, status=500)  # the SDK's first try and both retries

    placed = place_order(client, "stripe")

    assert placed.response.status_code == 302
    assert placed.response.location.endswith(placed.url)
    page = client.get(placed.url)
    assert UNAVAILABLE in page.text
    assert "status-pending_payment" in page.text
    assert f"{placed.url}/pay" in page.text  # the pay button is still there
    assert stripe_stub.sessions == {}
    assert session.get(Order, placed.order.id).status == OrderStatus.PENDING_PAYMENT
    assert session.get(Variant, catalogue.honey_id).stock == catalogue.stock[catalogue.honey_id] - 1

    retry = client.post(f"{placed.url}/pay")

    assert retry.status_code == 303
    [stripe_session] = stripe_stub.sessions.values()
    assert retry.location == stripe_session["url"]
    assert _page_status(retry.location) == 200
    [payment] = _payments(session, placed.order.id)
    assert payment.stripe_session_id == stripe_session["id"]


def test_after_stripe_lost_its_answer_a_later_retry_still_reaches_checkout(
    client, session, stripe_stub, place_order
):
    # Stripe made a session, but every answer was lost (a network cut): the buyer sees the
    # message. Stripe keeps that idempotency key's result; a later "Pay" must still work.
    stripe_stub.lose_next(3)
    placed = place_order(client, "stripe")
    assert UNAVAILABLE in client.get(placed.url).text

    retry = client.post(f"{placed.url}/pay")

    assert retry.status_code == 303
    assert _page_status(retry.location) == 200
    [payment] = _payments(session, placed.order.id)
    assert payment.stripe_session_id == _session_id(retry.location)


def test_a_second_try_a_minute_later_asks_for_the_same_session(
    client, session, stripe_stub, place_order
):
    # Stripe made the session but its answers were lost; the buyer presses "Pay" again a minute
    # later. The session's end is rounded to 5 minutes, so it is the same request and key, and
    # Stripe hands back the session it made instead of a second one.
    with time_machine.travel(datetime(2026, 11, 29, 10, 0, 5, tzinfo=UTC), tick=False) as clock:
        stripe_stub.lose_next(3)
        placed = place_order(client, "stripe")
        clock.shift(timedelta(seconds=65))
        retry = client.post(f"{placed.url}/pay")

    assert retry.status_code == 303
    assert len(stripe_stub.sessions) == 1
    keys = {call.idempotency_key for call in stripe_stub.session_calls}
    assert len(keys) == 1
    [payment] = _payments(session, placed.order.id)
    assert payment.stripe_session_id == _session_id(retry.location)
    assert payment.order.expires_at == datetime(2026, 11, 29, 10, 35, tzinfo=UTC)


def test_an_orphaned_session_expiring_does_not_expire_the_order(
    client, session, stripe_stub, place_order, send_event
):
    stripe_stub.lose_next(3)
    placed = place_order(client, "stripe")
    [orphan_id] = stripe_stub.sessions
    # The buyer tries again later: past the next 5-minute step of the session's end it is another
    # request and another idempotency key (sooner, Stripe would rightly answer with the lost
    # session itself).
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=6), tick=True):
        retry = client.post(f"{placed.url}/pay")
    assert retry.status_code == 303

    # The session nobody saw runs out first; the one the buyer is paying on is still open.
    response = send_event(client, "checkout.session.expired", stripe_stub.expire(orphan_id))

    assert response.status_code == 200
    session.expire_all()
    assert session.get(Order, placed.order.id).status == OrderStatus.PENDING_PAYMENT
    paid = stripe_stub.complete(_session_id(retry.location), "paid")
    send_event(client, "checkout.session.completed", paid)
    session.expire_all()
    order = session.get(Order, placed.order.id)
    assert order.status == OrderStatus.PAID
    assert not any(p.needs_refund for p in order.payments)


def test_after_a_failed_promptpay_payment_the_buyer_can_pay_again(
    client, session, stripe_stub, place_order, send_event, mailbox, paid_mails
):
    placed = place_order(client, "stripe")
    first_id = _session_id(placed.response.location)
    send_event(client, "checkout.session.completed", stripe_stub.complete(first_id, "unpaid"))
    failed = send_event(
        client, "checkout.session.async_payment_failed", stripe_stub.sessions[first_id]
    )
    assert failed.status_code == 200
    page = client.get(placed.url)
    assert "status-pending_payment" in page.text
    assert f"{placed.url}/pay" in page.text

    again = client.post(f"{placed.url}/pay")

    assert again.status_code == 303
    assert _page_status(again.location) == 200, "sent back to a finished Checkout Session"
    second_id = _session_id(again.location)
    assert second_id != first_id
    send_event(client, "checkout.session.completed", stripe_stub.complete(second_id, "paid"))
    session.expire_all()
    order = session.get(Order, placed.order.id)
    assert order.status == OrderStatus.PAID
    assert sorted(p.status for p in order.payments) == [
        PaymentStatus.FAILED,
        PaymentStatus.SUCCEEDED,
    ]
    assert len(paid_mails(mailbox, order)) == 1


def test_an_expired_order_cannot_be_sent_to_stripe(client, session, stripe_stub, place_order):
    placed = place_order(client, "stripe")
    order = session.get(Order, placed.order.id)
    order.expires_at = order.created_at - timedelta(minutes=1)
    session.commit()
    calls_before = len(stripe_stub.requests)

    response = client.post(f"{placed.url}/pay")

    assert response.status_code == 302
    assert "This order expired before it was paid." in client.get(placed.url).text
    assert len(stripe_stub.requests) == calls_before
    session.expire_all()
    assert session.get(Order, placed.order.id).status == OrderStatus.EXPIRED
