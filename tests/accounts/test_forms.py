"""The small rules behind the forms: Thai phone numbers, safe redirects, Thai sorting."""

import pytest

from shop.accounts.forms import province_choices, thai_phone_number, thai_sort_key
from shop.accounts.views import safe_next


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0812345678", "0812345678"),
        ("081-234-5678", "0812345678"),
        (" 02 123 4567 ", "021234567"),
        ("+66 81 234 5678", "0812345678"),
        ("+6621234567", "021234567"),
        ("၀၈၁၂၃၄၅၆၇၈", "0812345678"),
        ("812345678", None),
        ("08123456789", None),
        ("+66081234567", None),
        ("+95 9 123 4567", None),
        ("081234567a", None),
        ("", None),
    ],
)
def test_thai_phone_numbers(typed, number):
    assert thai_phone_number(typed) == number


@pytest.mark.parametrize(
    ("target", "allowed"),
    [
        ("/products?q=coffee", True),
        ("/", True),
        ("", False),
        (None, False),
        ("//evil.example", False),
        ("///evil.example", False),
        ("/\\evil.example", False),
        ("http://evil.example/", False),
        ("https:evil.example", False),
        ("/\nLocation: evil", False),
        ("products", False),
    ],
)
def test_only_local_paths_are_followed(target, allowed):
    assert safe_next(target) == (target if allowed else None)


def test_thai_words_sort_by_their_first_consonant():
    assert thai_sort_key("เชียงใหม่") > thai_sort_key("ชุมพร")
    assert thai_sort_key("เชียงใหม่") < thai_sort_key("ตรัง")


def test_there_are_77_provinces_in_each_language():
    for lang in ("th", "en", "my"):
        assert len(province_choices(lang)) == 77
