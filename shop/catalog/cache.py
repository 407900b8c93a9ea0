"""Cached storefront fragments (Flask-Caching: Redis when REDIS_URL is set, else per process).

A fragment's key holds the catalogue version, which every change to a cooperative, category,
product, variant or picture bumps in its own transaction: an edit shows at once everywhere.
Stock levels change with every sale and do not bump the version; pages may show them up to
``CACHE_DEFAULT_TIMEOUT`` seconds old, while the cart and checkout always read the real stock.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from typing import TypeVar

from flask import current_app
from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from shop.catalog.models import (
    CatalogueVersion,
    Category,
    Cooperative,
    Product,
    ProductImage,
    Variant,
)
from shop.core.i18n import current_language
from shop.extensions import cache, db

T = TypeVar("T")
CATALOGUE_MODELS = (Cooperative, Category, Product, Variant, ProductImage)
NOT_FOUND = "not-found"


@event.listens_for(Session, "before_flush")
def _bump_on_catalogue_change(session: Session, _context, _instances) -> None:
    changed = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(obj, CATALOGUE_MODELS) for obj in changed):
        bump_version(session)


def bump_version(session: Session) -> None:
    result = session.execute(
        update(CatalogueVersion)
        .where(CatalogueVersion.id == 1)
        .values(value=CatalogueVersion.value + 1)
    )
    if result.rowcount == 0:
        session.execute(insert(CatalogueVersion).values(id=1, value=1))


def catalogue_version() -> int:
    return db.session.scalar(select(CatalogueVersion.value).where(CatalogueVersion.id == 1)) or 0


def fragment(name: str, build: Callable[[], T], *key_parts: object) -> T:
    """``build()``'s result, cached per catalogue version, language and ``key_parts``."""
    if current_app.config["CACHE_TYPE"] == "NullCache":
        return build()
    key = ":".join(
        ["catalogue", name, str(catalogue_version()), current_language(), *map(str, key_parts)]
    )
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value)
    return value
