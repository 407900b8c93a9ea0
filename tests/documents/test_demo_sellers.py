"""The demo cooperatives are sellers whose receipts could be issued: valid tax IDs, and what a
VAT-registered one needs."""

from shop.catalog import demo_data
from shop.documents.seller_of_record import SellerOfRecord, check, is_valid_tax_id


def test_every_demo_cooperative_can_issue_receipts():
    for c in demo_data.COOPERATIVES:
        assert is_valid_tax_id(c["tax_id"]), c["slug"]
        check(
            SellerOfRecord(
                legal_name_th=c["name_th"],
                legal_name_en=c["name_en"],
                tax_id=c["tax_id"],
                branch_code="00000",
                registered_address_th=c["address_th"],
                registered_address_en=c["address_en"],
                vat_registered=c["vat_registered"],
            )
        )
