"""Reading the audit log: filtered pages of entries, and a sentence and a link for each one.

The platform admin reads every cooperative's entries; a cooperative's owners read their own.
A page costs the same few queries however many entries it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from shop.accounts.models import User
from shop.catalog.models import ProductStatus, Variant
from shop.core.i18n import current_language
from shop.core.money import format_money
from shop.core.pagination import paginate
from shop.core.reasons import reason_text
from shop.inventory.services import ADJUSTMENT_LABELS
from shop.orders.carriers import carrier_name
from shop.orders.labels import STATUS_NAMES
from shop.payments.reasons import TRANSFER_REJECTION
from shop.platform.cooperatives import commission_percent
from shop.platform.forms import CooperativeForm
from shop.platform.models import AuditEntry
from shop.platform.reports import day_start
from shop.seller.forms import ProductForm, VariantForm

ENTRIES_PAGE_SIZE = 50

# A group is a list of action prefixes (ending in ".") and whole action names.
GROUPS = {
    "products": (
        _l("Products and packs"),
        ("product.", "variant.create", "variant.update", "variant.activate", "variant.deactivate"),
    ),
    "prices": (_l("Prices"), ("variant.price_change",)),
    "stock": (_l("Stock"), ("stock.",)),
    "orders": (_l("Orders"), ("seller_order.",)),
    "payments": (_l("Payments"), ("payment.",)),
    "staff": (_l("Staff"), ("staff.",)),
    "cooperatives": (_l("Cooperatives"), ("cooperative.",)),
    "partners": (_l("Partner shops and price lists"), ("partner.", "price_list.")),
}

MESSAGES = {
    "product.create": _l("Created the product %(product)s"),
    "product.update": _l("Changed the product %(product)s: %(changes)s"),
    "product.publish": _l("Published %(product)s in the shop"),
    "product.archive": _l("Archived %(product)s"),
    "product.images_add": _l("Added pictures to %(product)s"),
    "product.image_move": _l("Changed the order of the pictures of %(product)s"),
    "product.image_remove": _l("Removed a picture of %(product)s"),
    "variant.create": _l("Added the pack %(sku)s at %(new)s"),
    "variant.update": _l("Changed the pack %(sku)s: %(changes)s"),
    "variant.price_change": _l("Changed the price of %(sku)s from %(old)s to %(new)s"),
    "variant.activate": _l("Offered the pack %(sku)s again"),
    "variant.deactivate": _l("Stopped offering the pack %(sku)s"),
    "stock.receive": _l("Received %(quantity)s of %(sku)s; %(stock)s in stock"),
    "stock.adjust": _l(
        "Changed the stock of %(sku)s by %(change)s (%(reason)s); %(stock)s in stock"
    ),
    "stock.csv_import": _l(
        "Imported a stock sheet of %(rows)s rows. Prices changed: %(prices)s, warning levels "
        "changed: %(thresholds)s, stock changed: %(stocks)s"
    ),
    "seller_order.status": _l("Moved order %(order)s from %(old)s to %(new)s"),
    "seller_order.ship": _l(
        "Shipped order %(order)s with %(carrier)s, tracking number %(tracking)s"
    ),
    "seller_order.cancel": _l("Cancelled order %(order)s and refunded %(amount)s"),
    "payment.refund": _l("Refunded %(amount)s"),
    "payment.manual_refund": _l("Recorded a refund of %(amount)s for order %(order)s"),
    # Refunds since they are capped at what is left of the payment say what it was and is.
    "seller_order.cancel+left": _l(
        "Cancelled order %(order)s and refunded %(amount)s "
        "(%(already)s refunded before; %(left)s left)"
    ),
    "payment.refund+left": _l(
        "Refunded %(amount)s for order %(order)s (%(already)s refunded before; %(left)s left)"
    ),
    "payment.manual_refund+left": _l(
        "Recorded a refund of %(amount)s for order %(order)s "
        "(%(already)s refunded before; %(left)s left)"
    ),
    "payment.confirm": _l("Confirmed the transfer of %(amount)s for order %(order)s"),
    "payment.confirm+same_slip": _l(
        "Confirmed the transfer of %(amount)s for order %(order)s, whose slip picture was also "
        "sent for %(others)s"
    ),
    "payment.reject": _l("Rejected the transfer slip of order %(order)s: %(note)s"),
    "payment.reject+same_slip": _l(
        "Rejected the transfer slip of order %(order)s, whose picture was also sent for "
        "%(others)s: %(note)s"
    ),
    "payment.checked": _l("Checked what Stripe reported about a payment for order %(order)s"),
    "cooperative.create": _l("Added the cooperative %(cooperative)s"),
    "cooperative.update": _l("Changed the cooperative %(cooperative)s: %(changes)s"),
    "cooperative.suspend": _l("Suspended %(cooperative)s"),
    "cooperative.reactivate": _l("Reactivated %(cooperative)s"),
    "staff.invite": _l("Invited %(email)s (%(role)s)"),
    "staff.join": _l("Joined the staff (%(role)s)"),
    "staff.revoke_invitation": _l("Withdrew the invitation of %(email)s"),
    "staff.remove": _l("Removed %(email)s from the staff"),
    "partner.apply": _l("%(partner)s applied for a wholesale account"),
    "partner.approve": _l("Approved %(partner)s for wholesale"),
    "partner.terms": _l("Changed the terms of %(partner)s: %(changes)s"),
    "partner.reject": _l("Rejected the application of %(partner)s"),
    "partner.suspend": _l("Suspended the partner shop %(partner)s"),
    "partner.reactivate": _l("Reactivated the partner shop %(partner)s"),
    "partner.invite": _l("Invited %(email)s to buy for %(partner)s"),
    "partner.join": _l("Joined %(partner)s as a buyer"),
    "partner.revoke_invitation": _l("Withdrew the invitation of %(email)s to %(partner)s"),
    "partner.remove_member": _l("Removed %(email)s from %(partner)s"),
    "partner.spending_limit": _l("Changed the spending limit of %(email)s at %(partner)s"),
    "price_list.create": _l("Added the price list %(price_list)s"),
    "price_list.update": _l("Changed the price list %(price_list)s: %(changes)s"),
}
ROLE_NAMES = {"owner": _l("Owner"), "staff": _l("Staff")}

# Changed fields are named by the labels of the forms they were edited in: the editor's words,
# translated already.
FORMS = {"product.": ProductForm, "variant.": VariantForm, "cooperative.": CooperativeForm}
FORM_FIELDS = {"price_satang": "price", "commission_bp": "commission"}
VALUE_MAX = 60


@dataclass(frozen=True)
class AuditFilter:
    cooperative_id: int | None = None
    group: str | None = None
    actor: str = ""  # part of a name or an email
    date_from: date | None = None  # whole days in the shop's time zone, both inclusive
    date_to: date | None = None


def _entries_query(wanted: AuditFilter) -> Select:
    query = select(AuditEntry)
    if wanted.cooperative_id is not None:
        query = query.where(AuditEntry.cooperative_id == wanted.cooperative_id)
    if wanted.group in GROUPS:
        query = query.where(
            or_(
                *(
                    AuditEntry.action.startswith(p, autoescape=True)
                    if p.endswith(".")
                    else AuditEntry.action == p
                    for p in GROUPS[wanted.group][1]
                )
            )
        )
    text = "".join(ch for ch in wanted.actor if ch.isprintable()).strip().lower()
    if text:
        query = query.where(
            AuditEntry.actor.has(
                or_(
                    func.lower(User.name).contains(text, autoescape=True),
                    func.lower(User.email).contains(text, autoescape=True),
                )
            )
        )
    if wanted.date_from is not None:
        query = query.where(AuditEntry.created_at >= day_start(wanted.date_from))
    if wanted.date_to is not None:
        query = query.where(AuditEntry.created_at < day_start(wanted.date_to + timedelta(days=1)))
    return query


def list_entries(wanted: AuditFilter, page: int = 1) -> Pagination:
    """One page of entries, newest first, with who made them and what they are about."""
    stmt = (
        _entries_query(wanted)
        .options(
            joinedload(AuditEntry.actor),
            joinedload(AuditEntry.cooperative),
            joinedload(AuditEntry.product),
            joinedload(AuditEntry.variant).joinedload(Variant.product),
        )
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
    return paginate(stmt, page, ENTRIES_PAGE_SIZE)


# --- sentences --------------------------------------------------------------------------------


def _money(value) -> str:
    return format_money(value, current_language()) if isinstance(value, int) else "—"


def _number(value) -> str:
    return format_decimal(value) if isinstance(value, int) else "—"


def _value(key: str, value) -> str:
    if value is None or value == "":
        return "—"
    if key.endswith("_satang"):
        return _money(value)
    if key == "commission_bp" and str(value).isdigit():
        return commission_percent(int(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    text = str(value)
    return text if len(text) <= VALUE_MAX else text[: VALUE_MAX - 1] + "…"


def _label(action: str, key: str) -> str:
    form = next((f for prefix, f in FORMS.items() if action.startswith(prefix)), None)
    field = getattr(form, FORM_FIELDS.get(key, key), None)
    args = getattr(field, "args", None)
    return str(args[0]) if args else key


def _changes(action: str, changes: dict) -> str:
    return "; ".join(
        f"{_label(action, key)}: {_value(key, pair[0])} → {_value(key, pair[1])}"
        for key, pair in changes.items()
        if isinstance(pair, list) and len(pair) == 2
    )


def _pair(details: dict, key: str) -> tuple:
    pair = details.get(key)
    return tuple(pair) if isinstance(pair, list) and len(pair) == 2 else (None, None)


def _params(entry: AuditEntry) -> dict[str, object]:
    """Every placeholder a message may use, from the entry's details and what it is about."""
    d = entry.details or {}
    if "price_satang" in d:
        old, new = (_money(v) for v in _pair(d, "price_satang"))
    else:
        old, new = (STATUS_NAMES.get(s, s) for s in _pair(d, "status"))
    sku = d.get("sku")
    if not isinstance(sku, str):
        sku = entry.variant.sku if entry.variant else _pair(d, "sku")[1]
    quantity, changes = d.get("quantity"), d.get("changes")
    return {
        "product": entry.product.name if entry.product else _pair(d, "name_th")[1] or "—",
        "sku": sku or "—",
        "old": old,
        "new": new,
        "changes": _changes(entry.action, changes if isinstance(changes, dict) else d),
        "quantity": _number(quantity),
        "change": f"{quantity:+d}" if isinstance(quantity, int) else "—",
        "stock": _number(d.get("stock_after")),
        "reason": ADJUSTMENT_LABELS.get(d.get("kind"), d.get("kind", "")),
        "rows": _number(d.get("rows")),
        "prices": _number(d.get("prices_changed")),
        "thresholds": _number(d.get("thresholds_changed")),
        "stocks": _number(d.get("stock_changed")),
        "order": d.get("order", "—"),
        "carrier": carrier_name(str(d.get("carrier", ""))),
        "tracking": d.get("tracking_number", ""),
        "amount": _money(d.get("amount_satang", d.get("refunded_satang"))),
        "already": _money(d.get("already_refunded_satang")),
        "left": _money(d.get("left_satang")),
        "cooperative": entry.cooperative.name if entry.cooperative else "—",
        "email": d.get("email", "—"),
        "role": ROLE_NAMES.get(d.get("role"), d.get("role", "")),
        "partner": d.get("partner", "—"),
        "price_list": d.get("name", "—"),
        # A rejection since reasons became codes holds the code and the admin's note.
        "note": (
            reason_text(TRANSFER_REJECTION.name, d.get("reason"), d.get("note"))
            if "note" in d
            else d.get("reason", "")
        ),
        "others": ", ".join(str(n) for n in d.get("same_slip_orders") or ()) or "—",
    }


def describe(entry: AuditEntry) -> str:
    """What happened, as a sentence in the viewer's language (plain text, for escaping)."""
    details = entry.details or {}
    action = entry.action
    if action == "seller_order.status" and details.get("carrier"):
        action = "seller_order.ship"
    if "left_satang" in details and f"{action}+left" in MESSAGES:
        action = f"{action}+left"
    if details.get("same_slip_orders") and f"{action}+same_slip" in MESSAGES:
        action = f"{action}+same_slip"
    if action in MESSAGES:
        try:
            return MESSAGES[action] % _params(entry)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # details of an unexpected shape: say what they are instead
    listed = ", ".join(f"{key}: {_value(key, value)}" for key, value in details.items())
    return f"{entry.action}: {listed or '—'}"


def link(entry: AuditEntry, *, admin: bool) -> str | None:
    """A page about the entry's subject that the viewer opens: an admin page or the public
    product page for the admin, the cooperative's own backend pages for its owner."""
    details = entry.details or {}
    product = entry.product or (entry.variant.product if entry.variant else None)
    if admin:
        if entry.entity_type == "PartnerShop" and entry.entity_id:
            return url_for("platform.partner_detail", partner_id=entry.entity_id)
        if isinstance(details.get("partner_id"), int):
            return url_for("platform.partner_detail", partner_id=details["partner_id"])
        if entry.entity_type == "PriceList" and entry.entity_id:
            return url_for("platform.edit_price_list", price_list_id=entry.entity_id)
        if entry.action.startswith(("cooperative.", "staff.")) and entry.cooperative_id:
            return url_for("platform.edit_cooperative", cooperative_id=entry.cooperative_id)
        if isinstance(details.get("order"), str):
            return url_for("platform.order_list", q=details["order"])
        if product is not None and product.status == ProductStatus.ACTIVE:
            return url_for("catalog.product", slug=product.slug)
        return None
    if entry.action.startswith("staff."):
        return url_for("seller.staff")
    if entry.entity_type == "SellerOrder" and entry.entity_id:
        return url_for("seller.order_detail", seller_order_id=entry.entity_id)
    if entry.product is not None:
        return url_for("seller.edit_product", product_id=entry.product.id)
    if entry.variant is not None and entry.action.startswith("stock."):
        return url_for("seller.stock_ledger", variant_id=entry.variant.id)
    if entry.variant is not None:
        return url_for(
            "seller.edit_variant", product_id=entry.variant.product_id, variant_id=entry.variant.id
        )
    return None


@dataclass(frozen=True)
class AuditLine:
    entry: AuditEntry
    text: str
    url: str | None


def lines(entries: list[AuditEntry], *, admin: bool) -> list[AuditLine]:
    return [AuditLine(e, describe(e), link(e, admin=admin)) for e in entries]
