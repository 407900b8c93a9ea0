"""The seller's product and stock lists find a pack by a SKU typed with Thai or Burmese
digits, and a name by digits in another script (shop.core.text.search_key)."""

from __future__ import annotations

from shop.extensions import db
from tests.cart.builders import text_of
from tests.seller.test_volume import _products, coop, staff  # noqa: F401  (fixtures)

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
BURMESE_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")


def test_a_sku_typed_with_thai_or_burmese_digits_finds_the_pack(staff, coop):  # noqa: F811
    made = _products(coop, 3)
    made[1].variants[0].sku = "RNC-3IN1-10"
    made[1].name_my = "ကော်ဖီ ၃-မျိုးစပ်"
    db.session.commit()

    for where in ("/seller/products", "/seller/stock"):
        for typed in ("RNC-3IN1-๑๐", "rnc-၃in၁-၁၀"):
            page = text_of(staff.get(f"{where}?lang=en&q={typed}"))
            assert "Robusta lot 001" in page, (where, typed)
            assert "Robusta lot 002" not in page, (where, typed)
        page = text_of(staff.get(f"{where}?lang=en&q=3-မျိုးစပ်"))
        assert "Robusta lot 001" in page, where
