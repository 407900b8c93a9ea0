"""Stripe webhooks: verified, recorded once, applied in the order of states, not of arrival.

Each test places a real order through the shop's pages (Stripe Checkout via the stub), then
posts signed events as Stripe would, and looks at what the buyer, the cooperatives and the
operator would see: order and seller-order states, payments, the stock ledger and the mail.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.inventory.models import StockMovement, StockReason
from shop.inventory.services import ledger_total
from shop.orders.models import Order, OrderStatus, SellerOrderStatus
from shop.payments import stripe_gateway
from shop.payments.models import Payment, PaymentStatus, StripeEvent
from tests.payments.stripe_stub import event_payload, signature_header


@dataclass
class StripeOrder:
    id: int
    number: str
    token: str
    session_id: str


@pytest.fixture
def stripe_order(client, stripe_stub, place_order, mailbox) -> StripeOrder:
    """An order of goods from two cooperatives, waiting on its Stripe Checkout Session."""
    placed = place_order(client, "stripe")
    assert placed.response.status_code == 303
    mailbox.clear()  # the order confirmation; these tests count what the events send
    return StripeOrder(
        placed.order.id,
        placed.order.number,
        placed.order.token,
        placed.response.location.rsplit("/", 1)[-1],
    )


@pytest.fixture
def shop_state(session, catalogue):
    """What can be seen of an order: states, payments, stock, ledger, events and mail count."""

    def snapshot(order: StripeOrder, mailbox) -> dict:
        session.expire_all()
        row = session.get(Order, order.id)
        movements = session.scalars(
            select(StockMovement)
            .where(StockMovement.reference == order.number)
            .order_by(StockMovement.id)
        )
        stock = {vid: session.get(Variant, vid).stock for vid in catalogue.stock}
        for variant_id, units in stock.items():
            assert units == ledger_total(variant_id), "stock and ledger disagree"
        return {
            "order": row.status,
            "paid_at": row.paid_at,
            "seller_orders": sorted(so.status for so in row.seller_orders),
            "payments": [
                (p.status, p.needs_refund, p.refunded_satang, p.stripe_payment_intent)
                for p in row.payments
            ],
            "stock": stock,
            "ledger": [(m.variant_id, m.quantity, m.reason) for m in movements],
            "events": session.scalar(select(func.count()).select_from(StripeEvent)),
            "mails": len(mailbox),
        }

    return snapshot


def _besides_events(state: dict) -> dict:
    return {key: value for key, value in state.items() if key != "events"}


def _release_rows(state: dict) -> list[tuple[int, int, StockReason]]:
    return [row for row in state["ledger"] if row[2] == StockReason.RELEASE]


def _deliver(send_event, client, event_type, obj, times=3) -> list[str]:
    """Deliver one event ``times`` times (same id), as Stripe does when it retries."""
    event_id = f"evt_test_{secrets.token_hex(12)}"
    outcomes = []
    for _ in range(times):
        response = send_event(client, event_type, obj, event_id=event_id)
        assert response.status_code == 200
        outcomes.append(response.json["outcome"])
    return outcomes


# --- each event, delivered three times, counts once ---------------------------------------------


def test_checkout_completed_three_times_pays_once_and_mails_once(
    client, session, stripe_stub, stripe_order, send_event, shop_state, mailbox, paid_mails
):
    before = shop_state(stripe_order, mailbox)
    completed = stripe_stub.complete(stripe_order.session_id, "paid")

    outcomes = _deliver(send_event, client, "checkout.session.completed", completed)

    assert outcomes == ["applied", "duplicate", "duplicate"]
    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PAID
    assert after["seller_orders"] == [SellerOrderStatus.PAID] * 2
    assert after["payments"] == [(PaymentStatus.SUCCEEDED, False, 0, completed["payment_intent"])]
    assert after["stock"] == before["stock"]  # taken when the order was placed, not again
    assert after["ledger"] == before["ledger"]
    assert after["events"] == 1
    assert len(paid_mails(mailbox, session.get(Order, stripe_order.id))) == len(mailbox) == 1


def test_async_payment_succeeded_three_times_pays_once(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    promptpay = stripe_stub.complete(stripe_order.session_id, "unpaid")
    send_event(client, "checkout.session.completed", promptpay)
    assert shop_state(stripe_order, mailbox)["order"] == OrderStatus.PENDING_PAYMENT

    _deliver(send_event, client, "checkout.session.async_payment_succeeded", promptpay)

    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PAID
    assert after["seller_orders"] == [SellerOrderStatus.PAID] * 2
    assert after["mails"] == 1
    assert after["events"] == 2


def test_async_payment_failed_three_times_fails_the_attempt_once(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    promptpay = stripe_stub.complete(stripe_order.session_id, "unpaid")
    send_event(client, "checkout.session.completed", promptpay)
    before = shop_state(stripe_order, mailbox)

    _deliver(send_event, client, "checkout.session.async_payment_failed", promptpay)

    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PENDING_PAYMENT  # still payable another way
    assert [p[0] for p in after["payments"]] == [PaymentStatus.FAILED]
    assert after["stock"] == before["stock"]
    assert after["mails"] == 0


def test_session_expired_three_times_returns_the_stock_once(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox, catalogue
):
    before = shop_state(stripe_order, mailbox)

    _deliver(
        send_event, client, "checkout.session.expired", stripe_stub.expire(stripe_order.session_id)
    )

    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.EXPIRED
    assert after["seller_orders"] == [SellerOrderStatus.EXPIRED] * 2
    assert sorted(_release_rows(after)) == sorted(
        [
            (catalogue.beans_250_id, 2, StockReason.RELEASE),
            (catalogue.beans_500_id, 1, StockReason.RELEASE),
            (catalogue.honey_id, 1, StockReason.RELEASE),
        ]
    )
    assert after["stock"] == catalogue.stock  # everything back on sale
    assert before["stock"] != catalogue.stock
    assert after["mails"] == 0


def test_charge_refunded_three_times_records_the_refund_once(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox, catalogue
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    send_event(client, "checkout.session.completed", completed)
    charge = _charge(completed["payment_intent"], refunded=catalogue.total_satang)

    _deliver(send_event, client, "charge.refunded", charge)

    after = shop_state(stripe_order, mailbox)
    assert after["payments"] == [
        (PaymentStatus.REFUNDED, False, catalogue.total_satang, completed["payment_intent"])
    ]
    assert after["events"] == 2


def _charge(payment_intent: str, refunded: int, amount: int = 106_500) -> dict:
    return {
        "id": f"ch_test_{secrets.token_hex(12)}",
        "object": "charge",
        "amount": amount,
        "amount_refunded": refunded,
        "currency": "thb",
        "payment_intent": payment_intent,
        "refunded": refunded >= amount,
        "status": "succeeded",
    }


# --- events in every order -----------------------------------------------------------------------


def test_completed_after_expired_flags_a_refund_and_keeps_the_order_expired(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox, catalogue
):
    send_event(client, "checkout.session.expired", stripe_stub.sessions[stripe_order.session_id])
    expired = shop_state(stripe_order, mailbox)

    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    response = send_event(client, "checkout.session.completed", completed)

    assert response.status_code == 200
    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.EXPIRED
    assert after["seller_orders"] == [SellerOrderStatus.EXPIRED] * 2
    assert after["payments"] == [(PaymentStatus.SUCCEEDED, True, 0, completed["payment_intent"])]
    assert after["stock"] == expired["stock"] == catalogue.stock  # not taken a second time
    assert after["ledger"] == expired["ledger"]
    # No "payment received" for an order the shop will not send: the buyer is told instead
    # that the money arrived late and will be refunded.
    assert [m.subject for m in mailbox] == [
        f"Your payment for order {stripe_order.number} arrived late and will be refunded"
    ]


def test_expired_after_completed_leaves_the_paid_order_alone(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    send_event(
        client,
        "checkout.session.completed",
        stripe_stub.complete(stripe_order.session_id, "paid"),
    )
    paid = shop_state(stripe_order, mailbox)

    send_event(client, "checkout.session.expired", stripe_stub.sessions[stripe_order.session_id])

    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PAID
    assert after["seller_orders"] == [SellerOrderStatus.PAID] * 2
    assert after["stock"] == paid["stock"]
    assert _release_rows(after) == []
    assert _besides_events(after) == _besides_events(paid)


def test_async_succeeded_after_async_failed_pays_the_order(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    promptpay = stripe_stub.complete(stripe_order.session_id, "unpaid")
    send_event(client, "checkout.session.async_payment_failed", promptpay)

    send_event(client, "checkout.session.async_payment_succeeded", promptpay)

    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PAID
    assert [p[0] for p in after["payments"]] == [PaymentStatus.SUCCEEDED]
    assert after["mails"] == 1


def test_async_failed_after_success_leaves_the_order_paid(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    promptpay = stripe_stub.complete(stripe_order.session_id, "unpaid")
    send_event(client, "checkout.session.async_payment_succeeded", promptpay)
    paid = shop_state(stripe_order, mailbox)

    send_event(client, "checkout.session.async_payment_failed", promptpay)

    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PAID
    assert after["payments"] == paid["payments"]
    assert after["payments"][0][0] == PaymentStatus.SUCCEEDED
    assert after["mails"] == 1


def test_two_event_ids_for_the_same_paid_session_pay_once(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    first = send_event(client, "checkout.session.completed", completed)
    paid = shop_state(stripe_order, mailbox)

    second = send_event(client, "checkout.session.completed", completed)

    assert first.status_code == second.status_code == 200
    after = shop_state(stripe_order, mailbox)
    assert after["events"] == 2  # both recorded: they are different events
    assert after["paid_at"] == paid["paid_at"]
    assert after["payments"] == paid["payments"]
    assert after["payments"][0][1] is False  # not mistaken for a second payment
    assert after["mails"] == 1


def test_completed_but_unpaid_changes_nothing(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    before = shop_state(stripe_order, mailbox)

    response = send_event(
        client,
        "checkout.session.completed",
        stripe_stub.complete(stripe_order.session_id, "unpaid"),
    )

    assert response.status_code == 200
    after = shop_state(stripe_order, mailbox)
    assert after["events"] == before["events"] + 1
    assert _besides_events(after) == _besides_events(before)
    assert after["order"] == OrderStatus.PENDING_PAYMENT


# --- at the same time ----------------------------------------------------------------------------


def test_the_same_event_delivered_four_times_at_once_is_applied_once(
    app, stripe_stub, stripe_order, send_event, shop_state, mailbox, at_once
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    event_id = f"evt_test_{secrets.token_hex(12)}"

    def deliver():
        return send_event(app.test_client(), "checkout.session.completed", completed, event_id)

    responses = at_once(*[deliver] * 4)

    assert [r.status_code for r in responses] == [200] * 4
    assert sorted(r.json["outcome"] for r in responses) == ["applied"] + ["duplicate"] * 3
    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PAID
    assert after["payments"] == [(PaymentStatus.SUCCEEDED, False, 0, completed["payment_intent"])]
    assert (after["events"], after["mails"]) == (1, 1)


def test_different_events_for_the_paid_session_at_once_pay_once_and_flag_no_refund(
    app, stripe_stub, stripe_order, send_event, shop_state, mailbox, at_once
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")

    def deliver():
        return send_event(app.test_client(), "checkout.session.completed", completed)

    responses = at_once(*[deliver] * 4)

    assert [r.status_code for r in responses] == [200] * 4
    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PAID
    # One payment, received once: nothing to refund to the buyer.
    assert after["payments"] == [(PaymentStatus.SUCCEEDED, False, 0, completed["payment_intent"])]
    assert (after["events"], after["mails"]) == (4, 1)


# --- refused deliveries write nothing ----------------------------------------------------------


def _header(body: str, secret: str, age_seconds: int = 0) -> str:
    return signature_header(body, secret, int(time.time()) - age_seconds)


# Each case: (the body posted, its Stripe-Signature header or None) from the genuine "paid"
# and "unpaid" deliveries of the same event, and the endpoint's secret.
REFUSED_DELIVERIES = {
    "missing-header": lambda paid, unpaid, secret: (paid, None),
    "body-changed-after-signing": lambda paid, unpaid, secret: (paid, _header(unpaid, secret)),
    "stale-timestamp": lambda paid, unpaid, secret: (paid, _header(paid, secret, 6 * 60)),
    "wrong-secret": lambda paid, unpaid, secret: (paid, _header(paid, "whsec_test_other_shop")),
    "garbled-header": lambda paid, unpaid, secret: (paid, "t=not-a-time,v1=deadbeef"),
}


@pytest.mark.parametrize("case", REFUSED_DELIVERIES)
def test_a_delivery_that_fails_verification_is_refused_and_writes_nothing(
    client, app, stripe_stub, stripe_order, shop_state, mailbox, case
):
    before = shop_state(stripe_order, mailbox)
    event_id, created = f"evt_test_{secrets.token_hex(12)}", int(time.time())
    unpaid = event_payload(
        "checkout.session.completed",
        stripe_stub.complete(stripe_order.session_id, "unpaid"),
        event_id,
        created,
    )
    paid = unpaid.replace('"payment_status": "unpaid"', '"payment_status": "paid"')
    assert paid != unpaid
    body, header = REFUSED_DELIVERIES[case](paid, unpaid, app.config["STRIPE_WEBHOOK_SECRET"])

    response = client.post(
        "/webhooks/stripe",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": header} if header else {},
    )

    assert response.status_code == 400
    assert before["events"] == 0
    assert shop_state(stripe_order, mailbox) == before  # no event recorded, nothing paid


def _event(paid: dict, **changes) -> dict:
    """A genuine event body for the paid session, with top-level fields changed or removed
    (a value of ``...`` removes the field)."""
    event = json.loads(event_payload("checkout.session.completed", paid))
    for name, value in changes.items():
        if value is ...:
            event.pop(name)
        else:
            event[name] = value
    return event


# Each case: a body Stripe's signature covers but that is no event the shop can read, made
# from the genuine "paid" event of the order's session.
MALFORMED_BODIES = {
    "a-json-list": lambda paid: json.dumps([_event(paid)]),
    "a-json-text": lambda paid: json.dumps("checkout.session.completed"),
    "not-json": lambda paid: "id=evt_1&type=checkout.session.completed",
    "no-data": lambda paid: json.dumps(_event(paid, data=...)),
    "data-is-text": lambda paid: json.dumps(_event(paid, data="paid")),
    "data-object-is-text": lambda paid: json.dumps(_event(paid, data={"object": json.dumps(paid)})),
    "data-object-is-a-list": lambda paid: json.dumps(_event(paid, data={"object": [paid]})),
    "no-id": lambda paid: json.dumps(_event(paid, id=...)),
    "id-is-a-number": lambda paid: json.dumps(_event(paid, id=12345)),
    "id-too-long": lambda paid: json.dumps(_event(paid, id="evt_" + "x" * 300)),
    "type-is-a-list": lambda paid: json.dumps(_event(paid, type=["checkout.session.completed"])),
    "nul-in-the-id": lambda paid: json.dumps(_event(paid, id="evt_test_\x00")),
    "nul-in-the-payment-intent": lambda paid: json.dumps(
        _event(paid, data={"object": {**paid, "payment_intent": "pi_\x00"}})
    ),
}


@pytest.mark.parametrize("case", MALFORMED_BODIES)
def test_a_signed_body_that_is_no_event_is_refused_and_writes_nothing(
    client, app, stripe_stub, stripe_order, shop_state, mailbox, case
):
    before = shop_state(stripe_order, mailbox)
    paid = stripe_stub.complete(stripe_order.session_id, "paid")
    body = MALFORMED_BODIES[case](paid)

    response = client.post(
        "/webhooks/stripe",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": _header(body, app.config["STRIPE_WEBHOOK_SECRET"])},
    )

    assert response.status_code == 400
    assert shop_state(stripe_order, mailbox) == before  # no event recorded, nothing paid


def test_a_paid_event_with_figures_no_column_holds_is_flagged_not_paid(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    """An amount beyond any integer column and a payment intent id longer than any Stripe id:
    the event is recorded, the order stays unpaid and the payment is flagged for the office."""
    paid = stripe_stub.complete(stripe_order.session_id, "paid")
    paid.update(amount_total=10**20, payment_intent="pi_" + "x" * 300)

    response = send_event(client, "checkout.session.completed", paid)

    assert response.status_code == 200
    after = shop_state(stripe_order, mailbox)
    assert after["order"] == OrderStatus.PENDING_PAYMENT
    assert after["mails"] == 0


def test_a_shop_without_a_webhook_secret_refuses_every_event(
    client, app, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    before = shop_state(stripe_order, mailbox)
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    app.config["STRIPE_WEBHOOK_SECRET"] = None  # the stripe_stub fixture restores it

    response = send_event(client, "checkout.session.completed", completed, secret="whsec_test_x")

    assert response.status_code == 400
    assert shop_state(stripe_order, mailbox) == before


def test_an_unknown_event_type_is_acknowledged_and_only_recorded(
    client, session, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    before = shop_state(stripe_order, mailbox)

    response = send_event(
        client,
        "customer.created",
        {"id": "cus_test_1", "object": "customer", "email": "malee@example.org"},
        event_id="evt_test_unknown_type",
    )

    assert response.status_code == 200
    after = shop_state(stripe_order, mailbox)
    assert _besides_events(after) == _besides_events(before)
    [recorded] = session.scalars(select(StripeEvent)).all()
    assert (recorded.id, recorded.type) == ("evt_test_unknown_type", "customer.created")


# --- refunds -----------------------------------------------------------------------------------


def test_a_partial_refund_is_recorded_and_the_payment_stays_received(
    client, stripe_stub, stripe_order, send_event, shop_state, mailbox
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    send_event(client, "checkout.session.completed", completed)

    send_event(client, "charge.refunded", _charge(completed["payment_intent"], refunded=25_000))

    after = shop_state(stripe_order, mailbox)
    assert after["payments"] == [
        (PaymentStatus.SUCCEEDED, False, 25_000, completed["payment_intent"])
    ]
    assert after["order"] == OrderStatus.PAID


def test_money_for_an_expired_order_is_refunded_through_stripe_and_leaves_the_refund_list(
    client, app, session, stripe_stub, stripe_order, send_event, shop_state, mailbox, catalogue
):
    send_event(client, "checkout.session.expired", stripe_stub.sessions[stripe_order.session_id])
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    send_event(client, "checkout.session.completed", completed)
    assert shop_state(stripe_order, mailbox)["payments"][0][1] is True  # needs a refund
    key = f"refund-{stripe_order.number}"

    refund_ids = {
        stripe_gateway.refund(
            completed["payment_intent"], catalogue.total_satang, key, {"refund_id": "1"}
        )
        for _ in range(2)
    }
    send_event(
        client, "charge.refunded", _charge(completed["payment_intent"], catalogue.total_satang)
    )

    assert len(refund_ids) == 1
    [refund] = stripe_stub.refunds.values()
    assert refund["id"] in refund_ids
    assert refund["amount"] == catalogue.total_satang
    assert refund["payment_intent"] == completed["payment_intent"]
    assert {call.idempotency_key for call in stripe_stub.calls("/v1/refunds")} == {key}
    after = shop_state(stripe_order, mailbox)
    assert after["payments"] == [
        (PaymentStatus.REFUNDED, False, catalogue.total_satang, completed["payment_intent"])
    ]
    assert after["order"] == OrderStatus.EXPIRED


def test_the_admin_refunds_money_for_an_expired_order_with_one_click(
    app,
    client,
    session,
    stripe_stub,
    stripe_order,
    send_event,
    shop_state,
    mailbox,
    catalogue,
    platform_admin,
    login,
):
    send_event(client, "checkout.session.expired", stripe_stub.sessions[stripe_order.session_id])
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    send_event(client, "checkout.session.completed", completed)
    payment_id = session.scalars(
        select(Payment.id).where(Payment.order_id == stripe_order.id)
    ).one()
    session.commit()  # hold no transaction while the admin's requests run
    admin = app.test_client()
    login(admin, platform_admin.email)
    assert "Refund through Stripe" in admin.get("/admin/payments?lang=en").text

    for _ in range(2):  # a double click refunds once
        assert admin.post(f"/admin/payments/{payment_id}/refund").status_code == 302

    [refund] = stripe_stub.refunds.values()
    assert refund["amount"] == catalogue.total_satang
    assert refund["payment_intent"] == completed["payment_intent"]
    after = shop_state(stripe_order, mailbox)
    assert after["payments"] == [
        (PaymentStatus.REFUNDED, False, catalogue.total_satang, completed["payment_intent"])
    ]
    assert "Nothing to refund." in admin.get("/admin/payments?lang=en").text
