"""The outbox without a broker (``make run``): a mail server that refuses keeps the mail, with
its error, for the admin; its task waits with growing back-off and leaves once a mail server
answers again."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import time_machine

from shop.core.db import utcnow
from shop.core.mail import send_after_commit
from shop.core.models import MailOutbox, MailStatus, OutboxTask, TaskStatus
from shop.extensions import db
from tests.core.conftest import table_rows
from tests.platform.builders import log_in_admin


class PlacedOrder:
    number = "RN-1234-5678"
    total_satang = 17_900


def _row(model) -> SimpleNamespace:
    (row,) = table_rows(model)
    return row


def _relay(shop) -> str:
    with shop.app_context():
        result = shop.test_cli_runner().invoke(args=["tasks", "relay"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_mail_that_fails_waits_with_back_off_and_leaves_when_the_server_is_back(
    app, client, session, mailbox, refusing_mail_server_app
):
    start = utcnow()
    with refusing_mail_server_app.test_request_context():
        send_after_commit(
            "aung@example.org", "order_paid", "my", order=PlacedOrder(), url="http://x/o"
        )
        db.session.commit()  # the change commits although the mail server refuses
        db.session.remove()

    mail, task = _row(MailOutbox), _row(OutboxTask)
    assert (mail.status, mail.attempts) == (MailStatus.FAILED, 1)
    assert "Connection refused" in mail.last_error
    assert (task.name, task.status, task.attempts) == ("mail.send", TaskStatus.PENDING, 1)
    assert "Connection refused" in task.last_error
    assert timedelta(seconds=50) < task.run_after - start < timedelta(minutes=2)
    log_in_admin(client)
    page = client.get("/admin/mail?lang=en").get_data(as_text=True)
    session.commit()  # the request's transaction ends (the test's app context outlives it)
    assert "aung@example.org" in page
    assert "Connection refused" in page
    assert "done 0, retry 0" in _relay(refusing_mail_server_app)  # not due yet

    with time_machine.travel(start + timedelta(minutes=2), tick=True):
        assert "retry 1" in _relay(refusing_mail_server_app)
    task = _row(OutboxTask)
    assert (task.status, task.attempts) == (TaskStatus.PENDING, 2)
    assert timedelta(minutes=6) < task.run_after - start < timedelta(minutes=8)  # 5 min later
    assert mailbox == []

    with time_machine.travel(start + timedelta(minutes=8), tick=True):
        assert "done 1" in _relay(app)  # the mail server answers again
        assert "done 0" in _relay(app)

    assert [m.to for m in mailbox] == [["aung@example.org"]]
    assert _row(MailOutbox).status == MailStatus.SENT
    assert _row(OutboxTask).status == TaskStatus.DONE


def test_a_mail_whose_sender_died_half_way_is_marked_and_sent_again(app, session, mailbox):
    stuck_since = utcnow() - timedelta(minutes=20)
    session.add(
        MailOutbox(
            recipient="malee@example.org",
            subject="Your order RN-1",
            body="...",
            template="order_paid",
            status=MailStatus.SENDING,
            attempts=1,
            claimed_at=stuck_since,
        )
    )
    session.commit()

    beat = app.extensions["celery"].tasks["mail.recover"]
    assert beat() == 1  # beat's task, run here (no broker: the task then runs at once)

    assert [m.to for m in mailbox] == [["malee@example.org"]]
    mail = _row(MailOutbox)
    assert (mail.status, mail.attempts) == (MailStatus.SENT, 2)
    assert beat() == 0


def test_every_periodic_task_runs_in_an_app_context(app, session):
    celery = app.extensions["celery"]

    assert celery.tasks["orders.expire"]() == []
    assert celery.tasks["payments.send_refunds"]() == {"sent": 0, "pending": 0}
    assert celery.tasks["wholesale.remind"]() == {"before_due": 0, "overdue": 0}
    assert celery.tasks["outbox.relay"]()["interrupted"] == 0
