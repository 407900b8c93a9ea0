"""Seller backend: stock (routes on the seller blueprint)."""

from shop.seller.views import bp  # noqa: F401
