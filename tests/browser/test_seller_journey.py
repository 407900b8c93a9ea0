"""A new staff member sells a coffee from invitation to shipment, in real Chromium (Thai UI).

The owner invites a staff member, who joins, lists a product in Thai, English and Burmese with a
pack, a picture and stock, and publishes it; a buyer orders it by bank transfer, the admin
confirms the transfer, the staff member packs and ships it, and the buyer sees the tracking number.
Then the owner exports the month's orders for the bookkeeper, and the admin reads the month's
settlement of the cooperative (and downloads it) and the programme report.

Labels and button names come from the app's own message catalogue (as in test_buying.py).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask_babel import gettext, ngettext
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import delete, select

from shop.catalog.demo_data import ACCOUNTS
from shop.catalog.models import Cooperative
from shop.core.dates import format_date
from shop.core.db import utcnow
from shop.core.money import format_money
from shop.extensions import db
from shop.orders.models import Order, OrderLine, PaymentMethod, SellerOrder, SellerOrderStatus
from shop.payments.models import Payment, PaymentStatus
from shop.platform import reports
from shop.platform.cooperatives import commission_percent
from shop.wholesale.models import PartnerInvoice, PartnerPayment
from tests.platform.builders import bangkok, place

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
# The buyer keeps the cheapest shipping, Flash Express: the ship form starts on that carrier.
CARRIER = "Flash Express"
TRACKING = "TH0147ABCD12A"

OWN_COOP = OWNER["cooperative"]
OTHER_COOP = "la-un-robusta"
LAST_MONTH_NUMBER = "RN-0000-0101"  # the owner's cooperative, paid last month
OTHER_COOP_NUMBER = "RN-0000-0102"  # another cooperative, paid this month
ORDERS_CSV_HEADER = [
    "order_number",
    "date",
    "status",
    "buyer",
    "buyer_email",
    "goods_baht",
    "shipping_baht",
    "commission_baht",
    "refunded_baht",
]
SETTLEMENT_CSV_HEADER = [
    "order_number",
    "paid_on",
    "status",
    "goods_baht",
    "shipping_baht",
    "refunds_baht",
    "commission_percent",
    "commission_baht",
    "net_due_baht",
]


@pytest.fixture
def th(app):
    """``th(message, **values)``: the message as the shop shows it in Thai."""

    def translate(message: str, **values) -> str:
        with app.test_request_context("/?lang=th"):
            return gettext(message, **values)

    return translate


@pytest.fixture
def in_thai(app):
    """``in_thai(function, *args)``: a formatter (ngettext, the shop's format_date) in Thai."""

    def run(function, *args, **values):
        with app.test_request_context("/?lang=th"):
            return function(*args, **values)

    return run


@dataclass(frozen=True)
class Month:
    first: date
    last: date


@pytest.fixture
def this_month(app) -> Month:
    """This calendar month in Thai time (the shop's business days)."""
    with app.app_context():
        today = reports.today()
    first = today.replace(day=1)
    return Month(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))


@pytest.fixture
def other_sales(app, live_server, this_month):
    """Sales before the journey: the owner's cooperative sold a bag last month, and another
    cooperative one this month (orders written as rows, as the report tests do)."""
    before = this_month.first - timedelta(days=1)
    with app.app_context():
        _without_wholesale_history()
        coop = {c.slug: c for c in db.session.scalars(select(Cooperative))}
        place(
            [(coop[OWN_COOP], 18_900, 4_000, coop[OWN_COOP].commission_bp)],
            paid_at=bangkok(before.year, before.month, before.day),
            status=SellerOrderStatus.DELIVERED,
            email="last.month@example.org",
            number=LAST_MONTH_NUMBER,
        )
        place(
            [(coop[OTHER_COOP], 25_000, 5_000, coop[OTHER_COOP].commission_bp)],
            paid_at=utcnow(),
            email="la-un.buyer@example.org",
            number=OTHER_COOP_NUMBER,
        )
        db.session.commit()
        db.session.remove()


def _slip_sent_before(app, number: str, digest: str) -> None:
    """Order ``number`` was paid by a transfer whose slip was a picture with SHA-256 ``digest``."""
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.number == number))
        db.session.add(
            Payment(
                order_id=order.id,
                method=PaymentMethod.TRANSFER,
                status=PaymentStatus.SUCCEEDED,
                amount_satang=order.total_satang,
                slip_sha256=digest,
                slip_uploaded_at=order.paid_at,
            )
        )
        db.session.commit()
        db.session.remove()


def _without_wholesale_history() -> None:
    """Remove the demo's past wholesale orders: this journey's figures count retail sales only,
    and those orders fall in this or last month depending on the day the tests run."""
    numbers = select(Order.id).where(Order.partner_shop_id.is_not(None))
    parts = select(SellerOrder.id).where(SellerOrder.order_id.in_(numbers))
    invoices = select(PartnerInvoice.id).where(PartnerInvoice.seller_order_id.in_(parts))
    db.session.execute(delete(PartnerPayment).where(PartnerPayment.invoice_id.in_(invoices)))
    db.session.execute(delete(PartnerInvoice).where(PartnerInvoice.id.in_(invoices)))
    db.session.execute(delete(OrderLine).where(OrderLine.seller_order_id.in_(parts)))
    db.session.execute(delete(SellerOrder).where(SellerOrder.id.in_(parts)))
    db.session.execute(delete(Order).where(Order.id.in_(numbers)))


def money(satang: int) -> str:
    return format_money(satang, "th")


def baht(satang: int) -> str:
    """As the CSV files write amounts: 37800 → "378.00"."""
    return f"{satang // 100}.{satang % 100:02d}"


def _csv_rows(download) -> list[list[str]]:
    """The rows of a downloaded CSV file, which must be UTF-8 with a byte order mark."""
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), raw[:20]
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


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


@dataclass(frozen=True)
class Sale:
    """The journey's order as the cooperative's books see it (read from the database)."""

    number: str
    placed_on: date
    paid_on: date
    buyer: str
    email: str
    goods: int
    shipping: int
    commission_bp: int
    commission: int

    @property
    def net(self) -> int:
        return self.goods + self.shipping - self.commission


def _sale_of(app, number: str) -> Sale:
    with app.app_context():
        tz = reports.shop_timezone()
        so = db.session.scalars(
            select(SellerOrder).join(SellerOrder.order).where(Order.number == number)
        ).one()
        sale = Sale(
            number=number,
            placed_on=so.order.created_at.astimezone(tz).date(),
            paid_on=so.order.paid_at.astimezone(tz).date(),
            buyer=so.order.ship_name,
            email=so.order.email,
            goods=so.goods_satang,
            shipping=so.shipping_satang,
            commission_bp=so.commission_bp,
            commission=so.commission_satang,
        )
        db.session.remove()
    return sale


def _cooperative_names(app) -> dict[str, str]:
    with app.app_context():
        names = {c.slug: c.name_th for c in db.session.scalars(select(Cooperative))}
        db.session.remove()
    return names


def _owner_exports_the_month(page, th, axe, month: Month, sale: Sale) -> None:
    """The owner filters the orders page to this month and downloads it as CSV."""
    page.goto("/seller?lang=th")
    seller_nav = page.get_by_role("navigation", name=th("Seller backend"))
    seller_nav.get_by_role("link", name=th("Orders"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(th("Orders"))
    orders = page.get_by_role("table")
    expect(orders.get_by_role("link", name=LAST_MONTH_NUMBER)).to_be_visible()

    filters = page.get_by_role("search")
    filters.get_by_label(th("From"), exact=True).fill(month.first.isoformat())
    filters.get_by_label(th("To"), exact=True).fill(month.last.isoformat())
    filters.get_by_role("button", name=th("Filter")).click()
    expect(page).to_have_url(re.compile(f"date_from={month.first.isoformat()}"))
    shipped = orders.get_by_role("row").filter(
        has=page.get_by_role("link", name=sale.number, exact=True)
    )
    expect(shipped).to_contain_text(th("Shipped"))
    expect(shipped).to_contain_text(money(sale.goods))
    expect(orders.get_by_role("link", name=LAST_MONTH_NUMBER)).to_have_count(0)
    expect(page.get_by_text(OTHER_COOP_NUMBER)).to_have_count(0)
    assert axe(page) == []

    export = page.get_by_role("region", name=th("Export for bookkeeping"))
    export_from = export.get_by_label(th("From"), exact=True)
    export_to = export.get_by_label(th("To"), exact=True)
    expect(export_from).to_have_value(month.first.isoformat())  # carried over from the filter
    export_from.fill(month.first.isoformat())
    export_to.fill(month.last.isoformat())
    with page.expect_download() as downloading:
        export.get_by_role("button", name=th("Download CSV")).click()
    download = downloading.value
    assert download.suggested_filename == f"orders-{OWN_COOP}-{month.first}-{month.last}.csv"
    rows = _csv_rows(download)
    assert rows[0] == ORDERS_CSV_HEADER
    # This month's orders of this cooperative only (the demo's wholesale orders may be among
    # them, by the date); the CSV has no carrier or tracking column.
    assert all(month.first.isoformat() <= row[1] <= month.last.isoformat() for row in rows[1:])
    assert not {LAST_MONTH_NUMBER, OTHER_COOP_NUMBER} & {row[0] for row in rows[1:]}
    assert [row for row in rows[1:] if row[0] == sale.number] == [
        [
            sale.number,
            sale.placed_on.isoformat(),
            "shipped",
            sale.buyer,
            sale.email,
            baht(sale.goods),
            baht(sale.shipping),
            baht(sale.commission),
            "0.00",
        ]
    ]


def _admin_reads_the_settlement(admin, th, axe, month: Month, sale: Sale, coop_name: str):
    """The admin picks the cooperative and this month, reads the settlement and downloads it."""
    admin.goto("/admin?lang=th")
    admin_nav = admin.get_by_role("navigation", name=th("Platform admin"))
    admin_nav.get_by_role("link", name=th("Settlement"), exact=True).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(th("Settlement report"))
    period = admin.get_by_role("form", name=th("Choose the cooperative and period"))
    period.get_by_label(th("Cooperative"), exact=True).select_option(label=coop_name)
    period.get_by_label(th("From"), exact=True).fill(month.first.isoformat())
    period.get_by_label(th("To"), exact=True).fill(month.last.isoformat())
    period.get_by_role("button", name=th("Show")).click()

    expect(admin.get_by_role("heading", level=2)).to_have_text(coop_name)
    line = admin.get_by_role("row").filter(
        has=admin.get_by_role("rowheader", name=sale.number, exact=True)
    )
    expect(line).to_contain_text(th("Shipped"))
    expect(line).to_contain_text(money(sale.goods))  # the gross sales of the order
    expect(line).to_contain_text(money(sale.commission))
    expect(line).to_contain_text(money(sale.net))
    total = admin.get_by_role("row").filter(has=admin.get_by_role("rowheader", name=th("Total")))
    expect(total).to_contain_text(money(sale.goods))
    expect(total).to_contain_text(money(sale.net))
    for elsewhere in (LAST_MONTH_NUMBER, OTHER_COOP_NUMBER):
        expect(admin.get_by_text(elsewhere)).to_have_count(0)
    assert axe(admin) == []

    with admin.expect_download() as downloading:
        admin.get_by_role("link", name=th("Download CSV")).click()
    download = downloading.value
    assert download.suggested_filename == (f"settlement-{OWN_COOP}-{month.first}-{month.last}.csv")
    rows = _csv_rows(download)
    assert rows[0] == ["cooperative", coop_name, OWN_COOP]
    assert rows[1] == ["period", month.first.isoformat(), month.last.isoformat()]
    assert rows[2] == SETTLEMENT_CSV_HEADER
    assert rows[3:] == [
        [
            sale.number,
            sale.paid_on.isoformat(),
            "shipped",
            baht(sale.goods),
            baht(sale.shipping),
            "0.00",
            commission_percent(sale.commission_bp),
            baht(sale.commission),
            baht(sale.net),
        ],
        [
            "total",
            "",
            "",
            baht(sale.goods),
            baht(sale.shipping),
            "0.00",
            "",
            baht(sale.commission),
            baht(sale.net),
        ],
    ]


def _admin_reads_the_programme(admin, browser, live_server, th, in_thai, axe, month, sale, names):
    """The programme report: this month's figures, charts drawn on the server, read without JS."""
    admin_nav = admin.get_by_role("navigation", name=th("Platform admin"))
    admin_nav.get_by_role("link", name=th("Programme report"), exact=True).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(th("Programme report"))

    other_goods, last_month_goods = 25_000, 18_900
    revenue = sale.goods + other_goods  # this month: the journey's order and La-un's
    month_short = in_thai(format_date, month.first, "month_short")  # พ.ย. 2569
    month_long = in_thai(format_date, month.first, "month")

    channels = admin.get_by_role("table").filter(
        has=admin.get_by_role("columnheader", name=th("Wholesale"))
    )
    this_row = channels.get_by_role("row").filter(
        has=admin.get_by_role("rowheader", name=month_long, exact=True)
    )
    # Retail orders, retail revenue, wholesale orders, wholesale revenue, cooperatives selling.
    expect(this_row.get_by_role("cell")).to_have_text(["2", money(revenue), "0", money(0), "2"])

    def coop_row(slug: str):
        return admin.get_by_role("row").filter(
            has=admin.get_by_role("rowheader", name=names[slug], exact=True)
        )

    orders = lambda n: in_thai(ngettext, "%(num)s order", "%(num)s orders", n)  # noqa: E731
    own = coop_row(OWN_COOP)
    expect(own).to_contain_text(money(sale.goods))
    expect(own.get_by_role("cell").last).to_contain_text(orders(2))
    expect(own.get_by_role("cell").last).to_contain_text(money(sale.goods + last_month_goods))
    expect(coop_row(OTHER_COOP)).to_contain_text(money(other_goods))

    revenue_title = th("Revenue per month")
    revenue_chart = admin.get_by_role("img", name=re.compile(re.escape(revenue_title)))
    expect(revenue_chart).to_be_visible()
    expect(revenue_chart).to_contain_text(f"{month_short}: {money(revenue)}")
    figure = admin.get_by_role("figure", name=revenue_title)
    figure.get_by_text(th("The figures as a table")).click()
    expect(
        figure.get_by_role("row").filter(
            has=admin.get_by_role("rowheader", name=month_short, exact=True)
        )
    ).to_contain_text(money(revenue))
    assert axe(admin) == []

    # The same page with JavaScript off: the charts are SVG sent by the server.
    context = browser.new_context(
        base_url=live_server,
        java_script_enabled=False,
        storage_state=admin.context.storage_state(),
    )
    try:
        plain = context.new_page()
        plain.set_default_timeout(10_000)
        plain.goto("/admin/programme?lang=th")
        titles = (
            th("Cooperatives selling (at least one paid order) per month"),
            th("Paid orders per month"),
            revenue_title,
        )
        for title in titles:
            chart = plain.get_by_role("figure", name=title)
            expect(chart.locator("svg")).to_be_visible()
            expect(chart.get_by_role("img", name=re.compile(re.escape(title)))).to_be_visible()
        expect(plain.get_by_role("figure", name=revenue_title).locator("svg")).to_contain_text(
            f"{month_short}: {money(revenue)}"
        )
    finally:
        context.close()


def test_new_staff_member_lists_a_coffee_and_ships_an_order(
    page,
    browser,
    live_server,
    app,
    mailbox,
    axe,
    th,
    in_thai,
    tmp_path,
    this_month,
    other_sales,
    shots,
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
        buyer.get_by_role("textbox", name=th("Quantity")).fill("2")
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

        # The very same picture was sent last month as the slip of another order.
        _slip_sent_before(app, LAST_MONTH_NUMBER, hashlib.sha256(slip.read_bytes()).hexdigest())

        admin = fresh_page()
        _log_in(admin, th, ADMIN["email"], ADMIN["password"])
        admin.goto("/admin/payments?lang=th")
        same_slip = th("This very picture was also sent as the slip of another payment:")
        warning = admin.get_by_role("note", name=same_slip)
        expect(warning).to_contain_text(LAST_MONTH_NUMBER)
        shots(admin, "slip-review-th-desktop")
        admin.goto("/admin/payments?lang=my")
        expect(admin.get_by_role("note").first).to_contain_text(re.compile("[\u1000-\u109f]"))
        shots(admin, "slip-review-my-desktop")
        admin.goto("/admin/payments?lang=th")
        admin.get_by_role("button", name=f"{th('Money received: confirm')} ({number})").click()
        admin.get_by_label(
            th("I found a separate transfer of this amount for this order in the bank statement")
        ).check()
        admin.get_by_role("button", name=th("Yes, the money arrived: confirm")).click()
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
        expect(label(seller, "Carrier")).to_have_value("flash-express")
        # The order lines and the carriers in the staff member's language, in Thai and Burmese.
        shots(seller, "seller-order-carrier-th-desktop")
        seller_order_path = urlsplit(seller.url).path
        seller.goto(seller_order_path + "?lang=my")
        expect(seller.get_by_role("cell", name=NAME_MY)).to_be_visible()
        shots(seller, "seller-order-carrier-my-desktop")
        seller.goto(seller_order_path + "?lang=th")
        label(seller, "Tracking number").fill(TRACKING)
        seller.get_by_role("button", name=th("Mark as shipped")).click()
        _flash(seller, th("Order %(number)s is shipped; the buyer was mailed.", number=number))
        tracking = th("Tracking: %(carrier)s %(number)s", carrier=CARRIER, number=TRACKING)
        expect(seller.get_by_text(tracking)).to_be_visible()
        expect(seller.get_by_role("link", name=TRACKING)).to_have_attribute(
            "href", f"https://www.flashexpress.co.th/fle/tracking?se={TRACKING}"
        )
        assert axe(seller) == []

        # (6) The buyer's order page shows the tracking number.
        buyer.goto(order_path + "?lang=th")
        expect(buyer.get_by_text(tracking, exact=False).first).to_be_visible()
        expect(buyer.get_by_text(TRACKING, exact=False).first).to_be_visible()

        with app.app_context():
            order = db.session.scalar(select(Order).where(Order.number == number))
            assert order.email == "buyer.journey@example.org"
            db.session.remove()

        # (7) The owner exports the month's orders for the bookkeeper.
        sale = _sale_of(app, number)
        assert sale.goods == 2 * 189_00
        _owner_exports_the_month(page, th, axe, this_month, sale)

        # (8) The admin reads the cooperative's settlement for the month, then the programme.
        names = _cooperative_names(app)
        _admin_reads_the_settlement(admin, th, axe, this_month, sale, names[OWN_COOP])
        _admin_reads_the_programme(
            admin, browser, live_server, th, in_thai, axe, this_month, sale, names
        )
    finally:
        for context in contexts:
            context.close()
