"""The seller of record: the office and the cooperative's owner set the name, tax ID, branch,
address and VAT registration the cooperative's receipts carry; a tax ID must pass its check
digit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.accounts.models import MembershipRole
from shop.catalog.models import Cooperative
from shop.documents.seller_of_record import (
    format_tax_id,
    is_valid_tax_id,
    normalise_tax_id,
    tax_id_check_digit,
)
from shop.extensions import db
from shop.platform.models import AuditEntry
from tests.cart.builders import log_in, text_of
from tests.documents.conftest import ADDRESS_TH, LEGAL_NAME_EN, LEGAL_NAME_TH, TAX_ID
from tests.factories import CooperativeFactory
from tests.platform.builders import log_in_admin, staff_of
from tests.platform.test_cooperatives import FORM

SELLER = {
    "legal_name_th": LEGAL_NAME_TH,
    "legal_name_en": LEGAL_NAME_EN,
    "tax_id": "0-9940-00165-51-0",
    "branch_code": "00000",
    "registered_address_th": ADDRESS_TH,
    "registered_address_en": "",
    "vat_registered": "y",
}


def test_the_check_digit_is_the_revenue_departments_mod_11():
    assert tax_id_check_digit(TAX_ID[:12]) == 0
    assert is_valid_tax_id(TAX_ID)
    # One digit changed, or two swapped, fails the check.
    assert not is_valid_tax_id("0994000165511")
    assert not is_valid_tax_id("0994000156510")
    assert not is_valid_tax_id("099400016551")
    assert not is_valid_tax_id("099400016551a")


def test_a_tax_id_is_read_as_typed_and_printed_in_its_groups():
    assert normalise_tax_id("๐-๙๙๔๐-๐๐๑๖๕-๕๑-๐") == TAX_ID
    assert normalise_tax_id(" 0 9940 00165 51 0 ") == TAX_ID
    assert format_tax_id(TAX_ID) == "0-9940-00165-51-0"


def _admin_edit(client, cooperative, **changes):
    data = {k: v for k, v in {**FORM, **SELLER, **changes}.items() if k != "slug"}
    return client.post(f"/admin/cooperatives/{cooperative.id}?lang=en", data=data)


def test_the_office_sets_the_seller_of_record(client, session):
    coop = CooperativeFactory()
    log_in_admin(client)

    response = _admin_edit(client, coop)

    assert response.status_code == 302
    db.session.expire_all()
    coop = db.session.get(Cooperative, coop.id)
    assert (coop.legal_name_th, coop.tax_id, coop.branch_code) == (LEGAL_NAME_TH, TAX_ID, "00000")
    assert coop.registered_address_th == ADDRESS_TH
    assert coop.vat_registered is True
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.action == "cooperative.update"
    assert entry.details["changes"]["tax_id"] == ["", TAX_ID]
    page = text_of(client.get(f"/admin/cooperatives/{coop.id}?lang=en"))
    assert "Seller of record on receipts and tax invoices" in page
    assert 'value="0994000165510"' in client.get(f"/admin/cooperatives/{coop.id}").text


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"tax_id": "0994000165511"}, "tax_id", "not a valid tax ID"),
        ({"tax_id": "12345"}, "tax_id", "not a valid tax ID"),
        ({"branch_code": "1"}, "branch_code", "5 digits"),
        ({"tax_id": ""}, "tax_id", "needs its tax ID"),
        ({"legal_name_th": ""}, "legal_name_th", "needs its legal name in Thai"),
        ({"registered_address_th": ""}, "registered_address_th", "needs its address"),
    ],
)
def test_the_office_cannot_save_a_seller_no_document_could_carry(
    client, session, changes, field, words
):
    coop = CooperativeFactory()
    log_in_admin(client)

    response = _admin_edit(client, coop, **changes)

    assert response.status_code == 200
    assert words in response.text
    assert f'id="{field}"' in response.text
    db.session.expire_all()
    assert db.session.get(Cooperative, coop.id).tax_id == ""
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_a_cooperative_not_registered_for_vat_needs_no_tax_id(client, session):
    coop = CooperativeFactory()
    log_in_admin(client)

    response = _admin_edit(client, coop, tax_id="", vat_registered="")

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Cooperative, coop.id).vat_registered is False


def test_the_owner_sets_the_seller_of_record_on_the_settings_page(client, session):
    coop = CooperativeFactory()
    owner = staff_of(coop, "owner@kraburi.example.org")
    db.session.commit()
    log_in(client, owner.email)

    response = client.post(
        "/seller/settings?lang=en",
        data={
            **SELLER,
            "tax_id": "๐๙๙๔๐๐๐๑๖๕๕๑๐",
            "branch_code": "๐๐๐๐๓",
            "wholesale_minimum": "0",
        },
    )

    assert response.status_code == 302
    db.session.expire_all()
    coop = db.session.get(Cooperative, coop.id)
    assert (coop.tax_id, coop.branch_code, coop.vat_registered) == (TAX_ID, "00003", True)
    page = client.get("/seller/settings?lang=en").text
    assert 'value="0994000165510"' in page
    assert LEGAL_NAME_TH in page


def test_the_owner_is_told_what_a_vat_registered_seller_lacks(client, session):
    coop = CooperativeFactory(vat_registered=False)
    owner = staff_of(coop, "owner@kraburi.example.org")
    db.session.commit()
    log_in(client, owner.email)

    response = client.post(
        "/seller/settings?lang=en", data={**SELLER, "tax_id": "", "wholesale_minimum": "5000"}
    )

    assert response.status_code == 422
    assert "needs its tax ID" in response.text
    db.session.expire_all()
    coop = db.session.get(Cooperative, coop.id)
    assert (coop.vat_registered, coop.wholesale_minimum_satang) == (False, 0)


def test_staff_who_are_not_owners_cannot_change_it(client, session):
    coop = CooperativeFactory()
    staff = staff_of(coop, "staff@kraburi.example.org", role=MembershipRole.STAFF)
    db.session.commit()
    log_in(client, staff.email)

    response = client.post("/seller/settings", data={**SELLER, "wholesale_minimum": "0"})

    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Cooperative, coop.id).tax_id == ""
