"""PromptPay QR payloads (EMVCo / Thai QR Payment) and their SVG.

The expected payloads are published examples of the standard, from the test suite of the widely
used ``promptpay-qr`` library; a banking app reads exactly these strings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from shop.payments.promptpay import crc16, payload, qr_svg

SVG = "{http://www.w3.org/2000/svg}"

PUBLISHED = [
    pytest.param(
        "0801234567",
        None,
        "00020101021129370016A000000677010111011300668012345675802TH530376463046197",
        id="phone",
    ),
    pytest.param(
        "+66-89-123-4567",
        None,
        "00020101021129370016A000000677010111011300668912345675802TH5303764630429C1",
        id="phone-international",
    ),
    pytest.param(
        "1111111111111",
        None,
        "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A",
        id="national-id",
    ),
    pytest.param(
        "0123456789012",
        None,
        "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD",
        id="tax-id",
    ),
    pytest.param(
        "000-000-0000",
        422,
        "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469",
        id="phone-with-4.22-baht",
    ),
]


def _fields(data: str) -> dict[str, str]:
    """Split a payload into its top-level TLV fields (tag -> value)."""
    fields, i = {}, 0
    while i < len(data):
        tag, length = data[i : i + 2], int(data[i + 2 : i + 4])
        fields[tag] = data[i + 4 : i + 4 + length]
        i += 4 + length
    return fields


@pytest.mark.parametrize(("promptpay_id", "amount_satang", "expected"), PUBLISHED)
def test_payload_matches_the_published_examples(promptpay_id, amount_satang, expected):
    assert payload(promptpay_id, amount_satang) == expected


@pytest.mark.parametrize("expected", [example.values[2] for example in PUBLISHED])
def test_the_last_four_characters_are_the_crc_of_everything_before(expected):
    assert crc16(expected[:-4]) == expected[-4:]


def test_an_amount_makes_a_dynamic_qr_with_the_amount_in_baht():
    data = payload("0812345678", 106_550)

    fields = _fields(data)
    assert fields["01"] == "12"  # dynamic: the banking app fills the amount in
    assert fields["54"] == "1065.50"
    assert fields["53"] == "764"
    assert fields["58"] == "TH"
    assert _fields(payload("0812345678"))["01"] == "11"
    assert "54" not in _fields(payload("0812345678"))


@pytest.mark.parametrize(
    "bad_id",
    ["", "abc", "12345", "081234567", "1234567890", "551234567890", "+1 415 555 0100"],
)
def test_something_that_is_not_a_promptpay_id_is_refused(bad_id):
    with pytest.raises(ValueError, match="PromptPay"):
        payload(bad_id, 10_000)


@pytest.mark.parametrize("amount_satang", [0, -100])
def test_a_qr_for_nothing_or_less_is_refused(amount_satang):
    with pytest.raises(ValueError, match="positive"):
        payload("0812345678", amount_satang)


def test_the_svg_is_well_formed_and_titled_for_screen_readers():
    title = "PromptPay QR code for ฿1,065.50 <Ranong & Co>"

    svg = qr_svg(payload("0812345678", 106_550), title)

    root = ET.fromstring(svg)  # raises if the markup is not well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == title
    assert root.find(f".//{SVG}path") is not None
    assert not svg.startswith("<?xml")  # inline in a page
