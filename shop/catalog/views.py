"""Storefront pages: home, product list and page, cooperatives, product pictures."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup

from shop.catalog import services
from shop.catalog.cache import NOT_FOUND, fragment, shared_page
from shop.catalog.labels import DISTRICT_NAMES, ROAST_NAMES, SORT_NAMES
from shop.catalog.markdown import render_markdown
from shop.catalog.models import ProductImage, Roast
from shop.catalog.structured_data import product_jsonld
from shop.core.images import SIZES, file_name, product_image_response
from shop.core.templating import SHARED_CSRF_FIELD
from shop.core.urls import external_url
from shop.wholesale import ordering
from shop.wholesale.access import current_buyer

bp = Blueprint("catalog", __name__)

IMAGE_MAX_AGE = 365 * 24 * 3600  # stored names are random and never reused
# Where a partner's wholesale prices go in the (shared, cached) product page.
WHOLESALE_SLOT = Markup("<!-- wholesale prices -->")


def _part(name: str, **context) -> Markup:
    return Markup(render_template(f"catalog/parts/{name}.html", **context))


@bp.get("/")
@shared_page
def home():
    main = fragment(
        "home",
        lambda: _part(
            "home",
            featured=services.featured_products(),
            cooperatives=services.cooperatives_with_counts(),
            categories=services.categories(),
        ),
    )
    return render_template("catalog/home.html", main=main)


@bp.get("/products")
@shared_page
def products():
    query = services.CatalogueQuery.from_args(request.args)
    per_page = current_app.config["PRODUCTS_PER_PAGE"]

    def build() -> dict:
        page = services.list_products(query, per_page=per_page)
        main = _part(
            "products",
            query=query,
            page=page,
            categories=services.categories(),
            cooperatives=services.cooperatives_with_counts(),
            roasts=list(Roast),
            sorts=services.SORTS,
        )
        return {"main": main, "page_number": page.page}

    page = fragment("products", build, per_page, query, request.args.get("lang", ""))
    return render_template("catalog/products.html", query=query, **page)


@bp.get("/products/<slug>")
@shared_page
def product(slug: str):
    def build() -> dict | str:
        found = services.get_product(slug)
        if found is None:
            return NOT_FOUND
        main = _part(
            "product",
            product=found,
            more=services.more_from_cooperative(found),
            csrf_field=SHARED_CSRF_FIELD,
            wholesale_slot=WHOLESALE_SLOT,
        )
        image = found.main_image
        return {
            "main": main,
            "title": f"{found.name} — {found.cooperative.name}",
            "description": found.description,
            "image": image
            and external_url("catalog.product_image", name=file_name(image.stem, 800)),
            "jsonld": product_jsonld(found),
        }

    page = fragment("product", build, slug)
    if page == NOT_FOUND:
        abort(404)
    main = page["main"]
    buyer = current_buyer()
    if buyer.is_wholesale:  # never cached: partners are logged in
        rows = ordering.wholesale_packs(buyer, product=slug)
        panel = Markup(render_template("wholesale/product_prices.html", rows=rows) if rows else "")
        main = Markup(main).replace(WHOLESALE_SLOT, panel)
    return render_template("catalog/product.html", main=main, page=page)


@bp.get("/cooperatives")
@shared_page
def cooperatives():
    main = fragment(
        "cooperatives",
        lambda: _part("cooperatives", cooperatives=services.cooperatives_with_counts()),
    )
    return render_template("catalog/cooperatives.html", main=main)


@bp.get("/cooperatives/<slug>")
@shared_page
def cooperative(slug: str):
    def build() -> dict | str:
        found = services.get_cooperative(slug)
        if found is None:
            return NOT_FOUND
        main = _part(
            "cooperative", cooperative=found, products=services.cooperative_products(found)
        )
        return {"main": main, "title": found.name, "description": found.story}

    page = fragment("cooperative", build, slug)
    if page == NOT_FOUND:
        abort(404)
    return render_template("catalog/cooperative.html", main=page["main"], page=page)


@bp.get("/media/products/<name>")
def product_image(name: str):
    return product_image_response(name, IMAGE_MAX_AGE)  # the folder or the bucket (core.storage)


@bp.app_template_global()
def image_url(image: ProductImage, width: int = SIZES[-1]) -> str:
    return url_for("catalog.product_image", name=file_name(image.stem, width))


@bp.app_template_global()
def image_srcset(image: ProductImage) -> str:
    return ", ".join(f"{image_url(image, w)} {w}w" for w in SIZES)


bp.add_app_template_global(DISTRICT_NAMES, "district_names")
bp.add_app_template_global(ROAST_NAMES, "roast_names")
bp.add_app_template_global(SORT_NAMES, "sort_names")
bp.add_app_template_filter(render_markdown, "markdown")
