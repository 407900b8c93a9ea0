"""The office adds, edits, suspends and reactivates cooperatives, and invites their owners."""

import pytest
from sqlalchemy import select

from shop.accounts.models import MembershipRole
from shop.catalog.models import Cooperative, CooperativeStatus, RanongDistrict
from shop.extensions import db
from shop.platform.cooperatives import commission_percent, parse_commission
from shop.platform.models import AuditEntry, Invitation
from tests.cart.builders import text_of
from tests.factories import CooperativeFactory, ProductFactory
from tests.platform.builders import log_in_admin

FORM = {
    "slug": "kra-buri-coffee",
    "name_th": "สหกรณ์การเกษตรกระบุรี จำกัด",
    "name_en": "Kra Buri Agricultural Cooperative",
    "name_my": "ကြာဘူရီ စိုက်ပျိုးရေး သမဝါယမ",
    "story_th": "กาแฟโรบัสต้าจากเนินเขา",
    "story_en": "Hill-grown robusta.",
    "story_my": "တောင်ကုန်း ရိုဘတ်စတာ",
    "address_th": "หมู่ 3 ตำบลน้ำจืด",
    "address_en": "Moo 3, Nam Chuet",
    "address_my": "",
    "district": "kra-buri",
    "phone": "077 123 456",
    "email": "Office@KraBuri.example.org",
    "bank_name": "ธ.ก.ส.",
    "bank_account_name": "สหกรณ์การเกษตรกระบุรี จำกัด",
    "bank_account_number": "020-1-23456-789",
    "promptpay_id": "๐๘๑ ๒๓๔ ๕๖๗๘",
    "commission": "5.5",
}


def audit_actions():
    return [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


@pytest.mark.parametrize(
    ("typed", "basis_points"),
    [("5", 500), ("5.5", 550), ("0", 0), ("50", 5000), ("7.25", 725), ("5,5 %", 550)],
)
def test_a_commission_in_percent_becomes_basis_points(typed, basis_points):
    assert parse_commission(typed) == basis_points


@pytest.mark.parametrize("typed", ["", "abc", "-1", "50.01", "60", "5.555", "NaN", "Infinity"])
def test_commissions_outside_0_to_50_percent_are_refused(typed):
    with pytest.raises(ValueError, match="percentage|range"):
        parse_commission(typed)


def test_commission_percent_reads_back_as_typed():
    assert [commission_percent(bp) for bp in (500, 550, 725, 0)] == ["5", "5.5", "7.25", "0"]


def test_the_office_adds_a_cooperative_with_its_settlement_details(client, session):
    admin = log_in_admin(client)
    response = client.post("/admin/cooperatives/new?lang=en", data=FORM)
    assert response.status_code == 302
    coop = db.session.scalars(select(Cooperative).where(Cooperative.slug == FORM["slug"])).one()
    assert coop.name_en == "Kra Buri Agricultural Cooperative"
    assert coop.district == RanongDistrict.KRA_BURI
    assert coop.status == CooperativeStatus.ACTIVE
    assert coop.email == "office@kraburi.example.org"
    assert coop.bank_account_number == "020123456789"
    assert coop.promptpay_id == "0812345678"
    assert coop.commission_bp == 550
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.actor_id, entry.cooperative_id) == (
        "cooperative.create",
        admin.id,
        coop.id,
    )
    page = text_of(client.get(response.headers["Location"] + "?lang=en"))
    assert "Kra Buri Agricultural Cooperative was added." in page
    assert 'value="5.5"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("commission", "60", "Enter a percentage from 0 to 50"),
        ("commission", "5.555", "Enter a percentage from 0 to 50"),
        ("commission", "five", "Enter a percentage from 0 to 50"),
        ("name_th", "", "This field is required."),
        ("slug", "Kra Buri!", "Use a-z, 0-9 and dashes only."),
        ("bank_account_number", "12345", "An account number has 10 to 15 digits."),
        ("promptpay_id", "12345", "Use a 10-digit mobile number or a 13-digit ID."),
        ("email", "not-an-email", "Invalid email address."),
        ("district", "bangkok", "Not a valid choice."),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_created(client, session, field, value, message):
    log_in_admin(client)
    response = client.post("/admin/cooperatives/new?lang=en", data={**FORM, field: value})
    assert response.status_code == 200
    assert message in text_of(response)
    assert 'aria-invalid="true"' in response.text
    assert db.session.scalars(select(Cooperative)).all() == []
    assert audit_actions() == []


def test_a_slug_already_in_use_is_refused(client, session):
    CooperativeFactory(slug="kra-buri-coffee")
    log_in_admin(client)
    response = client.post("/admin/cooperatives/new?lang=en", data=FORM)
    assert response.status_code == 200
    assert "Another cooperative already uses this web address." in text_of(response)
    assert len(db.session.scalars(select(Cooperative)).all()) == 1


def test_the_office_edits_names_settlement_and_commission(client, session):
    coop = CooperativeFactory(slug="la-un", commission_bp=500)
    log_in_admin(client)
    page = client.get(f"/admin/cooperatives/{coop.id}?lang=en")
    assert page.status_code == 200
    assert 'value="5"' in page.text
    data = {k: v for k, v in FORM.items() if k != "slug"}
    data.update(name_en="La-un Robusta Growers", commission="7", bank_account_number="")
    response = client.post(f"/admin/cooperatives/{coop.id}?lang=en", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert coop.slug == "la-un"  # the web address stays
    assert coop.name_en == "La-un Robusta Growers"
    assert coop.commission_bp == 700
    assert coop.bank_account_number == ""
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.action == "cooperative.update"
    assert entry.details["changes"]["commission_bp"] == ["500", "700"]
    assert "The changes were saved." in text_of(client.get(response.headers["Location"]))


def test_a_bad_commission_on_edit_changes_nothing(client, session):
    coop = CooperativeFactory(slug="la-un", commission_bp=500, name_en="La-un Growers")
    log_in_admin(client)
    data = {k: v for k, v in FORM.items() if k != "slug"}
    response = client.post(
        f"/admin/cooperatives/{coop.id}?lang=en", data={**data, "commission": "51"}
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert (coop.commission_bp, coop.name_en) == (500, "La-un Growers")
    assert audit_actions() == []


def test_suspending_hides_the_products_at_once_and_reactivating_brings_them_back(client, session):
    product = ProductFactory(slug="la-un-robusta", name_en="La-un Robusta")
    coop = product.cooperative
    log_in_admin(client)
    assert "La-un Robusta" in client.get("/products?lang=en").text
    assert client.get("/products/la-un-robusta?lang=en").status_code == 200

    response = client.post(f"/admin/cooperatives/{coop.id}/suspend?lang=en")
    assert response.status_code == 302
    assert "its products left the shop" in text_of(client.get(response.headers["Location"]))
    assert "La-un Robusta" not in client.get("/products?lang=en").text
    assert client.get("/products/la-un-robusta?lang=en").status_code == 404

    client.post(f"/admin/cooperatives/{coop.id}/reactivate")
    assert "La-un Robusta" in client.get("/products?lang=en").text
    assert client.get("/products/la-un-robusta?lang=en").status_code == 200
    assert audit_actions() == ["cooperative.suspend", "cooperative.reactivate"]


def test_suspending_twice_records_it_once(client, session):
    coop = CooperativeFactory()
    log_in_admin(client)
    client.post(f"/admin/cooperatives/{coop.id}/suspend")
    client.post(f"/admin/cooperatives/{coop.id}/suspend")
    assert audit_actions() == ["cooperative.suspend"]


def test_the_office_invites_a_cooperatives_owner_by_mail(client, session, mailbox):
    coop = CooperativeFactory(name_en="La-un Growers")
    admin = log_in_admin(client)
    response = client.post(
        f"/admin/cooperatives/{coop.id}/invite?lang=en", data={"email": "Somchai@La-un.example.org"}
    )
    assert response.status_code == 302
    invitation = db.session.scalars(select(Invitation)).one()
    assert (invitation.email, invitation.role, invitation.cooperative_id) == (
        "somchai@la-un.example.org",
        MembershipRole.OWNER,
        coop.id,
    )
    assert invitation.invited_by_id == admin.id
    assert [m.to for m in mailbox] == [["somchai@la-un.example.org"]]
    assert "http://localhost/account/invitation/" in mailbox[0].body
    assert audit_actions() == ["staff.invite"]
    page = text_of(client.get(response.headers["Location"]))
    assert "We sent an invitation to somchai@la-un.example.org." in page
    assert "somchai@la-un.example.org" in page


def test_a_bad_invitation_email_sends_nothing(client, session, mailbox):
    coop = CooperativeFactory()
    log_in_admin(client)
    client.post(f"/admin/cooperatives/{coop.id}/invite?lang=en", data={"email": "nope"})
    assert mailbox == []
    assert db.session.scalars(select(Invitation)).all() == []


def test_an_unknown_cooperative_is_not_found(client, session):
    log_in_admin(client)
    assert client.get("/admin/cooperatives/999").status_code == 404
    assert client.post("/admin/cooperatives/999/suspend").status_code == 404
