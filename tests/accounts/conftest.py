"""Account test fixtures: a mailbox, an app with rate limits on, a customer and a log-in helper."""

from __future__ import annotations

import pytest

from shop import create_app
from shop.extensions import db, limiter
from tests.factories import UserFactory

PASSWORD = "correct horse battery"
# The settings of the session's test app that a second app on the same database needs.
SHARED_SETTINGS = (
    "TESTING",
    "SQLALCHEMY_DATABASE_URI",
    "UPLOAD_DIR",
    "WTF_CSRF_ENABLED",
    "CACHE_TYPE",
    "MAIL_BACKEND",
    "SERVER_NAME",
)


@pytest.fixture
def mailbox(app):
    """The mails sent during the test (Flask-Mailman's in-memory backend), oldest first."""
    state = app.extensions["mailman"]
    assert state.backend == "locmem", "the test app must use MAIL_BACKEND=locmem"
    state.outbox = []
    yield state.outbox
    state.outbox = []


@pytest.fixture
def limited_client(app, session):
    """A client of a second app on the same database, with rate limits on and counting from 0.

    The session's app is built with RATELIMIT_ENABLED=False, and Flask-Limiter cannot be
    switched on after create_app (it installs its request hooks there), hence a second app.
    """
    enabled = limiter.enabled
    limited = create_app(
        {
            **{key: app.config[key] for key in SHARED_SETTINGS},
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    limited.test_client_class = app.test_client_class
    limiter.reset()
    yield limited.test_client()
    limiter.reset()
    limiter.enabled = enabled  # the limiter object is shared by both apps
    with limited.app_context():
        db.engine.dispose()


@pytest.fixture
def user(session):
    """Somchai, a customer who reads the shop in Thai."""
    somchai = UserFactory(
        email="somchai@example.org", name="สมชาย ใจดี", phone="0812345678", password=PASSWORD
    )
    session.commit()
    return somchai


@pytest.fixture
def login():
    """Log a test client in through the form (English pages); returns the response."""

    def log_in(client, email, password=PASSWORD, **extra):
        return client.post(
            "/account/login?lang=en", data={"email": email, "password": password, **extra}
        )

    return log_in
