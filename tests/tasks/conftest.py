"""A real Celery worker process on the machine's Redis, and a mail server that keeps what it
receives, for the task tests.

Redis database 12 serves the SQLite run and 13 the PostgreSQL run (flushed before and after),
so the two never share a queue. The worker is ``celery -A shop.core.worker worker --pool=solo``
started with the environment a production worker would have (DATABASE_URL, CELERY_BROKER_URL,
MAIL_SERVER...), on the test database: it runs one task at a time, oldest first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller

from tests.cart.conftest import coffee_shop  # noqa: F401 - the order test's shop
from tests.core.conftest import refusing_mail_server_app, shop_mailing_to  # noqa: F401
from tests.faults.conftest import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("TASKS_REDIS", "redis://127.0.0.1:6379")
REDIS_DB = {"sqlite": 12, "postgresql": 13}
WORKER_READY_S = 90  # importing the shop on a busy 2-core machine
WAIT_S = 30  # a task's bound; on a quiet machine it takes milliseconds


class Inbox:
    """aiosmtpd handler keeping who each received mail was for."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"

    def recipients(self) -> list[str]:
        return [to for message in self.messages for to in message.rcpt_tos]


@pytest.fixture(scope="session")
def mail_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def inbox(mail_server):
    _controller, inbox = mail_server
    inbox.messages.clear()
    yield inbox
    inbox.messages.clear()


def _backend(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


@pytest.fixture(scope="session")
def broker_url(database_url):
    """The Redis database of this run's queue, emptied before and after."""
    url = f"{REDIS}/{REDIS_DB[_backend(database_url)]}"
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.skip(f"no Redis at {REDIS} for the task tests ({exc})")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture(scope="session")
def worker(app, database_url, broker_url, mail_server, tmp_path_factory):
    """A Celery worker process on the test database, mailing through ``mail_server``."""
    controller, _inbox = mail_server
    home = tmp_path_factory.mktemp("worker")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REDIS_", "MAIL_", "CELERY_", "STRIPE_", "DATABASE_"))
    }
    env.update(
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(controller.port),
        MAIL_USE_TLS="0",
        MAIL_TIMEOUT="5",
        SHOP_INSTANCE_PATH=str(home),
        UPLOAD_DIR=str(home / "uploads"),
        SHOP_BASE_URL="http://localhost",
    )
    log = home / "worker.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "shop.core.worker",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"shop-test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(
            lambda: process.poll() is not None or "ready." in log.read_text(),
            WORKER_READY_S,
            "the Celery worker to start",
        )
        if process.poll() is not None:
            pytest.fail(f"the Celery worker stopped:\n{log.read_text()[-3000:]}")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _shop(app, tmp_path: Path, broker: str, mail_server):
    return shop_mailing_to(
        app,
        tmp_path,
        mail_server[0].port,
        CELERY_BROKER_URL=broker,
        SHOP_BASE_URL="http://localhost",
    )


@pytest.fixture
def queue_app(app, session, worker, broker_url, mail_server, tmp_path):
    """The shop on the test database with the worker's broker: its work goes to the worker."""
    session.commit()
    with _shop(app, tmp_path, broker_url, mail_server) as shop:
        yield shop


@pytest.fixture
def redis_down_app(app, session, broker_url, mail_server, tmp_path):
    """The shop with a broker address where no Redis answers (Redis is down)."""
    session.commit()
    down = broker_url.replace(":6379/", f":{free_port()}/")
    with _shop(app, tmp_path, down, mail_server) as shop:
        yield shop
