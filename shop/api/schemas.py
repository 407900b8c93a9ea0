"""What /api/v1 reads and answers, as marshmallow schemas: flask-smorest validates requests
with them and writes the OpenAPI document from them. Amounts are integer satang (VAT
included); dates are ISO 8601 (days are Asia/Bangkok days)."""

from __future__ import annotations

from datetime import UTC

import marshmallow as ma
from marshmallow import fields, validate

from shop.api.catalogue import MAX_LIMIT
from shop.api.ordering import MAX_IDEMPOTENCY_KEY, MAX_LINES
from shop.orders.models import OrderStatus
from shop.pricing.models import MAX_WHOLESALE_UNITS
from shop.wholesale.orders import MAX_NOTE, MAX_PO_NUMBER

MAX_ID = 2**31 - 1


class QuerySchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE


class AwareDateTime(fields.AwareDateTime):
    """An ISO 8601 moment with its offset ("2026-11-29T08:00:00+07:00", "...Z"), in UTC.

    A moment that has no UTC counterpart (year 1 at +14:00 lies before year 1 in UTC) is a 400,
    not an overflow in the database layer.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError as exc:
            raise ma.ValidationError("This moment is out of range.") from exc


class PageQuery(QuerySchema):
    cursor = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "The next_cursor of the previous page (opaque)."},
    )
    limit = fields.Integer(
        load_default=50,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Items per page, 1 to {MAX_LIMIT} (more is a 400)."},
    )
    updated_since = AwareDateTime(
        metadata={"description": "Only what changed at or after this moment (with offset)."}
    )


class OrderListQuery(PageQuery):
    status = fields.String(
        validate=validate.OneOf(
            [OrderStatus.ON_ACCOUNT.value, OrderStatus.PAID.value, OrderStatus.CANCELLED.value]
        ),
    )


class IdempotencyHeader(QuerySchema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        required=True,
        validate=validate.Length(min=1, max=MAX_IDEMPOTENCY_KEY),
        metadata={"description": "A key of your own (a UUID) per order: repeat it to retry."},
    )


class Named(ma.Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)


class DeliveryMethod(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class CooperativeOut(Named):
    delivery_methods = fields.List(fields.Nested(DeliveryMethod), required=True)


class PriceBreakOut(ma.Schema):
    min_quantity = fields.Integer(required=True)
    unit_price_satang = fields.Integer(required=True)
    source = fields.String(required=True, metadata={"description": "price_list or price_break"})


class QuantityRuleOut(ma.Schema):
    minimum = fields.Integer(required=True)
    increment = fields.Integer(required=True, metadata={"description": "Units per carton."})
    maximum = fields.Integer(required=True)


class KyatReference(ma.Schema):
    kyat_per_baht = fields.String(required=True)
    applies_from = fields.Date(required=True)
    unit_price_kyat = fields.Integer(required=True)


class ProductOut(ma.Schema):
    sku = fields.String(required=True)
    name = fields.String(required=True)
    product = fields.Nested(Named, required=True)
    cooperative = fields.Nested(CooperativeOut, required=True)
    category = fields.String(allow_none=True, required=True)
    currency = fields.String(required=True)
    retail_price_satang = fields.Integer(required=True)
    unit_price_satang = fields.Integer(
        required=True, metadata={"description": "Your price per unit at the minimum quantity."}
    )
    price_breaks = fields.List(fields.Nested(PriceBreakOut), required=True)
    quantity_rule = fields.Nested(QuantityRuleOut, required=True)
    stock = fields.Integer(required=True)
    cartons_in_stock = fields.Integer(required=True)
    weight_grams = fields.Integer(required=True)
    mmk_reference = fields.Nested(KyatReference, allow_none=True, required=True)
    updated_at = fields.DateTime(required=True)


class ProductPage(ma.Schema):
    items = fields.List(fields.Nested(ProductOut), required=True)
    withdrawn = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "With updated_since: SKUs taken off sale since then (remove them; "
            "some may be retail packs you never held). Empty otherwise."
        },
    )
    next_cursor = fields.String(allow_none=True, required=True)


class LineIn(ma.Schema):
    sku = fields.String(required=True, validate=validate.Length(min=1, max=64))
    quantity = fields.Integer(
        required=True, strict=True, validate=validate.Range(min=1, max=MAX_WHOLESALE_UNITS)
    )


class OrderIn(ma.Schema):
    lines = fields.List(
        fields.Nested(LineIn), required=True, validate=validate.Length(min=1, max=MAX_LINES)
    )
    po_number = fields.String(load_default="", validate=validate.Length(max=MAX_PO_NUMBER))
    note = fields.String(load_default="", validate=validate.Length(max=MAX_NOTE))
    delivery_method_ids = fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID)),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={
            "description": "One wholesale delivery method per cooperative (else the "
            "cheapest that carries the order)."
        },
    )


class InvoiceOut(ma.Schema):
    number = fields.String(required=True)
    cooperative = fields.String(required=True)
    order_number = fields.String(allow_none=True)
    issued_on = fields.Date(required=True)
    due_on = fields.Date(required=True)
    amount_satang = fields.Integer(required=True)
    paid_satang = fields.Integer(required=True)
    balance_satang = fields.Integer(required=True)
    status = fields.String(required=True)
    days_overdue = fields.Integer(required=True)


class OrderLineOut(ma.Schema):
    sku = fields.String(required=True)
    name = fields.String(required=True)
    quantity = fields.Integer(required=True)
    ordered_quantity = fields.Integer(required=True)
    unit_price_satang = fields.Integer(required=True)
    price_source = fields.String(required=True)
    change_reason = fields.String(required=True)


class DocumentOut(ma.Schema):
    kind = fields.String(
        required=True,
        metadata={"description": "proforma, tax_invoice, commercial_invoice or packing_list"},
    )
    number = fields.String(required=True)
    issued_at = fields.DateTime(required=True)
    url = fields.String(
        required=True, metadata={"description": "The PDF (GET it with the same key)."}
    )


class PartOut(ma.Schema):
    cooperative = fields.Nested(Named, required=True)
    status = fields.String(required=True)
    delivery_method = fields.String(required=True)
    delivery_date = fields.Date(allow_none=True, required=True)
    carrier = fields.String(required=True)
    tracking_number = fields.String(required=True)
    shipped_at = fields.DateTime(allow_none=True, required=True)
    delivered_at = fields.DateTime(allow_none=True, required=True)
    goods_satang = fields.Integer(required=True)
    shipping_satang = fields.Integer(required=True)
    lines = fields.List(fields.Nested(OrderLineOut), required=True)
    invoice = fields.Nested(InvoiceOut, allow_none=True, required=True)
    documents = fields.List(fields.Nested(DocumentOut), required=True)


class OrderOut(ma.Schema):
    number = fields.String(required=True)
    status = fields.String(required=True)
    approval = fields.String(
        required=True, metadata={"description": "none, partner_admin or platform"}
    )
    status_text = fields.String(required=True)
    po_number = fields.String(required=True)
    note = fields.String(required=True)
    currency = fields.String(required=True)
    goods_satang = fields.Integer(required=True)
    shipping_satang = fields.Integer(required=True)
    total_satang = fields.Integer(required=True)
    placed_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    parts = fields.List(fields.Nested(PartOut), required=True)


class OrderPage(ma.Schema):
    items = fields.List(fields.Nested(OrderOut), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class Ageing(ma.Schema):
    current = fields.Integer(required=True)
    d1_30 = fields.Integer(attribute="1_30", data_key="1_30", required=True)
    d31_60 = fields.Integer(attribute="31_60", data_key="31_60", required=True)
    d61_90 = fields.Integer(attribute="61_90", data_key="61_90", required=True)
    over_90 = fields.Integer(required=True)


class StatementOut(ma.Schema):
    as_of = fields.Date(required=True)
    currency = fields.String(required=True)
    balance_satang = fields.Integer(required=True)
    overdue_satang = fields.Integer(required=True)
    invoiced_satang = fields.Integer(required=True)
    paid_satang = fields.Integer(required=True)
    credit_limit_satang = fields.Integer(required=True)
    credit_available_satang = fields.Integer(allow_none=True, required=True)
    payment_terms = fields.String(required=True)
    ageing = fields.Nested(Ageing, required=True)
    open_invoices = fields.List(fields.Nested(InvoiceOut), required=True)


class Problem(ma.Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(allow_none=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    lines = fields.List(fields.Dict())
