"""WTForms' own messages in the shop's languages.

WTForms ships no Thai or Burmese catalogue, so Flask-WTF would show its built-in validator
messages ("This field is required.") in English on Thai and Burmese pages. They are listed here
so that extraction puts them in the shop's catalogue, and every request hands Flask-WTF the
shop's translations in place of WTForms' own.
"""

from __future__ import annotations

from flask import Flask, request
from flask_babel import get_translations
from flask_babel import lazy_gettext as _l


def _plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural message for extraction (pybabel -k _plural:1,2)."""
    return singular, plural


MESSAGES = (
    _l("This field is required."),
    _l("Invalid input."),
    _l("Invalid email address."),
    _l("Invalid URL."),
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _plural(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
    ),
    _plural(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
    ),
)


class _ShopTranslations:
    """What Flask-WTF asks of a translations object, answered from the shop's catalogue.
    WTForms fills in the placeholders itself, so the messages are returned unformatted."""

    def ugettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


def init_app(app: Flask) -> None:
    translations = _ShopTranslations()

    @app.before_request
    def _form_messages_in_the_shops_languages() -> None:
        request.wtforms_translations = translations  # read by flask_wtf.i18n
