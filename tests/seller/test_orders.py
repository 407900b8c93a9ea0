"""A cooperative's staff find, pack, ship, deliver and cancel their part of orders.

Orders are placed through the shop's pages and paid through the payment services; staff act
through the seller pages. Every route refuses another cooperative's seller order with 404.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from shop.core.db import utcnow
from shop.extensions import db
from shop.inventory.models import StockMovement
from shop.orders.models import Order, SellerOrder
from shop.payments.models import Refund
from shop.platform.models import AuditEntry
from tests.cart.builders import flashes, log_in, text_of
from tests.orders.buying import (
    add_to_cart,
    assert_stock_matches_ledger,
    checkout,
    ledger,
    order_of,
    stock_of,
)
from tests.seller.conftest import part_of

# La-un: 2 × ฿180 robusta, 560 g by Thailand Post EMS (฿50); Kapoe: 1 × ฿250 cashews + ฿40.
LA_UN_GOODS, LA_UN_SHIPPING = 36_000, 5_000
LA_UN_SHARE = LA_UN_GOODS + LA_UN_SHIPPING

# The orders CSV's columns as staff's spreadsheets expect them (the seller's export).
ORDERS_CSV_HEADER = [
    "order_number",
    "date",
    "status",
    "buyer",
    "buyer_email",
    "goods_baht",
    "shipping_baht",
    "commission_baht",
    "refunded_baht",
]


# Cancelling asks for a reason the buyer reads in their own language (shop.core.reasons).
CANCEL = {"reason": "out_of_stock"}


def _reload(seller_order_id: int) -> SellerOrder:
    db.session.expire_all()
    return db.session.get(SellerOrder, seller_order_id)


def _routes(seller_order_id: int) -> list[tuple[str, str, dict]]:
    base = f"/seller/orders/{seller_order_id}"
    return [
        ("GET", base, {}),
        ("GET", f"{base}/packing-slip", {}),
        ("POST", f"{base}/pack", {}),
        ("POST", f"{base}/ship", {"carrier": "kerry-express", "tracking_number": "SHP4001234567"}),
        ("POST", f"{base}/deliver", {}),
        ("POST", f"{base}/cancel", {}),
    ]


def _call(client, method, url, data):
    return client.get(url) if method == "GET" else client.post(url, data=data)


# --- the list -------------------------------------------------------------------------------


def test_staff_list_only_their_cooperatives_paid_orders_and_see_how_many_to_pack(
    staff_client, market, place, pay
):
    paid = place(name="Malee Srisuk")
    pay(paid)
    place(name="Unpaid Buyer", email="unpaid@example.org")  # not paid: not staff's business yet

    page = text_of(staff_client.get("/seller/orders?lang=en"))

    assert paid.number in page
    assert "Unpaid Buyer" not in page
    assert "Waiting to be packed: 1" in page
    assert "฿360" in page  # La-un's goods, not the whole order's
    assert "฿250" not in page  # Kapoe's cashews are not La-un's


def test_staff_filter_by_status_and_date_and_search_by_number_or_buyer(
    staff_client, market, place, pay
):
    first = place(name="Malee Srisuk", email="malee@example.org")
    pay(first)
    second = place(name="Somchai Jaidee", email="somchai@example.org")
    pay(second)
    staff_client.post(f"/seller/orders/{part_of(second, market.shop.la_un).id}/pack")

    def listed(query: str) -> set[str]:
        page = text_of(staff_client.get(f"/seller/orders?lang=en&{query}"))
        return {number for number in (first.number, second.number) if number in page}

    assert listed("status=packing") == {second.number}
    assert listed("status=paid") == {first.number}
    assert listed("q=malee") == {first.number}
    assert listed("q=SOMCHAI%40example") == {second.number}
    assert listed(f"q={second.number}") == {second.number}
    today = utcnow().date()
    assert listed(f"date_from={today - timedelta(days=1)}&date_to={today + timedelta(days=1)}") == {
        first.number,
        second.number,
    }
    assert listed(f"date_from={today + timedelta(days=2)}") == set()


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', page)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_list_pages_by_older_and_newer_links_that_keep_the_filter(
    staff_client, market, place, pay, monkeypatch
):
    monkeypatch.setattr("shop.orders.fulfilment.PAGE_SIZE", 2)
    numbers = []
    for n in range(5):
        order = place(name=f"Buyer {n}", email=f"buyer{n}@example.org")
        pay(order)
        numbers.append(order.number)
    other = place(name="Someone Else", email="else@example.org")
    pay(other)
    # Placed within the same second on a fast machine: give them distinct times, 0 oldest.
    for n, number in enumerate(numbers):
        order = db.session.scalars(select(Order).where(Order.number == number)).one()
        order.created_at = utcnow() - timedelta(hours=10 - n)
    db.session.commit()

    def shown(page: str) -> list[str]:
        return sorted((n for n in numbers if n in page), key=page.index)

    first = staff_client.get("/seller/orders?lang=en&q=buyer").get_data(as_text=True)
    assert shown(first) == [numbers[4], numbers[3]]
    assert other.number not in first
    assert _link(first, "prev") is None

    second = staff_client.get(_link(first, "next")).get_data(as_text=True)
    assert "q=buyer" in _link(first, "next")  # the search is kept
    assert shown(second) == [numbers[2], numbers[1]]
    assert other.number not in second

    third = staff_client.get(_link(second, "next")).get_data(as_text=True)
    assert shown(third) == [numbers[0]]
    assert _link(third, "next") is None

    back = staff_client.get(_link(third, "prev")).get_data(as_text=True)
    assert shown(back) == [numbers[2], numbers[1]]
    back_again = staff_client.get(_link(back, "prev")).get_data(as_text=True)
    assert shown(back_again) == [numbers[4], numbers[3]]


@pytest.mark.parametrize(
    "cursor",
    ["older=abc", "older=1.2.3", "newer=-5.1", "older=99999999999999999.1", "older=%E0%B9%91.1"],
)
def test_a_mangled_paging_link_shows_the_newest_orders(staff_client, market, place, pay, cursor):
    order = place(name="Malee Srisuk")
    pay(order)
    response = staff_client.get(f"/seller/orders?lang=en&{cursor}")
    assert response.status_code == 200
    assert order.number in response.get_data(as_text=True)


# --- detail and fulfilment ------------------------------------------------------------------


def test_the_detail_shows_lines_buyer_contact_address_and_payment(staff_client, market, paid_order):
    part = part_of(paid_order, market.shop.la_un)

    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))

    assert "Medium Roast Robusta" in page
    assert "ROB-250" in page
    assert "Roasted Cashews" not in page
    assert "malee@example.org" in page
    assert 'href="tel:0812345678"' in page
    assert "Phetkasem Road" in page
    assert "Ranong 85000" in page
    assert "Bank transfer or PromptPay QR" in page
    assert "Received" in page


def test_fulfilment_paid_packing_shipped_delivered_mails_the_buyer_the_tracking_once(
    staff_client, buyer, market, paid_order, mailbox
):
    part = part_of(paid_order, market.shop.la_un)
    url = f"/seller/orders/{part.id}"
    mailbox.clear()

    assert staff_client.post(f"{url}/pack").status_code == 302
    assert _reload(part.id).status == "packing"
    shipped = staff_client.post(
        f"{url}/ship", data={"carrier": "thailand-post", "tracking_number": "EF123456785TH"}
    )
    assert shipped.status_code == 302
    staff_client.post(
        f"{url}/ship", data={"carrier": "thailand-post", "tracking_number": "EF999999995TH"}
    )  # a second click: refused, nothing changes

    part = _reload(part.id)
    assert (part.status, part.carrier, part.tracking_number) == (
        "shipped",
        "thailand-post",
        "EF123456785TH",
    )
    assert part.shipped_at is not None
    [mail] = [m for m in mailbox if m.to == ["malee@example.org"]]
    assert mail.subject == f"Order {paid_order.number} is on its way"
    assert "EF123456785TH" in mail.body
    assert "Thailand Post" in mail.body
    buyer_page = text_of(buyer.get(f"/orders/{paid_order.token}?lang=en"))
    assert "Tracking: Thailand Post" in buyer_page
    assert ">EF123456785TH</a>" in buyer_page
    assert "Shipped" in buyer_page

    staff_client.post(f"{url}/deliver")
    part = _reload(part.id)
    assert part.status == "delivered"
    assert part.delivered_at is not None
    assert "Delivered" in text_of(buyer.get(f"/orders/{paid_order.token}?lang=en"))
    steps = db.session.scalars(
        select(AuditEntry.details).where(AuditEntry.action == "seller_order.status")
    ).all()
    assert [d["status"] for d in steps] == [
        ["paid", "packing"],
        ["packing", "shipped"],
        ["shipped", "delivered"],
    ]


def test_steps_out_of_order_are_refused_and_change_nothing(
    staff_client, market, paid_order, mailbox
):
    part = part_of(paid_order, market.shop.la_un)
    url = f"/seller/orders/{part.id}"
    mailbox.clear()

    ship = staff_client.post(
        f"{url}/ship?lang=en",
        data={"carrier": "kerry-express", "tracking_number": "SHP4001234567"},
    )
    assert ship.status_code == 302
    assert ("error", "This order cannot take that step now.") in flashes(
        staff_client.get(f"{url}?lang=en")
    )
    staff_client.post(f"{url}/deliver")
    assert _reload(part.id).status == "paid"
    assert _reload(part.id).tracking_number == ""
    assert mailbox == []

    staff_client.post(f"{url}/pack")
    staff_client.post(f"{url}/pack")
    staff_client.post(f"{url}/deliver")
    assert _reload(part.id).status == "packing"


def test_shipping_needs_a_carrier_and_a_tracking_number(staff_client, market, paid_order):
    part = part_of(paid_order, market.shop.la_un)
    staff_client.post(f"/seller/orders/{part.id}/pack")

    response = staff_client.post(
        f"/seller/orders/{part.id}/ship?lang=en",
        data={"carrier": "kerry-express", "tracking_number": " "},
    )

    assert response.status_code == 400
    assert "Please enter the tracking number." in text_of(response)
    assert _reload(part.id).status == "packing"


def test_the_packing_slip_lists_what_to_pack_and_where_without_the_site_header(
    staff_client, market, paid_order
):
    part = part_of(paid_order, market.shop.la_un)

    response = staff_client.get(f"/seller/orders/{part.id}/packing-slip?lang=en")

    page = text_of(response)
    assert response.status_code == 200
    assert "Packing slip" in page
    assert paid_order.number in page
    assert "ROB-250" in page
    assert "Malee Srisuk" in page
    assert "Ranong 85000" in page
    assert "site-header" not in page
    assert "site-footer" not in page
    assert "Roasted Cashews" not in page


# --- cancelling -----------------------------------------------------------------------------


def test_cancelling_a_transfer_order_records_a_manual_refund_and_returns_stock_once(
    staff_client, buyer, market, paid_order, stripe_stub
):
    part = part_of(paid_order, market.shop.la_un)
    robusta = market.shop.robusta.id
    stock_before = stock_of(robusta)

    staff_client.post(f"/seller/orders/{part.id}/cancel", data=CANCEL)
    staff_client.post(f"/seller/orders/{part.id}/cancel", data=CANCEL)  # twice: nothing more

    part = _reload(part.id)
    assert part.status == "cancelled"
    assert part.cancelled_at is not None
    assert part.refunded_satang == LA_UN_SHARE
    assert stock_of(robusta) == stock_before + 2
    assert list(ledger("return")) == [(robusta, 2, "return", paid_order.number)]
    assert_stock_matches_ledger(robusta, market.shop.cashews.id)
    payment = db.session.get(Order, paid_order.id).payments[-1]
    assert payment.refunded_satang == LA_UN_SHARE
    manual = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "payment.manual_refund")
    ).all()
    assert [entry.details["amount_satang"] for entry in manual] == [LA_UN_SHARE]
    assert stripe_stub.calls("/v1/refunds") == []
    # Kapoe's part goes on; the buyer sees La-un's part cancelled.
    assert part_of(db.session.get(Order, paid_order.id), market.shop.kapoe).status == "paid"
    buyer_page = text_of(buyer.get(f"/orders/{paid_order.token}?lang=en"))
    assert "Cancelled" in buyer_page


def test_cancelling_a_stripe_order_refunds_its_share_through_stripe_once(
    staff_client, market, place, pay, stripe_stub
):
    order = place(payment_method="stripe")
    pay(order, payment_intent="pi_test_la_un_share")
    part = part_of(order, market.shop.la_un)

    staff_client.post(f"/seller/orders/{part.id}/cancel", data=CANCEL)
    staff_client.post(f"/seller/orders/{part.id}/cancel", data=CANCEL)

    [refund] = stripe_stub.calls("/v1/refunds")
    assert refund.params == {
        "payment_intent": "pi_test_la_un_share",
        "amount": str(LA_UN_SHARE),
        "metadata": {
            "refund_id": refund.params["metadata"]["refund_id"],
            "order_number": order.number,
        },
    }
    assert refund.idempotency_key == f"seller-order-{part.id}-refund"
    part = _reload(part.id)
    assert part.status == "cancelled"
    assert part.refunded_satang == LA_UN_SHARE
    assert len(ledger("return")) == 1


def test_when_stripe_refuses_the_refund_the_cancellation_stands_and_the_refund_is_sent_again(
    app, staff_client, market, place, pay, stripe_stub
):
    admin_client = app.test_client()
    log_in(admin_client, market.admin.email)
    order = place(payment_method="stripe")
    pay(order, payment_intent="pi_test_outage")
    part = part_of(order, market.shop.la_un)
    stock_before = stock_of(market.shop.robusta.id)
    stripe_stub.fail_next(2)  # the first try and the SDK's one retry

    response = staff_client.post(f"/seller/orders/{part.id}/cancel?lang=en", data=CANCEL)

    # The goods are back and the order is cancelled; the money is owed, not lost.
    assert response.status_code == 302
    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))
    assert "Stripe did not answer, so the refund of ฿" in page
    assert "Stripe has not answered for the refund of ฿" in page
    assert "(tried once)" in page
    assert "refunded now" not in page  # nothing was given back yet
    part = _reload(part.id)
    assert part.status == "cancelled"
    assert part.refunded_satang == LA_UN_SHARE
    assert stock_of(market.shop.robusta.id) == stock_before + 2
    [refund] = db.session.scalars(select(Refund)).all()
    assert (refund.status, refund.attempts, refund.amount_satang) == (
        "pending",
        1,
        LA_UN_SHARE,
    )
    assert "Stripe refused the refund" in refund.last_error
    assert "Refunds Stripe has not accepted yet" in text_of(admin_client.get("/admin/payments"))

    # Stripe is back: sending again uses the same key, and Stripe makes one refund.
    sent = staff_client.post(f"/seller/orders/{part.id}/refunds/send?lang=en")
    assert sent.status_code == 302
    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))
    assert "Stripe accepted the refund." in page
    assert "Stripe has not answered for the refund" not in page
    calls = stripe_stub.calls("/v1/refunds")
    assert {call.idempotency_key for call in calls} == {f"seller-order-{part.id}-refund"}
    db.session.expire_all()
    refund = db.session.get(Refund, refund.id)
    assert (refund.status, refund.attempts, refund.last_error) == ("sent", 2, "")
    assert refund.stripe_refund_id.startswith("re_")
    # Nothing is left to send: the cron command and the button change nothing more.
    result = app.test_cli_runner().invoke(args=["payments", "send-refunds"])
    assert result.output.strip() == "sent 0, still pending 0"
    staff_client.post(f"/seller/orders/{part.id}/refunds/send")
    assert len(stripe_stub.calls("/v1/refunds")) == len(calls)


def test_another_cooperatives_staff_cannot_send_a_refund(app, market, place, pay, stripe_stub):
    order = place(payment_method="stripe")
    pay(order, payment_intent="pi_test_other")
    part = part_of(order, market.shop.la_un)
    kapoe_client = app.test_client()
    log_in(kapoe_client, market.kapoe_staff[0].email)

    assert kapoe_client.post(f"/seller/orders/{part.id}/refunds/send").status_code == 404


def test_a_refund_stripe_refuses_goes_to_the_office_and_is_never_sent_by_itself(
    app, staff_client, market, place, pay, stripe_stub
):
    order = place(payment_method="stripe")
    pay(order, payment_intent="pi_test_refused")
    part = part_of(order, market.shop.la_un)
    stripe_stub.fail_next(1, status=400)  # Stripe says no (no retry for a refusal)

    staff_client.post(f"/seller/orders/{part.id}/cancel?lang=en", data=CANCEL)

    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))
    assert "Stripe refused the refund of ฿" in page
    assert "Send the refund again" not in page  # the office decides
    [refund] = db.session.scalars(select(Refund)).all()
    assert (refund.status, refund.attempts) == ("refused", 1)
    assert len(stripe_stub.calls("/v1/refunds")) == 1
    result = app.test_cli_runner().invoke(args=["payments", "send-refunds"])
    assert result.output.strip() == "sent 0, still pending 0"
    admin_client = app.test_client()
    log_in(admin_client, market.admin.email)
    office = text_of(admin_client.get("/admin/payments?lang=en"))
    assert "Stripe refused it, saying:" in office
    assert "127.0.0.1" not in office
    # The office fixed it in Stripe and sends it again: Stripe accepts.
    admin_client.post(f"/admin/payments/refunds/{refund.id}/send")
    db.session.expire_all()
    assert db.session.get(Refund, refund.id).status == "sent"
    assert db.session.get(Order, order.id).payments[-1].refunded_satang == LA_UN_SHARE


def test_the_payment_does_not_read_refunded_until_stripe_accepted_the_refund(
    app, staff_client, market, place, pay, stripe_stub
):
    order = place(payment_method="stripe")
    pay(order, payment_intent="pi_test_whole")
    stripe_stub.fail_next(4)  # Stripe does not answer either refund (a try and a retry each)
    kapoe_client = app.test_client()
    log_in(kapoe_client, market.kapoe_staff[0].email)
    for client, cooperative in (
        (staff_client, market.shop.la_un),
        (kapoe_client, market.shop.kapoe),
    ):
        client.post(f"/seller/orders/{part_of(order, cooperative).id}/cancel", data=CANCEL)

    db.session.expire_all()
    payment = db.session.get(Order, order.id).payments[-1]
    assert payment.refunded_satang == payment.received_satang  # all of it is owed…
    assert payment.status == "succeeded"  # …but none of it went back yet

    result = app.test_cli_runner().invoke(args=["payments", "send-refunds"])
    assert result.output.strip() == "sent 0, still pending 0"  # tried less than a minute ago
    db.session.execute(update(Refund).values(last_attempt_at=utcnow() - timedelta(minutes=2)))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["payments", "send-refunds"])
    assert result.output.strip() == "sent 2, still pending 0"
    db.session.expire_all()
    assert db.session.get(Order, order.id).payments[-1].status == "refunded"
    sent = stripe_stub.calls("/v1/refunds")[-2:]
    assert {call.params["metadata"]["order_number"] for call in sent} == {order.number}


def test_a_refund_over_a_day_old_is_not_sent_again_by_itself(
    app, staff_client, market, place, pay, stripe_stub
):
    order = place(payment_method="stripe")
    pay(order, payment_intent="pi_test_old")
    part = part_of(order, market.shop.la_un)
    stripe_stub.fail_next(2)
    staff_client.post(f"/seller/orders/{part.id}/cancel", data=CANCEL)
    a_day_ago = utcnow() - timedelta(hours=24)
    db.session.execute(update(Refund).values(created_at=a_day_ago, last_attempt_at=a_day_ago))
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["payments", "send-refunds"])

    assert result.output.strip() == "sent 0, still pending 0"
    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))
    assert "the office checks it in Stripe before sending it again" in page
    assert "Send the refund again" not in page


def test_cancelling_every_part_cancels_the_order_and_a_shipped_part_cannot_be_cancelled(
    app, staff_client, buyer, market, paid_order
):
    kapoe_client = app.test_client()
    log_in(kapoe_client, market.kapoe_staff[0].email)
    la_un_part = part_of(paid_order, market.shop.la_un)
    kapoe_part = part_of(paid_order, market.shop.kapoe)

    kapoe_client.post(f"/seller/orders/{kapoe_part.id}/cancel", data=CANCEL)
    staff_client.post(f"/seller/orders/{la_un_part.id}/cancel", data=CANCEL)

    order = db.session.get(Order, paid_order.id)
    db.session.refresh(order)
    assert order.status == "cancelled"
    assert order.payments[-1].status == "refunded"
    assert "This order was cancelled." in text_of(buyer.get(f"/orders/{order.token}?lang=en"))


def test_a_shipped_part_cannot_be_cancelled(staff_client, market, paid_order):
    part = part_of(paid_order, market.shop.la_un)
    url = f"/seller/orders/{part.id}"
    staff_client.post(f"{url}/pack")
    staff_client.post(
        f"{url}/ship", data={"carrier": "kerry-express", "tracking_number": "SHP4001234567"}
    )

    staff_client.post(f"{url}/cancel", data=CANCEL)

    assert _reload(part.id).status == "shipped"
    assert ledger("return") == []


# --- export ---------------------------------------------------------------------------------


def test_the_csv_export_lists_the_cooperatives_orders_in_the_date_range(
    staff_client, market, place, pay
):
    kept = place(name="=HYPERLINK(evil)")
    pay(kept)
    staff_client.post(f"/seller/orders/{part_of(kept, market.shop.la_un).id}/cancel", data=CANCEL)
    today = utcnow().date()

    # The file is written while it is sent (streamed): read each one whole before the next.
    response = staff_client.get(f"/seller/orders/export.csv?date_from={today - timedelta(days=1)}")
    body = response.get_data()
    empty = staff_client.get(f"/seller/orders/export.csv?date_from={today + timedelta(days=2)}")
    empty_body = empty.get_data()

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ORDERS_CSV_HEADER
    [row] = rows[1:]
    assert row[0] == kept.number
    assert row[2] == "cancelled"
    assert row[3] == "'=HYPERLINK(evil)"  # never run as a formula
    assert row[5:7] == ["360.00", "50.00"]
    assert row[8] == "410.00"
    assert len(list(csv.reader(io.StringIO(empty_body.decode("utf-8-sig"))))) == 1


# --- mail to staff --------------------------------------------------------------------------


def test_each_staff_member_is_mailed_once_in_their_language_when_an_order_is_paid(
    market, place, pay, mailbox
):
    order = place()
    mailbox.clear()

    pay(order)

    staff_mails = {
        m.to[0]: m for m in mailbox if m.to[0].endswith("example.org") and "@" in m.to[0]
    }
    to_staff = sorted(a for a in staff_mails if a != "malee@example.org")
    assert to_staff == [
        "aung@kapoe.example.org",
        "nok@la-un.example.org",
        "somsri@kapoe.example.org",
    ]
    assert len(mailbox) == 4  # the buyer's "payment received" and one per staff member
    nok = staff_mails["nok@la-un.example.org"]
    assert nok.subject == f"New paid order {order.number} to pack"
    assert "Medium Roast Robusta" in nok.body
    assert "Roasted Cashews" not in nok.body
    assert f"/seller/orders/{part_of(order, market.shop.la_un).id}" in nok.body
    cashews = market.shop.cashews.product
    assert cashews.name_th in staff_mails["somsri@kapoe.example.org"].body  # Somsri reads Thai
    assert cashews.name_my in staff_mails["aung@kapoe.example.org"].body  # Aung reads Burmese


# --- walls ----------------------------------------------------------------------------------


def _checkout_cashews_only(app, market):
    """Another buyer orders Kapoe's cashews alone, and pays."""
    other = app.test_client()
    add_to_cart(other, market.shop.cashews, 1)
    return checkout(other, email="other@example.org")


def test_another_cooperatives_seller_order_answers_404_on_every_route_and_changes_nothing(
    app, staff_client, market, paid_order, mailbox, stripe_stub
):
    kapoe_part = part_of(paid_order, market.shop.kapoe)
    mailbox.clear()
    ledger_rows = db.session.scalar(select(func.count()).select_from(StockMovement))
    audit_rows = db.session.scalar(select(func.count()).select_from(AuditEntry))  # the payment's

    for method, url, data in _routes(kapoe_part.id):
        assert _call(staff_client, method, url, data).status_code == 404, url

    kapoe_part = _reload(kapoe_part.id)
    assert (kapoe_part.status, kapoe_part.tracking_number, kapoe_part.refunded_satang) == (
        "paid",
        "",
        0,
    )
    assert db.session.scalar(select(func.count()).select_from(StockMovement)) == ledger_rows
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == audit_rows
    assert mailbox == []
    assert stripe_stub.requests == []
    kapoe_only = order_of(_checkout_cashews_only(app, market))
    assert kapoe_only.number not in text_of(staff_client.get("/seller/orders?lang=en"))
    export = staff_client.get("/seller/orders/export.csv").get_data().decode("utf-8-sig")
    assert paid_order.number in export  # La-un's own part …
    assert "250.00" not in export  # … but not Kapoe's goods


def test_a_seller_order_that_does_not_exist_answers_404(staff_client, market):
    for method, url, data in _routes(987_654):
        assert _call(staff_client, method, url, data).status_code == 404, url


@pytest.mark.parametrize("who", ["customer", "visitor"])
def test_customers_are_refused_and_visitors_sent_to_log_in(app, market, paid_order, who):
    client = app.test_client()
    if who == "customer":
        log_in(client, market.customer.email)
    expected = 403 if who == "customer" else 302
    part = part_of(paid_order, market.shop.la_un)
    routes = [
        *_routes(part.id),
        ("GET", "/seller/orders", {}),
        ("GET", "/seller/orders/export.csv", {}),
    ]

    for method, url, data in routes:
        assert _call(client, method, url, data).status_code == expected, url

    assert _reload(part.id).status == "paid"


# --- dashboard ------------------------------------------------------------------------------


def test_the_dashboard_draws_the_last_30_days_of_sales_with_a_table(
    staff_client, market, paid_order
):
    page = text_of(staff_client.get("/seller?lang=en"))

    assert "<svg" in page
    assert page.count('class="chart-bar"') == 30
    assert "Show the figures as a table" in page
    assert page.count("฿360") >= 2  # today's bar's title and its table row


def test_the_dashboards_orders_to_pack_are_the_orders_its_link_lists(
    staff_client, market, place, pay
):
    waiting = place(name="Malee Srisuk", email="malee@example.org")
    pay(waiting)
    started = place(name="Somchai Jaidee", email="somchai@example.org")
    pay(started)
    staff_client.post(f"/seller/orders/{part_of(started, market.shop.la_un).id}/pack")

    dashboard = staff_client.get("/seller?lang=en").text
    link = re.search(r'<dt>Orders to pack</dt><dd><a href="([^"]+)">(\d+)</a>', dashboard)
    assert link.group(2) == "1"
    listed = text_of(staff_client.get(link.group(1).replace("&amp;", "&")))
    assert waiting.number in listed
    assert started.number not in listed
    assert "Waiting to be packed: 1" in listed


def test_a_search_of_5000_characters_is_answered_with_a_message_not_an_error(
    staff_client, paid_order
):
    typed = "buyer" * 1_000

    response = staff_client.get(f"/seller/orders?lang=en&q={typed}")

    assert response.status_code == 200
    assert "Please use at most 100 characters." in text_of(response)
    assert typed in response.text  # kept in the box, to be shortened
    assert "maxlength" not in response.text
    assert paid_order.number in text_of(response)  # the list, unfiltered
