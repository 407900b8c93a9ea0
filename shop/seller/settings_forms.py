"""The owner's settings page: the seller of record on the cooperative's documents and the
minimum wholesale order, saved together."""

from __future__ import annotations

from shop.documents.forms import SellerOfRecordForm
from shop.seller.wholesale_forms import WholesaleMinimumForm


class SettingsForm(SellerOfRecordForm, WholesaleMinimumForm):
    pass
