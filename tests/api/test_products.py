"""The catalogue by API: the partner's own prices and breaks (the same as on /wholesale), rules,
stock, the kyat reference, names in the language asked for, cursor pages and updated_since."""

from __future__ import annotations

from datetime import timedelta

from shop.catalog.models import ProductStatus
from shop.core.days import today
from shop.core.db import utcnow
from shop.pricing.exchange import set_rate
from shop.pricing.models import QuantityRule
from shop.pricing.terms import set_wholesale_terms, stop_wholesale, terms_of
from tests.api.conftest import bearer
from tests.cart.builders import stocked_pack
from tests.factories import ProductFactory


def test_products_give_the_partners_own_prices_rules_and_stock(client, world):
    answer = client.get("/api/v1/products", headers=bearer(world.key_a))
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["next_cursor"] is None
    (item,) = body["items"]  # only wholesale packs; retail-only ones are not sold here
    assert item["sku"] == "RNG-3IN1-30"
    assert item["retail_price_satang"] == 6_500
    # the list's 15% off (฿55.25) from 24, then the breaks ฿50 from 48 and ฿45 from 120
    assert [(b["min_quantity"], b["unit_price_satang"]) for b in item["price_breaks"]] == [
        (24, 5_525),
        (48, 5_000),
        (120, 4_500),
    ]
    assert item["unit_price_satang"] == 5_525
    assert item["quantity_rule"] == {"minimum": 24, "increment": 24, "maximum": 100_000}
    assert item["stock"] == 1_000
    assert item["cartons_in_stock"] == 41
    assert item["mmk_reference"] is None  # no rate set
    assert item["cooperative"]["slug"] == "la-un-growers"
    assert [m["name"] for m in item["cooperative"]["delivery_methods"]] == [
        "Delivery to Kawthaung pier"
    ]


def test_partner_b_without_a_price_list_gets_no_wholesale_terms(client, world):
    # Partner B has no price list: the shop treats it as retail (no wholesale packs).
    answer = client.get("/api/v1/products", headers=bearer(world.key_b))
    assert answer.status_code == 200
    assert answer.get_json()["items"] == []


def test_one_product_by_sku_and_unknown_skus(client, world):
    answer = client.get("/api/v1/products/RNG-3IN1-30", headers=bearer(world.key_a))
    assert answer.status_code == 200
    assert answer.get_json()["sku"] == "RNG-3IN1-30"
    for sku in ("ROB-250", "NOPE", "x" * 300):  # retail-only, unknown, absurd
        missing = client.get(f"/api/v1/products/{sku}", headers=bearer(world.key_a))
        assert missing.status_code == 404
        assert missing.content_type == "application/problem+json"


def test_names_follow_accept_language(client, world):
    for header, expected in (
        ("my", "my"),
        ("th-TH,th;q=0.9", "th"),
        ("fr", "en"),
        ("", "en"),
        ("my-MM,en-US;q=0.9,en;q=0.8", "my"),  # what phones and HTTP libraries send
        ("th-TH,en-US;q=0.9,en;q=0.8", "th"),
        ("en-US;q=0.5,my-MM;q=0.8", "my"),
        ("*", "en"),
        ("my;q=abc", "en"),
    ):
        answer = client.get(
            "/api/v1/products/RNG-3IN1-30",
            headers=bearer(world.key_a, **{"Accept-Language": header}),
        )
        assert answer.headers["Content-Language"] == expected
    burmese = client.get(
        "/api/v1/products/RNG-3IN1-30", headers=bearer(world.key_a, **{"Accept-Language": "my"})
    ).get_json()
    assert burmese["name"] == world.sachets.name_my


def test_kyat_reference_follows_the_offices_rate(client, world, session):
    set_rate(62_500_000, today(), actor_id=world.partners.admin.id)
    session.commit()
    item = client.get("/api/v1/products/RNG-3IN1-30", headers=bearer(world.key_a)).get_json()
    assert item["mmk_reference"]["kyat_per_baht"] == "62.5"
    assert item["mmk_reference"]["unit_price_kyat"] == 3_450  # ฿55.25 × 62.5, to 10 kyat


def _more_packs(session, world, count: int):
    product = ProductFactory(cooperative=world.wholesale.shop.la_un, slug="beans", variants=0)
    packs = []
    for n in range(count):
        pack = stocked_pack(240, product=product, sku=f"BEAN-{n:03d}", price_satang=20_000)
        session.add(QuantityRule(variant=pack, case_pack=12, min_quantity=12))
        packs.append(pack)
    session.commit()
    return packs


def test_cursor_pages_cover_everything_once(client, world, session):
    _more_packs(session, world, 6)
    seen, cursor, pages = [], None, 0
    while True:
        url = "/api/v1/products?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url, headers=bearer(world.key_a)).get_json()
        seen += [item["sku"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert sorted(seen) == sorted({*seen})
    assert len(seen) == 7


def test_bad_limits_and_cursors_are_400_not_cut(client, world):
    for query in (
        "limit=201",
        "limit=0",
        "limit=abc",
        "cursor=garbage",
        "cursor=eyJrIjoib3JkZXJzIiwicCI6MX0",
        "updated_since=yesterday",
        "updated_since=2026-01-01T00:00:00",
        "updated_since=0001-01-01T00:00:00%2B14:00",  # before year 1 in UTC
    ):
        answer = client.get(f"/api/v1/products?{query}", headers=bearer(world.key_a))
        assert answer.status_code == 400, query
        body = answer.get_json()
        assert body["type"] == "/api/v1/problems/bad-request"
        assert body["errors"]
    assert client.get("/api/v1/products?limit=200", headers=bearer(world.key_a)).status_code == 200


def test_updated_since_gives_only_what_changed(client, world, session):
    later = (utcnow() + timedelta(seconds=5)).isoformat()
    answer = client.get(
        "/api/v1/products", query_string={"updated_since": later}, headers=bearer(world.key_a)
    )
    assert answer.get_json()["items"] == []
    earlier = (utcnow() - timedelta(hours=1)).isoformat()
    answer = client.get(
        "/api/v1/products", query_string={"updated_since": earlier}, headers=bearer(world.key_a)
    )
    assert [i["sku"] for i in answer.get_json()["items"]] == ["RNG-3IN1-30"]


def test_updated_since_sees_changed_price_breaks_and_a_new_kyat_rate(client, world, session):

    def changed_since(moment):
        answer = client.get(
            "/api/v1/products",
            query_string={"updated_since": moment.isoformat()},
            headers=bearer(world.key_a),
        )
        return [item["sku"] for item in answer.get_json()["items"]]

    sachets = world.sachets
    before = terms_of([sachets.id])[sachets.id]
    moment = utcnow() + timedelta(microseconds=1)
    assert changed_since(moment) == []
    # The cooperative lowers one break's price only: rule and pack rows stay as they were.
    lower = tuple((units, price - 100) for units, price in before.breaks)
    set_wholesale_terms(
        sachets, before.case_pack, before.min_quantity, before.max_quantity, lower, actor_id=None
    )
    session.commit()
    assert changed_since(moment) == [sachets.sku]

    later = utcnow() + timedelta(microseconds=1)
    assert changed_since(later) == []
    set_rate(61_000_000, today(), actor_id=world.partners.admin.id)  # every kyat price moves
    session.commit()
    assert len(changed_since(later)) == len(changed_since(moment - timedelta(days=1)))


def test_updated_since_names_the_packs_taken_off_sale(client, world, session):
    """A sync by updated_since learns which SKUs to remove: a pack no longer sold wholesale,
    a product taken down."""

    def since(moment):
        return client.get(
            "/api/v1/products",
            query_string={"updated_since": moment.isoformat()},
            headers=bearer(world.key_a),
        ).get_json()

    moment = utcnow() + timedelta(microseconds=1)
    assert since(moment) == {"items": [], "withdrawn": [], "next_cursor": None}
    full = client.get("/api/v1/products", headers=bearer(world.key_a)).get_json()
    assert full["withdrawn"] == []  # a full sync is the whole truth

    sachets = world.sachets
    assert stop_wholesale(sachets, actor_id=None)  # sold at retail only from now
    session.commit()
    answer = since(moment)
    assert answer["items"] == []
    assert answer["withdrawn"] == [sachets.sku]

    before = terms_of([sachets.id]).get(sachets.id)
    assert before is None
    set_wholesale_terms(sachets, 24, 24, None, [], actor_id=None)  # back on sale...
    session.commit()
    later = utcnow() + timedelta(microseconds=1)
    assert [i["sku"] for i in since(moment)["items"]] == [sachets.sku]
    sachets.product.status = ProductStatus.ARCHIVED  # ...and the product is taken down
    session.commit()
    answer = since(later)
    assert (answer["items"], answer["withdrawn"]) == ([], [sachets.sku])


def test_a_changed_price_list_or_partner_resends_every_pack(client, world, session):
    """The office changes the partner's list discount: every price moved, so updated_since
    gives every pack (the partner is never left with old prices)."""

    def since(moment):
        answer = client.get(
            "/api/v1/products",
            query_string={"updated_since": moment.isoformat()},
            headers=bearer(world.key_a),
        )
        return [item["sku"] for item in answer.get_json()["items"]]

    moment = utcnow() + timedelta(microseconds=1)
    assert since(moment) == []
    world.partners.price_list.discount_bp = 2_500
    session.commit()
    assert since(moment) == [world.sachets.sku]
    later = utcnow() + timedelta(microseconds=1)
    assert since(later) == []
    world.partners.a.price_list = world.partners.old_list  # moved to another list
    world.partners.old_list.is_active = True
    session.commit()
    assert since(later) == [world.sachets.sku]
