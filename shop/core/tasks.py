"""Background work through one transactional outbox, run by Celery on Redis or in the process.

A service that causes work calls ``defer(name, **payload)``: an ``OutboxTask`` row is written in
the caller's transaction, so a rolled-back change leaves no work and a committed one always
has its work. After the commit the rows are relayed:

- with ``CELERY_BROKER_URL`` set (production), each row's id is published to the broker as the
  Celery task ``outbox.run``; a worker (``celery -A shop.core.worker worker``) runs it inside an app
  context. A row whose publishing failed (Redis down) stays pending and is published again by
  ``relay_due`` (the beat task ``outbox.relay`` every minute, or ``flask tasks relay``).
- without a broker (``make run``, the tests), the same runner runs the rows in this process:
  after the response on the mail sender's thread in a web request, at once elsewhere.

``run`` takes a row with one conditional UPDATE (pending -> running), so a message delivered
twice, or a relay racing a worker, runs the work once. The handler's own database changes and
the row's ``done`` are committed together. A handler that raises ``TryLater`` (a mail server
down) leaves the row pending until its next back-off time (BACKOFF), up to MAX_ATTEMPTS; then
it is ``failed`` with its error. Retries live in the database, not in the broker, so flushing
or losing Redis loses no work.

Periodic work (Celery beat, ``celery -A shop.core.worker beat``): the relay (which also runs
the retries of mails and webhooks) and order expiry every minute, card refunds and interrupted
mails every five minutes, payment reminders daily at 09:00 Bangkok time. Each keeps its
``flask`` command for cron in installs without a broker.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from datetime import timedelta

from celery import Celery, Task
from celery.schedules import crontab
from flask import Flask, current_app
from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from shop.core.db import utcnow
from shop.core.models import OutboxTask, TaskStatus
from shop.extensions import db

log = logging.getLogger(__name__)

PENDING = "tasks_after_commit"
MAX_ATTEMPTS = 8
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
    timedelta(hours=24),
)
RELAY_AGAIN_AFTER = timedelta(minutes=5)  # published but never run: the message was lost
RUNNING_STUCK_AFTER = timedelta(minutes=15)  # its runner died half-way

RUN_TASK = "outbox.run"  # the Celery task of every outbox row: run(row id)
HANDLERS: dict[str, Callable[..., object]] = {}


class TryLater(Exception):
    """The work cannot be done now (a server down); it is run again after the back-off."""


def backoff(attempts: int) -> timedelta:
    """How long a row that failed its ``attempts``-th run (1, 2, ...) waits before the next."""
    return BACKOFF[min(attempts - 1, len(BACKOFF) - 1)]


def handler(name: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """Register ``fn(**payload)`` as the work of outbox rows named ``name`` (e.g. "mail.send").

    It runs in an app context with a clean ``db.session``; it flushes, the runner commits (with
    the row's ``done``) or rolls back. Raise ``TryLater`` to be run again later.
    """

    def register(fn: Callable[..., object]) -> Callable[..., object]:
        HANDLERS[name] = fn
        return fn

    return register


def defer(name: str, **payload) -> OutboxTask:
    """Record work ``name(**payload)`` in the current transaction; it is relayed after the
    commit, never on rollback. ``payload``: JSON values (ids, not objects)."""
    if name not in HANDLERS:
        raise KeyError(f"no task handler named {name!r}")
    row = OutboxTask(name=name, payload=payload, status=TaskStatus.PENDING, run_after=utcnow())
    db.session.add(row)
    db.session.info.setdefault(PENDING, []).append((row, name))
    return row


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released (SQLAlchemy calls this hook for it too): not committed yet
    entries = session.info.pop(PENDING, [])
    # The identity survives the commit's expiry: reading it emits no SQL (none may run here).
    work = [
        (state.identity[0], name)
        for state, name in ((inspect(row), name) for row, name in entries)
        if state.identity
    ]
    if work:
        from shop.core.mail import send_after_commit_by

        send_after_commit_by(hand_over, work)


@event.listens_for(Session, "after_rollback")
def _discard(session: Session) -> None:
    session.info.pop(PENDING, None)


def broker_configured(app: Flask | None = None) -> bool:
    return bool((app or current_app).config.get("CELERY_BROKER_URL"))


def hand_over(work: Iterable[tuple[int, str]]) -> dict[str, int]:
    """Publish ``(row id, name)`` pairs to the broker, or run them here when there is none.

    Never raises for a broker that is down: the rows stay pending for ``relay_due``.
    """
    work = list(work)
    if not broker_configured():
        return run_many(task_id for task_id, _name in work)
    celery: Celery = current_app.extensions["celery"]
    published: list[int] = []
    try:
        for task_id, _name in work:
            celery.send_task(RUN_TASK, args=[task_id], retry=False)
            published.append(task_id)
    except Exception as exc:  # noqa: BLE001 - Redis down: the rows wait in the outbox
        log.warning(
            "task queue unreachable (%s): %d task(s) wait in the outbox",
            exc,
            len(work) - len(published),
        )
    if published:
        with db.engine.begin() as conn:
            conn.execute(
                update(OutboxTask).where(OutboxTask.id.in_(published)).values(relayed_at=utcnow())
            )
    return {"published": len(published), "waiting": len(work) - len(published)}


def run_many(task_ids: Iterable[int]) -> dict[str, int]:
    """Run outbox rows here, one after the other, each in an app context of its own."""
    counts = {"done": 0, "retry": 0, "failed": 0, "skipped": 0}
    app = current_app._get_current_object()
    for task_id in task_ids:
        with app.app_context():
            counts[run(task_id)] += 1
    return counts


def run(task_id: int) -> str:
    """Run one outbox row if it is pending and due; returns "done", "retry", "failed" or
    "skipped" (done already, being run elsewhere, not yet due, or unknown)."""
    now = utcnow()
    with db.engine.begin() as conn:
        claimed = conn.execute(
            update(OutboxTask)
            .where(
                OutboxTask.id == task_id,
                OutboxTask.status == TaskStatus.PENDING,
                OutboxTask.run_after <= now,
            )
            .values(
                status=TaskStatus.RUNNING,
                attempts=OutboxTask.attempts + 1,
                claimed_at=now,
            )
        ).rowcount
        if claimed != 1:
            return "skipped"
        row = conn.execute(select(OutboxTask.__table__).where(OutboxTask.id == task_id)).one()
    work = HANDLERS.get(row.name)
    try:
        if work is None:
            raise LookupError(f"no task handler named {row.name!r}")
        work(**row.payload)
        db.session.execute(
            update(OutboxTask)
            .where(OutboxTask.id == task_id, OutboxTask.status == TaskStatus.RUNNING)
            .values(status=TaskStatus.DONE, done_at=utcnow(), last_error="")
        )
        db.session.commit()
        return "done"
    except Exception as exc:  # noqa: BLE001 - kept on the row with its error, for a retry
        db.session.rollback()
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if not isinstance(exc, TryLater):
            log.exception("task %s (%s) failed", task_id, row.name)
        gave_up = row.attempts >= MAX_ATTEMPTS or work is None
        values = (
            {"status": TaskStatus.FAILED, "last_error": error}
            if gave_up
            else {
                "status": TaskStatus.PENDING,
                "last_error": error,
                "run_after": utcnow() + backoff(row.attempts),
                "relayed_at": None,
            }
        )
        with db.engine.begin() as conn:
            conn.execute(update(OutboxTask).where(OutboxTask.id == task_id).values(**values))
        return "failed" if gave_up else "retry"


def relay_due(limit: int = 500) -> dict[str, int]:
    """Relay what waits in the outbox: rows never published (Redis was down), published long
    ago and never run (the message was lost), due again after a back-off, or left running by
    a runner that died. Returns ``hand_over``'s counts plus ``"interrupted"``."""
    now = utcnow()
    with db.engine.begin() as conn:
        interrupted = conn.execute(
            update(OutboxTask)
            .where(
                OutboxTask.status == TaskStatus.RUNNING,
                OutboxTask.claimed_at < now - RUNNING_STUCK_AFTER,
            )
            .values(
                status=TaskStatus.PENDING,
                relayed_at=None,
                last_error="Its runner stopped half-way; run again.",
            )
        ).rowcount
        rows = conn.execute(
            select(OutboxTask.id, OutboxTask.name)
            .where(
                OutboxTask.status == TaskStatus.PENDING,
                OutboxTask.run_after <= now,
                OutboxTask.relayed_at.is_(None) | (OutboxTask.relayed_at < now - RELAY_AGAIN_AFTER),
            )
            .order_by(OutboxTask.run_after, OutboxTask.id)
            .limit(limit)
        ).all()
    counts = hand_over([(row.id, row.name) for row in rows])
    return {**counts, "interrupted": interrupted}


def backlog() -> dict[str, int]:
    """How many outbox rows wait (pending), run, and failed for good."""
    from sqlalchemy import func

    rows = db.session.execute(
        select(OutboxTask.status, func.count())
        .where(OutboxTask.status != TaskStatus.DONE)
        .group_by(OutboxTask.status)
    ).all()
    counts = {str(status): 0 for status in TaskStatus if status != TaskStatus.DONE}
    counts.update({str(status): n for status, n in rows})
    return counts


# --- periodic work ---------------------------------------------------------------------------


def expire_orders() -> list[str]:
    from shop.orders.services import expire_due_orders

    numbers = expire_due_orders()
    db.session.commit()
    return numbers


def send_refunds() -> dict[str, int]:
    from shop.payments.models import RefundStatus
    from shop.payments.refunds import pending_refunds, send

    ids = [r.id for r in pending_refunds(older_than=timedelta(minutes=1))]
    db.session.commit()
    results = send(ids)
    sent = sum(r.status == RefundStatus.SENT for r in results)
    return {"sent": sent, "pending": len(results) - sent}


def remind_partners() -> dict[str, int]:
    from shop.wholesale.invoicing import send_reminders

    sent = send_reminders()
    db.session.commit()
    return sent


def recover_mails() -> int:
    from shop.core.mail import recover_interrupted

    count = recover_interrupted()
    db.session.commit()
    return count


PERIODIC: dict[str, tuple[Callable[[], object], object]] = {
    "outbox.relay": (relay_due, 60.0),
    "orders.expire": (expire_orders, 60.0),
    "payments.send_refunds": (send_refunds, 300.0),
    "mail.recover": (recover_mails, 300.0),
    "wholesale.remind": (remind_partners, crontab(hour=9, minute=0)),
}


# --- the Celery app --------------------------------------------------------------------------


def init_app(app: Flask) -> Celery:
    """Make the app's Celery app (``app.extensions["celery"]``), Flask's "Celery background
    tasks" pattern: every task runs inside an app context. The broker is CELERY_BROKER_URL
    (config, else environment); without one, nothing is published (work runs in-process)."""
    broker = app.config.get("CELERY_BROKER_URL") or os.environ.get("CELERY_BROKER_URL") or None
    app.config["CELERY_BROKER_URL"] = broker

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.import_name, task_cls=FlaskTask, set_as_current=False)
    celery.conf.update(
        broker_url=broker or "memory://",
        task_always_eager=not broker,
        task_ignore_result=True,
        # A message is acknowledged once its work is done: a worker killed half-way leaves it
        # on the queue for another (the outbox row makes a second run harmless).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        # Publishing gives up at once when Redis is down (kombu would try for about 6 s): the
        # work waits in the outbox for the relay, and no request or worker is held.
        broker_transport_options={
            "socket_connect_timeout": 2,
            "socket_timeout": 5,
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.1,
            "interval_max": 0.2,
        },
        timezone="Asia/Bangkok",
        beat_schedule={
            name: {"task": name, "schedule": schedule} for name, (_fn, schedule) in PERIODIC.items()
        },
    )
    celery.conf.update(app.config.get("CELERY", {}))
    celery.task(name=RUN_TASK)(run)
    for name, (fn, _schedule) in PERIODIC.items():
        celery.task(name=name)(fn)
    app.extensions["celery"] = celery
    return celery
