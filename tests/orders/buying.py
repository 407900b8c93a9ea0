"""Steps of a purchase through the web pages, and what the database says about stock."""

from __future__ import annotations

import html
import re

from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import StockMovement
from shop.inventory.services import ledger_total
from shop.orders.models import Order

ADDRESS = {
    "email": "Malee@Example.org",
    "name": "Malee Srisuk",
    "phone": "081 234 5678",
    "line1": "99/1 Moo 3, Phetkasem Road",
    "line2": "",
    "subdistrict": "Bang Non",
    "district": "Mueang Ranong",
    "province": "TH-85",
    "postcode": "85000",
    "payment_method": "transfer",
}


def add_to_cart(client, variant: Variant, quantity: int = 1) -> None:
    response = client.post(
        "/cart/add?lang=en", data={"variant_id": variant.id, "quantity": quantity}
    )
    assert response.status_code == 302
    client.get(response.headers["Location"])  # the buyer lands on the cart and reads it


SHOWN = re.compile(r'name="shown" value="([^"]*)"')


def read_checkout(client, lang: str = "en", **fields):
    """The checkout page as the buyer sees it with these choices ("Update totals"), and the
    amounts it shows (its signed ``shown`` field; None when the page sends the buyer away)."""
    page = client.post(f"/checkout?lang={lang}&update=1", data=fields)
    match = SHOWN.search(page.get_data(as_text=True)) if page.status_code == 200 else None
    return page, html.unescape(match.group(1)) if match else None


def shown_on_checkout(client, lang: str = "en", **fields) -> str | None:
    return read_checkout(client, lang, **fields)[1]


def checkout(client, lang: str = "en", **fields):
    """Read the checkout page, then post its form: the address above, changed or extended by
    ``fields``, with the amounts the page showed. A page that sends the buyer away (an empty
    cart, a line to fix) is the answer."""
    data = {k: v for k, v in {**ADDRESS, **fields}.items() if v is not None}
    if "shown" not in data:
        page, shown = read_checkout(client, lang, **data)
        if shown is None:
            return page
        data["shown"] = shown
    return client.post(f"/checkout?lang={lang}", data=data)


def order_of(response) -> Order:
    """The order whose page the checkout redirected to."""
    location = response.headers.get("Location", "")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert location.startswith("/orders/"), location
    db.session.expire_all()
    return db.session.scalars(
        select(Order).where(Order.token == location.removeprefix("/orders/"))
    ).one()


def buy(client, *items: tuple[Variant, int], **fields) -> Order:
    """Put the items in the cart and place the order by bank transfer."""
    for variant, quantity in items:
        add_to_cart(client, variant, quantity)
    return order_of(checkout(client, **fields))


def stock_of(variant_id: int) -> int:
    db.session.expire_all()
    return db.session.get(Variant, variant_id).stock


def assert_stock_matches_ledger(*variant_ids: int) -> None:
    for variant_id in variant_ids:
        assert stock_of(variant_id) == ledger_total(variant_id), f"variant {variant_id}"


def ledger(reason: str | None = None) -> list[tuple[int, int, str, str]]:
    """(variant id, change, reason, reference) of the ledger rows, oldest first."""
    db.session.expire_all()
    query = select(StockMovement).order_by(StockMovement.id)
    if reason is not None:
        query = query.where(StockMovement.reason == reason)
    return [
        (m.variant_id, m.quantity, str(m.reason), m.reference) for m in db.session.scalars(query)
    ]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))
