"""Template globals and filters: money, dates, language links, canonical URLs."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from flask import Flask, Response, current_app, request, url_for
from flask_babel import format_decimal
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from shop.core import provinces
from shop.core.banks import bank_name
from shop.core.dates import format_date, format_datetime
from shop.core.i18n import (
    LANG_COOKIE,
    current_language,
    languages,
    requested_language,
    set_language_cookie,
)
from shop.core.money import format_money, vat_part
from shop.core.reasons import reason_text
from shop.core.urls import base_url, external_path_url, external_url

LANGUAGE_NAMES = {"th": "ไทย", "en": "English", "my": "မြန်မာ"}
# Query parameters that change what a page shows (kept in canonical and hreflang links).
CONTENT_PARAMS = ("q", "category", "cooperative", "roast", "min_price", "max_price", "sort", "page")


def page_url(lang: str | None = None, *, external: bool = False, content_only: bool = False) -> str:
    """This page's URL in another language (``?lang=``), keeping the path and query."""
    args = {
        k: v
        for k, v in request.args.items(multi=True)
        if k != "lang" and (not content_only or k in CONTENT_PARAMS)
    }
    if lang:
        args["lang"] = lang
    if request.endpoint and request.url_rule is not None:
        values = {**(request.view_args or {}), **args}
        return _built_url(
            id(current_app._get_current_object()),
            base_url() if external else request.script_root,
            request.endpoint,
            tuple(values.items()),
            external,
        )
    path = f"{request.path}?{urlencode(args)}" if args else request.path
    return external_path_url(path) if external else path


@lru_cache(maxsize=4096)
def _built_url(_app_id: int, _root: str, endpoint: str, values: tuple, external: bool) -> str:
    """url_for / external_url of a page, kept per app, root (script root or SHOP_BASE_URL),
    endpoint and values: a page's canonical, hreflang and language links are the same URLs for
    every visitor of that page, and building them was a tenth of a logged-in page's time."""
    if external:  # on SHOP_BASE_URL, whatever Host the request named
        return external_url(endpoint, **dict(values))
    return url_for(endpoint, **dict(values))


def url_with(**changes) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    args = {k: v for k, v in request.args.items() if k not in changes}
    args.update({k: v for k, v in changes.items() if v is not None})
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def canonical_url(lang: str) -> str:
    """The absolute address search engines should keep for this page in ``lang``: without
    ``?lang=`` for the shop's default language (what a visitor without a cookie is shown, so
    the bare URL is the Thai page), with it for the others. Only content parameters are kept."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    return page_url(None if lang == default else lang, external=True, content_only=True)


def alternate_links() -> list[tuple[str, str]]:
    """(hreflang, absolute URL) pairs for this page in every language, plus x-default (the
    default language's bare URL), each the canonical URL of that language's page."""
    links = [(lang, canonical_url(lang)) for lang in languages()]
    links.append(("x-default", canonical_url(current_app.config["BABEL_DEFAULT_LOCALE"])))
    return links


def province_name(code: str) -> str:
    province = provinces.get(code)
    return province.name(current_language()) if province else code


# The hidden field a shared (cached) page carries where each visitor's own token goes. Only this
# whole tag is ever filled: text from people reaches a page escaped (no "<" or '"') or as
# sanitised Markdown (no <input>), so no description, name or search term can produce it, and
# a "__csrf_token__" typed anywhere comes out exactly as typed.
SHARED_CSRF_FIELD = Markup('<input type="hidden" name="csrf_token" value="__csrf_token__">')


def csrf_field(token: str) -> Markup:
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(token)


def fill_csrf_token(response: Response) -> Response:
    """Put the visitor's own CSRF token into a shared (cached) page's placeholder field."""
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    body = response.get_data(as_text=True)
    if SHARED_CSRF_FIELD in body:
        response.set_data(body.replace(SHARED_CSRF_FIELD, csrf_field(generate_csrf())))
    return response


def remember_language(response: Response) -> Response:
    """Keep a ``?lang=`` choice in a cookie, so later pages come in the same language."""
    lang = requested_language()
    if lang and request.cookies.get(LANG_COOKIE) != lang:
        set_language_cookie(response, lang)
    response.vary.add("Cookie")
    return response


def register(app: Flask) -> None:
    app.after_request(remember_language)
    app.after_request(fill_csrf_token)

    app.jinja_env.globals.update(
        language_names=LANGUAGE_NAMES,
        page_url=page_url,
        url_with=url_with,
        alternate_links=alternate_links,
        canonical_url=canonical_url,
        external_url=external_url,
    )

    @app.context_processor
    def inject_language():
        return {"lang": current_language(), "languages": languages()}

    app.add_template_filter(lambda satang: format_money(satang, current_language()), "money")
    app.add_template_filter(
        lambda satang: format_money(vat_part(satang), current_language()), "vat"
    )
    app.add_template_filter(lambda n: format_decimal(n), "number")
    # The one date formatter (shop.core.dates): Buddhist era in Thai, day-month-year in English,
    # Burmese digits in Burmese, times in Asia/Bangkok.
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_global(province_name)
    app.add_template_global(reason_text)
    app.add_template_filter(lambda text: bank_name(text or "", current_language()), "bank")
