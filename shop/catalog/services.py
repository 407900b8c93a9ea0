"""Catalogue queries for the storefront. Every listing loads in a fixed number of queries.

A search query passes the same normaliser as the texts it searches (``core.text``), so
invisible characters and Thai spellings that render alike find the same products; a query in
Zawgyi is flagged (``CatalogueQuery.zawgyi``) so the page can say how to type Unicode. With
the default sort, products whose name matches come before those matched only by their
description or cooperative.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import MultiDict

from shop.catalog.models import (
    Category,
    Cooperative,
    CooperativeStatus,
    Product,
    ProductStatus,
    Roast,
    Variant,
)
from shop.core.burmese import looks_like_zawgyi, zawgyi_message
from shop.core.i18n import current_language
from shop.core.money import SATANG_PER_BAHT, baht_to_satang
from shop.core.numbers import parse_whole_number
from shop.core.pagination import paginate
from shop.core.text import digit_spellings, normalize_text
from shop.extensions import db

SORTS = ("featured", "price_asc", "price_desc", "newest", "name")
MAX_QUERY_LENGTH = 100
MAX_PRICE_SATANG = 10_000_000_00  # anything above ten million baht is not a real filter


def _start_of(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at the last space within them, so that no
    word (a Burmese syllable "ကော်ဖီ" is several characters) is cut in two; a first word
    longer than ``limit`` is cut at ``limit``."""
    if len(text) <= limit:
        return text
    start = text[: limit + 1]
    return start[: start.rindex(" ")].rstrip() if " " in start else text[:limit]


@dataclass(frozen=True)
class CatalogueQuery:
    """What a visitor asked the product list for. Built leniently: bad values fall back."""

    q: str = ""
    category: str = ""
    cooperative: str = ""
    roast: str = ""
    min_price: int | None = None  # satang
    max_price: int | None = None
    sort: str = "featured"
    page: int = 1
    zawgyi: bool = False  # the query is Burmese typed in Zawgyi: it cannot match anything
    # "From" was above "To": the two were swapped, and the page says so.
    prices_swapped: bool = False
    # The query was longer than MAX_QUERY_LENGTH: its start was searched, and the page says so.
    shortened: bool = False
    MAX_LENGTH: ClassVar[int] = MAX_QUERY_LENGTH

    @classmethod
    def from_args(cls, args: MultiDict) -> CatalogueQuery:
        typed = " ".join(_clean(args.get("q", "")).split())
        q = _start_of(typed, MAX_QUERY_LENGTH)
        roast = args.get("roast", "")
        sort = args.get("sort", "")
        min_price, max_price = _price(args.get("min_price")), _price(args.get("max_price"))
        swapped = min_price is not None and max_price is not None and min_price > max_price
        if swapped:
            min_price, max_price = max_price, min_price
        return cls(
            q=q,
            category=_clean(args.get("category", ""))[:80],
            cooperative=_clean(args.get("cooperative", ""))[:80],
            roast=roast if roast in {r.value for r in Roast} else "",
            min_price=min_price,
            max_price=max_price,
            sort=sort if sort in SORTS else "featured",
            page=_positive_int(args.get("page"), default=1),
            zawgyi=looks_like_zawgyi(q),
            prices_swapped=swapped,
            shortened=len(typed) > MAX_QUERY_LENGTH,
        )

    @property
    def zawgyi_message(self) -> str:
        """What to tell a visitor whose query is Zawgyi (core.burmese), or ""."""
        return zawgyi_message() if self.zawgyi else ""

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q
            or self.category
            or self.cooperative
            or self.roast
            or self.min_price is not None
            or self.max_price is not None
        )

    def url_args(self, lang: str | None = None, **changes) -> dict:
        """Query-string arguments that ask for this query again (defaults left out)."""
        query = replace(self, **changes)
        args = {
            "q": query.q,
            "category": query.category,
            "cooperative": query.cooperative,
            "roast": query.roast,
            "min_price": _baht(query.min_price),
            "max_price": _baht(query.max_price),
            "sort": "" if query.sort == "featured" else query.sort,
            "page": query.page if query.page > 1 else "",
            "lang": lang,
        }
        return {k: v for k, v in args.items() if v not in ("", None)}


def _clean(text: str) -> str:
    """Text in the shop's one spelling (``core.text.normalize_text``), control characters
    written as spaces (PostgreSQL refuses NUL in text)."""
    text = normalize_text(text)
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _positive_int(value: str | None, default: int) -> int:
    try:
        number = parse_whole_number(value or "")
    except ValueError:
        return default
    return number if 1 <= number <= 1_000_000 else default


def _price(value: str | None) -> int | None:
    if not value or not value.strip():
        return None
    try:
        satang = baht_to_satang(value)
    except ValueError:
        return None
    return min(satang, MAX_PRICE_SATANG)


def _baht(satang: int | None) -> str | None:
    if satang is None:
        return None
    return str(Decimal(satang) / SATANG_PER_BAHT)


def like_pattern(term: str) -> str:
    """A LIKE pattern (escape character ``\\``) finding ``term`` anywhere in a text."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _on_sale() -> list:
    """Conditions for a product a visitor may see: published, by an active cooperative, with
    at least one variant on offer."""
    return [
        Product.status == ProductStatus.ACTIVE,
        Cooperative.status == CooperativeStatus.ACTIVE,
        Product.variants.any(Variant.is_active),
    ]


LANGUAGES = ("th", "en", "my")


def _searchable_columns():
    return [
        getattr(model, f"{name}_{lang}")
        for model, name in ((Product, "name"), (Product, "description"), (Cooperative, "name"))
        for lang in LANGUAGES
    ]


def text_matches(columns, term: str):
    """Any column holding ``term``, its digits written in any script (``digit_spellings``)."""
    patterns = [like_pattern(spelling) for spelling in digit_spellings(term)]
    return or_(*(col.ilike(pattern, escape="\\") for col in columns for pattern in patterns))


def _name_relevance(query: CatalogueQuery):
    """How many words of the query the product's name holds (in any language)."""
    names = [getattr(Product, f"name_{lang}") for lang in LANGUAGES]
    return sum(case((text_matches(names, term), 1), else_=0) for term in query.q.split())


def _card_options():
    """Eager loads for a product card: its cooperative, variants and images, in 3 queries."""
    return (
        joinedload(Product.cooperative),
        selectinload(Product.variants),
        selectinload(Product.images),
    )


def _filtered(query: CatalogueQuery) -> Select:
    stmt = select(Product).join(Product.cooperative).where(*_on_sale())
    for term in query.q.split():
        stmt = stmt.where(text_matches(_searchable_columns(), term))
    if query.category:
        stmt = stmt.join(Product.category).where(Category.slug == query.category)
    if query.cooperative:
        stmt = stmt.where(Cooperative.slug == query.cooperative)
    if query.roast:
        stmt = stmt.where(Product.roast == Roast(query.roast))
    if query.min_price is not None or query.max_price is not None:
        in_range = [Variant.is_active]
        if query.min_price is not None:
            in_range.append(Variant.price_satang >= query.min_price)
        if query.max_price is not None:
            in_range.append(Variant.price_satang <= query.max_price)
        stmt = stmt.where(Product.variants.any(and_(*in_range)))
    return stmt


def _ordered(stmt: Select, sort: str) -> Select:
    name = getattr(Product, f"name_{current_language()}")
    order = {
        "featured": (Product.is_featured.desc(), Product.published_at.desc()),
        "price_asc": (Product.min_price_satang.asc(),),
        "price_desc": (Product.min_price_satang.desc(),),
        "newest": (Product.published_at.desc(),),
        "name": (name.asc(),),
    }[sort]
    return stmt.order_by(*order, Product.id.desc())


def list_products(query: CatalogueQuery, per_page: int) -> Pagination:
    """One page of products on sale matching the query; a page past the end shows the last one.

    A search with the default sort lists name matches first (the more words of the query a
    name holds, the earlier), then the featured order; an explicit sort is kept as chosen.
    """
    stmt = _filtered(query)
    if query.q and query.sort == "featured":
        stmt = stmt.order_by(_name_relevance(query).desc())
    stmt = _ordered(stmt, query.sort).options(*_card_options())
    return paginate(stmt, query.page, per_page)


def featured_products(limit: int = 10) -> list[Product]:
    stmt = select(Product).join(Product.cooperative).where(*_on_sale()).options(*_card_options())
    return list(db.session.scalars(_ordered(stmt, "featured").limit(limit)))


def get_product(slug: str) -> Product | None:
    """A product on sale with everything its page shows, or None."""
    stmt = (
        select(Product)
        .join(Product.cooperative)
        .where(Product.slug == slug, *_on_sale())
        .options(
            joinedload(Product.cooperative),
            joinedload(Product.category),
            selectinload(Product.variants),
            selectinload(Product.images),
        )
    )
    return db.session.scalars(stmt).first()


def more_from_cooperative(product: Product, limit: int = 4) -> list[Product]:
    stmt = (
        select(Product)
        .join(Product.cooperative)
        .where(Product.cooperative_id == product.cooperative_id, Product.id != product.id)
        .where(*_on_sale())
        .options(*_card_options())
    )
    return list(db.session.scalars(_ordered(stmt, "featured").limit(limit)))


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def cooperatives_with_counts() -> list[tuple[Cooperative, int]]:
    """Active cooperatives, each with the number of products it has on sale."""
    on_sale = (
        select(Product.cooperative_id, func.count(Product.id).label("n"))
        .where(Product.status == ProductStatus.ACTIVE)
        .group_by(Product.cooperative_id)
        .subquery()
    )
    stmt = (
        select(Cooperative, func.coalesce(on_sale.c.n, 0))
        .outerjoin(on_sale, on_sale.c.cooperative_id == Cooperative.id)
        .where(Cooperative.status == CooperativeStatus.ACTIVE)
        .order_by(Cooperative.id)
    )
    return [(coop, int(n)) for coop, n in db.session.execute(stmt)]


def get_cooperative(slug: str) -> Cooperative | None:
    return db.session.scalars(
        select(Cooperative).where(
            Cooperative.slug == slug, Cooperative.status == CooperativeStatus.ACTIVE
        )
    ).first()


def cooperative_products(cooperative: Cooperative) -> list[Product]:
    stmt = (
        select(Product)
        .join(Product.cooperative)
        .where(Product.cooperative_id == cooperative.id, *_on_sale())
        .options(*_card_options())
    )
    return list(db.session.scalars(_ordered(stmt, "featured")))


@dataclass(frozen=True)
class SitemapEntry:
    endpoint: str
    slug: str
    updated_at: datetime


def sitemap_entries() -> list[SitemapEntry]:
    products = db.session.execute(
        select(Product.slug, Product.updated_at).join(Product.cooperative).where(*_on_sale())
    )
    cooperatives = db.session.execute(
        select(Cooperative.slug, Cooperative.updated_at).where(
            Cooperative.status == CooperativeStatus.ACTIVE
        )
    )
    return [SitemapEntry("catalog.product", s, u) for s, u in products] + [
        SitemapEntry("catalog.cooperative", s, u) for s, u in cooperatives
    ]
