"""Test fixtures: an app per database backend, a clean database per test, clients and factories.

Every test runs on SQLite and again on PostgreSQL: TEST_DATABASE_URL's database, or a throw-away
one the run creates on the local server and drops (tests/provision.py). The run ends with a
summary of what was covered and what was skipped, and why.
With SHOP_STRICT_TESTS=1 (CI) a skipped test counts as a failure: nothing may be skipped for a
missing database or browser.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, event, text

from shop import create_app
from shop.extensions import db
from tests import provision

STRICT = os.environ.get("SHOP_STRICT_TESTS") == "1"
BACKENDS = ["sqlite", "postgresql"]
POSTGRES = provision.Provisioned()


def pytest_configure(config):
    """Find or create this process's PostgreSQL test database (see tests/provision.py)."""
    global POSTGRES
    worker = getattr(config, "workerinput", {}).get("workerid")
    POSTGRES = provision.provide_postgres(worker)
    if POSTGRES.url:
        os.environ["TEST_DATABASE_URL"] = POSTGRES.url


def pytest_unconfigure(config):
    if POSTGRES.created and POSTGRES.url:
        provision.drop_database(POSTGRES.url)


def pytest_terminal_summary(terminalreporter):
    reports = [
        r for key in ("passed", "failed", "skipped") for r in terminalreporter.getreports(key)
    ]
    terminalreporter.section("what this run covered")
    for line in provision.summary_lines(reports, POSTGRES):
        terminalreporter.write_line(line)


def pytest_runtest_makereport(item, call):
    """In strict mode, turn every skip into a failure."""
    if not STRICT or call.excinfo is None or call.excinfo.typename != "Skipped":
        return None
    from _pytest.reports import TestReport

    report = TestReport.from_item_and_call(item, call)
    report.outcome = "failed"
    report.longrepr = f"skipped under SHOP_STRICT_TESTS=1: {call.excinfo.value}"
    return report


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url or None


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class ShopClient(FlaskClient):
    """A test client whose every request starts with a fresh ``g``, as on a real server.

    Tests keep an app context open (for factories and the session); Flask reuses it for the
    requests they make, which would otherwise carry what extensions cache in ``g`` (the
    language, the logged-in user, the CSRF token) from one request to the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in list(g):
                g.pop(name)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    url = _postgres_url()
    if url is None:
        pytest.skip('no PostgreSQL server for the tests (see "missing" in the summary)')
    _reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
            "WTF_CSRF_ENABLED": False,
            "CACHE_TYPE": "NullCache",
            "CATALOGUE_VERSION_TTL": 0,
            "RATELIMIT_ENABLED": False,
            "MAIL_BACKEND": "locmem",
            "SERVER_NAME": None,
            "SHOP_BASE_URL": "http://localhost",
        }
    )
    app.test_client_class = ShopClient
    with app.app_context():
        upgrade()  # the committed migrations build the test schema too
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=False)
def app_ctx(app):
    with app.app_context():
        yield app


def _truncate_all(app) -> None:
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for name in tables:
                    conn.execute(text(f'DELETE FROM "{name}"'))


@pytest.fixture
def clean_db(app):
    """A database with no rows, emptied again after the test."""
    _truncate_all(app)
    yield
    _truncate_all(app)


@pytest.fixture
def session(app, clean_db):
    """An app context with an empty database; yields the SQLAlchemy session."""
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def client(app, session):
    return app.test_client()


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Context manager counting the SQL statements executed inside it."""

    @contextmanager
    def counting():
        counter = QueryCounter()

        def before(conn, cursor, statement, *args):
            if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
                counter.statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting


@pytest.fixture
def mailbox(app):
    """The mails sent during the test (Flask-Mailman's in-memory backend), oldest first."""
    state = app.extensions["mailman"]
    state.outbox = []
    yield state.outbox
    state.outbox = []
