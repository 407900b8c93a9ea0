"""Why the office rejects a transfer slip: the reasons the buyer reads in their own language
(see shop.core.reasons)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from shop.core.reasons import ReasonList

TRANSFER_REJECTION = ReasonList(
    "transfer_rejection",
    (
        ("not_found", _l("We did not find this transfer in the shop's bank account.")),
        ("amount", _l("The amount on the slip is not the order's total.")),
        ("other_account", _l("The slip shows a transfer to another account than the shop's.")),
        ("unreadable", _l("The slip cannot be read: please send a sharper photo or a screenshot.")),
        ("not_a_slip", _l("The picture is not a transfer slip.")),
        ("used_before", _l("This slip was already sent for another order.")),
    ),
)
