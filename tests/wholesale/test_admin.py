"""The provincial office decides on applications: approve with terms, reject with a reason,
suspend and reactivate; each is mailed in the partner's language and written to the audit log."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.extensions import db
from shop.platform.models import AuditEntry
from shop.wholesale.models import PartnerShop, PartnerShopStatus, PaymentTerms
from tests.cart.builders import flashes, log_in, text_of
from tests.wholesale.conftest import audit_actions, translated

SIGNATURE = "Ranong Cooperative Coffee"  # every partner mail ends with it, translated


@pytest.fixture
def office(client, partners):
    log_in(client, partners.admin.email)
    return client


def state(partner: PartnerShop) -> tuple:
    db.session.refresh(partner)
    return (
        partner.status,
        partner.price_list_id,
        partner.payment_terms,
        partner.credit_limit_satang,
        partner.require_po_number,
    )


def test_the_queue_shows_applications_waiting_first(office, partners):
    page = text_of(office.get("/admin/partners?lang=en"))

    names = re.findall(r'<th scope="row"><a href="/admin/partners/\d+">([^<]+)</a>', page)
    assert names[0] == "Pyi Taw Win Grocery"
    assert set(names) == {
        p.name for p in (partners.a, partners.b, partners.waiting, partners.suspended)
    }
    assert "Application waiting" in page


def test_the_office_approves_an_application_on_net_15_with_a_credit_limit(
    office, partners, mailbox
):
    waiting = partners.waiting
    response = office.post(
        f"/admin/partners/{waiting.id}/approve?lang=en",
        data={
            "price_list": str(partners.price_list.id),
            "payment_terms": "net_15",
            "credit_limit": "150,000",
            "require_po_number": "y",
        },
    )

    assert response.status_code == 302
    assert state(waiting) == (
        PartnerShopStatus.APPROVED,
        partners.price_list.id,
        PaymentTerms.NET_15,
        15_000_000,
        True,
    )
    assert waiting.approved_by_id == partners.admin.id
    assert waiting.approved_at is not None
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.actor_id, entry.entity_type, entry.entity_id) == (
        "partner.approve",
        partners.admin.id,
        "PartnerShop",
        waiting.id,
    )
    assert entry.details["credit_limit_satang"] == 15_000_000
    assert entry.details["payment_terms"] == "net_15"
    [mail] = mailbox
    assert mail.to == ["admin-waiting@example.org"]
    assert mail.subject == translated(
        "%(partner)s is approved for wholesale", "my", partner="Pyi Taw Win Grocery"
    )
    assert translated(SIGNATURE, "my") in mail.body
    assert "Kawthaung partners" in mail.body
    assert "http://localhost/wholesale/account" in mail.body
    page = text_of(office.get(response.headers["Location"] + "?lang=en"))
    assert "Pyi Taw Win Grocery is approved; its partner admin was mailed." in page
    log = text_of(office.get("/admin/audit?group=partners&lang=en"))
    assert (
        f'<a href="/admin/partners/{waiting.id}">Approved Pyi Taw Win Grocery for wholesale</a>'
        in log
    )


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"payment_terms": "prepaid", "credit_limit": "5000"}, "leave the credit limit at 0"),
        ({"payment_terms": "net_30", "credit_limit": "0"}, "needs a credit limit above 0"),
        ({"payment_terms": "net_7", "credit_limit": "lots"}, "Enter an amount in baht"),
        ({"payment_terms": "net_7", "credit_limit": "-5"}, "Enter an amount in baht"),
        ({"payment_terms": "net_7", "credit_limit": "12.345"}, "Enter an amount in baht"),
        ({"payment_terms": "net_7", "credit_limit": "10000001"}, "from 0 to 10,000,000 baht"),
        ({"payment_terms": "net_7", "credit_limit": ""}, "Enter a credit limit in baht"),
        ({"payment_terms": "net_60", "credit_limit": "100"}, "Not a valid choice."),
        ({"price_list": "old", "credit_limit": "0"}, "Choose an active price list."),
        ({"price_list": "999999", "credit_limit": "0"}, "Choose an active price list."),
    ],
)
def test_terms_that_do_not_hold_together_are_refused_and_change_nothing(
    office, partners, mailbox, form, message
):
    waiting = partners.waiting
    before = state(waiting)
    if form.get("price_list") == "old":
        form = form | {"price_list": str(partners.old_list.id)}

    response = office.post(
        f"/admin/partners/{waiting.id}/approve?lang=en",
        data={"payment_terms": "prepaid", **form},
    )

    assert response.status_code == 422
    assert message in text_of(response)
    assert state(waiting) == before
    assert audit_actions() == []
    assert mailbox == []


def test_the_office_rejects_with_a_reason_the_applicant_reads_in_their_language(
    office, partners, mailbox
):
    waiting = partners.waiting  # mails in Burmese
    for refused in ({"reason": ""}, {"reason": "other", "note": " "}, {"reason": "nonsense"}):
        response = office.post(f"/admin/partners/{waiting.id}/reject?lang=th", data=refused)
        assert response.status_code == 422, refused
    assert audit_actions() == []

    response = office.post(  # the office writes in Thai
        f"/admin/partners/{waiting.id}/reject?lang=th",
        data={"reason": "not_verified", "note": "เลขทะเบียนไม่ตรงกับชื่อกิจการ"},
    )

    assert response.status_code == 302
    assert state(waiting)[0] == PartnerShopStatus.REJECTED
    assert (waiting.rejection_reason_code, waiting.rejection_reason) == (
        "not_verified",
        "เลขทะเบียนไม่ตรงกับชื่อกิจการ",
    )
    assert audit_actions() == ["partner.reject"]
    [mail] = mailbox
    assert mail.to == ["admin-waiting@example.org"]
    assert translated("We could not verify the business registration.", "my") in mail.body
    assert "เลขทะเบียนไม่ตรงกับชื่อกิจการ" in mail.body  # the note, marked as the shop's words
    assert translated(SIGNATURE, "my") in mail.body
    office.post("/account/logout")
    log_in(office, "admin-waiting@example.org")
    page = text_of(office.get("/wholesale/account?lang=en"))
    assert "Your application was not approved." in page
    assert "We could not verify the business registration." in page
    assert "Note from the shop (in its own words): เลขทะเบียนไม่ตรงกับชื่อกิจการ" in page


def test_suspension_and_reactivation_are_mailed_and_audited(office, partners, mailbox):
    b = partners.b  # mails in Thai

    office.post(f"/admin/partners/{b.id}/suspend?lang=en")

    assert state(b)[0] == PartnerShopStatus.SUSPENDED
    [mail] = mailbox
    assert mail.to == ["admin-b@example.org"]
    assert mail.subject == translated(
        "The wholesale account of %(partner)s is suspended", "th", partner=b.name
    )
    assert translated(SIGNATURE, "th") in mail.body

    office.post(f"/admin/partners/{b.id}/reactivate?lang=en")

    assert state(b)[0] == PartnerShopStatus.APPROVED
    assert mailbox[1].subject == translated(
        "The wholesale account of %(partner)s is active again", "th", partner=b.name
    )
    assert audit_actions() == ["partner.suspend", "partner.reactivate"]


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("waiting", "suspend"),
        ("waiting", "reactivate"),
        ("a", "reactivate"),
        ("a", "reject"),
        ("suspended", "suspend"),
        ("a", "approve"),
    ],
)
def test_a_change_that_does_not_fit_the_status_is_refused(office, partners, mailbox, who, action):
    partner = getattr(partners, who)
    before = state(partner)

    response = office.post(
        f"/admin/partners/{partner.id}/{action}?lang=en",
        data={"reason": "incomplete", "payment_terms": "prepaid", "credit_limit": "0"},
    )

    assert response.status_code == 302
    assert ("error", "This cannot be done in the partner's present status.") in flashes(
        office.get(response.headers["Location"] + "?lang=en")
    )
    assert state(partner) == before
    assert audit_actions() == []
    assert mailbox == []


def test_an_approved_partners_terms_change_and_are_audited(office, partners, mailbox):
    a = partners.a
    response = office.post(
        f"/admin/partners/{a.id}/terms?lang=en",
        data={
            "price_list": str(a.price_list_id),
            "payment_terms": "net_30",
            "credit_limit": "฿50,000.50",
        },
    )

    assert response.status_code == 302
    assert state(a)[2:4] == (PaymentTerms.NET_30, 5_000_050)
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.action == "partner.terms"
    assert entry.details["changes"] == {
        "payment_terms": ["prepaid", "net_30"],
        "credit_limit_satang": [0, 5_000_050],
    }
    page = text_of(office.get(f"/admin/partners/{a.id}?lang=en"))
    assert 'value="50000.50"' in page
    assert mailbox == []


def test_a_partner_keeps_a_list_that_was_made_inactive_when_its_terms_change(office, partners):
    a = partners.a
    a.price_list = partners.old_list
    db.session.commit()

    page = text_of(office.get(f"/admin/partners/{a.id}?lang=en"))
    assert "Old list (inactive)" in page
    response = office.post(
        f"/admin/partners/{a.id}/terms?lang=en",
        data={
            "price_list": str(partners.old_list.id),
            "payment_terms": "prepaid",
            "credit_limit": "0",
            "require_po_number": "y",
        },
    )
    assert response.status_code == 302
    assert state(a)[1] == partners.old_list.id
    assert state(a)[4] is True


@pytest.mark.parametrize("path", ["/admin/partners/999999", "/admin/price-lists/999999"])
def test_unknown_ids_are_not_found(office, path):
    assert office.get(path).status_code == 404
