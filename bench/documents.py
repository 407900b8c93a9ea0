"""Benchmark document rendering: time and memory to render a 1-, 100- and 500-line full tax
invoice (PDF/A-3b, WeasyPrint), and tax invoices issued per second for a batch of 200 paid
orders (serial under the counter's lock, snapshot, render, store, commit: the whole path a
payment takes), on a throw-away SQLite database.

Usage: make bench-documents
   (or: .venv/bin/python bench/documents.py [--orders 200] [--repeat 3])

Memory is the peak Python allocation during one render (tracemalloc) and the process's peak
resident size after all renders (ru_maxrss). The figure answers whether rendering must move
off the request: a payment confirmation waits for its documents.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TAX_ID = "0994000165510"  # the Revenue Department's own, a valid check digit
BUYER = {
    "name": "บริษัท กาแฟดี จำกัด",
    "address": "1 ถนนสีลม แขวงสุริยวงศ์ เขตบางรัก กรุงเทพมหานคร 10500",
    "tax_id": "0-1055-50123-45-1",
    "branch_code": "00000",
}


def snapshot(lines: int) -> dict:
    """A tax invoice snapshot with ``lines`` goods lines (Thai and English names)."""
    goods = [
        {
            "name": f"กาแฟโรบัสต้าคั่วกลาง ระนอง {n}",
            "variant": "ถุง 250 กรัม",
            "name_th": f"กาแฟโรบัสต้าคั่วกลาง ระนอง {n}",
            "variant_th": "ถุง 250 กรัม",
            "name_en": f"Medium roast Ranong robusta {n}",
            "variant_en": "250 g bag",
            "sku": f"KB-RB-{n:04d}",
            "quantity": 1 + n % 7,
            "unit_satang": 18_000 + n,
            "total_satang": (1 + n % 7) * (18_000 + n),
        }
        for n in range(lines)
    ]
    from shop.core.money import vat_part

    total = sum(line["total_satang"] for line in goods) + 9_000
    return {
        "number": "TI-2026-000001",
        "issued_at": "2026-11-30T03:00:00+00:00",
        "order_number": "RN-4827-3915",
        "po_number": "",
        "seller": {
            "name_th": "สหกรณ์การเกษตรกระบุรี จำกัด",
            "name_en": "Kra Buri Agricultural Cooperative Limited",
            "tax_id": "0-9940-00165-51-0",
            "branch_code": "00000",
            "address_th": "99 หมู่ 3 ตำบลน้ำจืด อำเภอกระบุรี จังหวัดระนอง 85110",
            "address_en": "99 Moo 3, Nam Chuet, Kra Buri, Ranong 85110",
            "phone": "077 123 456",
            "vat_registered": True,
        },
        "buyer": BUYER,
        "lines": goods,
        "shipping_name": "ไปรษณีย์ไทย EMS",
        "shipping_satang": 9_000,
        "total_satang": total,
        "vat_rate_percent": 7,
        "vat_satang": vat_part(total),
        "net_satang": total - vat_part(total),
        "zero_rated": False,
        "replaces": "RC-2026-000001",
    }


def render_once(doc: dict) -> tuple[float, int, int, int]:
    """(seconds, peak traced bytes, PDF bytes, pages) of one render."""
    from pypdf import PdfReader

    from shop.documents.services import render_tax_document
    from shop.documents.tax_invoices import PDF_VARIANT, TAX_INVOICE_TEMPLATE

    tracemalloc.start()
    started = time.perf_counter()
    pdf = render_tax_document(TAX_INVOICE_TEMPLATE, doc, pdf_variant=PDF_VARIANT)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    import io

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return seconds, peak, len(pdf), pages


def batch(app, orders: int) -> float:
    """Issue ``orders`` tax invoices through ``issue_tax_invoice``, one commit each; returns
    invoices per second."""
    from shop.core.db import utcnow
    from shop.documents.tax_invoices import BuyerDetails, issue_tax_invoice
    from shop.extensions import db
    from shop.orders.models import (
        Order,
        OrderLine,
        OrderStatus,
        PaymentMethod,
        SellerOrder,
        SellerOrderStatus,
    )
    from tests.factories import CooperativeFactory, ProductFactory

    coop = CooperativeFactory(
        legal_name_th="สหกรณ์การเกษตรกระบุรี จำกัด", tax_id=TAX_ID, vat_registered=True
    )
    product = ProductFactory(cooperative=coop)
    variant = product.variants[0]
    seller_orders = []
    for n in range(orders):
        order = Order(
            number=f"RN-{n:04d}-0000",
            token=f"bench-{n}",
            email=f"b{n}@example.org",
            payment_method=PaymentMethod.TRANSFER,
            status=OrderStatus.PAID,
            ship_name="มาลี ศรีสุข",
            ship_phone="0812345678",
            ship_line1="99/1 ถนนเรืองราษฎร์",
            ship_subdistrict="เขานิเวศน์",
            ship_district="เมืองระนอง",
            ship_province="TH-85",
            ship_postcode="85000",
            goods_satang=36_000,
            shipping_satang=5_000,
            total_satang=41_000,
            expires_at=utcnow() + timedelta(days=1),
        )
        part = SellerOrder(
            cooperative_id=coop.id,
            status=SellerOrderStatus.PAID,
            goods_satang=36_000,
            shipping_satang=5_000,
            shipping_method_name="EMS",
            weight_grams=520,
            vat_registered=True,
        )
        part.lines.append(
            OrderLine(
                variant_id=variant.id,
                product_name="กาแฟโรบัสต้าคั่วกลาง",
                variant_name="ถุง 250 กรัม",
                sku=variant.sku,
                unit_price_satang=18_000,
                quantity=2,
            )
        )
        order.seller_orders.append(part)
        db.session.add(order)
        seller_orders.append(part)
    db.session.commit()
    ids = [so.id for so in seller_orders]
    buyer = BuyerDetails(BUYER["name"], BUYER["address"], "0105550123451", "00000")
    started = time.perf_counter()
    for seller_order_id in ids:
        issue_tax_invoice(db.session.get(SellerOrder, seller_order_id), buyer)
        db.session.commit()
    return orders / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from shop import create_app
    from shop.extensions import db

    workdir = tempfile.mkdtemp(prefix="bench-documents-")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.db",
            "UPLOAD_DIR": workdir,
            "MAIL_BACKEND": "locmem",
            "SHOP_BASE_URL": "http://localhost",
        }
    )
    with app.app_context():
        render_once(snapshot(1))  # warm up: fonts, templates, Pango
        print(
            f"{'lines':>6} {'pages':>5} {'median s':>9} {'max s':>7} {'peak MiB':>9} {'PDF kB':>7}"
        )
        for lines in (1, 100, 500):
            runs = [render_once(snapshot(lines)) for _ in range(args.repeat)]
            times = [r[0] for r in runs]
            print(
                f"{lines:>6} {runs[0][3]:>5} {statistics.median(times):>9.3f} {max(times):>7.3f}"
                f" {max(r[1] for r in runs) / 2**20:>9.1f} {runs[0][2] / 1024:>7.0f}"
            )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"process peak resident size after the renders: {rss:.0f} MiB")

        db.create_all()
        rate = batch(app, args.orders)
        print(
            f"batch: {args.orders} one-line tax invoices issued and committed (SQLite, one "
            f"process): {rate:.1f} invoices/s ({1000 / rate:.0f} ms each)"
        )


if __name__ == "__main__":
    main()
