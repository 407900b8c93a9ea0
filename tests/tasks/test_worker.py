"""Background work through the outbox and a real Celery worker on Redis.

A mail is work recorded with the change that causes it: a rolled-back change never mails, a
committed one mails exactly once however often its task is delivered, and a commit while Redis
is down keeps the work in the outbox until the relay hands it to the worker. The worker also
runs the periodic work, such as expiring unpaid orders.
"""

from __future__ import annotations

from types import SimpleNamespace

from shop.core import tasks
from shop.core.mail import send_after_commit
from shop.core.models import MailOutbox, MailStatus, OutboxTask, TaskStatus
from shop.extensions import db
from shop.orders.models import Order, OrderStatus
from tests.core.conftest import table_rows
from tests.faults.conftest import wait_for
from tests.orders.buying import buy
from tests.tasks.conftest import WAIT_S


class PlacedOrder:
    number = "RN-1234-5678"
    total_satang = 17_900


def _queue(to: str) -> None:
    send_after_commit(to, "order_paid", "en", order=PlacedOrder(), url="http://localhost/o")


def _mail_after(shop, to: str) -> None:
    """``to`` gets a mail from a change that ``shop`` commits."""
    with shop.test_request_context():
        _queue(to)
        db.session.commit()
        db.session.remove()


def _received(inbox, to: str):
    return lambda: to in inbox.recipients()


def _all_done() -> list[SimpleNamespace]:
    """Wait until the worker has recorded every task done (it does so just after the mail
    server took the mail), and return the tasks."""
    return wait_for(
        lambda: (
            (rows := table_rows(OutboxTask))
            and {t.status for t in rows} == {TaskStatus.DONE}
            and rows
        ),
        WAIT_S,
        "the worker to record its tasks done",
    )


def _relay(shop):
    """``flask tasks relay`` run by ``shop``."""
    with shop.app_context():
        return shop.test_cli_runner().invoke(args=["tasks", "relay"])


def test_a_rolled_back_mail_is_never_sent_and_a_committed_one_is_sent_once(
    queue_app, inbox, session
):
    with queue_app.test_request_context():
        _queue("rolled-back@example.org")
        db.session.rollback()
        _queue("somchai@example.org")
        db.session.commit()
        db.session.remove()

    wait_for(_received(inbox, "somchai@example.org"), WAIT_S, "the committed mail")
    _mail_after(queue_app, "last@example.org")  # the worker runs its queue oldest first
    wait_for(_received(inbox, "last@example.org"), WAIT_S, "the mail after it")

    assert inbox.recipients() == ["somchai@example.org", "last@example.org"]
    assert {(t.name, t.status, t.attempts) for t in _all_done()} == {
        ("mail.send", TaskStatus.DONE, 1)
    }
    assert [(m.recipient, m.status) for m in table_rows(MailOutbox)] == [
        ("somchai@example.org", MailStatus.SENT),
        ("last@example.org", MailStatus.SENT),
    ]


def test_a_task_delivered_three_times_sends_its_mail_once(queue_app, inbox, session):
    _mail_after(queue_app, "aung@example.org")
    (task,) = table_rows(OutboxTask)
    celery = queue_app.extensions["celery"]
    for _ in range(2):  # the broker redelivers the message (a worker died before its ack)
        celery.send_task(tasks.RUN_TASK, args=[task.id])

    _mail_after(queue_app, "last@example.org")
    wait_for(_received(inbox, "last@example.org"), WAIT_S, "the mail after the redeliveries")

    assert inbox.recipients().count("aung@example.org") == 1
    first = _all_done()[0]
    assert (first.status, first.attempts) == (TaskStatus.DONE, 1)
    assert table_rows(MailOutbox)[0].attempts == 1


def test_work_committed_while_redis_is_down_waits_in_the_outbox_and_leaves_when_it_is_back(
    queue_app, redis_down_app, inbox, session
):
    _mail_after(redis_down_app, "malee@example.org")  # the buyer's commit does not fail

    (task,) = table_rows(OutboxTask)
    assert (task.status, task.relayed_at) == (TaskStatus.PENDING, None)
    _mail_after(queue_app, "first-after@example.org")
    wait_for(
        _received(inbox, "first-after@example.org"), WAIT_S, "a mail through the working queue"
    )
    assert "malee@example.org" not in inbox.recipients()

    relay = _relay(queue_app)  # what beat does every minute

    assert relay.exit_code == 0, relay.output
    assert "published 1" in relay.output
    wait_for(_received(inbox, "malee@example.org"), WAIT_S, "the mail that waited in the outbox")
    again = _relay(queue_app)
    assert "published 0" in again.output
    _mail_after(queue_app, "last@example.org")
    wait_for(_received(inbox, "last@example.org"), WAIT_S, "the last mail")
    assert inbox.recipients().count("malee@example.org") == 1
    assert len(_all_done()) == 3


def test_the_worker_expires_an_unpaid_order_past_its_window(
    app, client, coffee_shop, queue_app, monkeypatch, session
):
    monkeypatch.setitem(app.config, "ORDER_TTL_TRANSFER_MINUTES", 0)  # due at once
    order = buy(client, (coffee_shop.robusta, 2))
    late = buy(client, (coffee_shop.cashews, 1))
    monkeypatch.setitem(app.config, "ORDER_TTL_TRANSFER_MINUTES", 60)
    waiting = buy(client, (coffee_shop.robusta, 1))
    session.commit()

    queue_app.extensions["celery"].send_task("orders.expire")  # what beat sends every minute

    def status(order_id):
        db.session.expire_all()
        value = db.session.get(Order, order_id).status
        db.session.commit()
        return value

    wait_for(lambda: status(order.id) == OrderStatus.EXPIRED, WAIT_S, "the order to expire")
    assert status(late.id) == OrderStatus.EXPIRED
    assert status(waiting.id) == OrderStatus.PENDING_PAYMENT


def test_beat_runs_the_relay_and_order_expiry_every_minute(app):
    schedule = app.extensions["celery"].conf.beat_schedule

    assert schedule["outbox.relay"]["schedule"] == 60.0
    assert schedule["orders.expire"]["schedule"] == 60.0
    assert schedule["payments.send_refunds"]["schedule"] == 300.0
    assert "wholesale.remind" in schedule
