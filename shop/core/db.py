"""Declarative base, constraint naming, and the SQLite set-up for several worker processes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from flask import has_request_context, request
from sqlalchemy import DateTime, Engine, MetaData, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

log = logging.getLogger(__name__)
SQLITE_BUSY_TIMEOUT_MS = 10_000
POSTGRES_CONNECT_TIMEOUT_S = 5
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_force_write_lock: ContextVar[bool] = ContextVar("force_write_lock", default=False)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use shop.core.db.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


def _wants_write_lock() -> bool:
    """Whether a new SQLite transaction should take the write lock at once.

    Read-only requests begin deferred so readers never wait for each other; every other
    request, CLI command or script begins IMMEDIATE, so a transaction that will write waits
    for the lock (busy timeout) instead of failing with "database is locked" on upgrade.
    """
    if _force_write_lock.get():
        return True
    return not (has_request_context() and request.method in READ_ONLY_METHODS)


@contextmanager
def write_transaction(session) -> Iterator[None]:
    """Run a block that writes from a read-only (GET) request, in a transaction of its own.

    Ends the request's read transaction, makes the next one take the write lock at once on
    SQLite, commits at the end of the block and rolls back if it raises.
    """
    session.commit()
    token = _force_write_lock.set(True)
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        _force_write_lock.reset(token)


def engine_options(url: str) -> dict:
    """SQLAlchemy engine options for the database at ``url``.

    Every pooled connection is checked (``pool_pre_ping``) before a request uses it, so the
    first requests after a database restart get fresh connections instead of failing on dead
    ones. PostgreSQL gives up connecting after POSTGRES_CONNECT_TIMEOUT_S seconds, so a host
    that does not answer makes an error page (503), not a hung worker.
    """
    options: dict = {"pool_pre_ping": True}
    if url.startswith("postgresql"):
        options["connect_args"] = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S}
    return options


def end_session_quietly(session: scoped_session) -> None:
    """Close the request's session even when its connection died after the last query.

    Closing rolls back on the connection; if the database went away in between, that raises
    and would turn a page already rendered into a 500. The dead connection is discarded
    instead (the pool's pre-ping replaces it) and the error logged.
    """
    try:
        session.remove()
    except DBAPIError as error:
        log.warning("database connection lost when the request ended: %s", error)
        try:
            session().invalidate()  # the scoped session's own Session
        except DBAPIError:
            log.debug("invalidating the session failed too", exc_info=True)
        session.remove()


def configure_sqlite(engine: Engine) -> None:
    """WAL journal, a busy timeout, foreign keys, and BEGIN IMMEDIATE for writers."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _wants_write_lock() else "BEGIN")
