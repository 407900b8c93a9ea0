"""Benchmark spreadsheet orders: how long a partner waits for a 500- and a 5,000-line sheet.

Usage: .venv/bin/python bench/spreadsheet_order.py [--lines 500,5000] [--runs 5] [--no-postgres]

On a fresh SQLite database (and PostgreSQL unless --no-postgres), gives one cooperative as many
wholesale packs as the longest sheet has lines (cartons of 24, a price break, plenty of stock)
and an approved partner with a price list. Each sheet names a different pack on every line
(the worst case: nothing adds up). For .csv and .xlsx, in the same run, it times
- parse: reading the file only (``spreadsheet.read_table``), the baseline;
- order: ``spreadsheet.order_sheet`` into a cart (every lookup, rule and stock check, every
  cart line flushed), rolled back;
- request: the whole POST /wholesale/upload through the app (log-in check, form, order, commit),
  the cart emptied after each run;
and prints the median of ``--runs`` runs of each, and each one's ratio to the parse baseline.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from catalogue import prepare_postgres  # noqa: E402

PG_DB = "bench_spreadsheet_order"
PASSWORD = "bench-partner-password"


def sheets(lines: int) -> dict[str, tuple[str, bytes]]:
    """The same order as CSV (semicolons, BOM) and as .xlsx."""
    from openpyxl import Workbook

    rows = [("sku", "product", "quantity")] + [
        (f"BENCH-{i:05d}", f"Pack {i}", 48) for i in range(lines)
    ]
    text = "\r\n".join(";".join(str(c) for c in row) for row in rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return {
        "csv": ("order.csv", ("\ufeff" + text).encode()),
        "xlsx": ("order.xlsx", out.getvalue()),
    }


def median_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(url: str, line_counts: list[int], runs: int) -> list[tuple[int, str, str, float]]:
    os.environ["DATABASE_URL"] = url
    from flask_migrate import upgrade
    from sqlalchemy import delete, insert, select

    from shop import create_app
    from shop.cart.models import Cart, CartLine
    from shop.catalog.models import Variant
    from shop.extensions import db
    from shop.pricing.models import PriceBreak, QuantityRule
    from shop.wholesale import spreadsheet
    from shop.wholesale.access import current_buyer
    from tests.factories import (
        CooperativeFactory,
        PartnerShopFactory,
        PriceListFactory,
        ProductFactory,
        partner_member,
    )

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "CACHE_TYPE": "NullCache",
            "MAIL_BACKEND": "locmem",
        }
    )
    results = []
    with app.app_context():
        upgrade()
        packs = max(line_counts)
        product = ProductFactory(cooperative=CooperativeFactory(slug="bench"), variants=0)
        partner = PartnerShopFactory(price_list=PriceListFactory(name="Bench", discount_bp=1500))
        user = partner_member(partner, "buyer@bench.example.org", password=PASSWORD)
        db.session.flush()
        db.session.execute(
            insert(Variant),
            [
                {
                    "product_id": product.id,
                    "sku": f"BENCH-{i:05d}",
                    "name_th": f"ลัง {i}",
                    "weight_grams": 600,
                    "price_satang": 6_500,
                    "stock": 100_000,
                    "low_stock_threshold": 2,
                    "position": i,
                }
                for i in range(packs)
            ],
        )
        ids = list(db.session.scalars(select(Variant.id).order_by(Variant.id)))
        db.session.execute(
            insert(QuantityRule),
            [{"variant_id": i, "case_pack": 24, "min_quantity": 24} for i in ids],
        )
        db.session.execute(
            insert(PriceBreak),
            [{"variant_id": i, "min_quantity": 48, "unit_price_satang": 5_000} for i in ids],
        )
        db.session.commit()
        user_id = user.id

    client = app.test_client()
    response = client.post(
        "/account/login", data={"email": "buyer@bench.example.org", "password": PASSWORD}
    )
    assert response.status_code == 302, "log-in failed"

    def empty_carts():
        with app.app_context():
            db.session.execute(delete(CartLine))
            db.session.commit()

    for lines in line_counts:
        for kind, (filename, data) in sheets(lines).items():

            def parse(data=data, filename=filename, lines=lines):
                with app.app_context():
                    table = spreadsheet.read_table(filename, data)
                    assert len(table.rows) == lines

            def order(data=data, filename=filename, lines=lines):
                with app.test_request_context("/wholesale/upload"):
                    from flask_login import login_user

                    from shop.accounts.models import User

                    login_user(db.session.get(User, user_id))
                    cart = db.session.scalars(select(Cart).where(Cart.user_id == user_id)).first()
                    if cart is None:
                        cart = Cart(token=f"bench-{user_id}", user_id=user_id)
                        db.session.add(cart)
                        db.session.flush()
                    done = spreadsheet.order_sheet(cart, current_buyer(), filename, data)
                    assert done.packs == lines
                    db.session.rollback()

            parse_time = median_of(runs, parse)
            results.append((lines, kind, "parse", parse_time))
            results.append((lines, kind, "order", median_of(runs, order)))
            request_times = []  # the cart is emptied after each request, outside the timing
            for _ in range(runs):
                started = time.perf_counter()
                response = client.post(
                    "/wholesale/upload",
                    data={"file": (io.BytesIO(data), filename)},
                    content_type="multipart/form-data",
                )
                assert response.status_code == 302, response.status_code
                request_times.append(time.perf_counter() - started)
                empty_carts()
            results.append((lines, kind, "request", statistics.median(request_times)))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", default="500,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    line_counts = [int(n) for n in args.lines.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite", f"sqlite:///{tmp}/bench.db")]
        if not args.no_postgres:
            targets.append(("PostgreSQL", prepare_postgres(PG_DB)))
        print(f"medians of {args.runs} runs; ratio = time / parse time of the same file")
        print(f"{'database':<11} {'lines':>6} {'file':<5} {'step':<8} {'seconds':>8} {'ratio':>7}")
        for name, url in targets:
            results = measure(url, line_counts, args.runs)
            base = {(n, k): t for n, k, step, t in results if step == "parse"}
            for lines, kind, step, seconds in results:
                print(
                    f"{name:<11} {lines:>6} {kind:<5} {step:<8} {seconds:>8.3f} "
                    f"{seconds / base[(lines, kind)]:>6.1f}x"
                )


if __name__ == "__main__":
    main()
