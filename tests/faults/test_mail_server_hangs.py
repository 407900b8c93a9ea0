"""Fault 2: a mail server that accepts the connection and never answers.

The order is committed with its mail in the outbox (same transaction); the buyer's answer does
not wait for the mail; the mail fails after MAIL_TIMEOUT and is kept, then sent by
``flask mail retry`` once a mail server answers again.
"""

from __future__ import annotations

import subprocess
import time

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from shop.core.models import MailOutbox, MailStatus
from shop.extensions import db
from shop.orders.models import Order, OrderStatus
from tests.faults.conftest import BIN, ROOT, Visitor, free_port, inconsistencies, wait_for

MAIL_TIMEOUT_S = 6
BOUND_S = 5.0  # the answer comes before the mail server would time out (on a busy machine)


class Inbox:
    """aiosmtpd handler keeping what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def working_mail_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _mails(app, email):
    with app.app_context():
        rows = db.session.scalars(select(MailOutbox).where(MailOutbox.recipient == email)).all()
        db.session.remove()
        return rows


def test_a_hung_mail_server_never_holds_the_buyer_and_the_mail_is_kept_for_retry(
    database, shop_db, serve, silent_server, working_mail_server
):
    app, world = shop_db(database)
    mail_env = {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_USE_TLS": "0",
        "MAIL_TIMEOUT": str(MAIL_TIMEOUT_S),
    }
    server = serve(database, env={**mail_env, "MAIL_PORT": str(silent_server.port)})
    buyer = Visitor(server.base)
    buyer.add_to_cart(world)

    started = time.perf_counter()
    placed = buyer.check_out("malee@example.org", timeout=30)
    took = time.perf_counter() - started

    assert placed.status_code == 302
    assert "/orders/" in placed.headers["Location"]
    assert took < BOUND_S, f"placing the order took {took:.2f} s"
    # Proof that the answer did not wait for the mail: it is still queued or being sent.
    (pending,) = _mails(app, "malee@example.org")
    assert pending.status in (MailStatus.QUEUED, MailStatus.SENDING)
    order_page = buyer.get(placed.headers["Location"])
    assert order_page.status_code == 200
    assert "RN-" in order_page.text
    with app.app_context():
        order = db.session.scalars(select(Order)).one()
        assert order.status == OrderStatus.PENDING_PAYMENT
        db.session.remove()

    # The mail server took the connection and said nothing: after MAIL_TIMEOUT the mail is
    # failed, with its error, kept for a retry.
    assert wait_for(lambda: silent_server.accepted, 5, "the shop to connect to the mail server")
    failed = wait_for(
        lambda: [m for m in _mails(app, "malee@example.org") if m.status == MailStatus.FAILED],
        MAIL_TIMEOUT_S + 5,
        "the mail to fail",
    )
    assert failed[0].template == "order_placed"
    assert failed[0].attempts == 1
    assert "timed out" in failed[0].last_error
    assert inconsistencies(app) == []

    # A mail server answers again: the retry command (cron) sends it, once.
    controller, inbox = working_mail_server
    env = {**server.env, **mail_env, "MAIL_PORT": str(controller.port)}
    for _ in range(2):
        subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", "mail", "retry"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
    assert [m.rcpt_tos for m in inbox.messages] == [["malee@example.org"]]
    assert order.number in inbox.messages[0].content.decode()
    sent = _mails(app, "malee@example.org")
    assert [(m.status, m.attempts) for m in sent] == [(MailStatus.SENT, 2)]
    print(f"\nmail server hangs: placing the order took {took:.3f} s")
