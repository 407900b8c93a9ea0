"""A second shop on the test database with its own mail server (refusing, dripping, a real one)
or broker: what another process of the same install would be; and a table's rows as they are
now, written by such a shop, a sender thread or a worker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask
from sqlalchemy import select

from shop import create_app
from shop.extensions import db
from tests.faults.conftest import free_port


@contextmanager
def shop_mailing_to(app: Flask, tmp_path: Path, mail_port: int, **config) -> Iterator[Flask]:
    """A shop on ``app``'s database whose mail goes over SMTP to 127.0.0.1:``mail_port``,
    ``config`` on top (MAIL_TIMEOUT, CELERY_BROKER_URL...); its connections closed after."""
    shop = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "UPLOAD_DIR": str(tmp_path),
            "RATELIMIT_ENABLED": False,
            "CACHE_TYPE": "NullCache",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": mail_port,
            "MAIL_USE_TLS": False,
            **config,
        }
    )
    try:
        yield shop
    finally:
        with shop.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def refusing_mail_server_app(app, session, tmp_path):
    """The shop on the test database with a mail server that refuses connections."""
    session.commit()
    with shop_mailing_to(app, tmp_path, free_port(), MAIL_TIMEOUT=2) as shop:  # nothing listens
        yield shop


def table_rows(model) -> list[SimpleNamespace]:
    """``model``'s rows as they are now, by id, read in a transaction ended at once (on SQLite
    an open one would hold the write lock a sender or worker needs)."""
    db.session.expire_all()
    rows = [
        SimpleNamespace(**{c.key: getattr(row, c.key) for c in model.__table__.columns})
        for row in db.session.scalars(select(model).order_by(model.id))
    ]
    db.session.commit()
    return rows
