"""Shipping with a carrier from the list (issue 11, item 14): the form starts on the carrier of
the buyer's shipping method, a tracking number must be one of that carrier's numbers (a
tracking number typed as the carrier, or a Thailand Post number with a wrong check digit, is
refused), and the buyer's tracking number links to the carrier's page."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.extensions import db
from shop.orders.carriers import (
    CARRIERS,
    TrackingNumberRefused,
    carrier_for_shipping,
    check_tracking_number,
    s10_check_digit,
)
from shop.orders.models import SellerOrder
from shop.platform.audit_log import describe
from shop.platform.models import AuditEntry
from tests.cart.builders import text_of
from tests.seller.conftest import part_of


def _reload(part_id: int) -> SellerOrder:
    db.session.expire_all()
    return db.session.get(SellerOrder, part_id)


def _selected_carrier(page: str) -> str | None:
    select_html = re.search(r'<select[^>]*name="carrier".*?</select>', page, re.S).group(0)
    chosen = re.search(
        r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select_html
    )
    return next((g for g in chosen.groups() if g is not None), None) if chosen else None


@pytest.fixture
def packing(staff_client, market, place, pay):
    """La-un's part of an order shipped by the method the buyer chose, being packed."""

    def run(method) -> SellerOrder:
        order = place(**{f"shipping-{market.shop.la_un.id}": method.id})
        pay(order)
        part = part_of(order, market.shop.la_un)
        assert staff_client.post(f"/seller/orders/{part.id}/pack").status_code == 302
        return part

    return run


# --- the carriers' formats ----------------------------------------------------------------------


def test_the_s10_check_digit_is_the_upus():
    assert s10_check_digit("47312482") == 9  # UPU S10's own example, RA473124829GB
    assert s10_check_digit("12345678") == 5
    assert s10_check_digit("99999999") == 5  # 11 → 5
    assert s10_check_digit("02000000") == 0  # 10 → 0


@pytest.mark.parametrize(
    ("carrier", "typed", "stored"),
    [
        ("thailand-post", "EF123456785TH", "EF123456785TH"),
        ("thailand-post", "ef 1234 5678 5 th", "EF123456785TH"),
        ("thailand-post", "EF๑๒๓๔๕๖๗๘๕TH", "EF123456785TH"),
        ("kerry-express", "SHP-4001-234567", "SHP4001234567"),
        ("flash-express", "TH0147ABCD12A", "TH0147ABCD12A"),
        ("jt-express", "8200 1234 5678", "820012345678"),
        ("ninja-van", "NVTHRNCOFFEE0001234", "NVTHRNCOFFEE0001234"),
        ("scg-express", "80012345678", "80012345678"),
    ],
)
def test_each_carriers_numbers_are_accepted_as_printed(carrier, typed, stored):
    found, number = check_tracking_number(carrier, typed)
    assert (found.code, number) == (carrier, stored)


@pytest.mark.parametrize(
    ("carrier", "typed"),
    [
        ("thailand-post", "EF123456789TH"),  # wrong check digit
        ("thailand-post", "Thailand Post"),
        ("thailand-post", "SHP4001234567"),  # a Kerry number
        ("kerry-express", "EF123456785TH"),  # a Thailand Post number
        ("jt-express", "0812345678"),  # a phone number
        ("flash-express", "Flash"),
        ("not-a-carrier", "EF123456785TH"),
    ],
)
def test_a_number_not_of_the_carriers_kind_is_refused(carrier, typed):
    with pytest.raises(TrackingNumberRefused):
        check_tracking_number(carrier, typed)


@pytest.mark.parametrize(
    ("code", "names", "carrier"),
    [
        ("thailand-post-ems", ("ไปรษณีย์ไทย EMS",), "thailand-post"),
        ("method-3", ("Kerry Express",), "kerry-express"),
        ("flash-express", (), "flash-express"),
        ("pickup", ("Pick up at the cooperative",), None),
    ],
)
def test_a_shipping_method_names_its_carrier(code, names, carrier):
    found = carrier_for_shipping(code, *names)
    assert (found.code if found else None) == carrier


def test_every_carrier_has_a_tracking_page_with_the_number():
    for carrier in CARRIERS:
        assert carrier.url_for(carrier.example).startswith("https://")
        assert carrier.example in carrier.url_for(carrier.example)
        assert carrier.accepts(carrier.example), carrier.code


# --- the seller's page and the buyer's ----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "carrier"), [("la_un_post", "thailand-post"), ("la_un_express", "kerry-express")]
)
def test_the_ship_form_starts_on_the_buyers_shipping_choice(
    staff_client, market, packing, method, carrier
):
    part = packing(getattr(market.shop, method))

    page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))

    assert _selected_carrier(page) == carrier
    assert '<select id="carrier" name="carrier"' in page or 'name="carrier"' in page


def test_a_tracking_number_typed_as_the_carrier_is_refused(staff_client, market, packing, mailbox):
    part = packing(market.shop.la_un_post)
    mailbox.clear()

    response = staff_client.post(
        f"/seller/orders/{part.id}/ship?lang=en",
        data={"carrier": "EF123456785TH", "tracking_number": "EF123456785TH"},
    )

    assert response.status_code == 400
    assert "Please choose the carrier from the list." in text_of(response)
    assert _reload(part.id).status == "packing"
    assert mailbox == []


def test_a_number_of_another_kind_is_refused_with_what_the_carriers_look_like(
    staff_client, market, packing, mailbox
):
    part = packing(market.shop.la_un_post)
    mailbox.clear()

    response = staff_client.post(
        f"/seller/orders/{part.id}/ship?lang=en",
        data={"carrier": "thailand-post", "tracking_number": "SHP4001234567"},
    )

    assert response.status_code == 400
    assert (
        "A Thailand Post tracking number is 2 letters, 9 digits and TH, for example "
        "EF582621152TH." in text_of(response)
    )
    assert _reload(part.id).status == "packing"
    assert mailbox == []


def test_the_buyer_follows_the_parcel_on_the_carriers_page(
    app, staff_client, buyer, market, packing, mailbox
):
    part = packing(market.shop.la_un_post)
    mailbox.clear()

    shipped = staff_client.post(
        f"/seller/orders/{part.id}/ship?lang=en",
        data={"carrier": "thailand-post", "tracking_number": "ef 123456785 th"},
    )

    assert shipped.status_code == 302
    part = _reload(part.id)
    assert (part.carrier, part.tracking_number) == ("thailand-post", "EF123456785TH")
    url = "https://track.thailandpost.co.th/?trackNumber=EF123456785TH"
    page = buyer.get(f"/orders/{part.order.token}?lang=en").get_data(as_text=True)
    assert re.search(rf'<a href="{re.escape(url)}"[^>]*>EF123456785TH</a>', page)
    assert "Tracking: Thailand Post" in text_of(buyer.get(f"/orders/{part.order.token}?lang=en"))
    [mail] = [m for m in mailbox if m.to == ["malee@example.org"]]
    assert "Carrier: Thailand Post" in mail.body
    assert url in mail.body
    seller_page = text_of(staff_client.get(f"/seller/orders/{part.id}?lang=en"))
    assert "Tracking: Thailand Post" in seller_page
    assert re.search(rf'<a href="{re.escape(url)}"[^>]*>EF123456785TH</a>', seller_page)
    entry = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "seller_order.status")
        .order_by(AuditEntry.id.desc())
    ).first()
    with app.test_request_context("/?lang=en"):
        sentence = describe(entry)
    assert sentence == (
        f"Shipped order {part.order.number} with Thailand Post, tracking number EF123456785TH"
    )
