"""The base of every form in the shop: typed text is normalised and checked for Zawgyi.

Every text field of a ``ShopForm`` (``StringField`` and its kinds: text areas, search, phone,
email; not passwords, hidden or file fields) first passes ``core.text.normalize_text`` and is
then refused when it is Zawgyi-encoded Burmese (``core.burmese.unicode_burmese``). A form
gets this by deriving from ``ShopForm`` instead of ``FlaskForm``; no field has to ask.

No field is rendered with a ``maxlength`` attribute (``ShopForm.Meta.render_field``): a
browser silently cuts text pasted or typed past it, and the cut value is what gets saved. The
server checks the length instead (``at_most``: "Please use at most N characters.") and the
page comes back with what was typed, for the person to shorten.

``WholeNumberField`` is the integer field of every form: it reads digits through
``core.numbers``, the one number parser. Its bounds are checked by ``Bounded``, whose message
always names the real bounds ("from 1 to 1,000,000"), never only one side of them.
"""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, StringField
from wtforms.fields import HiddenField
from wtforms.validators import Length, NumberRange, ValidationError
from wtforms.widgets import TextInput

from shop.core.burmese import unicode_burmese
from shop.core.numbers import parse_whole_number
from shop.core.text import normalize_text

_NOT_TYPED_TEXT = (PasswordField, HiddenField)


def takes_typed_text(field_class: type) -> bool:
    """Whether a field of this class takes text a person types (and so is normalised)."""
    return issubclass(field_class, StringField) and not issubclass(field_class, _NOT_TYPED_TEXT)


def at_most(max_length: int) -> Length:
    """At most ``max_length`` characters: "Please use at most N characters." otherwise."""
    return Length(
        max=max_length,
        message=_l("Please use at most %(max)s characters.", max=max_length),
    )


class ShopForm(FlaskForm):
    """A FlaskForm whose text fields are normalised and refuse Zawgyi, and are rendered
    without ``maxlength`` (see the module)."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            if takes_typed_text(type(field)):
                field.filters = (normalize_text, *field.filters)
                if unicode_burmese not in field.validators:
                    field.validators = [*field.validators, unicode_burmese]
            return field

        def render_field(self, field, render_kw):
            # WTForms writes maxlength from every Length(max=...) (field flags) unless the
            # attribute is given: False writes none, whatever a template or render_kw asks.
            return super().render_field(field, {**render_kw, "maxlength": False})


class NumericTextInput(TextInput):
    """``<input type="text" inputmode="numeric">``: a phone shows its digit keyboard, and
    Thai (๐–๙) and Burmese (၀–၉) digits typed on a desktop keyboard reach the server, which
    ``<input type="number">`` drops in Chromium (the box stays empty). Bounds are checked on
    the server (``Bounded``); no ``pattern``, which would refuse those digits or "1,250"."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("inputmode", "numeric")
        return super().__call__(field, **kwargs)


class WholeNumberField(IntegerField):
    """An integer field read by ``core.numbers.parse_whole_number`` (Thai and Burmese digits,
    "1,250"); a parse error says ``invalid_value_message`` when given, as WTForms' own does.
    Rendered as a text input with a numeric keyboard (``NumericTextInput``)."""

    widget = NumericTextInput()

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


class Bounded(NumberRange):
    """A number from ``min`` to ``max`` (either may be None: no bound on that side).

    The message names the bounds the field really has, formatted for the reader
    (``1,000,000``): "Enter a whole number from 1 to 1,000,000." by default. A field's own
    ``message`` says what the number is and must use ``%(min)s`` and ``%(max)s`` for the bounds
    it has (tests/core/test_number_bounds.py checks every form of the shop). Being a
    NumberRange, it also gives the ``<input>`` its ``min`` and ``max`` attributes.
    """

    def __init__(self, min=None, max=None, message=None):
        if min is None and max is None:
            raise ValueError("Bounded needs a min or a max")
        super().__init__(min=min, max=max, message=message)

    def __call__(self, form, field) -> None:
        data = field.data
        if (
            data is not None
            and data == data  # not NaN
            and (self.min is None or data >= self.min)
            and (self.max is None or data <= self.max)
        ):
            return
        raise ValidationError(self.describe())

    def describe(self) -> str:
        """The message, with the bounds formatted in the reader's language."""
        if self.message is not None:
            message = self.message
        elif self.max is None:
            message = _l("Enter a whole number of at least %(min)s.")
        elif self.min is None:
            message = _l("Enter a whole number of at most %(max)s.")
        else:
            message = _l("Enter a whole number from %(min)s to %(max)s.")
        bounds = {
            "min": format_decimal(self.min) if self.min is not None else "",
            "max": format_decimal(self.max) if self.max is not None else "",
        }
        return str(message) % bounds
