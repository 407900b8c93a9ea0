"""Fault 6: a worker is killed (SIGKILL) while buyers are placing orders. Placing an order is one
transaction: nothing half-written may remain, whatever line the worker died on."""

from __future__ import annotations

import os
import signal
import threading

import requests
from sqlalchemy import select

from shop.extensions import db
from shop.orders.models import Order
from tests.faults.conftest import Visitor, inconsistencies, wait_for

BUYERS = 3
KILLS = 3


def test_killing_a_worker_mid_checkout_leaves_nothing_half_written(database, shop_db, serve):
    app, world = shop_db(database)
    server = serve(database, workers=1)
    placed, lost, in_checkout = [], [], [0]
    lock = threading.Lock()
    stop = threading.Event()

    def buyer(number: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            email = f"buyer{number}-{n}@example.org"
            try:
                visitor = Visitor(server.base)
                visitor.add_to_cart(world)
                with lock:
                    in_checkout[0] += 1
                try:
                    answer = visitor.check_out(email)
                finally:
                    with lock:
                        in_checkout[0] -= 1
                (placed if answer.status_code == 302 else lost).append(email)
            except (requests.RequestException, AssertionError):
                lost.append(email)  # the worker died under this request

    threads = [threading.Thread(target=buyer, args=(i,), daemon=True) for i in range(BUYERS)]
    for thread in threads:
        thread.start()
    try:
        for kill in range(KILLS):
            wait_for(lambda k=kill: len(placed) >= 3 * (k + 1), 60, "orders to be placed")
            wait_for(lambda: in_checkout[0] > 0, 10, "a checkout in flight")
            (victim,) = server.workers()
            os.kill(victim, signal.SIGKILL)
            wait_for(
                lambda v=victim: server.workers() and server.workers() != [v],
                30,
                "gunicorn to start a new worker",
            )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    assert len(placed) >= 3 * KILLS
    assert lost  # some checkouts died with their worker
    assert inconsistencies(app) == []
    # Every answered order is there; a killed checkout left either a whole order or nothing.
    with app.app_context():
        emails = set(db.session.scalars(select(Order.email)))
        db.session.remove()
    assert set(placed) <= emails
    assert emails <= set(placed) | set(lost)
    print(f"\nworker killed {KILLS}x: {len(placed)} orders answered, {len(lost)} checkouts lost")
