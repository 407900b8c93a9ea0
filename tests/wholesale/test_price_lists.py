"""The office keeps price lists: a name and a discount off retail, active or not."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.extensions import db
from shop.pricing.models import PriceList
from tests.cart.builders import log_in, text_of
from tests.wholesale.conftest import audit_actions


@pytest.fixture
def office(client, partners):
    log_in(client, partners.admin.email)
    return client


def lists() -> dict[str, tuple[int, bool]]:
    db.session.expire_all()
    return {p.name: (p.discount_bp, p.is_active) for p in db.session.scalars(select(PriceList))}


def test_the_office_adds_and_edits_a_price_list(office, partners):
    response = office.post(
        "/admin/price-lists/new?lang=en",
        data={"name": "Kawthaung volume", "discount": "20", "is_active": "y"},
    )

    assert response.status_code == 302
    assert lists()["Kawthaung volume"] == (2000, True)
    volume = db.session.scalars(select(PriceList).where(PriceList.name == "Kawthaung volume")).one()
    page = text_of(office.get("/admin/price-lists?lang=en"))
    assert "The price list Kawthaung volume was added." in page
    assert "Kawthaung volume" in page
    assert "20 %" in page

    office.post(
        f"/admin/price-lists/{volume.id}?lang=en",
        data={"name": "Kawthaung volume", "discount": "17.5"},  # the box unticked: inactive
    )

    assert lists()["Kawthaung volume"] == (1750, False)
    assert 'value="17.5"' in text_of(office.get(f"/admin/price-lists/{volume.id}?lang=en"))
    assert audit_actions() == ["price_list.create", "price_list.update"]
    # An inactive list is not offered when approving a partner.
    page = text_of(office.get(f"/admin/partners/{partners.waiting.id}?lang=en"))
    assert "Kawthaung partners" in page
    assert "Kawthaung volume" not in page


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "", "discount": "10"}, "This field is required."),
        (
            {"name": "kawthaung PARTNERS", "discount": "10"},
            "Another price list already has this name.",
        ),
        ({"name": "New", "discount": "fifty"}, "Enter a percentage from 0 to 50"),
        ({"name": "New", "discount": "55"}, "Enter a percentage from 0 to 50"),
        ({"name": "New", "discount": "-1"}, "Enter a percentage from 0 to 50"),
        ({"name": "New", "discount": "12.345"}, "Enter a percentage from 0 to 50"),
        ({"name": "x" * 121, "discount": "10"}, "120"),
    ],
)
def test_bad_price_lists_are_explained_and_not_saved(office, partners, form, message):
    before = lists()

    response = office.post("/admin/price-lists/new?lang=en", data=form)

    assert response.status_code == 200
    assert message in text_of(response)
    assert lists() == before
    assert audit_actions() == []


def test_the_list_shows_how_many_partners_use_each(office, partners):
    page = text_of(office.get("/admin/price-lists?lang=en"))
    row = page.split("Kawthaung partners")[1].split("</tr>")[0]
    assert "15 %" in row
    assert ">1<" in row  # partner A
