"""Why the office turns down a partner application: the reasons the applicant reads in the
language of its choice (see shop.core.reasons)."""

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
