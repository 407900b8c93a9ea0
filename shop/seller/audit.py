"""Seller backend: the cooperative's audit log (owners only), on the seller blueprint."""

from __future__ import annotations

from flask import render_template, request

from shop.accounts.access import current_cooperative, owner_required
from shop.core.pagination import requested_page
from shop.platform import audit_log
from shop.platform.forms import AuditFilterForm
from shop.seller.views import bp


@bp.get("/audit")
@owner_required
def audit():
    cooperative = current_cooperative()
    form = AuditFilterForm(formdata=request.args, groups=audit_log.GROUPS)
    form.validate()
    wanted = audit_log.AuditFilter(**form.valid_filters(), cooperative_id=cooperative.id)
    found = audit_log.list_entries(wanted, requested_page())
    return render_template(
        "seller/audit.html",
        cooperative=cooperative,
        form=form,
        found=found,
        lines=audit_log.lines(found.items, admin=False),
    )
