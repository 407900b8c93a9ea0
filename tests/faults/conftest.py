"""Fault injection: the shop served for real (gunicorn on a free port) with a dependency broken.

Each fault is real, not mocked: a Redis URL with nothing behind it, TCP servers that accept and
never answer (SMTP, the Stripe API), PostgreSQL on a closed port or behind a proxy the test cuts,
a worker killed by SIGKILL, an upload folder on a tiny tmpfs that is full or read-only (mounted in
a mount namespace of the server's own, since chmod does not stop root). Every server, proxy and
database a test starts is stopped or dropped by its fixture, so no broken service is left behind.

Databases: a SQLite file in the test's temporary folder, or a PostgreSQL database of the test's
own, created next to TEST_DATABASE_URL's (``shop_fault_<random>``) and dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import select
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, text
from sqlalchemy import select as sql_select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from shop import create_app
from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.extensions import db
from shop.inventory.models import StockMovement, StockReason
from shop.inventory.services import change_stock
from shop.pricing.models import ShippingMethod, ShippingRate
from tests.factories import CooperativeFactory, ProductFactory, UserFactory, VariantFactory

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "correct horse battery"
ADDRESS = {
    "name": "Malee Srisuk",
    "phone": "0812345678",
    "line1": "99/1 Ruangrat Road",
    "line2": "",
    "subdistrict": "Khao Niwet",
    "district": "Mueang Ranong",
    "province": "TH-85",
    "postcode": "85000",
}
STOCK = 500  # units of the one pack on sale


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> object:
    """Poll ``condition`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(0.05)


# --- network faults ----------------------------------------------------------------------------


class SilentServer:
    """A TCP server that accepts every connection and never sends a byte (a hung SMTP server or
    API). Connections stay open until ``stop()``."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="silent-server", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            ready, _, _ = select.select([self._listener], [], [], 0.1)
            if ready:
                conn, _ = self._listener.accept()
                self._held.append(conn)
                self.accepted += 1

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
        self._listener.close()


class DrippingServer:
    """A TCP server that answers every connection one byte every ``every`` seconds, for ever
    and never a whole line (an SMTP server too slow for any overall deadline, fast enough for
    any per-read timeout). Connections stay open until ``stop()``."""

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.accepted = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="dripping-server", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            ready, _, _ = select.select([self._listener], [], [], 0.1)
            if ready:
                conn, _ = self._listener.accept()
                self.accepted += 1
                threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            greeting = b"220 " + b"mail.example.org ESMTP " * 1000
            for byte in greeting:
                if self._stopping.wait(self.every):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:  # the client gave up
                    return

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._listener.close()


class TcpProxy:
    """A TCP proxy to ``upstream`` that the test controls: ``cut()`` closes every connection and
    refuses new ones (as a restarting server does), ``restore()`` accepts again on the same port.
    ``hold_responses`` connections get the upstream's answer withheld (Stripe did the work, the
    answer never arrives). ``stall()`` stops forwarding on every connection, open or new, while
    keeping them open: the kernel still acknowledges every packet, as with a hung proxy or
    pooler, so no TCP timeout of the client ever fires."""

    def __init__(self, upstream: tuple[str, int], hold_responses: int = 0) -> None:
        self.upstream = upstream
        self.hold_responses = hold_responses
        self.port = free_port()
        self.connections = 0
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()
        self._flowing = threading.Event()
        self._flowing.set()
        self.restore()

    def stall(self) -> None:
        self._flowing.clear()

    def resume(self) -> None:
        """Forward again after ``stall()`` (what was held flows on)."""
        self._flowing.set()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        deadline = time.monotonic() + 5
        while True:  # the old listener may take a moment to go (a thread polls it)
            try:
                listener.bind(("127.0.0.1", self.port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                ready, _, _ = select.select([listener], [], [], 0.1)
                if not ready:
                    continue
                client, _ = listener.accept()
            except (OSError, ValueError):  # the listener was closed by cut()
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            # Connected: wait for the upstream as long as it takes (a timeout here would end an
            # idle or stalled connection after 5 s, which no real proxy does).
            server.settimeout(None)
            with self._lock:
                self.connections += 1
                hold = self.connections <= self.hold_responses
                self._sockets += [client, server]
            for src, dst, withhold in ((client, server, False), (server, client, hold)):
                threading.Thread(target=self._pump, args=(src, dst, withhold), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, withhold: bool) -> None:
        try:
            while chunk := src.recv(65536):
                while not self._flowing.wait(timeout=0.1):  # stalled: hold the bytes
                    if self._stopping.is_set():
                        return
                if not withhold:
                    dst.sendall(chunk)
        except OSError:
            pass
        finally:
            # A withheld answer leaves the client waiting on an open connection, as a slow
            # server does, until the client gives up (or the proxy is cut).
            for s in (src,) if withhold else (src, dst):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Close the listening socket and every open connection, both ways."""
        if self._listener is not None:
            with suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # stops listening at once
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for s in sockets:
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def stop(self) -> None:
        self._stopping.set()
        self.cut()


# --- databases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """What the seeded shop sells, and who works there."""

    url: str
    cooperative_id: int
    product_id: int
    product_slug: str
    variant_id: int
    staff_email: str


def build_app(url: str, upload_dir: Path, **config) -> Flask:
    """The shop on ``url`` for arranging and checking, never serving (TESTING, no limits)."""
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "UPLOAD_DIR": str(upload_dir),
            "WTF_CSRF_ENABLED": False,
            "CACHE_TYPE": "NullCache",
            "RATELIMIT_ENABLED": False,
            "MAIL_BACKEND": "locmem",
            **config,
        }
    )


def seed(app: Flask) -> World:
    """Migrate the database and put one cooperative with one pack of coffee on sale."""
    with app.app_context():
        upgrade()
        world = seed_world()
        db.session.remove()
    return world


def seed_world() -> World:
    """One cooperative with one pack of coffee on sale (stock through the ledger), a shipping
    method and an owner, in the current app's database; committed."""
    coop = CooperativeFactory(name_en="Kra Buri Robusta Growers")
    product = ProductFactory(cooperative=coop, variants=0, name_en="Medium roast robusta")
    variant = VariantFactory(product=product, name_en="250 g bag", price_satang=18_000, stock=0)
    change_stock(variant.id, STOCK, StockReason.RECEIPT, note="harvest delivery")
    db.session.add(
        ShippingMethod(
            cooperative=coop,
            code="ems",
            name_th="EMS",
            name_en="EMS",
            name_my="EMS",
            free_over_satang=None,
            rates=[ShippingRate(max_weight_grams=100_000, price_satang=5_000)],
        )
    )
    staff = UserFactory(email="staff@kraburi.example.org", locale="en")
    db.session.add(CooperativeMembership(user=staff, cooperative=coop, role=MembershipRole.OWNER))
    db.session.commit()
    world = World(
        url=db.engine.url.render_as_string(hide_password=False),
        cooperative_id=coop.id,
        product_id=product.id,
        product_slug=product.slug,
        variant_id=variant.id,
        staff_email=staff.email,
    )
    return world


def _admin_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        pytest.skip("no PostgreSQL server for fault tests (TEST_DATABASE_URL)")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


@contextmanager
def postgres_database() -> Iterator[str]:
    """A PostgreSQL database of this test's own, next to TEST_DATABASE_URL's; dropped after."""
    base = make_url(_admin_url())
    name = f"shop_fault_{secrets.token_hex(4)}"
    admin = create_engine(
        base.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> Iterator[str]:
    """A fresh database URL of the test's own, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    else:
        with postgres_database() as url:
            yield url


@pytest.fixture
def sqlite_database(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'shop.sqlite3'}"


@pytest.fixture
def postgresql_database() -> Iterator[str]:
    with postgres_database() as url:
        yield url


@pytest.fixture
def shop_db(tmp_path) -> Iterator[Callable[[str], tuple[Flask, World]]]:
    """``shop_db(url)`` migrates and seeds the database; returns (an app on it, the World).
    The app's connections are closed at the end."""
    apps: list[Flask] = []

    def make(url: str, **config) -> tuple[Flask, World]:
        app = build_app(url, tmp_path / "uploads", **config)
        apps.append(app)
        return app, seed(app)

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# --- the shop served by gunicorn ---------------------------------------------------------------


class ShopServer:
    """gunicorn serving ``wsgi:app`` on a free 127.0.0.1 port, production settings, its output
    in ``log``. ``namespace_setup``: shell commands (mounts) run in a mount namespace of the
    server's own before gunicorn starts in it."""

    def __init__(
        self,
        database_url: str,
        instance: Path,
        env: dict[str, str] | None = None,
        workers: int = 1,
        namespace_setup: str | None = None,
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = instance / "gunicorn.log"
        instance.mkdir(parents=True, exist_ok=True)
        keep = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("REDIS_", "MAIL_", "STRIPE_", "CACHE_", "DATABASE_", "UPLOAD_"))
        }
        self.env = {
            **keep,
            "SHOP_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "RATELIMIT_ALLOW_MEMORY": "1",  # one process: its memory is the only counter
            "DATABASE_URL": database_url,
            "SHOP_INSTANCE_PATH": str(instance),
            "SHOP_BASE_URL": self.base,
            "SESSION_COOKIE_SECURE": "0",
            **(env or {}),
        }
        command = [
            str(BIN / "gunicorn"),
            "--workers", str(workers),
            "--bind", f"127.0.0.1:{self.port}",
            "--no-control-socket",
            "--timeout", "30",
            "--graceful-timeout", "5",
            "--log-level", "info",
            "wsgi:app",
        ]  # fmt: skip
        if namespace_setup:
            # Root ignores file modes: a read-only or full folder is made for real with a mount
            # that only this server sees (a user and mount namespace of its own).
            command = [
                "unshare", "--user", "--map-root-user", "--mount",
                "sh", "-c", f"{namespace_setup} && exec {shlex.join(command)}",
            ]  # fmt: skip
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        try:
            wait_for(self._answers, 30, f"gunicorn on {self.base}")
        except BaseException:
            self.stop()
            raise

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            pytest.fail(f"gunicorn exited with {self.proc.returncode}:\n{self.log}")
        try:
            requests.get(self.base + "/robots.txt", timeout=2)
        except requests.RequestException:
            return False
        return True

    @property
    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def workers(self) -> list[int]:
        """Process ids of the master's workers."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()


@pytest.fixture
def serve(tmp_path) -> Iterator[Callable[..., ShopServer]]:
    """``serve(database_url, env={...}, workers=1, namespace_setup=None)`` starts gunicorn; every
    server started is stopped after the test."""
    servers: list[ShopServer] = []

    def start(database_url: str, **kwargs) -> ShopServer:
        server = ShopServer(database_url, tmp_path / f"instance{len(servers)}", **kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.stop()


# --- a buyer and a seller with a browser's cookies -------------------------------------------


class HiddenFields(HTMLParser):
    """The hidden inputs of the form whose action ends with ``action`` (or of any form)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action.split("?")[0]
        self.fields: dict[str, str] = {}
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            target = (attrs.get("action") or "").split("?")[0]
            self._inside = not target or target.endswith(self.action)
        elif tag == "input" and self._inside and attrs.get("type") == "hidden":
            self.fields.setdefault(attrs.get("name", ""), attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


class Visitor:
    """Someone using the shop over HTTP with cookies, finding CSRF tokens in the pages."""

    def __init__(self, base: str, lang: str = "en") -> None:
        self.base = base
        self.http = requests.Session()
        self.http.cookies.set("lang", lang)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base + path, timeout=kwargs.pop("timeout", 20), **kwargs)

    def post(self, path: str, data: dict, *, form_page: str, **kwargs) -> requests.Response:
        """POST ``data`` with the hidden fields (CSRF token, …) of ``form_page``'s form that
        posts to ``path``, as a browser would; ``form_page`` is opened first."""
        page = self.get(form_page)
        hidden = HiddenFields(path)
        hidden.feed(page.text)
        assert "csrf_token" in hidden.fields, (
            f"no form for {path} on {form_page}: {page.status_code}"
        )
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 20)
        return self.http.post(self.base + path, data={**hidden.fields, **data}, **kwargs)

    def add_to_cart(self, world: World, quantity: int = 1) -> None:
        added = self.post(
            "/cart/add",
            {"variant_id": world.variant_id, "quantity": quantity},
            form_page=f"/products/{world.product_slug}",
        )
        assert added.status_code == 302, added.text

    def check_out(self, email: str, method: str = "transfer", **kwargs) -> requests.Response:
        """Place the cart's order; returns the answer to the checkout POST (not followed)."""
        return self.post(
            "/checkout",
            {**ADDRESS, "email": email, "payment_method": method},
            form_page="/checkout",
            **kwargs,
        )

    def log_in(self, email: str, password: str = PASSWORD) -> requests.Response:
        return self.post(
            "/account/login", {"email": email, "password": password}, form_page="/account/login"
        )


# --- what must hold in the database after any fault -------------------------------------------


def inconsistencies(app: Flask) -> list[str]:
    """Broken invariants: orders without lines or payment, stock taken without an order, stock
    not equal to its ledger, an order whose confirmation mail is not in the outbox."""
    from shop.core.models import MailOutbox
    from shop.orders.models import Order, OrderLine, SellerOrder
    from shop.payments.models import Payment

    problems = []
    with app.app_context():
        s = db.session
        for order in s.scalars(sql_select(Order)):
            lines = [line for so in order.seller_orders for line in so.lines]
            if not lines:
                problems.append(f"order {order.number} has no lines")
            if not order.payments:
                problems.append(f"order {order.number} has no payment")
            goods = sum(line.unit_price_satang * line.quantity for line in lines)
            if goods != order.goods_satang:
                problems.append(
                    f"order {order.number}: lines {goods} != goods {order.goods_satang}"
                )
            sold = -(
                s.scalar(
                    sql_select(func.sum(StockMovement.quantity)).where(
                        StockMovement.reason == StockReason.SALE,
                        StockMovement.reference == order.number,
                    )
                )
                or 0
            )
            if sold != sum(line.quantity for line in lines):
                problems.append(f"order {order.number}: {sold} units taken for its lines")
            mails = s.scalar(
                sql_select(func.count(MailOutbox.id)).where(
                    MailOutbox.recipient == order.email, MailOutbox.template == "order_placed"
                )
            )
            if mails < 1:
                problems.append(f"order {order.number} has no confirmation mail in the outbox")
        numbers = set(s.scalars(sql_select(Order.number)))
        for reference in s.scalars(
            sql_select(StockMovement.reference).where(StockMovement.reason == StockReason.SALE)
        ):
            if reference not in numbers:
                problems.append(f"stock taken for {reference}, which is no order")
        from shop.catalog.models import Variant

        for variant in s.scalars(sql_select(Variant)):
            ledger = s.scalar(
                sql_select(func.coalesce(func.sum(StockMovement.quantity), 0)).where(
                    StockMovement.variant_id == variant.id
                )
            )
            if variant.stock != ledger:
                problems.append(f"variant {variant.id}: stock {variant.stock} != ledger {ledger}")
        orphans = s.scalar(
            sql_select(func.count(Payment.id)).where(~Payment.order_id.in_(sql_select(Order.id)))
        )
        if orphans:
            problems.append(f"{orphans} payments without an order")
        empty = s.scalar(
            sql_select(func.count(SellerOrder.id)).where(
                ~SellerOrder.id.in_(sql_select(OrderLine.seller_order_id))
            )
        )
        if empty:
            problems.append(f"{empty} seller orders without lines")
        s.remove()
    return problems


def check_out_in_process(client, world: World, email: str, method: str) -> object:
    """Fill the cart and post the checkout form through a Flask test client (with the hidden
    fields the checkout page carries); returns the answer to the checkout POST."""
    return checkout_ready(client, world, email, method)()


def checkout_ready(client, world: World, email: str, method: str) -> Callable[[], object]:
    """Fill the cart and open the checkout page; returns the checkout POST, to be made (and
    timed) by the caller."""
    added = client.post("/cart/add", data={"variant_id": world.variant_id, "quantity": 2})
    assert added.status_code == 302, added.text
    form = {**ADDRESS, "email": email, "payment_method": method}
    page = client.get("/checkout", query_string={"lang": "en"})
    hidden = HiddenFields("/checkout")
    hidden.feed(page.get_data(as_text=True))
    return lambda: client.post("/checkout", data={**hidden.fields, **form})


@pytest.fixture
def world(session) -> World:
    """The seeded shop in the session app's (emptied) database."""
    return seed_world()
