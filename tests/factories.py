"""factory_boy factories for catalogue and account rows, bound to the app's session."""

from __future__ import annotations

import factory
from factory.alchemy import SQLAlchemyModelFactory

from shop.accounts.models import User
from shop.catalog.models import (
    Category,
    Cooperative,
    CooperativeStatus,
    Product,
    ProductStatus,
    RanongDistrict,
    Variant,
)
from shop.core.db import utcnow
from shop.extensions import db
from shop.pricing.models import PriceList
from shop.wholesale.models import PartnerMembership, PartnerRole, PartnerShop, PartnerShopStatus


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class CooperativeFactory(Base):
    class Meta:
        model = Cooperative

    slug = factory.Sequence(lambda n: f"coop-{n}")
    name_th = factory.Sequence(lambda n: f"สหกรณ์การเกษตรทดสอบ {n} จำกัด")
    name_en = factory.Sequence(lambda n: f"Test Agricultural Cooperative {n}")
    name_my = factory.Sequence(lambda n: f"စမ်းသပ် သမဝါယမ {n}")
    story_th = "สหกรณ์ของเกษตรกรผู้ปลูกกาแฟโรบัสต้า"
    story_en = "A cooperative of robusta growers."
    story_my = "ရိုဘတ်စတာ ကော်ဖီစိုက်ပျိုးသူများ၏ သမဝါယမ"
    district = RanongDistrict.LA_UN
    status = CooperativeStatus.ACTIVE
    # Prices include VAT and pages show its part: a test of a cooperative without VAT says so.
    vat_registered = True


class CategoryFactory(Base):
    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_th = factory.Sequence(lambda n: f"หมวด {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_my = factory.Sequence(lambda n: f"အမျိုးအစား {n}")


class ProductFactory(Base):
    """A published product; pass ``variants=N`` (default 1) to give it N variants."""

    class Meta:
        model = Product

    slug = factory.Sequence(lambda n: f"product-{n}")
    cooperative = factory.SubFactory(CooperativeFactory)
    category = factory.SubFactory(CategoryFactory)
    name_th = factory.Sequence(lambda n: f"กาแฟโรบัสต้าคั่วกลาง {n}")
    name_en = factory.Sequence(lambda n: f"Medium roast robusta {n}")
    name_my = factory.Sequence(lambda n: f"အလယ်အလတ်လှော် ရိုဘတ်စတာ {n}")
    description_th = "สินค้าจากสหกรณ์ในจังหวัดระนอง"
    description_en = "Goods from a Ranong cooperative."
    description_my = "ရနောင်း သမဝါယမ ထုတ်ကုန်"
    status = ProductStatus.ACTIVE
    published_at = factory.LazyFunction(utcnow)

    @factory.post_generation
    def variants(product, create, count, **kwargs):
        for i in range(1 if count is None else count):
            VariantFactory(product=product, position=i, **kwargs)
        db.session.flush()
        db.session.refresh(product)
        product.refresh_min_price()
        db.session.flush()


class VariantFactory(Base):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory, variants=0)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name_th = "ถุง 250 กรัม"
    name_en = "250 g bag"
    name_my = "၂၅၀ ဂရမ် အိတ်"
    weight_grams = 280
    price_satang = 18000
    stock = 20
    low_stock_threshold = 5


class UserFactory(Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Sequence(lambda n: f"Buyer {n}")
    locale = "th"
    password_hash = ""

    @factory.post_generation
    def password(user, create, value, **kwargs):
        user.set_password(value or "correct horse battery")


class PriceListFactory(Base):
    class Meta:
        model = PriceList

    name = factory.Sequence(lambda n: f"Price list {n}")
    discount_bp = 1500
    is_active = True


class PartnerShopFactory(Base):
    """An approved, prepaid partner company in Kawthaung (Burmese mails)."""

    class Meta:
        model = PartnerShop

    slug = factory.Sequence(lambda n: f"partner-{n}")
    name = factory.Sequence(lambda n: f"Kawthaung Trading {n}")
    contact_name = "ဦးအောင်ကျော်မိုး"
    phone = "+959423318765"
    address_line = "No. 12, Bogyoke Road"
    ward = "Ward 2"
    township = "Kawthaung"
    region = "MM-05"
    registration_number = factory.Sequence(lambda n: f"1057{n:05d}")
    preferred_language = "my"
    status = PartnerShopStatus.APPROVED
    approved_at = factory.LazyFunction(utcnow)


def partner_member(partner, email: str, role=PartnerRole.PARTNER_ADMIN, **user_fields) -> User:
    """A user who belongs to ``partner`` with ``role``."""
    user = UserFactory(email=email, **user_fields)
    db.session.add(PartnerMembership(user=user, partner=partner, role=role))
    db.session.flush()
    return user
