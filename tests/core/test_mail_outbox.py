"""The mail outbox: a mail is a row written in the transaction that caused it, sent after the
commit at most once, kept with its error when the mail server fails, and sent again by
``flask mail retry`` or the admin's "Send again"."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from shop.core import mail, tasks
from shop.core.db import utcnow
from shop.core.mail import send_after_commit
from shop.core.models import MailOutbox, MailStatus
from shop.extensions import db
from tests.core.conftest import shop_mailing_to, table_rows
from tests.faults.conftest import DrippingServer
from tests.platform.builders import log_in_admin


class Order:
    number = "RN-1234-5678"
    total_satang = 17_900


def _queue(to="somchai@example.org"):
    send_after_commit(to, "order_paid", "th", order=Order(), url="http://localhost/o")


def _rows():
    return table_rows(MailOutbox)


def test_a_committed_mail_is_sent_once_and_a_rolled_back_one_never(app, session, mailbox):
    with app.test_request_context():
        _queue("rolled-back@example.org")
        session.rollback()
        _queue("somchai@example.org")
        assert mailbox == []  # nothing leaves before the commit
        session.commit()

    assert [m.to for m in mailbox] == [["somchai@example.org"]]
    assert "RN-1234-5678" in mailbox[0].body
    rows = _rows()
    assert [(r.recipient, r.status, r.attempts) for r in rows] == [
        ("somchai@example.org", MailStatus.SENT, 1)
    ]
    assert rows[0].sent_at is not None
    assert mail.deliver([rows[0].id]) == {"sent": 0, "failed": 0, "skipped": 1}  # at most once
    assert len(mailbox) == 1


def test_a_failed_mail_is_kept_with_its_error_and_sent_by_the_retry_command(
    app, session, mailbox, refusing_mail_server_app
):
    with refusing_mail_server_app.test_request_context():
        _queue()
        db.session.commit()  # the change is committed although the mail server refuses
        db.session.remove()

    (row,) = _rows()
    assert row.status == MailStatus.FAILED
    assert row.attempts == 1
    assert "Connection refused" in row.last_error

    result = app.test_cli_runner().invoke(args=["mail", "retry"])
    assert result.exit_code == 0, result.output
    assert "sent 1" in result.output
    assert [m.to for m in mailbox] == [["somchai@example.org"]]
    (row,) = _rows()
    assert (row.status, row.attempts, row.last_error) == (MailStatus.SENT, 2, "")


def test_a_mail_whose_sender_died_half_way_is_sent_again_by_the_retry_command(
    app, session, mailbox, refusing_mail_server_app
):
    with refusing_mail_server_app.test_request_context():
        _queue("malee@example.org")
        db.session.commit()
        db.session.remove()
    (row,) = _rows()
    db.session.execute(  # a sender claimed it 20 minutes ago and was killed mid-conversation
        update(MailOutbox)
        .where(MailOutbox.id == row.id)
        .values(status=MailStatus.SENDING, claimed_at=utcnow() - timedelta(minutes=20))
    )
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["mail", "retry"])

    assert result.exit_code == 0, result.output
    assert "interrupted 1" in result.output
    assert [m.to for m in mailbox] == [["malee@example.org"]]
    (row,) = _rows()
    assert row.status == MailStatus.SENT


def test_the_admin_sees_failed_mails_and_sends_one_again(
    app, client, session, mailbox, refusing_mail_server_app
):
    with refusing_mail_server_app.test_request_context():
        _queue("aung@example.org")
        db.session.commit()
        db.session.remove()
    log_in_admin(client)

    page = client.get("/admin/mail?lang=en").get_data(as_text=True)
    assert "aung@example.org" in page
    assert "Connection refused" in page
    (row,) = _rows()
    answer = client.post(f"/admin/mail/{row.id}/retry?lang=en", follow_redirects=True)

    assert "is being sent again" in answer.get_data(as_text=True)
    assert [m.to for m in mailbox] == [["aung@example.org"]]
    assert _rows()[0].status == MailStatus.SENT
    again = client.post(f"/admin/mail/{row.id}/retry?lang=en", follow_redirects=True)
    assert "not waiting for a retry" in again.get_data(as_text=True)
    assert len(mailbox) == 1


@pytest.fixture
def dripping_mail_server_app(app, session, tmp_path):
    """The shop with a mail server that answers one byte every half second, never a line:
    each read is quick, the conversation never ends."""
    server = DrippingServer(every=0.5)
    session.commit()
    with shop_mailing_to(app, tmp_path, server.port, MAIL_TIMEOUT=3, MAIL_DEADLINE=2) as slow:
        yield slow
    server.stop()


def test_a_mail_server_that_drips_fails_the_mail_at_its_deadline(
    app, session, dripping_mail_server_app
):
    with app.test_request_context():
        send_after_commit("somchai@example.org", "order_paid", "th", order=Order(), url="http://x")
        db.session.flush()
        session.info.pop(tasks.PENDING)  # sent below by the slow shop, as `flask mail retry` does
        session.commit()
    (row,) = _rows()
    outcome = {}

    def send() -> None:
        with dripping_mail_server_app.app_context():
            outcome.update(mail.deliver([row.id]))
            db.session.remove()

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    sender.join(timeout=30)  # a bound, far above MAIL_DEADLINE; the server drips for an hour

    assert not sender.is_alive(), "the sender is still held by the mail server"
    assert outcome == {"sent": 0, "failed": 1, "skipped": 0}
    (row,) = _rows()
    assert (row.status, row.attempts) == (MailStatus.FAILED, 1)
    assert row.last_error


def test_the_admin_sees_mails_waiting_and_being_sent(app, client, session):
    from shop.core.db import utcnow

    session.add_all(
        [
            MailOutbox(
                recipient="aung@example.org",
                subject="Your order RN-1",
                body="...",
                template="order_paid",
                status=MailStatus.SENDING,
                attempts=1,
                claimed_at=utcnow(),
            ),
            MailOutbox(
                recipient="malee@example.org",
                subject="Your order RN-2",
                body="...",
                template="order_paid",
                status=MailStatus.QUEUED,
            ),
        ]
    )
    session.commit()
    log_in_admin(client)

    page = client.get("/admin/mail?lang=en").get_data(as_text=True)

    assert "aung@example.org" in page
    assert "Being sent since" in page
    assert "malee@example.org" in page
