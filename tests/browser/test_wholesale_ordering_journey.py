"""A Kawthaung partner buys wholesale in Burmese, from the demo shop: the owner invites a buyer;
the buyer orders twenty cartons of แร่นองกาแฟ 3in1 at the volume price from the quick-order
grid with the shop's purchase-order number; over the credit limit, the order waits for the
office, which approves it (in Thai); the cooperative confirms one carton fewer with a reason
(in Thai); the partner sends a slip for part of the invoice; the office accepts it; the
statement shows the balance and ageing; and the buyer reorders in one click.

Labels and buttons are found by the words the shop shows (the message catalogues), so the
journey holds before and after new strings are translated. Screenshots go to tmp_path, or to
$SHOP_SCREENSHOTS when set.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.demo_data import ACCOUNTS
from shop.core.days import today
from shop.core.money import format_money
from shop.extensions import db
from shop.orders.models import Approval, Order, SellerOrderStatus
from shop.wholesale.models import PartnerInvoice, PartnerShop
from tests.browser.conftest import phone_page

pytestmark = pytest.mark.browser

ADMIN = next(a for a in ACCOUNTS if a["role"] == "admin")
OWNER = next(a for a in ACCOUNTS if a["email"].startswith("aungkyawmoe"))
PACKER = next(a for a in ACCOUNTS if a["email"].startswith("packing@baac"))
BUYER_EMAIL = "mahnin@shwepyithar.example.org"
BUYER_PASSWORD = "hnin buys coffee 2026"
SKU = "RNC-3IN1-10"  # box of 10 sachets, cartons of 48; from 960 boxes ฿48 each


def log_in(page, email: str, password: str, lang: str, say) -> None:
    page.goto(f"/account/login?lang={lang}")
    page.get_by_label(say(lang, "Email"), exact=True).fill(email)
    page.get_by_label(say(lang, "Password"), exact=True).fill(password)
    page.get_by_role("button", name=say(lang, "Log in"), exact=True).click()


def slip_picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 900), (235, 240, 250)).save(out, "PNG")
    return out.getvalue()


def new_context(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_partner_orders_twenty_cartons_on_account_pays_part_and_reorders_in_burmese(
    page, browser, live_server, app, mailbox, axe, say, shots
):
    my = lambda message, **v: say("my", message, **v)  # noqa: E731
    th = lambda message, **v: say("th", message, **v)  # noqa: E731
    with app.app_context():  # a lower limit, so that this order waits for the office
        partner = db.session.scalars(
            select(PartnerShop).where(PartnerShop.slug == "shwe-pyi-thar-kawthaung")
        ).one()
        partner.credit_limit_satang = 5_000_000
        partner_name = partner.name
        db.session.commit()
        db.session.remove()

    # (1) The owner invites a buyer, in Burmese; the buyer joins from the mailed link.
    log_in(page, OWNER["email"], OWNER["password"], "my", say)
    page.goto("/wholesale/team?lang=my")
    page.get_by_label(my("Email"), exact=True).fill(BUYER_EMAIL)
    page.get_by_role("button", name=re.compile(re.escape(my("Send the invitation")))).click()
    [invitation] = [m for m in mailbox if m.to == [BUYER_EMAIL]]
    path = re.search(r"/wholesale/invitation/[A-Za-z0-9_-]+", invitation.body).group(0)
    buyer_context, buyer = new_context(browser, live_server)
    try:
        buyer.goto(path + "?lang=my")
        buyer.get_by_label(my("Your name"), exact=True).fill("မနှင်း")
        buyer.get_by_label(my("Phone"), exact=True).fill("09 977 123 456")
        buyer.get_by_label(my("Password"), exact=True).fill(BUYER_PASSWORD)
        buyer.get_by_label(my("Repeat the password"), exact=True).fill(BUYER_PASSWORD)
        buyer.get_by_role("button", name=my("Join the team")).click()
        expect(buyer.get_by_role("heading", level=1)).to_have_text(partner_name)

        # (2) Twenty cartons from the quick-order grid, in Burmese.
        buyer.goto("/wholesale?lang=my")
        expect(buyer.get_by_role("heading", level=1)).to_have_text(my("Quick order"))
        assert axe(buyer) == []
        row = buyer.locator("tr", has_text=SKU)
        row.get_by_role("textbox").fill("20")
        shots(buyer, "quick-order-my-desktop")
        buyer.get_by_role("button", name=my("Add to cart"), exact=True).click()
        expect(
            buyer.get_by_text(my("Volume price from %(count)s units.", count=960))
        ).to_be_visible()
        assert axe(buyer) == []
        shots(buyer, "cart-wholesale-my-desktop")
        context, phone = phone_page(browser, live_server, buyer)
        try:
            phone.goto("/wholesale?lang=my")
            shots(phone, "quick-order-my-phone")
        finally:
            context.close()

        # (3) Checkout on account with the shop's purchase-order number: over the limit.
        buyer.get_by_role("link", name=my("Go to checkout")).click()
        expect(buyer.get_by_role("heading", level=1)).to_have_text(my("Wholesale checkout"))
        buyer.get_by_label(re.compile("ကော့သောင်း ဆိပ်ကမ်း")).check()  # the method's Burmese name
        buyer.get_by_label(my("Your purchase-order number"), exact=True).fill("SPT-2026-051")
        assert axe(buyer) == []
        shots(buyer, "checkout-wholesale-my-desktop")
        buyer.get_by_role("button", name=my("Place order"), exact=True).click()
        expect(
            buyer.get_by_text(my("Waiting for the office's credit approval")).first
        ).to_be_visible()
        assert axe(buyer) == []
        shots(buyer, "order-waiting-my-desktop")
        number = re.search(r"RN-\d{4}-\d{4}", buyer.url).group(0)

        # (4) The office approves the credit, in Thai.
        office_context, office = new_context(browser, live_server)
        try:
            log_in(office, ADMIN["email"], ADMIN["password"], "th", say)
            office.goto("/admin/wholesale?lang=th")
            assert axe(office) == []
            office.get_by_role("button", name=f"{th('Approve')} {number}", exact=True).click()
            shots(office, "admin-wholesale-th-desktop")
        finally:
            office_context.close()
        with app.app_context():
            order = db.session.scalars(select(Order).where(Order.number == number)).one()
            assert order.approval == Approval.NONE
            assert order.po_number == "SPT-2026-051"
            assert [(ln.quantity, ln.unit_price_satang) for ln in order.lines] == [(960, 4_800)]
            seller_order_id = order.seller_orders[0].id
            delivery = (today() + timedelta(days=3)).isoformat()
            db.session.remove()

        # (5) The cooperative confirms one carton fewer, with a reason, and the delivery date.
        staff_context, staff = new_context(browser, live_server)
        try:
            log_in(staff, PACKER["email"], PACKER["password"], "th", say)
            staff.goto(f"/seller/orders/{seller_order_id}?lang=th")
            staff.locator("input[name^='quantity-']").fill("912")
            staff.locator("select[name^='reason-']").select_option("other")
            staff.locator("input[name^='note-']").fill("สต็อกพร้อมส่ง 19 ลัง")
            staff.get_by_label(th("Delivery date"), exact=True).fill(delivery)
            assert axe(staff) == []
            staff.get_by_role("button", name=th("Confirm and invoice")).click()
            expect(staff.get_by_text(th("Confirmed"), exact=True).first).to_be_visible()
            shots(staff, "seller-confirmed-th-desktop")
        finally:
            staff_context.close()
        with app.app_context():
            invoice = db.session.scalars(
                select(PartnerInvoice).where(PartnerInvoice.seller_order_id == seller_order_id)
            ).one()
            assert invoice.amount_satang == 912 * 4_800 + 19 * 2_500
            invoice_number = invoice.number
            db.session.remove()

        # (6) The buyer sees the lowered quantity and pays part of the invoice with a slip.
        buyer.goto(f"/wholesale/orders/{number}?lang=my")
        expect(buyer.get_by_text(re.compile("สต็อกพร้อมส่ง 19 ลัง"))).to_be_visible()
        buyer.goto("/wholesale/statement?lang=my")
        item = buyer.locator("li.invoice", has_text=invoice_number)
        item.get_by_label(my("Amount paid (baht)")).fill("20,000")
        item.get_by_label(my("Photo or screenshot of the transfer slip")).set_input_files(
            files=[{"name": "slip.png", "mimeType": "image/png", "buffer": slip_picture()}]
        )
        item.get_by_role("button", name=re.compile(my("Send the slip"))).click()
        expect(
            buyer.get_by_text(my("Thank you! The office checks your transfer and confirms it."))
        ).to_be_visible()

        office_context, office = new_context(browser, live_server)
        try:
            log_in(office, ADMIN["email"], ADMIN["password"], "th", say)
            office.goto("/admin/wholesale?lang=th")
            office.get_by_role("button", name=th("The money arrived: accept")).first.click()
            expect(office.get_by_text(th("The slip was accepted."))).to_be_visible()
        finally:
            office_context.close()

        # (7) The statement shows the balance and the ageing.
        buyer.goto("/wholesale/statement?lang=my")
        expect(buyer.get_by_role("heading", name=my("Ageing"))).to_be_visible()
        left = 912 * 4_800 + 19 * 2_500 - 2_000_000
        expect(buyer.locator("li.invoice", has_text=invoice_number)).to_contain_text(
            format_money(left, "my")
        )
        assert axe(buyer) == []
        shots(buyer, "statement-my-desktop")
        context, phone = phone_page(browser, live_server, buyer)
        try:
            phone.goto("/wholesale/statement?lang=my")
            shots(phone, "statement-my-phone")
        finally:
            context.close()

        # (8) Next month: reorder in one click, every difference shown first.
        buyer.goto(f"/wholesale/orders/{number}?lang=my")
        buyer.get_by_role("link", name=my("Order again")).click()
        assert axe(buyer) == []
        shots(buyer, "reorder-my-desktop")
        buyer.get_by_role("button", name=my("Add these packs to the cart")).click()
        expect(buyer.get_by_role("heading", level=1)).to_have_text(my("Your cart"))
    finally:
        buyer_context.close()
    with app.app_context():
        order = db.session.scalars(select(Order).where(Order.number == number)).one()
        assert order.seller_orders[0].status == SellerOrderStatus.CONFIRMED  # on terms: to pack
        db.session.remove()
