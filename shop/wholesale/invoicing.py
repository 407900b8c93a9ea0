"""What partners owe and pay: a cooperative confirms its part of a wholesale order (and so
invoices it), payments against invoices (whole or partial), the partner's statement with its
ageing, and reminders. Services flush and audit; the caller commits.

Days are Asia/Bangkok days (shop.core.days). An invoice is due on the day it is issued for a
prepaid partner (the goods are packed once it is paid), or after the partner's net terms (the
goods go out at once). Ageing buckets are the usual receivables ones: current (not yet due),
1–30, 31–60, 61–90 and over 90 days past the due date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.accounts.models import User
from shop.catalog.models import Variant
from shop.core.burmese import looks_like_zawgyi, zawgyi_message
from shop.core.days import today
from shop.core.db import utcnow
from shop.core.i18n import current_language
from shop.core.images import (
    SLIP_DIR,
    SLIP_SIZES,
    ImageNotStored,
    ImageRejected,
    delete_unless_committed,
    store_image,
)
from shop.core.mail import send_after_commit
from shop.core.money import format_money
from shop.core.reasons import NOTE_MAX_LENGTH, OTHER
from shop.core.text import normalize_text
from shop.core.urls import external_url
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from shop.orders import state
from shop.orders.models import Order, OrderStatus, SellerOrder, SellerOrderStatus
from shop.platform.audit import record
from shop.pricing.models import QuantityRule, ShippingMethod
from shop.pricing.services import shipping_price
from shop.wholesale.models import (
    InvoiceReminder,
    InvoiceStatus,
    PartnerInvoice,
    PartnerPayment,
    PartnerPaymentStatus,
    PartnerShop,
    PaymentTerms,
)
from shop.wholesale.reasons import LINE_LOWERED, PARTNER_SLIP_REJECTION

MAX_DAYS_AHEAD = 180  # the latest delivery date a cooperative may set, from today
REMIND_DAYS_BEFORE = 3
AGEING_BUCKETS = (
    ("current", _l("Not yet due")),
    ("1_30", _l("1–30 days overdue")),
    ("31_60", _l("31–60 days overdue")),
    ("61_90", _l("61–90 days overdue")),
    ("over_90", _l("Over 90 days overdue")),
)


class InvoicingError(Exception):
    """A confirmation or payment that cannot be made; ``message`` says why (translated)."""

    def __init__(self, message, field_name: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field_name


# --- the cooperative confirms --------------------------------------------------------------------


@dataclass(frozen=True)
class LineChange:
    quantity: int | None  # the new quantity, at most the one ordered; None: not a number
    # Why, required when the quantity is lowered: a code of wholesale.reasons.LINE_LOWERED or
    # "other" (then with a note), and a note in the staff's own words.
    reason_code: str = ""
    note: str = ""


def _lowered_reason(line, change: LineChange) -> tuple[str, str]:
    """(code, note) of why ``line`` is lowered, as stored: a code of LINE_LOWERED, or "other"
    with a note; the note normalised, at most NOTE_MAX_LENGTH characters, not Zawgyi. Raises
    InvoicingError naming the line's SKU (and the field: ``reason-<id>`` or ``note-<id>``)."""
    code = (change.reason_code or "").strip()
    note = normalize_text((change.note or "").strip()) or ""
    if not code:
        raise InvoicingError(
            _l("%(sku)s: please say why the quantity is lowered.", sku=line.sku),
            f"reason-{line.id}",
        )
    if code != OTHER and not LINE_LOWERED.wording(code):
        raise InvoicingError(
            _l("%(sku)s: please choose one of the reasons.", sku=line.sku), f"reason-{line.id}"
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise InvoicingError(
            _l(
                "%(sku)s: please use at most %(max)s characters.",
                sku=line.sku,
                max=NOTE_MAX_LENGTH,
            ),
            f"note-{line.id}",
        )
    if looks_like_zawgyi(note):
        raise InvoicingError(zawgyi_message(), f"note-{line.id}")
    if not LINE_LOWERED.accepts(code, note):
        raise InvoicingError(
            _l("%(sku)s: please say the reason in the note.", sku=line.sku), f"note-{line.id}"
        )
    return code, note


def lock_seller_order(seller_order: SellerOrder) -> SellerOrder:
    """Re-read a seller order with its row locked (PostgreSQL), so that a confirmation and a
    proforma request of the same part queue up."""
    return db.session.scalars(
        select(SellerOrder)
        .where(SellerOrder.id == seller_order.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def new_invoice_number(year: int) -> str:
    """The next invoice number of the year: "WI-2026-000001" (one series for the platform)."""
    prefix = f"WI-{year}-"
    last = db.session.scalar(
        select(func.max(PartnerInvoice.number)).where(PartnerInvoice.number.like(f"{prefix}%"))
    )
    return f"{prefix}{int(last.removeprefix(prefix)) + 1 if last else 1:06d}"


def confirm(
    seller_order: SellerOrder,
    changes: Mapping[int, LineChange],
    delivery_date: date,
    *,
    actor_id: int,
    export_terms=None,
) -> PartnerInvoice | None:
    """The cooperative confirms its part of a wholesale order: lowers quantities it cannot
    deliver (``changes`` by order line id; each with a reason; the stock comes back; the unit
    price stays the one ordered), sets the delivery date, and so invoices the partner and
    issues the goods' commercial invoice and packing list (shop.documents.wholesale), on
    ``export_terms`` (an ExportTerms; by default the delivery method's Incoterm), and from a
    VAT-registered cooperative the partner's tax invoice at 0 % VAT (export, s. 80/1).

    Returns the invoice, or None when every line was lowered to 0 (the part is cancelled).
    Raises InvoicingError (nothing changes) when the part is not waiting for confirmation, a
    quantity is raised or negative, a lowered line has no reason, or the delivery date is in
    the past or more than MAX_DAYS_AHEAD days ahead.
    """
    seller_order = lock_seller_order(seller_order)
    if seller_order.status != SellerOrderStatus.TO_CONFIRM:
        raise InvoicingError(_l("This order is not waiting for your confirmation."))
    day = today()
    if not day <= delivery_date <= day + timedelta(days=MAX_DAYS_AHEAD):
        raise InvoicingError(
            _l(
                "Please choose a delivery date from today to %(days)s days ahead.",
                days=MAX_DAYS_AHEAD,
            ),
            "delivery_date",
        )
    cases = _case_packs(seller_order)
    lowered = {}
    for line in seller_order.lines:
        change = changes.get(line.id)
        if change is None or change.quantity == line.quantity:
            continue
        if change.quantity is None:
            raise InvoicingError(
                _l("%(sku)s: please enter the units to deliver as a whole number.", sku=line.sku),
                f"quantity-{line.id}",
            )
        if not 0 <= change.quantity < line.quantity:
            raise InvoicingError(
                _l("%(sku)s: the quantity may only be lowered, to 0 at least.", sku=line.sku),
                f"quantity-{line.id}",
            )
        case = cases.get(line.variant_id, 1)
        if change.quantity % case:
            raise InvoicingError(
                _l(
                    "%(sku)s is sold in cartons of %(case)s: deliver whole cartons "
                    "(%(below)s or %(above)s).",
                    sku=line.sku,
                    case=case,
                    below=change.quantity - change.quantity % case,
                    above=change.quantity - change.quantity % case + case,
                ),
                f"quantity-{line.id}",
            )
        lowered[line.id] = (line, change.quantity, *_lowered_reason(line, change))
    order = seller_order.order
    for line, quantity, code, note in sorted(lowered.values(), key=lambda t: t[0].variant_id):
        change_stock(
            line.variant_id, line.quantity - quantity, StockReason.RELEASE, reference=order.number
        )
        line.ordered_quantity, line.quantity = line.quantity, quantity
        line.change_reason_code, line.change_reason = code, note
    goods = sum(line.total_satang for line in seller_order.lines)
    seller_order.goods_satang = goods
    if lowered:
        _redo_delivery(seller_order, goods, cases)
    order.goods_satang = sum(so.goods_satang for so in order.seller_orders)
    order.shipping_satang = sum(so.shipping_satang for so in order.seller_orders)
    order.total_satang = order.goods_satang + order.shipping_satang
    seller_order.delivery_date = delivery_date
    invoice = None
    if goods == 0:
        state.move_seller_order(seller_order, SellerOrderStatus.CANCELLED)
        seller_order.cancelled_at = seller_order.cancelled_at or utcnow()
    else:
        state.move_seller_order(seller_order, SellerOrderStatus.CONFIRMED)
        seller_order.confirmed_at = utcnow()
        partner = db.session.get(PartnerShop, order.partner_shop_id)
        invoice = PartnerInvoice(
            number=new_invoice_number(day.year),
            seller_order_id=seller_order.id,
            partner_shop_id=partner.id,
            cooperative_id=seller_order.cooperative_id,
            issued_on=day,
            due_on=day + timedelta(days=PaymentTerms(partner.payment_terms).days),
            amount_satang=seller_order.total_satang,
        )
        db.session.add(invoice)
    db.session.flush()
    if invoice is not None:
        from shop.documents.wholesale import issue_export_papers, issue_partner_tax_invoice

        issue_export_papers(seller_order, export_terms)
        issue_partner_tax_invoice(seller_order)
    _close_order_if_done(order)
    record(
        "wholesale_order.confirm",
        seller_order,
        actor_id=actor_id,
        cooperative_id=seller_order.cooperative_id,
        number=order.number,
        delivery_date=delivery_date.isoformat(),
        lowered={
            line.sku: [line.ordered_quantity, q, code, note]
            for line, q, code, note in lowered.values()
        },
        invoice=invoice.number if invoice else None,
    )
    send_after_commit(
        order.email,
        "wholesale_order_confirmed",
        order.locale,
        order=order,
        seller_order=seller_order,
        invoice=invoice,
        url=external_url("wholesale.order_detail", number=order.number),
    )
    return invoice


def _case_packs(seller_order: SellerOrder) -> dict[int, int]:
    """Units per carton of the part's wholesale packs, by variant id (retail-only packs: none)."""
    ids = [line.variant_id for line in seller_order.lines]
    rows = db.session.execute(
        select(QuantityRule.variant_id, QuantityRule.case_pack).where(
            QuantityRule.variant_id.in_(ids)
        )
    )
    return dict(rows.tuples().all())


def _redo_delivery(seller_order: SellerOrder, goods: int, cases: dict[int, int]) -> None:
    """The parcel after lowered quantities: its weight, and its delivery price by the method's
    rates (never more than the price the partner ordered at; nothing when nothing is left)."""
    weights = dict(
        db.session.execute(
            select(Variant.id, Variant.weight_grams).where(
                Variant.id.in_([line.variant_id for line in seller_order.lines])
            )
        )
        .tuples()
        .all()
    )
    seller_order.weight_grams = sum(
        line.quantity * weights[line.variant_id] for line in seller_order.lines
    )
    if goods == 0:
        seller_order.shipping_satang = 0
        return
    method = (
        db.session.get(ShippingMethod, seller_order.shipping_method_id)
        if seller_order.shipping_method_id
        else None
    )
    if method is None:
        return
    cartons = sum(-(-line.quantity // cases.get(line.variant_id, 1)) for line in seller_order.lines)
    price = shipping_price(method, max(seller_order.weight_grams, 1), goods, cartons)
    if price is not None:
        seller_order.shipping_satang = min(seller_order.shipping_satang, price)


def may_pack(seller_order: SellerOrder) -> bool:
    """Whether a confirmed wholesale part may be packed: at once on terms, once its invoice is
    paid when the partner is prepaid. Retail parts: once paid (the state machine decides)."""
    if seller_order.status != SellerOrderStatus.CONFIRMED:
        return True
    invoice = invoice_of(seller_order)
    partner = db.session.get(PartnerShop, seller_order.order.partner_shop_id)
    on_terms = partner.payment_terms != PaymentTerms.PREPAID
    return on_terms or (invoice is not None and invoice.status == InvoiceStatus.PAID)


def invoice_of(seller_order: SellerOrder) -> PartnerInvoice | None:
    return db.session.scalars(
        select(PartnerInvoice).where(PartnerInvoice.seller_order_id == seller_order.id)
    ).first()


def _close_order_if_done(order: Order) -> None:
    """An order on account is paid once every invoice of its live parts is paid."""
    parts = [so for so in order.seller_orders if so.status != SellerOrderStatus.CANCELLED]
    if not parts:
        state.move(order, OrderStatus.CANCELLED)
        return
    invoices = db.session.scalars(
        select(PartnerInvoice).where(PartnerInvoice.seller_order_id.in_([so.id for so in parts]))
    ).all()
    if len(invoices) == len(parts) and all(i.status == InvoiceStatus.PAID for i in invoices):
        order.status = OrderStatus.PAID
        order.paid_at = utcnow()


# --- payments ---------------------------------------------------------------------------------


def _lock_invoice(invoice_id: int) -> PartnerInvoice:
    return db.session.scalars(
        select(PartnerInvoice)
        .where(PartnerInvoice.id == invoice_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _check_amount(invoice: PartnerInvoice, amount: int, pending: int = 0) -> None:
    if invoice.status != InvoiceStatus.OPEN:
        raise InvoicingError(_l("This invoice is not open for payment."))
    left = invoice.balance_satang - pending
    if not 0 < amount <= left:
        raise InvoicingError(
            _l(
                "Please enter an amount from ฿0.01 to %(left)s, what is left to pay.",
                left=format_money(max(left, 0), current_language()),
            ),
            "amount",
        )


def _apply(invoice: PartnerInvoice, payment: PartnerPayment) -> None:
    invoice.paid_satang += payment.amount_satang
    if invoice.paid_satang >= invoice.amount_satang:
        invoice.status = InvoiceStatus.PAID
        db.session.flush()
        _close_order_if_done(invoice.seller_order.order)


MAX_REFERENCE = 80


def _reference(text: str) -> str:
    """A bank reference as typed, in the one spelling; InvoicingError when too long or Zawgyi."""
    reference = normalize_text((text or "").strip()) or ""
    if len(reference) > MAX_REFERENCE:
        raise InvoicingError(
            _l("Please use at most %(max)s characters.", max=MAX_REFERENCE), "reference"
        )
    if looks_like_zawgyi(reference):
        raise InvoicingError(zawgyi_message(), "reference")
    return reference


def pending_satang(invoice: PartnerInvoice) -> int:
    """What the partner sent slips for that the office has not checked yet."""
    return sum(
        p.amount_satang for p in invoice.payments if p.status == PartnerPaymentStatus.PENDING
    )


def record_payment(
    invoice_id: int, amount: int, received_on: date, reference: str, *, actor: User
) -> PartnerPayment:
    """The office records money received against an invoice (confirmed at once). Raises
    InvoicingError for an amount over what is left or an invoice not open."""
    invoice = _lock_invoice(invoice_id)
    _check_amount(invoice, amount)
    payment = PartnerPayment(
        invoice=invoice,
        partner_shop_id=invoice.partner_shop_id,
        amount_satang=amount,
        received_on=received_on,
        reference=_reference(reference),
        status=PartnerPaymentStatus.CONFIRMED,
        checked_by_id=actor.id,
    )
    db.session.add(payment)
    _apply(invoice, payment)
    db.session.flush()
    record(
        "partner_payment.record",
        payment,
        actor_id=actor.id,
        invoice=invoice.number,
        amount_satang=amount,
        reference=payment.reference,
    )
    return payment


def send_slip(
    invoice_id: int, amount: int, picture: bytes, reference: str, *, sender: User
) -> PartnerPayment:
    """A partner member sends a transfer slip (its picture, re-encoded and kept) for part or
    all of an invoice; it waits for the office. Raises InvoicingError for an amount over what
    is left (less slips waiting), or a picture that is refused or cannot be kept."""
    invoice = _lock_invoice(invoice_id)
    _check_amount(invoice, amount, pending_satang(invoice))
    upload_dir = current_app.config["UPLOAD_DIR"]
    try:
        stored = store_image(picture, upload_dir, SLIP_DIR, SLIP_SIZES)
    except ImageRejected as exc:
        raise InvoicingError(
            _l("Please upload a photo or screenshot of the slip (JPEG, PNG or WebP, up to 10 MB)."),
            "slip",
        ) from exc
    except ImageNotStored as exc:
        raise InvoicingError(
            _l("The slip could not be saved right now. Please try again in a few minutes.")
        ) from exc
    delete_unless_committed(db.session, stored.stem, upload_dir, SLIP_DIR, SLIP_SIZES)
    payment = PartnerPayment(
        invoice=invoice,
        partner_shop_id=invoice.partner_shop_id,
        amount_satang=amount,
        received_on=today(),
        reference=_reference(reference),
        slip_stem=stored.stem,
        slip_sha256=hashlib.sha256(picture).hexdigest(),
        status=PartnerPaymentStatus.PENDING,
        sent_by_id=sender.id,
    )
    db.session.add(payment)
    db.session.flush()
    record(
        "partner_payment.slip",
        payment,
        actor_id=sender.id,
        invoice=invoice.number,
        amount_satang=amount,
    )
    return payment


def check_slip(
    payment: PartnerPayment, *, accept: bool, reason: tuple[str, str] = ("", ""), actor: User
) -> None:
    """The office accepts a partner's slip (the invoice is paid by it) or rejects it with a
    reason: (code of ``wholesale.reasons.PARTNER_SLIP_REJECTION`` or ``other``, a note in the
    office's own words), stored, audited and worded for the partner in its language
    (``core.reasons.reason_text``). Raises InvoicingError when the slip was already checked,
    or the reason is not one the list can give ("Another reason" needs a note)."""
    invoice = _lock_invoice(payment.invoice_id)
    db.session.refresh(payment)
    if payment.status != PartnerPaymentStatus.PENDING:
        raise InvoicingError(_l("This slip was already checked."))
    if accept:
        _check_amount(invoice, payment.amount_satang)
        payment.status = PartnerPaymentStatus.CONFIRMED
        _apply(invoice, payment)
    else:
        code, note = reason[0], (reason[1] or "").strip()
        if not PARTNER_SLIP_REJECTION.accepts(code, note):
            raise InvoicingError(_l("Please tell the partner why the slip is rejected."), "reason")
        payment.status = PartnerPaymentStatus.REJECTED
        payment.rejection_reason_code, payment.rejection_reason = code, note[:NOTE_MAX_LENGTH]
    payment.checked_by_id = actor.id
    db.session.flush()
    record(
        "partner_payment.accept" if accept else "partner_payment.reject",
        payment,
        actor_id=actor.id,
        invoice=invoice.number,
        amount_satang=payment.amount_satang,
        reason=payment.rejection_reason_code,
        note=payment.rejection_reason,
    )
    sender = db.session.get(User, payment.sent_by_id) if payment.sent_by_id else None
    if sender is not None and sender.active:
        send_after_commit(
            sender.email,
            "partner_slip_accepted" if accept else "partner_slip_rejected",
            sender.locale or invoice.partner.preferred_language,
            payment=payment,
            invoice=invoice,
            url=external_url("wholesale.statement"),
        )


def same_pictures(payments: list[PartnerPayment]) -> dict[int, list[str]]:
    """For each payment, where else the same slip picture (by the SHA-256 of its bytes) was
    sent: other partner invoices' numbers and retail orders' numbers, by payment id. A picture
    used twice is a warning sign. Two queries, whatever the number of slips."""
    from shop.payments.models import Payment

    digests = {p.slip_sha256 for p in payments if p.slip_sha256}
    partner_rows = db.session.execute(
        select(PartnerPayment.id, PartnerPayment.slip_sha256, PartnerInvoice.number)
        .join(PartnerInvoice, PartnerPayment.invoice_id == PartnerInvoice.id)
        .where(PartnerPayment.slip_sha256.in_(digests))
    ).all()
    retail_rows = db.session.execute(
        select(Payment.slip_sha256, Order.number)
        .join(Order, Payment.order_id == Order.id)
        .where(Payment.slip_sha256.in_(digests))
    ).all()
    found = {}
    for payment in payments:
        places = {n for pid, d, n in partner_rows if d == payment.slip_sha256 and pid != payment.id}
        places |= {n for d, n in retail_rows if d == payment.slip_sha256}
        found[payment.id] = sorted(places) if payment.slip_sha256 else []
    return found


def slips_to_check(limit: int = 200) -> list[PartnerPayment]:
    return list(
        db.session.scalars(
            select(PartnerPayment)
            .where(PartnerPayment.status == PartnerPaymentStatus.PENDING)
            .options(selectinload(PartnerPayment.invoice))
            .order_by(PartnerPayment.id)
            .limit(limit)
        )
    )


# --- the statement -----------------------------------------------------------------------------


@dataclass
class Statement:
    """A partner's invoices and payments, its balance and its ageing on ``day``."""

    partner: PartnerShop
    day: date
    invoices: list[PartnerInvoice]
    payments: list[PartnerPayment]
    ageing: dict[str, int] = field(default_factory=dict)  # bucket -> unpaid satang

    @property
    def invoiced(self) -> int:
        return sum(i.amount_satang for i in self.invoices if i.status != InvoiceStatus.CANCELLED)

    @property
    def paid(self) -> int:
        return sum(
            p.amount_satang for p in self.payments if p.status == PartnerPaymentStatus.CONFIRMED
        )

    @property
    def balance(self) -> int:
        return sum(i.balance_satang for i in self.invoices)

    @property
    def overdue(self) -> int:
        return self.balance - self.ageing.get("current", 0)


def bucket(days_overdue: int) -> str:
    """The ageing bucket of an unpaid amount ``days_overdue`` days past its due date."""
    if days_overdue <= 0:
        return "current"
    if days_overdue <= 30:
        return "1_30"
    if days_overdue <= 60:
        return "31_60"
    if days_overdue <= 90:
        return "61_90"
    return "over_90"


def statements(partners: list[PartnerShop], day: date | None = None) -> list[Statement]:
    """Each partner's statement on ``day`` (today in Ranong by default), in the partners' order.
    A constant number of queries, whatever the number of partners and invoices."""
    day = day or today()
    invoices = db.session.scalars(
        select(PartnerInvoice)
        .where(PartnerInvoice.partner_shop_id.in_([p.id for p in partners]))
        .options(
            selectinload(PartnerInvoice.payments),
            selectinload(PartnerInvoice.cooperative),
            selectinload(PartnerInvoice.seller_order).selectinload(SellerOrder.order),
        )
        .order_by(PartnerInvoice.issued_on.desc(), PartnerInvoice.id.desc())
    ).all()
    by_partner: dict[int, list[PartnerInvoice]] = {p.id: [] for p in partners}
    for invoice in invoices:
        by_partner[invoice.partner_shop_id].append(invoice)
    result = []
    for partner in partners:
        own = by_partner[partner.id]
        payments = sorted(
            (p for i in own for p in i.payments), key=lambda p: (p.received_on, p.id), reverse=True
        )
        ageing = {key: 0 for key, _label in AGEING_BUCKETS}
        for invoice in own:
            if invoice.balance_satang:
                ageing[bucket((day - invoice.due_on).days)] += invoice.balance_satang
        result.append(Statement(partner, day, own, payments, ageing))
    return result


def statement(partner: PartnerShop, day: date | None = None) -> Statement:
    """The partner's statement on ``day`` (today in Ranong by default)."""
    return statements([partner], day)[0]


def invoices_of_order(order: Order) -> list[PartnerInvoice]:
    return list(
        db.session.scalars(
            select(PartnerInvoice)
            .where(PartnerInvoice.seller_order_id.in_([so.id for so in order.seller_orders]))
            .order_by(PartnerInvoice.id)
        )
    )


def invoice_of_partner(partner_id: int, number: str) -> PartnerInvoice | None:
    return db.session.scalars(
        select(PartnerInvoice).where(
            PartnerInvoice.partner_shop_id == partner_id, PartnerInvoice.number == number
        )
    ).first()


# --- reminders ---------------------------------------------------------------------------------


def send_reminders(day: date | None = None) -> dict[str, int]:
    """Mail each open invoice's reminders once: REMIND_DAYS_BEFORE days before its due date
    (or later, until it is due), and once it is overdue. Returns how many of each were sent.
    Run daily by ``flask --app wsgi wholesale remind``."""
    day = day or today()
    sent = {"before_due": 0, "overdue": 0}
    open_invoices = db.session.scalars(
        select(PartnerInvoice)
        .where(PartnerInvoice.status == InvoiceStatus.OPEN)
        .options(selectinload(PartnerInvoice.partner).selectinload(PartnerShop.members))
        .order_by(PartnerInvoice.id)
    ).all()
    done = {
        (r.invoice_id, r.kind)
        for r in db.session.scalars(
            select(InvoiceReminder).where(
                InvoiceReminder.invoice_id.in_([i.id for i in open_invoices])
            )
        )
    }
    for invoice in open_invoices:
        if invoice.due_on < day:
            kind = "overdue"
        elif (
            invoice.due_on - day <= timedelta(days=REMIND_DAYS_BEFORE)
            and invoice.due_on > invoice.issued_on
        ):
            kind = "before_due"
        else:
            continue
        if (invoice.id, kind) in done:
            continue
        db.session.add(InvoiceReminder(invoice_id=invoice.id, kind=kind, sent_at=utcnow()))
        for member in invoice.partner.members:
            if member.user.active:
                send_after_commit(
                    member.user.email,
                    f"invoice_{kind}",
                    member.user.locale or invoice.partner.preferred_language,
                    invoice=invoice,
                    partner=invoice.partner,
                    url=external_url("wholesale.statement"),
                )
        sent[kind] += 1
    db.session.flush()
    return sent
