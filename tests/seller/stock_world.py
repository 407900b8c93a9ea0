"""Shared set-up for the stock and CSV tests: two cooperatives, their staff and a customer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.catalog.models import Cooperative, Variant
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from tests.factories import CooperativeFactory, ProductFactory, UserFactory, VariantFactory

PASSWORD = "correct horse battery"


def log_in(client, email):
    response = client.post("/account/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302


def stocked_variant(product, *, stock: int, threshold: int = 5, **kwargs) -> Variant:
    """A variant whose stock came in through the ledger, as in real life."""
    variant = VariantFactory(product=product, stock=0, low_stock_threshold=threshold, **kwargs)
    if stock:
        change_stock(variant.id, stock, StockReason.RECEIPT)
    return variant


@dataclass
class World:
    la_un: Cooperative
    kapoe: Cooperative
    staff: User
    owner: User
    other_staff: User
    bag: Variant  # La-un: stock 20, low at 5
    kapoe_bag: Variant  # Kapoe: stock 7


@pytest.fixture
def world(session) -> World:
    la_un = CooperativeFactory(slug="la-un", name_en="La-un Growers")
    kapoe = CooperativeFactory(slug="kapoe", name_en="Kapoe Cooperative")
    staff = UserFactory(email="staff@la-un.example.org", name="Somchai", locale="en")
    owner = UserFactory(email="owner@la-un.example.org", name="Malee", locale="my")
    other = UserFactory(email="staff@kapoe.example.org", name="Aung", locale="th")
    session.add_all(
        [
            CooperativeMembership(user=staff, cooperative=la_un, role=MembershipRole.STAFF),
            CooperativeMembership(user=owner, cooperative=la_un, role=MembershipRole.OWNER),
            CooperativeMembership(user=other, cooperative=kapoe, role=MembershipRole.STAFF),
        ]
    )
    UserFactory(email="customer@example.org")
    product = ProductFactory(
        cooperative=la_un,
        variants=0,
        name_th="กาแฟโรบัสต้าคั่วเข้ม",
        name_en="Dark roast robusta",
        name_my="အနက်ရောင်လှော် ရိုဘတ်စတာ",
    )
    bag = stocked_variant(product, stock=20, sku="LAUN-250")
    kapoe_product = ProductFactory(cooperative=kapoe, variants=0)
    kapoe_bag = stocked_variant(kapoe_product, stock=7, sku="KAPOE-500")
    session.commit()
    return World(la_un, kapoe, staff, owner, other, bag, kapoe_bag)
