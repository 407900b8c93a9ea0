"""Fault 5b: the path to PostgreSQL stalls. The test's TCP proxy keeps every connection open
but stops forwarding (a hung proxy or pooler, a frozen server): the kernel still acknowledges
each packet, so no TCP timeout fires. The pooled connections the server holds, and new ones,
go silent; pages and the health check must still answer 503 with Retry-After in bounded time,
not hang until the worker is killed."""

from __future__ import annotations

import time

import requests
from sqlalchemy.engine import make_url

from tests.faults.conftest import TcpProxy

# A pooled connection's check may wait 3 s, a new connection 5 s; gunicorn kills at 30 s.
BOUND_S = 15.0
PATHS = ["/", "/products", "/healthz"]


def test_pages_answer_503_soon_when_the_database_path_stalls(postgresql_database, shop_db, serve):
    _, world = shop_db(postgresql_database)
    target = make_url(postgresql_database)
    proxy = TcpProxy((target.host or "127.0.0.1", target.port or 5432))
    try:
        proxied = target.set(host="127.0.0.1", port=proxy.port)
        server = serve(
            proxied.render_as_string(hide_password=False),
            env={"CACHE_TYPE": "NullCache"},  # every page reads the database
        )
        for path in PATHS:  # the pool now holds connections through the proxy
            assert requests.get(server.base + path, timeout=20).status_code == 200

        proxy.stall()
        answers = {}
        for path in PATHS:
            started = time.monotonic()
            response = requests.get(
                server.base + path, cookies={"lang": "en"}, timeout=BOUND_S + 10
            )
            answers[path] = (response, time.monotonic() - started)
    finally:
        proxy.stop()

    for path, (response, took) in answers.items():
        assert response.status_code == 503, path
        assert took < BOUND_S, f"{path} took {took:.1f} s"
    for path in ("/", "/products"):
        response = answers[path][0]
        assert response.headers["Retry-After"] == "30"
        assert "back" in response.text.lower()
    assert answers["/healthz"][0].json()["database"] == "unreachable"
    assert " 500 " not in server.log
    print("\nstalled database: " + ", ".join(f"{p} {t:.1f} s" for p, (_, t) in answers.items()))
