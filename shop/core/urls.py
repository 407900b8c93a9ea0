"""Absolute URLs (pages' canonical and hreflang links, JSON-LD, sitemap, robots.txt, mails,
Stripe's return addresses): always on the shop's own address, from requests, CLI or workers."""

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, RoutingException


def base_url() -> str:
    """The shop's own address, without a trailing slash: SHOP_BASE_URL when set; else the
    address the current request came to (scheme, host and port, as ``url_for(_external=True)``
    builds it: whatever port ``flask run``, gunicorn or make listen on); outside a request,
    SHOP_DEFAULT_BASE_URL. A wildcard host (0.0.0.0) is written 127.0.0.1.

    Mails are rendered when they are queued (``core.mail.send_after_commit``), so a mail
    queued in a request carries that request's address even when a worker sends it later.
    """
    from shop.config import reachable_base_url

    configured = current_app.config.get("SHOP_BASE_URL")
    if configured:
        return reachable_base_url(configured)
    if has_request_context():
        return reachable_base_url(request.host_url)
    return reachable_base_url(current_app.config.get("SHOP_DEFAULT_BASE_URL"))


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` under ``base_url()`` (None values are left out).

    With SHOP_BASE_URL set (production), never built from the request's Host header, which a
    client chooses: a reset link mailed or a canonical link cached after a forged Host would
    otherwise point at someone else's site; production also answers only TRUSTED_HOSTS.
    Raises werkzeug's BuildError for an unknown endpoint or missing values.
    """
    base = urlsplit(base_url())
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    values = dict(values)
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)


def external_path_url(path: str) -> str:
    """``path`` (starting with ``/``, with its query if any) under ``base_url()``."""
    return base_url() + path


class IdConverter(IntegerConverter):
    """``<int:id>`` up to the largest id a database column holds (32-bit on PostgreSQL):
    a longer number in a URL is a 404 like any unknown id, not an overflow in the database."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def canonical_address() -> str | None:
    """For a request that found no page: its canonical address, when that one is a page for
    the request's method; else None. The canonical address is the one without the trailing
    slash people type (``/seller/``, ``/admin/``, ``/products/?q=x``) and in lower case
    (``/SELLER/``, ``/Seller``, ``/ADMIN``: typed with caps lock, or a phone's capital first
    letter). Every route is written without the slash and in lower case, so this gives each
    blueprint's root and every other page its one canonical address (a 308 keeps the method).
    The query string is kept as it was. A page that was found and answered 404 itself (an
    unknown order token, whose case matters) is left alone."""
    path = request.path
    if path.startswith("//") or request.url_rule is not None:
        return None  # a page that said "not found" itself (another buyer's token) stays so
    stripped = path[:-1] if len(path) > 1 and path.endswith("/") else path
    adapter = request_ctx.url_adapter
    for candidate in dict.fromkeys((stripped, stripped.lower())):
        if candidate == path:
            continue
        try:
            adapter.match(candidate, method=request.method)
        except (HTTPException, RoutingException):
            continue
        query = request.query_string.decode("latin-1")
        return request.script_root + candidate + (f"?{query}" if query else "")
    return None
