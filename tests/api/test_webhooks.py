"""Webhooks: a partner admin sets the address; a cooperative confirming, invoicing and shipping
a partner's order posts signed events to it after the commit (to a real HTTP server on
127.0.0.1), a failing receiver is tried again later by the task outbox's relay, each delivery
is on the admin's page with its response code, and a rolled-back change posts nothing."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from flask_babel import force_locale, gettext
from sqlalchemy import select

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.api import webhooks
from shop.api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from shop.core import tasks
from shop.core.days import today
from shop.core.db import utcnow
from shop.extensions import db
from shop.orders import fulfilment
from shop.orders.models import Order
from shop.wholesale import invoicing
from shop.wholesale.models import PaymentTerms
from tests.api.conftest import bearer
from tests.cart.builders import log_in
from tests.factories import UserFactory


class Receiver:
    """A partner's system: records every post; answers with the codes queued in ``answers``
    (then 200)."""

    def __init__(self):
        self.posts: list[dict] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                receiver.posts.append({"headers": dict(self.headers), "body": body})
                code = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/shop"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def events(self) -> list[str]:
        return [json.loads(p["body"])["type"] for p in self.posts]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def staff(world, session):
    user = UserFactory(email="staff@la-un.example.org")
    session.add(
        CooperativeMembership(
            user=user, cooperative=world.wholesale.shop.la_un, role=MembershipRole.STAFF
        )
    )
    session.commit()
    return user


def set_address(client, url: str):
    log_in(client, "admin-a@example.org")
    return client.post("/wholesale/api-keys/webhook?lang=en", data={"url": url})


def place(client, world) -> Order:
    answer = client.post(
        "/api/v1/orders",
        json={"lines": [{"sku": "RNG-3IN1-30", "quantity": 48}]},
        headers=bearer(world.key_a, **{"Idempotency-Key": "wh-1"}),
    )
    assert answer.status_code == 201
    db.session.expire_all()
    return db.session.scalars(select(Order)).one()


def test_confirming_shipping_and_invoicing_post_signed_events(
    client, world, receiver, staff, session
):
    world.partners.a.payment_terms = PaymentTerms.NET_15  # packed without waiting for payment
    world.partners.a.credit_limit_satang = 10_000_000
    session.commit()
    assert set_address(client, receiver.url).status_code == 302
    endpoint = db.session.scalars(select(WebhookEndpoint)).one()
    order = place(client, world)
    assert receiver.posts == []  # placing is the partner's own act: no event

    invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=staff.id)
    db.session.commit()
    assert sorted(receiver.events()) == ["invoice.issued", "order.confirmed"]

    part = order.seller_orders[0]
    fulfilment.start_packing(part, actor_id=staff.id)
    fulfilment.ship(part, "thailand-post", "EF123456785TH", actor_id=staff.id)
    db.session.commit()
    assert receiver.events()[-1] == "order.shipped"

    shipped = json.loads(receiver.posts[-1]["body"])
    assert shipped["data"]["order"] == order.number
    assert shipped["data"]["tracking_number"] == "EF123456785TH"
    for post in receiver.posts:
        header = post["headers"]["Shop-Signature"]
        assert webhooks.verify_signature(endpoint.secret, header, post["body"])
        assert not webhooks.verify_signature("whsec_other", header, post["body"])
        assert not webhooks.verify_signature(endpoint.secret, header, post["body"] + " ")
        timestamp = int(header.split(",")[0].removeprefix("t="))
        assert not webhooks.verify_signature(
            endpoint.secret, header, post["body"], now=timestamp + 301
        )

    page = client.get("/wholesale/api-keys?lang=en").get_data(as_text=True)
    assert "order.shipped" in page
    assert "Received by your system" in page
    assert endpoint.secret in page


def test_a_failing_receiver_is_tried_again_later(client, world, receiver, staff):
    set_address(client, receiver.url)
    order = place(client, world)
    receiver.answers = [500, 500, 503, 503]  # both events fail twice

    invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=staff.id)
    db.session.commit()

    db.session.expire_all()
    deliveries = db.session.scalars(select(WebhookDelivery)).all()
    assert {(d.status, d.attempts, d.response_code) for d in deliveries} == {
        (DeliveryStatus.QUEUED, 1, 500)
    }
    db.session.close()  # as in the relay's beat task: no transaction of the test's own is open
    assert tasks.relay_due() == {"done": 0, "retry": 0, "failed": 0, "skipped": 0, "interrupted": 0}

    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        assert tasks.relay_due()["retry"] == 2  # 503 again: wait 5 minutes now
    with time_machine.travel(utcnow() + timedelta(minutes=9)):
        assert tasks.relay_due()["done"] == 2

    db.session.expire_all()
    deliveries = db.session.scalars(select(WebhookDelivery)).all()
    assert {(d.status, d.attempts, d.response_code) for d in deliveries} == {
        (DeliveryStatus.DELIVERED, 3, 200)
    }
    assert len(receiver.posts) == 6
    page = client.get("/wholesale/api-keys?lang=en").get_data(as_text=True)
    assert "Received by your system" in page


def test_a_receiver_that_is_gone_is_given_up_after_the_last_attempt(client, world, staff):
    set_address(client, "http://127.0.0.1:9/nobody-listens")
    order = place(client, world)
    invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=staff.id)
    db.session.commit()
    moment = utcnow()
    db.session.close()
    for _ in range(webhooks.MAX_ATTEMPTS):
        moment += timedelta(days=2)
        with time_machine.travel(moment):
            tasks.relay_due()
    db.session.expire_all()
    deliveries = db.session.scalars(select(WebhookDelivery)).all()
    assert {(d.status, d.attempts) for d in deliveries} == {
        (DeliveryStatus.FAILED, webhooks.MAX_ATTEMPTS)
    }
    # The partner is told what happened, not the connection's internals.
    assert {d.last_error for d in deliveries} == {"Could not connect."}
    assert all(d.response_code is None for d in deliveries)
    # ...in its own language.
    page = client.get("/wholesale/api-keys?lang=my").get_data(as_text=True)
    with force_locale("my"):
        burmese = gettext("Could not connect.")
    assert burmese != "Could not connect."
    assert burmese in page


def test_in_production_only_a_server_on_the_internet_may_receive_events(
    app, client, world, receiver
):
    saved, app.config["SHOP_ENV"] = app.config["SHOP_ENV"], "production"
    try:
        for inside in (
            "https://127.0.0.1/hooks",
            "https://169.254.169.254/latest/meta-data",  # a cloud's metadata service
            "https://10.0.0.1/x",
            "https://192.168.1.5/x",
            "https://[::1]/x",
            "https://localhost:5432/x",
            "https://db.internal/x",
            "https://router/x",
        ):
            assert set_address(client, inside).status_code == 422, inside
        assert db.session.scalars(select(WebhookEndpoint)).all() == []
        assert set_address(client, "https://hooks.example.org/ranong").status_code != 422
    finally:
        app.config["SHOP_ENV"] = saved


def test_a_rolled_back_change_posts_nothing(client, world, receiver, staff):
    set_address(client, receiver.url)
    order = place(client, world)
    invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=staff.id)
    db.session.rollback()
    assert receiver.posts == []
    assert db.session.scalars(select(WebhookDelivery)).all() == []


def test_only_a_full_address_is_taken_and_empty_removes_it(client, world, receiver):
    for bad in ("ftp://example.org/x", "not a url", "http://user:pw@127.0.0.1/x", "/relative"):
        answer = set_address(client, bad)
        assert answer.status_code == 422, bad
    assert db.session.scalars(select(WebhookEndpoint)).all() == []
    set_address(client, receiver.url)
    secret = db.session.scalars(select(WebhookEndpoint.secret)).one()
    set_address(client, receiver.url + "/v2")
    db.session.expire_all()
    assert db.session.scalars(select(WebhookEndpoint.secret)).one() == secret  # kept
    set_address(client, "")
    db.session.expire_all()
    assert db.session.scalars(select(WebhookEndpoint)).all() == []


def test_an_overdue_invoice_is_told_once(client, world, receiver, staff, session):
    world.partners.a.payment_terms = PaymentTerms.NET_15
    world.partners.a.credit_limit_satang = 10_000_000
    session.commit()
    set_address(client, receiver.url)
    order = place(client, world)
    invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=staff.id)
    db.session.commit()
    for _ in range(2):  # the daily reminder job, run twice
        invoicing.send_reminders(today() + timedelta(days=20))
        db.session.commit()
    assert receiver.events().count("invoice.overdue") == 1
    overdue = json.loads(receiver.posts[-1]["body"])
    assert overdue["data"]["order"] == order.number
    assert overdue["data"]["due_on"] == (today() + timedelta(days=15)).isoformat()
