"""Shipping prices, computed by the server from the parcel's weight and the goods subtotal."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.pricing.models import ShippingMethod


def shipping_price(method: ShippingMethod, weight_grams: int, goods_satang: int) -> int | None:
    """What ``method`` charges for a parcel; 0 past its free threshold; None if too heavy."""
    if method.free_over_satang is not None and goods_satang >= method.free_over_satang:
        return 0
    for rate in sorted(method.rates, key=lambda r: r.max_weight_grams):
        if weight_grams <= rate.max_weight_grams:
            return rate.price_satang
    return None


def methods_by_cooperative(cooperative_ids: set[int]) -> dict[int, list[ShippingMethod]]:
    """Active shipping methods of these cooperatives with their rates, in two queries."""
    if not cooperative_ids:
        return {}
    methods = db.session.scalars(
        select(ShippingMethod)
        .where(ShippingMethod.cooperative_id.in_(cooperative_ids), ShippingMethod.is_active)
        .options(selectinload(ShippingMethod.rates))
        .order_by(ShippingMethod.position, ShippingMethod.id)
    )
    grouped: dict[int, list[ShippingMethod]] = {cid: [] for cid in cooperative_ids}
    for method in methods:
        grouped[method.cooperative_id].append(method)
    return grouped
