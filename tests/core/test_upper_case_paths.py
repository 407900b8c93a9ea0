"""An address typed in capitals (caps lock, a phone's capital first letter) leads to the page
of the same address in lower case (shop.core.urls.canonical_address)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("typed", "page"),
    [
        ("/SELLER/", "/seller"),
        ("/Seller", "/seller"),
        ("/ADMIN", "/admin"),
        ("/Products?q=Robusta&lang=en", "/products?q=Robusta&lang=en"),
        ("/CART/", "/cart"),
    ],
)
def test_an_address_in_capitals_leads_to_the_lower_case_page(client, typed, page):
    response = client.get(typed)

    assert response.status_code == 308
    assert response.location == page


@pytest.mark.parametrize("typed", ["/NOTHING-HERE", "/Seller/Nothing", "//EVIL.example/"])
def test_an_unknown_address_in_capitals_is_still_not_found(client, typed):
    response = client.get(typed)

    assert response.status_code != 308
    assert "evil" not in (response.location or "").lower()


def test_a_page_that_says_not_found_itself_is_not_sent_to_lower_case(client, session):
    # An order token has capitals; an unknown one is a 404 of the page, not an address to fold.
    response = client.get("/orders/AbCdEfGhIjKlMnOp")

    assert response.status_code == 404
