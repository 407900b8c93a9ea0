"""Browser fixtures: the demo shop served on 127.0.0.1 by a real server, driven in Chromium."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from werkzeug.serving import make_server

from shop.catalog.demo import load_demo_data
from shop.extensions import db
from tests.conftest import _truncate_all

PHONE = {"width": 390, "height": 844}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="module")
def live_server(app):
    """The app with the demo data, served by Werkzeug in a thread; yields its base URL."""
    _truncate_all(app)
    with app.app_context():
        load_demo_data()
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    _truncate_all(app)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-core)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe():
    """Run axe-core on the page; returns violations of impact serious or critical."""
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (npm ci)")

    source = AXE_JS.read_text("utf-8")

    def check(page) -> list[dict]:
        # Evaluated by the browser's debugging protocol, which the page's Content-Security-Policy
        # does not govern: an injected <script> element would be refused by script-src 'self'.
        page.evaluate(source)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
        )
        return [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return check


@pytest.fixture
def say(app):
    """``say(lang, message, **values)``: the message as the shop shows it in ``lang``."""

    def translate(lang: str, message: str, **values) -> str:
        with app.test_request_context(), force_locale(lang):
            return gettext(message, **values)

    return translate


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SHOP_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return take


def phone_page(browser, live_server, page):
    """A phone-sized page of the same browser session as ``page`` (close its context)."""
    context = browser.new_context(
        base_url=live_server, viewport=PHONE, storage_state=page.context.storage_state()
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    return context, phone
