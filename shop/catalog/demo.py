"""``flask demo-data``: load the demo shop. Running it again updates rows and adds nothing twice."""

from __future__ import annotations

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
from shop.core.db import utcnow
from shop.core.images import store_image
from shop.extensions import db
from shop.inventory.models import StockReason
from shop.inventory.services import change_stock
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
