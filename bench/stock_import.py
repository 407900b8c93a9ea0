"""Benchmark the stock CSV import against applying the same rows one by one.

Usage: make bench-stock-import
   (or: .venv/bin/python bench/stock_import.py [--rows 5000] [--no-postgres])

On a fresh SQLite database (and PostgreSQL unless --no-postgres), gives one cooperative
``--rows`` variants, exports their CSV, changes every price and stock in it, then, in the same
run: the baseline applies the changes row by row (one ``change_stock`` and one flush per row,
as the import did before), and the import applies the edited file. Both run inside one
transaction holding the rows' locks, so the time is how long checkouts of that cooperative
wait. Prints rows, seconds, rows per second and the ratio, and checks stock equals its ledger.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from catalogue import prepare_postgres  # noqa: E402

PG_DB = "bench_stock_import"


def measure(url: str, rows: int) -> tuple[float, float]:
    os.environ["DATABASE_URL"] = url
    from flask_migrate import upgrade
    from sqlalchemy import func, insert, select

    from shop import create_app
    from shop.catalog.models import Variant
    from shop.extensions import db
    from shop.inventory import stock_csv
    from shop.inventory.models import StockMovement, StockReason
    from shop.inventory.services import change_stock
    from tests.factories import CooperativeFactory, ProductFactory, UserFactory

    app = create_app({"DATABASE_URL": url, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        cooperative = CooperativeFactory(slug="bench")
        product = ProductFactory(cooperative=cooperative, variants=0)
        user = UserFactory(email="bench@example.org")
        db.session.flush()
        db.session.execute(
            insert(Variant),
            [
                {
                    "product_id": product.id,
                    "sku": f"BENCH-{i:05d}",
                    "name_th": f"ถุง {i}",
                    "weight_grams": 250,
                    "price_satang": 18000,
                    "stock": 0,
                    "low_stock_threshold": 2,
                    "position": i,
                }
                for i in range(rows)
            ],
        )
        db.session.commit()
        edited = list(csv.DictReader(io.StringIO(stock_csv.export_csv(cooperative.id)[1:])))
        for row in edited:
            row["price_baht"], row["stock"] = "195.50", "24"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=stock_csv.COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(edited)
        data = out.getvalue().encode("utf-8-sig")

        started = time.perf_counter()
        variants = db.session.scalars(select(Variant).where(Variant.product_id == product.id))
        for variant in variants:
            variant.price_satang = 19550
            db.session.flush()
            change_stock(variant.id, 24, StockReason.ADJUSTMENT, user_id=user.id)
        db.session.flush()
        baseline = time.perf_counter() - started
        db.session.rollback()

        started = time.perf_counter()
        result = stock_csv.import_csv(data, cooperative.id, user)
        db.session.commit()
        imported = time.perf_counter() - started
        assert result.ok, result.errors[:3]
        assert result.stock_changed == rows
        ledger = db.session.scalar(select(func.sum(StockMovement.quantity)))
        stock = db.session.scalar(select(func.sum(Variant.stock)))
        assert ledger == stock == 24 * rows, (ledger, stock)
        db.session.remove()
        db.engine.dispose()
    return baseline, imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite", f"sqlite:///{tmp}/bench.db")]
        if not args.no_postgres:
            targets.append(("PostgreSQL", prepare_postgres(PG_DB)))
        print(f"{'database':<11} {'rows':>6} {'row by row':>11} {'import':>8} {'rows/s':>8} ratio")
        for name, url in targets:
            baseline, imported = measure(url, args.rows)
            print(
                f"{name:<11} {args.rows:>6} {baseline:>10.2f}s {imported:>7.2f}s "
                f"{args.rows / imported:>8.0f} {baseline / imported:.1f}x faster"
            )


if __name__ == "__main__":
    main()
