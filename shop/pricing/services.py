"""Shipping prices, computed by the server from the parcel's weight and the goods subtotal."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.pricing.models import ShippingMethod


def shipping_price(
    method: ShippingMethod, weight_grams: int, goods_satang: int, cartons: int = 0
) -> int | None:
    """What ``method`` charges for a parcel (satang); 0 past its free threshold; None if too
    heavy. A method priced per carton charges ``cartons`` times its carton price instead."""
    if method.free_over_satang is not None and goods_satang >= method.free_over_satang:
        return 0
    if method.price_per_carton_satang is not None:
        return method.price_per_carton_satang * cartons
    for rate in sorted(method.rates, key=lambda r: r.max_weight_grams):
        if weight_grams <= rate.max_weight_grams:
            return rate.price_satang
    return None


def methods_by_cooperative(
    cooperative_ids: set[int], *, wholesale: bool = False, with_rates: bool = True
) -> dict[int, list[ShippingMethod]]:
    """Active shipping methods of these cooperatives with their rates, in two queries (one
    without ``with_rates``, for a caller that only names the methods): those for partner
    shops when ``wholesale``, else those for retail buyers."""
    if not cooperative_ids:
        return {}
    audience = ShippingMethod.for_wholesale if wholesale else ShippingMethod.for_retail
    query = (
        select(ShippingMethod)
        .where(ShippingMethod.cooperative_id.in_(cooperative_ids), ShippingMethod.is_active)
        .where(audience)
        .order_by(ShippingMethod.position, ShippingMethod.id)
    )
    if with_rates:
        query = query.options(selectinload(ShippingMethod.rates))
    methods = db.session.scalars(query)
    grouped: dict[int, list[ShippingMethod]] = {cid: [] for cid in cooperative_ids}
    for method in methods:
        grouped[method.cooperative_id].append(method)
    return grouped
