"""Mail in the recipient's language: SMTP when MAIL_SERVER is set, else a readable outbox folder.

Templates: ``templates/mail/<name>.subject.txt`` (one line) and ``templates/mail/<name>.txt``.

Services queue mail with ``send_after_commit``: the rendered mail becomes a ``mail_outbox`` row,
and its sending a ``mail.send`` task of the task outbox (``shop.core.tasks``), both in the same
transaction as the change, so a committed order always has its mail and a rolled-back one never
mails anyone. After the commit the task goes through the one relay of all background work: to
the Celery worker when a broker is configured, else to a sender thread of the process after the
response (``MAIL_DELIVERY = "background"``), or at once in tests and CLI commands (``"inline"``).
Each mail is claimed by one conditional UPDATE (queued/failed -> sending) before it is sent, so
a task delivered twice sends it once. A failure leaves the mail ``failed`` with its error (the
admin's /admin/mail shows it) and its task is run again with growing waits (tasks.BACKOFF);
``flask mail retry`` and the admin's "Send again" send it sooner.

Over SMTP each read waits at most MAIL_TIMEOUT seconds and each mail's whole conversation at
most MAIL_DEADLINE seconds (``SMTPEmailBackend``, through ``core.deadlines``): a server that drips
one byte at a time fails the mail instead of holding the sender for ever.
"""

from __future__ import annotations

import logging
import os
import queue
import smtplib
import threading
from collections.abc import Callable, Iterable
from datetime import timedelta
from email.header import decode_header, make_header
from functools import partial

from flask import Flask, current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_mailman import EmailMessage
from flask_mailman.backends.file import EmailBackend as FileEmailBackend
from flask_mailman.backends.smtp import EmailBackend as MailmanSMTPBackend
from sqlalchemy import Row, func, select, update

from shop.core.db import utcnow
from shop.core.deadlines import watchdog
from shop.core.models import MailOutbox, MailStatus
from shop.core.tasks import TryLater, defer, handler
from shop.extensions import db

log = logging.getLogger(__name__)
MAIL_DEADLINE_S = 60  # a whole SMTP conversation; MAIL_TIMEOUT bounds each read


class OutboxEmailBackend(FileEmailBackend):
    """Writes each mail as plain UTF-8 text into the outbox folder, and logs it."""

    def write_message(self, message):
        mime = message.message()
        subject = str(make_header(decode_header(mime["Subject"])))
        text = (
            f"From: {message.from_email}\n"
            f"To: {', '.join(message.to)}\n"
            f"Subject: {subject}\n"
            f"Date: {mime['Date']}\n\n"
            f"{message.body}\n" + "-" * 72 + "\n"
        )
        self.stream.write(text.encode("utf-8"))
        log.info("mail to %s: %s (outbox %s)", ", ".join(message.to), subject, self._fname)


class _SMTPWithDeadline:
    """An smtplib connection whose socket the watchdog shuts down ``deadline_s`` seconds after
    it connected, unless it was closed before (core.deadlines)."""

    def __init__(self, *args, deadline_s: float, **kwargs) -> None:
        self._deadline_s = deadline_s
        super().__init__(*args, **kwargs)

    def _get_socket(self, host, port, timeout):
        sock = super()._get_socket(host, port, timeout)
        watchdog.arm(self, sock, self._deadline_s, f"a mail's sending (to {host}:{port})")
        return sock

    def close(self) -> None:
        watchdog.disarm(self)
        super().close()


class _SMTP(_SMTPWithDeadline, smtplib.SMTP):
    pass


class _SMTPSSL(_SMTPWithDeadline, smtplib.SMTP_SSL):
    pass


class SMTPEmailBackend(MailmanSMTPBackend):
    """Flask-Mailman's SMTP backend, each connection bounded by MAIL_DEADLINE seconds in all.

    A failure past the deadline is smtplib's ``SMTPServerDisconnected`` (or an ``OSError``),
    which ``deliver`` keeps on the row like any other.
    """

    @property
    def connection_class(self):
        deadline = float(current_app.config.get("MAIL_DEADLINE", MAIL_DEADLINE_S))
        return partial(_SMTPSSL if self.use_ssl else _SMTP, deadline_s=deadline)


def mail_settings(config: dict) -> dict:
    """Mail backend settings for Flask-Mailman from the shop's environment-built config, and
    how queued mail leaves: "inline" right after the commit in tests, else "background"."""
    delivery = {"MAIL_DELIVERY": "inline" if config.get("TESTING") else "background"}
    if config.get("MAIL_SERVER"):
        return {"MAIL_BACKEND": "shop.core.mail.SMTPEmailBackend", **delivery}
    return {
        "MAIL_BACKEND": "shop.core.mail.OutboxEmailBackend",
        "MAIL_FILE_PATH": f"{config['INSTANCE_PATH']}/outbox",
        **delivery,
    }


def _render(to: str, template: str, lang: str, context: dict) -> EmailMessage:
    with force_locale(lang):
        subject = render_template(f"mail/{template}.subject.txt", **context).strip()
        body = render_template(f"mail/{template}.txt", **context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[to],
    )


def send_mail(to: str, template: str, lang: str, **context) -> None:
    """Render ``mail/<template>`` in ``lang`` and send it to one recipient now."""
    _render(to, template, lang, context).send()


def send_after_commit(to: str, template: str, lang: str, **context) -> None:
    """Render the mail now and queue it in the outbox, in the current transaction (flushed,
    so its task can name it).

    It is sent after the transaction commits (never on rollback) and after the response.
    Services that change state call this, so a rolled-back change never mails anyone.
    """
    message = _render(to, template, lang, context)
    row = MailOutbox(
        recipient=to,
        subject=message.subject[:500],
        body=message.body,
        template=template,
        status=MailStatus.QUEUED,
    )
    db.session.add(row)
    db.session.flush()
    defer("mail.send", mail_id=row.id)


def requeue(row: MailOutbox) -> bool:
    """Queue a failed mail again (the admin's "retry"); it leaves after the commit.

    Returns False when the mail is not failed (sent or being sent meanwhile).
    """
    if row.status != MailStatus.FAILED:
        return False
    row.status = MailStatus.QUEUED
    db.session.flush()
    defer("mail.send", mail_id=row.id)
    return True


@handler("mail.send")
def send_queued(mail_id: int) -> None:
    """The task of one outbox mail: send it unless it was sent (or is being sent) already.

    Raises TryLater with the mail server's error when the sending failed.
    """
    counts = deliver([mail_id], (MailStatus.QUEUED, MailStatus.FAILED))
    if counts["failed"]:
        with db.engine.connect() as conn:
            error = conn.scalar(select(MailOutbox.last_error).where(MailOutbox.id == mail_id))
        raise TryLater(error or "the mail was not sent")


def send_after_commit_by(send: Callable[[list[int]], object], ids: list[int]) -> None:
    """Run ``send(ids)`` for outbox rows just committed (mail, or another outbox such as the
    partner API's webhooks): on the sender thread after the response when MAIL_DELIVERY is
    "background" in a request, else at once (tests, CLI)."""
    app = current_app._get_current_object()
    if app.config.get("MAIL_DELIVERY") == "background" and has_request_context():
        _courier.hand_over(app, ids, send)
    else:
        send(ids)


def _claim(mail_id: int, from_statuses: Iterable[MailStatus]) -> Row | None:
    """Take one row for sending: queued/failed -> sending in one conditional UPDATE, so two
    senders never both send it. Returns the row's columns, or None if another took it."""
    with db.engine.begin() as conn:
        claimed = conn.execute(
            update(MailOutbox)
            .where(MailOutbox.id == mail_id, MailOutbox.status.in_(list(from_statuses)))
            .values(
                status=MailStatus.SENDING,
                attempts=MailOutbox.attempts + 1,
                claimed_at=utcnow(),
            )
        ).rowcount
        if claimed != 1:
            return None
        return conn.execute(select(MailOutbox.__table__).where(MailOutbox.id == mail_id)).one()


def _finish(mail_id: int, error: str | None) -> None:
    values = (
        {"status": MailStatus.SENT, "sent_at": utcnow(), "last_error": ""}
        if error is None
        else {"status": MailStatus.FAILED, "last_error": error[:2000]}
    )
    with db.engine.begin() as conn:
        conn.execute(update(MailOutbox).where(MailOutbox.id == mail_id).values(**values))


def deliver(
    mail_ids: Iterable[int], from_statuses: Iterable[MailStatus] = (MailStatus.QUEUED,)
) -> dict[str, int]:
    """Send the outbox rows ``mail_ids`` that are still in ``from_statuses``, one by one.

    Each is claimed first; a send that fails (refused, timed out after MAIL_TIMEOUT seconds)
    leaves the row ``failed`` with the error. Never raises for a mail server's failure.
    Returns ``{"sent": n, "failed": n, "skipped": n}``.
    """
    from_statuses = tuple(from_statuses)
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    for mail_id in mail_ids:
        row = _claim(mail_id, from_statuses)
        if row is None:
            counts["skipped"] += 1
            continue
        message = EmailMessage(
            subject=row.subject,
            body=row.body,
            from_email=current_app.config["MAIL_DEFAULT_SENDER"],
            to=[row.recipient],
        )
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - kept as failed with its error, for a retry
            log.warning("mail %s to %s failed: %s", mail_id, row.recipient, exc)
            _finish(mail_id, f"{type(exc).__name__}: {exc}")
            counts["failed"] += 1
        else:
            _finish(mail_id, None)
            counts["sent"] += 1
    return counts


class _Courier:
    """One sender thread per process, fed with the ids of committed outbox rows.

    Started on first use in each process (gunicorn forks workers after the app is built), so
    the thread always belongs to the process that queued the mail. A process that dies with
    work still in its queue leaves the tasks pending; the relay (beat, ``flask tasks relay``)
    runs them.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._queue: queue.SimpleQueue = queue.SimpleQueue()

    def hand_over(self, app: Flask, mail_ids: list[int], send=None) -> None:
        with self._lock:
            if self._pid != os.getpid():
                self._queue = queue.SimpleQueue()
                thread = threading.Thread(
                    target=self._run, args=(self._queue,), name="mail-sender", daemon=True
                )
                thread.start()
                self._pid = os.getpid()
            self._queue.put((app, mail_ids, send or deliver))

    @staticmethod
    def _run(work: queue.SimpleQueue) -> None:
        while True:
            app, mail_ids, send = work.get()
            with app.app_context():
                try:
                    send(mail_ids)
                except Exception:  # noqa: BLE001 - e.g. the database is gone: rows stay queued
                    log.exception("mail sender: rows %s stay queued for a retry", mail_ids)


_courier = _Courier()


# --- retries ---------------------------------------------------------------------------------

SENDING_STUCK_AFTER = timedelta(minutes=15)  # its sender died mid-way
INTERRUPTED = "Sending was interrupted; the mail may or may not have arrived."


def recover_interrupted() -> int:
    """Mails ``sending`` for longer than SENDING_STUCK_AFTER lost their sender half-way: they
    become failed, with an error saying the mail may or may not have arrived, and are queued
    again (a rare duplicate rather than a lost order mail). Flushes; the caller commits."""
    stuck = db.session.scalars(
        select(MailOutbox.id).where(
            MailOutbox.status == MailStatus.SENDING,
            MailOutbox.claimed_at < utcnow() - SENDING_STUCK_AFTER,
        )
    ).all()
    for mail_id in stuck:
        db.session.execute(
            update(MailOutbox)
            .where(MailOutbox.id == mail_id, MailOutbox.status == MailStatus.SENDING)
            .values(status=MailStatus.FAILED, last_error=INTERRUPTED)
        )
        defer("mail.send", mail_id=mail_id)
    db.session.flush()
    return len(stuck)


def send_failed_now(limit: int = 500) -> dict[str, int]:
    """``flask mail retry``: send the failed mails now (a mail server answers again) instead of
    at their task's next back-off time, and recover the mails whose sender died half-way
    (``recover_interrupted``: their tasks send them). Queued mails and the back-off are the
    task outbox's (``flask tasks relay``, beat). Commits. Returns the counts of ``deliver``
    plus ``"interrupted"``.
    """
    ids = db.session.scalars(
        select(MailOutbox.id)
        .where(MailOutbox.status == MailStatus.FAILED)
        .order_by(MailOutbox.id)
        .limit(limit)
    ).all()
    interrupted = recover_interrupted()
    db.session.commit()  # the interrupted mails' tasks are relayed
    counts = deliver(ids, (MailStatus.FAILED,))
    return {**counts, "interrupted": interrupted}


def waiting_mails(limit: int = 200) -> list[MailOutbox]:
    """Mails not yet sent nor failed (queued, or being sent since ``claimed_at``), oldest
    first, for the admin's page: a row ``sending`` for long shows a sender that is stuck."""
    return list(
        db.session.scalars(
            select(MailOutbox)
            .where(MailOutbox.status.in_([MailStatus.QUEUED, MailStatus.SENDING]))
            .order_by(MailOutbox.created_at, MailOutbox.id)
            .limit(limit)
        )
    )


def failed_mails(limit: int = 200) -> list[MailOutbox]:
    """Failed mails (newest first) for the admin's page."""
    return list(
        db.session.scalars(
            select(MailOutbox)
            .where(MailOutbox.status == MailStatus.FAILED)
            .order_by(MailOutbox.created_at.desc(), MailOutbox.id.desc())
            .limit(limit)
        )
    )


def status_counts() -> dict[MailStatus, int]:
    """How many outbox rows are in each status."""
    rows = db.session.execute(
        select(MailOutbox.status, func.count()).group_by(MailOutbox.status)
    ).all()
    counts = dict.fromkeys(MailStatus, 0)
    counts.update(dict(rows))
    return counts
