"""The audit log: the office reads every cooperative's changes, an owner reads their own, each
change as a sentence in the reader's language, on a page that stays a few queries."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from shop.accounts.models import MembershipRole, User
from shop.catalog.models import Cooperative, Variant
from shop.extensions import db
from shop.platform.audit import record
from shop.platform.audit_log import ENTRIES_PAGE_SIZE
from shop.platform.models import AuditEntry
from tests.cart.builders import log_in, text_of
from tests.factories import ProductFactory, UserFactory
from tests.platform.builders import admin_user, bangkok, staff_of, two_cooperatives

PRICE = "Changed the price of LAUN-250 from ฿180 to ฿200"
ADJUST = "Changed the stock of LAUN-250 by -2 (Damaged); 18 in stock"
INVITE = "Invited aung@kapoe.example.org (Staff)"
SUSPEND = "Suspended Kapoe Cashew Group"


def sentences(response) -> list[str]:
    """The "what changed" cell of every row, newest first."""
    assert response.status_code == 200
    cells = re.findall(r"<td>(?:<a [^>]*>)?([^<]*)(?:</a>)?</td>\s*</tr>", response.text)
    return [html.unescape(cell) for cell in cells]


@dataclass
class AuditWorld:
    la_un: Cooperative
    kapoe: Cooperative
    pack: Variant  # La-un's
    la_un_owner: User
    la_un_staff: User
    kapoe_owner: User
    admin: User


def logged(entry, when):
    entry.created_at = when
    return entry


@pytest.fixture
def world(session) -> AuditWorld:
    """Four changes: La-un's price and stock, Kapoe's invitation, the office suspending Kapoe;
    the last one on 16 March in Thai time but still 15 March in UTC."""
    la_un, kapoe = two_cooperatives()
    pack = ProductFactory(cooperative=la_un, name_en="Dark roast robusta", variants=1).variants[0]
    pack.sku = "LAUN-250"
    la_un_owner = staff_of(la_un, "malee@la-un.example.org")
    la_un_owner.name = "Malee"
    la_un_staff = staff_of(la_un, "nok@la-un.example.org", MembershipRole.STAFF)
    kapoe_owner = staff_of(kapoe, "somsri@kapoe.example.org")
    kapoe_owner.name = "Somsri"
    admin = admin_user()
    session.flush()
    logged(
        record(
            "variant.price_change",
            pack,
            actor_id=la_un_owner.id,
            cooperative_id=la_un.id,
            price_satang=[18000, 20000],
        ),
        bangkok(2026, 3, 2),
    )
    logged(
        record(
            "stock.adjust",
            pack,
            actor_id=la_un_staff.id,
            cooperative_id=la_un.id,
            sku="LAUN-250",
            stock_after=18,
            quantity=-2,
            kind="damaged",
            note="",
        ),
        bangkok(2026, 3, 10),
    )
    logged(
        record(
            "staff.invite",
            None,
            actor_id=kapoe_owner.id,
            cooperative_id=kapoe.id,
            email="aung@kapoe.example.org",
            role="staff",
        ),
        bangkok(2026, 3, 15),
    )
    logged(
        record("cooperative.suspend", kapoe, actor_id=admin.id, cooperative_id=kapoe.id),
        bangkok(2026, 3, 16, 6, 0),
    )
    session.commit()
    return AuditWorld(la_un, kapoe, pack, la_un_owner, la_un_staff, kapoe_owner, admin)


def test_the_office_reads_every_cooperatives_changes_newest_first(client, world):
    log_in(client, world.admin.email)
    page = client.get("/admin/audit?lang=en")
    assert sentences(page) == [SUSPEND, INVITE, ADJUST, PRICE]
    text = text_of(page)
    assert "4 changes" in text
    assert "Malee" in text
    assert "Kapoe Cashew Group" in text
    assert 'href="/admin/audit" aria-current="page"' in page.text
    assert f'href="/admin/cooperatives/{world.kapoe.id}"' in page.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"cooperative": "la-un"}, [ADJUST, PRICE]),
        ({"group": "prices"}, [PRICE]),
        ({"group": "stock"}, [ADJUST]),
        ({"group": "staff"}, [INVITE]),
        ({"group": "cooperatives"}, [SUSPEND]),
        ({"group": "orders"}, []),
        ({"actor": "SOMSRI"}, [INVITE]),
        ({"actor": "@la-un.example"}, [ADJUST, PRICE]),
        ({"actor": "nobody"}, []),
        ({"date_from": "2026-03-10", "date_to": "2026-03-15"}, [INVITE, ADJUST]),
        ({"date_from": "2026-03-16"}, [SUSPEND]),
        ({"date_to": "2026-03-02"}, [PRICE]),
        ({"cooperative": "la-un", "group": "stock", "actor": "nok"}, [ADJUST]),
    ],
)
def test_the_office_filters_by_cooperative_kind_person_and_thai_day(client, world, query, expected):
    if query.get("cooperative") == "la-un":
        query = {**query, "cooperative": str(world.la_un.id)}
    log_in(client, world.admin.email)
    assert sentences(client.get("/admin/audit", query_string={**query, "lang": "en"})) == expected


def test_an_owner_reads_only_their_own_cooperatives_changes(client, world):
    log_in(client, world.la_un_owner.email)
    assert sentences(client.get("/seller/audit?lang=en")) == [ADJUST, PRICE]
    forged = client.get(f"/seller/audit?lang=en&cooperative={world.kapoe.id}&group=staff")
    assert sentences(forged) == []
    assert "Kapoe" not in text_of(client.get(f"/seller/audit?lang=en&cooperative={world.kapoe.id}"))


def test_only_owners_find_the_log_in_the_seller_backend(app, client, world):
    log_in(client, world.la_un_owner.email)
    assert 'href="/seller/audit"' in client.get("/seller?lang=en").text
    staff = app.test_client()
    log_in(staff, world.la_un_staff.email)
    assert 'href="/seller/audit"' not in staff.get("/seller?lang=en").text
    assert staff.get("/seller/audit?lang=en").status_code == 403
    customer = app.test_client()
    UserFactory(email="customer@example.org")
    db.session.commit()
    log_in(customer, "customer@example.org")
    assert customer.get("/seller/audit").status_code == 403
    assert customer.get("/admin/audit").status_code == 403


def test_a_price_changed_on_the_pack_page_reads_as_a_sentence_with_both_prices(client, world):
    log_in(client, world.la_un_owner.email)
    product_id, pack = world.pack.product_id, world.pack
    response = client.post(
        f"/seller/products/{product_id}/variants/{pack.id}/edit",
        data={
            "sku": pack.sku,
            "name_th": pack.name_th,
            "name_en": pack.name_en,
            "name_my": pack.name_my,
            "pack_size": str(pack.pack_size),
            "weight_grams": str(pack.weight_grams),
            "price": "215.50",
            "low_stock_threshold": str(pack.low_stock_threshold),
        },
    )
    assert response.status_code == 302
    page = client.get("/seller/audit?lang=en&group=prices")
    assert sentences(page)[0] == "Changed the price of LAUN-250 from ฿180 to ฿215.50"
    assert f'href="/seller/products/{product_id}/variants/{pack.id}/edit"' in page.text
    assert "Malee" in text_of(page)
    changes = sentences(client.get("/seller/audit?lang=en&group=products"))
    assert (
        changes[0] == "Changed the pack LAUN-250: Retail price (baht, VAT included): ฿180 → ฿215.50"
    )


def test_the_owner_reads_the_log_in_thai(client, world):
    log_in(client, world.la_un_owner.email)
    page = text_of(client.get("/seller/audit?lang=th"))
    assert "฿180" in page
    assert "LAUN-250" in page


@pytest.mark.parametrize(
    ("viewer", "url"), [("admin", "/admin/audit?lang=en"), ("la_un_owner", "/seller/audit?lang=en")]
)
def test_what_people_typed_is_shown_as_text_never_run(client, world, viewer, url):
    product = ProductFactory(cooperative=world.la_un, name_en="<script>alert('name')</script>")
    record("product.publish", product, actor_id=world.la_un_owner.id, cooperative_id=world.la_un.id)
    record(
        "mystery.change",
        None,
        actor_id=world.la_un_owner.id,
        cooperative_id=world.la_un.id,
        note='<img src=x onerror="alert(1)">',
    )
    db.session.commit()
    log_in(client, getattr(world, viewer).email)
    page = client.get(url)
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text
    assert "Published <script>alert('name')</script> in the shop" in sentences(page)
    assert 'mystery.change: note: <img src=x onerror="alert(1)">' in sentences(page)


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "0"},
        {"page": "99999999999999999999"},
        {"page": "²"},
        {"date_from": "yesterday"},
        {"date_to": "2026-02-30"},
        {"group": "nope"},
        {"cooperative": "abc"},
        {"cooperative": "999999"},
        {"actor": "%_"},
        {"actor": "x" * 500},
    ],
)
def test_junk_in_the_address_gives_the_normal_page(app, client, world, query):
    log_in(client, world.admin.email)
    assert client.get("/admin/audit", query_string=query).status_code == 200
    owner = app.test_client()
    log_in(owner, world.la_un_owner.email)
    assert owner.get("/seller/audit", query_string=query).status_code == 200


def test_a_nul_in_the_address_is_refused_at_the_door(client, world):
    """A NUL byte reaches no query (shop.core.request_input answers 400 for any input)."""
    log_in(client, world.admin.email)
    assert client.get("/admin/audit", query_string={"actor": "\x00%_"}).status_code == 400


def test_a_page_costs_the_same_queries_for_5_and_50_changes(app, client, world, count_queries):
    log_in(client, world.admin.email)
    owner = app.test_client()
    log_in(owner, world.la_un_owner.email)

    def add(n):
        """n more changes by new people: La-un's products and prices, Kapoe's stock."""
        for i in range(n):
            actor = UserFactory()
            coop = world.la_un if i % 3 else world.kapoe
            product = ProductFactory(cooperative=coop, variants=1)
            pack = product.variants[0]
            coop_id = coop.id
            if i % 3 == 0:
                details = {"sku": pack.sku, "stock_after": 30, "quantity": 10, "note": ""}
                record("stock.receive", pack, actor_id=actor.id, cooperative_id=coop_id, **details)
            elif i % 3 == 1:
                record("product.publish", product, actor_id=actor.id, cooperative_id=coop_id)
            else:
                prices = [18000, 18000 + i]
                record(
                    "variant.price_change",
                    pack,
                    actor_id=actor.id,
                    cooperative_id=coop_id,
                    price_satang=prices,
                )
        db.session.commit()

    def queries(viewer, url):
        viewer.get(url)  # warm up: the first request loads what every one needs
        with count_queries() as counter:
            assert viewer.get(url).status_code == 200
        return counter.count

    add(1)  # 5 in all
    few = queries(client, "/admin/audit"), queries(owner, "/seller/audit")
    add(45)  # 50 in all
    assert "50 changes" in client.get("/admin/audit?lang=en").text
    many = queries(client, "/admin/audit"), queries(owner, "/seller/audit")
    assert many == few


def test_a_long_log_pages_and_the_next_page_keeps_the_filters(client, world, session):
    for _ in range(ENTRIES_PAGE_SIZE + 1):
        record(
            "cooperative.suspend",
            world.kapoe,
            actor_id=world.admin.id,
            cooperative_id=world.kapoe.id,
        )
    session.commit()
    kapoe_entries = session.scalar(
        select(func.count(AuditEntry.id)).where(AuditEntry.cooperative_id == world.kapoe.id)
    )
    log_in(client, world.admin.email)

    first = client.get(f"/admin/audit?lang=en&cooperative={world.kapoe.id}")
    assert "Page 1 of 2" in text_of(first)
    assert len(sentences(first)) == ENTRIES_PAGE_SIZE
    next_url = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', first.text).group(1))
    assert f"cooperative={world.kapoe.id}" in next_url
    second = client.get(next_url)
    assert "Page 2 of 2" in text_of(second)
    assert len(sentences(second)) == kapoe_entries - ENTRIES_PAGE_SIZE
