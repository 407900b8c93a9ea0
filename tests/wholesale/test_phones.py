"""Partner phone numbers: Myanmar or Thai, kept in E.164, ambiguous local numbers refused."""

import pytest

from shop.wholesale.phones import PhoneError, display_phone, partner_phone_number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("09 423 318 765", "+959423318765"),  # Myanmar mobile, written locally
        ("၀၉ ၄၂၃ ၃၁၈ ၇၆၅", "+959423318765"),  # with Burmese digits
        ("+95 9 423 318 765", "+959423318765"),
        ("0095-9-423-318-765", "+959423318765"),
        ("(059) 51274", "+955951274"),  # a Kawthaung landline
        ("+66 81 234 5678", "+66812345678"),  # a Thai mobile, with its country code
        ("+๖๖ ๘๑ ๒๓๔ ๕๖๗๘", "+66812345678"),  # with Thai digits
        ("077 811 234", "+6677811234"),  # a Ranong landline: valid in Thailand only
    ],
)
def test_myanmar_and_thai_numbers_are_kept_in_international_form(typed, stored):
    assert partner_phone_number(typed) == stored


@pytest.mark.parametrize("typed", ["", "12345", "abc", "+1 202 555 0100", "+44 20 7946 0958"])
def test_other_numbers_are_refused(typed):
    with pytest.raises(PhoneError) as refused:
        partner_phone_number(typed)
    assert not refused.value.ambiguous


def test_a_local_number_valid_in_both_countries_needs_its_country_code():
    with pytest.raises(PhoneError) as refused:
        partner_phone_number("081 234 5678")
    assert refused.value.ambiguous


def test_stored_numbers_read_grouped():
    assert display_phone("+66812345678") == "+66 81 234 5678"
    assert display_phone("+955951274") == "+95 59 51 274"
    assert display_phone("not a number") == "not a number"
