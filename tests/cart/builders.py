"""Test data and page readers shared by the cart and order tests.

Two cooperatives with their shipping methods, packs whose stock came in through the ledger
(so stock on hand equals the ledger from the start), and small helpers that read what a buyer
sees on a page: flashed messages, the header's item count, the totals.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import factory
from factory.alchemy import SQLAlchemyModelFactory

from shop.catalog.models import Cooperative, Variant
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from shop.pricing.models import ShippingMethod, ShippingRate
from tests.factories import CooperativeFactory, ProductFactory, VariantFactory

PASSWORD = "correct horse battery"  # UserFactory's default


class ShippingMethodFactory(SQLAlchemyModelFactory):
    """A cooperative's shipping method; ``rates=[(max grams, satang), …]``."""

    class Meta:
        model = ShippingMethod
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"

    cooperative = factory.SubFactory(CooperativeFactory)
    code = factory.Sequence(lambda n: f"method-{n}")
    name_th = "ไปรษณีย์ไทย"
    name_en = "Thailand Post"
    name_my = "ထိုင်းစာတိုက်"
    days_min = 2
    days_max = 4
    free_over_satang = None

    @factory.post_generation
    def rates(method, create, value, **kwargs):
        for max_weight, price in value or [(20_000, 5_000)]:
            method.rates.append(ShippingRate(max_weight_grams=max_weight, price_satang=price))
        db.session.flush()


def stocked_pack(stock: int = 20, **kwargs) -> Variant:
    """A pack of a published product; its stock arrived as a ledger receipt."""
    variant = VariantFactory(stock=0, **kwargs)
    if stock:
        change_stock(variant.id, stock, StockReason.RECEIPT, reference="first delivery")
    return variant


@dataclass
class CoffeeShop:
    """La-un Growers sell robusta, Kapoe Cashew Group sells cashews; Suksamran ships for free."""

    la_un: Cooperative
    kapoe: Cooperative
    suksamran: Cooperative
    robusta: Variant  # ฿180, 280 g, 20 in stock
    cashews: Variant  # ฿250, 520 g, 15 in stock
    la_un_post: ShippingMethod  # ฿50 up to 5 kg, ฿80 up to 20 kg, free from ฿1,500
    la_un_express: ShippingMethod  # ฿90 up to 20 kg, never free
    kapoe_post: ShippingMethod  # ฿40 up to 20 kg, free from ฿1,000
    suksamran_pickup: ShippingMethod  # ฿0: fetched at the cooperative


def build_coffee_shop() -> CoffeeShop:
    la_un = CooperativeFactory(slug="la-un-growers", name_en="La-un Growers")
    kapoe = CooperativeFactory(slug="kapoe-cashews", name_en="Kapoe Cashew Group")
    suksamran = CooperativeFactory(slug="suksamran", name_en="Suksamran Farmers")
    robusta = stocked_pack(
        20,
        product=ProductFactory(
            cooperative=la_un, slug="robusta", name_en="Medium Roast Robusta", variants=0
        ),
        sku="ROB-250",
        name_en="250 g bag",
        price_satang=18_000,
        weight_grams=280,
    )
    cashews = stocked_pack(
        15,
        product=ProductFactory(
            cooperative=kapoe, slug="cashews", name_en="Roasted Cashews", variants=0
        ),
        sku="CASH-500",
        name_en="500 g pouch",
        price_satang=25_000,
        weight_grams=520,
    )
    shop = CoffeeShop(
        la_un=la_un,
        kapoe=kapoe,
        suksamran=suksamran,
        robusta=robusta,
        cashews=cashews,
        la_un_post=ShippingMethodFactory(
            cooperative=la_un,
            name_en="Thailand Post EMS",
            rates=[(5_000, 5_000), (20_000, 8_000)],
            free_over_satang=150_000,
        ),
        la_un_express=ShippingMethodFactory(
            cooperative=la_un, name_en="Kerry Express", position=1, rates=[(20_000, 9_000)]
        ),
        kapoe_post=ShippingMethodFactory(
            cooperative=kapoe,
            name_en="Thailand Post EMS",
            rates=[(20_000, 4_000)],
            free_over_satang=100_000,
        ),
        suksamran_pickup=ShippingMethodFactory(
            cooperative=suksamran, name_en="Pick up at the cooperative", rates=[(20_000, 0)]
        ),
    )
    db.session.flush()
    return shop


# --- reading pages like a buyer ---------------------------------------------------------------


def text_of(response) -> str:
    """The page's HTML with entities decoded ("recipient's", not "recipient&#39;s")."""
    return html.unescape(response.get_data(as_text=True))


def flashes(response) -> list[tuple[str, str]]:
    """(category, message) of every flashed message on the page."""
    found = re.findall(r'<p class="flash flash-(\w+)">(.*?)</p>', response.get_data(as_text=True))
    return [(category, html.unescape(message)) for category, message in found]


def header_count(response) -> int:
    """The number on the header's cart link."""
    match = re.search(r'<span class="cart-count">(\d+)</span>', response.get_data(as_text=True))
    assert match, "no cart count in the header"
    return int(match.group(1))


def totals(fragment: str) -> dict[str, str]:
    """The label → amount pairs of a totals list (``<dl class="totals">``)."""
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", fragment, re.S)
    return {html.unescape(dt).strip(): html.unescape(dd).strip() for dt, dd in pairs}


def section(html_text: str, css_class: str) -> str:
    """The first ``<section class="card {css_class}" …>`` of a page."""
    match = re.search(rf'<section class="card {css_class}".*?</section>', html_text, re.S)
    assert match, f"no {css_class} section on the page"
    return match.group(0)


def log_in(client, email: str, password: str = PASSWORD):
    response = client.post("/account/login?lang=en", data={"email": email, "password": password})
    assert response.status_code == 302, "log-in failed"
    return response
