"""Seller backend: orders (routes on the seller blueprint)."""

from shop.seller.views import bp  # noqa: F401
