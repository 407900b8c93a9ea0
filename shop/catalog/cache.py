"""Cached storefront fragments (Flask-Caching: Redis when REDIS_URL is set, else per process).

A fragment's key holds the catalogue version, which every change to a cooperative, category,
product, variant or picture bumps in its own transaction; each process re-reads it at most
every CATALOGUE_VERSION_TTL seconds (1 by default), so an edit shows everywhere within a second.
Stock levels change with every sale and do not bump the version; pages may show them up to
``CACHE_DEFAULT_TIMEOUT`` seconds old, while the cart and checkout always read the real stock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from itertools import chain
from typing import TypeVar

from flask import Response, current_app, make_response, request, session
from flask_login import current_user
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
from shop.core.security_headers import NEUTRAL_SESSION_KEYS
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


_last_seen = {"value": 0, "at": float("-inf")}


def catalogue_version() -> int:
    """The catalogue version, read from the database at most every CATALOGUE_VERSION_TTL s."""
    ttl = current_app.config["CATALOGUE_VERSION_TTL"]
    now = time.monotonic()
    if now - _last_seen["at"] >= ttl:
        _last_seen["value"] = (
            db.session.scalar(select(CatalogueVersion.value).where(CatalogueVersion.id == 1)) or 0
        )
        _last_seen["at"] = now
    return _last_seen["value"]


def _caching() -> bool:
    return current_app.config["CACHE_TYPE"] != "NullCache"


def fragment(name: str, build: Callable[[], T], *key_parts: object) -> T:
    """``build()``'s result, cached per catalogue version, language and ``key_parts``."""
    if not _caching():
        return build()
    key = ":".join(
        [
            "catalogue",
            name,
            str(catalogue_version()),
            current_language(),
            *map(str, key_parts),
        ]
    )
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value)
    return value


def _same_for_everyone() -> bool:
    """Whether this visitor sees the page everyone sees: nothing personal in the session
    (no login, no cart, no message waiting), and no remember-me cookie that logs a user in
    (a partner must get its own prices, never the cached retail page)."""
    return (
        request.method == "GET"
        and not (set(session) - NEUTRAL_SESSION_KEYS)
        and not current_user.is_authenticated
    )


def shared_page(view):
    """Cache a storefront page whole for visitors with nothing personal in their session.

    The cached HTML keeps the CSRF placeholder; each response gets the visitor's own token
    (see shop.core.templating.fill_csrf_token). Others get the view, itself built from cached
    fragments.
    """

    @wraps(view)
    def wrapper(**kwargs):
        if not (_caching() and _same_for_everyone()):
            return view(**kwargs)
        key = ":".join(["page", str(catalogue_version()), current_language(), request.full_path])
        body = cache.get(key)
        if body is not None:
            return Response(body, mimetype="text/html")
        response = make_response(view(**kwargs))
        if response.status_code == 200:
            cache.set(key, response.get_data(as_text=True))
        return response

    return wrapper
