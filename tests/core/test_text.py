"""Text that looks the same is stored and searched the same (shop.core.text).

Each pair is a spelling people type (or paste) and the spelling the shop keeps: they render
alike, so a search for one must find the other.
"""

from __future__ import annotations

import pytest

from shop.core.text import normalize_text

ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"
NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
MAI_EK, MAI_THO, SARA_II, SARA_U = "\u0e48", "\u0e49", "\u0e35", "\u0e38"

EQUIVALENT = [
    # invisible characters (the examples)
    (f"กาแฟ{ZWSP}", "กาแฟ"),
    (f"ชาใบ{ZWSP}กาแฟ", "ชาใบกาแฟ"),
    (f"ชาใบ{ZWNJ}กาแฟ", "ชาใบกาแฟ"),
    (f"ชาใบ{ZWJ}กาแฟ", "ชาใบกาแฟ"),
    (f"ชาใบ{WJ}กาแฟ", "ชาใบกาแฟ"),
    (f"{BOM}กาแฟ", "กาแฟ"),
    (f"cof{SHY}fee", "coffee"),
    ("กาแฟ\u200eดำ", "กาแฟดำ"),  # a left-to-right mark pasted from elsewhere
    # SARA AM typed as NIKHAHIT + SARA AA, with the tone mark anywhere around it
    (f"กาแฟด{NIKHAHIT}{SARA_AA}", f"กาแฟด{SARA_AM}"),
    (f"น{NIKHAHIT}{MAI_THO}{SARA_AA}", f"น{MAI_THO}{SARA_AM}"),  # น้ำ
    (f"น{MAI_THO}{NIKHAHIT}{SARA_AA}", f"น{MAI_THO}{SARA_AM}"),
    (f"น{NIKHAHIT}{SARA_AA}{MAI_THO}", f"น{MAI_THO}{SARA_AM}"),
    (f"น{SARA_AM}{MAI_THO}", f"น{MAI_THO}{SARA_AM}"),
    # tone marks typed before the vowel they sit on
    (f"ท{MAI_EK}{SARA_II}", f"ท{SARA_II}{MAI_EK}"),  # ที่
    (f"ก{MAI_EK}{SARA_U}", f"ก{SARA_U}{MAI_EK}"),
    (f"ก{SARA_AA}{MAI_THO}", f"ก{MAI_THO}{SARA_AA}"),  # ก้า, tone typed after SARA AA
    ("ป\u0e4b\u0e38ย", "ป\u0e38\u0e4bย"),  # ปุ๋ย, tone typed before SARA U
    # SARA E twice for SARA AE, LAKKHANGYAO for SARA AA, a mark typed twice
    ("\u0e40\u0e40ฟ", "แฟ"),
    ("กๅแฟ", "กาแฟ"),
    (f"ดี{SARA_II}", "ดี"),
    (f"ก{MAI_EK}{MAI_EK}", f"ก{MAI_EK}"),
    # decomposed Latin letters (a Mac's file names, some keyboards)
    ("cafe\u0301", "caf\u00e9"),
]

UNCHANGED = [
    "แร่นองกาแฟ 3 อิน 1",
    "น้ำผึ้งป่า",
    "ฤๅษี",  # LAKKHANGYAO belongs after ฤ
    "นาาา",  # a doubled vowel people see is theirs to keep
    "กาแฟ  ดำ",  # and so are their spaces
    "အနက်ရောင်လှော် ရိုဘတ်စတာ",
    "Beans from our members' farms.\n\n**Strong**",
    "👨\u200d👩\u200d👧",  # the joiner in an emoji sequence draws the family
    "",
]


@pytest.mark.parametrize(("typed", "kept"), EQUIVALENT)
def test_spellings_that_look_the_same_become_one(typed, kept):
    assert typed != kept
    assert normalize_text(typed) == kept
    assert normalize_text(kept) == kept


@pytest.mark.parametrize("text", UNCHANGED)
def test_what_a_reader_can_see_is_left_alone(text):
    assert normalize_text(text) == text


@pytest.mark.parametrize("value", [None, 5, b"bytes"])
def test_non_text_passes_through(value):
    assert normalize_text(value) is value
