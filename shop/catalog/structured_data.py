"""schema.org JSON-LD for product pages, so search engines show price and availability."""

from __future__ import annotations

from decimal import Decimal

from shop.catalog.models import Product
from shop.core.images import file_name
from shop.core.money import SATANG_PER_BAHT
from shop.core.urls import external_url


def product_jsonld(product: Product) -> dict:
    offers = [
        {
            "@type": "Offer",
            "sku": variant.sku,
            "name": variant.name,
            "price": str(Decimal(variant.price_satang) / SATANG_PER_BAHT),
            "priceCurrency": "THB",
            "availability": "https://schema.org/"
            + ("InStock" if variant.stock > 0 else "OutOfStock"),
            "url": external_url("catalog.product", slug=product.slug),
            "seller": {"@type": "Organization", "name": product.cooperative.name},
        }
        for variant in product.active_variants
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "sku": product.active_variants[0].sku if product.active_variants else None,
        "brand": {"@type": "Brand", "name": product.cooperative.name},
        "category": product.category.name,
        "offers": offers,
    }
    if product.images:
        data["image"] = [
            external_url("catalog.product_image", name=file_name(img.stem, 800))
            for img in product.images
        ]
    return {k: v for k, v in data.items() if v is not None}
