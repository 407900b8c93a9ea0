"""Security and caching headers on every response: pages, static files, pictures and CSV alike.

Flask-Talisman writes the Content-Security-Policy, ``X-Content-Type-Options: nosniff``,
``X-Frame-Options: DENY``, Referrer-Policy and Permissions-Policy. The policy allows nothing
inline: every script and style sheet is a file under ``static/``.
Talisman is told to leave the session cookie's flags to the config, and never to redirect to
HTTPS: TLS ends at the proxy in production, which redirects plain HTTP itself.
"""

from __future__ import annotations

from flask import Flask, Response, request, session
from flask_talisman import Talisman

STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"
HSTS = "max-age=31536000; includeSubDomains"
# Session keys that do not make a page personal: the CSRF token (filled in per response), and
# the "_fresh": False that Flask-Login's session protection writes for a visitor who is not
# logged in. A login adds "_user_id", which does.
NEUTRAL_SESSION_KEYS = frozenset({"csrf_token", "_permanent", "_fresh"})
# Areas whose every page is about one person, order, cooperative, partner shop or the
# platform's business.
PERSONAL_BLUEPRINTS = frozenset(
    {
        "accounts",
        "cart",
        "documents",
        "orders",
        "payments",
        "seller",
        "platform",
        "wholesale",
        "wholesale_sheet",
    }
)
# Files the same for everyone, cached by browsers on purpose (names never reused).
PUBLIC_FILE_ENDPOINTS = frozenset({"static", "catalog.product_image"})
PRIVATE_NO_STORE = "private, no-store"
# A picture opened in its own tab (a transfer slip at full size, a product picture) is shown
# in a document the browser writes itself, with inline styles of its own; a raster image can
# hold no markup or script. SVG keeps the full policy, since it can.
PICTURE_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"
)


def content_security_policy(app: Flask) -> dict[str, str]:
    """The policy for every response, as Talisman takes it (directive → sources).

    ``form-action`` names Stripe's hosted checkout: paying by card posts to the shop, which
    answers with a redirect to Stripe, and Chromium applies ``form-action`` to that redirect
    too. With ``STRIPE_API_BASE`` (a stand-in server for Stripe) the checkout pages come from
    that server instead.
    """
    checkout = STRIPE_CHECKOUT_ORIGIN
    if app.config.get("STRIPE_API_BASE"):
        checkout = app.config["STRIPE_API_BASE"].rstrip("/")
    return {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'none'",
        "form-action": f"'self' {checkout}",
    }


def is_personal() -> bool:
    """Whether this response is about the visitor (and must not be stored by any cache): a
    personal area, or a session holding a login, a cart, a checkout or a message.

    A login made during the request (or from the remember cookie) is in the session by now.
    """
    if request.endpoint in PUBLIC_FILE_ENDPOINTS:
        return False
    return request.blueprint in PERSONAL_BLUEPRINTS or bool(set(session) - NEUTRAL_SESSION_KEYS)


def forbid_storing_personal_responses(response: Response) -> Response:
    if is_personal():
        response.headers["Cache-Control"] = PRIVATE_NO_STORE
    return response


def picture_policy(response: Response) -> Response:
    if response.mimetype.startswith("image/") and response.mimetype != "image/svg+xml":
        response.headers["Content-Security-Policy"] = PICTURE_POLICY
    return response


def send_hsts(response: Response) -> Response:
    """Production answers only over HTTPS (the proxy redirects plain HTTP): tell browsers to
    come back only that way. Browsers ignore the header over plain HTTP."""
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    # Flask runs after_request hooks last-registered first: this one runs after Talisman's.
    app.after_request(picture_policy)
    Talisman(
        app,
        content_security_policy=content_security_policy(app),
        frame_options="DENY",
        referrer_policy="same-origin",
        force_https=False,
        # Talisman sends HSTS only when the request looks secure, which behind a proxy that
        # drops X-Forwarded-Proto it never does; send_hsts covers production instead.
        strict_transport_security=False,
        # The config owns the session cookie's flags; these keep Talisman from changing them.
        session_cookie_secure=False,
        session_cookie_http_only=False,
        session_cookie_samesite=app.config.get("SESSION_COOKIE_SAMESITE"),
    )
    app.after_request(forbid_storing_personal_responses)
    if app.config.get("SHOP_ENV") == "production":
        app.after_request(send_hsts)
