"""Issue 11, items 1, 2 and 5: text that looks the same finds the same products, a search
typed in Zawgyi is told how to type Unicode, and name matches come before description ones."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.catalog.models import Product
from shop.extensions import db
from tests.factories import CooperativeFactory, ProductFactory
from tests.seller.product_world import build_world, log_in

ZWSP = "\u200b"
ZAWGYI_COFFEE = "ေကာ္ဖီ"  # "ကော်ဖီ" (coffee) typed with a Zawgyi keyboard


def names_on(response) -> list[str]:
    return re.findall(r'<h3 class="card-title">([^<]+)</h3>', response.get_data(as_text=True))


@pytest.fixture
def shelf(session):
    coop = CooperativeFactory(slug="la-un", name_en="La-un Growers", name_th="กลุ่มละอุ่น")
    honey = ProductFactory(
        slug="wild-honey",
        name_th="น้ำผึ้งป่า",
        name_en="Wild Honey",
        name_my="တောပျားရည်",
        description_th="หวานดี ใส่กาแฟหรือชาก็อร่อย",
        description_en="Sweet; lovely in coffee or tea.",
        is_featured=True,  # featured: the old order put it first
        cooperative=coop,
    )
    ProductFactory(
        slug="black-coffee",
        name_th="กาแฟดำ",
        name_en="Black Coffee",
        name_my="ကော်ဖီ အမည်း",
        description_th="คั่วเข้ม",
        description_en="Dark roast.",
        cooperative=coop,
    )
    ProductFactory(
        slug="robusta-beans",
        name_th="เมล็ดกาแฟโรบัสต้า",
        name_en="Robusta Coffee Beans",
        name_my="ရိုဘတ်စတာ ကော်ဖီစေ့",
        description_th="จากสวนสมาชิก",
        description_en="From our members' farms.",
        cooperative=coop,
    )
    session.commit()
    return honey


@pytest.mark.usefixtures("shelf")
class TestSameLookingQueries:
    def test_a_zero_width_space_after_the_word_finds_the_same_products(self, client):
        plain = names_on(client.get("/products?q=กาแฟ&lang=th"))
        assert len(plain) == 3
        assert names_on(client.get(f"/products?q=กาแฟ{ZWSP}&lang=th")) == plain

    def test_sara_am_typed_as_two_characters_finds_the_product(self, client):
        # NIKHAHIT + SARA AA renders as SARA AM
        assert names_on(client.get("/products?q=กาแฟด\u0e4d\u0e32&lang=th")) == ["กาแฟดำ"]

    def test_a_tone_mark_typed_around_sara_am_finds_the_product(self, client):
        for typed in ("น\u0e4d\u0e49\u0e32ผึ้ง", "น\u0e33\u0e49ผึ้ง", "น\u0e49\u0e4d\u0e32ผึ้ง"):
            assert names_on(client.get(f"/products?q={typed}&lang=th")) == ["น้ำผึ้งป่า"], typed


class TestRelevance:
    @pytest.mark.parametrize(("q", "lang"), [("กาแฟ", "th"), ("coffee", "en")])
    def test_name_matches_come_before_a_description_match(self, client, shelf, q, lang):
        names = names_on(client.get(f"/products?q={q}&lang={lang}"))
        assert len(names) == 3
        assert names[-1] == getattr(shelf, f"name_{lang}")  # the honey, found by description

    def test_an_explicit_sort_is_kept(self, client, shelf):
        names = names_on(client.get("/products?q=coffee&lang=en&sort=name"))
        assert names == ["Black Coffee", "Robusta Coffee Beans", "Wild Honey"]

    def test_without_a_query_featured_products_still_come_first(self, client, shelf):
        assert names_on(client.get("/products?lang=en"))[0] == "Wild Honey"


class TestZawgyiSearch:
    def test_a_zawgyi_query_is_told_how_to_type_unicode(self, client, shelf):
        page = client.get(f"/products?q={ZAWGYI_COFFEE}&lang=en").get_data(as_text=True)
        assert "looks like Zawgyi; please retype it with a Unicode keyboard" in page
        assert 'aria-describedby="f-q-error"' in page

    def test_a_unicode_query_gets_no_such_message(self, client, shelf):
        page = client.get("/products?q=ကော်ဖီ&lang=my").get_data(as_text=True)
        assert "f-q-error" not in page
        assert len(names_on(client.get("/products?q=ကော်ဖီ&lang=my"))) == 2


def test_a_name_saved_with_a_zero_width_space_is_found_without_it(app, session, client):
    world = build_world(session, app.config["UPLOAD_DIR"])
    log_in(client, world.staff.email)
    response = client.post(
        "/seller/products/new",
        data={
            "name_th": f"ชาใบ{ZWSP}กาแฟ",
            "name_en": "Coffee leaf tea",
            "category_id": world.category.id,
            "roast": "",
        },
    )
    assert response.status_code == 302
    product = db.session.scalars(select(Product).order_by(Product.id.desc())).first()
    assert product.name_th == "ชาใบกาแฟ"
    client.post(
        f"/seller/products/{product.id}/variants/new",
        data={
            "sku": "LEAF-TEA-50",
            "name_th": "ซอง 50 กรัม",
            "pack_size": "1",
            "weight_grams": "60",
            "price": "120",
            "low_stock_threshold": "5",
        },
    )
    assert client.post(f"/seller/products/{product.id}/publish").status_code == 302

    assert names_on(client.get("/products?q=ชาใบกาแฟ&lang=th")) == ["ชาใบกาแฟ"]


@pytest.mark.parametrize("q", ["ငါး", "ငါးခု", "၍"])
def test_a_short_unicode_burmese_query_gets_no_zawgyi_message(client, shelf, q):
    page = client.get(f"/products?q={q}&lang=my").get_data(as_text=True)
    assert "f-q-error" not in page


@pytest.fixture
def mixes(session):
    coop = CooperativeFactory(slug="ranong-mix", name_en="Ranong Mix")
    ProductFactory(
        slug="three-in-one",
        name_th="กาแฟ 3in1",
        name_en="Coffee 3in1",
        name_my="ကော်ဖီ ၃-မျိုးစပ်",
        cooperative=coop,
    )
    session.commit()


@pytest.mark.usefixtures("mixes")
@pytest.mark.parametrize(
    ("q", "lang"), [("3-မျိုးစပ်", "my"), ("๓in1", "th"), ("၃in1", "en"), ("၃-မျိုးစပ်", "my")]
)
def test_digits_in_any_script_find_the_product(client, q, lang):
    found = names_on(client.get(f"/products?q={q}&lang={lang}"))
    assert len(found) == 1, q
    if lang == "my":
        assert found == ["ကော်ဖီ ၃-မျိုးစပ်"]  # shown with the digits it was written with
