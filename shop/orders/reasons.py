"""Why a cooperative cancels its part of an order: the reasons the buyer reads in their own
language (see shop.core.reasons)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from shop.core.reasons import ReasonList

SELLER_ORDER_CANCELLATION = ReasonList(
    "seller_order_cancellation",
    (
        ("out_of_stock", _l("The goods ran out before your order could be packed.")),
        ("damaged", _l("The goods were damaged and cannot be sent.")),
        ("cannot_deliver", _l("We cannot deliver to your address.")),
        ("buyer_asked", _l("You asked us to cancel the order.")),
        ("wrong_price", _l("The price shown in the shop was wrong.")),
    ),
)
