"""The wholesale papers' snapshot and rendering (shop.documents.wholesale issues them): what a
proforma, commercial invoice or packing list shows of one cooperative's part of a partner's
order, as plain JSON (amounts in satang, weights in grams, dates ISO, names in Burmese, English
and Thai), and its PDF in the three languages, one first."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from shop.catalog.models import Product, Variant
from shop.core.dates import format_date
from shop.core.days import shop_timezone
from shop.documents.export_labels import label
from shop.documents.models import DocumentKind
from shop.documents.rendering import render_pdf
from shop.documents.services import seller_snapshot
from shop.extensions import db
from shop.orders.models import Order, SellerOrder, SellerOrderStatus
from shop.payments.promptpay import payload, qr_svg
from shop.payments.transfer_account import transfer_account
from shop.pricing.models import QuantityRule
from shop.wholesale.models import PartnerShop, PaymentTerms
from shop.wholesale.regions import region_name

LANGUAGES = ("my", "en", "th")
PROFORMA_VALID_DAYS = 14  # prices and stock are held this long on a proforma
TEMPLATES = {
    DocumentKind.PROFORMA: "documents/proforma.html",
    DocumentKind.COMMERCIAL_INVOICE: "documents/commercial_invoice.html",
    DocumentKind.PACKING_LIST: "documents/packing_list.html",
}
# Incoterms 2020 a cooperative may sell a partner's goods on: the named place follows the rule
# (FCA/EXW: where the partner's carrier takes the goods; CPT/DAP: where they are delivered).


@dataclass(frozen=True)
class ExportTerms:
    """The Incoterm (one of INCOTERMS) and its named place, as printed: ("FCA", "Ranong")."""

    incoterm: str
    place: str

    @property
    def text(self) -> str:
        return f"{self.incoterm} {self.place}".strip()


def languages_from(first: str | None) -> tuple[str, ...]:
    """The document's languages, ``first`` first, then the others in the order my, en, th."""
    if first not in LANGUAGES:
        return LANGUAGES
    return (first, *(lang for lang in LANGUAGES if lang != first))


# --- the snapshot --------------------------------------------------------------------------


def _names(line, field: str) -> dict[str, str]:
    fallback = getattr(line, field)
    return {lang: getattr(line, f"{field}_{lang}") or fallback for lang in LANGUAGES}


def _buyer(partner: PartnerShop) -> dict:
    return {
        "name": partner.name,
        "contact_name": partner.contact_name,
        "address_line": partner.address_line,
        "ward": partner.ward,
        "township": partner.township,
        "region": {lang: region_name(partner.region, lang) for lang in LANGUAGES},
        "postcode": partner.postcode,
        "country": partner.country,
        "registration_number": partner.registration_number,
        "phone": partner.phone,
    }


def _lines(seller_order: SellerOrder) -> list[dict]:
    """The part's lines (those still delivered) with their HS code and cartons: a pack without
    wholesale terms counts one unit a package; a carton not weighed weighs its packs."""
    ids = [line.variant_id for line in seller_order.lines]
    packs = {
        variant.id: (variant, hs_code)
        for variant, hs_code in db.session.execute(
            select(Variant, Product.hs_code)
            .join(Product, Variant.product_id == Product.id)
            .where(Variant.id.in_(ids))
        ).tuples()
    }
    rules = {
        rule.variant_id: rule
        for rule in db.session.scalars(select(QuantityRule).where(QuantityRule.variant_id.in_(ids)))
    }
    lines = []
    for line in seller_order.lines:
        if not line.quantity:
            continue
        variant, hs_code = packs[line.variant_id]
        rule = rules.get(line.variant_id)
        case = rule.case_pack if rule else 1
        net = (rule.carton_net_grams if rule else None) or case * variant.weight_grams
        gross = (rule.carton_gross_grams if rule else None) or net
        cartons = -(-line.quantity // case)
        lines.append(
            {
                "sku": line.sku,
                "name": _names(line, "product_name"),
                "variant": _names(line, "variant_name"),
                "hs_code": hs_code,
                "quantity": line.quantity,
                "case_pack": case,
                "cartons": cartons,
                "unit_satang": line.unit_price_satang,
                "total_satang": line.total_satang,
                "carton_net_grams": net,
                "carton_gross_grams": gross,
                "weighed": bool(rule and rule.carton_net_grams and rule.carton_gross_grams),
                "net_grams": min(line.quantity * variant.weight_grams, cartons * net)
                if line.quantity % case
                else cartons * net,
                "gross_grams": cartons * gross,
            }
        )
    return lines


def _cartons(lines: list[dict], partner: PartnerShop, order: Order) -> list[dict]:
    """The packing list's rows: each line's cartons numbered n–m of N, with the marks every
    carton carries (the partner, the order, the destination, its number)."""
    total = sum(line["cartons"] for line in lines)
    first = 1
    rows = []
    for line in lines:
        last = first + line["cartons"] - 1
        rows.append(
            {
                "sku": line["sku"],
                "from": first,
                "to": last,
                "marks": f"{partner.name} / {order.number} / KAWTHAUNG, MYANMAR / "
                f"C/No. {first}-{last} of {total}",
            }
        )
        first = last + 1
    return rows


def content_of(seller_order: SellerOrder) -> str:
    """A digest of what a proforma shows of the order: lines, prices, delivery and total. A
    stored proforma whose digest differs is out of date."""
    content = {
        "lines": [
            (line.sku, line.quantity, line.unit_price_satang)
            for line in seller_order.lines
            if line.quantity
        ],
        "shipping": seller_order.shipping_satang,
        "total": seller_order.total_satang,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def snapshot(
    seller_order: SellerOrder,
    kind: DocumentKind,
    number: str,
    issued_at: datetime,
    first_language: str,
    terms: ExportTerms | None = None,
) -> dict:
    """Everything the paper shows, as plain JSON: amounts in satang, weights in grams, dates
    ISO, names in every language."""
    order = seller_order.order
    partner = db.session.get(PartnerShop, order.partner_shop_id)
    cooperative = seller_order.cooperative
    day = issued_at.astimezone(shop_timezone()).date()
    seller = seller_snapshot(cooperative, vat_registered=seller_order.vat_registered) | {
        "name_my": cooperative.name_my or cooperative.name_en or cooperative.name_th,
        "address_my": cooperative.address_my or cooperative.address_en,
        "email": cooperative.email,
    }
    lines = _lines(seller_order)
    doc = {
        "kind": str(kind),
        "number": number,
        "issued_at": issued_at.isoformat(),
        "issued_on": day.isoformat(),
        "languages": list(languages_from(first_language)),
        "order_number": order.number,
        "order_placed_on": order.created_at.astimezone(shop_timezone()).date().isoformat(),
        "po_number": order.po_number,
        "seller": seller,
        "buyer": _buyer(partner),
        "lines": lines,
        "shipping_name": seller_order.shipping_method_name,
        "shipping_names": _names(seller_order, "shipping_method_name"),
        "shipping_satang": seller_order.shipping_satang,
        "goods_satang": seller_order.goods_satang,
        "total_satang": seller_order.total_satang,
        "delivery_date": seller_order.delivery_date.isoformat()
        if seller_order.delivery_date
        else None,
        "origin": "TH",
        "destination": "MM",
        "cartons": sum(line["cartons"] for line in lines),
        "net_grams": sum(line["net_grams"] for line in lines),
        "gross_grams": sum(line["gross_grams"] for line in lines),
        "content": content_of(seller_order),
    }
    if terms is not None:
        doc["incoterm"], doc["incoterm_place"] = terms.incoterm, terms.place
    if kind == DocumentKind.PROFORMA:
        doc["confirmed"] = seller_order.status == SellerOrderStatus.CONFIRMED
        doc["valid_until"] = (day + timedelta(days=PROFORMA_VALID_DAYS)).isoformat()
        doc["payment_terms"] = str(partner.payment_terms)
        doc["payment_days"] = PaymentTerms(partner.payment_terms).days
        doc["bank"] = {
            lang: {
                "bank": account.bank,
                "account_name": account.account_name,
                "account_number": account.account_number,
            }
            for lang, account in ((lang, transfer_account(lang)) for lang in LANGUAGES)
        }
        doc["promptpay_id"] = current_app.config["PROMPTPAY_ID"]
    if kind == DocumentKind.PACKING_LIST:
        doc["carton_rows"] = _cartons(lines, partner, order)
    return doc


def _qr_data_url(doc: dict) -> str | None:
    """The PromptPay QR for the proforma's total, as a data: URL (documents fetch nothing)."""
    try:
        data = payload(doc["promptpay_id"], doc["total_satang"])
    except ValueError:
        return None  # no valid PromptPay ID configured, or nothing to pay
    svg = qr_svg(data, f"PromptPay {doc['number']}")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def thb(satang: int) -> str:
    """Satang as baht with two decimals and ASCII digits in every language: 123450 → "1,234.50"
    (amounts read the same to the partner, its bank and both customs offices)."""
    return f"{satang // 100:,}.{satang % 100:02d}" if satang >= 0 else "-" + thb(-satang)


def kilograms(grams: int) -> str:
    """Grams as kilograms with two decimals: 14850 → "14.85"."""
    return f"{grams / 1000:,.2f}"


def render(doc: dict) -> bytes:
    """The PDF of a snapshot (see ``snapshot``)."""
    kind = DocumentKind(doc["kind"])
    languages = doc["languages"]

    def wording(key: str, **values) -> list[tuple[str, str]]:
        return [(lang, label(key, lang, **values)) for lang in languages]

    def dated(iso: str | None, lang: str) -> str:
        return format_date(date.fromisoformat(iso), "long", lang) if iso else ""

    def distinct(values: dict[str, str]) -> list[tuple[str, str]]:
        """A name in each language, the first language first, each different text once."""
        seen, found = set(), []
        for lang in languages:
            if values.get(lang) and values[lang] not in seen:
                seen.add(values[lang])
                found.append((lang, values[lang]))
        return found

    return render_pdf(
        TEMPLATES[kind],
        doc=doc,
        langs=languages,
        distinct=distinct,
        t=wording,
        thb=thb,
        kg=kilograms,
        dated=dated,
        qr=_qr_data_url(doc) if kind == DocumentKind.PROFORMA else None,
    )
