"""A cooperative sets its packs' wholesale terms (shop.pricing.terms): each rule refuses with a
message naming the field, nothing half-written stays, every change is in the audit log, and
partners then pay what shop.pricing.quotes computes from the stored terms."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.extensions import db
from shop.platform.models import AuditEntry
from shop.pricing.models import PriceBreak, QuantityRule
from shop.pricing.quotes import Buyer, PriceSource, price, quantity_rule
from shop.pricing.terms import (
    TermsError,
    read_terms,
    set_wholesale_minimum,
    set_wholesale_terms,
    stop_wholesale,
    terms_of,
)
from tests.factories import CooperativeFactory, PriceListFactory, UserFactory, VariantFactory


@pytest.fixture
def english(app, session):
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture
def pack(session):
    """A box of 3-in-1 sold at ฿180 retail."""
    variant = VariantFactory(sku="RAENONG-3IN1", price_satang=18_000)
    session.commit()
    return variant


@pytest.fixture
def staff(session):
    user = UserFactory(email="staff@baac-ranong.example.org")
    session.commit()
    return user


def partner(discount_bp: int = 1500) -> Buyer:
    return Buyer(partner_id=1, price_list=PriceListFactory(discount_bp=discount_bp))


def rows_of(variant_id: int) -> tuple:
    db.session.expire_all()
    rule = db.session.get(QuantityRule, variant_id)
    breaks = db.session.execute(
        select(PriceBreak.min_quantity, PriceBreak.unit_price_satang)
        .where(PriceBreak.variant_id == variant_id)
        .order_by(PriceBreak.min_quantity)
    ).all()
    return (
        (rule.case_pack, rule.min_quantity, rule.max_quantity) if rule else None,
        [tuple(b) for b in breaks],
    )


def test_terms_make_a_wholesale_pack_that_partners_are_priced_on(english, pack, staff):
    assert set_wholesale_terms(pack, 24, 48, 480, [(96, 14_000), (48, 15_000)], staff.id)
    db.session.commit()

    assert rows_of(pack.id) == ((24, 48, 480), [(48, 15_000), (96, 14_000)])
    buyer = partner(1500)  # list price ฿153
    assert quantity_rule(buyer, pack).increment == 24
    assert price(buyer, pack, 48).unit_satang == 15_000
    assert price(buyer, pack, 120).unit_satang == 14_000
    assert price(buyer, pack, 120).source is PriceSource.PRICE_BREAK
    assert price(Buyer(), pack, 120).unit_satang == 18_000  # retail buyers: retail
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.entity_type, entry.entity_id) == (
        "variant.wholesale_terms",
        "Variant",
        pack.id,
    )
    assert entry.actor_id == staff.id
    assert entry.cooperative_id == pack.product.cooperative_id
    assert entry.details["before"] is None
    assert entry.details["after"]["breaks"] == [[48, 15_000], [96, 14_000]]


def test_new_terms_replace_the_old_and_the_same_terms_change_nothing(english, pack, staff):
    set_wholesale_terms(pack, 24, 24, None, [(48, 15_000), (96, 14_000)], staff.id)
    db.session.commit()

    assert set_wholesale_terms(pack, 12, 36, None, [(72, 16_000)], staff.id)
    db.session.commit()
    assert not set_wholesale_terms(pack, 12, 36, None, [(72, 16_000)], staff.id)
    db.session.commit()

    assert rows_of(pack.id) == ((12, 36, None), [(72, 16_000)])
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["variant.wholesale_terms", "variant.wholesale_terms"]


def test_stopping_wholesale_removes_the_rule_and_breaks(english, pack, staff):
    set_wholesale_terms(pack, 24, 24, None, [(48, 15_000)], staff.id)
    db.session.commit()

    assert stop_wholesale(pack, staff.id)
    db.session.commit()
    assert not stop_wholesale(pack, staff.id)

    assert rows_of(pack.id) == (None, [])
    assert price(partner(), pack, 48).source is PriceSource.RETAIL
    stop = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert stop.action == "variant.wholesale_stop"
    assert stop.details["after"] is None


@pytest.mark.parametrize(
    ("case_pack", "minimum", "maximum", "breaks", "field", "words"),
    [
        (0, 24, None, [], "case_pack", "Units per carton: enter a whole number from 1 to 10,000"),
        (10_001, 10_001, None, [], "case_pack", "from 1 to 10,000"),
        (24, 30, None, [], "min_quantity", "Minimum units: enter whole cartons of 24"),
        (24, 12, None, [], "min_quantity", "Minimum units"),
        (24, 48, 50, [], "max_quantity", "Maximum units: enter whole cartons of 24"),
        (24, 48, 24, [], "max_quantity", "cannot be below the minimum (48)"),
        (24, 48, 200_016, [], "max_quantity", "up to 100,000"),
        (24, 24, None, [(1, 10_000)], "break_quantity", "Price break 1: the units"),
        (24, 24, None, [(48, 15_000), (48, 14_000)], "break_quantity", "already starts at 48"),
        (24, 24, 96, [(120, 15_000)], "break_quantity", "above the maximum of 96"),
        (24, 24, None, [(48, 18_000)], "break_price", "below the retail price (฿180)"),
        (24, 24, None, [(48, 19_000)], "break_price", "Price break 1"),
        (24, 24, None, [(48, -1)], "break_price", "must be more than ฿0"),
        (24, 24, None, [(48, 0)], "break_price", "must be more than ฿0"),  # a free carton
        (24, 24, None, [(50, 10_000)], "break_quantity", "whole number of cartons (48 or 72)"),
        (
            24,
            24,
            None,
            [(48, 15_000), (96, 15_000)],
            "break_price",
            "Price break 2: the unit price must be lower than at 48 units (price break 1)",
        ),
        (
            24,
            24,
            None,
            [(96, 16_000), (48, 15_000)],  # typed out of order: the deeper break is dearer
            "break_price",
            "Price break 1: the unit price must be lower than at 48 units (price break 2)",
        ),
        (
            24,
            24,
            None,
            [(48 + 24 * n, 17_000 - 100 * n) for n in range(11)],
            "breaks",
            "At most 10 price breaks",
        ),
    ],
)
def test_each_rule_refuses_with_a_message_naming_the_field_and_changes_nothing(
    english, pack, staff, case_pack, minimum, maximum, breaks, field, words
):
    set_wholesale_terms(pack, 24, 24, None, [(48, 15_000)], staff.id)
    db.session.commit()

    with pytest.raises(TermsError) as refused:
        set_wholesale_terms(pack, case_pack, minimum, maximum, breaks, staff.id)
    db.session.rollback()

    problem = next(p for p in refused.value.problems if p.field == field)
    assert words in str(problem.message)
    assert rows_of(pack.id) == ((24, 24, None), [(48, 15_000)])
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 1


def test_a_break_below_the_minimum_is_allowed_and_applies_from_the_minimum(english, pack, staff):
    set_wholesale_terms(pack, 24, 48, None, [(24, 15_500)], staff.id)
    db.session.commit()
    assert price(partner(0), pack, 48).unit_satang == 15_500


def test_typed_terms_are_read_in_thai_and_burmese_digits(english, pack):
    terms, problems = read_terms(
        pack.price_satang, "๒๔", "၄၈", "", [(1, "๙๖", "๑๔๐.๕๐"), (2, "", "")]
    )
    assert problems == []
    assert (terms.case_pack, terms.min_quantity, terms.max_quantity) == (24, 48, None)
    assert terms.breaks == ((96, 14_050),)


@pytest.mark.parametrize(
    ("case_pack", "maximum", "breaks", "field", "number", "words"),
    [
        ("twenty", "", [], "case_pack", None, "Units per carton"),
        ("99999999999999999999999", "", [], "case_pack", None, "from 1 to 10,000"),
        ("24", "lots", [], "max_quantity", None, "Maximum units: enter a whole number"),
        ("24", "", [(3, "96", "")], "break_price", 3, "Price break 3: enter both"),
        ("24", "", [(2, "", "140")], "break_quantity", 2, "Price break 2: enter both"),
        ("24", "", [(1, "96", "1e3")], "break_price", 1, "an amount in baht like 150"),
        ("24", "", [(1, "96", "12.345")], "break_price", 1, "an amount in baht"),
        ("24", "", [(4, "96", "99999999999999999999")], "break_price", 4, "below the retail"),
    ],
)
def test_typed_terms_that_cannot_be_read_are_refused_by_field(
    english, pack, case_pack, maximum, breaks, field, number, words
):
    terms, problems = read_terms(pack.price_satang, case_pack, "24", maximum, breaks)
    assert terms is None
    problem = next(p for p in problems if p.field == field)
    assert problem.number == number
    assert words in str(problem.message)


def test_terms_of_reads_many_packs_at_once(english, pack, staff, count_queries):
    other = VariantFactory(price_satang=9_000)
    db.session.commit()
    set_wholesale_terms(pack, 24, 24, None, [(48, 15_000)], staff.id)
    db.session.commit()
    ids = [pack.id, other.id]
    with count_queries() as counter:
        found = terms_of(ids)
    assert counter.count == 2
    assert set(found) == {ids[0]}


def test_the_minimum_wholesale_order_is_set_and_audited(english, session, staff):
    cooperative = CooperativeFactory()
    session.commit()

    assert set_wholesale_minimum(cooperative, 500_000, staff.id)
    assert not set_wholesale_minimum(cooperative, 500_000, staff.id)
    with pytest.raises(TermsError, match="from 0 to ฿1,000,000"):
        set_wholesale_minimum(cooperative, 1_000_000_01, staff.id)
    db.session.commit()

    assert cooperative.wholesale_minimum_satang == 500_000
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.action == "cooperative.wholesale_minimum"
    assert entry.details == {"wholesale_minimum_satang": [0, 500_000]}
