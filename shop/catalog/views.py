"""Storefront pages: home, product list and page, cooperatives, product pictures."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from shop.catalog import services
from shop.catalog.images import PRODUCT_DIR, SIZES, file_name
from shop.catalog.labels import DISTRICT_NAMES, ROAST_NAMES, SORT_NAMES
from shop.catalog.models import ProductImage, Roast
from shop.catalog.structured_data import product_jsonld

bp = Blueprint("catalog", __name__)

IMAGE_MAX_AGE = 365 * 24 * 3600  # stored names are random and never reused


@bp.get("/")
def home():
    return render_template(
        "catalog/home.html",
        featured=services.featured_products(),
        cooperatives=services.cooperatives_with_counts(),
        categories=services.categories(),
    )


@bp.get("/products")
def products():
    query = services.CatalogueQuery.from_args(request.args)
    page = services.list_products(query, per_page=current_app.config["PRODUCTS_PER_PAGE"])
    return render_template(
        "catalog/products.html",
        query=query,
        page=page,
        categories=services.categories(),
        cooperatives=services.cooperatives_with_counts(),
        roasts=list(Roast),
        sorts=services.SORTS,
    )


@bp.get("/products/<slug>")
def product(slug: str):
    found = services.get_product(slug) or abort(404)
    return render_template(
        "catalog/product.html",
        product=found,
        more=services.more_from_cooperative(found),
        jsonld=product_jsonld(found),
    )


@bp.get("/cooperatives")
def cooperatives():
    return render_template(
        "catalog/cooperatives.html", cooperatives=services.cooperatives_with_counts()
    )


@bp.get("/cooperatives/<slug>")
def cooperative(slug: str):
    found = services.get_cooperative(slug) or abort(404)
    return render_template(
        "catalog/cooperative.html",
        cooperative=found,
        products=services.cooperative_products(found),
    )


@bp.get("/media/products/<name>")
def product_image(name: str):
    folder = Path(current_app.config["UPLOAD_DIR"]) / PRODUCT_DIR
    return send_from_directory(folder, name, max_age=IMAGE_MAX_AGE)


@bp.app_template_global()
def image_url(image: ProductImage, width: int = SIZES[-1]) -> str:
    return url_for("catalog.product_image", name=file_name(image.stem, width))


@bp.app_template_global()
def image_srcset(image: ProductImage) -> str:
    return ", ".join(f"{image_url(image, w)} {w}w" for w in SIZES)


bp.add_app_template_global(DISTRICT_NAMES, "district_names")
bp.add_app_template_global(ROAST_NAMES, "roast_names")
bp.add_app_template_global(SORT_NAMES, "sort_names")
