"""A cooperative's owner manages its delivery methods (/seller/shipping): names in three
languages, days, retail and/or partner shops, by weight or per carton, free from an amount,
offered or not; every change audited; another cooperative's method is 404; bad input changes
nothing; a changed carton price is what a partner's cart charges."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.cart.services import add_item, new_cart, summarize
from shop.extensions import db
from shop.platform.models import AuditEntry
from shop.pricing.models import ShippingMethod
from shop.pricing.quotes import Buyer
from tests.cart.builders import flashes, log_in, text_of
from tests.factories import UserFactory
from tests.wholesale.conftest import partners, wholesale  # noqa: F401 (fixtures)
from tests.wholesale.test_apply import ZAWGYI


@pytest.fixture
def owners(wholesale, session):  # noqa: F811
    """La-un's owner (English) and staff member, and Kapoe's owner."""
    la_un_owner = UserFactory(email="owner@la-un.example.org", locale="en")
    la_un_staff = UserFactory(email="staff@la-un.example.org", locale="en")
    kapoe_owner = UserFactory(email="owner@kapoe.example.org", locale="th")
    session.add_all(
        [
            CooperativeMembership(
                user=la_un_owner, cooperative=wholesale.shop.la_un, role=MembershipRole.OWNER
            ),
            CooperativeMembership(
                user=la_un_staff, cooperative=wholesale.shop.la_un, role=MembershipRole.STAFF
            ),
            CooperativeMembership(
                user=kapoe_owner, cooperative=wholesale.shop.kapoe, role=MembershipRole.OWNER
            ),
        ]
    )
    session.commit()


def method_form(**changes) -> dict[str, str]:
    data = {
        "name_th": "ส่งถึงท่าเรือเกาะสอง",
        "name_en": "Kawthaung pier",
        "name_my": "ကော့သောင်း ဆိပ်ကမ်း",
        "days_min": "1",
        "days_max": "2",
        "for_wholesale": "y",
        "pricing": "weight",
        "rates-0-max_kg": "5",
        "rates-0-price": "50",
        "rates-1-max_kg": "20",
        "rates-1-price": "80",
        "free_over": "",
        "is_active": "y",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def methods_of(cooperative_id: int) -> list[ShippingMethod]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(ShippingMethod)
            .where(ShippingMethod.cooperative_id == cooperative_id)
            .order_by(ShippingMethod.id)
        )
    )


def pier(wholesale) -> ShippingMethod:  # noqa: F811
    return next(m for m in methods_of(wholesale.shop.la_un.id) if m.name_en.endswith("pier"))


def entries(action: str) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        )
    )


def test_the_owner_adds_a_method_priced_by_weight_typed_in_thai_digits(
    client,
    wholesale,  # noqa: F811
    owners,
):
    log_in(client, "owner@la-un.example.org")
    before = len(methods_of(wholesale.shop.la_un.id))

    response = client.post(
        "/seller/shipping/new?lang=en",
        data=method_form(
            **{"rates-0-max_kg": "๒.๕", "rates-0-price": "๔๕.๕๐", "free_over": "๓,๐๐๐"}
        ),
        follow_redirects=True,
    )

    methods = methods_of(wholesale.shop.la_un.id)
    added = methods[-1]
    assert len(methods) == before + 1
    assert ("success", "The delivery method “Kawthaung pier” is saved.") in flashes(response)
    assert "Kawthaung pier" in text_of(response)
    assert [(r.max_weight_grams, r.price_satang) for r in added.rates] == [
        (2_500, 4_550),
        (20_000, 8_000),
    ]
    assert added.free_over_satang == 300_000
    assert (added.for_retail, added.for_wholesale, added.is_active) == (False, True, True)
    assert added.price_per_carton_satang is None
    assert added.code == "kawthaung-pier"
    (entry,) = entries("shipping_method.create")
    assert entry.cooperative_id == wholesale.shop.la_un.id
    assert entry.details["after"]["rates"] == [[2_500, 4_550], [20_000, 8_000]]


def test_a_changed_carton_price_is_what_a_partners_cart_charges(
    client,
    wholesale,  # noqa: F811
    partners,  # noqa: F811
    owners,
):
    user = db.session.scalars(select(User).where(User.email == "buyer-a@example.org")).one()
    cart = new_cart(user.id)
    buyer = Buyer(partners.a.id, partners.a.price_list)
    add_item(cart, wholesale.sachets.id, 48, buyer)  # two cartons
    db.session.commit()
    method = pier(wholesale)

    def la_un_delivery() -> int:
        db.session.expire_all()
        summary = summarize(cart, None, Buyer(partners.a.id, partners.a.price_list))
        (group,) = summary.groups
        assert group.chosen.method.id == method.id
        return group.shipping

    charged_before = la_un_delivery()
    log_in(client, "owner@la-un.example.org")
    form = text_of(client.get(f"/seller/shipping/{method.id}?lang=en"))
    response = client.post(
        f"/seller/shipping/{method.id}?lang=en",
        data=method_form(
            name_en="Delivery to Kawthaung pier",
            pricing="carton",
            carton_price="30",
            **{
                "rates-0-max_kg": "",
                "rates-0-price": "",
                "rates-1-max_kg": "",
                "rates-1-price": "",
            },
        ),
    )

    assert 'value="25"' in form  # the carton price as saved
    assert response.status_code == 302
    assert charged_before == 5_000
    assert la_un_delivery() == 6_000
    (entry,) = entries("shipping_method.update")
    assert entry.cooperative_id == wholesale.shop.la_un.id
    assert entry.details["before"]["price_per_carton_satang"] == 2_500
    assert entry.details["after"]["price_per_carton_satang"] == 3_000
    assert pier(wholesale).rates == []  # a method priced per carton keeps no weight rates


def test_a_method_taken_off_is_not_offered_to_partners(
    client,
    wholesale,  # noqa: F811
    partners,  # noqa: F811
    owners,
):
    method = pier(wholesale)
    log_in(client, "owner@la-un.example.org")
    client.post(
        f"/seller/shipping/{method.id}?lang=en",
        data=method_form(
            name_en="Delivery to Kawthaung pier",
            pricing="carton",
            carton_price="25",
            is_active=None,
        ),
    )
    user = db.session.scalars(select(User).where(User.email == "buyer-a@example.org")).one()
    cart = new_cart(user.id)
    add_item(cart, wholesale.sachets.id, 24, Buyer(partners.a.id, partners.a.price_list))

    (group,) = summarize(cart, None, Buyer(partners.a.id, partners.a.price_list)).groups

    assert pier(wholesale).is_active is False
    assert group.choices == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {
                "rates-0-max_kg": "",
                "rates-0-price": "",
                "rates-1-max_kg": "",
                "rates-1-price": "",
            },
            "Give at least one weight rate, or price the method per carton.",
        ),
        ({"pricing": "carton"}, "Please give the price per carton."),
        ({"rates-0-price": "-5"}, "Enter an amount in baht from 0 to 100,000, like 120 or 120.50."),
        ({"rates-0-price": "50.505"}, "Enter an amount in baht from 0 to 100,000"),
        ({"rates-0-price": "1" * 40}, "Enter an amount in baht from 0 to 100,000"),
        ({"rates-0-max_kg": "0"}, "Enter a weight above 0 and up to 10,000 kg, like 5 or 0.5."),
        ({"rates-0-max_kg": "-1"}, "Enter a weight above 0 and up to 10,000 kg"),
        ({"rates-0-max_kg": "five"}, "Enter a weight above 0 and up to 10,000 kg"),
        ({"rates-1-max_kg": "5.000"}, "Another rate already ends at this weight."),
        ({"rates-0-max_kg": "5", "rates-0-price": ""}, "Enter an amount in baht from 0"),
        ({"name_en": "x" * 121}, "Please use at most 120 characters."),
        ({"name_th": ""}, "Please give the name in Thai."),
        ({"name_my": f"{ZAWGYI} ဆိပ်ကမ်း"}, "Zawgyi"),
        ({"days_min": "3", "days_max": "1"}, "At most cannot be fewer days than at least."),
        ({"days_max": "๙๙"}, "Enter a whole number of days from 0 to 60."),
        ({"days_min": "-1"}, "Enter a whole number of days from 0 to 60."),
        ({"for_wholesale": None}, "Choose who may use it: retail buyers, partner shops or both."),
        (
            {"pricing": "carton", "carton_price": "25", "for_retail": "y"},
            "A price per carton is for partner shops only.",
        ),
        ({"pricing": "carton", "carton_price": "-25"}, "Enter an amount in baht from 0"),
        ({"free_over": "-1"}, "Enter an amount in baht from 0 to 10,000,000, or leave it empty."),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    client,
    wholesale,  # noqa: F811
    owners,
    changes,
    message,
):
    log_in(client, "owner@la-un.example.org")
    method = pier(wholesale)
    before = len(methods_of(wholesale.shop.la_un.id))

    added = client.post("/seller/shipping/new?lang=en", data=method_form(**changes))
    edited = client.post(f"/seller/shipping/{method.id}?lang=en", data=method_form(**changes))

    assert added.status_code == edited.status_code == 422
    assert message in text_of(added)
    assert message in text_of(edited)
    assert "Nothing was saved." in text_of(added)
    assert len(methods_of(wholesale.shop.la_un.id)) == before
    assert pier(wholesale).name_en == "Delivery to Kawthaung pier"
    assert entries("shipping_method.create") == entries("shipping_method.update") == []


def test_another_cooperatives_methods_are_404_and_staff_get_403(
    app,
    client,
    wholesale,  # noqa: F811
    owners,
):
    method = pier(wholesale)
    log_in(client, "owner@kapoe.example.org")
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")

    assert client.get(f"/seller/shipping/{method.id}").status_code == 404
    assert client.post(f"/seller/shipping/{method.id}", data=method_form()).status_code == 404
    assert client.get("/seller/shipping/99999999999").status_code == 404
    assert "Delivery to Kawthaung pier" not in text_of(client.get("/seller/shipping?lang=en"))
    assert "Collection in Kapoe" in text_of(client.get("/seller/shipping?lang=en"))
    assert staff.get("/seller/shipping").status_code == 403
    assert staff.post("/seller/shipping/new", data=method_form()).status_code == 403
    assert pier(wholesale).name_en == "Delivery to Kawthaung pier"
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_the_pages_open_in_every_language(client, wholesale, owners, lang):  # noqa: F811
    log_in(client, "owner@la-un.example.org")
    method = pier(wholesale)

    listing = client.get(f"/seller/shipping?lang={lang}")
    form = client.get(f"/seller/shipping/{method.id}?lang={lang}")
    new = client.get(f"/seller/shipping/new?lang={lang}")

    assert listing.status_code == form.status_code == new.status_code == 200
    assert method.name_th in text_of(form)
    assert f'<html lang="{lang}"' in text_of(listing)


def test_a_too_long_name_comes_back_as_typed_and_the_form_cuts_nothing(
    client,
    wholesale,  # noqa: F811
    owners,
):
    log_in(client, "owner@la-un.example.org")
    long_name = "Delivery to the Kawthaung pier by the cooperative's own boat " * 3  # 183

    form = client.get("/seller/shipping/new?lang=en")
    refused = client.post("/seller/shipping/new?lang=en", data=method_form(name_en=long_name))

    assert 'name="name_en"' in form.text
    assert "maxlength" not in form.text
    assert refused.status_code == 422
    assert "Please use at most 120 characters." in text_of(refused)
    assert long_name.strip() in text_of(refused)
    assert not any(
        m.name_en.startswith("Delivery to the") for m in methods_of(wholesale.shop.la_un.id)
    )
