"""Every GET page of the shop, with real ids, for tests that check what every response carries.

The routes come from the URL map, so a new page is checked without anyone listing it here.
Built on the backend access test's world: two cooperatives, products, a picture, a paid order,
staff, an invitation, a customer and a platform admin.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from PIL import Image
from sqlalchemy import select

from shop.catalog.models import Cooperative, Product, ProductImage
from shop.core.images import PRODUCT_DIR, SIZES, file_name
from shop.extensions import db
from shop.orders.models import Order
from tests.test_csrf import url_for_rule

PUBLIC_FILES = {"static", "catalog.product_image"}
CATALOGUE = {
    "catalog.home",
    "catalog.products",
    "catalog.product",
    "catalog.cooperatives",
    "catalog.cooperative",
}


def page_urls(app: Flask, world: dict[str, str]) -> dict[str, str]:
    """endpoint → URL of one page of it (``?lang=en``), for every GET route but static files."""
    order = db.session.scalars(select(Order)).first()
    product_image = db.session.scalars(select(ProductImage)).first()
    product = db.session.get(Product, product_image.product_id)
    cooperative = db.session.get(Cooperative, product.cooperative_id)
    by_endpoint = {
        "catalog.product": {"slug": product.slug},
        "catalog.cooperative": {"slug": cooperative.slug},
        "catalog.product_image": {"name": media_name(product_image)},
    }
    values = {**world, "token": order.token}
    urls = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = url_for_rule(rule, {**values, **by_endpoint.get(rule.endpoint, {})})
        urls[rule.endpoint] = url + "?lang=en"
    return urls


def media_name(image: ProductImage) -> str:
    return file_name(image.stem, SIZES[-1])


def store_media_files(app: Flask, image: ProductImage) -> None:
    """The picture's files on disk, as the upload would have left them."""
    folder = Path(app.config["UPLOAD_DIR"]) / PRODUCT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for width in SIZES:
        Image.new("RGB", (width, width), "#6f4e37").save(folder / file_name(image.stem, width))
