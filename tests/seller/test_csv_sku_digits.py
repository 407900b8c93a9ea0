"""A stock CSV whose SKU column was typed with Thai or Burmese digits still names the pack
(shop.core.text.search_key)."""

from __future__ import annotations

from shop.catalog.models import Variant
from shop.extensions import db
from tests.seller.stock_world import log_in
from tests.seller.test_csv import HEADER, row, upload, world  # noqa: F401  (the fixture)


def test_a_sku_with_thai_digits_imports_into_the_pack(client, world):  # noqa: F811
    log_in(client, world.staff.email)

    response = upload(client, f"{HEADER}\n{row('LAUN-๒๕๐', stock='26')}\n")

    assert response.status_code == 200
    assert "Import done" in response.text
    db.session.expire_all()
    assert db.session.get(Variant, world.bag.id).stock == 26
