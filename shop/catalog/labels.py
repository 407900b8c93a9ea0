"""Translatable names for the catalogue's fixed choices."""

from flask_babel import lazy_gettext as _l

from shop.catalog.models import RanongDistrict, Roast

DISTRICT_NAMES = {
    RanongDistrict.MUEANG: _l("Mueang Ranong"),
    RanongDistrict.KRA_BURI: _l("Kra Buri"),
    RanongDistrict.LA_UN: _l("La-un"),
    RanongDistrict.KAPOE: _l("Kapoe"),
    RanongDistrict.SUKSAMRAN: _l("Suk Samran"),
}

ROAST_NAMES = {
    Roast.LIGHT: _l("Light roast"),
    Roast.MEDIUM: _l("Medium roast"),
    Roast.DARK: _l("Dark roast"),
}

SORT_NAMES = {
    "featured": _l("Featured"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
    "newest": _l("Newest"),
    "name": _l("Name"),
}
