"""Partner companies: businesses across the border (shops in Kawthaung) that apply for a
wholesale account, are approved by the platform with a price list and payment terms, and order
through their members (a partner admin and the buyers the admin invites)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.accounts.invitation_links import InvitationLink
from shop.accounts.models import User
from shop.core.db import TimestampMixin, UTCDateTime, value_enum
from shop.extensions import db
from shop.pricing.models import PriceList

MAX_CREDIT_LIMIT_SATANG = 1_000_000_000  # ฿10,000,000: fits PostgreSQL's integer with room
MAX_SPENDING_LIMIT_SATANG = MAX_CREDIT_LIMIT_SATANG


class PartnerShopStatus(enum.StrEnum):
    PENDING = "pending"  # applied, waiting for the platform
    APPROVED = "approved"  # may buy wholesale
    REJECTED = "rejected"
    SUSPENDED = "suspended"  # was approved; no wholesale access until reactivated


class PaymentTerms(enum.StrEnum):
    PREPAID = "prepaid"  # pays by transfer or PromptPay before the goods leave
    NET_7 = "net_7"
    NET_15 = "net_15"
    NET_30 = "net_30"

    @property
    def days(self) -> int:
        """Days from the invoice to its due date; 0 when prepaid."""
        return 0 if self is PaymentTerms.PREPAID else int(self.value.removeprefix("net_"))


class PartnerRole(enum.StrEnum):
    PARTNER_ADMIN = "partner_admin"  # invites and removes buyers, sets their spending limits
    BUYER = "buyer"


class PartnerShop(TimestampMixin, db.Model):
    """A partner company: what it applied with, its status, and its terms once approved."""

    __table_args__ = (
        CheckConstraint("credit_limit_satang >= 0", name="credit_limit_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # the business name, as registered
    contact_name: Mapped[str] = mapped_column(String(200), default="")  # one field: see decisions
    phone: Mapped[str] = mapped_column(String(40), default="")  # E.164: "+959423318765"
    address_line: Mapped[str] = mapped_column(String(200), default="")  # house and street
    ward: Mapped[str] = mapped_column(String(100), default="")
    township: Mapped[str] = mapped_column(String(120))
    region: Mapped[str] = mapped_column(String(5), default="")  # ISO 3166-2:MM, see regions.py
    postcode: Mapped[str] = mapped_column(String(10), default="")
    country: Mapped[str] = mapped_column(String(2), default="MM")  # ISO 3166-1 alpha-2
    registration_number: Mapped[str] = mapped_column(String(60), default="")
    preferred_language: Mapped[str] = mapped_column(String(5), default="my")  # mails in it
    status: Mapped[PartnerShopStatus] = mapped_column(
        value_enum(PartnerShopStatus, "partner_shop_status"), default=PartnerShopStatus.PENDING
    )
    # Why an application was turned down: a code of shop.wholesale.reasons.PARTNER_REJECTION
    # (worded in each reader's language) and the office's note, as typed.
    rejection_reason_code: Mapped[str] = mapped_column(String(40), default="")
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    price_list_id: Mapped[int | None] = mapped_column(ForeignKey("price_list.id"), index=True)
    payment_terms: Mapped[PaymentTerms] = mapped_column(
        value_enum(PaymentTerms, "payment_terms"), default=PaymentTerms.PREPAID
    )
    credit_limit_satang: Mapped[int] = mapped_column(default=0)  # 0 when prepaid
    require_po_number: Mapped[bool] = mapped_column(default=False)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    price_list: Mapped[PriceList | None] = relationship()
    approved_by: Mapped[User | None] = relationship()
    members: Mapped[list[PartnerMembership]] = relationship(
        back_populates="partner", cascade="all, delete-orphan", order_by="PartnerMembership.id"
    )

    @property
    def is_approved(self) -> bool:
        return self.status == PartnerShopStatus.APPROVED

    @property
    def admins(self) -> list[PartnerMembership]:
        return [m for m in self.members if m.role == PartnerRole.PARTNER_ADMIN]


class PartnerMembership(TimestampMixin, db.Model):
    """A user's place in a partner company. A user belongs to at most one partner company."""

    __table_args__ = (
        CheckConstraint(
            "spending_limit_satang IS NULL OR spending_limit_satang > 0",
            name="spending_limit_positive",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"), index=True)
    role: Mapped[PartnerRole] = mapped_column(
        value_enum(PartnerRole, "partner_role"), default=PartnerRole.BUYER
    )
    # The most one order of this member may be worth (satang, VAT included); None: no limit.
    spending_limit_satang: Mapped[int | None]

    user: Mapped[User] = relationship(back_populates="partner_membership")
    partner: Mapped[PartnerShop] = relationship(back_populates="members")

    @property
    def is_partner_admin(self) -> bool:
        return self.role == PartnerRole.PARTNER_ADMIN


class PartnerInvitation(InvitationLink, db.Model):
    """An email invited by a partner admin to buy for the partner company."""

    __table_args__ = (
        CheckConstraint(
            "spending_limit_satang IS NULL OR spending_limit_satang > 0",
            name="spending_limit_positive",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"), index=True)
    spending_limit_satang: Mapped[int | None]  # given to the buyer on joining

    partner: Mapped[PartnerShop] = relationship()
    invited_by: Mapped[User | None] = relationship()


class InvoiceStatus(enum.StrEnum):
    OPEN = "open"  # issued, not paid in full
    PAID = "paid"
    CANCELLED = "cancelled"  # the seller order was cancelled before it was paid


class PartnerInvoice(TimestampMixin, db.Model):
    """What a partner owes one cooperative for one confirmed wholesale seller order.

    Issued when the cooperative confirms its part (quantities and delivery date); due on
    ``due_on`` (an Asia/Bangkok day: the issue day for prepaid partners, or after the partner's
    net terms). ``paid_satang`` is the sum of the confirmed payments against it.
    """

    __table_args__ = (
        CheckConstraint("amount_satang >= 0", name="amount_not_negative"),
        CheckConstraint("paid_satang >= 0 AND paid_satang <= amount_satang", name="paid_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # "WI-2026-000123"
    seller_order_id: Mapped[int] = mapped_column(ForeignKey("seller_order.id"), unique=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    issued_on: Mapped[date]
    due_on: Mapped[date] = mapped_column(index=True)
    amount_satang: Mapped[int]
    paid_satang: Mapped[int] = mapped_column(default=0)
    status: Mapped[InvoiceStatus] = mapped_column(
        value_enum(InvoiceStatus, "invoice_status"), default=InvoiceStatus.OPEN
    )

    partner: Mapped[PartnerShop] = relationship()
    seller_order = relationship("SellerOrder")
    cooperative = relationship("Cooperative")
    payments: Mapped[list[PartnerPayment]] = relationship(
        back_populates="invoice", order_by="PartnerPayment.id"
    )

    @property
    def balance_satang(self) -> int:
        return self.amount_satang - self.paid_satang if self.status == InvoiceStatus.OPEN else 0

    def days_overdue(self, today: date) -> int:
        """Days past the due date on ``today`` (0 when not yet due or paid)."""
        return max((today - self.due_on).days, 0) if self.balance_satang else 0


class PartnerPaymentStatus(enum.StrEnum):
    PENDING = "pending"  # a slip the partner sent, waiting for the office to check it
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class PartnerPayment(TimestampMixin, db.Model):
    """Money a partner paid against one invoice: all of it or a part. Recorded by the office
    (confirmed at once) or sent by the partner with a transfer slip (pending until checked)."""

    __table_args__ = (CheckConstraint("amount_satang > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("partner_invoice.id"), index=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"), index=True)
    amount_satang: Mapped[int]
    received_on: Mapped[date]
    reference: Mapped[str] = mapped_column(String(80), default="")  # bank reference, cheque no.
    slip_stem: Mapped[str] = mapped_column(String(64), default="")  # the slip picture, if any
    slip_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)  # its bytes
    status: Mapped[PartnerPaymentStatus] = mapped_column(
        value_enum(PartnerPaymentStatus, "partner_payment_status"),
        default=PartnerPaymentStatus.PENDING,
    )
    # Why a slip was rejected: a code of shop.wholesale.reasons.PARTNER_SLIP_REJECTION (worded
    # in each reader's language) and the office's note, as typed ("" code: a note alone, as
    # slips rejected before codes were).
    rejection_reason_code: Mapped[str] = mapped_column(String(40), default="")
    rejection_reason: Mapped[str] = mapped_column(String(500), default="")
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    invoice: Mapped[PartnerInvoice] = relationship(back_populates="payments")
    sent_by: Mapped[User | None] = relationship(foreign_keys=[sent_by_id])


class InvoiceReminder(db.Model):
    """A reminder mailed about an invoice; each kind goes out once."""

    __table_args__ = (UniqueConstraint("invoice_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("partner_invoice.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "before_due" or "overdue"
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


# Saved order lists (appended here; the imports above belong to the partner models).
from shop.catalog.models import Variant  # noqa: E402

MAX_SAVED_LISTS = 50  # per partner company
MAX_SAVED_LINES = 500  # per list
MAX_SAVED_LIST_NAME = 80  # characters


class SavedOrderList(TimestampMixin, db.Model):
    """A partner company's named list of packs and quantities ("Monthly order"), kept to be
    put in the cart again at the day's prices. Every member of the partner sees and uses it."""

    __table_args__ = (UniqueConstraint("partner_shop_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_shop_id: Mapped[int] = mapped_column(ForeignKey("partner_shop.id"), index=True)
    name: Mapped[str] = mapped_column(String(MAX_SAVED_LIST_NAME))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    created_by: Mapped[User | None] = relationship()
    lines: Mapped[list[SavedOrderLine]] = relationship(
        back_populates="saved_list", cascade="all, delete-orphan", order_by="SavedOrderLine.id"
    )


class SavedOrderLine(db.Model):
    """A pack on a saved list: ``quantity`` units, and the unit price (satang, VAT included)
    the partner saw when the line was saved or last ordered, to show what changed since.
    ``sku`` and ``name`` are kept so a pack that is no longer sold can still be named."""

    __table_args__ = (
        UniqueConstraint("list_id", "variant_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("price_seen_satang >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("saved_order_list.id", ondelete="CASCADE"), index=True
    )
    # None once the pack is deleted from the catalogue (the line then shows "no longer sold").
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variant.id", ondelete="SET NULL"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(250))  # "product · pack" when saved
    quantity: Mapped[int]
    price_seen_satang: Mapped[int]

    saved_list: Mapped[SavedOrderList] = relationship(back_populates="lines")
    variant: Mapped[Variant | None] = relationship()
