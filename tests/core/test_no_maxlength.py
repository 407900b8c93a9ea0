"""No text box of the shop has a ``maxlength`` attribute: a browser silently cuts text pasted
or typed past it, and the cut value is what gets saved without a word (a partner's long key
name or webhook address). The server checks the length instead, says "Please use at most N
characters." and gives back what was typed, to be shortened."""

from __future__ import annotations

import re
from pathlib import Path

from wtforms import StringField, TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

import shop
from shop.core.forms import ShopForm, at_most
from tests.core.test_number_bounds import _every_form_class

TEMPLATES = Path(shop.__file__).parent / "templates"


class _NoteForm(ShopForm):
    class Meta:
        csrf = False

    name = StringField("Name", validators=[at_most(5)])
    note = TextAreaField("Note", validators=[Length(max=5)], render_kw={"maxlength": 5})


def test_a_shop_form_renders_no_maxlength_even_when_a_template_asks(app):
    with app.test_request_context("/?lang=en"):
        form = _NoteForm(data={"name": "Som", "note": "Dao"})
        html = [str(form.name()), str(form.name(maxlength=5)), str(form.note())]

    assert all("maxlength" not in piece for piece in html), html
    assert 'value="Som"' in html[0]


def test_a_too_long_value_is_refused_in_the_shops_words_and_kept(app):
    with app.test_request_context("/?lang=en", method="POST", data={"name": "Somchai"}):
        form = _NoteForm()
        assert not form.validate()
        assert form.name.errors == ["Please use at most 5 characters."]
        assert 'value="Somchai"' in str(form.name())


def test_every_form_with_a_length_limit_is_a_shop_form():
    limited = []
    for form_class in _every_form_class():
        for name in dir(form_class):
            field = getattr(form_class, name, None)
            if not isinstance(field, UnboundField):
                continue
            validators = field.kwargs.get("validators") or (field.args[1:2] or [[]])[0]
            if any(isinstance(v, Length) for v in validators or ()):
                limited.append(form_class)
    assert len(limited) >= 10
    assert [f for f in limited if not issubclass(f, ShopForm)] == []


def test_no_template_writes_maxlength():
    found = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in TEMPLATES.rglob("*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"maxlength", line, re.IGNORECASE)
    ]
    assert found == []
