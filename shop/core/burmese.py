"""Burmese text: legacy Zawgyi-encoded input is detected (Google's myanmartools) and refused
with an explanation in Burmese.

Zawgyi reuses Unicode's Myanmar code points for other letters, so such text looks right only
with a Zawgyi font and is garbled (and unsearchable) everywhere else: on a packing slip, on
the staff's screens, in a search. No converter on PyPI is both kept up and proven on our test
strings (docs/decisions.md), so the writer is asked to switch the keyboard and retype it.
Every form field that takes text checks it (``core.forms.ShopForm``), and so does the
storefront search (``catalog.services.CatalogueQuery``).
"""

from __future__ import annotations

import re

from flask import has_request_context
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from myanmartools import ZawgyiDetector
from wtforms.validators import ValidationError

ZAWGYI_THRESHOLD = 0.95
_detector = ZawgyiDetector()

# A sign that the text cannot be Unicode Burmese, in Zawgyi's typing order (the detector's
# score alone is above the threshold for short Unicode words such as "ငါး", "ငါးခု", "၍", "၏",
# which read the same in both encodings):
# - the vowel sign E (U+1031) typed before its consonant, i.e. not after a consonant, medial
#   or stacked letter ("ေရ", "ေကာ္ဖီ");
# - the medial RA sign (U+103B, ျ) typed before its consonant ("ျမန္မာ");
# - the virama (U+1039), Zawgyi's asat, not followed by a consonant to stack ("ထုပ္");
# - Zawgyi's own glyph code points U+1060–U+1097 (stacked and variant letters, "ၾက", "ၿပီ").
_ZAWGYI_SIGN = re.compile(
    "(?:^|(?<![\u1000-\u102a\u103b-\u103f\u104e\u1050-\u1055]))\u1031"
    "|(?:^|(?<![\u1000-\u102a\u103f\u104e]))\u103b"
    "|\u1039(?![\u1000-\u1021])"
    "|[\u1060-\u1097]"
)

ZAWGYI_MESSAGE = _l(
    "This Burmese text looks like Zawgyi; please retype it with a Unicode keyboard: on "
    "Android, Gboard's “Myanmar (Unicode)”; on an iPhone, the Burmese keyboard; on a "
    "computer, Pyidaungsu or Myanmar3. Zawgyi text is garbled on other phones and on our "
    "packing slips."
)


def looks_like_zawgyi(text: str | None) -> bool:
    """Whether Burmese text is in the legacy Zawgyi encoding (myanmartools' detector).

    True when the detector's score is above :data:`ZAWGYI_THRESHOLD` *and* the text holds a
    spelling Unicode Burmese cannot have (``_ZAWGYI_SIGN``): short Unicode words that read the
    same in both encodings ("ငါး", "၍") are not refused. False for text without Myanmar
    letters (Thai, English, digits). Never raises.
    """
    if not text or not isinstance(text, str) or not _ZAWGYI_SIGN.search(text):
        return False
    return _detector.get_zawgyi_probability(text) > ZAWGYI_THRESHOLD


def zawgyi_message() -> str:
    """How to switch the keyboard to Unicode: in Burmese, which whoever types Zawgyi reads,
    followed in brackets by the page's language when the page is not Burmese."""
    here = str(ZAWGYI_MESSAGE)
    if not has_request_context() or str(get_locale()) == "my":
        return here
    with force_locale("my"):
        burmese = str(ZAWGYI_MESSAGE)
    return here if burmese == here else f"{burmese} ({here})"


def unicode_burmese(form, field) -> None:
    """WTForms validator: refuses Zawgyi-encoded text with ``zawgyi_message()``."""
    if looks_like_zawgyi(field.data):
        raise ValidationError(zawgyi_message())
