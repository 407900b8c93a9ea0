"""Product, cooperative and home pages; languages; what search engines read."""

import json
import re

import pytest

from shop.catalog.models import ProductStatus
from tests.factories import CooperativeFactory, ProductFactory, VariantFactory


@pytest.fixture
def robusta(session):
    coop = CooperativeFactory(
        slug="la-un-growers", name_th="สหกรณ์ผู้ปลูกกาแฟละอุ่น", name_en="La-un Growers"
    )
    product = ProductFactory(
        slug="robusta-medium",
        name_th="กาแฟโรบัสต้าคั่วกลาง",
        name_en="Medium Roast Robusta",
        name_my="အလယ်အလတ်လှော် ရိုဘတ်စတာ",
        cooperative=coop,
        variants=0,
    )
    VariantFactory(product=product, sku="ROB-250", name_en="250 g", price_satang=18000, stock=40)
    VariantFactory(product=product, sku="ROB-500", name_en="500 g", price_satang=33000, stock=3)
    VariantFactory(product=product, sku="ROB-1KG", name_en="1 kg", price_satang=60000, stock=0)
    session.flush()
    session.refresh(product)
    product.refresh_min_price()
    session.commit()
    return product


def jsonld_of(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_product_page_shows_each_pack_with_price_and_stock(client, robusta):
    html = client.get("/products/robusta-medium?lang=en").get_data(as_text=True)
    assert "Medium Roast Robusta" in html
    for text in ("฿180", "฿330", "฿600", "In stock", "Only 3 left", "Sold out"):
        assert text in html
    assert 'href="/cooperatives/la-un-growers"' in html


def test_product_page_offers_each_variant_to_search_engines(client, robusta):
    data = jsonld_of(client.get("/products/robusta-medium?lang=en").get_data(as_text=True))
    assert data["@type"] == "Product"
    assert data["name"] == "Medium Roast Robusta"
    offers = {o["sku"]: o for o in data["offers"]}
    assert offers["ROB-250"]["price"] == "180"
    assert offers["ROB-250"]["priceCurrency"] == "THB"
    assert offers["ROB-250"]["availability"] == "https://schema.org/InStock"
    assert offers["ROB-1KG"]["availability"] == "https://schema.org/OutOfStock"


def test_each_page_has_one_title_a_description_and_a_canonical_link(client, robusta):
    for url in (
        "/",
        "/products",
        "/products/robusta-medium",
        "/cooperatives",
        "/cooperatives/la-un-growers",
    ):
        html = client.get(url + "?lang=en").get_data(as_text=True)
        assert html.count("<title>") == 1, url
        assert html.count('<meta name="description"') == 1, url
        assert html.count('rel="canonical"') == 1, url
        assert html.count("<h1") == 1, url


def test_unknown_and_unpublished_products_are_not_found(client, robusta, session):
    assert client.get("/products/no-such-coffee").status_code == 404
    robusta.status = ProductStatus.ARCHIVED
    session.commit()
    assert client.get("/products/robusta-medium").status_code == 404


def test_cooperative_page_tells_its_story_and_lists_its_products(client, robusta):
    html = client.get("/cooperatives/la-un-growers?lang=th").get_data(as_text=True)
    assert "สหกรณ์ผู้ปลูกกาแฟละอุ่น" in html
    assert "กาแฟโรบัสต้าคั่วกลาง" in html
    assert client.get("/cooperatives/nowhere").status_code == 404


def test_home_page_shows_the_slogan_featured_products_and_cooperatives(client, robusta, session):
    robusta.is_featured = True
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "คนระนอง กินกาแฟระนอง" in html
    assert "กาแฟโรบัสต้าคั่วกลาง" in html
    assert "สหกรณ์ผู้ปลูกกาแฟละอุ่น" in html


class TestLanguages:
    def test_thai_is_the_default(self, client, robusta):
        html = client.get("/products/robusta-medium").get_data(as_text=True)
        assert '<html lang="th">' in html
        assert "กาแฟโรบัสต้าคั่วกลาง" in html

    @pytest.mark.parametrize(
        ("lang", "name"),
        [("en", "Medium Roast Robusta"), ("my", "အလယ်အလတ်လှော် ရိုဘတ်စတာ")],
    )
    def test_lang_parameter_switches_and_is_remembered(self, client, robusta, lang, name):
        first = client.get(f"/products/robusta-medium?lang={lang}")
        assert f'<html lang="{lang}">' in first.get_data(as_text=True)
        assert name in first.get_data(as_text=True)
        assert f"lang={lang}" in first.headers["Set-Cookie"]
        later = client.get("/cooperatives").get_data(as_text=True)
        assert f'<html lang="{lang}">' in later

    def test_an_unknown_language_falls_back_to_thai(self, client, robusta):
        html = client.get("/products/robusta-medium?lang=fr").get_data(as_text=True)
        assert '<html lang="th">' in html

    def test_switcher_keeps_the_current_page_and_its_query(self, client, robusta):
        html = client.get("/products?q=robusta&lang=en").get_data(as_text=True)
        for code in ("th", "en", "my"):
            link = rf'href="/products\?q=robusta&amp;lang={code}" hreflang="{code}"'
            assert re.search(link, html)

    def test_every_language_version_is_linked_with_hreflang(self, client, robusta):
        html = client.get("/products/robusta-medium?lang=my").get_data(as_text=True)
        for code in ("en", "my"):
            assert (
                f'hreflang="{code}" href="http://localhost/products/robusta-medium?lang={code}"'
                in html
            )
        assert 'hreflang="th" href="http://localhost/products/robusta-medium"' in html  # default
        assert 'hreflang="x-default" href="http://localhost/products/robusta-medium"' in html
        assert (
            '<link rel="canonical" href="http://localhost/products/robusta-medium?lang=my">' in html
        )

    def test_missing_translation_falls_back_to_english(self, client, session):
        ProductFactory(slug="new-thing", name_my="", name_en="Fresh Honey", name_th="น้ำผึ้ง")
        session.commit()
        assert "Fresh Honey" in client.get("/products/new-thing?lang=my").get_data(as_text=True)

    @pytest.mark.parametrize(
        ("lang", "heading"),
        [("th", "ไม่พบหน้านี้"), ("en", "Page not found"), ("my", "စာမျက်နှာ ရှာမတွေ့ပါ")],
    )
    def test_not_found_page_comes_in_the_visitors_language(self, client, session, lang, heading):
        response = client.get(f"/products/nothing-here?lang={lang}")
        assert response.status_code == 404
        html = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in html
        assert f"<h1>{heading}</h1>" in html

    def test_interface_strings_follow_the_language(self, client, robusta):
        assert "ราคารวมภาษีมูลค่าเพิ่ม" in client.get("/products/robusta-medium").get_data(as_text=True)


def test_sitemap_lists_every_product_and_cooperative_page(client, robusta, session):
    ProductFactory(slug="hidden-draft", status=ProductStatus.DRAFT)
    session.commit()
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>http://localhost/products/robusta-medium</loc>" in xml
    assert "<loc>http://localhost/cooperatives/la-un-growers</loc>" in xml
    assert "hidden-draft" not in xml
    assert 'hreflang="my" href="http://localhost/products/robusta-medium?lang=my"' in xml


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in body
    assert "Disallow: /seller" in body


def test_server_errors_show_a_friendly_page(app, session):
    from flask import Blueprint

    # A route that fails, registered on a private app so the shared one stays unchanged.
    from shop import create_app

    broken = create_app(
        {
            "TESTING": True,
            "PROPAGATE_EXCEPTIONS": False,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )
    bp = Blueprint("boom", __name__)
    bp.add_url_rule("/boom", "boom", lambda: 1 / 0)
    broken.register_blueprint(bp)
    response = broken.test_client().get("/boom?lang=en")
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert "ZeroDivisionError" not in response.get_data(as_text=True)


def test_a_server_error_shows_the_friendly_page_to_logged_in_staff_too(app, session):
    from flask import Blueprint
    from flask_login import current_user

    from shop import create_app
    from shop.accounts.models import CooperativeMembership, MembershipRole
    from tests.factories import CooperativeFactory, UserFactory

    user = UserFactory(email="staff@example.org")
    session.add(
        CooperativeMembership(
            user=user, cooperative=CooperativeFactory(), role=MembershipRole.STAFF
        )
    )
    email = user.email
    session.commit()
    session.close()  # the private app below writes to the same database
    broken = create_app(
        {
            "TESTING": True,
            "PROPAGATE_EXCEPTIONS": False,
            "WTF_CSRF_ENABLED": False,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )
    bp = Blueprint("boom", __name__)
    bp.add_url_rule("/boom", "boom", lambda: current_user.is_authenticated / 0)
    broken.register_blueprint(bp)
    client = broken.test_client()
    login = client.post(
        "/account/login", data={"email": email, "password": "correct horse battery"}
    )
    assert login.status_code == 302
    response = client.get("/boom?lang=th")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "<html" in page
    assert "ZeroDivisionError" not in page
    assert "/seller" in page  # the staff member's menu, rendered with the user still loaded
