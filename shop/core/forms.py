"""The base of every form in the shop: typed text is normalised and checked for Zawgyi.

Every text field of a ``ShopForm`` (``StringField`` and its kinds: text areas, search, phone,
email; not passwords, hidden or file fields) first passes ``core.text.normalize_text`` and is
then refused when it is Zawgyi-encoded Burmese (``core.burmese.unicode_burmese``). A form
gets this by deriving from ``ShopForm`` instead of ``FlaskForm``; no field has to ask.

``WholeNumberField`` is the integer field of every form: it reads digits through
``core.numbers``, the one number parser.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, StringField
from wtforms.fields import HiddenField

from shop.core.burmese import unicode_burmese
from shop.core.numbers import parse_whole_number
from shop.core.text import normalize_text

_NOT_TYPED_TEXT = (PasswordField, HiddenField)


def takes_typed_text(field_class: type) -> bool:
    """Whether a field of this class takes text a person types (and so is normalised)."""
    return issubclass(field_class, StringField) and not issubclass(field_class, _NOT_TYPED_TEXT)


class ShopForm(FlaskForm):
    """A FlaskForm whose text fields are normalised and refuse Zawgyi (see the module)."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            if takes_typed_text(type(field)):
                field.filters = (normalize_text, *field.filters)
                if unicode_burmese not in field.validators:
                    field.validators = [*field.validators, unicode_burmese]
            return field


class WholeNumberField(IntegerField):
    """An integer field read by ``core.numbers.parse_whole_number`` (Thai and Burmese digits,
    "1,250"); a parse error says ``invalid_value_message`` when given, as WTForms' own does."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_whole_number(valuelist[0])
        except ValueError as exc:
            self.data = None
            raise ValueError(
                self.invalid_value_message or self.gettext("Not a valid integer value.")
            ) from exc
