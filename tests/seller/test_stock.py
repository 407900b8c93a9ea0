"""Staff receive goods, adjust stock with a reason and read the ledger; stock never goes below 0,
another cooperative's variants stay out of reach, and staff hear once when stock runs low."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from shop.extensions import db
from shop.inventory.models import AdjustmentKind, StockMovement, StockReason
from shop.inventory.services import (
    InsufficientStock,
    StockChangeRefused,
    adjust_stock,
    change_stock,
    change_stock_many,
    ledger_total,
    receive_goods,
)
from shop.platform.models import AuditEntry
from tests.factories import ProductFactory
from tests.seller import stock_world
from tests.seller.stock_world import log_in, stocked_variant

world = stock_world.world  # the fixture


def stock_of(variant) -> int:
    db.session.expire_all()
    return db.session.get(type(variant), variant.id).stock


def test_staff_see_their_stock_and_not_other_cooperatives(client, world):
    log_in(client, world.staff.email)
    page = client.get("/seller/stock?lang=en")
    assert page.status_code == 200
    assert "LAUN-250" in page.text
    assert "KAPOE-500" not in page.text


def test_receiving_goods_adds_a_ledger_row_with_who_and_why(client, world):
    log_in(client, world.staff.email)
    response = client.post(
        f"/seller/stock/{world.bag.id}/receive", data={"quantity": "12", "note": "Batch 7"}
    )
    assert response.status_code == 302
    assert stock_of(world.bag) == 32 == ledger_total(world.bag.id)
    ledger = client.get(f"/seller/stock/{world.bag.id}/ledger?lang=en").text
    assert "Batch 7" in ledger
    assert "Somchai" in ledger
    assert "+12" in ledger
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "stock.receive")).one()
    assert audit.actor_id == world.staff.id
    assert audit.details["quantity"] == 12


@pytest.mark.parametrize("quantity", ["0", "-3", "abc", ""])
def test_receiving_nothing_or_less_is_refused(client, world, quantity):
    log_in(client, world.staff.email)
    response = client.post(f"/seller/stock/{world.bag.id}/receive", data={"quantity": quantity})
    assert response.status_code == 422
    assert 'class="field-errors"' in response.text
    assert stock_of(world.bag) == 20


def test_adjusting_to_a_counted_number_records_the_reason(client, world):
    log_in(client, world.staff.email)
    response = client.post(
        f"/seller/stock/{world.bag.id}/adjust",
        data={"kind": "count", "new_count": "17", "note": "Shelf count"},
    )
    assert response.status_code == 302
    assert stock_of(world.bag) == 17 == ledger_total(world.bag.id)
    ledger = client.get(f"/seller/stock/{world.bag.id}/ledger?lang=en").text
    assert "Count correction" in ledger
    assert "Shelf count" in ledger
    assert "-3" in ledger
    movement = db.session.scalars(select(StockMovement).order_by(StockMovement.id.desc())).first()
    assert (movement.adjustment_kind, movement.note) == (AdjustmentKind.COUNT, "Shelf count")


def test_adjusting_by_a_change_for_damaged_goods(client, world):
    log_in(client, world.staff.email)
    response = client.post(
        f"/seller/stock/{world.bag.id}/adjust", data={"kind": "damaged", "delta": "-2"}
    )
    assert response.status_code == 302
    assert stock_of(world.bag) == 18
    assert "Damaged" in client.get(f"/seller/stock/{world.bag.id}/ledger?lang=en").text


def test_an_adjustment_below_zero_is_refused_with_a_clear_message(client, world):
    log_in(client, world.staff.email)
    response = client.post(
        f"/seller/stock/{world.bag.id}/adjust?lang=en", data={"kind": "lost", "delta": "-21"}
    )
    assert response.status_code == 422
    assert "Stock cannot go below 0: only 20 units are on hand" in response.text
    assert stock_of(world.bag) == 20 == ledger_total(world.bag.id)


@pytest.mark.parametrize(
    "data",
    [
        {"delta": "-2"},  # no reason
        {"kind": "damaged"},  # no amount
        {"kind": "damaged", "delta": "-1", "new_count": "3"},  # both
        {"kind": "other", "delta": "-1"},  # "other" needs a note
        {"kind": "count", "new_count": "-1"},
        {"kind": "count", "new_count": "20"},  # nothing changes
    ],
)
def test_adjustments_need_a_reason_and_one_amount(client, world, data):
    log_in(client, world.staff.email)
    response = client.post(f"/seller/stock/{world.bag.id}/adjust", data=data)
    assert response.status_code == 422
    assert stock_of(world.bag) == 20
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/seller/stock/{id}/receive", None),
        ("post", "/seller/stock/{id}/receive", {"quantity": "5"}),
        ("get", "/seller/stock/{id}/adjust", None),
        ("post", "/seller/stock/{id}/adjust", {"kind": "lost", "delta": "-5"}),
        ("get", "/seller/stock/{id}/ledger", None),
    ],
)
def test_another_cooperatives_variant_is_not_found_and_unchanged(client, world, method, path, data):
    log_in(client, world.staff.email)
    url = path.format(id=world.kapoe_bag.id)
    response = getattr(client, method)(url, data=data)
    assert response.status_code == 404
    assert stock_of(world.kapoe_bag) == 7 == ledger_total(world.kapoe_bag.id)


@pytest.mark.parametrize(
    "path",
    ["/seller/stock", "/seller/stock/low", "/seller/stock/{id}/ledger", "/seller/stock/export.csv"],
)
def test_customers_are_refused(client, world, path):
    log_in(client, "customer@example.org")
    assert client.get(path.format(id=world.bag.id)).status_code == 403
    response = client.post(f"/seller/stock/{world.bag.id}/receive", data={"quantity": "5"})
    assert response.status_code == 403
    assert stock_of(world.bag) == 20


def test_visitors_are_sent_to_log_in(client, world):
    assert client.get("/seller/stock").status_code == 302


def test_the_low_stock_list_shows_only_packs_at_or_below_their_threshold(client, world, session):
    product = ProductFactory(cooperative=world.la_un, variants=0)
    stocked_variant(product, stock=3, threshold=5, sku="LAUN-LOW")
    stocked_variant(product, stock=0, threshold=5, sku="LAUN-OUT")
    session.commit()
    log_in(client, world.staff.email)
    page = client.get("/seller/stock/low?lang=en").text
    assert "LAUN-LOW" in page
    assert "LAUN-OUT" in page
    assert "Out of stock" in page
    assert "LAUN-250" not in page
    assert "KAPOE-500" not in page


def test_staff_are_mailed_once_per_crossing_of_the_threshold(world, session, mailbox):
    bag = world.bag  # 20 on hand, low at 5
    adjust_stock(bag.id, world.staff, AdjustmentKind.DAMAGED, delta=-14)  # 6: still above
    session.commit()
    assert mailbox == []

    change_stock(bag.id, -1, StockReason.SALE, reference="R-0001")  # 5: crosses
    session.commit()
    assert sorted(m.to[0] for m in mailbox) == [world.owner.email, world.staff.email]
    english = next(m for m in mailbox if m.to == [world.staff.email])
    assert "LAUN-250" in english.subject
    assert "Dark roast robusta" in english.body
    burmese = next(m for m in mailbox if m.to == [world.owner.email])
    assert "အနက်ရောင်လှော် ရိုဘတ်စတာ" in burmese.body

    change_stock(bag.id, -2, StockReason.SALE, reference="R-0002")  # 3: already low
    session.commit()
    assert len(mailbox) == 2

    receive_goods(bag.id, 10, world.staff)  # 13: above again
    session.commit()
    change_stock(bag.id, -13, StockReason.SALE, reference="R-0003")  # 0: a new crossing
    session.commit()
    assert len(mailbox) == 4
    assert all(world.other_staff.email not in m.to for m in mailbox)


def test_a_rolled_back_crossing_mails_nobody(world, session, mailbox):
    change_stock(world.bag.id, -18, StockReason.SALE, reference="R-0009")
    session.rollback()
    assert mailbox == []
    assert stock_of(world.bag) == 20


def test_a_sale_through_the_seller_pages_is_shown_with_its_order_reference(client, world, session):
    change_stock(world.bag.id, -2, StockReason.SALE, reference="RN-2024-0042")
    session.commit()
    log_in(client, world.staff.email)
    page = client.get(f"/seller/stock/{world.bag.id}/ledger?lang=en").text
    assert "RN-2024-0042" in page
    assert "Sale" in page


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("receive"), st.integers(min_value=-2, max_value=30)),
        st.tuples(st.just("adjust"), st.integers(min_value=-30, max_value=30)),
        st.tuples(st.just("count"), st.integers(min_value=-2, max_value=40)),
        st.tuples(st.just("sale"), st.integers(min_value=1, max_value=15)),
        st.tuples(st.just("release"), st.integers(min_value=1, max_value=15)),
        st.tuples(st.just("import"), st.integers(min_value=-30, max_value=30)),
    ),
    max_size=25,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=OPERATIONS)
def test_stock_equals_its_ledger_after_any_sequence(world, session, operations):
    variant = stocked_variant(world.bag.product, stock=0, threshold=4)
    expected = 0
    for op, n in operations:
        try:
            if op == "receive":
                receive_goods(variant.id, n, world.staff)
                expected += n
            elif op == "adjust":
                adjust_stock(variant.id, world.staff, AdjustmentKind.LOST, delta=n)
                expected += n
            elif op == "count":
                adjust_stock(variant.id, world.staff, AdjustmentKind.COUNT, new_count=n)
                expected = n
            elif op == "import":
                change_stock_many(
                    {variant.id: n}, StockReason.ADJUSTMENT, kind=AdjustmentKind.IMPORT
                )
                expected += n
            elif op == "sale":
                change_stock(variant.id, -n, StockReason.SALE, reference="R-1")
                expected -= n
            else:
                change_stock(variant.id, n, StockReason.RELEASE, reference="R-1")
                expected += n
        except (InsufficientStock, StockChangeRefused):
            pass
        stock = stock_of(variant)
        assert stock == expected
        assert stock >= 0
        assert stock == ledger_total(variant.id)
    rows = session.scalars(select(StockMovement).where(StockMovement.variant_id == variant.id))
    assert all(m.quantity != 0 for m in rows)
    session.commit()
