# ruff: noqa: E501  (the scripts run in the shop's own process are kept on one line each)
"""Benchmark wholesale ordering: partners placing 100-line quick orders at once on PostgreSQL,
and the quick-order grid with 200 and 2,000 packs.

Usage: make bench-wholesale
   (or: .venv/bin/python bench/wholesale.py [--partners 16] [--orders 3] [--lines 100])

Serves the demo shop with gunicorn (2 workers) on a fresh PostgreSQL database with 2,000
wholesale packs and ``--partners`` partner companies on net 15 with a credit limit that lets
about two of their orders through. Each partner (a thread with its own cookie session) does
what a buyer does, ``--orders`` times: fill the quick-order grid with ``--lines`` packs, one
carton each, submit it, open the checkout and place the order. Prints orders per second and
p50/p99 of the two steps (grid submit, placing the order), then proves that no partner's
orders waiting for nobody exceed its credit limit and that nothing was oversold (stock never
negative, every pack's stock equal to its ledger). Then times the grid page (median of 7) and
counts its SQL statements with 200 and with 2,000 packs, beside the retail product list
measured in the same run as the baseline.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import ROOT, Gunicorn, flask, prepare_postgres, run_python, shop_env  # noqa: E402

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
CARTONS = re.compile(r'name="cartons-(\d+)"')
PASSWORD = "bench partner password 2026"
PACKS = 2_000
LIMIT_SATANG = 25_000_000  # ฿250,000: two 100-carton orders, not three


def prepare(env: dict, partners: int) -> dict:
    """2,000 wholesale packs (one product each, cartons of 12, a break at 5 cartons) and the
    partner companies with one buyer each."""
    return run_python(
        env,
        f"""
import json
from sqlalchemy import select
from shop import create_app
from shop.accounts.models import User
from shop.catalog.models import Category, Cooperative, Product, ProductStatus, Variant
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from shop.pricing.models import PriceBreak, PriceList, QuantityRule
from shop.wholesale.models import PartnerMembership, PartnerRole, PartnerShop, PartnerShopStatus, PaymentTerms
app = create_app()
with app.app_context():
    coop = db.session.scalars(select(Cooperative).where(Cooperative.slug == "baac-clients-ranong")).one()
    category = db.session.scalars(select(Category)).first()
    for n in range({PACKS}):
        product = Product(slug=f"bench-pack-{{n}}", cooperative=coop, category=category,
                          name_th=f"สินค้าทดสอบ {{n}}", name_en=f"Bench pack {{n}}",
                          name_my=f"စမ်းသပ် {{n}}")
        product.publish()
        variant = Variant(product=product, sku=f"BENCH-{{n:05d}}", name_th="กล่อง", name_en="Box",
                          name_my="ဘူး", weight_grams=300, price_satang=10_000 + n)
        db.session.add_all([product, variant])
        db.session.flush()
        product.refresh_min_price()
        db.session.add(QuantityRule(variant_id=variant.id, case_pack=12, min_quantity=12))
        db.session.add(PriceBreak(variant_id=variant.id, min_quantity=60, unit_price_satang=8_000))
        change_stock(variant.id, 100_000, StockReason.RECEIPT, note="benchmark")
    price_list = db.session.scalars(select(PriceList)).first()
    for n in range({partners}):
        partner = PartnerShop(slug=f"bench-partner-{{n}}", name=f"Bench Partner {{n}}",
                              township="Kawthaung", region="MM-05", status=PartnerShopStatus.APPROVED,
                              price_list=price_list, payment_terms=PaymentTerms.NET_15,
                              credit_limit_satang={LIMIT_SATANG})
        user = User(email=f"bench{{n}}@partner.example.org", name=f"Bench {{n}}", locale="en")
        user.set_password({PASSWORD!r})
        db.session.add_all([partner, user])
        db.session.flush()
        db.session.add(PartnerMembership(user=user, partner=partner, role=PartnerRole.PARTNER_ADMIN))
    db.session.commit()
print(json.dumps({{"ok": True}}))
""",
    )


def partner_run(base: str, n: int, orders: int, lines: int, record) -> None:
    with requests.Session() as s:
        login = s.get(f"{base}/account/login?lang=en", timeout=30)
        s.post(
            f"{base}/account/login?lang=en",
            data={
                "csrf_token": CSRF.search(login.text).group(1),
                "email": f"bench{n}@partner.example.org",
                "password": PASSWORD,
            },
            timeout=30,
        )
        for k in range(orders):
            grid = s.get(f"{base}/wholesale?lang=en&category=", timeout=60)
            ids = CARTONS.findall(grid.text)
            start = (n * 37 + k * 101) % max(len(ids) - lines, 1)
            form = {"csrf_token": CSRF.search(grid.text).group(1)}
            form.update({f"cartons-{vid}": "1" for vid in ids[start : start + lines]})
            began = time.perf_counter()
            added = s.post(
                f"{base}/wholesale?lang=en", data=form, timeout=120, allow_redirects=False
            )
            grid_took = time.perf_counter() - began
            checkout = s.get(f"{base}/wholesale/checkout?lang=en", timeout=60)
            match = CSRF.search(checkout.text)
            if added.status_code != 302 or match is None:
                record("error", grid_took, 0.0, f"grid {added.status_code}")
                continue
            began = time.perf_counter()
            placed = s.post(
                f"{base}/wholesale/checkout?lang=en",
                data={"csrf_token": match.group(1), "po_number": f"B{n}-{k}"},
                timeout=120,
                allow_redirects=False,
            )
            took = time.perf_counter() - began
            ok = placed.status_code == 302 and "/wholesale/orders/" in placed.headers["Location"]
            record("ordered" if ok else "error", grid_took, took, str(placed.status_code))


def check(env: dict) -> dict:
    return run_python(
        env,
        """
import json
from sqlalchemy import func, select
from shop import create_app
from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import StockMovement
from shop.orders.models import Approval, Order
from shop.wholesale.models import PartnerShop
app = create_app()
with app.app_context():
    over = []
    for partner in db.session.scalars(select(PartnerShop).where(PartnerShop.slug.like("bench-partner-%"))):
        through = db.session.scalar(select(func.coalesce(func.sum(Order.total_satang), 0)).where(
            Order.partner_shop_id == partner.id, Order.approval == Approval.NONE))
        if through > partner.credit_limit_satang:
            over.append(partner.slug)
    waiting = db.session.scalar(select(func.count(Order.id)).where(Order.approval == Approval.PLATFORM))
    negative = db.session.scalar(select(func.count(Variant.id)).where(Variant.stock < 0))
    ledger = dict(db.session.execute(select(StockMovement.variant_id, func.sum(StockMovement.quantity))
                                     .group_by(StockMovement.variant_id)).tuples().all())
    mismatched = sum(1 for v in db.session.scalars(select(Variant)) if ledger.get(v.id, 0) != v.stock)
print(json.dumps({"over_limit": over, "waiting_for_office": waiting, "negative": negative,
                  "ledger_mismatch": mismatched}))
""",
    )


def grid_timing(env: dict, packs: int) -> dict:
    """Median time of the grid and of the retail product list (the baseline) for a logged-in
    partner, in-process, with the number of SQL statements each costs."""
    return run_python(
        env,
        f"""
import json, statistics, time
from sqlalchemy import event, select, update
from shop import create_app
from shop.catalog.models import Product, ProductStatus
from shop.extensions import db
app = create_app({{"WTF_CSRF_ENABLED": False, "TRUSTED_HOSTS": None}})
with app.app_context():
    db.session.execute(update(Product).where(Product.slug.like("bench-pack-%")).values(status=ProductStatus.DRAFT))
    keep = db.session.scalars(select(Product.id).where(Product.slug.like("bench-pack-%")).order_by(Product.id).limit({packs})).all()
    db.session.execute(update(Product).where(Product.id.in_(keep)).values(status=ProductStatus.ACTIVE))
    db.session.commit()
    count = [0]
    event.listen(db.engine, "before_cursor_execute", lambda *a: count.__setitem__(0, count[0] + 1))
client = app.test_client()
client.environ_base["HTTP_HOST"] = "127.0.0.1"
client.post("/account/login", data={{"email": "bench0@partner.example.org", "password": {PASSWORD!r}}})
out = {{}}
for name, path in (("grid", "/wholesale?lang=en"), ("products", "/products?lang=en")):
    client.get(path)
    times = []
    for _ in range(7):
        count[0] = 0
        began = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
    out[name] = {{"ms": statistics.median(times) * 1000, "sql": count[0]}}
print(json.dumps(out))
""",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=16)
    parser.add_argument("--orders", type=int, default=3, help="orders per partner")
    parser.add_argument("--lines", type=int, default=100, help="packs per quick order")
    args = parser.parse_args()

    results: list[tuple[str, float, float, str]] = []
    lock = threading.Lock()

    def record(outcome: str, grid: float, place: float, detail: str) -> None:
        with lock:
            results.append((outcome, grid, place, detail))

    with tempfile.TemporaryDirectory(prefix="bench-wholesale-") as tmp:
        env = shop_env(tmp, prepare_postgres("bench_wholesale"))
        flask(env, "db", "upgrade")
        flask(env, "demo-data")
        prepare(env, args.partners)
        with Gunicorn("wsgi:app", env, ROOT) as shop:
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.partners) as pool:
                list(
                    pool.map(
                        lambda n: partner_run(shop.base, n, args.orders, args.lines, record),
                        range(args.partners),
                    )
                )
            wall = time.perf_counter() - started
        proof = check(env)
        grids = {packs: grid_timing(env, packs) for packs in (200, PACKS)}

    ordered = [r for r in results if r[0] == "ordered"]
    errors = [r[3] for r in results if r[0] != "ordered"]
    print()
    print(
        f"Wholesale benchmark: gunicorn 2 workers on PostgreSQL, {args.partners} partners at "
        f"once, {args.orders} quick orders of {args.lines} lines each"
    )
    print(
        f"orders placed         {len(ordered)}  ({len(ordered) / wall:.2f} orders/s over {wall:.1f} s)"
    )
    for label, index in (("grid submit", 1), ("place order", 2)):
        values = [r[index] for r in ordered]
        if len(values) >= 2:
            q = statistics.quantiles(values, n=100)
            print(f"{label:<21} p50 {q[49] * 1000:.0f} ms   p99 {q[98] * 1000:.0f} ms")
    print(f"errors                {len(errors)} {sorted(set(errors))}")
    print(f"orders waiting for the office (over the credit limit): {proof['waiting_for_office']}")
    print(f"partners over their limit without approval: {proof['over_limit'] or 'none'}")
    print(
        f"packs with negative stock: {proof['negative']}; stock != ledger: {proof['ledger_mismatch']}"
    )
    for packs, timing in grids.items():
        grid, base = timing["grid"], timing["products"]
        print(
            f"grid with {packs:>5} packs  {grid['ms']:7.1f} ms  {grid['sql']:>2} SQL   "
            f"(retail /products {base['ms']:.1f} ms, {base['sql']} SQL: x{grid['ms'] / base['ms']:.1f})"
        )
    failed = proof["over_limit"] or proof["negative"] or proof["ledger_mismatch"] or errors
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
