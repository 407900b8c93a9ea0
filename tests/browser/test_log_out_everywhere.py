"""A customer who used a shared computer logs out everywhere from her phone's account page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from shop.catalog.demo_data import ACCOUNTS

OWNER = next(a for a in ACCOUNTS if a["email"] == "manager@baac-ranong.example.org")


def log_in(page) -> None:
    page.goto("/account/login?lang=en")
    page.get_by_label("Email").fill(OWNER["email"])
    page.get_by_label("Password").fill(OWNER["password"])
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile("/account/login"))


def test_log_out_everywhere_ends_the_log_in_on_the_other_computer_too(browser, live_server, axe):
    computer = browser.new_context(base_url=live_server).new_page()
    phone = browser.new_context(
        base_url=live_server, viewport={"width": 390, "height": 844}
    ).new_page()
    log_in(computer)
    log_in(phone)

    for lang in ("th", "my", "en"):
        phone.goto(f"/account?lang={lang}")
        devices = phone.locator("#devices")
        expect(devices.get_by_role("heading")).to_be_visible()
        expect(devices.get_by_role("button")).to_be_visible()
        assert axe(phone) == [], lang
    expect(phone.locator("#devices")).to_contain_text("You are logged in on 2 devices or browsers.")

    phone.get_by_role("button", name="Log out everywhere").click()

    expect(phone.get_by_text("You are logged out on every device.")).to_be_visible()
    computer.goto("/account?lang=en")
    expect(computer).to_have_url(re.compile("/account/login"))
    phone.goto("/account?lang=en")
    expect(phone).to_have_url(re.compile("/account/login"))
    computer.context.close()
    phone.context.close()
