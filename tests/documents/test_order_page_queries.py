"""The buyer's order page costs the same SQL however many cooperatives a paid order has: each
part's documents and cooperative come with the order, not one query per part."""

from __future__ import annotations

from shop.extensions import db


def _queries(client, count_queries, placed) -> int:
    client.get(f"/orders/{placed.order.token}?lang=th")  # warm: the catalogue's cached parts
    db.session.expire_all()  # nothing of the order kept from before: as in a new request
    with count_queries() as counted:
        response = client.get(f"/orders/{placed.order.token}?lang=th")
    assert response.status_code == 200
    assert "(PDF)" in response.get_data(as_text=True)  # the receipts are listed
    return counted.count


def test_a_paid_orders_page_costs_the_same_for_one_or_two_cooperatives(
    app, sellers, place_order, pay, count_queries
):
    one = place_order(
        app.test_client(),
        "transfer",
        "th",
        items=[(sellers.beans_250_id, 1)],
        email="a@example.org",
    )
    two = place_order(app.test_client(), "transfer", "th", email="b@example.org")
    pay(one.order)
    pay(two.order)
    assert len(two.order.seller_orders) == 2 > len(one.order.seller_orders)

    client = app.test_client()
    assert _queries(client, count_queries, two) == _queries(client, count_queries, one)
