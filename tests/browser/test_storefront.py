"""A visitor browses the demo shop in real Chromium, in Thai, English and Burmese."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "products_link"), [("th", "สินค้า"), ("en", "Products"), ("my", None)]
)
def test_home_page_in_each_language_is_accessible(page, axe, lang, products_link):
    page.goto(f"/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_text("คนระนอง กินกาแฟระนอง").first).to_be_visible()
    nav = page.get_by_role("navigation", name=re.compile(".+")).first
    expect(nav).to_be_visible()
    if products_link:
        expect(page.get_by_role("link", name=products_link, exact=True).first).to_be_visible()
    assert page.locator(".product-card").count() >= 4
    assert axe(page) == []


def test_search_filter_open_a_product_and_switch_language(page, axe, shots):
    page.goto("/?lang=th")
    search = page.get_by_role("searchbox").first
    search.fill("กาแฟ")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/products\?q="))
    cards = page.locator(".product-card")
    expect(cards.first).to_be_visible()
    found = cards.count()
    assert found >= 5
    assert axe(page) == []
    shots(page, "search-th-desktop")

    # Narrow down to one cooperative with the filter form.
    page.locator("#f-cooperative").select_option(index=1)
    page.locator(".filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"cooperative="))
    assert 0 < page.locator(".product-card").count() <= found

    # Open the first product.
    first = page.locator(".product-card .card-link").first
    name = first.locator(".card-title").inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator(".variant").first).to_be_visible()
    expect(page.locator(".variant-price").first).to_contain_text("฿")
    assert axe(page) == []
    product_path = page.url.split("?")[0]

    # Switch to English, then Burmese, staying on the same product.
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.split("?")[0] == product_path
    english_name = page.get_by_role("heading", level=1).inner_text()
    assert english_name != name
    assert re.search(r"[A-Za-z]", english_name)
    page.get_by_role("link", name="မြန်မာ").click()
    expect(page.locator("html")).to_have_attribute("lang", "my")
    assert page.url.split("?")[0] == product_path
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("[\u1000-\u109f]"))
    assert axe(page) == []

    # The choice is remembered on the next page without ?lang=.
    page.goto("/cooperatives")
    expect(page.locator("html")).to_have_attribute("lang", "my")

    # A search in Burmese finds the coffees, their names in Burmese.
    page.get_by_role("searchbox").first.fill("ကော်ဖီ")
    page.get_by_role("searchbox").first.press("Enter")
    expect(page.locator(".product-card").first).to_contain_text(re.compile("[\u1000-\u109f]"))
    assert axe(page) == []
    shots(page, "search-my-desktop")


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_catalogue_and_cooperative_pages_are_accessible(page, axe, lang):
    page.goto(f"/products?lang={lang}")
    assert axe(page) == []
    page.goto(f"/cooperatives?lang={lang}")
    page.locator(".coop-card a").first.click()
    expect(page.locator(".product-card").first).to_be_visible()
    assert axe(page) == []


def test_pages_work_on_a_phone(browser, live_server, axe):
    context = browser.new_context(
        base_url=live_server, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto("/products?lang=my")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
    assert axe(page) == []
    context.close()


def test_not_found_page_in_burmese(page):
    response = page.goto("/products/no-such-thing?lang=my")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "my")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
