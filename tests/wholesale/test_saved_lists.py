"""Saved order lists ("Monthly order"): a partner keeps lists made from a past order or from its
cart, every member sees them, and putting one in the cart shows today's prices and what changed
first; another partner's list ids are 404; names, limits and quantities are checked."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from shop.accounts.models import User
from shop.cart.models import Cart, CartLine
from shop.catalog.models import Variant
from shop.extensions import db
from shop.orders.models import Order
from shop.pricing.models import PriceBreak, QuantityRule
from shop.wholesale import saved_lists
from shop.wholesale.models import MAX_SAVED_LISTS, SavedOrderLine, SavedOrderList
from tests.cart.builders import flashes, log_in, text_of
from tests.factories import UserFactory
from tests.wholesale.test_apply import ZAWGYI


def fill_cart(client, variant_id: int, cartons: int) -> None:
    response = client.post("/wholesale?lang=en", data={f"cartons-{variant_id}": str(cartons)})
    assert response.status_code == 302, text_of(response)


def the_lists(partner_id: int) -> list[SavedOrderList]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(SavedOrderList)
            .where(SavedOrderList.partner_shop_id == partner_id)
            .order_by(SavedOrderList.id)
        )
    )


def quantities(saved: SavedOrderList) -> dict[str, int]:
    return {line.sku: line.quantity for line in saved.lines}


def cart_units(user_email: str) -> dict[int, int]:
    db.session.expire_all()
    user = db.session.scalars(select(User).where(User.email == user_email)).one()
    cart = db.session.scalars(select(Cart).where(Cart.user_id == user.id)).first()
    return {line.variant_id: line.quantity for line in cart.lines} if cart else {}


@pytest.fixture
def cashews(wholesale, session) -> Variant:
    """Kapoe's cashews sold to partners in cartons of 5 (15 in stock)."""
    cashews = wholesale.shop.cashews
    session.add(QuantityRule(variant=cashews, case_pack=5, min_quantity=5))
    session.commit()
    return cashews


def test_a_past_order_becomes_a_list_that_every_member_sees(app, client, wholesale, partners):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    client.post("/wholesale/checkout?lang=en", data={"po_number": "PO-118", "note": ""})
    order = db.session.scalars(select(Order).order_by(Order.id.desc())).first()

    form = text_of(client.get(f"/wholesale/lists/from-order/{order.number}?lang=en"))
    saved = client.post(
        f"/wholesale/lists/from-order/{order.number}?lang=en", data={"name": "Monthly order"}
    )
    admin = app.test_client()
    log_in(admin, "admin-a@example.org")
    seen_by_admin = text_of(admin.get("/wholesale/lists?lang=en"))

    assert f'value="Order {order.number}"' in form  # a name to start from
    assert saved.status_code == 302
    (kept,) = the_lists(partners.a.id)
    assert kept.name == "Monthly order"
    assert quantities(kept) == {"RNG-3IN1-30": 48}
    assert kept.lines[0].price_seen_satang == 5_000  # the 48-box break paid then
    assert "Monthly order" in seen_by_admin


def test_the_cart_becomes_a_list(client, wholesale, cashews, partners):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 3)
    fill_cart(client, cashews.id, 1)

    response = client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Weekly top-up"})
    page = text_of(client.get(response.headers["Location"] + "?lang=en"))

    (kept,) = the_lists(partners.a.id)
    assert quantities(kept) == {"RNG-3IN1-30": 72, cashews.sku: 5}
    assert "Weekly top-up" in page
    assert "Add this list to the cart" in page
    assert cart_units("buyer-a@example.org") == {wholesale.sachets.id: 72, cashews.id: 5}


def test_adding_a_list_shows_a_price_change_and_a_pack_no_longer_sold_before_the_cart(
    client, wholesale, cashews, partners
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    fill_cart(client, cashews.id, 1)
    client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Monthly order"})
    db.session.execute(delete(CartLine))
    db.session.execute(  # the cooperative raises its 48-box break from ฿50 to ฿52
        update(PriceBreak).where(PriceBreak.min_quantity == 48).values(unit_price_satang=5_200)
    )
    db.session.execute(update(Variant).where(Variant.id == cashews.id).values(is_active=False))
    db.session.commit()
    (kept,) = the_lists(partners.a.id)

    preview = text_of(client.get(f"/wholesale/lists/{kept.id}/order?lang=en"))
    in_cart_before = cart_units("buyer-a@example.org")
    added = client.post(f"/wholesale/lists/{kept.id}/order?lang=en")

    assert "2 packs differ from the list" in preview
    assert "The price changed." in preview
    assert "฿50" in preview
    assert "฿52" in preview
    assert "No longer sold." in preview
    assert in_cart_before == {}  # nothing reached the cart before the button
    assert added.status_code == 302
    assert cart_units("buyer-a@example.org") == {wholesale.sachets.id: 48}
    assert "Box of 30 sachets · ฿52" in text_of(client.get("/cart?lang=en"))
    (kept,) = the_lists(partners.a.id)
    assert quantities(kept) == {"RNG-3IN1-30": 48, cashews.sku: 5}  # the list is unchanged
    # next time the list compares with the price just accepted
    assert "The price changed." not in text_of(client.get(f"/wholesale/lists/{kept.id}/order"))


def test_a_list_beyond_todays_stock_adds_what_there_is_and_says_so(client, wholesale, partners):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 5)
    client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Big order"})
    db.session.execute(delete(CartLine))
    db.session.execute(update(Variant).where(Variant.id == wholesale.sachets.id).values(stock=100))
    db.session.commit()
    (kept,) = the_lists(partners.a.id)

    preview = text_of(client.get(f"/wholesale/lists/{kept.id}/order?lang=en"))
    client.post(f"/wholesale/lists/{kept.id}/order?lang=en")

    assert "Only 100 in stock." in preview
    assert cart_units("buyer-a@example.org") == {wholesale.sachets.id: 96}


def test_members_rename_change_quantities_remove_and_delete(client, wholesale, cashews, partners):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    fill_cart(client, cashews.id, 1)
    client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Monthly order"})
    (kept,) = the_lists(partners.a.id)
    sachet_line, cashew_line = kept.lines

    renamed = client.post(f"/wholesale/lists/{kept.id}/rename?lang=en", data={"name": "May"})
    changed = client.post(
        f"/wholesale/lists/{kept.id}/quantities?lang=en",
        data={f"quantity-{sachet_line.id}": "๑๒๐", f"quantity-{cashew_line.id}": "5"},
    )
    (kept,) = the_lists(partners.a.id)
    assert kept.name == "May"
    assert quantities(kept) == {"RNG-3IN1-30": 120, cashews.sku: 5}
    assert kept.lines[0].price_seen_satang == 4_500  # the 120-box break
    assert renamed.status_code == changed.status_code == 302

    removed = client.post(f"/wholesale/lists/{kept.id}/lines/{cashew_line.id}/remove?lang=en")
    (kept,) = the_lists(partners.a.id)
    assert quantities(kept) == {"RNG-3IN1-30": 120}
    assert removed.status_code == 302

    deleted = client.post(f"/wholesale/lists/{kept.id}/delete?lang=en", follow_redirects=True)
    assert ("success", "The list “May” was deleted.") in flashes(deleted)
    assert the_lists(partners.a.id) == []
    assert db.session.scalars(select(SavedOrderLine)).all() == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("25", "Sold in cartons of 24: order 24 or 48."),
        ("0", "Please enter a whole number of units from 24 to 100000, in cartons of 24."),
        ("-24", "Please enter a whole number of units from 24 to 100000, in cartons of 24."),
        ("two", "Please enter a whole number of units from 24 to 100000, in cartons of 24."),
        ("9" * 30, "Please enter a whole number of units from 24 to 100000, in cartons of 24."),
    ],
)
def test_a_quantity_off_the_packs_rule_changes_nothing(client, wholesale, partners, typed, message):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Monthly order"})
    (kept,) = the_lists(partners.a.id)

    response = client.post(
        f"/wholesale/lists/{kept.id}/quantities?lang=en",
        data={f"quantity-{kept.lines[0].id}": typed},
    )

    assert response.status_code == 422
    assert message in text_of(response)
    assert quantities(the_lists(partners.a.id)[0]) == {"RNG-3IN1-30": 48}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Please give the list a name."),
        ("   ", "Please give the list a name."),
        ("x" * 81, "A list name has at most 80 characters."),
        ("MONTHLY ORDER", "Your company already has a list called “MONTHLY ORDER”."),
        (f"{ZAWGYI} order", "Zawgyi"),
    ],
)
def test_bad_list_names_are_refused(client, wholesale, partners, name, message):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Monthly order"})

    client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Second"})
    second = the_lists(partners.a.id)[1]

    response = client.post("/wholesale/lists/from-cart?lang=en", data={"name": name})
    renamed = client.post(f"/wholesale/lists/{second.id}/rename?lang=en", data={"name": name})

    assert response.status_code == renamed.status_code == 422
    assert message in text_of(response)
    assert message in text_of(renamed)
    assert [s.name for s in the_lists(partners.a.id)] == ["Monthly order", "Second"]


def test_the_same_name_in_another_partner_is_fine_and_80_characters_are(
    app, client, wholesale, partners
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    other = app.test_client()
    log_in(other, "admin-b@example.org")
    partners.b.price_list = partners.price_list
    db.session.commit()
    fill_cart(other, wholesale.sachets.id, 1)

    first = client.post("/wholesale/lists/from-cart?lang=en", data={"name": "ลิสต์" + "x" * 75})
    second = other.post("/wholesale/lists/from-cart?lang=en", data={"name": "ลิสต์" + "x" * 75})

    assert first.status_code == second.status_code == 302


def test_another_partner_gets_404_on_this_partners_lists(app, client, wholesale, partners):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    client.post("/wholesale/checkout?lang=en", data={"po_number": "PO-118", "note": ""})
    order = db.session.scalars(select(Order).order_by(Order.id.desc())).first()
    client.post(f"/wholesale/lists/from-order/{order.number}?lang=en", data={"name": "Secret"})
    (kept,) = the_lists(partners.a.id)
    line_id = kept.lines[0].id
    other = app.test_client()
    log_in(other, "admin-b@example.org")

    assert other.get(f"/wholesale/lists/{kept.id}").status_code == 404
    assert other.get(f"/wholesale/lists/{kept.id}/order").status_code == 404
    assert other.post(f"/wholesale/lists/{kept.id}/order").status_code == 404
    assert other.post(f"/wholesale/lists/{kept.id}/rename", data={"name": "x"}).status_code == 404
    assert other.post(f"/wholesale/lists/{kept.id}/quantities").status_code == 404
    assert other.post(f"/wholesale/lists/{kept.id}/lines/{line_id}/remove").status_code == 404
    assert other.post(f"/wholesale/lists/{kept.id}/delete").status_code == 404
    assert other.get(f"/wholesale/lists/from-order/{order.number}").status_code == 404
    assert "Secret" not in text_of(other.get("/wholesale/lists?lang=en"))
    assert client.get("/wholesale/lists/99999999999").status_code == 404
    assert client.post(f"/wholesale/lists/{kept.id}/lines/99999999999/remove").status_code == 404
    assert [s.name for s in the_lists(partners.a.id)] == ["Secret"]


def test_lists_are_for_approved_partners_only(app, client, wholesale, partners):
    UserFactory(email="customer@example.org")
    db.session.commit()
    suspended = app.test_client()
    log_in(suspended, "admin-suspended@example.org")
    log_in(client, "customer@example.org")

    assert client.get("/wholesale/lists").status_code == 403
    assert suspended.get("/wholesale/lists").status_code == 302  # to the account page


def test_a_partner_keeps_at_most_50_lists(client, wholesale, partners, session):
    session.add_all(
        SavedOrderList(partner_shop_id=partners.a.id, name=f"List {n}")
        for n in range(MAX_SAVED_LISTS)
    )
    session.commit()
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)

    response = client.post("/wholesale/lists/from-cart?lang=en", data={"name": "One more"})

    assert response.status_code == 422
    assert "Your company has 50 lists, the most it may keep: delete one first." in text_of(response)
    assert len(the_lists(partners.a.id)) == MAX_SAVED_LISTS


def test_a_list_holds_at_most_500_packs(app, wholesale, partners):
    wanted = [
        saved_lists.Wanted(wholesale.sachets.id + n, f"SKU-{n}", "pack", 24, 5_000)
        for n in range(501)
    ]
    buyer = db.session.scalars(select(User).where(User.email == "buyer-a@example.org")).one()

    with app.test_request_context("/?lang=en"):
        with pytest.raises(saved_lists.SavedListError) as refused:
            saved_lists.create_list(partners.a, "Everything", wanted, buyer)
        assert str(refused.value.message) == "A list holds at most 500 packs."
        with pytest.raises(saved_lists.SavedListError):
            saved_lists.create_list(partners.a, "Nothing", [], buyer)


def test_an_empty_cart_makes_no_list(client, wholesale, partners):
    log_in(client, "buyer-a@example.org")

    response = client.post("/wholesale/lists/from-cart?lang=en", data={"name": "Empty"})

    assert response.status_code == 422
    assert "There is nothing to keep on the list." in text_of(response)
    assert the_lists(partners.a.id) == []
