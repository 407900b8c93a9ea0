"""Why the office or a cooperative decides against a partner: the reasons the partner reads in
the language of its choice (see shop.core.reasons). An application turned down, a transfer
slip rejected, a wholesale order declined, a line lowered when a cooperative confirms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from shop.core.reasons import ReasonList

PARTNER_REJECTION = ReasonList(
    "partner_rejection",
    (
        ("not_verified", _l("We could not verify the business registration.")),
        ("outside_area", _l("The shop is outside the area the programme serves.")),
        ("incomplete", _l("The application is missing details we need.")),
        ("duplicate", _l("This business already has a partner account.")),
    ),
)

PARTNER_SLIP_REJECTION = ReasonList(
    "partner_slip_rejection",
    (
        ("not_found", _l("We did not find this transfer in the shop's bank account.")),
        ("amount", _l("The amount on the slip is not the amount of the payment you entered.")),
        ("other_account", _l("The slip shows a transfer to another account than the shop's.")),
        ("unreadable", _l("The slip cannot be read: please send a sharper photo or a screenshot.")),
        ("other_invoice", _l("The slip is for another invoice than this one.")),
        ("used_before", _l("This slip was already sent for another payment.")),
    ),
)

# Read by the buyer who placed the order; the office or the partner's own admin declines it.
WHOLESALE_ORDER_DECLINE = ReasonList(
    "wholesale_order_decline",
    (
        ("credit_limit", _l("The order would take your company over its credit limit.")),
        ("overdue", _l("Your company has overdue invoices: please pay them first.")),
        ("spending_limit", _l("The order is more than your spending limit.")),
        ("cannot_supply", _l("The cooperatives cannot supply these goods now.")),
        ("partner_asked", _l("You asked us to cancel the order.")),
    ),
)

# Read by the partner beside a line a cooperative lowered when confirming its part.
LINE_LOWERED = ReasonList(
    "wholesale_line_lowered",
    (
        ("out_of_stock", _l("The goods ran out before your order could be packed.")),
        ("cartons", _l("The pack is sent in whole cartons only.")),
        ("harvest", _l("The harvest or the roasting gave less than planned.")),
        ("damaged", _l("The goods were damaged and cannot be sent.")),
    ),
)
