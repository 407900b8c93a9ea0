"""A cooperative that is not VAT-registered has no VAT in its prices: the cart, the checkout and
the order page show a VAT part for the VAT-registered cooperatives' goods only (each computed as
its receipt computes it), and say which cooperative issues receipts only. An order keeps what
it showed when it was placed, whatever the cooperative's registration later."""

from __future__ import annotations

import re

from shop.catalog.models import Cooperative
from shop.core.money import vat_part
from shop.extensions import db
from tests.cart.builders import text_of, totals
from tests.orders.buying import read_checkout

NOTE = "is not VAT-registered: its prices contain no VAT and it issues receipts, not tax invoices."


def summary_of(html: str, css: str = "cart-summary") -> dict[str, str]:
    return totals(
        re.search(rf'<(section|aside) class="card {css}.*?</(section|aside)>', html, re.S)[0]
    )


def test_cart_checkout_and_order_page_show_vat_only_for_the_vat_registered_cooperative(
    app, client, sellers, place_order
):
    browsing = app.test_client()
    browsing.set_cookie("lang", "en")
    for variant_id, quantity in sellers.cart:
        browsing.post("/cart/add", data={"variant_id": variant_id, "quantity": quantity})
    cart = text_of(browsing.get("/cart?lang=en"))
    # North's goods and shipping (฿770) carry VAT; south's (฿295) do not: 77,000 × 7/107.
    assert summary_of(cart)["Total"] == "฿1,065"
    assert summary_of(cart)["of which VAT 7%"] == "฿50.37"
    assert f"Suk Samran Coffee Women's Group {NOTE}" in cart

    checkout = text_of(read_checkout(browsing, "en")[0])
    north_total = 68_000 + sellers.north_shipping_satang
    assert summary_of(checkout, "cart-summary checkout-summary")["of which VAT 7%"] == "฿50.37"
    assert vat_part(north_total) == 5_037
    assert NOTE in checkout

    placed = place_order(client, payment_method="transfer", lang="en")
    page = text_of(client.get(f"{placed.url}?lang=en"))
    assert summary_of(page)["of which VAT 7%"] == "฿50.37"  # not 7/107 of the whole ฿1,065
    assert NOTE in page

    # The north cooperative leaves the VAT register: the order placed before is unchanged.
    north = db.session.get(Cooperative, sellers.north_coop_id)
    north.vat_registered = False
    db.session.commit()
    assert summary_of(text_of(client.get(f"{placed.url}?lang=en")))["of which VAT 7%"] == "฿50.37"
    # A cart of its goods from now on shows no VAT at all.
    assert "of which VAT 7%" not in summary_of(text_of(browsing.get("/cart?lang=en")))


def test_a_cart_of_goods_without_vat_shows_no_vat_line(client, sellers):
    client.post("/cart/add", data={"variant_id": sellers.honey_id, "quantity": 1})
    summary = summary_of(text_of(client.get("/cart?lang=en")))
    assert "of which VAT 7%" not in summary
    assert summary["Total"] == "฿295"  # ฿250 and ฿45 shipping
