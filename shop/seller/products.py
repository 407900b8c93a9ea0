"""Seller backend: products (routes on the seller blueprint)."""

from shop.seller.views import bp  # noqa: F401
