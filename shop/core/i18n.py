"""Language choice, translated model fields, and locale-aware formatting helpers."""

from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_babel import get_locale

LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600
FALLBACK_CHAIN = ("en", "th")


def set_language_cookie(response, lang: str) -> None:
    """Remember ``lang`` for a year: HttpOnly, SameSite=Lax, and Secure whenever the session
    cookie is (production), like every cookie the shop sets."""
    response.set_cookie(
        LANG_COOKIE,
        lang,
        max_age=LANG_COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )


def languages() -> tuple[str, ...]:
    return current_app.config["LANGUAGES"]


def requested_language() -> str | None:
    """A supported language asked for in this request's ?lang= parameter, else None."""
    if not has_request_context():
        return None
    lang = request.args.get("lang", "").strip().lower()
    return lang if lang in languages() else None


def select_locale() -> str:
    """Babel locale selector: ?lang=, the remembered cookie, the user's choice, then Thai."""
    from flask_login import current_user

    if not has_request_context():  # CLI, cron, worker threads: the shop's default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    lang = requested_language()
    if lang:
        return lang
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in languages():
        return cookie
    preferred = getattr(current_user, "locale", None)
    if preferred in languages():
        return preferred
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale() or "th")


def localize(obj: object, field: str, lang: str | None = None) -> str:
    """The value of ``<field>_<lang>`` on obj, falling back to English, then Thai."""
    lang = lang or current_language()
    for candidate in (lang, *FALLBACK_CHAIN):
        value = getattr(obj, f"{field}_{candidate}", None)
        if value:
            return value
    return ""


class Translated:
    """Descriptor reading a field in the visitor's language: ``product.name`` -> ``name_th`` …"""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return localize(obj, self.field)
