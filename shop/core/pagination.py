"""Pagination of listings: numbered pages (Flask-SQLAlchemy's ``db.paginate``) and seek pages.

Numbered pages (``paginate``) suit short listings (a cooperative's products and packs: a few
hundred pages at most). A listing that grows without end, ordered by time (orders), pages by
seeking (``seek_page``): each page starts after the last row of the one before, read from an
index on (time, id), so page 1,000 costs what page 1 costs; OFFSET would read and sort every
row before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, func, select, tuple_

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


# --- seek pages -------------------------------------------------------------------------------

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    """A place in a listing newest first: a row's time and id. Written in URLs as
    ``<microseconds since 1970 UTC>.<id>``."""

    at: datetime
    id: int

    def token(self) -> str:
        at = self.at if self.at.tzinfo else self.at.replace(tzinfo=UTC)
        delta = at - EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{micros}.{self.id}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """The cursor a token names; None for anything else (a mangled link starts over)."""
        micros, dot, ident = (text or "").partition(".")
        if not dot or not micros.isascii() or not ident.isascii():
            return None
        if not micros.isdigit() or not ident.isdigit() or len(micros) > 17 or len(ident) > 18:
            return None
        try:
            at = EPOCH + timedelta(microseconds=int(micros))
        except OverflowError:
            return None
        return cls(at, int(ident))


@dataclass(frozen=True)
class SeekPage:
    """One page of a listing newest first. ``newer``/``older`` are the cursor tokens of the
    pages either side (None at either end); ``total`` counts the whole filtered listing."""

    items: list[Any]
    total: int
    newer: str | None
    older: str | None

    @property
    def first(self) -> bool:
        return self.newer is None


def requested_cursors() -> tuple[Cursor | None, Cursor | None]:
    """The ``older`` and ``newer`` query parameters (rows older / newer than a cursor)."""
    return Cursor.parse(request.args.get("older")), Cursor.parse(request.args.get("newer"))


def seek_page(
    stmt: Select,
    at: ColumnElement,
    ident: ColumnElement,
    cursor_of: Callable[[Any], Cursor],
    per_page: int,
    *,
    older_than: Cursor | None = None,
    newer_than: Cursor | None = None,
    count: Select | None = None,
) -> SeekPage:
    """A page of ``stmt`` ordered newest first by (``at``, ``ident``), which must be unique
    and indexed together; three queries (the rows, one row past each end, the count).

    ``older_than`` gives the page after a cursor; ``newer_than`` the page before one (read
    oldest first and turned round); neither gives the newest page. ``cursor_of`` reads the
    cursor of one result item (as ``stmt`` returns it through ``scalars``). ``count``: a
    cheaper statement counting the same rows, if there is one.
    """
    key = tuple_(at, ident)
    if count is None:
        count = select(func.count()).select_from(stmt.order_by(None).subquery())
    total = db.session.scalar(count)
    if newer_than is not None:
        rows = list(
            db.session.scalars(
                stmt.where(key > tuple_(newer_than.at, newer_than.id))
                .order_by(at.asc(), ident.asc())
                .limit(per_page + 1)
            ).unique()
        )
        if len(rows) <= per_page:  # back at the newest rows: show the newest page whole
            return seek_page(stmt, at, ident, cursor_of, per_page, count=count)
        items = rows[:per_page][::-1]
        has_newer, has_older = True, True
    else:
        query = stmt.order_by(at.desc(), ident.desc()).limit(per_page + 1)
        if older_than is not None:
            query = query.where(key < tuple_(older_than.at, older_than.id))
        rows = list(db.session.scalars(query).unique())
        items = rows[:per_page]
        has_newer, has_older = older_than is not None, len(rows) > per_page
    if not items:
        return SeekPage([], int(total or 0), None, None)
    return SeekPage(
        items=items,
        total=int(total or 0),
        newer=cursor_of(items[0]).token() if has_newer else None,
        older=cursor_of(items[-1]).token() if has_older else None,
    )
