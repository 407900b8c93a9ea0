"""Searches read Thai and Burmese digits as digits (shop.core.text.search_key and
digit_spellings), while stored names keep the digits they were written with."""

from __future__ import annotations

from shop.core.text import digit_spellings, normalize_text, search_key


def test_a_search_key_writes_thai_and_burmese_digits_as_ascii():
    assert search_key("RNC-3IN1-๑๐") == "RNC-3IN1-10"
    assert search_key(" rnc-3in1-၁၀ ") == "rnc-3in1-10"
    assert search_key(None) == ""


def test_a_term_is_searched_in_every_digit_script():
    assert digit_spellings("๓in1") == ["3in1", "๓in๑", "၃in၁"]
    assert digit_spellings("3-မျိုးစပ်") == ["3-မျိုးစပ်", "๓-မျိုးစပ်", "၃-မျိုးစပ်"]
    assert digit_spellings("coffee") == ["coffee"]


def test_stored_names_keep_their_digits():
    assert normalize_text("၃-မျိုးစပ်") == "၃-မျိုးစပ်"
