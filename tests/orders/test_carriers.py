"""A Thailand Post number of the right shape with a wrong check digit is refused saying so
(shop.orders.carriers), not with a description of the shape it already has."""

from __future__ import annotations

import pytest

from shop.orders.carriers import TrackingNumberRefused, check_tracking_number


def test_a_wrong_check_digit_is_named_as_such():
    with pytest.raises(TrackingNumberRefused) as refused:
        check_tracking_number("thailand-post", "EB123456780TH")
    message = str(refused.value)
    assert "check digit is wrong" in message
    assert "EB123456780TH" in message
    assert "2 letters, 9 digits and TH" not in message


def test_a_wrong_shape_is_still_described_by_its_shape():
    with pytest.raises(TrackingNumberRefused) as refused:
        check_tracking_number("thailand-post", "EB12345TH")
    assert "2 letters, 9 digits and TH" in str(refused.value)
