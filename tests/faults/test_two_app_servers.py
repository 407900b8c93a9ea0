"""Two app servers of two workers each on one database and one Redis, as behind a load balancer:
a log-out on one ends the cookie on the other, and the log-in limits count across all four
processes (with counters in process memory, 2 x 2 workers let up to 40 guesses through)."""

from __future__ import annotations

import secrets

import redis

from tests.faults.conftest import PASSWORD, Visitor


def test_log_outs_and_log_in_limits_hold_across_app_servers(database, shop_db, serve):
    _, world = shop_db(database)
    redis_db = 9 if database.startswith("sqlite") else 10  # each backend's run counts alone
    redis.Redis(host="127.0.0.1", port=6379, db=redis_db).flushdb()
    env = {
        "SECRET_KEY": secrets.token_urlsafe(48),  # one key for the whole installation
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
    }
    one = serve(database, env=env, workers=2)
    two = serve(database, env=env, workers=2)

    buyer = Visitor(one.base)
    assert buyer.log_in(world.staff_email).status_code == 302
    copy = Visitor(two.base)
    copy.http.cookies.set("session", buyer.http.cookies.get("session"))
    assert copy.get("/account", allow_redirects=False).status_code == 200
    logged_out = buyer.post("/account/logout", {}, form_page="/account")
    assert logged_out.status_code == 302
    assert copy.get("/account", allow_redirects=False).status_code == 302  # on the other server

    attackers = [Visitor(one.base), Visitor(two.base)]
    answers = [
        attackers[i % 2].log_in(world.staff_email, f"guess {i}").status_code for i in range(11)
    ]
    assert answers == [200] * 10 + [429]
    assert attackers[0].log_in(world.staff_email, PASSWORD).status_code == 429  # this minute
