"""The seller-of-record fields, shared by the admin's cooperative form and the owner's
settings page: one set of labels, filters and checks (shop.documents.seller_of_record)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from shop.accounts.forms import strip
from shop.core.forms import ShopForm
from shop.core.numbers import ascii_digits
from shop.documents.seller_of_record import (
    HEAD_OFFICE,
    SellerOfRecord,
    SellerOfRecordError,
    check,
    is_valid_tax_id,
    normalise_tax_id,
)
from shop.documents.tax_invoices import BuyerDetails


def _branch(value: str | None) -> str:
    return (ascii_digits(value) or "").strip()


def _valid_tax_id(form, field) -> None:
    if field.data and not is_valid_tax_id(field.data):
        raise ValidationError(
            _l("This is not a valid tax ID: 13 digits, the last one a check digit.")
        )


class SellerOfRecordForm(ShopForm):
    """A form with the seller-of-record fields; derive a page's form from it."""

    legal_name_th = StringField(
        _l("Legal name (Thai)"),
        filters=[strip],
        description=_l("As registered with the Revenue Department; printed on receipts."),
        validators=[Length(max=300)],
    )
    legal_name_en = StringField(
        _l("Legal name (English)"), filters=[strip], validators=[Length(max=300)]
    )
    tax_id = StringField(
        _l("Tax ID"),
        filters=[normalise_tax_id],
        validators=[_valid_tax_id],
        description=_l("13 digits; dashes and spaces are fine."),
    )
    branch_code = StringField(
        _l("Head office or branch number"),
        filters=[_branch],
        default=HEAD_OFFICE,
        description=_l("5 digits: 00000 for the head office, 00001 for branch 1."),
    )
    registered_address_th = TextAreaField(
        _l("Registered address (Thai)"), filters=[strip], validators=[Length(max=500)]
    )
    registered_address_en = TextAreaField(
        _l("Registered address (English)"), filters=[strip], validators=[Length(max=500)]
    )
    vat_registered = BooleanField(
        _l("VAT-registered"),
        description=_l(
            "Receipts then are abbreviated tax invoices showing the 7% VAT; otherwise they "
            "show no VAT."
        ),
    )

    def seller_of_record(self) -> SellerOfRecord:
        return SellerOfRecord(
            legal_name_th=self.legal_name_th.data or "",
            legal_name_en=self.legal_name_en.data or "",
            tax_id=self.tax_id.data or "",
            branch_code=self.branch_code.data or HEAD_OFFICE,
            registered_address_th=self.registered_address_th.data or "",
            registered_address_en=self.registered_address_en.data or "",
            vat_registered=bool(self.vat_registered.data),
        )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        try:
            check(self.seller_of_record())
        except SellerOfRecordError as exc:
            getattr(self, exc.field).errors.append(exc.message)
            return False
        return True


class TaxInvoiceRequestForm(ShopForm):
    """A retail buyer asks for a full tax invoice: at checkout (prefix "tax", ``wanted``
    ticked) or on the order page. The checks are ``tax_invoices.BuyerDetails.checked``'s."""

    wanted = BooleanField(_l("I need a full tax invoice (ใบกำกับภาษีเต็มรูป)"))
    name = StringField(
        _l("Name on the tax invoice"),
        filters=[strip],
        description=_l("The company's registered name, or your own name."),
        validators=[Length(max=300)],
    )
    tax_id = StringField(
        _l("Tax ID (optional)"),
        filters=[normalise_tax_id],
        validators=[_valid_tax_id],
        description=_l("13 digits; dashes and spaces are fine. Leave empty if you have none."),
    )
    branch_code = StringField(
        _l("Head office or branch number (optional)"),
        filters=[_branch],
        description=_l("5 digits: 00000 for the head office, 00001 for branch 1."),
    )
    address = TextAreaField(
        _l("Address on the tax invoice"),
        filters=[strip],
        description=_l("As registered, if the invoice is for a company."),
        validators=[Length(max=500)],
    )

    def validate_name(self, field):
        if not field.data:
            raise ValidationError(_l("Please enter the name the tax invoice is made out to."))

    def validate_address(self, field):
        if not field.data:
            raise ValidationError(_l("Please enter the address for the tax invoice."))

    def validate_branch_code(self, field):
        if field.data and not (
            len(field.data) == 5 and field.data.isascii() and field.data.isdigit()
        ):
            raise ValidationError(_l("A branch number has 5 digits; the head office is 00000."))

    def buyer_details(self) -> BuyerDetails:
        return BuyerDetails(
            name=self.name.data or "",
            address=self.address.data or "",
            tax_id=self.tax_id.data or "",
            branch_code=self.branch_code.data or "",
        )
