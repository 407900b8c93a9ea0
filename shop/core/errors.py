"""Error pages in the visitor's language."""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException, InternalServerError

from shop.extensions import db

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request_ctx.url_adapter is None:  # e.g. a Host not in TRUSTED_HOSTS: no URLs to build
            return Response(f"{error.code} {error.name}\n", error.code, mimetype="text/plain")
        template = "errors/404.html" if error.code == 404 else "errors/error.html"
        return render_template(template, error=error), error.code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()  # discard what the failed request left; the user stays loaded
        log.exception("unhandled error", exc_info=error)
        if app.testing and app.config.get("PROPAGATE_EXCEPTIONS") is not False:
            raise error
        try:
            return render_template("errors/error.html", error=InternalServerError()), 500
        except Exception:  # e.g. the database is gone: the page's menu cannot be read either
            log.exception("the error page failed too")
            return Response("500 Internal Server Error\n", 500, mimetype="text/plain")
