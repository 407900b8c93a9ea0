"""The header's cart badge: the units in the visitor's cart, read at most once per request.

For a logged-in visitor the user loader reads the count in the same query as the user (see
``accounts.login_sessions``) and hands it over with :func:`remember_count`; a guest with a cart
cookie costs one small query, and only when a template prints the badge (mails and page
fragments never do). Any change to a cart or its lines in the request (a flush, or a bulk
UPDATE or DELETE such as emptying the cart) forgets the count, so a page drawn after the change
shows the new one.
"""

from __future__ import annotations

from flask import g, has_request_context, session
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import Select, event, func, select
from sqlalchemy.orm import Session

from shop.cart.models import Cart, CartLine
from shop.extensions import db

CART_KEY = "cart_token"  # the session key naming a guest's cart (cart.views.CART_KEY)
_COUNT = "cart_badge_count"


def _units(*criteria) -> Select:
    """The units in the carts ``criteria`` pick (0 when there are none)."""
    return (
        select(func.coalesce(func.sum(CartLine.quantity), 0))
        .join(Cart, Cart.id == CartLine.cart_id)
        .where(*criteria)
    )


def units_of_user_cart(user_id_column):
    """A scalar subquery: the units in the cart of the user ``user_id_column`` names (0 when
    the user has no cart). For the user loader's one query."""
    return _units(Cart.user_id == user_id_column).scalar_subquery()


def remember_count(units: int) -> None:
    """Keep the count read with the user, for this request only."""
    if has_request_context():
        g.setdefault(_COUNT, int(units))


def forget_count() -> None:
    if has_request_context():
        g.pop(_COUNT, None)


def cart_count() -> int:
    """Units in the visitor's cart: the user's when logged in, else the cookie's guest cart."""
    if not has_request_context():
        return 0
    if _COUNT not in g:
        g.setdefault(_COUNT, _read_count())
    return g.get(_COUNT)


def _read_count() -> int:
    if current_user.is_authenticated:  # loads the user, which usually remembers the count
        if _COUNT in g:
            return g.get(_COUNT)
        return int(db.session.scalar(select(units_of_user_cart(current_user.id))))
    token = session.get(CART_KEY)
    if not token:
        return 0
    return int(db.session.scalar(_units(Cart.token == token, Cart.user_id.is_(None))))


class LazyCount:
    """The badge's number as a template value: read when (and only if) it is printed."""

    __slots__ = ()

    def __str__(self) -> str:
        return str(cart_count())

    def __html__(self) -> Markup:
        return Markup(str(cart_count()))

    def __int__(self) -> int:
        return cart_count()

    def __eq__(self, other: object) -> bool:
        return cart_count() == other

    def __hash__(self) -> int:
        return hash(cart_count())


LAZY_COUNT = LazyCount()


def context() -> dict:
    """The cart-badge context processor: no query here; see LazyCount."""
    return {"cart_count": LAZY_COUNT}


_CART_MODELS = (Cart, CartLine)


@event.listens_for(Session, "after_flush")
def _forget_on_cart_flush(session: Session, _context) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, _CART_MODELS) for obj in changed):
        forget_count()


@event.listens_for(Session, "do_orm_execute")
def _forget_on_bulk_cart_change(state) -> None:
    mapper = state.bind_mapper
    if (
        (state.is_update or state.is_delete)
        and mapper is not None
        and mapper.class_ in _CART_MODELS
    ):
        forget_count()
