"""Issue 11, items 2 and 4 on the buyer's side: an order number is found however it is typed,
and a checkout name or address in Zawgyi is refused with the Burmese explanation instead of
being stored garbled."""

from __future__ import annotations

import pytest

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.orders.models import Order
from shop.orders.numbers import canonical_order_number
from tests.cart.builders import text_of
from tests.factories import UserFactory
from tests.orders.buying import add_to_cart, checkout, count, order_of
from tests.orders.test_lifecycle import mark_paid
from tests.seller.product_world import log_in

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
BURMESE_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")
ZAWGYI_NAME = "ေဒၚျမင့္ျမင့္"  # "ဒေါ်မြင့်မြင့်" typed with a Zawgyi keyboard
ZAWGYI_ADDRESS = "အမွတ္ ၁၂၊ ေကာ့ေသာင္း"


@pytest.fixture
def cart(client, coffee_shop):
    add_to_cart(client, coffee_shop.robusta, 1)
    return coffee_shop


def typed_forms(number: str) -> list[str]:
    digits = number.replace("RN-", "").replace("-", "")
    return [
        f"RN{digits}",  # the example: no dashes
        number.lower(),
        f"rn {digits[:4]} {digits[4:]}",
        f" RN {digits} ",
        number.translate(THAI_DIGITS),
        f"RN{digits}".translate(BURMESE_DIGITS),
        digits,
    ]


def test_an_order_number_is_found_however_it_is_typed(app, client, cart):
    order = order_of(checkout(client))
    for typed in typed_forms(order.number):
        found = app.test_client().post(
            "/orders/find?lang=en", data={"number": typed, "email": "malee@example.org"}
        )
        assert found.status_code == 302, typed
        assert found.headers["Location"] == f"/orders/{order.token}"


@pytest.mark.parametrize("where", ["/seller/orders", "/admin/orders"])
def test_staff_find_the_order_by_a_number_typed_without_dashes(app, session, client, cart, where):
    order = order_of(checkout(client))
    assert mark_paid(app, order)  # the seller's list shows paid orders
    staff = UserFactory(email="staff@la-un.example.org", locale="en", is_platform_admin=True)
    session.add(
        CooperativeMembership(
            user=staff, cooperative=order.seller_orders[0].cooperative, role=MembershipRole.OWNER
        )
    )
    session.commit()
    browser = app.test_client()
    log_in(browser, staff.email)
    digits = order.number.replace("RN-", "").replace("-", "")

    page = text_of(browser.get(f"{where}?q=rn{digits}&lang=en"))

    assert order.number in page


def test_the_canonical_form_of_what_is_no_order_number_finds_nothing():
    assert canonical_order_number("RN-5504-720") == "RN-5504-720"
    assert canonical_order_number(" hello ") == "HELLO"


@pytest.mark.parametrize(
    "fields",
    [{"name": ZAWGYI_NAME}, {"line1": ZAWGYI_ADDRESS}, {"subdistrict": "ေကာ့ေသာင္း"}],
)
def test_a_zawgyi_name_or_address_is_refused_at_checkout_in_burmese(client, cart, fields):
    response = checkout(client, lang="en", **fields)
    assert response.status_code == 200
    assert "looks like Zawgyi; please retype it with a Unicode keyboard" in text_of(response)
    assert count(Order) == 0


def test_a_unicode_burmese_name_and_address_are_kept_as_typed(client, cart):
    order = order_of(checkout(client, lang="my", name="ဒေါ်မြင့်မြင့်", line1="အမှတ် ၁၂၊ ကော့သောင်း"))
    assert (order.ship_name, order.ship_line1) == ("ဒေါ်မြင့်မြင့်", "အမှတ် ၁၂၊ ကော့သောင်း")


def test_a_zero_width_space_in_the_address_is_not_stored(client, cart):
    order = order_of(checkout(client, name="มาลี\u200b ศรีสุข", line1="99/1 ถนน\u200bเพชรเกษม"))
    assert (order.ship_name, order.ship_line1) == ("มาลี ศรีสุข", "99/1 ถนนเพชรเกษม")
