"""Whatever a browser posts to "add to cart", a bad request gets a clear message and changes
nothing in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.cart.models import Cart, CartLine
from shop.catalog.models import CooperativeStatus, ProductStatus
from shop.extensions import db
from tests.cart.builders import flashes, stocked_pack
from tests.factories import CooperativeFactory, ProductFactory

WHOLE_NUMBER = "Please enter a whole number from 1 to 999."
CHOOSE_A_PACK = "Please choose a pack."
NOT_AVAILABLE = "This product is not available."


@pytest.fixture
def packs(coffee_shop, session):
    """Packs a buyer must not be able to put in a cart, by what is wrong with them."""
    draft = stocked_pack(
        5,
        product=ProductFactory(
            cooperative=coffee_shop.la_un, status=ProductStatus.DRAFT, variants=0
        ),
    )
    inactive = stocked_pack(5, is_active=False)
    suspended = stocked_pack(
        5,
        product=ProductFactory(
            cooperative=CooperativeFactory(status=CooperativeStatus.SUSPENDED), variants=0
        ),
    )
    sold_out = stocked_pack(0)
    few = stocked_pack(3)
    session.commit()
    return {
        "robusta": coffee_shop.robusta.id,
        "draft": draft.id,
        "inactive": inactive.id,
        "suspended": suspended.id,
        "sold_out": sold_out.id,
        "few": few.id,
    }


def cart_state() -> tuple[int, dict[int, int]]:
    """(number of carts, variant id → quantity of every line) as stored."""
    db.session.expire_all()
    carts = db.session.scalar(select(func.count()).select_from(Cart))
    lines = {ln.variant_id: ln.quantity for ln in db.session.scalars(select(CartLine))}
    return carts, lines


def post_add(client, variant_id, quantity):
    data = {"next": "/products/robusta"}
    if variant_id is not None:
        data["variant_id"] = variant_id
    if quantity is not None:
        data["quantity"] = quantity
    return client.post("/cart/add?lang=en", data=data)


@pytest.mark.parametrize(
    ("pack", "quantity", "message"),
    [
        ("robusta", "0", WHOLE_NUMBER),
        ("robusta", "-1", WHOLE_NUMBER),
        ("robusta", "1000", WHOLE_NUMBER),
        ("robusta", "abc", WHOLE_NUMBER),
        ("robusta", "", WHOLE_NUMBER),
        ("robusta", "1.5", WHOLE_NUMBER),
        ("robusta", "1e3", WHOLE_NUMBER),
        ("robusta", "9" * 40, WHOLE_NUMBER),
        ("robusta", None, WHOLE_NUMBER),
        ("robusta", "20", "Only 20 of this pack are available."),  # 1 is in the cart already
        ("999999", "1", NOT_AVAILABLE),
        ("-3", "1", NOT_AVAILABLE),
        ("abc", "1", CHOOSE_A_PACK),
        ("", "1", CHOOSE_A_PACK),
        ("1.5", "1", CHOOSE_A_PACK),
        ("9" * 40, "1", NOT_AVAILABLE),
        (None, "1", CHOOSE_A_PACK),
        ("draft", "1", NOT_AVAILABLE),
        ("inactive", "1", NOT_AVAILABLE),
        ("suspended", "1", NOT_AVAILABLE),
        ("sold_out", "1", "Sorry, this pack is sold out."),
        ("few", "4", "Only 3 of this pack are available."),
    ],
)
def test_a_bad_add_to_cart_is_refused_and_changes_nothing(client, packs, pack, quantity, message):
    post_add(client, packs["robusta"], "1")
    client.get("/cart")  # the "added" message is read
    before = cart_state()
    assert before == (1, {packs["robusta"]: 1})

    response = post_add(client, packs.get(pack, pack), quantity)

    assert response.status_code == 302
    assert response.headers["Location"] == "/products/robusta"
    assert flashes(client.get("/cart?lang=en")) == [("error", message)]
    assert cart_state() == before


@pytest.mark.parametrize("pack", ["999999", "abc", "draft", "sold_out"])
def test_a_refused_first_add_leaves_no_empty_cart_behind(client, packs, pack):
    post_add(client, packs.get(pack, pack), "1")

    assert cart_state() == (0, {})
    page = client.get("/cart?lang=en")
    assert flashes(page) != []
    assert "Your cart is empty." in page.get_data(as_text=True)


def test_adding_what_is_left_works_after_a_refusal(client, packs):
    post_add(client, packs["few"], "4")
    post_add(client, packs["few"], "3")

    assert cart_state() == (1, {packs["few"]: 3})
