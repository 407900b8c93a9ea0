"""A reason given to a buyer or partner reads in the reader's language (shop.core.reasons)."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from shop.core.reasons import reason_text
from shop.orders.reasons import SELLER_ORDER_CANCELLATION


def test_the_code_is_worded_for_each_reader_and_the_note_is_marked_as_written(app_ctx):
    wording = "The goods were damaged and cannot be sent."
    for lang in ("th", "en", "my"):
        with force_locale(lang):
            text = reason_text(SELLER_ORDER_CANCELLATION.name, "damaged", "กล่องเปียกน้ำ")
            assert text.startswith(gettext(wording))
            assert text.endswith(
                gettext("Note from the shop (in its own words): %(note)s", note="กล่องเปียกน้ำ")
            )


def test_a_reason_given_before_codes_reads_as_a_note_and_nothing_reads_as_nothing(app_ctx):
    with force_locale("en"):
        assert reason_text(SELLER_ORDER_CANCELLATION.name, None, "ไม่พบยอดโอน") == (
            "Note from the shop (in its own words): ไม่พบยอดโอน"
        )
        assert reason_text(SELLER_ORDER_CANCELLATION.name, "withdrawn-code", " ") == ""
        assert reason_text(SELLER_ORDER_CANCELLATION.name, "other", "") == ""
