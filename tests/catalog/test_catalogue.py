"""The product list as a visitor uses it: search, filters, sorting, pagination, bad input."""

import re

import pytest

from shop.catalog.models import CooperativeStatus, ProductStatus, Roast
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory


def names_on(response) -> list[str]:
    html = response.get_data(as_text=True)
    return re.findall(r'<h3 class="card-title">([^<]+)</h3>', html)


@pytest.fixture
def shelf(session):
    la_un = CooperativeFactory(slug="la-un-growers", name_en="La-un Robusta Growers")
    kra_buri = CooperativeFactory(slug="kra-buri-cashew", name_en="Kra Buri Cashew Cooperative")
    coffee = CategoryFactory(slug="coffee-beans")
    nuts = CategoryFactory(slug="cashew-nuts")
    ProductFactory(
        slug="rae-nong-3in1",
        name_th="แร่นองกาแฟ 3 อิน 1",
        name_en="Rae Nong Coffee 3-in-1",
        name_my="ရနောင်း ကော်ဖီ ၃-မျိုးပေါင်း",
        cooperative=la_un,
        category=coffee,
        variants=2,
        variants__price_satang=17900,
    )
    ProductFactory(
        slug="dark-robusta",
        name_th="เมล็ดกาแฟโรบัสต้าคั่วเข้ม",
        name_en="Dark Roast Robusta Beans",
        name_my="အနက်ရောင်လှော် ရိုဘတ်စတာ ကော်ဖီစေ့",
        roast=Roast.DARK,
        cooperative=la_un,
        category=coffee,
        variants__price_satang=33000,
    )
    ProductFactory(
        slug="salted-cashews",
        name_th="เม็ดมะม่วงหิมพานต์อบเกลือ",
        name_en="Salted Cashew Nuts",
        name_my="ဆားနယ် သီဟိုဠ်စေ့",
        cooperative=kra_buri,
        category=nuts,
        variants__price_satang=12000,
    )
    ProductFactory(slug="draft-thing", name_en="Unpublished Draft", status=ProductStatus.DRAFT)
    session.commit()


@pytest.mark.usefixtures("shelf")
class TestSearch:
    def test_a_thai_word_inside_thai_text_is_found(self, client):
        # "กาแฟ" sits inside "แร่นองกาแฟ" and "เมล็ดกาแฟ…": no spaces separate Thai words.
        response = client.get("/products?q=กาแฟ&lang=th")
        assert sorted(names_on(response)) == ["เมล็ดกาแฟโรบัสต้าคั่วเข้ม", "แร่นองกาแฟ 3 อิน 1"]

    def test_english_search_ignores_case(self, client):
        assert names_on(client.get("/products?q=CASHEW&lang=en")) == ["Salted Cashew Nuts"]

    def test_burmese_search_finds_burmese_names(self, client):
        assert names_on(client.get("/products?q=သီဟိုဠ်&lang=my")) == ["ဆားနယ် သီဟိုဠ်စေ့"]

    def test_every_word_must_match(self, client):
        assert names_on(client.get("/products?q=robusta dark&lang=en")) == [
            "Dark Roast Robusta Beans"
        ]

    def test_like_wildcards_are_taken_literally(self, client):
        response = client.get("/products?q=%25&lang=en")
        assert names_on(response) == []
        assert "No products match your search." in response.get_data(as_text=True)

    def test_drafts_never_show(self, client):
        assert names_on(client.get("/products?q=Unpublished&lang=en")) == []


@pytest.mark.usefixtures("shelf")
class TestFiltersAndSorting:
    def test_filter_by_category(self, client):
        assert names_on(client.get("/products?category=cashew-nuts&lang=en")) == [
            "Salted Cashew Nuts"
        ]

    def test_filter_by_cooperative(self, client):
        names = names_on(client.get("/products?cooperative=la-un-growers&lang=en"))
        assert sorted(names) == ["Dark Roast Robusta Beans", "Rae Nong Coffee 3-in-1"]

    def test_filter_by_roast(self, client):
        assert names_on(client.get("/products?roast=dark&lang=en")) == ["Dark Roast Robusta Beans"]

    def test_filter_by_price_range_in_baht(self, client):
        names = names_on(client.get("/products?min_price=150&max_price=200&lang=en"))
        assert names == ["Rae Nong Coffee 3-in-1"]

    def test_a_reversed_price_range_is_understood(self, client):
        names = names_on(client.get("/products?min_price=200&max_price=150&lang=en"))
        assert names == ["Rae Nong Coffee 3-in-1"]

    def test_sort_by_price(self, client):
        assert names_on(client.get("/products?sort=price_asc&lang=en")) == [
            "Salted Cashew Nuts",
            "Rae Nong Coffee 3-in-1",
            "Dark Roast Robusta Beans",
        ]
        assert names_on(client.get("/products?sort=price_desc&lang=en"))[0] == (
            "Dark Roast Robusta Beans"
        )

    def test_sort_by_name_in_the_visitors_language(self, client):
        assert names_on(client.get("/products?sort=name&lang=en")) == [
            "Dark Roast Robusta Beans",
            "Rae Nong Coffee 3-in-1",
            "Salted Cashew Nuts",
        ]

    def test_suspended_cooperatives_disappear_from_the_shop(self, client, session):
        from sqlalchemy import select

        from shop.catalog.models import Cooperative

        coop = session.scalars(
            select(Cooperative).where(Cooperative.slug == "kra-buri-cashew")
        ).one()
        coop.status = CooperativeStatus.SUSPENDED
        session.commit()
        assert "Salted Cashew Nuts" not in names_on(client.get("/products?lang=en"))
        assert client.get("/products/salted-cashews").status_code == 404
        assert client.get("/cooperatives/kra-buri-cashew").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "page=-3",
        "page=abc",
        "page=99999999999999999999",
        "sort=xyz",
        "min_price=abc",
        "max_price=-5",
        "min_price=1e309",
        "roast=burnt",
        "category=nope",
        "q=" + "ก" * 500,
        "q=%25_",
        "lang=xx",
    ],
)
def test_bad_parameters_give_a_normal_page(client, shelf, query):
    response = client.get(f"/products?{query}")
    assert response.status_code == 200
    assert "<h1>" in response.get_data(as_text=True)


def test_a_nul_in_a_search_is_refused_at_the_door(client, shelf):
    assert client.get("/products?q=%00").status_code == 400


def test_pages_split_a_long_catalogue_and_a_page_past_the_end_shows_the_last(app, client, session):
    coop = CooperativeFactory()
    category = CategoryFactory()
    for i in range(30):
        ProductFactory(name_en=f"Product {i:02d}", cooperative=coop, category=category)
    session.commit()
    per_page = app.config["PRODUCTS_PER_PAGE"]
    first = client.get("/products?sort=name&lang=en")
    assert len(names_on(first)) == per_page
    assert 'rel="next"' in first.get_data(as_text=True)
    last = client.get("/products?sort=name&page=2&lang=en")
    assert len(names_on(last)) == 30 - per_page
    assert names_on(client.get("/products?sort=name&page=50&lang=en")) == names_on(last)


def test_no_results_says_so_and_offers_a_way_back(client, shelf):
    html = client.get("/products?q=durian&lang=en").get_data(as_text=True)
    assert "No products match your search." in html
    assert 'href="/products"' in html


def test_a_search_of_5000_characters_answers_with_its_start_searched_and_says_so(client, shelf):
    typed = "Robusta " * 625  # 5,000 characters, pasted into a box with no maxlength

    response = client.get(f"/products?lang=en&q={typed}")
    home = client.get("/?lang=en")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "only its first 100 characters were searched" in html
    assert "Dark Roast Robusta Beans" in names_on(response)
    assert "maxlength" not in html
    assert 'id="header-q"' in home.get_data(as_text=True)
    assert "maxlength" not in home.get_data(as_text=True)


def test_a_long_burmese_search_is_cut_between_words_never_inside_a_syllable(client, shelf):
    typed = " ".join(["ကော်ဖီ"] * 30)  # "coffee" 30 times: 209 characters

    html = client.get(f"/products?lang=my&q={typed}").get_data(as_text=True)

    searched = html.split('id="f-q" type="search" name="q" value="')[1].split('"')[0]
    assert len(searched) <= 100
    assert searched.split(" ") == ["ကော်ဖီ"] * len(searched.split(" "))


def test_a_short_search_says_nothing_about_its_length(client, shelf):
    html = client.get("/products?lang=en&q=Robusta").get_data(as_text=True)
    assert "characters were searched" not in html
