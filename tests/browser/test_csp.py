"""Chromium enforces the Content-Security-Policy on every kind of page and finds nothing to
refuse: no inline script or style, nothing from another origin, every form posting to the shop.

A visitor browses, fills a cart, checks out and sends a transfer slip with the upload-progress
script; a cooperative owner and the platform admin open every page of their backends (taken
from the URL map, with real ids). Each page's console and its ``securitypolicyviolation``
events are read; any violation, script error or missing sub-resource fails the test.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.serving import make_server

from shop import create_app
from shop.accounts.models import CooperativeMembership, User
from shop.catalog.demo_data import ACCOUNTS
from shop.catalog.models import Cooperative, Product, ProductImage, ProductStatus
from shop.extensions import db
from shop.orders.models import Order, SellerOrder
from tests.accounts.conftest import SHARED_SETTINGS
from tests.payments.conftest import STRIPE_SECRET_KEY, WEBHOOK_SECRET
from tests.payments.stripe_stub import StripeStub
from tests.test_csrf import url_for_rule

pytestmark = pytest.mark.browser

OWNER = next(a for a in ACCOUNTS if a["email"] == "manager@baac-ranong.example.org")
ADMIN = next(a for a in ACCOUNTS if a["email"] == "admin@ranong-coffee.example.org")
PARTNER = next(a for a in ACCOUNTS if a["role"] == "partner")
ORDER_NUMBER = re.compile(r"RN-\d{4}-\d{4}")
BACKEND = ("seller", "platform", "payments")
# Record every violation from the first moment of each document (init scripts run before the
# page's own and are not subject to its policy).
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


class Watch:
    """Console errors and warnings, page errors and CSP violations of one browser context."""

    def __init__(self, context):
        self.messages: list[str] = []
        context.add_init_script(LISTEN)
        context.on("page", self._attach)

    def _attach(self, page) -> None:
        page.on("console", lambda m: self._console(page, m))
        page.on("pageerror", lambda e: self.messages.append(f"{page.url}: script error {e}"))

    def _console(self, page, message) -> None:
        if message.type not in ("error", "warning"):
            return
        if message.text.startswith("Failed to load resource") and (
            message.location.get("url") in (page.url, urljoin(page.url, "/favicon.ico"))
        ):
            # The page itself answering 403 or 404 (on purpose here), or Chromium looking for
            # an icon for a picture opened in its own tab (pages name theirs), is no fault.
            return
        self.messages.append(f"{page.url}: console {message.type}: {message.text}")

    def problems(self, page) -> list[str]:
        found = [f"{page.url}: {v}" for v in page.evaluate("window.__csp || []")]
        found += self.messages
        self.messages = []
        return found


@pytest.fixture
def browse(browser, live_server):
    """``browse()`` → (page, watch): a fresh visitor in a context with the watch attached."""
    contexts = []

    def open_context():
        context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        watch = Watch(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page, watch

    yield open_context
    for context in contexts:
        context.close()


def visit(page, watch, url: str) -> list[str]:
    response = page.goto(url)
    page.wait_for_load_state("load")
    problems = watch.problems(page)
    policy = response.headers.get("content-security-policy") or ""
    if "script-src 'self'" not in policy and "default-src 'none'" not in policy:
        problems.append(f"{page.url}: no Content-Security-Policy to enforce")
    return problems


def test_chromium_refuses_inline_script_on_the_shops_pages(page, live_server):
    """The control: the policy is there and enforced, and a refusal is seen by the watch."""
    watch = Watch(page.context)
    page.goto("/?lang=en")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in problem for problem in watch.problems(page))


def _product_of(app, cooperative_slug: str) -> str:
    with app.app_context():
        slug = db.session.scalars(
            select(Product.slug)
            .join(Product.cooperative)
            .join(Product.images)
            .where(Cooperative.slug == cooperative_slug, Product.status == ProductStatus.ACTIVE)
            .order_by(Product.id)
        ).first()
        db.session.remove()
    return slug


def _check_out(page, watch, slug: str, method: str) -> list[str]:
    """Add the product to the cart, look at the cart, fill the checkout and place the order."""
    page.goto(f"/products/{slug}?lang=en")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("status")).to_contain_text("Added to your cart")
    problems = watch.problems(page)
    problems += visit(page, watch, "/cart?lang=en")
    page.get_by_role("link", name="Go to checkout").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checkout")
    problems += watch.problems(page)
    label = lambda text: page.get_by_label(text, exact=True)  # noqa: E731
    label("Email for the order confirmation").fill("csp@example.org")
    label("Recipient's name").fill("Somchai Jaidee")
    label("Recipient's phone").fill("0812345678")
    label("House number, building, street").fill("99/1 Ruangrat Road")
    label("Subdistrict (tambon / khwaeng)").fill("Khao Niwet")
    label("District (amphoe / khet)").fill("Mueang Ranong")
    label("Province").select_option(label="Ranong")
    label("Postcode").fill("85000")
    page.get_by_role("radio", name=re.compile(re.escape(method))).check()
    page.get_by_role("button", name="Place order").click()
    return problems


def _log_in(page, account: dict) -> None:
    page.goto("/account/login?lang=en")
    page.get_by_label("Email", exact=True).fill(account["email"])
    page.get_by_label("Password", exact=True).fill(account["password"])
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/account/login"))


def _backend_urls(app, email: str, blueprints: tuple[str, ...], values: dict) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.partition(".")[0] not in blueprints or "GET" not in rule.methods:
            continue
        if rule.rule.endswith(".csv"):
            continue  # downloads, not pages
        urls.append(url_for_rule(rule, values) + "?lang=en")
    return sorted(urls)


def _ids(app, owner_email: str, number: str) -> dict[str, str]:
    with app.app_context():
        owner = db.session.scalar(select(User).where(User.email == owner_email))
        membership = db.session.scalars(
            select(CooperativeMembership).where(CooperativeMembership.user_id == owner.id)
        ).first()
        coop_id = membership.cooperative_id
        product = db.session.scalars(
            select(Product).where(Product.cooperative_id == coop_id).order_by(Product.id)
        ).first()
        seller_order = db.session.scalars(
            select(SellerOrder)
            .join(SellerOrder.order)
            .where(Order.number == number, SellerOrder.cooperative_id == coop_id)
        ).one()
        image = db.session.scalars(
            select(ProductImage).where(ProductImage.product_id == product.id)
        ).first()
        payment = seller_order.order.payments[0]
        values = {
            "product_id": str(product.id),
            "variant_id": str(product.variants[0].id),
            "image_id": str(image.id) if image else "1",
            "seller_order_id": str(seller_order.id),
            "membership_id": str(membership.id),
            "cooperative_id": str(coop_id),
            "payment_id": str(payment.id),
        }
        db.session.remove()
    return values


def test_no_page_of_any_kind_breaks_the_content_security_policy(app, browse, tmp_path: Path):
    problems: list[str] = []
    page, watch = browse()

    # The storefront, in each language, with the product page's JSON-LD and pictures.
    slug = _product_of(app, OWNER["cooperative"])
    for lang in ("th", "en", "my"):
        for url in ("/", "/products", f"/products/{slug}", "/cooperatives"):
            problems += visit(page, watch, f"{url}?lang={lang}")
    problems += visit(page, watch, f"/cooperatives/{OWNER['cooperative']}?lang=en")
    problems += visit(page, watch, "/products?q=robusta&sort=price&lang=en")
    problems += visit(page, watch, "/no-such-page?lang=my")
    for url in ("/account/login", "/account/register", "/account/reset", "/orders/find"):
        problems += visit(page, watch, f"{url}?lang=en")

    # Cart, checkout and the order page: every form posts to the shop.
    problems += _check_out(page, watch, slug, "Bank transfer or PromptPay QR")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(ORDER_NUMBER)
    number = ORDER_NUMBER.search(heading.inner_text()).group()
    expect(page.get_by_role("img", name=re.compile("PromptPay"))).to_be_visible()
    problems += watch.problems(page)

    # The slip goes up through static/js/upload-progress.js (XMLHttpRequest, then the answer).
    slip = tmp_path / "slip.png"
    Image.new("RGB", (600, 900), "#f4f1ea").save(slip)
    page.get_by_label("Photo or screenshot of the transfer slip").set_input_files(slip)
    page.get_by_role("button", name=re.compile("Send the slip")).click()
    expect(page.get_by_text("We received your slip")).to_be_visible()
    problems += watch.problems(page)

    # The owner's backend, the admin's and a partner shop's, every GET page from the URL map.
    values = _ids(app, OWNER["email"], number)
    walks = ((OWNER, ("accounts", "seller")), (ADMIN, BACKEND), (PARTNER, ("wholesale",)))
    for account, blueprints in walks:
        staff, staff_watch = browse()
        _log_in(staff, account)
        problems += staff_watch.problems(staff)
        problems += visit(staff, staff_watch, "/account?lang=en")
        urls = _backend_urls(app, account["email"], blueprints, values)
        assert urls
        for url in urls:
            problems += visit(staff, staff_watch, url)

    assert problems == []


@pytest.fixture
def stripe_shop(app, live_server):
    """The demo shop with Stripe switched on, talking to a local stand-in for Stripe (which
    also serves the hosted checkout page), served on its own port; yields (base URL, stub)."""
    stub = StripeStub().start()
    shop = create_app(
        {
            **{key: app.config[key] for key in SHARED_SETTINGS},
            "RATELIMIT_ENABLED": False,  # the limiter object is shared by every app
            "STRIPE_SECRET_KEY": STRIPE_SECRET_KEY,
            "STRIPE_API_BASE": stub.url,
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        }
    )
    server = make_server("127.0.0.1", 0, shop, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", stub
    server.shutdown()
    thread.join(timeout=10)
    stub.stop()
    with shop.app_context():
        db.engine.dispose()


def test_paying_by_card_follows_the_redirect_to_the_hosted_checkout(app, browser, stripe_shop):
    """The checkout posts to the shop, which answers with a redirect to Stripe's page:
    Chromium applies form-action to that redirect, so the policy must name Stripe."""
    base, stub = stripe_shop
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        problems = _check_out(
            page, watch, _product_of(app, OWNER["cooperative"]), "Card or PromptPay (Stripe)"
        )
        expect(page).to_have_url(re.compile("^" + re.escape(stub.url) + "/pay/cs_test_"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Pay")
        problems += watch.problems(page)
    finally:
        context.close()
    assert problems == []
