"""The seller's product and stock lists, a page at a time, scoped to one cooperative.

Each page costs a fixed number of queries whatever its length and whatever the cooperative
holds: the page's rows, their count, and the packs and pictures of the page's products (one
query each). Searches match part of a name in any language (its digits in any script, as the
storefront's search does) or of a SKU (Thai and Burmese digits read as digits),
case-insensitively.
"""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import exists, or_

from shop.catalog.editing import products_of
from shop.catalog.models import Product, ProductStatus, Variant
from shop.catalog.services import like_pattern, text_matches
from shop.core.pagination import paginate
from shop.core.text import search_key
from shop.inventory.services import stock_query

PRODUCTS_PER_PAGE = 50
PACKS_PER_PAGE = 100

_NAMES = (Product.name_th, Product.name_en, Product.name_my)


def _sku_matches(search: str):
    """A pack's SKU (ASCII) holding the text, Thai and Burmese digits read as digits."""
    return Variant.sku.ilike(like_pattern(search_key(search)), escape="\\")


def products_page(
    cooperative_id: int, page: int, search: str = "", status: ProductStatus | None = None
) -> Pagination:
    """One page of the cooperative's products, newest first, with packs and pictures loaded.

    ``search`` matches part of a name (any language) or of one of its packs' SKUs.
    """
    stmt = products_of(cooperative_id)
    if status is not None:
        stmt = stmt.where(Product.status == status)
    if search:
        stmt = stmt.where(
            or_(
                text_matches(_NAMES, search),
                exists().where(Variant.product_id == Product.id, _sku_matches(search)),
            )
        )
    return paginate(stmt, page, PRODUCTS_PER_PAGE)


def stock_page(
    cooperative_id: int, page: int, search: str = "", low_only: bool = False
) -> Pagination:
    """One page of the cooperative's packs (archived products left out), by product name and
    pack position, each with its product; ``low_only``: active packs at or below their
    low-stock threshold."""
    stmt = stock_query(cooperative_id, low_only=low_only)
    if search:
        stmt = stmt.where(or_(text_matches(_NAMES, search), _sku_matches(search)))
    return paginate(stmt, page, PACKS_PER_PAGE)
