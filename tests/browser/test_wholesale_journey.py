"""A shop owner in Kawthaung applies for a wholesale account in Burmese; the office approves it
in Thai with a price list, net 15 and a credit limit; the owner then sees the terms.

Labels and buttons are found by the words the shop shows (the message catalogues), so the
journey holds before and after the new strings are translated. Screenshots at desktop and phone
width go to tmp_path, or to $SHOP_SCREENSHOTS when set, to be looked at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.demo_data import ACCOUNTS
from shop.extensions import db
from shop.wholesale.models import PartnerShop, PartnerShopStatus, PaymentTerms
from tests.browser.conftest import phone_page

pytestmark = pytest.mark.browser

ADMIN = next(a for a in ACCOUNTS if a["role"] == "admin")
BUSINESS = "ရွှေမြို့တော် ကုန်စုံ"
EMAIL = "owner@shwemyotaw.example.org"
PASSWORD = "kawthaung shop 2026"


def test_a_kawthaung_shop_applies_in_burmese_and_the_office_approves_it_in_thai(
    page, browser, live_server, app, mailbox, axe, say, shots
):
    my = lambda message, **v: say("my", message, **v)  # noqa: E731
    th = lambda message, **v: say("th", message, **v)  # noqa: E731

    # (1) The form opens in Thai (the shop's language); the owner picks Burmese at the top.
    page.goto("/wholesale/apply")
    choice = page.get_by_role("navigation", name=re.compile("Choose a language"))
    choice.get_by_role("link", name="မြန်မာ").click()
    expect(page.locator("html")).to_have_attribute("lang", "my")
    expect(page.get_by_role("heading", level=1)).to_have_text(my("Apply for a wholesale account"))
    assert axe(page) == []

    # (2) A mistake first: a Thai mobile written without +66 could be a Myanmar number.
    label = lambda text: page.get_by_label(my(text), exact=True)  # noqa: E731
    label("Business name").fill(BUSINESS)
    label("Business registration number").fill("၁၀၅၇၃၃၂၆၈")
    label("Contact person").fill("ဦးအောင်ကျော်မိုး")
    label("Phone").fill("081 234 5678")
    label("House number and street").fill("အမှတ် ၁၂၊ ဗိုလ်ချုပ်လမ်း")
    label("Ward").fill("ရပ်ကွက် ၂")
    label("Township").fill("ကော့သောင်း")
    expect(label("Region or state")).to_have_value("MM-05")
    label("Language for our mails and your wholesale account").select_option("my")
    label("Email").fill(EMAIL)
    label("Password").fill(PASSWORD)
    label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name=my("Send the application")).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        my("This number could be Myanmar or Thai: please write +95 or +66 in front of it.")
    )
    shots(page, "apply-my-error-desktop")

    label("Phone").fill("09 423 318 765")
    label("Password").fill(PASSWORD)
    label("Repeat the password").fill(PASSWORD)
    context, phone = phone_page(browser, live_server, page)
    try:
        phone.goto("/wholesale/apply?lang=my")
        shots(phone, "apply-my-phone")
    finally:
        context.close()
    page.get_by_role("button", name=my("Send the application")).click()

    # (3) What happens next, in Burmese; a mail in Burmese.
    expect(page.get_by_role("heading", name=my("What happens next"))).to_be_visible()
    expect(page.get_by_text(my("Application waiting"))).to_be_visible()
    assert axe(page) == []
    shots(page, "account-pending-my-desktop")
    [mail] = [m for m in mailbox if m.to == [EMAIL] and BUSINESS in m.subject]
    assert mail.subject == my(
        "We received the wholesale application of %(partner)s", partner=BUSINESS
    )

    # (4) The office, in Thai, finds the application in its queue and approves it.
    office_context = browser.new_context(
        base_url=live_server, viewport={"width": 1280, "height": 900}
    )
    office = office_context.new_page()
    office.set_default_timeout(10_000)
    try:
        office.goto("/account/login?lang=th")
        office.get_by_label(th("Email"), exact=True).fill(ADMIN["email"])
        office.get_by_label(th("Password"), exact=True).fill(ADMIN["password"])
        office.get_by_role("button", name=th("Log in"), exact=True).click()
        office.goto("/admin")
        nav = office.get_by_role("navigation", name=th("Platform admin"))
        nav.get_by_role("link", name=th("Partner shops"), exact=True).click()
        office.get_by_role("link", name=BUSINESS).click()
        expect(office.get_by_role("heading", level=1)).to_have_text(BUSINESS)
        expect(office.get_by_text("+95 9 42331 8765")).to_be_visible()
        office.get_by_label(th("Price list"), exact=True).select_option(label="Kawthaung volume")
        office.get_by_label(th("Payment terms"), exact=True).select_option(label=th("Net 15 days"))
        office.get_by_label(th("Credit limit (baht)"), exact=True).fill("150,000")
        assert axe(office) == []
        context, phone = phone_page(browser, live_server, office)
        try:
            phone.goto(office.url)
            shots(phone, "admin-partner-th-phone")
        finally:
            context.close()
        office.get_by_role("button", name=th("Approve and mail the partner")).click()
        expect(
            office.get_by_text(
                th("%(name)s is approved; its partner admin was mailed.", name=BUSINESS)
            )
        ).to_be_visible()
        shots(office, "admin-partner-approved-th-desktop")
    finally:
        office_context.close()

    with app.app_context():
        partner = db.session.scalars(select(PartnerShop).where(PartnerShop.name == BUSINESS)).one()
        assert partner.status == PartnerShopStatus.APPROVED
        assert (partner.payment_terms, partner.credit_limit_satang) == (
            PaymentTerms.NET_15,
            15_000_000,
        )
        db.session.remove()

    # (5) The owner's next page shows the terms and the way to the team.
    page.reload()
    expect(page.get_by_text("Kawthaung volume")).to_be_visible()
    expect(page.get_by_role("link", name=my("Manage your team"))).to_be_visible()
    shots(page, "account-approved-my-desktop")
    context, phone = phone_page(browser, live_server, page)
    try:
        phone.goto("/wholesale/account?lang=my")
        shots(phone, "account-approved-my-phone")
        phone.goto("/wholesale/team?lang=th")
        shots(phone, "team-th-phone")
    finally:
        context.close()
