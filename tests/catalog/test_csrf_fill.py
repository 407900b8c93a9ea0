"""Cached pages get each visitor's own CSRF token in the shop's own form field, and nowhere else.

A seller's description, a product name or a search term that contains the placeholder text
comes out exactly as typed: a link ``https://evil.example/collect?t=__csrf_token__`` must not
become a link that carries every visitor's token to another site.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from shop import create_app
from shop.extensions import db
from tests.accounts.conftest import SHARED_SETTINGS
from tests.factories import ProductFactory

EVIL_LINK = "https://evil.example/collect?t=__csrf_token__"
SHOP_FIELD = '<input type="hidden" name="csrf_token" value="__csrf_token__">'
TOKEN_FIELD = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]*)">')


@contextmanager
def csrf_app(app, cache_type: str):
    """The shop as it runs: CSRF protection on, whole pages cached (or not)."""
    other = create_app(
        {
            **{key: app.config[key] for key in SHARED_SETTINGS},
            "RATELIMIT_ENABLED": False,  # the limiter object is shared by every app
            "WTF_CSRF_ENABLED": True,
            "CACHE_TYPE": cache_type,
        }
    )
    other.test_client_class = app.test_client_class
    try:
        yield other
    finally:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture(params=["SimpleCache", "NullCache"])
def shop(request, app, session):
    product = ProductFactory(
        slug="honey",
        name_en="Honey __csrf_token__ edition",
        description_en=(
            f"Our terms: [read them]({EVIL_LINK}).\n\nOr paste {EVIL_LINK} into your browser."
        ),
        origin_en=f"Typed by a seller: {SHOP_FIELD}",
        variants__stock=5,
    )
    variant_id = product.variants[0].id
    session.commit()
    session.close()
    with csrf_app(app, request.param) as other:
        yield other, variant_id


def visit(client, url: str) -> tuple[str, list[str]]:
    html = client.get(url).get_data(as_text=True)
    return html, TOKEN_FIELD.findall(html)


def test_a_link_with_the_placeholder_keeps_it_and_the_form_gets_the_visitors_token(shop):
    app, _ = shop
    html, tokens = visit(app.test_client(), "/products/honey?lang=en")

    assert f'href="{EVIL_LINK}"' in html
    assert f"Or paste {EVIL_LINK} into your browser." in html
    assert "Honey __csrf_token__ edition" in html
    assert len(tokens) == 1  # the buy form's field, and no other
    assert tokens[0] not in ("", "__csrf_token__")
    assert html.count(tokens[0]) == 1


def test_the_placeholder_field_typed_into_a_description_stays_text(shop):
    app, _ = shop
    html, tokens = visit(app.test_client(), "/products/honey?lang=en")

    assert (
        "Typed by a seller: &lt;input type=&#34;hidden&#34; name=&#34;csrf_token&#34; "
        "value=&#34;__csrf_token__&#34;&gt;" in html
    )
    assert len(tokens) == 1


def test_each_visitor_buys_with_their_own_token(shop):
    app, variant_id = shop
    first, second = app.test_client(), app.test_client()
    _, (first_token,) = visit(first, "/products/honey?lang=en")
    _, (second_token,) = visit(second, "/products/honey?lang=en")
    assert first_token != second_token

    stolen = second.post(
        "/cart/add", data={"variant_id": variant_id, "quantity": 1, "csrf_token": first_token}
    )
    own = first.post(
        "/cart/add", data={"variant_id": variant_id, "quantity": 1, "csrf_token": first_token}
    )

    assert stolen.status_code == 400
    assert own.status_code == 302
    assert 'class="cart-count">1<' in first.get("/cart?lang=en").get_data(as_text=True)


def test_a_search_for_the_placeholder_shows_it_as_typed(shop):
    app, _ = shop
    html, tokens = visit(app.test_client(), "/products?q=__csrf_token__&lang=en")
    assert 'value="__csrf_token__"' in html
    assert tokens == []
