"""Wholesale fixtures: partner companies in every status, their members, price lists, an admin."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from shop.accounts.models import User
from shop.catalog.models import Variant
from shop.extensions import db
from shop.platform.models import AuditEntry
from shop.pricing.models import PriceBreak, PriceList, QuantityRule
from shop.wholesale.models import PartnerRole, PartnerShop, PartnerShopStatus
from tests.cart.builders import CoffeeShop, ShippingMethodFactory, build_coffee_shop, stocked_pack
from tests.factories import (
    PartnerShopFactory,
    PriceListFactory,
    ProductFactory,
    UserFactory,
    partner_member,
)


@dataclass
class Partners:
    """Partner A (approved, with an admin and a buyer), partner B (approved), an application
    waiting, a suspended partner; two price lists (one inactive); the platform admin."""

    a: PartnerShop
    b: PartnerShop
    waiting: PartnerShop
    suspended: PartnerShop
    price_list: PriceList
    old_list: PriceList
    admin: User


@pytest.fixture
def partners(session) -> Partners:
    price_list = PriceListFactory(name="Kawthaung partners", discount_bp=1500)
    old_list = PriceListFactory(name="Old list", discount_bp=500, is_active=False)
    a = PartnerShopFactory(name="Shwe Pyi Thar Trading", price_list=price_list)
    b = PartnerShopFactory(name="Aung Myint Mo Mini Mart", preferred_language="th")
    waiting = PartnerShopFactory(
        name="Pyi Taw Win Grocery", status=PartnerShopStatus.PENDING, approved_at=None
    )
    suspended = PartnerShopFactory(name="Moe Trading", status=PartnerShopStatus.SUSPENDED)
    partner_member(a, "admin-a@example.org", name="U Aung Kyaw Moe", locale="my")
    partner_member(a, "buyer-a@example.org", PartnerRole.BUYER, name="Ma Hnin")
    partner_member(b, "admin-b@example.org", name="Daw Myint Myint Aye")
    partner_member(waiting, "admin-waiting@example.org", name="Ko Zaw Min Htut")
    partner_member(suspended, "admin-suspended@example.org", name="U Moe")
    admin = UserFactory(email="office@ranong-coop.example.org", is_platform_admin=True)
    session.commit()
    return Partners(a, b, waiting, suspended, price_list, old_list, admin)


def translated(message: str, lang: str, **values) -> str:
    """``message`` as the shop writes it in ``lang`` (from the catalogues)."""
    with force_locale(lang):
        return gettext(message, **values)


def audit_actions() -> list[str]:
    return [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


@dataclass
class Wholesale:
    shop: CoffeeShop
    sachets: Variant  # "Raenong Coffee 3-in-1", box of 30 sachets: ฿65 retail, cartons of 24


@pytest.fixture
def wholesale(partners, session) -> Wholesale:
    shop = build_coffee_shop()
    sachets = stocked_pack(
        1_000,
        product=ProductFactory(
            cooperative=shop.la_un, slug="three-in-one", name_en="Raenong Coffee 3-in-1", variants=0
        ),
        sku="RNG-3IN1-30",
        name_en="Box of 30 sachets",
        price_satang=6_500,
        weight_grams=600,
    )
    session.add(QuantityRule(variant=sachets, case_pack=24, min_quantity=24))
    session.add_all(
        [
            PriceBreak(variant=sachets, min_quantity=48, unit_price_satang=5_000),
            PriceBreak(variant=sachets, min_quantity=120, unit_price_satang=4_500),
        ]
    )
    ShippingMethodFactory(
        cooperative=shop.la_un,
        name_en="Delivery to Kawthaung pier",
        for_retail=False,
        for_wholesale=True,
        price_per_carton_satang=2_500,
        rates=[],
    )
    ShippingMethodFactory(
        cooperative=shop.kapoe,
        name_en="Collection in Kapoe",
        for_retail=False,
        for_wholesale=True,
        rates=[(1_000_000, 0)],
    )
    UserFactory(email="malee@example.org", name="Malee Srisuk", locale="en")
    session.commit()
    return Wholesale(shop, sachets)
