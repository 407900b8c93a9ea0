"""The seller's product and stock lists, a page at a time, scoped to one cooperative.

Each page costs a fixed number of queries whatever its length and whatever the cooperative
holds: the page's rows, their count, and the packs and pictures of the page's products (one
query each). Searches match part of a name in any language or of a SKU, case-insensitively.
"""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from shop.catalog.models import Product, ProductStatus, Variant
from shop.core.pagination import paginate
from shop.core.text import digit_spellings, search_key

PRODUCTS_PER_PAGE = 50
PACKS_PER_PAGE = 100


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _name_matches(search: str):
    """A name (any language) holding the text, its digits in any script (``digit_spellings``)."""
    return or_(
        *(
            func.lower(column).like(_like(spelling), escape="\\")
            for spelling in digit_spellings(search)
            for column in (Product.name_th, Product.name_en, Product.name_my)
        )
    )


def _sku_matches(column, search: str):
    """A SKU (ASCII) holding the text, Thai and Burmese digits read as digits (``search_key``)."""
    return func.lower(column).like(_like(search_key(search)), escape="\\")


def products_page(
    cooperative_id: int, page: int, search: str = "", status: ProductStatus | None = None
) -> Pagination:
    """One page of the cooperative's products, newest first, with packs and pictures loaded.

    ``search`` matches part of a name (any language) or of one of its packs' SKUs.
    """
    stmt = (
        select(Product)
        .where(Product.cooperative_id == cooperative_id)
        .options(selectinload(Product.variants), selectinload(Product.images))
        .order_by(Product.created_at.desc(), Product.id.desc())
    )
    if status is not None:
        stmt = stmt.where(Product.status == status)
    if search:
        stmt = stmt.where(
            or_(
                _name_matches(search),
                exists().where(Variant.product_id == Product.id, _sku_matches(Variant.sku, search)),
            )
        )
    return paginate(stmt, page, PRODUCTS_PER_PAGE)


def stock_page(cooperative_id: int, page: int, search: str = "", low_only: bool = False):
    """One page of the cooperative's packs (archived products left out), by product name and
    pack position, each with its product; ``low_only``: active packs at or below their
    low-stock threshold."""
    stmt = (
        select(Variant)
        .join(Variant.product)
        .where(Product.cooperative_id == cooperative_id, Product.status != ProductStatus.ARCHIVED)
        .options(contains_eager(Variant.product))
        .order_by(Product.name_th, Product.id, Variant.position, Variant.id)
    )
    if low_only:
        stmt = stmt.where(Variant.is_active, Variant.stock <= Variant.low_stock_threshold)
    if search:
        stmt = stmt.where(or_(_name_matches(search), _sku_matches(Variant.sku, search)))
    return paginate(stmt, page, PACKS_PER_PAGE)
