"""Payments: nothing a provider says is believed unless it is checked.

1. Every event that moves money (a paid Checkout Session, a delayed payment that succeeded, a
   refunded charge) must agree with its payment in amount and currency; one that does not is
   flagged for the office on /admin/payments with its reason, pays nothing and mails nobody.
2. An event finds its payment by the Checkout Session or payment intent it is about, never by
   the order its metadata names; metadata that disagrees is flagged or ignored.
3. A webhook signed more than five minutes in the future is refused like one five minutes old.
4. Every refund is capped at what is left of the payment (what arrived, less what was refunded,
   in the shop or in Stripe's dashboard) and says what was refunded before, now and what is left.
5. Money that arrives for an order that already expired or was cancelled is not "nothing was
   charged": the order page and a mail in the order's language say it will be refunded.
6. (Checkout side, see tests/orders/test_price_changed.py) a changed price sends no one to Stripe.

Orders are placed through the shop's pages, Stripe is the local stub, webhooks are signed posts.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.extensions import db
from shop.orders.models import Order, OrderStatus, SellerOrder, SellerOrderStatus
from shop.payments.models import Payment, PaymentStatus, StripeEvent
from shop.platform.audit_log import describe
from shop.platform.models import AuditEntry
from tests.cart.builders import flashes, text_of
from tests.factories import UserFactory
from tests.orders.buying import read_checkout
from tests.payments.conftest import BUYER_EMAIL, SHIPPING_ADDRESS

TOTAL = 106_500  # the catalogue's order: north ฿770 (goods 680 + EMS 90), south ฿295 (250 + 45)
NORTH_SHARE, SOUTH_SHARE = 77_000, 29_500


@dataclass
class StripeOrder:
    id: int
    number: str
    token: str
    session_id: str

    @property
    def url(self) -> str:
        return f"/orders/{self.token}"


@pytest.fixture
def stripe_order(client, stripe_stub, place_order, mailbox) -> StripeOrder:
    """An order from two cooperatives (฿1,065), waiting on its Stripe Checkout Session."""
    placed = place_order(client, "stripe")
    assert placed.response.status_code == 303
    mailbox.clear()  # the order confirmation; these tests look at what the events send
    order = placed.order
    return StripeOrder(
        order.id, order.number, order.token, placed.response.location.rsplit("/", 1)[-1]
    )


@pytest.fixture
def admin(app, platform_admin, login):
    client = app.test_client()
    login(client, platform_admin.email)
    return client


def _order(session, order_id: int) -> Order:
    session.expire_all()
    return session.get(Order, order_id)


def _payments(session, order_id: int) -> list[Payment]:
    return list(_order(session, order_id).payments)


def _charge(payment_intent, *, refunded, amount=TOTAL, currency="thb", **extra) -> dict:
    charge = {
        "id": f"ch_test_{secrets.token_hex(12)}",
        "object": "charge",
        "amount": amount,
        "amount_refunded": refunded,
        "currency": currency,
        "payment_intent": payment_intent,
        "refunded": refunded == amount,
        "status": "succeeded",
    }
    return {key: value for key, value in {**charge, **extra}.items() if value is not ...}


def _review_page(admin) -> str:
    return text_of(admin.get("/admin/payments?lang=en"))


def _paid(client, stripe_stub, send_event, order: StripeOrder) -> dict:
    completed = stripe_stub.complete(order.session_id, "paid")
    assert send_event(client, "checkout.session.completed", completed).status_code == 200
    return completed


# --- 1. amount and currency of money that arrives ------------------------------------------------

MISMATCHED = {
    "less": ({"amount_total": 100}, "Stripe reported ฿1; this payment is for ฿1,065.", 100),
    "more": (
        {"amount_total": 200_000},
        "Stripe reported ฿2,000; this payment is for ฿1,065.",
        200_000,
    ),
    "one-satang-short": (
        {"amount_total": TOTAL - 1},
        "Stripe reported ฿1,064.99; this payment is for ฿1,065.",
        TOTAL - 1,
    ),
    "usd": ({"currency": "usd"}, "Stripe reported the currency “usd”, not THB.", None),
    "no-currency": ({"currency": ...}, "Stripe reported the currency “None”, not THB.", None),
    "amount-missing": ({"amount_total": ...}, "Stripe reported no amount.", None),
    "amount-null": ({"amount_total": None}, "Stripe reported no amount.", None),
    "amount-as-text": ({"amount_total": str(TOTAL)}, "Stripe reported no amount.", None),
}
MONEY_IN = ["checkout.session.completed", "checkout.session.async_payment_succeeded"]


def _as_reported(session_object: dict, changes: dict) -> dict:
    reported = {**session_object, **changes}
    return {key: value for key, value in reported.items() if value is not ...}


@pytest.mark.parametrize("event_type", MONEY_IN)
@pytest.mark.parametrize("case", MISMATCHED)
def test_money_that_does_not_match_the_payment_pays_nothing_and_is_flagged_for_the_office(
    client, session, stripe_stub, stripe_order, send_event, mailbox, admin, event_type, case
):
    changes, reason, received = MISMATCHED[case]
    completed = stripe_stub.complete(stripe_order.session_id, "paid")

    response = send_event(client, event_type, _as_reported(completed, changes))

    assert response.status_code == 200
    order = _order(session, stripe_order.id)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.paid_at is None
    assert {so.status for so in order.seller_orders} == {SellerOrderStatus.PENDING_PAYMENT}
    assert mailbox == []  # no "payment received", nothing to the cooperatives
    [payment] = order.payments
    assert payment.paid_order is False
    assert payment.received_satang == received
    # Money of a known amount in baht is to be refunded; anything else is for the office to check.
    assert (payment.needs_refund, payment.needs_review) == (received is not None, received is None)
    assert reason in _review_page(admin)


def test_money_that_does_not_match_is_refunded_as_it_arrived_and_the_buyer_can_pay_again(
    client, session, stripe_stub, stripe_order, send_event, admin, mailbox, paid_mails
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    send_event(client, "checkout.session.completed", {**completed, "amount_total": 5_000})
    [flagged] = _payments(session, stripe_order.id)
    session.commit()

    assert admin.post(f"/admin/payments/{flagged.id}/refund").status_code == 302

    [refund] = stripe_stub.calls("/v1/refunds")
    assert refund.params["payment_intent"] == completed["payment_intent"]
    assert refund.params["amount"] == "5000"
    assert refund.params["metadata"]["order_number"] == stripe_order.number
    again = client.post(f"{stripe_order.url}/pay")
    assert again.status_code == 303
    new_session = again.location.rsplit("/", 1)[-1]
    assert new_session != stripe_order.session_id  # not back to the finished session
    send_event(client, "checkout.session.completed", stripe_stub.complete(new_session, "paid"))
    order = _order(session, stripe_order.id)
    assert order.status == OrderStatus.PAID
    assert [(p.status, p.refunded_satang, p.paid_order) for p in order.payments] == [
        (PaymentStatus.REFUNDED, 5_000, False),
        (PaymentStatus.SUCCEEDED, 0, True),
    ]
    assert len(paid_mails(mailbox, order)) == 1


def test_a_mismatched_report_about_a_payment_already_received_changes_nothing_but_is_flagged(
    client, session, stripe_stub, stripe_order, send_event, mailbox, admin
):
    completed = _paid(client, stripe_stub, send_event, stripe_order)
    before = [
        (p.status, p.received_satang, p.needs_refund) for p in _payments(session, stripe_order.id)
    ]

    send_event(client, "checkout.session.async_payment_succeeded", {**completed, "amount_total": 1})

    after = _payments(session, stripe_order.id)
    assert [(p.status, p.received_satang, p.needs_refund) for p in after] == before
    assert after[0].needs_review
    assert _order(session, stripe_order.id).status == OrderStatus.PAID
    assert "Stripe reported ฿0.01; this payment is for ฿1,065." in _review_page(admin)


REFUND_MISMATCHED = {
    "usd": (
        {"currency": "usd", "refunded": 10_000},
        "Stripe reported the currency “usd”, not THB.",
    ),
    "more-than-the-charge": (
        {"refunded": TOTAL + 1},
        "Stripe reported ฿1,065.01 refunded of a charge of ฿1,065; this payment received ฿1,065.",
    ),
    "another-charge-amount": (
        {"amount": 50_000, "refunded": 50_000},
        "Stripe reported ฿500 refunded of a charge of ฿500; this payment received ฿1,065.",
    ),
    "negative": (
        {"refunded": -100},
        "Stripe reported ฿-1 refunded of a charge of ฿1,065; this payment received ฿1,065.",
    ),
    "refunded-missing": ({"refunded": ...}, "Stripe reported no amount."),
    "refunded-as-text": ({"refunded": "10000"}, "Stripe reported no amount."),
    "names-another-order": (
        {"refunded": 10_000, "metadata": {"order_number": "RN-0000-0001"}},
        "Stripe's order_number is “RN-0000-0001”, not this payment's",
    ),
}


@pytest.mark.parametrize("case", REFUND_MISMATCHED)
def test_a_refund_report_that_does_not_match_the_payment_is_not_recorded_but_flagged(
    client, session, stripe_stub, stripe_order, send_event, admin, case
):
    completed = _paid(client, stripe_stub, send_event, stripe_order)
    fields, reason = REFUND_MISMATCHED[case]
    fields = dict(fields)
    refunded = fields.pop("refunded")
    charge = _charge(completed["payment_intent"], refunded=refunded, **fields)
    if refunded is ...:
        charge.pop("amount_refunded", None)

    assert send_event(client, "charge.refunded", charge).status_code == 200

    [payment] = _payments(session, stripe_order.id)
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.SUCCEEDED, 0)
    assert payment.needs_review
    assert not payment.needs_refund
    page = _review_page(admin)
    assert reason in page
    session.commit()

    admin.post(f"/admin/payments/{payment.id}/checked")

    assert not _payments(session, stripe_order.id)[0].needs_review
    assert "Nothing to check." in _review_page(admin)


def test_a_refund_report_that_matches_is_recorded_as_the_charges_running_total(
    client, session, stripe_stub, stripe_order, send_event
):
    completed = _paid(client, stripe_stub, send_event, stripe_order)
    intent = completed["payment_intent"]

    for refunded in (10_000, 30_000, 10_000):  # the last one arrives late: never lowers it
        send_event(client, "charge.refunded", _charge(intent, refunded=refunded))

    [payment] = _payments(session, stripe_order.id)
    assert (payment.status, payment.refunded_satang, payment.needs_review) == (
        PaymentStatus.SUCCEEDED,
        30_000,
        False,
    )
    send_event(client, "charge.refunded", _charge(intent, refunded=TOTAL))
    assert _payments(session, stripe_order.id)[0].status == PaymentStatus.REFUNDED


# --- 2. events find their payment by Stripe's own ids, never by metadata ------------------------


def test_a_session_the_shop_never_opened_cannot_pay_an_order_its_metadata_names(
    client, session, stripe_stub, stripe_order, send_event, mailbox
):
    genuine = stripe_stub.sessions[stripe_order.session_id]
    forged = {
        **genuine,
        "id": f"cs_test_{secrets.token_urlsafe(24)}",
        "status": "complete",
        "payment_status": "paid",
        "payment_intent": "pi_test_someone_elses",
    }

    for event_type in MONEY_IN:
        assert send_event(client, event_type, forged).status_code == 200

    order = _order(session, stripe_order.id)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert [(p.status, p.stripe_session_id, p.stripe_payment_intent) for p in order.payments] == [
        (PaymentStatus.PENDING, stripe_order.session_id, "")
    ]
    assert mailbox == []
    send_event(client, "checkout.session.expired", {**forged, "status": "expired"})
    assert _order(session, stripe_order.id).status == OrderStatus.PENDING_PAYMENT
    assert session.scalar(select(db.func.count()).select_from(StripeEvent)) == 3


def test_a_forged_session_cannot_take_over_a_payment_whose_answer_was_lost(
    client, session, stripe_stub, place_order, send_event
):
    stripe_stub.lose_next(3)  # Stripe's answers never came back: the payment has no session
    placed = place_order(client, "stripe")
    [payment] = _payments(session, placed.order.id)
    assert payment.stripe_session_id is None
    forged = {
        "id": "cs_test_forged_for_a_lost_answer",
        "object": "checkout.session",
        "amount_total": TOTAL,
        "currency": "thb",
        "client_reference_id": placed.order.number,
        "metadata": {"order_number": placed.order.number, "payment_id": str(payment.id)},
        "payment_intent": "pi_test_forged",
        "payment_status": "paid",
        "status": "complete",
    }

    send_event(client, "checkout.session.completed", forged)

    [payment] = _payments(session, placed.order.id)
    assert (payment.status, payment.stripe_session_id) == (PaymentStatus.PENDING, None)
    assert _order(session, placed.order.id).status == OrderStatus.PENDING_PAYMENT


METADATA = {
    "order_number": {"metadata": {"order_number": "RN-9999-9999"}},
    "order_id": {"metadata": {"order_id": "999999"}},
    "payment_id": {"metadata": {"payment_id": "999999"}},
    "client_reference_id": {"client_reference_id": "RN-9999-9999", "metadata": {}},
}


@pytest.mark.parametrize("case", METADATA)
def test_money_on_the_orders_own_session_whose_metadata_names_another_is_flagged_not_paid(
    client, session, stripe_stub, stripe_order, send_event, mailbox, admin, case
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")

    send_event(client, "checkout.session.completed", {**completed, **METADATA[case]})

    order = _order(session, stripe_order.id)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert mailbox == []
    [payment] = order.payments
    assert payment.needs_refund
    assert payment.received_satang == TOTAL
    field = case if case != "client_reference_id" else "order_number"
    assert f"Stripe's {field} is “" in _review_page(admin)


def test_an_expiry_whose_metadata_names_another_order_is_ignored(
    client, session, stripe_stub, stripe_order, send_event
):
    expired = stripe_stub.expire(stripe_order.session_id)

    send_event(
        client, "checkout.session.expired", {**expired, "metadata": {"order_number": "RN-1-1"}}
    )

    assert _order(session, stripe_order.id).status == OrderStatus.PENDING_PAYMENT


def test_metadata_that_agrees_confirms_and_the_order_is_paid(
    client, session, stripe_stub, stripe_order, send_event, mailbox, paid_mails
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")
    assert completed["metadata"]["order_number"] == stripe_order.number

    send_event(client, "checkout.session.completed", completed)

    order = _order(session, stripe_order.id)
    assert order.status == OrderStatus.PAID
    assert len(paid_mails(mailbox, order)) == 1


# --- 3. signatures from the future ----------------------------------------------------------------


@pytest.mark.parametrize("seconds", [301, 6 * 60, 3600, 30 * 24 * 3600])
def test_a_webhook_signed_in_the_future_is_refused_and_writes_nothing(
    client, session, stripe_stub, stripe_order, send_event, mailbox, seconds
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")

    response = send_event(
        client, "checkout.session.completed", completed, timestamp=int(time.time()) + seconds
    )

    assert response.status_code == 400
    assert session.scalar(select(db.func.count()).select_from(StripeEvent)) == 0
    assert _order(session, stripe_order.id).status == OrderStatus.PENDING_PAYMENT
    assert mailbox == []


def test_a_webhook_signed_a_little_ahead_of_the_shops_clock_is_accepted(
    client, session, stripe_stub, stripe_order, send_event
):
    completed = stripe_stub.complete(stripe_order.session_id, "paid")

    response = send_event(
        client, "checkout.session.completed", completed, timestamp=int(time.time()) + 240
    )

    assert response.status_code == 200
    assert _order(session, stripe_order.id).status == OrderStatus.PAID


def test_a_second_timestamp_in_the_future_is_refused_too(
    app, client, session, stripe_stub, stripe_order
):
    from tests.payments.stripe_stub import event_payload, signature_header

    body = event_payload(
        "checkout.session.completed", stripe_stub.complete(stripe_order.session_id, "paid")
    )
    now = int(time.time())
    genuine = signature_header(body, app.config["STRIPE_WEBHOOK_SECRET"], now)
    later = signature_header(body, app.config["STRIPE_WEBHOOK_SECRET"], now + 3600)
    header = f"{genuine},{later}"

    response = client.post(
        "/webhooks/stripe",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": header},
    )

    assert response.status_code == 400
    assert _order(session, stripe_order.id).status == OrderStatus.PENDING_PAYMENT


# --- 4. refunds are capped at what is left, and say so -------------------------------------------


@pytest.fixture
def staff(app, session, catalogue, login):
    """A logged-in staff member of each cooperative: ``staff["north"]``, ``staff["south"]``."""
    clients = {}
    for name, coop_id in (("north", catalogue.north_coop_id), ("south", catalogue.south_coop_id)):
        user = UserFactory(email=f"{name}@coop.example.org", locale="en")
        session.add(
            CooperativeMembership(user=user, cooperative_id=coop_id, role=MembershipRole.OWNER)
        )
        session.commit()
        clients[name] = app.test_client()
        login(clients[name], user.email)
    return clients


def _part(session, order_id: int, coop_id: int) -> SellerOrder:
    return next(
        so for so in _order(session, order_id).seller_orders if so.cooperative_id == coop_id
    )


def _cancel(client, part_id: int) -> list[tuple[str, str]]:
    response = client.post(f"/seller/orders/{part_id}/cancel?lang=en", data={"reason": "damaged"})
    assert response.status_code == 302
    return flashes(client.get(f"/seller/orders/{part_id}?lang=en"))


def _refund_preview(client, part_id: int) -> str:
    page = text_of(client.get(f"/seller/orders/{part_id}?lang=en"))
    match = re.search(r'<p class="small-print refund-preview">(.*?)</p>', page, re.S)
    assert match, "no refund preview on the seller's order page"
    return match.group(1).strip()


def test_cancelling_after_a_refund_in_stripes_dashboard_refunds_only_what_is_left(
    client, session, stripe_stub, stripe_order, send_event, staff, catalogue
):
    completed = _paid(client, stripe_stub, send_event, stripe_order)
    intent = completed["payment_intent"]
    # The office refunded ฿100 in Stripe's dashboard; Stripe reports the charge's total so far.
    send_event(client, "charge.refunded", _charge(intent, refunded=10_000))
    north = _part(session, stripe_order.id, catalogue.north_coop_id)
    south = _part(session, stripe_order.id, catalogue.south_coop_id)
    session.commit()

    assert _refund_preview(staff["north"], north.id) == (
        "฿100 of the order's payment was already refunded, so cancelling refunds ฿770 to the "
        "buyer (฿195 left on the payment) and puts the goods back in stock."
    )
    assert (
        "success",
        f"Order {stripe_order.number} is cancelled and its stock returned. "
        "฿100 was already refunded; ฿770 refunded now; ฿195 left.",
    ) in _cancel(staff["north"], north.id)
    # Its share (฿295) is more than is left (฿195): the last part gets what is left.
    assert _refund_preview(staff["south"], south.id) == (
        "฿870 of the order's payment was already refunded, so cancelling refunds ฿195 to the "
        "buyer (฿0 left on the payment) and puts the goods back in stock."
    )
    assert (
        "success",
        f"Order {stripe_order.number} is cancelled and its stock returned. "
        "฿870 was already refunded; ฿195 refunded now; ฿0 left.",
    ) in _cancel(staff["south"], south.id)

    assert [int(call.params["amount"]) for call in stripe_stub.calls("/v1/refunds")] == [
        NORTH_SHARE,
        19_500,
    ]
    order = _order(session, stripe_order.id)
    assert order.status == OrderStatus.CANCELLED
    assert sorted(so.refunded_satang for so in order.seller_orders) == [19_500, NORTH_SHARE]
    [payment] = order.payments
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.REFUNDED, TOTAL)
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "payment.refund").order_by(AuditEntry.id)
    ).all()
    with force_locale("en"):
        assert [describe(entry) for entry in entries] == [
            f"Refunded ฿770 for order {stripe_order.number} (฿100 refunded before; ฿195 left)",
            f"Refunded ฿195 for order {stripe_order.number} (฿870 refunded before; ฿0 left)",
        ]
    # Stripe then reports the charge fully refunded: nothing changes.
    send_event(client, "charge.refunded", _charge(intent, refunded=TOTAL))
    assert _payments(session, stripe_order.id)[0].refunded_satang == TOTAL


def test_cancelling_when_stripe_already_refunded_everything_sends_no_refund(
    client, session, stripe_stub, stripe_order, send_event, staff, catalogue
):
    completed = _paid(client, stripe_stub, send_event, stripe_order)
    send_event(client, "charge.refunded", _charge(completed["payment_intent"], refunded=TOTAL))
    north = _part(session, stripe_order.id, catalogue.north_coop_id)
    session.commit()

    messages = _cancel(staff["north"], north.id)

    assert stripe_stub.calls("/v1/refunds") == []
    assert (
        "success",
        f"Order {stripe_order.number} is cancelled and its stock returned. "
        "฿1,065 was already refunded; ฿0 refunded now; ฿0 left.",
    ) in messages
    assert _part(session, stripe_order.id, catalogue.north_coop_id).status == "cancelled"
    assert _part(session, stripe_order.id, catalogue.north_coop_id).refunded_satang == 0


def test_the_office_refunds_only_what_is_left_of_late_money_and_says_so(
    client, session, stripe_stub, stripe_order, send_event, admin
):
    send_event(client, "checkout.session.expired", stripe_stub.sessions[stripe_order.session_id])
    completed = _paid(client, stripe_stub, send_event, stripe_order)
    send_event(client, "charge.refunded", _charge(completed["payment_intent"], refunded=50_000))
    [payment] = _payments(session, stripe_order.id)
    assert payment.needs_refund
    session.commit()
    assert "฿500 was already refunded; ฿565 left to refund." in _review_page(admin)

    for _ in range(2):  # a double click
        admin.post(f"/admin/payments/{payment.id}/refund?lang=en")

    [refund] = stripe_stub.calls("/v1/refunds")
    assert int(refund.params["amount"]) == TOTAL - 50_000
    assert (
        "success",
        f"The payment for order {stripe_order.number} was refunded: "
        "฿500 was already refunded; ฿565 refunded now; ฿0 left.",
    ) in flashes(admin.get("/admin/payments?lang=en"))
    [payment] = _payments(session, stripe_order.id)
    assert (payment.status, payment.refunded_satang, payment.needs_refund) == (
        PaymentStatus.REFUNDED,
        TOTAL,
        False,
    )


# --- 5. late money: the buyer is told it will be refunded ----------------------------------------


def test_money_for_an_expired_order_is_announced_to_the_buyer_as_a_coming_refund(
    client, session, stripe_stub, place_order, send_event, mailbox, admin
):
    placed = place_order(client, "stripe", lang="th")
    session_id = placed.response.location.rsplit("/", 1)[-1]
    send_event(client, "checkout.session.expired", stripe_stub.expire(session_id))
    mailbox.clear()
    nothing_charged = "Nothing was charged"
    assert nothing_charged in text_of(client.get(f"{placed.url}?lang=en"))

    send_event(client, "checkout.session.completed", stripe_stub.complete(session_id, "paid"))

    page = text_of(client.get(f"{placed.url}?lang=en"))
    assert nothing_charged not in page
    assert "This order expired before it was paid, but your payment of ฿1,065 arrived" in page
    assert "we will refund the whole amount to you" in page
    order = _order(session, placed.order.id)
    with force_locale("th"):
        subject = gettext(
            "Your payment for order %(number)s arrived late and will be refunded",
            number=order.number,
        )
    assert not subject.startswith("Your payment")  # the order's language: Thai
    [mail] = mailbox
    assert (mail.subject, mail.to) == (subject, [BUYER_EMAIL])
    assert "฿1,065" in mail.body
    assert order.token in mail.body

    [payment] = order.payments
    session.commit()
    admin.post(f"/admin/payments/{payment.id}/refund")
    assert "It was refunded to you." in text_of(client.get(f"{placed.url}?lang=en"))


def test_late_money_of_another_amount_is_announced_as_a_refund_of_what_arrived(
    client, session, stripe_stub, stripe_order, send_event, mailbox, admin
):
    send_event(client, "checkout.session.expired", stripe_stub.expire(stripe_order.session_id))
    completed = stripe_stub.complete(stripe_order.session_id, "paid")

    send_event(client, "checkout.session.completed", {**completed, "amount_total": 90_000})

    page = text_of(client.get(f"{stripe_order.url}?lang=en"))
    assert "Nothing was charged" not in page
    assert "your payment of ฿900 arrived after that" in page
    assert [m.subject for m in mailbox] == [
        f"Your payment for order {stripe_order.number} arrived late and will be refunded"
    ]
    review = _review_page(admin)
    assert "Stripe reported ฿900; this payment is for ฿1,065." in review
    assert "The money arrived after the order had expired or been cancelled." in review


def test_a_transfer_confirmed_after_the_order_was_cancelled_is_announced_as_a_refund(
    client, session, place_order, mailbox, admin
):
    placed = place_order(client, "transfer", lang="my")
    assert client.post(f"{placed.url}/cancel").status_code == 302
    [payment] = _payments(session, placed.order.id)
    session.commit()
    mailbox.clear()

    admin.post(f"/admin/payments/{payment.id}/confirm", data={"confirmed": "1"})

    page = text_of(client.get(f"{placed.url}?lang=en"))
    assert "This order was cancelled, but your payment of ฿1,065 arrived after that." in page
    order = _order(session, placed.order.id)
    with force_locale("my"):
        subject = gettext(
            "Your payment for order %(number)s arrived late and will be refunded",
            number=order.number,
        )
    assert not subject.startswith("Your payment")  # Burmese
    assert [m.subject for m in mailbox] == [subject]
    assert "Payment received" not in " ".join(m.subject for m in mailbox)


# --- 6. a changed price sends nobody to Stripe ---------------------------------------------------


def test_a_price_changed_after_the_checkout_page_sends_nobody_to_stripe(
    client, session, stripe_stub, catalogue
):
    for variant_id, quantity in catalogue.cart:
        client.post("/cart/add", data={"variant_id": variant_id, "quantity": quantity})
    data = {"email": BUYER_EMAIL, "payment_method": "stripe", **SHIPPING_ADDRESS}
    _page, shown = read_checkout(client, "en", **data)
    from shop.catalog.models import Variant

    session.get(Variant, catalogue.honey_id).price_satang = 27_000
    session.commit()

    response = client.post("/checkout?lang=en", data={**data, "shown": shown})

    assert response.status_code == 409
    assert "฿1,065" in text_of(response)
    assert "฿1,085" in text_of(response)
    assert stripe_stub.session_calls == []
    assert session.scalar(select(db.func.count()).select_from(Order)) == 0
