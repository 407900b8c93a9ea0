"""The search and filter of the seller's product and stock lists (GET forms: no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField
from wtforms.validators import Optional

from shop.catalog.models import ProductStatus
from shop.core.forms import ShopForm, at_most
from shop.seller.forms import strip


class ProductFilterForm(ShopForm):
    """``q``: part of a product's name in any language or of a pack's SKU; ``status``."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name or SKU"), filters=[strip], validators=[at_most(100)])
    status = SelectField(
        _l("Status"),
        choices=[
            ("", _l("All")),
            (ProductStatus.DRAFT.value, _l("Draft")),
            (ProductStatus.ACTIVE.value, _l("In the shop")),
            (ProductStatus.ARCHIVED.value, _l("Archived")),
        ],
        validators=[Optional()],
    )

    def wanted(self) -> tuple[str, ProductStatus | None]:
        """(search text, status) from valid input; nothing filtered for invalid input."""
        if not self.validate():
            return "", None
        return self.q.data or "", ProductStatus(self.status.data) if self.status.data else None


class StockFilterForm(ShopForm):
    """``q``: part of a pack's SKU or of its product's name in any language."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name or SKU"), filters=[strip], validators=[at_most(100)])

    def wanted(self) -> str:
        return (self.q.data or "") if self.validate() else ""
