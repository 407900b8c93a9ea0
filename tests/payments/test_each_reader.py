"""Each reader of an order reads it in their own language and calendar (issue 11, items 7-9).

The order is placed at 19:16 on 29 November 2026 in Ranong (12:16 UTC) and must be paid within
a day. A Thai reader dates by the Buddhist era (2569), an English reader reads day, month and
year with a 24-hour clock (never "11/30/26, 7:16 PM"), a Burmese reader gets Burmese month names
and digits; every time is Ranong's.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from flask_babel import force_locale, gettext
from PIL import Image, ImageDraw
from sqlalchemy import select

from shop.payments.models import Payment
from tests.cart.builders import text_of

PLACED = datetime(2026, 11, 29, 12, 16, tzinfo=UTC)  # 19:16 in Ranong

# placed on, pay by, and what the reader must not see.
DATES = {
    "th": ("29 พ.ย. 2569", "30 พ.ย. 2569 19:16 น.", ["พ.ย. 2026", "30/11/69"]),
    "en": ("29 Nov 2026", "30 Nov 2026, 19:16", ["11/30/26", "7:16 PM", "Nov 29, 2026"]),
    "my": ("၂၀၂၆ နိုဝင်ဘာ ၂၉", "၂၀၂၆ နိုဝင်ဘာ ၃၀ ၁၉:၁၆", ["2026 နို", "30/11/26"]),
}


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_the_order_page_and_mail_date_the_order_in_the_readers_calendar(
    client, session, place_order, mailbox, lang
):
    placed_on, pay_by, wrong = DATES[lang]
    with time_machine.travel(PLACED, tick=False):
        placed = place_order(client, "transfer", lang=lang)
        page = text_of(client.get(placed.url))

    assert placed_on in page
    assert pay_by in page
    assert not [text for text in [*wrong, "12:16"] if text in page]  # nor UTC's clock
    [mail] = [m for m in mailbox if m.to == [placed.order.email]]
    assert pay_by in mail.body
    assert not [text for text in wrong if text in mail.body]


# --- item 8: the account a buyer transfers to ----------------------------------------------

ACCOUNT = {
    "th": ("ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.)", "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า"),
    "en": ("Bank for Agriculture and Agricultural Cooperatives (BAAC)", "Ranong BAAC Clients'"),
    "my": ("စိုက်ပျိုးရေးနှင့် စိုက်ပျိုးရေးသမဝါယမ ဘဏ် (BAAC)", "ရနောင်း BAAC ဖောက်သည်များ"),
}


def _bank_details(page: str) -> dict[str, str]:
    block = re.search(r'<dl class="bank-details">(.*?)</dl>', page, re.S).group(1)
    pairs = re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block, re.S)
    return {term: re.sub(r"<[^>]+>", " ", value).strip() for term, value in pairs}


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_the_transfer_page_names_the_bank_and_the_account_in_the_readers_language(
    app, client, session, place_order, lang
):
    bank, holder = ACCOUNT[lang]
    placed = place_order(client, "transfer", lang=lang)

    details = _bank_details(text_of(client.get(placed.url)))

    with force_locale(lang):
        bank_term, name_term = gettext("Bank"), gettext("Account name")
    assert details[bank_term] == bank
    assert details[name_term].startswith(holder)
    assert "BAAC (ธ.ก.ส.) Ranong branch" not in details[bank_term]
    if lang == "th":
        assert "Cooperative" not in details[name_term]
    else:  # what the buyer's Thai banking app will show before they confirm, to compare
        assert app.config["BANK_ACCOUNT_NAME_TH"] in details[name_term]


def test_a_bank_written_out_by_hand_is_shown_as_written(app, client, session, place_order):
    saved = app.config["BANK_NAME"]
    app.config["BANK_NAME"] = "Ranong Credit Union (สหกรณ์ออมทรัพย์)"
    try:
        placed = place_order(client, "transfer", lang="en")
        details = _bank_details(text_of(client.get(placed.url)))
    finally:
        app.config["BANK_NAME"] = saved
    assert details["Bank"] == "Ranong Credit Union (สหกรณ์ออมทรัพย์)"


# --- item 7: a rejected slip's reason --------------------------------------------------------

THAI_NOTE = "ไม่พบยอดโอนนี้ในบัญชีของร้าน"


def test_a_slip_rejected_on_a_thai_page_reads_in_english_for_an_english_buyer(
    app, client, session, place_order, platform_admin, login, mailbox
):
    placed = place_order(client, "transfer", lang="en")
    slip = client.post(
        f"{placed.url}/slip",
        data={"slip": (io.BytesIO(_slip_png()), "slip.png")},
        content_type="multipart/form-data",
    )
    assert slip.status_code == 302
    admin = app.test_client()
    admin.set_cookie("lang", "th")
    login(admin, platform_admin.email)
    payment_id = session.scalars(
        select(Payment.id).where(Payment.order_id == placed.order.id)
    ).one()
    mailbox.clear()

    choices = text_of(admin.post(f"/admin/payments/{payment_id}/reject?lang=th"))
    with force_locale("th"):
        assert gettext("We did not find this transfer in the shop's bank account.") in choices
    admin.post(
        f"/admin/payments/{payment_id}/reject?lang=th",
        data={"reason": "not_found", "note": THAI_NOTE, "confirmed": "1"},
    )

    [mail] = mailbox
    assert (
        "Reason: We did not find this transfer in the shop's bank account. "
        f"Note from the shop (in its own words): {THAI_NOTE}"
    ) in mail.body
    page = text_of(client.get(f"{placed.url}?lang=en"))
    assert "We did not find this transfer in the shop's bank account." in page
    assert f"Note from the shop (in its own words): {THAI_NOTE}" in page


def _slip_png() -> bytes:
    image = Image.new("RGB", (720, 1280), "white")
    ImageDraw.Draw(image).text((60, 260), "Transfer successful  1,065.00 THB", fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
