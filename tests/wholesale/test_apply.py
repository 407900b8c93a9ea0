"""A shop in Kawthaung applies for a wholesale account, in Burmese, Thai or English."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from shop.accounts.models import User
from shop.extensions import db
from shop.wholesale.models import PartnerMembership, PartnerRole, PartnerShop, PartnerShopStatus
from tests.cart.builders import log_in, text_of
from tests.factories import UserFactory
from tests.wholesale.conftest import audit_actions, translated

ZAWGYI = "ျမန္မာ"  # "Myanmar" typed with a Zawgyi keyboard
FORM = {
    "name": "ရွှေမြို့တော် ကုန်စုံ",
    "registration_number": "၁၀၅၇၃၃၂၆၈",  # Burmese digits, kept as ASCII
    "contact_name": "ဦးအောင်ကျော်မိုး",
    "phone": "၀၉ ၄၂၃ ၃၁၈ ၇၆၅",
    "address_line": "အမှတ် ၁၂၊ ဗိုလ်ချုပ်လမ်း",
    "ward": "ရပ်ကွက် ၂",
    "township": "ကော့သောင်း",
    "region": "MM-05",
    "postcode": "14051",
    "preferred_language": "my",
    "email": "Owner@ShweMyoTaw.example.org",
    "password": "kawthaung shop 2026",
    "confirm": "kawthaung shop 2026",
}
ACCOUNT_FIELDS = ("email", "password", "confirm")


def counts() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (PartnerShop, PartnerMembership, User)
    )


def test_a_visitor_applies_in_burmese_and_is_told_what_happens_next(
    client, session, partners, mailbox
):
    response = client.post("/wholesale/apply?lang=my", data=FORM)

    assert response.status_code == 302
    assert response.headers["Location"] == "/wholesale/account"
    partner = db.session.scalars(select(PartnerShop).where(PartnerShop.name == FORM["name"])).one()
    assert partner.status == PartnerShopStatus.PENDING
    assert (partner.contact_name, partner.phone) == ("ဦးအောင်ကျော်မိုး", "+959423318765")
    assert (partner.township, partner.region, partner.postcode) == ("ကော့သောင်း", "MM-05", "14051")
    assert partner.registration_number == "105733268"
    assert partner.preferred_language == "my"
    [membership] = partner.members
    assert membership.role == PartnerRole.PARTNER_ADMIN
    assert membership.user.email == "owner@shwemyotaw.example.org"
    assert membership.user.locale == "my"
    assert audit_actions() == ["partner.apply"]

    page = text_of(client.get("/wholesale/account?lang=my"))  # the applicant is logged in
    assert translated("What happens next", "my") in page
    assert translated("Application waiting", "my") in page
    assert translated("Thank you: your application is sent.", "my") in page

    to_applicant = [m for m in mailbox if m.to == ["owner@shwemyotaw.example.org"]]
    application = next(m for m in to_applicant if FORM["name"] in m.subject)
    assert application.subject == translated(
        "We received the wholesale application of %(partner)s", "my", partner=FORM["name"]
    )
    assert "တနင်္သာရီတိုင်းဒေသကြီး" in application.body  # the region, named in Burmese
    assert "+95 9 42331 8765" in application.body
    assert "http://localhost/wholesale/account" in application.body
    to_office = [m for m in mailbox if m.to == [partners.admin.email]]
    assert len(to_office) == 1
    assert f"/admin/partners/{partner.id}" in to_office[0].body


def test_a_logged_in_customer_applies_with_the_account_they_have(client, session, partners):
    customer = UserFactory(email="ko.min@example.org", name="Ko Min", locale="en")
    session.commit()
    log_in(client, customer.email)

    page = text_of(client.get("/wholesale/apply?lang=en"))
    assert "You apply with your account ko.min@example.org" in page
    assert 'name="password"' not in page
    response = client.post(
        "/wholesale/apply?lang=en",
        data={k: v for k, v in FORM.items() if k not in ACCOUNT_FIELDS}
        | {"phone": "+66 81 234 5678"},
    )

    assert response.status_code == 302
    membership = db.session.scalars(
        select(PartnerMembership).where(PartnerMembership.user_id == customer.id)
    ).one()
    assert membership.is_partner_admin
    assert membership.partner.phone == "+66812345678"
    assert customer.locale == "en"  # the account's own language is left alone


def test_a_partner_member_is_sent_to_the_account_page_instead_of_applying_again(
    client, session, partners
):
    log_in(client, "buyer-a@example.org")
    before = counts()

    assert client.get("/wholesale/apply?lang=en").headers["Location"] == "/wholesale/account"
    assert client.post("/wholesale/apply?lang=en", data=FORM).status_code == 302
    assert counts() == before


BAD_INPUT = [
    ("name", "", "Please enter the business name."),
    ("name", "x" * 201, "Please use at most 200 characters."),
    ("registration_number", "", "Please enter the business registration number."),
    ("registration_number", "<b>123</b>", "Use Latin letters, digits, spaces and / . - only."),
    ("contact_name", "  ", "Please enter the contact person's name."),
    ("phone", "", "Please enter a phone number."),
    ("phone", "12345", "Please enter a Myanmar or Thai phone number"),
    ("phone", "+1 202 555 0100", "Please enter a Myanmar or Thai phone number"),
    ("phone", "081 234 5678", "This number could be Myanmar or Thai: please write +95 or +66"),
    ("address_line", "", "Please enter the house number and street."),
    ("ward", "", "Please enter the ward."),
    ("township", "", "Please enter the township."),
    ("region", "", "Please choose the region or state."),
    ("region", "TH-85", "Please choose the region or state."),
    ("postcode", "1405", "A Myanmar postcode has 5 digits."),
    ("preferred_language", "fr", "Not a valid choice."),
    ("email", "owner-at-example.org", "Please enter a valid email address"),
    ("password", "short", "Your password needs at least 10 characters."),
    ("confirm", "another password", "The two passwords are not the same."),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_is_explained_at_its_field_and_nothing_is_saved(
    client, session, partners, mailbox, field, value, message
):
    before = counts()

    response = client.post("/wholesale/apply?lang=en", data=FORM | {field: value})

    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert f'id="{field}-error"' in page  # said at the field, and listed at the top
    assert "Please check the highlighted fields:" in page
    assert counts() == before
    assert mailbox == []


@pytest.mark.parametrize("field", ["name", "contact_name", "address_line", "ward", "township"])
def test_zawgyi_is_refused_with_the_same_explanation_as_in_the_seller_backend(
    client, session, partners, field
):
    before = counts()

    response = client.post("/wholesale/apply?lang=en", data=FORM | {field: f"{ZAWGYI} ကော္ဖီ"})

    page = text_of(response)
    assert "This Burmese text looks like Zawgyi; please retype it with a Unicode keyboard" in page
    assert f'id="{field}-error"' in page
    assert counts() == before


def test_an_email_that_has_an_account_is_asked_to_log_in_first(client, session, partners):
    before = counts()

    page = text_of(
        client.post("/wholesale/apply?lang=en", data=FORM | {"email": "buyer-a@example.org"})
    )

    assert "An account with this email address already exists. Log in" in page
    assert "/account/login?next=/wholesale/apply" in page
    assert counts() == before


def test_the_form_shows_an_obvious_language_choice_and_follows_the_shops_language_rules(
    client, session
):
    thai = text_of(client.get("/wholesale/apply"))  # no ?lang=, no cookie: the shop's Thai
    assert '<html lang="th">' in thai
    choice = re.search(r'<nav class="language-choice".*?</nav>', thai, re.S).group(0)
    for code, name in (("my", "မြန်မာ"), ("th", "ไทย"), ("en", "English")):
        assert f'href="/wholesale/apply?lang={code}"' in choice
        assert f'lang="{code}"' in choice
        assert name in choice
    assert 'aria-current="true"' in choice.split("lang=th")[1]

    burmese = text_of(client.get("/wholesale/apply?lang=my"))
    assert '<html lang="my">' in burmese
    assert translated("Apply for a wholesale account", "my") in burmese
    assert "တနင်္သာရီတိုင်းဒေသကြီး" in burmese  # regions named in Burmese
    assert '<option selected value="MM-05">' in burmese  # Kawthaung's region chosen already
    assert '<html lang="my">' in text_of(client.get("/wholesale/apply"))  # remembered
