"""Error pages in the visitor's language."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, Response, current_app, redirect, render_template, request
from flask.globals import request_ctx
from flask_babel import force_locale
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from shop.core import request_input
from shop.core.db import end_session_quietly
from shop.core.i18n import LANG_COOKIE
from shop.core.urls import canonical_address
from shop.extensions import db

log = logging.getLogger(__name__)
# What the database driver raises when the server cannot be reached or the connection broke
# (also SQLite's "unable to open" and "locked"), and the pool's wait for a free connection.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)
RETRY_AFTER_SECONDS = 30
# Areas that answer errors in a format of their own instead of a page, by path prefix: the
# partner API's problem+json (registered by shop.api). Core knows no area by name.
ERROR_RESPONDERS: dict[str, Callable[[HTTPException], Response]] = {}


def area_responder() -> Callable[[HTTPException], Response] | None:
    for prefix, respond in ERROR_RESPONDERS.items():
        if request.path.startswith(prefix):
            return respond
    return None


def register(app: Flask) -> None:
    """Error pages, and the refusal of input no database can store (core.request_input)."""
    request_input.init_app(app)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request_ctx.url_adapter is None:  # e.g. a Host not in TRUSTED_HOSTS: no URLs to build
            return Response(f"{error.code} {error.name}\n", error.code, mimetype="text/plain")
        if (respond := area_responder()) is not None:
            return respond(error)
        if error.code in (404, 405) and (target := canonical_address()) is not None:
            return redirect(target, 308)
        template = "errors/404.html" if error.code == 404 else "errors/error.html"
        return render_template(template, error=error), error.code

    for error_class in DATABASE_UNAVAILABLE:
        app.register_error_handler(error_class, database_unavailable)
    # Runs before Flask-SQLAlchemy's own teardown (teardowns run last registered first), so a
    # connection lost after the page was made does not turn it into a 500.
    app.teardown_appcontext(lambda _exc: end_session_quietly(db.session))

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()  # discard what the failed request left; the user stays loaded
        log.exception("unhandled error", exc_info=error)
        if app.testing and app.config.get("PROPAGATE_EXCEPTIONS") is not False:
            raise error
        if (respond := area_responder()) is not None:
            return respond(InternalServerError())
        try:
            return render_template("errors/error.html", error=InternalServerError()), 500
        except Exception:  # e.g. the database is gone: the page's menu cannot be read either
            log.exception("the error page failed too")
            return Response("500 Internal Server Error\n", 500, mimetype="text/plain")


def _visitor_language() -> str:
    """The language asked for by ``?lang=`` or the cookie, else the shop's default.

    Unlike the usual locale selector this never looks at the logged-in user, who would be
    loaded from the database that is just gone.
    """
    languages = current_app.config["LANGUAGES"]
    for lang in (request.args.get("lang", "").strip().lower(), request.cookies.get(LANG_COOKIE)):
        if lang in languages:
            return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def database_unavailable(error: Exception):
    """The database cannot be reached: 503 with Retry-After and a page saying the shop will be
    back, in the visitor's language.

    The page is rendered straight from the Jinja environment, without context processors (the
    cart badge and the current user read the database) and extends no layout that would.
    """
    log.error("database unavailable: %s", error)
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection is broken; the pool discards it
        log.debug("rollback after a database error failed too", exc_info=True)
    if (respond := area_responder()) is not None:
        response = respond(ServiceUnavailable())
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    lang = _visitor_language()
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    try:
        with force_locale(lang):
            template = current_app.jinja_env.get_template("errors/unavailable.html")
            body = template.render(lang=lang, retry_after=RETRY_AFTER_SECONDS)
    except Exception:  # noqa: BLE001 - the visitor still gets the status and the header
        log.exception("the unavailable page failed")
        return Response("503 Service Unavailable\n", 503, headers, mimetype="text/plain")
    return Response(body, 503, headers, mimetype="text/html")
