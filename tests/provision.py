"""What the suite needs from the machine: a throw-away PostgreSQL database, and a run summary.

``make test`` on a fresh machine should cover everything without any environment variable:
- ``TEST_DATABASE_URL`` given: that database is used (created first if it does not exist, and
  then dropped again at the end, since the run made it).
- not given: the PostgreSQL server named by ``DATABASE_URL`` (when it is a PostgreSQL URL), or by
  ``PGHOST``/``PGPORT``/``PGUSER``, or else 127.0.0.1:5432 as the current user, gets a database
  ``shop_test_<random>`` that the run creates and drops.
- no server answers: the PostgreSQL copies are skipped, and the summary says how to bring them in.

Each pytest-xdist worker gets a database of its own (``<name>_gw0``, ...): the fixtures drop and
rebuild the schema, which workers must not do to each other.
"""

from __future__ import annotations

import getpass
import os
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

DRIVER = "postgresql+psycopg"
BACKEND_IN_ID = re.compile(r"[\[-](sqlite|postgresql)[\]-]")


@dataclass
class Provisioned:
    """The PostgreSQL database of this test process, and what is missing on the machine."""

    url: str | None = None
    created: bool = False
    missing: list[str] = field(default_factory=list)


def _normalise(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return f"{DRIVER}://" + url[len(prefix) :]
    return url


def _server_url() -> str:
    """The URL of a database to connect to for CREATE DATABASE, from what the user gave."""
    given = _normalise(os.environ.get("DATABASE_URL", "").strip())
    if given.startswith("postgresql"):
        return str(make_url(given).set(database="postgres"))
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER") or getpass.getuser()
    return f"{DRIVER}://{user}@{host}:{port}/postgres"


def _admin_engine(url: str):
    return create_engine(
        url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}, poolclass=NullPool
    )


def _exists(conn, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    return found.first() is not None


def provide_postgres(worker: str | None) -> Provisioned:
    """Find or create this process's PostgreSQL test database; never raises for a missing server."""
    given = _normalise(os.environ.get("TEST_DATABASE_URL", "").strip())
    if given:
        target = make_url(given)
        server = str(target.set(database="postgres"))
    else:
        server = _server_url()
        target = make_url(server).set(database=f"shop_test_{secrets.token_hex(4)}")
    if worker:
        target = target.set(database=f"{target.database}_{worker}")
    engine = _admin_engine(server)
    try:
        with engine.connect() as conn:
            created = not _exists(conn, target.database)
            if created:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    except SQLAlchemyError as exc:
        reason = str(exc.orig if getattr(exc, "orig", None) else exc).strip().splitlines()[0]
        return Provisioned(
            missing=[
                f"PostgreSQL: no server answered at {make_url(server).host}:"
                f"{make_url(server).port or 5432} ({reason}); the PostgreSQL copy of every test "
                "was skipped. Bring it in: apt-get install -y postgresql (then run `make test` "
                "again), or set TEST_DATABASE_URL=postgresql://user@host/db"
            ]
        )
    finally:
        engine.dispose()
    return Provisioned(url=target.render_as_string(hide_password=False), created=created)


def drop_database(url: str) -> None:
    target = make_url(url)
    engine = _admin_engine(str(target.set(database="postgres")))
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    finally:
        engine.dispose()


def summary_lines(reports, postgres: Provisioned) -> list[str]:
    """The end-of-run summary: databases covered, browser journeys run, skips by reason.

    ``reports`` are pytest's test reports (passed, failed and skipped) of the whole run.
    """
    backends: Counter[str] = Counter()
    skips: Counter[str] = Counter()
    browser = 0
    for report in reports:
        if report.skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            skips[str(reason).removeprefix("Skipped: ")] += 1
        elif report.when == "call":
            if match := BACKEND_IN_ID.search(report.nodeid):
                backends[match.group(1)] += 1
            browser += report.nodeid.startswith("tests/browser/")
    covered = [
        f"{name} ({backends[key]} tests)"
        for key, name in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL"))
        if backends[key]
    ]
    lines = [
        f"databases covered: {', '.join(covered) or 'none'}",
        f"browser journeys run in Chromium: {browser}",
    ]
    lines += [f"missing: {line}" for line in postgres.missing]
    if skips:
        lines.append(f"skipped: {sum(skips.values())}, by reason:")
        lines += [f"  {count} × {reason}" for reason, count in skips.most_common()]
    else:
        lines.append("skipped: nothing")
    return lines
