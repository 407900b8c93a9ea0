"""Saved addresses: a Thai address form that checks the postcode, and only one's own addresses."""

import pytest
from sqlalchemy import select

from shop.accounts.models import Address
from tests.factories import UserFactory

RANONG = {
    "name": "สมชาย ใจดี",
    "phone": "081-234-5678",
    "line1": "99/1 ถนนเพชรเกษม",
    "line2": "",
    "subdistrict": "บางนอน",
    "district": "เมืองระนอง",
    "province": "TH-85",
    "postcode": "85000",
}


@pytest.fixture
def somchai(client, user, login):
    login(client, "somchai@example.org")
    return user


def add(client, **changes):
    return client.post("/account/addresses/new?lang=en", data={**RANONG, **changes})


def saved(session, user_id):
    session.expire_all()
    return session.scalars(
        select(Address).where(Address.user_id == user_id).order_by(Address.id)
    ).all()


def test_a_customer_saves_an_address_and_sees_it_on_the_account_page(client, session, somchai):
    response = add(client)

    assert response.status_code == 302
    assert response.headers["Location"] == "/account#addresses"
    [address] = saved(session, somchai.id)
    assert address.phone == "0812345678"
    assert address.is_default
    page = client.get("/account?lang=th").get_data(as_text=True)
    for text in ("99/1 ถนนเพชรเกษม", "บางนอน, เมืองระนอง", "ระนอง 85000", "081-234-5678"):
        assert text in page


def test_a_postcode_from_another_province_is_refused_by_name(client, session, somchai):
    response = add(client, postcode="10200")

    assert response.status_code == 200
    assert "This postcode is not in Ranong." in response.get_data(as_text=True)
    assert saved(session, somchai.id) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": "8500"}, "A postcode has exactly 5 digits."),
        ({"postcode": "85OOO"}, "A postcode has exactly 5 digits."),
        ({"province": ""}, "Please choose the province."),
        ({"province": "TH-99"}, "Please choose the province."),
        ({"line1": " "}, "Please enter the house number and street."),
        ({"district": ""}, "Please enter the district."),
        ({"phone": "0812"}, "Please enter a Thai phone number"),
    ],
)
def test_an_incomplete_address_is_explained_and_not_saved(
    client, session, somchai, changes, message
):
    response = add(client, **changes)

    assert message in response.get_data(as_text=True)
    assert saved(session, somchai.id) == []


def test_thai_digits_in_the_postcode_are_understood(client, session, somchai):
    assert add(client, postcode="๘๕๐๐๐").status_code == 302
    assert saved(session, somchai.id)[0].postcode == "85000"


def test_provinces_are_listed_by_name_in_the_pages_language(client, somchai):
    thai = client.get("/account/addresses/new?lang=th").get_data(as_text=True)
    assert thai.index(">กระบี่<") < thai.index(">เชียงใหม่<") < thai.index(">ตรัง<")
    english = client.get("/account/addresses/new?lang=en").get_data(as_text=True)
    assert english.index(">Bangkok<") < english.index(">Chiang Mai<") < english.index(">Yala<")


def test_a_customer_edits_sets_the_default_and_deletes_addresses(client, session, somchai):
    add(client)
    add(client, name="ร้านกาแฟสาขาสอง", line1="12 ถนนสะพานปลา")
    first, second = saved(session, somchai.id)
    assert (first.is_default, second.is_default) == (True, False)

    edit_page = client.get(f"/account/addresses/{second.id}/edit?lang=en").get_data(as_text=True)
    assert "<h1>Edit the address</h1>" in edit_page
    assert 'value="12 ถนนสะพานปลา"' in edit_page
    client.post(
        f"/account/addresses/{second.id}/edit",
        data={**RANONG, "line1": "14 ถนนสะพานปลา", "postcode": "85120"},
    )
    assert client.post(f"/account/addresses/{second.id}/default").status_code == 302
    first, second = saved(session, somchai.id)
    assert second.line1 == "14 ถนนสะพานปลา"
    assert (first.is_default, second.is_default) == (False, True)

    assert client.post(f"/account/addresses/{second.id}/delete").status_code == 302
    [left] = saved(session, somchai.id)
    assert left.id == first.id
    assert left.is_default


def test_another_customers_address_is_not_found(client, session, somchai):
    neighbour = UserFactory(email="neighbour@example.org")
    theirs = Address(user=neighbour, **{**RANONG, "name": "Their name"}, is_default=True)
    session.add(theirs)
    session.commit()

    assert client.get(f"/account/addresses/{theirs.id}/edit").status_code == 404
    assert client.post(f"/account/addresses/{theirs.id}/edit", data=RANONG).status_code == 404
    assert client.post(f"/account/addresses/{theirs.id}/default").status_code == 404
    assert client.post(f"/account/addresses/{theirs.id}/delete").status_code == 404
    assert client.get("/account/addresses/999999/edit").status_code == 404

    session.expire_all()
    assert session.get(Address, theirs.id).name == "Their name"
    assert "Their name" not in client.get("/account").get_data(as_text=True)


def test_guests_are_asked_to_log_in_before_changing_addresses(client, session, user):
    response = client.post("/account/addresses/new", data=RANONG)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login")
    assert session.scalars(select(Address)).all() == []


def test_the_address_form_tells_browsers_what_each_field_is(client, somchai):
    html = client.get("/account/addresses/new").get_data(as_text=True)
    for token in ("name", "tel", "address-line1", "address-line2", "address-level1", "postal-code"):
        assert f'autocomplete="{token}"' in html
    assert 'value="สมชาย ใจดี"' in html  # the first address starts from the account's name
