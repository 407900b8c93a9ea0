"""Declarative base, constraint naming, and the SQLite set-up for several worker processes."""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from flask import current_app, has_request_context, request
from sqlalchemy import DateTime, Engine, Enum, MetaData, event, exc
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session
from sqlalchemy.types import TypeDecorator

from shop.core.deadlines import watchdog

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
POSTGRES_TCP_USER_TIMEOUT_MS = 20_000  # unacknowledged data for this long: the peer is gone
POSTGRES_PING_DEADLINE_S = 3  # the check of a pooled connection takes milliseconds
DATABASE_WAIT_DEADLINE_S = 15  # a statement in a web request; gunicorn's own timeout is 30 s
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

    Every pooled connection is checked before a request uses it, so the first requests after a
    database restart get fresh connections instead of failing on dead ones. PostgreSQL:

    - connecting gives up after POSTGRES_CONNECT_TIMEOUT_S seconds, so a host that does not
      answer makes an error page (503), not a hung worker;
    - TCP keepalives and ``tcp_user_timeout`` (libpq parameters) drop a connection whose peer
      is gone (a network cut, a host that died) within about POSTGRES_TCP_USER_TIMEOUT_MS;
    - in a web request, each wait on a connection (the check, each statement, commit and
      rollback) has an overall deadline kept by ``core.deadlines``: the check
      POSTGRES_PING_DEADLINE_S, a statement DATABASE_WAIT_DEADLINE seconds (config, default
      15). A proxy or pooler that accepts and stops forwarding acknowledges every packet, so
      no TCP timeout fires; past its deadline the socket is shut down and the request gets the
      503 page. CLI commands and the mail thread are not bounded (migrations may be long).
    """
    if not url.startswith("postgresql"):
        return {"pool_pre_ping": True}
    return {
        "pool_pre_ping": False,  # checked by _check_out, within a deadline
        "connect_args": {
            "connect_timeout": POSTGRES_CONNECT_TIMEOUT_S,
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "tcp_user_timeout": POSTGRES_TCP_USER_TIMEOUT_MS,
        },
        "pool_events": [
            (_connected, "connect"),
            (_check_out, "checkout"),
            (_release, "checkin"),
            (_release, "close"),
            (_release, "invalidate"),
        ],
    }


# --- deadlines on PostgreSQL connections in web requests ----------------------------------------

_FRESH = "shop_fresh"


def _request_deadline() -> float | None:
    """Seconds a database wait may take in this context: None outside a web request."""
    if not has_request_context():
        return None
    return float(current_app.config.get("DATABASE_WAIT_DEADLINE", DATABASE_WAIT_DEADLINE_S))


def _connected(dbapi_connection, record) -> None:
    record.info[_FRESH] = True  # just made: nothing to check


def _check_out(dbapi_connection, record, _proxy) -> None:
    """The pre-ping of ``pool_pre_ping``, with a deadline in web requests.

    Raises InvalidatePoolError when the connection is dead or silent: the pool then replaces
    it (and every connection older than it), as its own pre-ping does.
    """
    if record.info.pop(_FRESH, False):
        return
    deadline = _request_deadline()
    if deadline is not None:
        ping_deadline = min(POSTGRES_PING_DEADLINE_S, deadline)
        watchdog.arm(dbapi_connection, dbapi_connection.fileno(), ping_deadline, "database check")
    autocommit = dbapi_connection.autocommit
    try:
        dbapi_connection.autocommit = True  # no transaction left open by the check
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.autocommit = autocommit
    except Exception as error:  # noqa: BLE001 - any failure means: use another connection
        raise exc.InvalidatePoolError(f"pooled connection failed its check: {error}") from error
    finally:
        watchdog.disarm(dbapi_connection)


def _release(dbapi_connection, _record, *_args) -> None:
    if dbapi_connection is not None:
        watchdog.disarm(dbapi_connection)


def _guard(conn) -> None:
    """Arm the deadline of a wait on ``conn`` (a SQLAlchemy Connection) in a web request."""
    if conn.dialect.name != "postgresql" or conn.invalidated:
        return
    deadline = _request_deadline()
    if deadline is None:
        return
    dbapi_connection = conn.connection.dbapi_connection
    if dbapi_connection is not None:
        watchdog.arm(dbapi_connection, dbapi_connection.fileno(), deadline, "database statement")


def _unguard(conn) -> None:
    if conn.dialect.name == "postgresql" and not conn.invalidated:
        _release(conn.connection.dbapi_connection, None)


# Registered on every Engine; they act only on PostgreSQL connections in a web request. A
# commit or rollback stays armed until the connection is checked in (which follows) or its
# next statement.
event.listen(Engine, "before_cursor_execute", lambda conn, *_: _guard(conn))
event.listen(Engine, "after_cursor_execute", lambda conn, *_: _unguard(conn))
event.listen(Engine, "commit", _guard)
event.listen(Engine, "rollback", _guard)


@event.listens_for(Engine, "handle_error")
def _unguard_failed(context) -> None:
    if context.connection is not None:
        _unguard(context.connection)


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


def value_enum(cls: type[enum.Enum], name: str, *, length: int = 20) -> Enum:
    """A column of ``cls``'s members stored as their values (``"paid"``, not ``"PAID"``) in a
    VARCHAR(``length``) with a CHECK constraint, not a native database enum: a new member is a
    migration of the constraint, never an ALTER TYPE."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
    )
