"""A new staff member sells a coffee from invitation to shipment, in real Chromium (Thai UI).

The owner invites a staff member, who joins, lists a product in Thai, English and Burmese with a
pack, a picture and stock, and publishes it; a buyer orders it by bank transfer, the admin
confirms the transfer, the staff member packs and ships it, and the buyer sees the tracking number.

Labels and button names come from the app's own message catalogue (as in test_buying.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from flask_babel import gettext
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.demo_data import ACCOUNTS
from shop.extensions import db
from shop.orders.models import Order

pytestmark = pytest.mark.browser

ORDER_NUMBER = re.compile(r"RN-\d{4}-\d{4}")
INVITATION_LINK = re.compile(r"https?://\S+/invitation/[A-Za-z0-9_-]+")

OWNER = next(a for a in ACCOUNTS if a["email"] == "manager@baac-ranong.example.org")
ADMIN = next(a for a in ACCOUNTS if a["email"] == "admin@ranong-coffee.example.org")
STAFF_EMAIL = "nok.staff@baac-ranong.example.org"
STAFF_PASSWORD = "kafae-ranong-2026"

NAME_TH = "กาแฟทดสอบเบราว์เซอร์"
NAME_EN = "Browser test coffee"
NAME_MY = "စမ်းသပ်ကော်ဖီ"
SKU = "BROWSER-TEST-250G"
CARRIER = "Thailand Post"
TRACKING = "EF123456789TH"


@pytest.fixture
def th(app):
    """``th(message, **values)``: the message as the shop shows it in Thai."""

    def translate(message: str, **values) -> str:
        with app.test_request_context("/?lang=th"):
            return gettext(message, **values)

    return translate


def _new_page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _log_in(page, th, email: str, password: str) -> None:
    page.goto("/account/login?lang=th")
    page.get_by_label(th("Email"), exact=True).fill(email)
    page.get_by_label(th("Password"), exact=True).fill(password)
    page.get_by_role("button", name=th("Log in"), exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/account/login"))


def _flash(page, text: str):
    return expect(page.get_by_text(text, exact=False).first).to_be_visible()


def test_new_staff_member_lists_a_coffee_and_ships_an_order(
    page, browser, live_server, app, mailbox, axe, th, tmp_path
):
    label = lambda p, text: p.get_by_label(th(text), exact=True)  # noqa: E731
    contexts = []

    def fresh_page():
        context, new = _new_page(browser, live_server)
        contexts.append(context)
        return new

    try:
        # (1) The owner invites a staff member.
        _log_in(page, th, OWNER["email"], OWNER["password"])
        page.goto("/seller/staff")
        label(page, "Email").fill(STAFF_EMAIL)
        page.get_by_role("button", name=th("Send the invitation")).click()
        _flash(page, th("We sent an invitation to %(email)s.", email=STAFF_EMAIL))
        mails = [m for m in mailbox if STAFF_EMAIL in m.to]
        assert len(mails) == 1
        link = INVITATION_LINK.search(mails[0].body).group()
        invitation_path = urlsplit(link).path

        # (2) The invitee joins in a browser of their own and lands in the seller backend.
        seller = fresh_page()
        seller.goto(invitation_path + "?lang=th")
        label(seller, "Your name").fill("นก ใจดี")
        label(seller, "Phone").fill("0812345679")
        label(seller, "Password").fill(STAFF_PASSWORD)
        label(seller, "Repeat the password").fill(STAFF_PASSWORD)
        seller.get_by_role("button", name=th("Join the staff")).click()
        expect(seller).to_have_url(re.compile(r"/seller$"))
        seller_nav = seller.get_by_role("navigation", name=th("Seller backend"))
        expect(seller_nav.get_by_role("link", name=th("Products"), exact=True)).to_be_visible()
        expect(seller_nav.get_by_role("link", name=th("Staff"), exact=True)).to_have_count(0)
        assert axe(seller) == []

        # (3) A new product in three languages, with a pack, a picture and stock, published.
        seller.goto("/seller/products/new")
        label(seller, "Name in Thai").fill(NAME_TH)
        label(seller, "Name in English").fill(NAME_EN)
        label(seller, "Name in Burmese").fill(NAME_MY)
        label(seller, "Description in Thai").fill("กาแฟโรบัสต้าจากระนอง คั่วกลาง")
        label(seller, "Description in English").fill("Medium roast Robusta from Ranong.")
        label(seller, "Description in Burmese").fill("ရနောင်းမှ ရိုဘတ်စတာ ကော်ဖီ")
        assert axe(seller) == []
        seller.get_by_role("button", name=th("Save as a draft")).click()
        expect(seller.get_by_role("heading", level=1)).to_have_text(th("Add a pack"))

        label(seller, "SKU").fill(SKU)
        label(seller, "Pack name in Thai").fill("ถุง 250 กรัม")
        label(seller, "Pack name in English").fill("250 g bag")
        label(seller, "Pack name in Burmese").fill("၂၅၀ ဂရမ် အိတ်")
        label(seller, "Retail price (baht, VAT included)").fill("189")
        label(seller, "Shipping weight (g)").fill("300")
        seller.get_by_role("button", name=th("Save the pack")).click()
        _flash(seller, th("The pack is added."))
        packs = seller.locator("#packs")
        expect(packs).to_contain_text(SKU)
        product_path = urlsplit(seller.url).path

        picture = tmp_path / "coffee.png"
        Image.new("RGB", (900, 700), (111, 78, 55)).save(picture)
        label(seller, "Add pictures").set_input_files(picture)
        seller.get_by_role("button", name=th("Upload")).click()
        _flash(seller, th("The pictures are added."))
        expect(
            seller.get_by_role("img", name=th("Picture %(n)s of %(total)s", n=1, total=1))
        ).to_be_visible()
        assert axe(seller) == []

        seller.goto("/seller/stock")
        row = seller.get_by_role("row").filter(has_text=SKU)
        row.get_by_role("link", name=th("Receive")).click()
        label(seller, "Units received").fill("12")
        label(seller, "Note").fill("ล็อตคั่วทดสอบ")
        seller.get_by_role("button", name=th("Add to stock")).click()
        _flash(seller, th("Received %(n)d units of %(sku)s.", n=12, sku=SKU))

        seller.goto(product_path)
        seller.get_by_role("button", name=th("Publish"), exact=True).click()
        _flash(seller, th("The product is published in the shop."))
        expect(seller.get_by_role("link", name=th("See it in the shop"))).to_be_visible()

        seller.goto("/products?q=กาแฟทดสอบ&lang=th")
        found = seller.get_by_role("link", name=NAME_TH, exact=True).first
        expect(found).to_be_visible()
        slug_path = urlsplit(found.get_attribute("href")).path
        seller.goto(slug_path + "?lang=my")
        expect(seller.locator("html")).to_have_attribute("lang", "my")
        expect(seller.get_by_role("heading", level=1)).to_contain_text(NAME_MY)
        photo = seller.locator("figure#picture-1 img")
        expect(photo).to_be_visible()
        assert photo.evaluate("img => img.complete && img.naturalWidth > 0")

        # (4) A buyer orders it by bank transfer and sends a slip; the admin confirms it.
        buyer = fresh_page()
        buyer.goto(slug_path + "?lang=th")
        buyer.get_by_role("spinbutton", name=th("Quantity")).fill("2")
        buyer.get_by_role("button", name=th("Add to cart")).click()
        expect(buyer.get_by_role("status")).to_contain_text(
            th("Added to your cart: %(name)s × %(quantity)s", name=NAME_TH, quantity=2)
        )
        buyer.goto("/checkout?lang=th")
        expect(buyer.get_by_role("heading", level=1)).to_have_text(th("Checkout"))
        label(buyer, "Email for the order confirmation").fill("buyer.journey@example.org")
        label(buyer, "Recipient's name").fill("มาลี ศรีสุข")
        label(buyer, "Recipient's phone").fill("0898765432")
        label(buyer, "House number, building, street").fill("12 ถนนท่าเมือง")
        label(buyer, "Subdistrict (tambon / khwaeng)").fill("บางริ้น")
        label(buyer, "District (amphoe / khet)").fill("เมืองระนอง")
        label(buyer, "Province").select_option(label="ระนอง")
        label(buyer, "Postcode").fill("85000")
        transfer = buyer.get_by_role(
            "radio", name=re.compile(re.escape(th("Bank transfer or PromptPay QR")))
        )
        transfer.check()
        buyer.get_by_role("button", name=th("Place order")).click()
        heading = buyer.get_by_role("heading", level=1)
        expect(heading).to_have_text(ORDER_NUMBER)
        number = ORDER_NUMBER.search(heading.inner_text()).group()
        order_path = urlsplit(buyer.url).path

        slip = tmp_path / "slip.png"
        Image.new("RGB", (600, 900), (240, 240, 240)).save(slip)
        buyer.get_by_label(th("Photo or screenshot of the transfer slip")).set_input_files(slip)
        buyer.get_by_role("button", name=th("Send the slip")).click()
        received = th(
            "We received your slip on %(date)s and will confirm the payment soon.", date="\0"
        ).split("\0")[0]
        expect(buyer.get_by_text(received).first).to_be_visible()

        admin = fresh_page()
        _log_in(admin, th, ADMIN["email"], ADMIN["password"])
        admin.goto("/admin/payments?lang=th")
        admin.get_by_role("button", name=f"{th('Money received: confirm')} ({number})").click()
        _flash(admin, th("Order %(number)s is paid.", number=number))

        # (5) The staff member packs and ships the order.
        seller.goto(f"/seller/orders?q={number}&lang=th")
        seller.get_by_role("link", name=number, exact=True).click()
        expect(seller.get_by_role("heading", level=1)).to_have_text(
            th("Order %(number)s", number=number)
        )
        expect(seller.get_by_role("cell", name=SKU)).to_be_visible()
        assert axe(seller) == []
        seller.get_by_role("button", name=th("Start packing")).click()
        _flash(seller, th("Order %(number)s is being packed.", number=number))
        label(seller, "Carrier").fill(CARRIER)
        label(seller, "Tracking number").fill(TRACKING)
        seller.get_by_role("button", name=th("Mark as shipped")).click()
        _flash(seller, th("Order %(number)s is shipped; the buyer was mailed.", number=number))
        tracking = th("Tracking: %(carrier)s %(number)s", carrier=CARRIER, number=TRACKING)
        expect(seller.get_by_text(tracking)).to_be_visible()
        assert axe(seller) == []

        # (6) The buyer's order page shows the tracking number.
        buyer.goto(order_path + "?lang=th")
        expect(buyer.get_by_text(tracking, exact=False).first).to_be_visible()
        expect(buyer.get_by_text(TRACKING, exact=False).first).to_be_visible()

        with app.app_context():
            order = db.session.scalar(select(Order).where(Order.number == number))
            assert order.email == "buyer.journey@example.org"
            db.session.remove()
    finally:
        for context in contexts:
            context.close()
