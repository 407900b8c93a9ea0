"""No page renders <input type=number> (Chromium drops Thai and Burmese digits typed into one):
number boxes are text boxes with a numeric keyboard, read by shop.core.numbers."""

from __future__ import annotations

import re
from pathlib import Path

from wtforms import Form

from shop.core.forms import WholeNumberField

TEMPLATES = Path(__file__).resolve().parents[2] / "shop" / "templates"
NUMBER_INPUT = re.compile(r"""type\s*=\s*["']?number\b""", re.I)


def test_no_template_has_a_number_input():
    found = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if NUMBER_INPUT.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_whole_number_field_renders_a_numeric_text_box():
    class Quantity(Form):
        quantity = WholeNumberField()

    html = Quantity()["quantity"]()
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert not NUMBER_INPUT.search(html)
    assert "pattern" not in html


def test_the_whole_number_field_reads_burmese_and_thai_digits():
    class Quantity(Form):
        quantity = WholeNumberField()

    from werkzeug.datastructures import MultiDict

    assert Quantity(MultiDict({"quantity": "၁၂"})).quantity.data == 12
    assert Quantity(MultiDict({"quantity": "๓"})).quantity.data == 3
