"""The outboxes: work (``OutboxTask``) and every mail the shop sends (``MailOutbox``), each
written in the transaction that caused it."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shop.core.db import UTCDateTime, utcnow, value_enum
from shop.extensions import db


class MailStatus(enum.StrEnum):
    QUEUED = "queued"  # committed, waiting to be sent
    SENDING = "sending"  # claimed by one sender (at most one at a time)
    SENT = "sent"
    FAILED = "failed"  # the last attempt failed; kept for `flask mail retry` or the admin


class MailOutbox(db.Model):
    """One mail to one recipient, rendered in their language when it was queued."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_status_created_at", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(100))  # e.g. "order_placed"
    status: Mapped[MailStatus] = mapped_column(
        value_enum(MailStatus, "mail_status", length=10), default=MailStatus.QUEUED
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last attempt began
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TaskStatus(enum.StrEnum):
    PENDING = "pending"  # committed; waits for its run_after, then for a runner
    RUNNING = "running"  # claimed by one runner (at most one at a time)
    DONE = "done"
    FAILED = "failed"  # gave up after MAX_ATTEMPTS; kept with its error


class OutboxTask(db.Model):
    """One piece of background work (``shop.core.tasks``): a task name and its JSON arguments,
    committed with the change that caused it and relayed to the queue after the commit."""

    __tablename__ = "task_outbox"
    __table_args__ = (Index("ix_task_outbox_status_run_after", "status", "run_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))  # e.g. "mail.send"
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[TaskStatus] = mapped_column(
        value_enum(TaskStatus, "task_status", length=10), default=TaskStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # back-off
    relayed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last put on the queue
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last run began
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
