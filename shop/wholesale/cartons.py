"""A wholesale pack's carton as the packing list weighs it: the net weight (the packs in it)
and the gross weight (with the carton), in grams, set by the cooperative that sells the pack.
Services flush and audit; the caller commits."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from shop.catalog.models import Variant
from shop.extensions import db
from shop.platform.audit import record
from shop.pricing.models import QuantityRule

MAX_CARTON_GRAMS = 1_000_000  # one tonne: far above any carton a person carries


class CartonError(Exception):
    """Weights that cannot be kept; ``message`` says why (translated), ``field`` where."""

    def __init__(self, message, field: str):
        super().__init__(str(message))
        self.message = message
        self.field = field


def set_carton_weights(
    variant: Variant, net_grams: int | None, gross_grams: int | None, *, actor_id: int
) -> QuantityRule:
    """Keep the weights of ``variant``'s carton (both None: not weighed; the packing list then
    counts the packs' own weights). Raises CartonError when the pack is not sold by the carton,
    only one weight is given, a weight is not from 1 g to a tonne, or the gross weight is less
    than the net weight."""
    rule = db.session.get(QuantityRule, variant.id)
    if rule is None:
        raise CartonError(
            _l("Set the pack's wholesale terms first: it is not sold by the carton."), "net"
        )
    if (net_grams is None) != (gross_grams is None):
        field = "net" if net_grams is None else "gross"
        raise CartonError(_l("Please give both weights, or neither."), field)
    for value, field in ((net_grams, "net"), (gross_grams, "gross")):
        if value is not None and not 0 < value <= MAX_CARTON_GRAMS:
            raise CartonError(_l("Please enter a weight from 1 g to 1,000,000 g."), field)
    if net_grams is not None and gross_grams < net_grams:
        raise CartonError(
            _l("The gross weight (with the carton) cannot be less than the net weight."), "gross"
        )
    old = [rule.carton_net_grams, rule.carton_gross_grams]
    rule.carton_net_grams, rule.carton_gross_grams = net_grams, gross_grams
    db.session.flush()
    if old != [net_grams, gross_grams]:
        record(
            "wholesale_pack.carton",
            variant,
            actor_id=actor_id,
            cooperative_id=variant.product.cooperative_id,
            sku=variant.sku,
            net_grams=[old[0], net_grams],
            gross_grams=[old[1], gross_grams],
        )
    return rule
