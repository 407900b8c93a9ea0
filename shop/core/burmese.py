"""Burmese text: legacy Zawgyi-encoded input is detected (Google's myanmartools) and refused.

Zawgyi reuses Unicode's Myanmar code points for other letters, so such text looks right only
with a Zawgyi font and is garbled (and unsearchable) everywhere else. No converter on PyPI is
trusted to rewrite people's text silently, so the writer is asked to retype it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from myanmartools import ZawgyiDetector
from wtforms.validators import ValidationError

ZAWGYI_THRESHOLD = 0.95
_detector = ZawgyiDetector()

ZAWGYI_MESSAGE = _l(
    "This Burmese text looks like Zawgyi; please retype it with a Unicode keyboard "
    "(e.g. Myanmar3/Pyidaungsu)"
)


def looks_like_zawgyi(text: str | None) -> bool:
    """Whether Burmese text is in the legacy Zawgyi encoding (myanmartools' detector)."""
    if not text:
        return False
    return _detector.get_zawgyi_probability(text) > ZAWGYI_THRESHOLD


def unicode_burmese(form, field) -> None:
    """WTForms validator: refuses Zawgyi-encoded text with ZAWGYI_MESSAGE."""
    if looks_like_zawgyi(field.data):
        raise ValidationError(ZAWGYI_MESSAGE)
