"""Order numbers and order searches as staff and buyers type them (shop.orders.numbers):
every dash, a letter O for a zero, and Thai or Burmese digits in part of a number."""

from __future__ import annotations

import pytest

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.orders.numbers import canonical_order_number, search_text
from tests.cart.builders import text_of
from tests.factories import UserFactory
from tests.orders.buying import add_to_cart, checkout, order_of
from tests.orders.test_lifecycle import mark_paid
from tests.seller.product_world import log_in

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
BURMESE_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")


@pytest.mark.parametrize(
    "typed",
    [
        "RN\u22125504\u22127209",  # minus sign
        "RN\uff0d5504\uff0d7209",  # full-width hyphen
        "RN\u20105504\u20117209",
        "RN\u20125504\u20137209",
        "RN\u20145504\u20157209",
        "RN-55O4-72O9",  # a letter O for a zero
        "rn 55o4 7209",
    ],
)
def test_every_dash_and_a_letter_o_for_zero_read_as_the_order_number(typed):
    assert canonical_order_number(typed) == "RN-5504-7209"


def test_text_without_digits_is_not_read_as_an_order_number():
    assert canonical_order_number("OOOOOOOO") == "OOOOOOOO"
    assert search_text("malee") == "malee"
    assert search_text("o5@example.org") == "o5@example.org"


@pytest.mark.parametrize(
    ("typed", "searched"),
    [("๖๓๘๕", "6385"), ("၆၃၈၅", "6385"), ("RN–6385", "6385"), ("RN−6385", "6385"),
     ("5504 72", "5504-72"), ("๕๕๐๔–๗๒", "5504-72"), ("6385", "6385")],
)  # fmt: skip
def test_part_of_an_order_number_is_searched_as_it_is_stored(typed, searched):
    assert search_text(typed) == searched


@pytest.fixture
def paid_order(app, session, client, coffee_shop):
    add_to_cart(client, coffee_shop.robusta, 1)
    order = order_of(checkout(client))
    assert mark_paid(app, order)
    staff = UserFactory(email="staff@la-un.example.org", locale="en", is_platform_admin=True)
    session.add(
        CooperativeMembership(
            user=staff, cooperative=order.seller_orders[0].cooperative, role=MembershipRole.OWNER
        )
    )
    session.commit()
    browser = app.test_client()
    log_in(browser, staff.email)
    return order, browser


@pytest.mark.parametrize("where", ["/seller/orders", "/admin/orders"])
def test_staff_find_an_order_by_its_last_digits_in_thai_burmese_or_after_a_dash(paid_order, where):
    order, browser = paid_order
    last = order.number[-4:]
    for typed in [last.translate(THAI_DIGITS), last.translate(BURMESE_DIGITS), f"RN–{last}"]:
        assert order.number in text_of(browser.get(f"{where}?q={typed}&lang=en")), typed
