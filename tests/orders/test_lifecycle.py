"""After checkout: the buyer cancels, an unpaid order expires, a paid one stays.

Whatever happens, the stock given back is written in the ledger exactly once, so the stock on
hand always equals the ledger's sum.
"""

from __future__ import annotations

import pytest

from shop.extensions import db
from shop.orders.errors import NotCancellable
from shop.orders.models import Order, OrderStatus, SellerOrderStatus
from shop.orders.services import cancel_unpaid
from shop.payments.services import record_paid
from tests.cart.builders import flashes, text_of
from tests.orders.buying import assert_stock_matches_ledger, buy, ledger, stock_of


@pytest.fixture
def order(client, coffee_shop) -> Order:
    """A guest's unpaid bank-transfer order: 2 bags of robusta and a pouch of cashews."""
    return buy(client, (coffee_shop.robusta, 2), (coffee_shop.cashews, 1))


@pytest.fixture
def due_at_once(app, monkeypatch):
    """Orders placed from now on must be paid at once (the payment window is 0 minutes)."""
    monkeypatch.setitem(app.config, "ORDER_TTL_TRANSFER_MINUTES", 0)


def reload(order: Order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def mark_paid(app, order: Order) -> bool:
    """The money arrives, recorded as the Stripe webhook or the admin's review would (in a
    request: the paid mail links to the order page)."""
    with app.test_request_context("/admin/payments/1/confirm", method="POST"):
        became_paid = record_paid(reload(order).payments[0], reference="bank statement 17")
        db.session.commit()
    return became_paid


def releases(order: Order) -> list[tuple[int, int]]:
    return sorted((v, q) for v, q, _, ref in ledger("release") if ref == order.number)


def test_the_buyer_cancels_an_unpaid_order_and_the_stock_comes_back(client, coffee_shop, order):
    assert (stock_of(coffee_shop.robusta.id), stock_of(coffee_shop.cashews.id)) == (18, 14)

    response = client.post(f"/orders/{order.token}/cancel?lang=en")

    assert response.headers["Location"] == f"/orders/{order.token}"
    page = client.get(f"/orders/{order.token}?lang=en")
    assert flashes(page) == [("success", "Your order was cancelled.")]
    assert "This order was cancelled." in text_of(page)
    assert "Cancel this order" not in text_of(page)
    cancelled = reload(order)
    assert cancelled.status == OrderStatus.CANCELLED
    assert cancelled.closed_at is not None
    assert {so.status for so in cancelled.seller_orders} == {SellerOrderStatus.CANCELLED}
    assert (stock_of(coffee_shop.robusta.id), stock_of(coffee_shop.cashews.id)) == (20, 15)
    assert releases(order) == sorted([(coffee_shop.robusta.id, 2), (coffee_shop.cashews.id, 1)])
    assert_stock_matches_ledger(coffee_shop.robusta.id, coffee_shop.cashews.id)


def test_a_second_cancel_is_refused_and_gives_nothing_back_twice(client, coffee_shop, order):
    client.post(f"/orders/{order.token}/cancel?lang=en")
    client.get(f"/orders/{order.token}")

    response = client.post(f"/orders/{order.token}/cancel?lang=en")

    assert response.headers["Location"] == f"/orders/{order.token}"
    page = client.get(f"/orders/{order.token}?lang=en")
    assert flashes(page) == [("error", "This order can no longer be cancelled.")]
    assert reload(order).status == OrderStatus.CANCELLED
    assert len(releases(order)) == 2
    assert (stock_of(coffee_shop.robusta.id), stock_of(coffee_shop.cashews.id)) == (20, 15)
    assert_stock_matches_ledger(coffee_shop.robusta.id, coffee_shop.cashews.id)


def test_an_unknown_order_cannot_be_cancelled(client, order):
    assert client.post("/orders/not-a-token/cancel?lang=en").status_code == 404
    assert reload(order).status == OrderStatus.PENDING_PAYMENT


def test_a_paid_order_cannot_be_cancelled_by_the_buyer(app, client, coffee_shop, order, mailbox):
    assert mark_paid(app, order)
    assert [mail.subject for mail in mailbox][-1].endswith(order.number)

    response = client.post(f"/orders/{order.token}/cancel?lang=en")

    assert response.headers["Location"] == f"/orders/{order.token}"
    page = client.get(f"/orders/{order.token}?lang=en")
    assert flashes(page) == [("error", "This order can no longer be cancelled.")]
    assert "Paid" in text_of(page)
    paid = reload(order)
    assert paid.status == OrderStatus.PAID
    assert paid.closed_at is None
    assert {so.status for so in paid.seller_orders} == {SellerOrderStatus.PAID}
    assert releases(order) == []
    assert (stock_of(coffee_shop.robusta.id), stock_of(coffee_shop.cashews.id)) == (18, 14)
    assert_stock_matches_ledger(coffee_shop.robusta.id, coffee_shop.cashews.id)


def test_refusing_to_cancel_a_paid_order_leaves_it_untouched(app, session, order):
    """The service refuses before it changes anything, whoever calls it."""
    mark_paid(app, order)
    order = reload(order)

    with pytest.raises(NotCancellable):
        cancel_unpaid(order)

    assert order.status == OrderStatus.PAID  # in this very session, before any rollback
    assert {so.status for so in order.seller_orders} == {SellerOrderStatus.PAID}
    assert order.closed_at is None
    session.rollback()


def test_the_expiry_command_expires_overdue_orders_once(app, coffee_shop, due_at_once, client):
    order = buy(client, (coffee_shop.robusta, 2), (coffee_shop.cashews, 1))
    runner = app.test_cli_runner()

    first = runner.invoke(args=["orders", "expire"])

    assert first.exit_code == 0, first.output
    assert first.output.strip() == f"Expired 1 unpaid order(s): {order.number}"
    expired = reload(order)
    assert expired.status == OrderStatus.EXPIRED
    assert {so.status for so in expired.seller_orders} == {SellerOrderStatus.EXPIRED}
    assert (stock_of(coffee_shop.robusta.id), stock_of(coffee_shop.cashews.id)) == (20, 15)

    second = runner.invoke(args=["orders", "expire"])

    assert second.exit_code == 0, second.output
    assert second.output.strip() == "Expired 0 unpaid order(s)."
    assert releases(order) == sorted([(coffee_shop.robusta.id, 2), (coffee_shop.cashews.id, 1)])
    assert (stock_of(coffee_shop.robusta.id), stock_of(coffee_shop.cashews.id)) == (20, 15)
    assert_stock_matches_ledger(coffee_shop.robusta.id, coffee_shop.cashews.id)
    page = text_of(client.get(f"/orders/{order.token}?lang=en"))
    assert "This order expired before it was paid." in page


def test_the_expiry_command_leaves_orders_within_their_window(app, coffee_shop, order):
    result = app.test_cli_runner().invoke(args=["orders", "expire"])

    assert result.output.strip() == "Expired 0 unpaid order(s)."
    assert reload(order).status == OrderStatus.PENDING_PAYMENT
    assert stock_of(coffee_shop.robusta.id) == 18


def test_the_expiry_command_leaves_paid_and_cancelled_orders_alone(
    app, client, coffee_shop, due_at_once
):
    paid = buy(client, (coffee_shop.robusta, 1))
    mark_paid(app, paid)
    cancelled = buy(client, (coffee_shop.cashews, 1))
    client.post(f"/orders/{cancelled.token}/cancel")

    result = app.test_cli_runner().invoke(args=["orders", "expire"])

    assert result.output.strip() == "Expired 0 unpaid order(s)."
    assert reload(paid).status == OrderStatus.PAID
    assert reload(cancelled).status == OrderStatus.CANCELLED
    assert (stock_of(coffee_shop.robusta.id), stock_of(coffee_shop.cashews.id)) == (19, 15)
    assert_stock_matches_ledger(coffee_shop.robusta.id, coffee_shop.cashews.id)


def test_opening_an_overdue_order_expires_it_on_the_spot(app, client, coffee_shop, due_at_once):
    order = buy(client, (coffee_shop.robusta, 3))
    assert stock_of(coffee_shop.robusta.id) == 17

    page = client.get(f"/orders/{order.token}?lang=en")

    assert page.status_code == 200
    html = text_of(page)
    assert "This order expired before it was paid." in html
    assert "Cancel this order" not in html
    assert reload(order).status == OrderStatus.EXPIRED
    assert stock_of(coffee_shop.robusta.id) == 20
    assert releases(order) == [(coffee_shop.robusta.id, 3)]

    client.get(f"/orders/{order.token}?lang=en")
    result = app.test_cli_runner().invoke(args=["orders", "expire"])

    assert result.output.strip() == "Expired 0 unpaid order(s)."
    assert releases(order) == [(coffee_shop.robusta.id, 3)]
    assert_stock_matches_ledger(coffee_shop.robusta.id)


def test_an_expired_order_cannot_be_cancelled(client, coffee_shop, due_at_once):
    order = buy(client, (coffee_shop.robusta, 1))
    client.get(f"/orders/{order.token}")

    client.post(f"/orders/{order.token}/cancel?lang=en")

    assert flashes(client.get(f"/orders/{order.token}?lang=en")) == [
        ("error", "This order can no longer be cancelled.")
    ]
    assert reload(order).status == OrderStatus.EXPIRED
    assert releases(order) == [(coffee_shop.robusta.id, 1)]
    assert_stock_matches_ledger(coffee_shop.robusta.id)


def test_money_for_an_expired_order_is_flagged_for_a_refund_not_taken(
    app, client, coffee_shop, due_at_once
):
    order = buy(client, (coffee_shop.robusta, 1))
    client.get(f"/orders/{order.token}")  # expires it

    assert mark_paid(app, order) is False

    late = reload(order)
    assert late.status == OrderStatus.EXPIRED
    assert late.payments[0].needs_refund
    assert stock_of(coffee_shop.robusta.id) == 20
    assert_stock_matches_ledger(coffee_shop.robusta.id)
