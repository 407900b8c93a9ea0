"""Fault 1: Redis is down (REDIS_URL set, nothing listening). Redis holds the page cache and the
rate-limit counters, never the truth: the shop sells on without it, and readiness says so."""

from __future__ import annotations

import time

from tests.faults.conftest import Visitor, free_port

BOUND_S = 2.0  # no page may wait on Redis: each connection attempt is refused at once


def test_without_redis_every_page_and_the_log_in_work_and_limits_stay_in_memory(
    sqlite_database, shop_db, serve
):
    _, world = shop_db(sqlite_database)
    redis_url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    server = serve(sqlite_database, env={"REDIS_URL": redis_url})
    visitor = Visitor(server.base)
    slowest = 0.0

    def timed(call):
        nonlocal slowest
        started = time.perf_counter()
        response = call()
        slowest = max(slowest, time.perf_counter() - started)
        return response

    for path in ("/", "/products", f"/products/{world.product_slug}", "/?lang=my", "/products"):
        response = timed(lambda path=path: visitor.get(path))
        assert response.status_code == 200, (path, response.status_code)
    assert "Medium roast robusta" in visitor.get("/products").text

    logged_in = timed(lambda: visitor.log_in(world.staff_email))
    assert logged_in.status_code == 302  # the log-in works; sessions never lived in Redis
    assert visitor.get("/account").status_code == 200

    # The log-in limit (10 failed attempts a minute per address) still holds, counted in memory.
    intruder = Visitor(server.base)
    answers = [
        timed(lambda: intruder.log_in(world.staff_email, "wrong password")).status_code
        for _ in range(11)
    ]
    assert answers[:10] == [200] * 10  # the form again, with its message
    assert answers[10] == 429

    health = visitor.get("/healthz")
    assert health.status_code == 200  # a balancer keeps this server: the cache is not the shop
    assert health.json() == {"status": "degraded", "database": "ok", "redis": "down"}

    log = server.log
    assert "falling back to in-memory storage" in log
    assert "cache: Redis does not answer" in log
    assert " 500 " not in log
    assert "Traceback" not in log
    assert slowest < BOUND_S, f"slowest request took {slowest:.2f} s"
    print(f"\nRedis down: slowest request {slowest:.3f} s")
