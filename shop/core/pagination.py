"""Pagination of listings, through Flask-SQLAlchemy's own ``db.paginate``."""

from __future__ import annotations

from flask import request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from shop.core.numbers import parse_whole_number
from shop.extensions import db


def paginate(stmt: Select, page: int, per_page: int) -> Pagination:
    """One page of ``stmt``'s rows (two queries); a page past the end gives the last page.

    Bookmarks and links go stale when a listing shrinks: the visitor gets the last page, not an
    empty one (that costs a second pair of queries only then).
    """
    found = db.paginate(stmt, page=max(page, 1), per_page=per_page, error_out=False)
    if found.pages and found.page > found.pages:
        found = db.paginate(stmt, page=found.pages, per_page=per_page, error_out=False)
    return found


def requested_page(limit: int = 100_000) -> int:
    """The ``page`` query parameter; anything but a page number from 1 to ``limit`` means 1."""
    page = request.args.get("page", 1, type=parse_whole_number)
    return page if 1 <= page <= limit else 1
