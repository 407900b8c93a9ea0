"""Without SHOP_BASE_URL, links in pages and mails follow the address the shop was opened at
(``flask run --port 8080``, gunicorn, ``make run PORT=8080``), never a wildcard 0.0.0.0
(shop.core.urls.base_url)."""

from __future__ import annotations

import re

import pytest

from shop.config import reachable_base_url
from shop.core.urls import external_url
from tests.factories import CooperativeFactory, ProductFactory, UserFactory

ABSOLUTE = re.compile(r"""https?://[^\s"'<>\\]+""")


@pytest.fixture
def unset(app, session, monkeypatch):
    monkeypatch.setitem(app.config, "SHOP_BASE_URL", None)
    ProductFactory(slug="robusta", cooperative=CooperativeFactory(slug="la-un"))
    UserFactory(email="somchai@example.org")
    session.commit()


@pytest.mark.parametrize(
    ("opened", "linked"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://192.168.1.20:8000", "http://192.168.1.20:8000"),
        ("http://0.0.0.0:8080", "http://127.0.0.1:8080"),
    ],
)
def test_page_links_follow_the_address_the_shop_was_opened_at(client, unset, opened, linked):
    html = client.get("/products/robusta?lang=en", base_url=opened).get_data(as_text=True)

    assert f'<link rel="canonical" href="{linked}/products/robusta?lang=en">' in html
    assert "0.0.0.0" not in html
    assert ":5000" not in html


def test_a_mail_links_to_the_port_of_the_request_that_queued_it(client, unset, mailbox):
    client.post(
        "/account/reset?lang=en",
        data={"email": "somchai@example.org"},
        base_url="http://127.0.0.1:8080",
    )

    [mail] = mailbox
    links = ABSOLUTE.findall(mail.body)
    assert links
    assert all(link.startswith("http://127.0.0.1:8080/") for link in links)


def test_outside_a_request_links_use_the_default_address(app, unset):
    with app.app_context():
        assert external_url("catalog.home").startswith("http://127.0.0.1:5000/")


def test_a_wildcard_base_url_is_linked_as_127_0_0_1():
    assert reachable_base_url("http://0.0.0.0:8080/") == "http://127.0.0.1:8080"
    assert reachable_base_url("http://[::]:8080") == "http://127.0.0.1:8080"
    assert reachable_base_url("https://shop.example.org/") == "https://shop.example.org"
    assert reachable_base_url("") == ""
