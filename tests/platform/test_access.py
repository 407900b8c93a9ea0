"""The platform admin opens only for platform admins: every /admin route, every method."""

import pytest

from shop.catalog.models import CooperativeStatus
from shop.extensions import db
from tests.cart.builders import log_in
from tests.factories import CooperativeFactory, UserFactory
from tests.platform.builders import staff_of
from tests.test_csrf import url_for_rule


def admin_routes(app, cooperative_id):
    """(method, url) of every route of the platform blueprint, ids filled with a real one."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("platform."):
            continue
        url = url_for_rule(rule, {"cooperative_id": str(cooperative_id)})  # others: dummies
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, url))
    return found


@pytest.fixture
def cooperative(session):
    cooperative = CooperativeFactory(slug="la-un", name_en="La-un Growers")
    staff_of(cooperative, "owner@la-un.example.org")
    UserFactory(email="customer@example.org")
    session.commit()
    return cooperative


def test_the_walk_sees_every_admin_page(app, cooperative):
    routes = admin_routes(app, cooperative.id)
    assert ("GET", "/admin") in routes
    assert ("POST", f"/admin/cooperatives/{cooperative.id}/suspend") in routes
    assert len(routes) >= 12


@pytest.mark.parametrize("email", ["customer@example.org", "owner@la-un.example.org"])
def test_customers_and_cooperative_staff_are_refused_everywhere(app, client, cooperative, email):
    log_in(client, email)
    for method, url in admin_routes(app, cooperative.id):
        data = {"email": "intruder@example.org", "name_th": "x", "commission": "1"}
        response = client.open(url, method=method, data=data if method == "POST" else None)
        assert response.status_code == 403, (method, url)
    db.session.expire_all()
    assert cooperative.status == CooperativeStatus.ACTIVE
    assert cooperative.name_th != "x"


def test_visitors_are_sent_to_log_in(app, client, cooperative):
    for method, url in admin_routes(app, cooperative.id):
        response = client.open(url, method=method)
        assert response.status_code == 302, (method, url)
        assert "/account/login" in response.headers["Location"]
    db.session.expire_all()
    assert cooperative.status == CooperativeStatus.ACTIVE


def test_the_header_admin_link_leads_to_the_admin_home(client, session):
    from tests.platform.builders import log_in_admin

    log_in_admin(client)
    page = client.get("/admin?lang=en")
    assert page.status_code == 200
    assert 'href="/admin"' in page.text
    assert "Slips waiting" in page.text
