"""The partner API reads text as the wholesale pages do (issue 11 review, item 5): the note and
the purchase-order number are normalised (an invisible U+200B is dropped), Zawgyi is refused
with a 422 problem, and an order number is found however it is written."""

from __future__ import annotations

from sqlalchemy import func, select

from shop.extensions import db
from shop.orders.models import Order
from tests.api.conftest import bearer
from tests.api.test_orders import PROBLEM, order_body, post_order

ZAWGYI = "ေကာ့ေသာင္း ဆိပ္ကမ္းသို႔ ပို႔ေပးပါ"


def test_a_zero_width_space_is_not_kept_and_the_number_is_found_as_typed(client, world):
    answer = post_order(
        client, world.key_a, order_body(po_number="PO-\u200b7781", note="Pier\u200b 2")
    )

    assert answer.status_code == 201, answer.get_json()
    assert (answer.get_json()["po_number"], answer.get_json()["note"]) == ("PO-7781", "Pier 2")
    db.session.expire_all()
    order = db.session.scalars(select(Order)).one()
    assert (order.po_number, order.note) == ("PO-7781", "Pier 2")
    typed = order.number.replace("-", "").lower()  # "rn67474571"
    found = client.get(f"/api/v1/orders/{typed}", headers=bearer(world.key_a))
    assert found.status_code == 200
    assert found.get_json()["number"] == order.number


def test_a_zawgyi_note_is_a_422_problem_and_no_order(client, world):
    answer = post_order(client, world.key_a, order_body(note=ZAWGYI))

    assert answer.status_code == 422
    assert answer.content_type == PROBLEM
    assert answer.get_json()["detail"].startswith("note: ")
    assert "Zawgyi" in answer.get_json()["detail"]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Order)) == 0
