"""Orders by API: placed with the wholesale checkout's rules, idempotent by key, refused line
by line with the nearest valid quantities; read back with each cooperative's part, its status,
delivery date, tracking and invoice; another partner's orders are never seen."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.api.models import IdempotentRequest
from shop.cart.models import Cart
from shop.catalog.models import ProductStatus, Variant
from shop.core.days import today
from shop.extensions import db
from shop.orders.models import Approval, Order, OrderStatus, SellerOrderStatus
from shop.pricing.terms import set_wholesale_terms, stop_wholesale
from shop.wholesale import invoicing
from shop.wholesale.models import PaymentTerms
from tests.api.conftest import bearer, make_key
from tests.factories import UserFactory

PROBLEM = "application/problem+json"


def order_body(**overrides) -> dict:
    body = {"lines": [{"sku": "RNG-3IN1-30", "quantity": 48}], "po_number": "PO-7781"}
    body.update(overrides)
    return body


def post_order(client, token, body, key="order-1", **headers):
    return client.post(
        "/api/v1/orders", json=body, headers=bearer(token, **{"Idempotency-Key": key}, **headers)
    )


def orders_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Order))


@pytest.fixture
def la_un_staff(world, session):
    user = UserFactory(email="staff@la-un.example.org", locale="th")
    session.add(
        CooperativeMembership(
            user=user, cooperative=world.wholesale.shop.la_un, role=MembershipRole.STAFF
        )
    )
    session.commit()
    return user


def test_an_order_is_placed_priced_for_the_partner_and_stock_taken(client, world):
    answer = post_order(client, world.key_a, order_body(note="Pier 2, please"))
    assert answer.status_code == 201, answer.get_json()
    order = answer.get_json()
    assert answer.headers["Location"] == f"/api/v1/orders/{order['number']}"
    assert order["status"] == "on_account"
    assert order["approval"] == "none"
    assert order["po_number"] == "PO-7781"
    assert order["note"] == "Pier 2, please"
    (part,) = order["parts"]
    assert part["status"] == "to_confirm"
    assert part["invoice"] is None
    assert part["delivery_method"] == "Delivery to Kawthaung pier"
    (line,) = part["lines"]
    assert (line["quantity"], line["unit_price_satang"]) == (48, 5_000)  # the 48 break
    assert order["goods_satang"] == 240_000
    assert order["shipping_satang"] == 5_000  # two cartons to the pier at ฿25
    db.session.expire_all()
    assert db.session.scalar(select(Variant.stock).where(Variant.sku == "RNG-3IN1-30")) == 952
    assert db.session.scalar(select(func.count()).select_from(Cart)) == 0  # no cart left over


def test_the_same_key_and_body_give_the_same_order_and_another_body_409(client, world):
    first = post_order(client, world.key_a, order_body())
    again = post_order(
        client,
        world.key_a,
        {"po_number": "PO-7781", "lines": [{"quantity": 48, "sku": "RNG-3IN1-30"}]},
    )
    other = post_order(client, world.key_a, order_body(po_number="PO-9999"))

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.get_json()["number"] == first.get_json()["number"]
    assert other.status_code == 409
    assert other.content_type == PROBLEM
    assert other.get_json()["type"] == "/api/v1/problems/idempotency-key-reused"
    assert orders_count() == 1
    # the same key is another partner's own
    assert post_order(client, world.key_b, order_body()).status_code != 409


def test_a_retry_that_spells_out_the_defaults_is_the_same_request(client, world):
    """A client library that writes ``"note": ""`` or ``"delivery_method_ids": []`` on its
    retry, where the first attempt left them out, asks for the same order."""
    first = post_order(client, world.key_a, order_body())
    again = post_order(client, world.key_a, order_body(note="", delivery_method_ids=[]))

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.get_json()["number"] == first.get_json()["number"]
    assert orders_count() == 1


def test_twenty_identical_requests_at_once_place_one_order(app, world):
    token = world.key_a
    db.session.commit()
    db.session.close()
    start = threading.Barrier(20)
    codes, numbers, errors = [], set(), []

    def send():
        client = app.test_client()
        try:
            start.wait(timeout=30)
            answer = post_order(client, token, order_body(), key="same-everywhere")
            codes.append(answer.status_code)
            numbers.add((answer.get_json() or {}).get("number"))
        except Exception as exc:  # noqa: BLE001 - any error fails the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=send) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(codes) == [200] * 19 + [201]
    assert len(numbers) == 1
    assert orders_count() == 1
    assert db.session.scalar(select(func.count()).select_from(IdempotentRequest)) == 1


def test_an_idempotency_key_is_required(client, world):
    answer = client.post("/api/v1/orders", json=order_body(), headers=bearer(world.key_a))
    assert answer.status_code == 400
    assert "headers.Idempotency-Key" in answer.get_json()["errors"]
    assert orders_count() == 0


def test_refused_lines_are_named_with_the_nearest_quantities(client, world, session):
    body = order_body(
        lines=[
            {"sku": "RNG-3IN1-30", "quantity": 50},
            {"sku": "ROB-250", "quantity": 1},  # retail only: the API sells what it lists
            {"sku": "NOPE-1", "quantity": 24},
        ]
    )
    answer = post_order(client, world.key_a, body, **{"Accept-Language": "en"})
    assert answer.status_code == 422
    assert answer.content_type == PROBLEM
    problem = answer.get_json()
    assert problem["type"] == "/api/v1/problems/order-refused"
    by_sku = {line["sku"]: line for line in problem["lines"]}
    assert by_sku["RNG-3IN1-30"]["code"] == "quantity_not_allowed"
    assert by_sku["RNG-3IN1-30"]["nearest"] == [48, 72]
    assert "48 or 72" in by_sku["RNG-3IN1-30"]["detail"]
    assert by_sku["NOPE-1"]["code"] == "unknown_sku"
    assert by_sku["ROB-250"]["code"] == "not_available"
    assert orders_count() == 0


def test_more_than_the_stock_is_refused_with_what_is_there(client, world):
    answer = post_order(
        client, world.key_a, order_body(lines=[{"sku": "RNG-3IN1-30", "quantity": 1_008}])
    )
    assert answer.status_code == 422
    (line,) = answer.get_json()["lines"]
    assert line["code"] == "insufficient_stock"
    assert line["available"] == 1_000


def test_refusals_come_in_the_language_asked_for(client, world):
    body = order_body(lines=[{"sku": "RNG-3IN1-30", "quantity": 50}])
    thai = post_order(client, world.key_a, body, **{"Accept-Language": "th"}).get_json()
    english = post_order(
        client, world.key_a, body, key="k2", **{"Accept-Language": "en"}
    ).get_json()
    assert thai["title"] == english["title"] == "Order refused"
    assert thai["lines"][0]["detail"] != english["lines"][0]["detail"]


def test_the_partners_po_rule_and_overdue_invoices_apply(client, world, session, la_un_staff):
    world.partners.a.require_po_number = True
    world.partners.a.payment_terms = PaymentTerms.NET_15
    world.partners.a.credit_limit_satang = 10_000_000
    session.commit()
    no_po = post_order(client, world.key_a, order_body(po_number=""))
    assert no_po.status_code == 422
    assert "purchase-order number" in no_po.get_json()["detail"]

    placed = post_order(client, world.key_a, order_body(), key="first")
    assert placed.status_code == 201
    order = db.session.scalars(select(Order)).one()
    invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=la_un_staff.id)
    session.commit()
    with time_machine.travel(today() + timedelta(days=20), tick=False):
        blocked = post_order(client, world.key_a, order_body(), key="second")
    assert blocked.status_code == 422
    assert "overdue" in blocked.get_json()["detail"]


def test_an_order_over_the_credit_limit_waits_for_the_office(client, world, session):
    world.partners.a.payment_terms = PaymentTerms.NET_15
    world.partners.a.credit_limit_satang = 100_000
    session.commit()
    answer = post_order(client, world.key_a, order_body())
    assert answer.status_code == 201
    assert answer.get_json()["approval"] == Approval.PLATFORM
    assert answer.get_json()["parts"][0]["status"] == "awaiting_approval"


def test_a_delivery_method_not_on_offer_is_refused(client, world):
    robusta_post = world.wholesale.shop.la_un_post.id  # retail only
    answer = post_order(client, world.key_a, order_body(delivery_method_ids=[robusta_post]))
    assert answer.status_code == 422
    answer = post_order(client, world.key_a, order_body(delivery_method_ids=[2**31 - 1]), key="k9")
    assert answer.status_code == 422


def test_bad_bodies_are_400(client, world):
    for body in (
        {},
        {"lines": []},
        {"lines": [{"sku": "RNG-3IN1-30", "quantity": "48"}]},
        {"lines": [{"sku": "RNG-3IN1-30", "quantity": 48.5}]},
        {"lines": [{"sku": "RNG-3IN1-30", "quantity": 0}]},
        {"lines": "RNG"},
        {"lines": [{"sku": "RNG-3IN1-30", "quantity": 48}], "po_number": "x" * 41},
        {"lines": [{"sku": "RNG-3IN1-30", "quantity": 48}], "extra": 1},
    ):
        answer = post_order(client, world.key_a, body)
        assert answer.status_code == 400, body
        assert answer.content_type == PROBLEM
    broken = client.post(
        "/api/v1/orders",
        data="{not json",
        content_type="application/json",
        headers=bearer(world.key_a, **{"Idempotency-Key": "x"}),
    )
    assert broken.status_code == 400
    assert broken.content_type == PROBLEM
    assert orders_count() == 0


def test_a_catalogue_key_cannot_order(client, world):
    token = make_key(world.partners.a, ["catalogue:read"], name="Read only")
    answer = post_order(client, token, order_body())
    assert answer.status_code == 403
    assert answer.get_json()["required_scope"] == "orders:write"


def test_orders_are_read_back_with_parts_invoices_and_tracking(client, world, session, la_un_staff):
    number = post_order(client, world.key_a, order_body()).get_json()["number"]
    order = db.session.scalars(select(Order)).one()
    invoicing.confirm(
        order.seller_orders[0], {}, today() + timedelta(days=3), actor_id=la_un_staff.id
    )
    session.commit()

    detail = client.get(f"/api/v1/orders/{number}", headers=bearer(world.key_a)).get_json()
    (part,) = detail["parts"]
    assert part["status"] == SellerOrderStatus.CONFIRMED
    assert part["delivery_date"] == (today() + timedelta(days=3)).isoformat()
    assert part["invoice"]["number"].startswith("WI-")
    assert part["invoice"]["amount_satang"] == 245_000

    listing = client.get("/api/v1/orders", headers=bearer(world.key_a)).get_json()
    assert [o["number"] for o in listing["items"]] == [number]
    paid = client.get("/api/v1/orders?status=paid", headers=bearer(world.key_a)).get_json()
    assert paid["items"] == []
    statement = client.get("/api/v1/statement", headers=bearer(world.key_a)).get_json()
    assert statement["balance_satang"] == 245_000
    assert [i["number"] for i in statement["open_invoices"]] == [part["invoice"]["number"]]
    assert statement["ageing"]["current"] == 245_000


def test_an_orders_papers_are_listed_and_fetched_with_the_same_key(
    client, world, session, la_un_staff
):
    number = post_order(client, world.key_a, order_body()).get_json()["number"]
    order = db.session.scalars(select(Order)).one()
    unconfirmed = client.get(f"/api/v1/orders/{number}", headers=bearer(world.key_a))
    assert unconfirmed.get_json()["parts"][0]["documents"] == []
    invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=la_un_staff.id)
    session.commit()

    detail = client.get(f"/api/v1/orders/{number}", headers=bearer(world.key_a)).get_json()
    documents = detail["parts"][0]["documents"]
    kinds = [d["kind"] for d in documents]
    assert {"commercial_invoice", "packing_list"} <= set(kinds)
    listing = client.get("/api/v1/orders", headers=bearer(world.key_a)).get_json()
    assert listing["items"][0]["parts"][0]["documents"] == documents
    for document in documents:
        pdf = client.get(document["url"], headers=bearer(world.key_a))
        assert pdf.status_code == 200
        assert pdf.content_type == "application/pdf"
        assert pdf.data.startswith(b"%PDF")
        assert pdf.headers["Cache-Control"] == "private, no-store"
        # Another partner's key, or none, never opens it.
        other = client.get(document["url"], headers=bearer(world.key_b))
        assert (other.status_code, other.content_type) == (404, PROBLEM)
        assert client.get(document["url"]).status_code == 401


def test_a_pack_not_sold_wholesale_is_refused_not_sold_at_retail(client, world, session):
    """A stale catalogue names a pack the cooperative stopped selling wholesale, or one whose
    product was taken down: the line is refused as not available, nothing is ordered."""
    assert stop_wholesale(world.sachets, actor_id=None)
    session.commit()
    answer = post_order(client, world.key_a, order_body())
    assert answer.status_code == 422
    (line,) = answer.get_json()["lines"]
    assert (line["sku"], line["code"]) == ("RNG-3IN1-30", "not_available")
    assert orders_count() == 0

    set_wholesale_terms(world.sachets, 24, 24, None, [], actor_id=None)
    world.sachets.product.status = ProductStatus.ARCHIVED
    session.commit()
    answer = post_order(client, world.key_a, order_body(), key="order-2")
    assert answer.status_code == 422
    assert [(x["code"], x.get("nearest")) for x in answer.get_json()["lines"]] == [
        ("not_available", None)
    ]
    assert orders_count() == 0


def test_partner_b_never_sees_partner_as_orders(client, world):
    number = post_order(client, world.key_a, order_body()).get_json()["number"]
    other = client.get(f"/api/v1/orders/{number}", headers=bearer(world.key_b))
    assert other.status_code == 404
    assert other.content_type == PROBLEM
    assert client.get("/api/v1/orders", headers=bearer(world.key_b)).get_json()["items"] == []
    assert (
        client.get("/api/v1/statement", headers=bearer(world.key_b)).get_json()["balance_satang"]
        == 0
    )


def test_order_pages_follow_the_cursor(client, world):
    numbers = [
        post_order(client, world.key_a, order_body(), key=f"k{n}").get_json()["number"]
        for n in range(3)
    ]
    first = client.get("/api/v1/orders?limit=2", headers=bearer(world.key_a)).get_json()
    second = client.get(
        f"/api/v1/orders?limit=2&cursor={first['next_cursor']}", headers=bearer(world.key_a)
    ).get_json()
    assert [o["number"] for o in first["items"] + second["items"]] == numbers[::-1]
    assert second["next_cursor"] is None
    assert first["items"][0]["status"] == OrderStatus.ON_ACCOUNT
