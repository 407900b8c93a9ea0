"""What the export papers print that the cooperative sets: each product's HS code (on its
product form, shape ####.## or ####.##.##, Thai digits and no dots accepted) and each wholesale
pack's carton weights. Bad input is told, never kept; another cooperative's pack answers 404."""

from __future__ import annotations

import pytest

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.catalog.hs_codes import is_valid_hs_code, normalise_hs_code
from shop.catalog.models import Product
from shop.extensions import db
from shop.pricing.models import QuantityRule
from tests.cart.builders import flashes, log_in
from tests.factories import UserFactory
from tests.wholesale.conftest import partners, wholesale  # noqa: F401 - fixtures


@pytest.fixture
def world(wholesale, session):  # noqa: F811 - the fixture imported above
    """La-un's 3-in-1 sachets with HS code 2101.12 and a carton weighed 14.4 / 14.85 kg; a
    staff member of La-un and one of Kapoe."""
    wholesale.sachets.product.hs_code = "2101.12"
    rule = session.get(QuantityRule, wholesale.sachets.id)
    rule.carton_net_grams, rule.carton_gross_grams = 14_400, 14_850
    for email, cooperative in (
        ("staff@la-un.example.org", wholesale.shop.la_un),
        ("staff@kapoe.example.org", wholesale.shop.kapoe),
    ):
        session.add(
            CooperativeMembership(
                user=UserFactory(email=email), cooperative=cooperative, role=MembershipRole.STAFF
            )
        )
    session.commit()
    return wholesale


@pytest.fixture
def staff(app, world):
    client = app.test_client()
    log_in(client, "staff@la-un.example.org")
    return client


def product_form(product: Product, **changes) -> dict:
    data = {
        "name_th": product.name_th,
        "name_en": product.name_en,
        "name_my": product.name_my,
        "category_id": product.category_id,
        "roast": "",
        "hs_code": product.hs_code,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("2101.12", "2101.12"),
        ("210112", "2101.12"),
        (" 0901 21 ", "0901.21"),
        ("๐๙๐๑.๒๑.๐๐", "0901.21.00"),
        ("09012100", "0901.21.00"),
        ("", ""),
    ],
)
def test_the_cooperative_sets_a_products_hs_code_in_its_printed_shape(staff, world, typed, kept):
    product = world.sachets.product

    response = staff.post(
        f"/seller/products/{product.id}/edit?lang=en", data=product_form(product, hs_code=typed)
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Product, product.id).hs_code == kept


@pytest.mark.parametrize("typed", ["21.01", "2101.1", "2101.123", "abcd.12", "2101-12-1", "1" * 30])
def test_a_wrong_hs_code_is_told_and_nothing_changes(staff, world, typed):
    product = world.sachets.product

    response = staff.post(
        f"/seller/products/{product.id}/edit?lang=en", data=product_form(product, hs_code=typed)
    )

    assert response.status_code == 200
    assert "An HS code has 6 or 8 digits, written 2101.12 or 0901.21.00." in response.text
    db.session.expire_all()
    assert db.session.get(Product, product.id).hs_code == "2101.12"


def test_the_hs_code_helpers():
    assert normalise_hs_code("2101.12") == "2101.12"
    assert is_valid_hs_code("0901.21.00")
    assert not is_valid_hs_code("0901.2")


def carton_url(variant) -> str:
    return f"/seller/products/{variant.product_id}/variants/{variant.id}/carton"


def test_the_cooperative_weighs_a_carton_and_bad_weights_are_refused(staff, world):
    sachets = world.sachets
    page = staff.get(
        f"/seller/products/{sachets.product_id}/variants/{sachets.id}/wholesale?lang=en"
    ).text
    assert "Carton for the packing list" in page
    assert 'value="14400"' in page

    response = staff.post(
        carton_url(sachets) + "?lang=en",
        data={"net_grams": "14,500", "gross_grams": "15000"},
        follow_redirects=True,
    )
    assert ("success", "The carton weights of RNG-3IN1-30 are saved.") in flashes(response)
    db.session.expire_all()
    rule = db.session.get(QuantityRule, sachets.id)
    assert (rule.carton_net_grams, rule.carton_gross_grams) == (14_500, 15_000)

    for data, message in (
        (
            {"net_grams": "15000", "gross_grams": "14000"},
            "The gross weight (with the carton) cannot be less than the net weight.",
        ),
        ({"net_grams": "15000", "gross_grams": ""}, "Please give both weights, or neither."),
        ({"net_grams": "0", "gross_grams": "10"}, "Please enter a weight from 1 g to 1,000,000 g."),
        ({"net_grams": "abc", "gross_grams": "10"}, "Not a valid integer value."),
    ):
        response = staff.post(carton_url(sachets) + "?lang=en", data=data, follow_redirects=True)
        assert ("error", message) in flashes(response), data
    db.session.expire_all()
    rule = db.session.get(QuantityRule, sachets.id)
    assert (rule.carton_net_grams, rule.carton_gross_grams) == (14_500, 15_000)

    # Both empty: not weighed (the packing list counts the packs' weights).
    staff.post(carton_url(sachets), data={"net_grams": "", "gross_grams": ""})
    db.session.expire_all()
    assert db.session.get(QuantityRule, sachets.id).carton_net_grams is None


def test_another_cooperatives_pack_answers_404(app, world):
    kapoe = app.test_client()
    log_in(kapoe, "staff@kapoe.example.org")

    response = kapoe.post(carton_url(world.sachets), data={"net_grams": "1", "gross_grams": "2"})

    assert response.status_code == 404


def test_a_retail_only_pack_has_no_carton_to_weigh(staff, world):
    robusta = world.shop.robusta  # La-un's, no wholesale terms

    response = staff.post(
        carton_url(robusta) + "?lang=en",
        data={"net_grams": "1000", "gross_grams": "1200"},
        follow_redirects=True,
    )

    assert (
        "error",
        "Set the pack's wholesale terms first: it is not sold by the carton.",
    ) in flashes(response)
