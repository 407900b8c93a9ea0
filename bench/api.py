# ruff: noqa: E501  (the scripts run in the shop's own process are kept on one line each)
"""Benchmark the partner API on PostgreSQL: the whole catalogue page by page, and orders, under
16 concurrent keys, beside a bare Flask app measured the same way in the same run.

Usage: .venv/bin/python bench/api.py [--keys 16] [--syncs 4] [--orders 8] [--packs 500]

Serves the demo shop with gunicorn (2 workers) on a fresh PostgreSQL database with ``--packs``
more wholesale packs and ``--keys`` partner companies, each with its own API key (made by
shop.api.keys.create_key, as a partner admin does). Then, one thread per key:
1. ``--syncs`` full catalogue syncs: ``GET /api/v1/products?limit=200`` following next_cursor;
2. ``--orders`` orders: ``POST /api/v1/orders`` of 3 packs, each with its own Idempotency-Key,
   then the same request again (a retry: answered 200 with the same order, not a second one);
3. the bare Flask page (bench/bare_app.py, also gunicorn with 2 workers), the same number of
   requests per thread as step 1, as the baseline.
Prints requests per second, p50 and p99 for each, the ratio to the baseline, and proves that
every retry gave back its order and that nothing was sold twice (stock equals its ledger).
Rate limits are off (each key would otherwise get 300 a minute).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import (  # noqa: E402
    ROOT,
    Gunicorn,
    flask,
    outside_env,
    prepare_postgres,
    run_python,
    shop_env,
)


def prepare(env: dict, keys: int, packs: int) -> dict:
    return run_python(
        env,
        f"""
import json
from sqlalchemy import select
from shop import create_app
from shop.accounts.models import User
from shop.api.keys import create_key
from shop.catalog.models import Category, Cooperative, Product, Variant
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from shop.pricing.models import PriceBreak, PriceList, QuantityRule
from shop.wholesale.models import PartnerMembership, PartnerRole, PartnerShop, PartnerShopStatus
app = create_app()
with app.app_context():
    coop = db.session.scalars(select(Cooperative).where(Cooperative.slug == "baac-clients-ranong")).one()
    category = db.session.scalars(select(Category)).first()
    skus = []
    for n in range({packs}):
        product = Product(slug=f"api-bench-{{n}}", cooperative=coop, category=category, name_th=f"สินค้า {{n}}", name_en=f"Bench pack {{n}}", name_my=f"စမ်းသပ် {{n}}")
        product.publish()
        variant = Variant(product=product, sku=f"APIB-{{n:05d}}", name_th="กล่อง", name_en="Box", name_my="ဘူး", weight_grams=300, price_satang=10_000 + n)
        db.session.add_all([product, variant])
        db.session.flush()
        product.refresh_min_price()
        db.session.add(QuantityRule(variant_id=variant.id, case_pack=12, min_quantity=12))
        db.session.add(PriceBreak(variant_id=variant.id, min_quantity=60, unit_price_satang=8_000))
        change_stock(variant.id, 1_000_000, StockReason.RECEIPT, note="benchmark")
        skus.append(variant.sku)
    price_list = db.session.scalars(select(PriceList)).first()
    tokens = []
    for n in range({keys}):
        partner = PartnerShop(slug=f"api-bench-{{n}}", name=f"API Bench {{n}}", township="Kawthaung", region="MM-05", status=PartnerShopStatus.APPROVED, price_list=price_list)
        user = User(email=f"apibench{{n}}@partner.example.org", name=f"Bench {{n}}", locale="en")
        user.set_password("not used by the benchmark")
        db.session.add_all([partner, user])
        db.session.flush()
        db.session.add(PartnerMembership(user=user, partner=partner, role=PartnerRole.PARTNER_ADMIN))
        db.session.flush()
        tokens.append(create_key(partner, user, "bench", ["catalogue:read", "orders:write"]).token)
    db.session.commit()
print(json.dumps({{"tokens": tokens, "skus": skus}}))
""",
    )


def check(env: dict) -> dict:
    return run_python(
        env,
        """
import json
from sqlalchemy import func, select
from shop import create_app
from shop.api.models import IdempotentRequest
from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import StockMovement
from shop.orders.models import Order
app = create_app()
with app.app_context():
    orders = db.session.scalar(select(func.count(Order.id)).where(Order.po_number.like("API-%")))
    remembered = db.session.scalar(select(func.count(IdempotentRequest.id)))
    negative = db.session.scalar(select(func.count(Variant.id)).where(Variant.stock < 0))
    ledger = dict(db.session.execute(select(StockMovement.variant_id, func.sum(StockMovement.quantity)).group_by(StockMovement.variant_id)).tuples().all())
    mismatched = sum(1 for v in db.session.scalars(select(Variant)) if ledger.get(v.id, 0) != v.stock)
print(json.dumps({"orders": orders, "remembered": remembered, "negative": negative, "ledger_mismatch": mismatched}))
""",
    )


class Timings:
    def __init__(self):
        self.lock = threading.Lock()
        self.values: dict[str, list[float]] = {}
        self.errors: dict[str, list[str]] = {}
        self.wall: dict[str, float] = {}

    def add(self, name: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.values.setdefault(name, []).append(seconds)
            if error:
                self.errors.setdefault(name, []).append(error)


def sync_catalogue(base: str, token: str, syncs: int, timings: Timings) -> int:
    pages = 0
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {token}"
        for _ in range(syncs):
            cursor = None
            while True:
                params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
                began = time.perf_counter()
                answer = s.get(f"{base}/api/v1/products", params=params, timeout=60)
                timings.add(
                    "products",
                    time.perf_counter() - began,
                    None if answer.status_code == 200 else str(answer.status_code),
                )
                pages += 1
                cursor = answer.json().get("next_cursor") if answer.status_code == 200 else None
                if cursor is None:
                    break
    return pages


def place_orders(
    base: str, n: int, token: str, skus: list[str], orders: int, timings: Timings, retries: list
) -> None:
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {token}"
        for k in range(orders):
            start = (n * 31 + k * 7) % (len(skus) - 3)
            body = {
                "lines": [{"sku": sku, "quantity": 12} for sku in skus[start : start + 3]],
                "po_number": f"API-{n}-{k}",
            }
            key = str(uuid.uuid4())
            began = time.perf_counter()
            answer = s.post(
                f"{base}/api/v1/orders", json=body, headers={"Idempotency-Key": key}, timeout=120
            )
            timings.add(
                "orders",
                time.perf_counter() - began,
                None if answer.status_code == 201 else f"{answer.status_code} {answer.text[:120]}",
            )
            again = s.post(
                f"{base}/api/v1/orders", json=body, headers={"Idempotency-Key": key}, timeout=120
            )
            same = (
                answer.status_code == 201
                and again.status_code == 200
                and again.json()["number"] == answer.json()["number"]
            )
            retries.append(same)


def bare(base: str, requests_per_thread: int, timings: Timings) -> None:
    with requests.Session() as s:
        for _ in range(requests_per_thread):
            began = time.perf_counter()
            answer = s.get(f"{base}/", timeout=30)
            timings.add(
                "bare",
                time.perf_counter() - began,
                None if answer.status_code == 200 else str(answer.status_code),
            )


def timed(timings: Timings, name: str, workers: int, jobs) -> list:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda job: job(), jobs))
    timings.wall[name] = time.perf_counter() - started
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=16)
    parser.add_argument("--syncs", type=int, default=4, help="full catalogue syncs per key")
    parser.add_argument("--orders", type=int, default=8, help="orders per key")
    parser.add_argument("--packs", type=int, default=500, help="extra wholesale packs")
    args = parser.parse_args()

    timings, retries = Timings(), []
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        env = shop_env(tmp, prepare_postgres("bench_api"))
        flask(env, "db", "upgrade")
        flask(env, "demo-data")
        world = prepare(env, args.keys, args.packs)
        tokens, skus = world["tokens"], world["skus"]
        with Gunicorn("wsgi:app", env, ROOT) as shop:
            pages = timed(
                timings,
                "products",
                args.keys,
                [lambda t=t: sync_catalogue(shop.base, t, args.syncs, timings) for t in tokens],
            )
            timed(
                timings,
                "orders",
                args.keys,
                [
                    lambda n=n, t=t: place_orders(
                        shop.base, n, t, skus, args.orders, timings, retries
                    )
                    for n, t in enumerate(tokens)
                ],
            )
        per_thread = max(pages[0], 1)
        with Gunicorn("bare_app:app", outside_env(), ROOT / "bench") as baseline:
            timed(
                timings,
                "bare",
                args.keys,
                [lambda: bare(baseline.base, per_thread * 4, timings)] * args.keys,
            )
        proof = check(env)

    def row(name: str, label: str) -> tuple[str, float, float, float]:
        values = timings.values.get(name, [])
        q = statistics.quantiles(values, n=100) if len(values) >= 2 else [0.0] * 99
        return label, len(values) / timings.wall[name], q[49] * 1000, q[98] * 1000

    rows = [
        row("bare", "bare Flask GET /"),
        row("products", "GET /api/v1/products (200 a page)"),
        row("orders", "POST /api/v1/orders (3 lines)"),
    ]
    bare_rps = rows[0][1]
    print()
    print(
        f"Partner API benchmark: gunicorn 2 workers on PostgreSQL, {args.keys} keys at once, {len(skus)} extra wholesale packs"
    )
    print(f"{'what':<36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}  errors")
    for name, (label, rps, p50, p99) in zip(("bare", "products", "orders"), rows, strict=True):
        errors = timings.errors.get(name, [])
        print(
            f"{label:<36} {rps:8.1f} {p50:8.1f} {p99:8.1f} {rps / bare_rps:8.3f}  {len(errors)} {sorted(set(errors))[:3]}"
        )
    print(f"pages per catalogue sync: {pages[0] // args.syncs}")
    print(f"retries answered with the same order: {sum(retries)} of {len(retries)}")
    print(
        f"orders in the database: {proof['orders']} (idempotency keys remembered: {proof['remembered']})"
    )
    print(
        f"packs with negative stock: {proof['negative']}; stock != ledger: {proof['ledger_mismatch']}"
    )
    failed = (
        any(timings.errors.values())
        or not all(retries)
        or proof["orders"] != len(retries)
        or proof["negative"]
        or proof["ledger_mismatch"]
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
