"""Documents write totals in Thai words as a Thai accountant writes them (through num2words),
with English beside them, and date Thai documents by the Buddhist era; Burmese documents keep
Western digits (docs/decisions.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shop.documents.wording import (
    baht_in_english_words,
    baht_in_thai_words,
    document_date,
    document_money,
)


@pytest.mark.parametrize(
    ("satang", "thai", "english"),
    [
        (120_000, "หนึ่งพันสองร้อยบาทถ้วน", "One thousand, two hundred baht only"),
        (77_000, "เจ็ดร้อยเจ็ดสิบบาทถ้วน", "Seven hundred and seventy baht only"),
        (5_037, "ห้าสิบบาทสามสิบเจ็ดสตางค์", "Fifty baht and thirty-seven satang"),
        (2_100, "ยี่สิบเอ็ดบาทถ้วน", "Twenty-one baht only"),
        (10_100, "หนึ่งร้อยเอ็ดบาทถ้วน", "One hundred and one baht only"),
        (5, "ห้าสตางค์", "Five satang"),
        (100_000_000, "หนึ่งล้านบาทถ้วน", "One million baht only"),
    ],
)
def test_amounts_in_words(satang, thai, english):
    assert baht_in_thai_words(satang) == thai
    assert baht_in_english_words(satang) == english


def test_a_negative_amount_has_no_words():
    with pytest.raises(ValueError, match="negative"):
        baht_in_thai_words(-1)


def test_document_dates_in_each_language(app):
    with app.app_context():
        # 17:30 UTC on 29 November is already 30 November in Ranong.
        moment = datetime(2026, 11, 29, 17, 30, tzinfo=UTC)
        assert document_date(moment, "th") == "30 พฤศจิกายน พ.ศ. 2569"
        assert document_date(moment, "en") == "30 November 2026"
        assert document_date(date(2026, 11, 30), "my") == "2026 နိုဝင်ဘာ 30"
        assert document_money(123_450) == "฿1,234.50"
