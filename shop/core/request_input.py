"""Input no database can store is refused at the door, for every request alike.

A NUL character (U+0000) is never typed by a person: it comes from a probe or a broken client.
PostgreSQL refuses it in any text value (``psycopg.DataError: PostgreSQL text fields cannot
contain NUL``), which would make every form, search and look-up that passes it on answer 500,
while SQLite would store it. One hook, run before anything else reads the request, answers
400 with the shop's error page when one hides in the path, a query argument, a form field
(name or value, an uploaded file's name), a JSON body, a cookie or a header; so no view, form
or service has to know. See docs/decisions.md ("A NUL character is refused at the door").

A JSON body is refused the same way for two more things only a probe sends: half of a UTF-16
surrogate pair on its own (``"\ud800"``: valid JSON, but no UTF-8 text, so no database driver
can send it), and nesting so deep that reading it overflows Python's stack (``RecursionError``,
which ``get_json(silent=True)`` does not catch).
"""

from __future__ import annotations

import logging
import re

from flask import Flask, abort, request

log = logging.getLogger(__name__)
NUL = "\x00"
# What no database can store: NUL, and a lone half of a UTF-16 surrogate pair.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def has_nul(value: object) -> bool:
    """Whether a NUL character or a lone surrogate hides in a text, or anywhere in parsed JSON
    (keys included)."""
    if isinstance(value, str):
        return UNSTORABLE.search(value) is not None
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False


def carries_nul() -> str | None:
    """The part of the current request that carries a NUL character, or None."""
    if NUL in request.path:
        return "path"
    parts = {
        "query": request.args.items(multi=True),
        "form": request.form.items(multi=True),
        "cookies": request.cookies.items(multi=True),
        "headers": request.headers.items(),
        "file names": ((k, f.filename or "") for k, f in request.files.items(multi=True)),
    }
    for name, pairs in parts.items():
        if any(NUL in key or NUL in value for key, value in pairs):
            return name
    if request.is_json:
        try:
            if has_nul(request.get_json(silent=True)):
                return "JSON body"
        except RecursionError:
            return "JSON body (nested too deep)"
    return None


def refuse_nul() -> None:
    """Answer 400 (the shop's error page, or a problem on the API) to a request carrying a NUL
    character, or a JSON body with a lone surrogate or nested too deep."""
    where = carries_nul()
    if where is not None:
        log.warning("request refused: a NUL character in its %s (%r)", where, request.path)
        abort(400)


def init_app(app: Flask) -> None:
    """Run ``refuse_nul`` before every other ``before_request`` function of the app."""
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_nul)
