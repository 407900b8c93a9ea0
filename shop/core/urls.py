"""Absolute URLs for mails: always on the shop's own address, from requests, CLI or workers."""

from flask import current_app, url_for


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` under SHOP_BASE_URL.

    Never built from the request's Host header, which a client chooses: a reset link mailed
    after a forged Host would otherwise point at someone else's site.
    """
    with current_app.test_request_context(base_url=current_app.config["SHOP_BASE_URL"]):
        return url_for(endpoint, _external=True, **values)
