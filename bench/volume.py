# ruff: noqa: E501
"""Benchmark the seller backend and the office's reports at real volume on PostgreSQL.

Usage: make bench-volume
   (or: .venv/bin/python bench/volume.py [--repeat 5] [--rebuild])

One cooperative (the demo's Raenong, baac-clients-ranong) gets 5,000 products with 15,000
packs and 50,000 orders spread over the last 365 days (90 % sold, 5 % cancelled, 5 % unpaid or
expired), written with SQLAlchemy Core bulk inserts into the database ``shop_perf_volume``. The
database is kept between runs and reused when it already holds that data (``--rebuild`` builds
it again); ``flask db upgrade`` runs every time, so new migrations (indexes) apply to it.

The shop is served by gunicorn (2 workers) on a free port, and the bare Flask app
(bench/bare_app.py) beside it in the same run. Logged in as the cooperative's manager and as
the platform admin, each page is requested ``--repeat`` times after one warm-up request; the
median time, the CPU the gunicorn workers spent per request (user + system, from /proc: it
holds when other work shares the machine), the response size and the SQL statements one
request runs (counted in-process through the Flask test client) are printed, with time and CPU
as multiples of bare Flask's (500 requests) in the same run. PostgreSQL's own time is in the
median, not in the workers' CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import PG_ADMIN_URL, ROOT, Gunicorn, flask, run_python, shop_env  # noqa: E402

DB_NAME = os.environ.get("BENCH_VOLUME_DB", "shop_perf_volume")
COOP_SLUG = "baac-clients-ranong"
PRODUCTS, PACKS_EACH, ORDERS = 5_000, 3, 50_000
STAFF = ("manager@baac-ranong.example.org", "raenong-owner-2026")
ADMIN = ("admin@ranong-coffee.example.org", "ranong-admin-2026")
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')

BUILD = f"""
import json, random
from datetime import timedelta
from sqlalchemy import func, insert, select
from shop import create_app
from shop.catalog.models import Category, Cooperative, Product, ProductStatus, Variant
from shop.core.db import utcnow
from shop.extensions import db
from shop.orders.models import Order, OrderStatus, PaymentMethod, SellerOrder, SellerOrderStatus

app = create_app()
rng = random.Random(12)
with app.app_context():
    coop = db.session.scalars(select(Cooperative).where(Cooperative.slug == {COOP_SLUG!r})).one()
    have = db.session.scalar(select(func.count(SellerOrder.id)).where(SellerOrder.cooperative_id == coop.id))
    if have >= {ORDERS}:
        print(json.dumps({{"built": False, "cooperative_id": coop.id}}))
        raise SystemExit
    category_ids = db.session.scalars(select(Category.id)).all()
    now = utcnow()
    products = []
    for n in range({PRODUCTS}):
        created = now - timedelta(days=400 - n * 400 / {PRODUCTS})
        products.append(dict(
            slug=f"volume-{{n}}", cooperative_id=coop.id, category_id=category_ids[n % len(category_ids)],
            name_th=f"กาแฟทดสอบ {{n}}", name_en=f"Volume coffee {{n}}", name_my=f"ကော်ဖီ {{n}}",
            description_th="กาแฟคั่วกลาง" * 20, description_en="Medium roast. " * 20,
            description_my="" if n % 7 == 0 else "ကော်ဖီ" * 20,
            status=ProductStatus.ACTIVE if n % 10 else ProductStatus.DRAFT,
            min_price_satang=15_000 + n, created_at=created, updated_at=created,
        ))
    db.session.execute(insert(Product.__table__), products)
    ids = db.session.scalars(select(Product.id).where(Product.slug.like("volume-%")).order_by(Product.id)).all()
    variants = []
    for k, pid in enumerate(ids):
        for p in range({PACKS_EACH}):
            variants.append(dict(
                product_id=pid, sku=f"VOL-{{k:05d}}-{{p}}", name_th=f"ถุง {{p}}", name_en=f"Bag {{p}}",
                name_my=f"အိတ် {{p}}", weight_grams=250 * (p + 1), price_satang=15_000 + k + p * 10_000,
                stock=rng.randrange(0, 200), low_stock_threshold=5, position=p, is_active=True,
                created_at=now, updated_at=now,
            ))
    db.session.execute(insert(Variant.__table__), variants)
    orders, parts = [], []
    base = db.session.scalar(select(func.coalesce(func.max(Order.id), 0)))
    for n in range({ORDERS}):
        created = now - timedelta(seconds=rng.randrange(0, 365 * 86400))
        roll = rng.random()
        if roll < 0.90:
            status = OrderStatus.PAID
            so_status = rng.choice([SellerOrderStatus.PAID, SellerOrderStatus.PACKING, SellerOrderStatus.SHIPPED, SellerOrderStatus.DELIVERED, SellerOrderStatus.DELIVERED])
        elif roll < 0.95:
            status, so_status = OrderStatus.CANCELLED, SellerOrderStatus.CANCELLED
        else:
            status, so_status = OrderStatus.EXPIRED, SellerOrderStatus.EXPIRED
        paid = created + timedelta(minutes=5) if status != OrderStatus.EXPIRED else None
        goods = rng.randrange(150, 5000) * 100
        number = f"RN-{{(base + n) // 10000 + 7000:04d}}-{{(base + n) % 10000:04d}}"
        orders.append(dict(
            number=number, token=f"volume-token-{{n}}", email=f"buyer{{n % 9000}}@example.org",
            locale="th", status=status, payment_method=PaymentMethod.TRANSFER,
            ship_name=f"ผู้ซื้อ ทดสอบ {{n % 9000}}", ship_phone="0812345678", ship_line1="99/1 ถนนเพชรเกษม",
            ship_subdistrict="บางนอน", ship_district="เมืองระนอง", ship_province="TH-85", ship_postcode="85000",
            goods_satang=goods, shipping_satang=5_000, total_satang=goods + 5_000,
            expires_at=created + timedelta(days=1), paid_at=paid, created_at=created, updated_at=created,
        ))
        parts.append(dict(
            cooperative_id=coop.id, status=so_status, goods_satang=goods, shipping_satang=5_000,
            shipping_method_name="Thailand Post EMS", weight_grams=500, commission_bp=500,
            refunded_satang=goods if so_status == SellerOrderStatus.CANCELLED and n % 2 else 0,
            created_at=created, updated_at=created,
        ))
    for start in range(0, len(orders), 5000):
        chunk = orders[start : start + 5000]
        db.session.execute(insert(Order.__table__), chunk)
    order_ids = dict(db.session.execute(select(Order.token, Order.id).where(Order.token.like("volume-token-%"))).tuples().all())
    for n, part in enumerate(parts):
        part["order_id"] = order_ids[f"volume-token-{{n}}"]
    for start in range(0, len(parts), 5000):
        db.session.execute(insert(SellerOrder.__table__), parts[start : start + 5000])
    db.session.commit()
    db.session.execute(db.text("ANALYZE"))
    db.session.commit()
    print(json.dumps({{"built": True, "cooperative_id": coop.id}}))
"""

DEEP_CURSOR = f"""
import json
from sqlalchemy import select
from shop import create_app
from shop.catalog.models import Cooperative
from shop.core.pagination import Cursor
from shop.extensions import db
from shop.orders.fulfilment import VISIBLE
from shop.orders.models import Order, SellerOrder
app = create_app()
with app.app_context():
    coop = db.session.scalars(select(Cooperative).where(Cooperative.slug == {COOP_SLUG!r})).one()
    at, order_id = db.session.execute(
        select(Order.created_at, Order.id).join(SellerOrder.order)
        .where(SellerOrder.cooperative_id == coop.id, SellerOrder.status.in_(VISIBLE))
        .order_by(Order.created_at.desc(), Order.id.desc()).offset(25_000 - 1).limit(1)
    ).one()
print(json.dumps({{"token": Cursor(at, order_id).token()}}))
"""

COUNT = """
import json, sys
from sqlalchemy import event
from shop import create_app
from shop.extensions import db
pages = json.loads(sys.argv[1])
app = create_app({"WTF_CSRF_ENABLED": False, "TRUSTED_HOSTS": None})
count = [0]
with app.app_context():
    event.listen(db.engine, "before_cursor_execute", lambda *a: count.__setitem__(0, count[0] + 1))
out = {}
for who, email, password in (("staff", *pages["staff_login"]), ("admin", *pages["admin_login"])):
    client = app.test_client()
    client.environ_base["HTTP_HOST"] = "127.0.0.1"
    client.post("/account/login", data={"email": email, "password": password})
    for label, path in pages[who]:
        client.get(path).get_data()
        count[0] = 0
        response = client.get(path)
        response.get_data()
        out[label] = count[0] if response.status_code == 200 else -response.status_code
print(json.dumps(out))
"""


def prepare_database(rebuild: bool) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone()
        if rebuild or not exists:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    return PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://") + "/" + DB_NAME


def logged_in(base: str, email: str, password: str) -> requests.Session:
    s = requests.Session()
    form = s.get(f"{base}/account/login?lang=en", timeout=30)
    s.post(
        f"{base}/account/login?lang=en",
        data={"csrf_token": CSRF.search(form.text).group(1), "email": email, "password": password},
        timeout=30,
    )
    return s


def workers_cpu(server: Gunicorn) -> float:
    """Seconds of CPU (user + system) the server's worker processes have used so far: a cost
    that holds when other work shares the machine, unlike the wall-clock time."""
    pid = server.proc.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    ticks = 0
    for child in children:
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def timed(
    server: Gunicorn, session: requests.Session, url: str, repeat: int
) -> tuple[float, float, int, int]:
    """Median seconds of ``repeat`` requests (after one warm-up), the workers' CPU seconds per
    request, body size, status."""
    session.get(url, timeout=300)
    times, size, status = [], 0, 0
    cpu_before = workers_cpu(server)
    for _ in range(repeat):
        began = time.perf_counter()
        response = session.get(url, timeout=300)
        size = len(response.content)
        times.append(time.perf_counter() - began)
        status = response.status_code
    cpu = (workers_cpu(server) - cpu_before) / repeat
    return statistics.median(times), cpu, size, status


def pages(coop_id: int, base: str, staff: requests.Session, env: dict) -> dict:
    """The pages to measure; the orders list's deep page is 25,000 orders in (page 1,000)."""
    today = time.strftime("%Y-%m-%d")
    year_ago = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 364 * 86400))
    deep = "/seller/orders?lang=en&page=1000"
    first = staff.get(f"{base}/seller/orders?lang=en", timeout=300).text
    following = re.search(r'rel="next" href="([^"]+)"', first)
    if following and "older=" in following.group(1):  # seek paging: 25,000 orders deep
        deep = "/seller/orders?lang=en&older=" + run_python(env, DEEP_CURSOR)["token"]
    return {
        "staff": [
            ("seller dashboard", "/seller?lang=en"),
            ("seller products", "/seller/products?lang=en"),
            ("seller products, page 50", "/seller/products?lang=en&page=50"),
            ("seller stock", "/seller/stock?lang=en"),
            ("seller low stock", "/seller/stock/low?lang=en"),
            ("seller orders", "/seller/orders?lang=en"),
            ("seller orders, deep page", deep),
            ("seller orders, search 'RN-7012'", "/seller/orders?lang=en&q=RN-7012"),
            (
                "seller orders, search buyer",
                "/seller/orders?lang=en&q=" + requests.utils.quote("ทดสอบ 4321"),
            ),
            ("seller orders CSV (all)", "/seller/orders/export.csv"),
        ],
        "admin": [
            ("admin home", "/admin?lang=en"),
            ("admin orders", "/admin/orders?lang=en"),
            (
                "settlement, one coop, a year",
                f"/admin/settlement?lang=en&cooperative={coop_id}&date_from={year_ago}&date_to={today}",
            ),
            (
                "settlement CSV, one coop, a year",
                f"/admin/settlement.csv?cooperative={coop_id}&date_from={year_ago}&date_to={today}",
            ),
            (
                "settlement, all coops, a year",
                f"/admin/settlement?lang=en&date_from={year_ago}&date_to={today}",
            ),
            ("programme report", "/admin/programme?lang=en"),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-volume-") as tmp:
        env = shop_env(tmp, prepare_database(args.rebuild))
        began = time.perf_counter()
        flask(env, "db", "upgrade")
        flask(env, "demo-data")
        built = run_python(env, BUILD)
        setup = time.perf_counter() - began
        coop_id = built["cooperative_id"]
        rows = []
        with Gunicorn("bare_app:app", env, ROOT / "bench") as bare, requests.Session() as s:
            bare_s, bare_cpu, bare_size, _ = timed(bare, s, bare.base + "/", 500)
        with Gunicorn("wsgi:app", env, ROOT) as shop:
            staff = logged_in(shop.base, *STAFF)
            admin = logged_in(shop.base, *ADMIN)
            wanted = pages(coop_id, shop.base, staff, env)
            for who, session in (("staff", staff), ("admin", admin)):
                for label, path in wanted[who]:
                    measured = timed(shop, session, shop.base + path, args.repeat)
                    rows.append((label, path, *measured))
        wanted["staff_login"], wanted["admin_login"] = STAFF, ADMIN
        sql = run_python(env, COUNT, json.dumps(wanted))

    print()
    print(
        f"Backend at volume: {PRODUCTS:,} products, {PRODUCTS * PACKS_EACH:,} packs, {ORDERS:,} "
        f"orders of one cooperative; PostgreSQL, gunicorn 2 workers; median of {args.repeat}"
    )
    print(
        f"data set {'built' if built['built'] else 'reused'}, setup {setup:.0f} s; "
        f"bare Flask: {bare_s * 1000:.1f} ms, {bare_cpu * 1000:.2f} ms CPU, {bare_size:,} B"
    )
    print("| page | median ms | × bare | worker CPU ms | × bare CPU | size KB | SQL | status |")
    print("|---|---|---|---|---|---|---|---|")
    for label, _path, seconds, cpu, size, status in rows:
        print(
            f"| {label} | {seconds * 1000:.0f} | {seconds / bare_s:.0f} | {cpu * 1000:.0f} | "
            f"{cpu / bare_cpu:.0f} | {size / 1024:,.0f} | {sql.get(label, '?')} | {status} |"
        )


if __name__ == "__main__":
    main()
