"""Absolute URLs for mails: always on the shop's own address, from requests, CLI or workers."""

from flask import current_app, url_for
from werkzeug.routing import IntegerConverter


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` under SHOP_BASE_URL.

    Never built from the request's Host header, which a client chooses: a reset link mailed
    after a forged Host would otherwise point at someone else's site.
    """
    with current_app.test_request_context(base_url=current_app.config["SHOP_BASE_URL"]):
        return url_for(endpoint, _external=True, **values)


class IdConverter(IntegerConverter):
    """``<int:id>`` up to the largest id a database column holds (32-bit on PostgreSQL):
    a longer number in a URL is a 404 like any unknown id, not an overflow in the database."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)
