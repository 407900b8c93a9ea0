"""The one pricing function: what a buyer pays for a number of units, and which quantities it
may order. Properties over every quantity, rule and set of breaks (hypothesis), then examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shop.catalog.models import Variant
from shop.pricing.models import MAX_WHOLESALE_UNITS, PriceList
from shop.pricing.quotes import (
    RETAIL_RULE,
    Break,
    Buyer,
    PriceSource,
    QuantityNotAllowed,
    Rule,
    WholesaleTerms,
    break_table,
    price,
    quantity_rule,
)


def pack(retail: int = 18_000, variant_id: int = 1) -> Variant:
    return Variant(id=variant_id, sku=f"SKU-{variant_id}", price_satang=retail, weight_grams=300)


def partner(variant: Variant, terms: WholesaleTerms | None, discount_bp: int = 1000) -> Buyer:
    """A partner on a list of ``discount_bp`` off retail, with ``terms`` for ``variant`` as
    shop.pricing.quotes.load_terms would find them in the database."""
    buyer = Buyer(partner_id=7, price_list=PriceList(name="Kawthaung", discount_bp=discount_bp))
    buyer.price_list.is_active = True
    buyer._terms[variant.id] = terms
    return buyer


rules = st.builds(
    lambda case, cases_min, extra: Rule(
        minimum=case * cases_min,
        increment=case,
        maximum=case * cases_min + extra * case if extra is not None else MAX_WHOLESALE_UNITS,
    ),
    st.integers(1, 48),
    st.integers(1, 10),
    st.none() | st.integers(0, 100),
)
breaks = st.lists(
    st.builds(Break, st.integers(2, 5_000), st.integers(0, 40_000)),
    max_size=5,
    unique_by=lambda b: b.min_quantity,
).map(lambda bs: tuple(sorted(bs, key=lambda b: b.min_quantity)))


@settings(max_examples=300)
@given(
    retail=st.integers(0, 10_000_000),
    rule=rules,
    steps=breaks,
    discount=st.integers(0, 5_000),
    quantities=st.lists(st.integers(1, 20_000), min_size=2, max_size=6),
)
def test_the_unit_price_never_rises_with_the_quantity_nor_exceeds_retail(
    retail, rule, steps, discount, quantities
):
    variant = pack(retail)
    buyer = partner(variant, WholesaleTerms(rule, steps), discount)
    quotes = [price(buyer, variant, q) for q in sorted(quantities)]
    units = [q.unit_satang for q in quotes]
    assert units == sorted(units, reverse=True)
    assert all(0 <= u <= retail for u in units)
    for quote in quotes:
        assert quote.total_satang == quote.unit_satang * quote.quantity
        if quote.next:  # the next break lowers the price, further on
            assert quote.next.unit_satang < quote.unit_satang
            assert quote.next.min_quantity > quote.quantity


@settings(max_examples=300)
@given(rule=rules, quantity=st.integers(-5, 200_000))
def test_a_quantity_is_accepted_exactly_when_it_keeps_the_rule(rule, quantity):
    accepted = rule.minimum <= quantity <= rule.maximum and quantity % rule.increment == 0
    if accepted:
        rule.check(quantity)
        return
    with pytest.raises(QuantityNotAllowed) as refused:
        rule.check(quantity)
    nearest = refused.value.nearest
    assert nearest, "a refusal always offers a valid quantity"
    assert all(rule.allows(q) for q in nearest)
    if rule.minimum <= quantity <= rule.maximum:  # the cartons either side
        assert all(abs(q - quantity) < rule.increment for q in nearest)


@given(retail=st.integers(0, 10_000_000), quantity=st.integers(1, 999), rule=rules, steps=breaks)
def test_retail_buyers_always_pay_the_retail_price(retail, quantity, rule, steps):
    variant = pack(retail)
    buyer = Buyer()  # anonymous, a customer, or a member of a partner that is not approved
    buyer._terms[variant.id] = WholesaleTerms(rule, steps)  # even were terms found
    quote = price(buyer, variant, quantity)
    assert (quote.unit_satang, quote.source) == (retail, PriceSource.RETAIL)
    assert quantity_rule(buyer, variant) == RETAIL_RULE


def test_an_inactive_price_list_gives_retail_prices():
    variant = pack(18_000)
    buyer = partner(variant, WholesaleTerms(Rule(24, 24, 2400), (Break(48, 9_000),)))
    buyer.price_list.is_active = False
    assert price(buyer, variant, 48).unit_satang == 18_000


def test_the_deepest_break_reached_applies_and_the_next_one_is_announced():
    variant = pack(18_000)  # 10 % off: ฿162
    terms = WholesaleTerms(Rule(24, 24, 2400), (Break(48, 15_000), Break(120, 14_000)))
    buyer = partner(variant, terms)

    at_24, at_48, at_96, at_120 = (price(buyer, variant, q) for q in (24, 48, 96, 120))

    assert (at_24.unit_satang, at_24.source, at_24.detail) == (
        16_200,
        PriceSource.PRICE_LIST,
        "price_list:Kawthaung",
    )
    assert (at_24.next, at_24.units_to_next) == (Break(48, 15_000), 24)
    assert (at_48.unit_satang, at_48.detail) == (15_000, "price_break:48")
    assert (at_96.unit_satang, at_96.units_to_next) == (15_000, 24)
    assert (at_120.unit_satang, at_120.next) == (14_000, None)
    assert [(q.quantity, q.unit_satang) for q in break_table(buyer, variant)] == [
        (24, 16_200),
        (48, 15_000),
        (120, 14_000),
    ]


def test_a_break_dearer_than_the_list_price_is_never_charged():
    variant = pack(18_000)
    buyer = partner(variant, WholesaleTerms(Rule(24, 24, 2400), (Break(48, 17_000),)), 2000)
    assert price(buyer, variant, 48).unit_satang == 14_400  # the list's 20 % off wins


@pytest.mark.parametrize(
    ("quantity", "message", "nearest"),
    [
        (50, "Sold in cartons of 24: order 48 or 72.", [48, 72]),
        (30, "Sold in cartons of 24: order 48.", [48]),  # below the minimum
        (500, "Please enter a whole number of units from 48 to 480, in cartons of 24.", [480]),
        (0, "Please enter a whole number of units from 48 to 480, in cartons of 24.", [48]),
    ],
)
def test_a_quantity_off_the_rule_is_refused_with_the_nearest_valid_ones(
    app, quantity, message, nearest
):
    rule = Rule(minimum=48, increment=24, maximum=480)
    with app.test_request_context("/?lang=en"), pytest.raises(QuantityNotAllowed) as refused:
        rule.check(quantity)
    with app.test_request_context("/?lang=en"):
        assert str(refused.value.message) == message
    assert refused.value.nearest == nearest
