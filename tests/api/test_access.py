"""Keys: a partner admin creates one (shown once, stored hashed), lists and revokes it; calls
with no key, a wrong, revoked or scope-less key, or a suspended partner's key are refused with
a problem and reveal nothing; a logged-in browser's cookie never authenticates the API."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from shop.api.models import ApiKey
from shop.extensions import db
from shop.wholesale.models import PartnerShopStatus
from tests.api.conftest import bearer, make_key
from tests.cart.builders import log_in

PROBLEM = "application/problem+json"


def test_partner_admin_creates_a_key_shown_once_and_stored_hashed(client, world):
    log_in(client, "admin-a@example.org")
    page = client.get("/wholesale/api-keys?lang=en")
    assert page.status_code == 200
    assert "Create a key" in page.get_data(as_text=True)

    created = client.post(
        "/wholesale/api-keys?lang=en",
        data={"name": "Till in Kawthaung", "catalogue_read": "y"},
    )
    assert created.status_code == 201
    html = created.get_data(as_text=True)
    token = html.split('class="api-token">')[1].split("<")[0]
    assert token.startswith("rnk_")
    assert len(token) > 40
    key = db.session.scalars(select(ApiKey).where(ApiKey.name == "Till in Kawthaung")).one()
    assert key.key_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (key.prefix, key.key_sha256)
    assert token.startswith(key.prefix)

    listed = client.get("/wholesale/api-keys?lang=en").get_data(as_text=True)
    assert token not in listed  # never shown again
    assert key.prefix in listed
    assert "Never" in listed

    assert client.get("/api/v1/products", headers=bearer(token)).status_code == 200
    # catalogue only: no orders
    refused = client.get("/api/v1/orders", headers=bearer(token))
    assert refused.status_code == 403
    assert refused.get_json()["type"] == "/api/v1/problems/insufficient-scope"

    revoked = client.post(f"/wholesale/api-keys/{key.id}/revoke?lang=en")
    assert revoked.status_code == 302
    answer = client.get("/api/v1/products", headers=bearer(token))
    assert answer.status_code == 401
    assert answer.content_type == PROBLEM
    assert answer.get_json()["type"] == "/api/v1/problems/invalid-key"


def key_count() -> int:
    db.session.expire_all()
    return len(db.session.scalars(select(ApiKey)).all())


def test_the_key_form_sent_again_makes_no_second_key(client, world):
    """A reload of the page that showed the new key sends its form again: the partner is told
    the key exists, and no second key is made."""
    log_in(client, "admin-a@example.org")
    page = client.get("/wholesale/api-keys?lang=en").get_data(as_text=True)
    nonce = page.split('name="nonce" type="hidden" value="')[1].split('"')[0]
    form = {"name": "Stock software", "catalogue_read": "y", "orders_write": "y", "nonce": nonce}
    keys_before = key_count()
    assert client.post("/wholesale/api-keys?lang=en", data=form).status_code == 201

    again = client.post("/wholesale/api-keys?lang=en", data=form, follow_redirects=True)

    html = again.get_data(as_text=True)
    assert "created the key “Stock software” already" in html
    assert "api-token" not in html
    db.session.expire_all()
    assert key_count() == keys_before + 1
    # The list says what the key may do, in words.
    assert "Read the catalogue with your prices" in html
    assert "Place orders and read orders and the statement" in html
    assert "catalogue:read" not in html
    # A new visit to the page is a new form: it makes another key.
    fresh = client.get("/wholesale/api-keys?lang=en").get_data(as_text=True)
    assert nonce not in fresh
    other = dict(form, nonce=fresh.split('name="nonce" type="hidden" value="')[1].split('"')[0])
    assert client.post("/wholesale/api-keys?lang=en", data=other).status_code == 201
    assert key_count() == keys_before + 2


def test_a_key_needs_a_name_and_a_scope(client, world):
    log_in(client, "admin-a@example.org")
    for data, wrong in (
        ({"name": "", "catalogue_read": "y"}, "name"),
        ({"name": "ERP"}, "catalogue_read"),
    ):
        answer = client.post("/wholesale/api-keys?lang=en", data=data)
        assert answer.status_code == 422
        html = answer.get_data(as_text=True)
        assert "api-token" not in html
        # The summary names the field that is wrong, and the page opens at it (the form's
        # address ends in #key-answer, the summary's id).
        assert f'href="#{wrong}"' in html
        assert 'id="key-answer"' in html
        assert 'action="/wholesale/api-keys#key-answer"' in html


def test_only_partner_admins_see_the_keys_page(client, world):
    log_in(client, "buyer-a@example.org")
    assert client.get("/wholesale/api-keys").status_code == 403


def test_another_partner_cannot_revoke_a_key(client, world):
    key_id = db.session.scalars(
        select(ApiKey.id).where(ApiKey.partner_shop_id == world.partners.a.id)
    ).first()
    log_in(client, "admin-b@example.org")
    assert client.post(f"/wholesale/api-keys/{key_id}/revoke").status_code == 404
    assert client.get("/api/v1/products", headers=bearer(world.key_a)).status_code == 200


def test_missing_wrong_and_malformed_keys_are_refused_alike(client, world):
    bodies = []
    for headers in (
        {},
        {"Authorization": "Bearer rnk_not-a-key"},
        {"Authorization": "Basic YWRtaW46cGFzcw=="},
        {"Authorization": "Bearer"},
        {"Authorization": f"Bearer {world.key_a}x"},
    ):
        answer = client.get("/api/v1/products", headers=headers)
        assert answer.status_code == 401
        assert answer.content_type == PROBLEM
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        body = answer.get_json()
        body.pop("instance")
        bodies.append(body)
    assert all(b == bodies[0] for b in bodies)  # nothing tells one case from another


def test_a_suspended_partners_key_is_refused(client, world, session):
    world.partners.a.status = PartnerShopStatus.SUSPENDED
    session.commit()
    answer = client.get("/api/v1/products", headers=bearer(world.key_a))
    assert answer.status_code == 403
    assert answer.get_json()["type"] == "/api/v1/problems/partner-not-active"
    assert "Shwe" not in answer.get_data(as_text=True)


def test_a_logged_in_browser_session_does_not_authenticate_the_api(client, world):
    log_in(client, "admin-a@example.org")
    assert client.get("/wholesale/api-keys").status_code == 200
    answer = client.get("/api/v1/products")
    assert answer.status_code == 401
    assert client.get("/api/v1/statement").status_code == 401


def test_a_key_of_an_admin_who_left_stops_working(client, world, session):
    from shop.wholesale.models import PartnerMembership

    token = make_key(world.partners.b, name="Old admin's key")
    membership = session.scalars(
        select(PartnerMembership).where(PartnerMembership.partner_shop_id == world.partners.b.id)
    ).first()
    session.delete(membership)
    session.commit()
    assert client.get("/api/v1/products", headers=bearer(token)).status_code == 401


def test_last_used_is_noted(client, world):
    client.get("/api/v1/products", headers=bearer(world.key_a))
    db.session.expire_all()
    key = db.session.scalars(
        select(ApiKey).where(ApiKey.partner_shop_id == world.partners.a.id)
    ).first()
    assert key.last_used_at is not None
