"""The one normaliser of people's text: what looks the same is stored and searched the same.

``normalize_text`` runs over every text a form takes (``core.forms.ShopForm``), every search
query and the seller's product texts, so that stored text and queries meet in one spelling.
It changes nothing a reader can see:

- Unicode NFC (a precomposed letter and its decomposed spelling become one);
- invisible format characters are removed: zero-width space and non-joiner, word joiner,
  BOM, soft hyphen, direction marks and embeddings (a zero-width joiner stays only where it
  joins emoji);
- Thai spellings that render alike become the one in the standard typing order:
  NIKHAHIT + SARA AA → SARA AM (also with a tone mark typed in between or before),
  a tone mark or THANTHAKHAT typed before an above or below vowel goes after it,
  a tone mark typed after a following vowel (SARA AA, SARA AM) goes before it,
  SARA E + SARA E → SARA AE, LAKKHANGYAO after a consonant → SARA AA, and a vowel sign or
  tone mark typed twice in a row (drawn on top of itself) is kept once.

Digits are kept as typed ("၃-မျိုးစပ်" is shown with its Burmese digit). Searches compare them
as digits: ``search_key`` writes Thai and Burmese digits as 0–9 (for ASCII-only keys such as
SKUs and order numbers), and ``digit_spellings`` gives a query term in each of the three digit
scripts, so a search for "3-မျိုးစပ်" finds a name stored as "၃-မျိုးစပ်" and "๓in1" finds
"3in1" (docs/decisions.md).

The Thai rules are those of PyThaiNLP's ``pythainlp.util.normalize`` (``reorder_vowels``,
``remove_repeat_vowels``, ``remove_zw``; Apache-2.0), restricted to what is invisible: doubled
following vowels ("นาาา") and spaces are left alone, since people see them. PyThaiNLP itself is
not a dependency: see docs/decisions.md.
"""

from __future__ import annotations

import re
import unicodedata

from shop.core.numbers import ascii_digits

# Thai character classes (Unicode block U+0E00–U+0E7F), as PyThaiNLP names them.
_ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d\u0e47"  # incl. NIKHAHIT, MAITAIKHU
_BELOW_VOWELS = "\u0e38\u0e39"
_TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
_THANTHAKHAT = "\u0e4c"
_FOLLOW_VOWELS = "\u0e30\u0e32\u0e33"  # SARA A, SARA AA, SARA AM
_NIKHAHIT, _SARA_AA, _SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
_SARA_E, _SARA_AE, _LAKKHANGYAO = "\u0e40", "\u0e41", "\u0e45"
_RU_LU = "\u0e24\u0e26"  # ฤ ฦ: the only letters LAKKHANGYAO belongs after (ฤๅ, ฦๅ)

# Format characters that draw nothing. U+200D (ZWJ) is handled apart: emoji need it.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_LONE_JOINER = re.compile("\u200d(?![\U0001f000-\U0001faff\u2600-\u27bf])")

_THAI_RULES = [
    (re.compile(f"{_SARA_E}{_SARA_E}"), _SARA_AE),
    (
        re.compile(f"([{_TONE_MARKS}{_THANTHAKHAT}]+)([{_ABOVE_VOWELS}{_BELOW_VOWELS}]+)"),
        r"\2\1",
    ),
    (re.compile(f"{_NIKHAHIT}([{_TONE_MARKS}]*){_SARA_AA}"), rf"\1{_SARA_AM}"),
    (re.compile(f"([{_FOLLOW_VOWELS}]+)([{_TONE_MARKS}]+)"), r"\2\1"),
    (re.compile(f"([^{_RU_LU}]){_LAKKHANGYAO}"), rf"\1{_SARA_AA}"),
    (re.compile(f"([{_ABOVE_VOWELS}{_BELOW_VOWELS}{_TONE_MARKS}{_THANTHAKHAT}\u0e3a])\\1+"), r"\1"),
]
_THAI = re.compile("[\u0e00-\u0e7f]")

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_BURMESE = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")


def normalize_text(text: str | None) -> str | None:
    """The text in its one stored and searched spelling (see the module docstring).

    Takes and returns ``str``; None and other values (str enums too) pass through unchanged;
    never raises.
    Idempotent: ``normalize_text(normalize_text(t)) == normalize_text(t)``.
    """
    if type(text) is not str or not text:  # None, numbers and str enums pass through
        return text
    text = unicodedata.normalize("NFC", text)
    text = _LONE_JOINER.sub("", _INVISIBLE.sub("", text))
    if _THAI.search(text):
        for pattern, replacement in _THAI_RULES:
            text = pattern.sub(replacement, text)
        text = unicodedata.normalize("NFC", text)  # below vowels before tone marks again
    return text


def search_key(text: str | None) -> str:
    """``text`` as searches compare it: normalised (``normalize_text``), stripped, and with
    Thai (๐–๙) and Burmese (၀–၉) digits written 0–9 (``core.numbers.ascii_digits``:
    "RNC-3IN1-๑๐" → "RNC-3IN1-10").
    For keys stored in ASCII (SKUs, order numbers); never for text that is displayed.
    None gives ""; never raises.
    """
    if type(text) is not str:
        return ""
    return ascii_digits(normalize_text(text)) or ""


def digit_spellings(term: str) -> list[str]:
    """A search term written with each of the digit scripts people store names in: Western,
    Thai and Burmese ("๓in1" → ["3in1", "๓in๑", "၃in၁"]; a name mixing scripts in one term,
    "๓in1", is found by that spelling only); just ``[term]`` when it has no such
    digit. Matching any of them finds a stored name whatever digits it was written with."""
    key = ascii_digits(term) or term
    if not any(ch in "0123456789" for ch in key):
        return [term]
    return list(dict.fromkeys([key, key.translate(_TO_THAI), key.translate(_TO_BURMESE)]))
