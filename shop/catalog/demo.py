"""``flask demo-data``: load the demo shop. Running it again updates rows and adds nothing twice."""

from __future__ import annotations

import secrets
from datetime import timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, select

from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.catalog.models import (
    Category,
    Cooperative,
    Product,
    ProductImage,
    RanongDistrict,
    Roast,
    Variant,
)
from shop.core.days import today
from shop.core.db import utcnow
from shop.core.i18n import localize
from shop.core.images import store_image
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
from shop.orders.models import (
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    SellerOrder,
    SellerOrderStatus,
)
from shop.orders.services import line_names, new_order_number
from shop.pricing import quotes
from shop.pricing.models import (
    PriceBreak,
    PriceList,
    QuantityRule,
    ShippingMethod,
    ShippingRate,
)
from shop.wholesale.models import (
    PartnerMembership,
    PartnerRole,
    PartnerShop,
    PartnerShopStatus,
    PaymentTerms,
)

TRANSLATED = ("th", "en", "my")


def _translated(data: dict, *fields: str) -> dict:
    return {f"{field}_{lang}": data[f"{field}_{lang}"] for field in fields for lang in TRANSLATED}


# HS codes of the demo's products by category (shop.catalog.hs_codes): 3-in-1 mixes 2101.12
# (preparations with a basis of coffee extracts), roasted beans, ground coffee and drip bags
# 0901.21 (roasted, not decaffeinated), cashews 0801.32 (shelled), honey 0409.00.
HS_CODES = {
    "instant-coffee": "2101.12",
    "coffee-beans": "0901.21",
    "ground-coffee": "0901.21",
    "drip-bags": "0901.21",
    "cashew-nuts": "0801.32",
}
CARTON_TARE_GRAMS = 450  # a double-wall carton with its tape and filling


def _upsert(model, key: str, value, values: dict):
    row = db.session.scalars(select(model).where(getattr(model, key) == value)).first()
    if row is None:
        row = model(**{key: value})
        db.session.add(row)
    for name, val in values.items():
        setattr(row, name, val)
    return row


def load_demo_data() -> dict[str, int]:
    """Create or update the demo cooperatives, catalogue, stock and accounts. Flushes only."""
    # Imported here: the data and the drawing code are only needed by this command.
    from shop.catalog import demo_data
    from shop.catalog.demo_images import draw_product_image

    categories = {
        c["slug"]: _upsert(
            Category, "slug", c["slug"], {**_translated(c, "name"), "position": c["position"]}
        )
        for c in demo_data.CATEGORIES
    }
    cooperatives = {}
    for c in demo_data.COOPERATIVES:
        fields = {k: c[k] for k in ("founded_year", "member_count", "phone", "email")}
        fields["district"] = RanongDistrict(c["district"])
        # The seller of record on its receipts: registered as named, at its address.
        fields |= {
            "legal_name_th": c["name_th"],
            "legal_name_en": c["name_en"],
            "registered_address_th": c["address_th"],
            "registered_address_en": c["address_en"],
            "tax_id": c["tax_id"],
            "vat_registered": c["vat_registered"],
        }
        cooperatives[c["slug"]] = _upsert(
            Cooperative,
            "slug",
            c["slug"],
            {**_translated(c, "name", "story", "address"), **fields},
        )
    db.session.flush()

    now = utcnow()
    for p in demo_data.PRODUCTS:
        product = _upsert(
            Product,
            "slug",
            p["slug"],
            {
                **_translated(p, "name", "description", "origin"),
                "cooperative": cooperatives[p["cooperative"]],
                "category": categories[p["category"]],
                "roast": Roast(p["roast"]) if p["roast"] else None,
                "is_featured": p["is_featured"],
                "hs_code": p.get("hs_code") or HS_CODES.get(p["category"], ""),
            },
        )
        product.publish()
        product.published_at = now - timedelta(days=p["days_old"])
        db.session.flush()
        for position, v in enumerate(p["variants"]):
            variant = _upsert(
                Variant,
                "sku",
                v["sku"],
                {
                    **_translated(v, "name"),
                    "product": product,
                    "pack_size": v["pack_size"],
                    "weight_grams": v["weight_grams"],
                    "price_satang": v["price_satang"],
                    "low_stock_threshold": v["low_stock_threshold"],
                    "position": position,
                },
            )
            db.session.flush()
            if variant.stock < v["stock"]:
                change_stock(
                    variant.id, v["stock"] - variant.stock, StockReason.RECEIPT, note="demo data"
                )
        db.session.refresh(product)
        product.refresh_min_price()
        if not product.images:
            stored = store_image(draw_product_image(p), current_app.config["UPLOAD_DIR"])
            db.session.add(
                ProductImage(
                    product=product, stem=stored.stem, width=stored.width, height=stored.height
                )
            )

    for cooperative in cooperatives.values():
        for position, m in enumerate(demo_data.SHIPPING_METHODS):
            _upsert_shipping_method(cooperative, position, m)

    _wholesale_packs(demo_data.WHOLESALE_PACKS)
    price_lists = {
        p["name"]: _upsert(PriceList, "name", p["name"], {"discount_bp": p["discount_bp"]})
        for p in demo_data.PRICE_LISTS
    }
    db.session.flush()
    shops = {s["slug"]: _upsert_partner(s, price_lists, now) for s in demo_data.PARTNER_SHOPS}
    db.session.flush()

    for a in demo_data.ACCOUNTS:
        user = _upsert(
            User,
            "email",
            a["email"],
            {
                "name": a["name"],
                "locale": a["locale"],
                "is_platform_admin": a["role"] == "admin",
            },
        )
        if not user.check_password(a["password"]):
            user.set_password(a["password"])
        db.session.flush()
        if a["partner_shop"] and user.partner_membership is None:
            db.session.add(
                PartnerMembership(
                    user=user, partner=shops[a["partner_shop"]], role=PartnerRole.PARTNER_ADMIN
                )
            )
        if a["cooperative"]:
            _upsert_membership(
                user, cooperatives[a["cooperative"]], MembershipRole(a["membership"])
            )
    db.session.flush()
    _wholesale_history(demo_data.WHOLESALE_HISTORY, shops)
    _kyat_rate(demo_data.KYAT_PER_BAHT_MICRO)
    return {
        "cooperatives": len(cooperatives),
        "products": len(demo_data.PRODUCTS),
        "variants": sum(len(p["variants"]) for p in demo_data.PRODUCTS),
        "accounts": len(demo_data.ACCOUNTS),
        "partner_shops": len(shops),
    }


PARTNER_FIELDS = (
    "name",
    "contact_name",
    "phone",
    "address_line",
    "ward",
    "township",
    "region",
    "postcode",
    "registration_number",
    "preferred_language",
    "credit_limit_satang",
    "require_po_number",
)


def _wholesale_packs(packs: dict[str, dict]) -> None:
    """Quantity rules, price breaks and enough stock for the demo's wholesale packs."""
    variants = {v.sku: v for v in db.session.scalars(select(Variant).where(Variant.sku.in_(packs)))}
    for sku, pack in packs.items():
        variant = variants[sku]
        rule = db.session.get(QuantityRule, variant.id) or QuantityRule(variant_id=variant.id)
        rule.case_pack, rule.min_quantity = pack["case_pack"], pack["min_quantity"]
        # Weighed cartons for the packing list: the packs, and the carton around them.
        rule.carton_net_grams = pack["case_pack"] * variant.weight_grams
        rule.carton_gross_grams = rule.carton_net_grams + CARTON_TARE_GRAMS
        db.session.add(rule)
        db.session.execute(delete(PriceBreak).where(PriceBreak.variant_id == variant.id))
        db.session.add_all(
            PriceBreak(variant_id=variant.id, min_quantity=q, unit_price_satang=price)
            for q, price in pack["breaks"]
        )
        if variant.stock < pack["stock"]:
            change_stock(
                variant.id, pack["stock"] - variant.stock, StockReason.RECEIPT, note="demo data"
            )
    db.session.flush()


def _kyat_rate(micro_kyat_per_baht: int) -> None:
    """A reference kyat rate from a week ago, when none is set, so partner pages show "≈ K"."""
    from shop.pricing.exchange import ExchangeRate

    if db.session.scalar(select(ExchangeRate.id).limit(1)) is None:
        db.session.add(
            ExchangeRate(
                kyat_per_baht_micro=micro_kyat_per_baht,
                applies_from=today() - timedelta(days=7),
            )
        )
        db.session.flush()


def _wholesale_history(history: list, shops: dict[str, PartnerShop]) -> None:
    """Past wholesale orders, confirmed and invoiced, some paid, for partners that have none
    yet. Priced through shop.pricing.quotes and taking stock like any order; no mail."""
    from shop.wholesale.invoicing import new_invoice_number
    from shop.wholesale.models import (
        InvoiceStatus,
        PartnerInvoice,
        PartnerPayment,
        PartnerPaymentStatus,
    )

    day = today()
    with_orders = set(db.session.scalars(select(Order.partner_shop_id).distinct()))
    for slug, days_ago, packs, po_number, paid in history:
        partner = shops[slug]
        if partner.id in with_orders:
            continue
        buyer = quotes.Buyer(partner_id=partner.id, price_list=partner.price_list)
        placed = utcnow() - timedelta(days=days_ago)
        number = new_order_number()
        order = Order(
            number=number,
            token=secrets.token_urlsafe(32),
            user_id=partner.members[0].user_id,
            email=partner.members[0].user.email,
            locale=partner.preferred_language,
            status=OrderStatus.ON_ACCOUNT,
            payment_method=PaymentMethod.INVOICE,
            partner_shop_id=partner.id,
            po_number=po_number,
            ship_name=partner.name,
            ship_phone=partner.phone,
            ship_line1=partner.address_line,
            ship_line2=partner.ward,
            ship_subdistrict="",
            ship_district=partner.township,
            ship_province="Tanintharyi Region",
            ship_postcode=partner.postcode,
            goods_satang=0,
            shipping_satang=0,
            total_satang=0,
            expires_at=placed + timedelta(days=3650),
        )
        order.created_at = placed
        variants = {
            v.sku: v
            for v in db.session.scalars(
                select(Variant).where(Variant.sku.in_([sku for sku, _c in packs]))
            )
        }
        parts: dict[int, SellerOrder] = {}
        for sku, cartons in packs:
            variant = variants[sku]
            quantity = cartons * quotes.quantity_rule(buyer, variant).increment
            quote = quotes.price(buyer, variant, quantity)
            change_stock(variant.id, -quantity, StockReason.SALE, reference=number)
            coop = variant.product.cooperative
            part = parts.get(coop.id)
            if part is None:
                method = db.session.scalars(
                    select(ShippingMethod).where(
                        ShippingMethod.cooperative_id == coop.id,
                        ShippingMethod.code == "kawthaung-pier",
                    )
                ).one()
                part = parts[coop.id] = SellerOrder(
                    cooperative_id=coop.id,
                    status=SellerOrderStatus.DELIVERED,
                    goods_satang=0,
                    shipping_satang=0,
                    shipping_method_id=method.id,
                    shipping_method_name=localize(method, "name", partner.preferred_language),
                    shipping_method_name_th=method.name_th,
                    shipping_method_name_en=method.name_en,
                    shipping_method_name_my=method.name_my,
                    weight_grams=0,
                    commission_bp=coop.commission_bp,
                    confirmed_at=placed + timedelta(days=1),
                    delivery_date=(placed + timedelta(days=3)).date(),
                    shipped_at=placed + timedelta(days=2),
                    delivered_at=placed + timedelta(days=3),
                )
                part.carton_price = method.price_per_carton_satang or 0
                order.seller_orders.append(part)
            part.lines.append(
                OrderLine(
                    variant_id=variant.id,
                    **line_names(variant, partner.preferred_language),
                    sku=sku,
                    unit_price_satang=quote.unit_satang,
                    price_source=quote.detail,
                    quantity=quantity,
                )
            )
            part.goods_satang += quote.total_satang
            part.shipping_satang += cartons * part.carton_price
            part.weight_grams += quantity * variant.weight_grams
        order.goods_satang = sum(p.goods_satang for p in parts.values())
        order.shipping_satang = sum(p.shipping_satang for p in parts.values())
        order.total_satang = order.goods_satang + order.shipping_satang
        db.session.add(order)
        db.session.flush()
        issued = day - timedelta(days=days_ago - 1)
        left = None if paid == "all" else paid
        for part in parts.values():
            invoice = PartnerInvoice(
                number=new_invoice_number(issued.year),
                seller_order_id=part.id,
                partner_shop_id=partner.id,
                cooperative_id=part.cooperative_id,
                issued_on=issued,
                due_on=issued + timedelta(days=PaymentTerms(partner.payment_terms).days),
                amount_satang=part.total_satang,
            )
            db.session.add(invoice)
            amount = part.total_satang if left is None else min(left, part.total_satang)
            if left is not None:
                left -= amount
            if amount:
                db.session.add(
                    PartnerPayment(
                        invoice=invoice,
                        partner_shop_id=partner.id,
                        amount_satang=amount,
                        received_on=issued + timedelta(days=5),
                        reference="demo",
                        status=PartnerPaymentStatus.CONFIRMED,
                    )
                )
                invoice.paid_satang = amount
                if amount == invoice.amount_satang:
                    invoice.status = InvoiceStatus.PAID
            if (
                invoice.status != InvoiceStatus.PAID
                and partner.payment_terms == PaymentTerms.PREPAID
            ):
                part.status = SellerOrderStatus.CONFIRMED  # prepaid: waits for the payment
                part.shipped_at = part.delivered_at = None
            db.session.flush()
        if paid == "all":
            order.status, order.paid_at = OrderStatus.PAID, placed + timedelta(days=6)
    db.session.flush()


def _upsert_partner(data: dict, price_lists: dict, now) -> PartnerShop:
    approved = data["status"] == "approved"
    return _upsert(
        PartnerShop,
        "slug",
        data["slug"],
        {
            **{k: data[k] for k in PARTNER_FIELDS},
            "country": "MM",
            "status": PartnerShopStatus(data["status"]),
            "payment_terms": PaymentTerms(data["payment_terms"]),
            "price_list": price_lists[data["price_list"]] if data["price_list"] else None,
            "approved_at": now if approved else None,
        },
    )


def _upsert_shipping_method(cooperative: Cooperative, position: int, data: dict) -> None:
    method = db.session.scalars(
        select(ShippingMethod).where(
            ShippingMethod.cooperative_id == cooperative.id, ShippingMethod.code == data["code"]
        )
    ).first()
    if method is None:
        method = ShippingMethod(cooperative=cooperative, code=data["code"])
        db.session.add(method)
    for name in ("days_min", "days_max", "free_over_satang"):
        setattr(method, name, data[name])
    method.for_retail = data.get("for_retail", True)
    method.for_wholesale = data.get("for_wholesale", False)
    method.price_per_carton_satang = data.get("price_per_carton_satang")
    method.incoterm = data.get("incoterm", "")
    method.incoterm_place = data.get("incoterm_place", "")
    for lang in TRANSLATED:
        setattr(method, f"name_{lang}", data[f"name_{lang}"])
    method.position = position
    existing = {rate.max_weight_grams: rate for rate in method.rates}
    for weight, price in data["rates"]:
        rate = existing.get(weight)
        if rate is None:
            rate = ShippingRate(max_weight_grams=weight)
            method.rates.append(rate)
        rate.price_satang = price
    db.session.flush()


def _upsert_membership(user: User, cooperative: Cooperative, role: MembershipRole) -> None:
    membership = db.session.scalars(
        select(CooperativeMembership).where(
            CooperativeMembership.user_id == user.id,
            CooperativeMembership.cooperative_id == cooperative.id,
        )
    ).first()
    if membership is None:
        db.session.add(CooperativeMembership(user=user, cooperative=cooperative, role=role))
    else:
        membership.role = role


@click.command("demo-data")
@with_appcontext
def demo_data_command() -> None:
    """Load the demo cooperatives, products and accounts (safe to run again)."""
    from shop.catalog import demo_data

    counts = load_demo_data()
    db.session.commit()
    click.echo(
        "Demo data: {cooperatives} cooperatives, {products} products, {variants} variants, "
        "{partner_shops} partner shops, {accounts} accounts.".format(**counts)
    )
    click.echo("Demo accounts (email / password):")
    shops = {s["slug"]: s for s in demo_data.PARTNER_SHOPS}
    for a in demo_data.ACCOUNTS:
        where = f" — {a['membership']} of {a['cooperative']}" if a["cooperative"] else ""
        if a["partner_shop"]:
            shop = shops[a["partner_shop"]]
            where = f" — partner admin of {a['partner_shop']} ({shop['status']})"
        click.echo(f"  {a['role']:<9} {a['email']:<44} {a['password']}{where}")
