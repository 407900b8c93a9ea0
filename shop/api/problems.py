"""Errors of /api/v1 as ``application/problem+json`` (RFC 9457), with a stable ``type`` per kind.

Every ``type`` is a relative URI under ``/api/v1/problems/`` (which answers with the kind's
title and status), so it is the same on every install. ``title`` is the kind's English name
and never changes; ``detail`` says what happened to this request in its language (my, th, en).
Extension members carry what a program needs: ``errors`` (field -> messages) for a bad
request, ``lines`` for a refused order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import Response, g, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "/api/v1/problems/"


@dataclass(frozen=True)
class Kind:
    slug: str
    status: int
    title: str  # English, stable
    detail: object  # the default detail (translated)

    @property
    def type(self) -> str:
        return TYPE_BASE + self.slug


KINDS = {
    k.slug: k
    for k in (
        Kind(
            "bad-request",
            400,
            "Bad request",
            _l("The request is not valid: see errors."),
        ),
        Kind(
            "invalid-key",
            401,
            "Missing or invalid API key",
            _l("Send a valid API key as 'Authorization: Bearer <key>'."),
        ),
        Kind(
            "partner-not-active",
            403,
            "Partner account not active",
            _l("Your company's wholesale account is not active."),
        ),
        Kind(
            "insufficient-scope",
            403,
            "Key lacks the scope",
            _l("This API key may not do this: it lacks the scope %(scope)s."),
        ),
        Kind("not-found", 404, "Not found", _l("There is nothing at this address.")),
        Kind(
            "method-not-allowed",
            405,
            "Method not allowed",
            _l("This address does not take this method."),
        ),
        Kind(
            "idempotency-key-reused",
            409,
            "Idempotency key reused with another request",
            _l("This Idempotency-Key was used for a different request."),
        ),
        Kind(
            "unsupported-media-type",
            415,
            "Unsupported media type",
            _l("Please send JSON (Content-Type: application/json)."),
        ),
        Kind(
            "order-refused",
            422,
            "Order refused",
            _l("The order cannot be placed: see lines."),
        ),
        Kind(
            "rate-limited",
            429,
            "Too many requests",
            _l("Too many requests for this key: please wait before trying again."),
        ),
        Kind(
            "server-error",
            500,
            "Internal server error",
            _l("Something went wrong on our side. Nothing was changed."),
        ),
        Kind(
            "unavailable",
            503,
            "Service unavailable",
            _l("The shop cannot answer right now: please try again shortly."),
        ),
    )
}
BY_STATUS = {k.status: k for k in reversed(KINDS.values())}


class ApiProblem(Exception):
    """Raised anywhere under /api/v1 to answer with a problem; ``extra`` goes in the body."""

    def __init__(self, slug: str, detail=None, headers: dict | None = None, **extra):
        super().__init__(slug)
        self.kind = KINDS[slug]
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


API_LANGUAGES = ("en", "th", "my")


def api_language() -> str:
    """The first language of Accept-Language, by quality, that the API speaks, its region
    ignored ("my-MM" is "my", as devices and HTTP libraries send it); English when none."""
    for value, _quality in request.accept_languages:
        primary = value.replace("_", "-").split("-")[0].lower()
        if primary in API_LANGUAGES:
            return primary
    return "en"


def problem_response(
    slug: str, detail=None, headers: dict | None = None, status: int | None = None, **extra
) -> Response:
    kind = KINDS[slug]
    # In the caller's language also when the error came before the API's own code ran (an
    # unknown address, a body too large, the limiter): never the site's default language.
    language = g.get("api_language") or api_language()
    with force_locale(language):
        body = {
            "type": kind.type,
            "title": kind.title,
            "status": status or kind.status,
            "detail": str(detail if detail is not None else kind.detail),
            "instance": request.path if request else None,
            **{key: value for key, value in extra.items() if value is not None},
        }
    response = Response(
        json.dumps(body, ensure_ascii=False, default=str),
        status or kind.status,
        mimetype=PROBLEM_JSON,
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Language"] = language
    for name, value in (headers or {}).items():
        response.headers[name] = value
    if kind.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def from_api_problem(error: ApiProblem) -> Response:
    return problem_response(error.kind.slug, error.detail, error.headers, **error.extra)


def from_http_exception(error: HTTPException) -> Response:
    """Any HTTP error under /api/v1 (routing, webargs validation, the limiter, abort())."""
    code = error.code or 500
    kind = BY_STATUS.get(code) or BY_STATUS[400 if code < 500 else 500]
    extra: dict = {}
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if messages:  # webargs: {"query": {"limit": [...]}, "json": {...}}
        flat: dict[str, list[str]] = {}
        for location, fields in messages.items():
            if isinstance(fields, dict):
                for name, errs in fields.items():
                    flat[f"{location}.{name}" if location != "json" else name] = _flatten(errs)
            else:
                flat[location] = _flatten(fields)
        extra["errors"] = flat
    headers = {}
    if code == 429:
        headers["Retry-After"] = _retry_after(error)
    valid_methods = getattr(error, "valid_methods", None)
    if code == 405 and valid_methods:
        headers["Allow"] = ", ".join(valid_methods)
    detail = None
    if code == 400 and not messages:
        detail = _l("The request could not be read: send valid JSON and parameters.")
    elif code == 413:
        detail = _l("The request is too large.")
    return problem_response(kind.slug, detail, headers, status=code, **extra)


def _flatten(errors) -> list[str]:
    if isinstance(errors, list):
        out = []
        for item in errors:
            out.extend(_flatten(item))
        return out
    if isinstance(errors, dict):
        out = []
        for key, value in errors.items():
            out.extend(f"{key}: {message}" for message in _flatten(value))
        return out
    return [str(errors)]


def _retry_after(error: HTTPException) -> str:
    from time import time

    from flask_limiter import RateLimitExceeded

    from shop.extensions import limiter

    if isinstance(error, RateLimitExceeded):
        current = limiter.current_limit
        if current is not None:
            return str(max(int(current.reset_at - time()), 1))
    return "60"


def problem_types() -> list[dict]:
    """Every kind, for the reference page and ``GET /api/v1/problems/<slug>``."""
    return [
        {"type": k.type, "slug": k.slug, "title": k.title, "status": k.status}
        for k in KINDS.values()
    ]
