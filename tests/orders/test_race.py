"""Fifty buyers race for the last units: no unit is sold twice and stock never goes negative.

Each buyer runs in a thread with its own app context, so its own session and database
connection, and places the order through the same service as the checkout page. The carts are
built and committed first; a barrier then releases every buyer at once. The test's own session
holds no transaction meanwhile (on SQLite every write transaction begins IMMEDIATE, and a
transaction held here would block them all).

Losers get SoldOut when they read the stock before the winners committed and lost the
conditional UPDATE, or CartNotReady when they already read the stock as too low (on SQLite the
write lock serialises whole transactions, so there it is always CartNotReady). Nothing else is
acceptable.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from shop.accounts.services import AddressData
from shop.cart.models import Cart, CartLine
from shop.cart.services import add_item, new_cart
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import InsufficientStock, change_stock
from shop.orders.errors import CartNotReady, SoldOut
from shop.orders.models import Order, PaymentMethod
from shop.orders.services import CheckoutRequest, place_order
from tests.cart.builders import ShippingMethodFactory, stocked_pack
from tests.orders.buying import assert_stock_matches_ledger, count, ledger, stock_of

BUYERS = 50
CHECKOUT = CheckoutRequest(
    email="racer@example.org",
    address=AddressData(
        name="Racer",
        phone="0812345678",
        line1="1 Ruangrat Road",
        line2="",
        subdistrict="Khao Niwet",
        district="Mueang Ranong",
        province="TH-85",
        postcode="85000",
    ),
    payment_method=PaymentMethod.TRANSFER,
    shipping_choice={},
    locale="en",
)


@dataclass
class Race:
    placed: list[str] = field(default_factory=list)
    refused: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def report(self, title: str) -> str:
        return (
            f"{title} [{db.engine.dialect.name}]: {len(self.placed)} placed, "
            f"{sum(self.refused.values())} refused {dict(self.refused)}, "
            f"{len(self.errors)} errors, {self.seconds:.2f} s"
        )


def run_race(app, cart_ids: list[int]) -> Race:
    race = Race()
    lock = threading.Lock()
    start = threading.Barrier(len(cart_ids))

    def buyer(cart_id: int) -> None:
        with app.app_context(), force_locale("en"):
            try:
                start.wait(timeout=60)
                order = place_order(db.session.get(Cart, cart_id), CHECKOUT, user_id=None)
                number = order.number
                db.session.commit()
                with lock:
                    race.placed.append(number)
            except (SoldOut, CartNotReady) as exc:
                db.session.rollback()
                with lock:
                    race.refused[type(exc).__name__] += 1
            except Exception as exc:  # noqa: BLE001 - every other outcome fails the test
                db.session.rollback()
                with lock:
                    race.errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=buyer, args=(cart_id,)) for cart_id in cart_ids]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    race.seconds = time.perf_counter() - began
    assert not any(thread.is_alive() for thread in threads), "a buyer hangs"
    return race


def carts_wanting(*wants: tuple[int, int], buyers: int = BUYERS, flip_half: bool = False):
    """Commit one guest cart per buyer with (variant id, quantity) lines; returns their ids.

    With ``flip_half`` every second buyer adds the lines in the opposite order.
    """
    ids = []
    for n in range(buyers):
        cart = new_cart(None)
        for variant_id, quantity in reversed(wants) if flip_half and n % 2 else wants:
            add_item(cart, variant_id, quantity)
        ids.append(cart.id)
    db.session.commit()
    db.session.close()  # hold no transaction while the buyers run
    return ids


@pytest.fixture
def last_units(session):
    """A pack with exactly 10 units left, from a cooperative that ships."""
    variant = stocked_pack(10, sku="LAST-10")
    ShippingMethodFactory(cooperative=variant.product.cooperative)
    session.commit()
    return variant.id


def test_fifty_buyers_race_for_the_last_ten_units(app, last_units):
    cart_ids = carts_wanting((last_units, 1))

    race = run_race(app, cart_ids)

    print(race.report("50 buyers × 1 unit, 10 in stock"))
    assert race.errors == []
    assert len(race.placed) == 10
    assert len(set(race.placed)) == 10
    assert sum(race.refused.values()) == 40
    assert set(race.refused) <= {"SoldOut", "CartNotReady"}
    assert stock_of(last_units) == 0
    assert count(Order) == 10
    sales = ledger("sale")
    assert len(sales) == 10
    assert {(v, q) for v, q, _, _ in sales} == {(last_units, -1)}
    assert sorted(ref for *_, ref in sales) == sorted(race.placed)
    assert_stock_matches_ledger(last_units)
    # The losers keep their carts; the winners' carts are empty.
    assert db.session.scalar(select(func.count()).select_from(CartLine)) == 40
    assert race.seconds < 20


def test_fifty_buyers_of_three_units_each_share_the_last_ten(app, last_units):
    cart_ids = carts_wanting((last_units, 3))

    race = run_race(app, cart_ids)

    print(race.report("50 buyers × 3 units, 10 in stock"))
    assert race.errors == []
    assert len(race.placed) == 3
    assert sum(race.refused.values()) == 47
    assert set(race.refused) <= {"SoldOut", "CartNotReady"}
    assert stock_of(last_units) == 1  # one unit is left, too few for any of them
    sales = ledger("sale")
    assert len(sales) == 3
    assert {(v, q) for v, q, _, _ in sales} == {(last_units, -3)}
    assert_stock_matches_ledger(last_units)
    assert race.seconds < 20


def test_buyers_of_two_packs_in_either_order_never_deadlock(app, session, last_units):
    """Half the carts list the packs the other way round; stock is taken in variant-id order."""
    other = stocked_pack(10, sku="LAST-10-B")
    ShippingMethodFactory(cooperative=other.product.cooperative)
    session.commit()
    other_id = other.id
    cart_ids = carts_wanting((last_units, 1), (other_id, 1), flip_half=True)

    race = run_race(app, cart_ids)

    print(race.report("50 buyers × 2 packs (either order), 10 of each"))
    assert race.errors == []
    assert len(race.placed) == 10
    assert set(race.refused) <= {"SoldOut", "CartNotReady"}
    assert (stock_of(last_units), stock_of(other_id)) == (0, 0)
    assert len(ledger("sale")) == 20
    assert_stock_matches_ledger(last_units, other_id)
    assert race.seconds < 20


def test_the_database_itself_refuses_negative_stock(session, last_units):
    with pytest.raises(IntegrityError):
        session.execute(text("UPDATE variant SET stock = -1 WHERE id = :id"), {"id": last_units})
    session.rollback()

    assert stock_of(last_units) == 10


def test_taking_more_than_is_on_hand_writes_nothing(session, last_units):
    with pytest.raises(InsufficientStock):
        change_stock(last_units, -11, StockReason.SALE, reference="RN-0000-0000")
    session.rollback()

    assert stock_of(last_units) == 10
    assert ledger("sale") == []
    assert_stock_matches_ledger(last_units)


def test_an_order_refused_outside_a_request_still_says_why(app):
    """A worker or CLI command placing orders gets an error with a message, not a crash."""
    with app.app_context():
        message = str(SoldOut("Medium Roast Robusta").message)  # in the shop's language, Thai
    assert "Medium Roast Robusta" in message
    assert "หมด" in message  # "sold out"
