"""Test data for the platform admin: an admin, other users, and orders placed directly.

Orders are written as rows (not bought through the pages) so each test can set the exact
amounts, commission snapshots, refunds and payment times a report has to add up.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.orders.models import (
    Order,
    OrderStatus,
    PaymentMethod,
    SellerOrder,
    SellerOrderStatus,
)
from tests.cart.builders import log_in
from tests.factories import CooperativeFactory, UserFactory

BANGKOK = ZoneInfo("Asia/Bangkok")
_numbers = itertools.count(1000)


def bangkok(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A moment in Thai time (the shop's business days), stored as UTC by the models."""
    return datetime(year, month, day, hour, minute, tzinfo=BANGKOK)


def place(
    parts: list[tuple[Cooperative, int, int, int]],
    *,
    paid_at: datetime | None,
    status: SellerOrderStatus = SellerOrderStatus.PAID,
    refunded: dict[int, int] | None = None,
    statuses: dict[int, SellerOrderStatus] | None = None,
    email: str = "buyer@example.org",
    number: str | None = None,
) -> Order:
    """An order with one seller order per ``(cooperative, goods, shipping, commission_bp)``.

    ``refunded`` and ``statuses`` map a part's index to its refunded satang and its status.
    """
    n = next(_numbers)
    goods = sum(p[1] for p in parts)
    shipping = sum(p[2] for p in parts)
    order = Order(
        number=number or f"RN-{n:04d}-0000",
        token=f"token-{n}",
        email=email,
        status=OrderStatus.PAID if paid_at else OrderStatus.PENDING_PAYMENT,
        payment_method=PaymentMethod.TRANSFER,
        ship_name="Malee Srisuk",
        ship_phone="0812345678",
        ship_line1="99/1 Phetkasem Road",
        ship_subdistrict="Bang Non",
        ship_district="Mueang Ranong",
        ship_province="TH-85",
        ship_postcode="85000",
        goods_satang=goods,
        shipping_satang=shipping,
        total_satang=goods + shipping,
        expires_at=paid_at or bangkok(2030, 1, 1),
        paid_at=paid_at,
    )
    if paid_at is not None:
        order.created_at = paid_at
    for i, (coop, part_goods, part_shipping, bp) in enumerate(parts):
        order.seller_orders.append(
            SellerOrder(
                cooperative_id=coop.id,
                status=(statuses or {}).get(
                    i, status if paid_at else SellerOrderStatus.PENDING_PAYMENT
                ),
                goods_satang=part_goods,
                shipping_satang=part_shipping,
                shipping_method_name="Thailand Post EMS",
                weight_grams=500,
                commission_bp=bp,
                refunded_satang=(refunded or {}).get(i, 0),
            )
        )
    db.session.add(order)
    db.session.flush()
    return order


def admin_user() -> User:
    return UserFactory(email="office@ranong-coop.example.org", is_platform_admin=True)


def log_in_admin(client) -> User:
    admin = admin_user()
    db.session.commit()
    log_in(client, admin.email)
    return admin


def staff_of(cooperative: Cooperative, email: str, role=MembershipRole.OWNER) -> User:
    user = UserFactory(email=email)
    db.session.add(CooperativeMembership(user=user, cooperative=cooperative, role=role))
    return user


def two_cooperatives() -> tuple[Cooperative, Cooperative]:
    la_un = CooperativeFactory(
        slug="la-un-growers", name_th="สหกรณ์ละอุ่น", name_en="La-un Growers", commission_bp=500
    )
    kapoe = CooperativeFactory(
        slug="kapoe-cashews",
        name_th="สหกรณ์กะเปอร์",
        name_en="Kapoe Cashew Group",
        commission_bp=750,
    )
    return la_un, kapoe
