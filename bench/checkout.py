"""Benchmark order placement: N concurrent buyers racing for a few hot variants on PostgreSQL.

Usage: make bench-checkout
   (or: .venv/bin/python bench/checkout.py [--buyers 300] [--concurrency 16] [--stock 80])

Serves the demo shop with gunicorn (2 workers) on a fresh PostgreSQL database, gives three hot
variants a known stock, and lets buyers (threads, each with its own cookie session) do what a
person does: open the product page, add one pack to the cart, open the checkout and place the
order by bank transfer. Prints orders per second, the server's CPU per order (the gunicorn
workers' and PostgreSQL's user+sys time from /proc over the run), p50/p99 latency of placing the
order, how many buyers were told "sold out", and checks that nothing was oversold: units sold
never exceed the stock, the stock never goes negative and every variant's stock equals the sum of
its ledger.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import ROOT, Gunicorn, flask, prepare_postgres  # noqa: E402

DATABASE = os.environ.get("BENCH_DB", "bench_checkout")
HOT_SKUS = ("RNC-3IN1-30", "LAU-BN-D-250", "KBC-SALT-200")
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
SHOWN = re.compile(r'name="shown" value="([^"]*)"')  # the amounts the page showed, signed
ADDRESS = {
    "email": "",
    "name": "Bench Buyer",
    "phone": "0812345678",
    "line1": "99 Ruangrat Road",
    "line2": "",
    "subdistrict": "Khao Niwet",
    "district": "Mueang Ranong",
    "province": "TH-85",
    "postcode": "85000",
    "payment_method": "transfer",
}


def set_stock(env: dict, stock: int) -> dict[str, tuple[int, str]]:
    """Give each hot variant ``stock`` units (through the ledger); returns sku -> (id, slug)."""
    script = f"""
import json
from sqlalchemy import select
from shop import create_app
from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
app = create_app()
out = {{}}
with app.app_context():
    for v in db.session.scalars(select(Variant).where(Variant.sku.in_({list(HOT_SKUS)!r}))):
        if v.stock != {stock}:
            change_stock(v.id, {stock} - v.stock, StockReason.ADJUSTMENT, note="benchmark")
        out[v.sku] = (v.id, v.product.slug)
    db.session.commit()
print(json.dumps(out))
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    proc.check_returncode()
    import json

    return {k: tuple(v) for k, v in json.loads(proc.stdout.strip().splitlines()[-1]).items()}


def check_ledger(env: dict) -> dict:
    script = f"""
import json
from sqlalchemy import func, select
from shop import create_app
from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import StockMovement, StockReason
from shop.orders.models import Order
app = create_app()
with app.app_context():
    rows = {{}}
    for v in db.session.scalars(select(Variant).where(Variant.sku.in_({list(HOT_SKUS)!r}))):
        ledger = db.session.scalar(
            select(func.sum(StockMovement.quantity)).where(StockMovement.variant_id == v.id)
        )
        sold = -(db.session.scalar(select(func.sum(StockMovement.quantity)).where(
            StockMovement.variant_id == v.id, StockMovement.reason == StockReason.SALE)) or 0)
        rows[v.sku] = {{"stock": v.stock, "ledger": int(ledger), "sold": int(sold)}}
    rows["orders"] = db.session.scalar(select(func.count(Order.id)))
print(json.dumps(rows))
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    proc.check_returncode()
    import json

    return json.loads(proc.stdout.strip().splitlines()[-1])


def buyer(base: str, number: int, hot: dict[str, tuple[int, str]]) -> tuple[str, float]:
    """One buyer's visit; returns (outcome, seconds taken by placing the order)."""
    sku = random.choice(list(hot))
    variant_id, slug = hot[sku]
    with requests.Session() as s:
        page = s.get(f"{base}/products/{slug}?lang=en", timeout=30)
        token = CSRF.search(page.text).group(1)
        s.post(
            f"{base}/cart/add",
            data={"csrf_token": token, "variant_id": variant_id, "quantity": 1, "next": "/cart"},
            timeout=30,
        )
        checkout = s.get(f"{base}/checkout?lang=en", timeout=30)
        match = CSRF.search(checkout.text)
        if match is None:  # the cart was refused (sold out before the buyer got to it)
            return "sold out", 0.0
        form = dict(ADDRESS, email=f"buyer{number}@example.org", csrf_token=match.group(1))
        shown = SHOWN.search(checkout.text)
        form["shown"] = html.unescape(shown.group(1)) if shown else ""
        started = time.perf_counter()
        placed = s.post(f"{base}/checkout?lang=en", data=form, timeout=60, allow_redirects=False)
        took = time.perf_counter() - started
    if placed.status_code == 302 and "/orders/" in placed.headers.get("Location", ""):
        return "ordered", took
    if placed.status_code == 302:
        return "sold out", took
    return f"error {placed.status_code}", took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--stock", type=int, default=80, help="units of each hot variant")
    args = parser.parse_args()

    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    with tempfile.TemporaryDirectory(prefix="bench-checkout-") as tmp:
        env = dict(
            base_env,
            SHOP_ENV="production",
            SECRET_KEY=secrets.token_urlsafe(48),
            RATELIMIT_ALLOW_MEMORY="1",  # no log-ins here: the limits' storage does not matter
            SHOP_INSTANCE_PATH=tmp,
            DATABASE_URL=prepare_postgres(DATABASE),
            SESSION_COOKIE_SECURE="0",
        )
        flask(env, "db", "upgrade", "heads")  # every head: a pending merge does not stop the run
        flask(env, "demo-data")
        hot = set_stock(env, args.stock)
        sold_before = check_ledger(env)  # the demo data's own orders sold some packs already
        outcomes: list[tuple[str, float]] = []
        lock = threading.Lock()
        with Gunicorn("wsgi:app", env, ROOT) as shop:
            from logged_in import children, cpu_seconds, postgres_backends

            def one(n: int) -> None:
                result = buyer(shop.base, n, hot)
                with lock:
                    outcomes.append(result)

            workers = children(shop.proc.pid)
            backends = postgres_backends(DATABASE)
            cpu_before = cpu_seconds(workers), cpu_seconds(backends)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                list(pool.map(one, range(args.buyers)))
            wall = time.perf_counter() - started
            backends += [p for p in postgres_backends(DATABASE) if p not in backends]
            worker_cpu = cpu_seconds(workers) - cpu_before[0]
            postgres_cpu = cpu_seconds(backends) - cpu_before[1]
        ledger = check_ledger(env)
        for sku in hot:
            ledger[sku]["sold"] -= sold_before[sku]["sold"]

    ordered = [t for outcome, t in outcomes if outcome == "ordered"]
    sold_out = sum(1 for outcome, _ in outcomes if outcome == "sold out")
    errors = [outcome for outcome, _ in outcomes if outcome.startswith("error")]
    sold = sum(ledger[sku]["sold"] for sku in hot)
    print()
    print(
        f"Checkout benchmark: gunicorn 2 workers on PostgreSQL, {args.buyers} buyers, "
        f"{args.concurrency} at a time, {len(hot)} hot variants x {args.stock} units"
    )
    rate = len(ordered) / wall
    print(f"orders placed        {len(ordered)}  ({rate:.1f} orders/s over {wall:.1f} s)")
    if ordered:
        q = statistics.quantiles(ordered, n=100)
        print(f"place-order latency  p50 {q[49] * 1000:.0f} ms   p99 {q[98] * 1000:.0f} ms")
    if ordered:
        per = 1000 / len(ordered)
        print(
            f"server CPU per order {(worker_cpu + postgres_cpu) * per:.0f} ms  "
            f"(gunicorn workers {worker_cpu * per:.0f} ms, PostgreSQL {postgres_cpu * per:.0f} ms; "
            "each buyer's whole visit, sold-out visits included)"
        )
    print(f"told sold out        {sold_out}")
    print(f"errors               {len(errors)} {sorted(set(errors))}")
    for sku in hot:
        row = ledger[sku]
        stock, sold_units, total = row["stock"], row["sold"], row["ledger"]
        print(f"{sku:<14} stock {stock:>4}  sold {sold_units:>4}  ledger sum {total:>4}")
    oversold = (
        sold > len(hot) * args.stock
        or sold != len(ordered)
        or any(ledger[s]["stock"] < 0 or ledger[s]["stock"] != ledger[s]["ledger"] for s in hot)
    )
    print(
        "oversold: NO — units sold = orders placed, stock = ledger"
        if not oversold
        else "OVERSOLD OR LEDGER MISMATCH"
    )
    sys.exit(1 if oversold or errors else 0)


if __name__ == "__main__":
    main()
