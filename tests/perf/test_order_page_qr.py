"""The PromptPay QR on the order page is drawn once and kept: each order's QR still encodes its
own amount, in every language, however often the page is opened."""

from __future__ import annotations

import re

from shop.payments.promptpay import payload, qr_svg
from tests.orders.buying import buy
from tests.payments.test_transfer import _modules_of, _qr_modules


def _qr_of(client, order, lang: str) -> str:
    page = client.get(f"/orders/{order.token}?lang={lang}").get_data(as_text=True)
    [svg] = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    return svg


def test_each_order_page_shows_the_qr_of_its_own_amount_every_time(app, client, coffee_shop):
    small = buy(client, (coffee_shop.robusta, 1))
    large = buy(client, (coffee_shop.robusta, 2), (coffee_shop.cashews, 1))
    assert small.total_satang != large.total_satang
    promptpay_id = app.config["PROMPTPAY_ID"]

    for order in (small, large, small, large):  # opened again: the kept drawings
        svg = _qr_of(client, order, "en")
        assert _qr_modules(svg) == _modules_of(payload(promptpay_id, order.total_satang))

    thai = _qr_of(client, large, "th")
    burmese = _qr_of(client, large, "my")
    assert _qr_modules(thai) == _qr_modules(burmese) == _qr_modules(_qr_of(client, large, "en"))
    assert thai != burmese  # the title (read by screen readers) is in the page's language


def test_a_kept_drawing_is_the_same_drawing():
    data = payload("0812345678", 106_550)
    assert qr_svg(data, "PromptPay QR code for ฿1,065.50") is qr_svg(
        data, "PromptPay QR code for ฿1,065.50"
    )
    assert qr_svg(payload("0812345678", 106_551), "t") != qr_svg(data, "t")
