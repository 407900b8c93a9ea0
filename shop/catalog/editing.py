"""Editing the catalogue from the seller backend: products, their packs (variants) and pictures.

Every function takes the cooperative it works in (or an object already looked up inside it)
and the acting user; lookups by id answer NotFound for anything of another cooperative. The
functions flush; the caller commits once. Each change writes an audit entry with the old and
new values.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, fields
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from shop.catalog.models import (
    Category,
    Product,
    ProductImage,
    ProductStatus,
    Roast,
    Variant,
)
from shop.core.burmese import looks_like_zawgyi, zawgyi_message
from shop.core.images import (
    MAX_BYTES,
    ImageNotStored,
    ImageRejected,
    delete_files,
    delete_unless_committed,
    store_image,
)
from shop.core.text import normalize_text
from shop.extensions import db
from shop.platform import audit

LANGUAGES = ("th", "en", "my")


class EditingError(Exception):
    """A change the catalogue refuses; ``message`` says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotFound(EditingError):
    """No such product, pack or picture in this cooperative."""

    def __init__(self):
        super().__init__(_l("Not found."))


class DuplicateSku(EditingError):
    def __init__(self):
        super().__init__(_l("Another pack already uses this SKU."))


class CannotPublish(EditingError):
    pass


class ImageRefused(EditingError):
    pass


class PicturesNotSaved(ImageRefused):
    """The pictures were fine but the shop could not write them; nothing was changed."""

    def __init__(self):
        super().__init__(
            _l(
                "The pictures could not be saved right now; nothing was changed. "
                "Please try again later."
            )
        )


class ZawgyiText(EditingError):
    def __init__(self):
        super().__init__(zawgyi_message())


@dataclass(frozen=True)
class ProductData:
    category_id: int
    name_th: str
    name_en: str = ""
    name_my: str = ""
    description_th: str = ""
    description_en: str = ""
    description_my: str = ""
    origin_th: str = ""
    origin_en: str = ""
    origin_my: str = ""
    roast: Roast | None = None
    is_featured: bool = False
    hs_code: str = ""  # normalised and checked by the form (shop.catalog.hs_codes)


@dataclass(frozen=True)
class VariantData:
    sku: str
    name_th: str
    weight_grams: int
    price_satang: int
    name_en: str = ""
    name_my: str = ""
    pack_size: int = 1
    low_stock_threshold: int = 5


def _check_burmese(data: ProductData | VariantData) -> None:
    for f in fields(data):
        value = getattr(data, f.name)
        if isinstance(value, str) and looks_like_zawgyi(value):
            raise ZawgyiText()


def _changes(obj: object, data: ProductData | VariantData) -> dict[str, list]:
    """Set each field of ``data`` on ``obj``, texts in the shop's one spelling
    (``core.text.normalize_text``); return {field: [old, new]} for those that changed."""
    changed = {}
    for f in fields(data):
        old, new = getattr(obj, f.name), normalize_text(getattr(data, f.name))
        if old != new:
            changed[f.name] = [_plain(old), _plain(new)]
            setattr(obj, f.name, new)
    return changed


def _plain(value):
    return value.value if isinstance(value, Roast) else value


def _slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "product"
    return f"{base}-{secrets.token_hex(3)}"


# --- looking up inside the cooperative -------------------------------------------------------


def products_of(cooperative_id: int) -> Select:
    """The statement of the cooperative's products, newest first, with their packs and
    pictures loaded (index ix_product_cooperative_created); the caller filters and pages."""
    return (
        select(Product)
        .where(Product.cooperative_id == cooperative_id)
        .options(selectinload(Product.variants), selectinload(Product.images))
        .order_by(Product.created_at.desc(), Product.id.desc())
    )


def product_of(cooperative_id: int, product_id: int) -> Product:
    """The cooperative's product. Raises NotFound for another cooperative's."""
    product = db.session.scalar(
        select(Product).where(Product.id == product_id, Product.cooperative_id == cooperative_id)
    )
    if product is None:
        raise NotFound()
    return product


def variant_of(product: Product, variant_id: int) -> Variant:
    """A pack of the product. Raises NotFound for any other."""
    variant = db.session.scalar(
        select(Variant).where(Variant.id == variant_id, Variant.product_id == product.id)
    )
    if variant is None:
        raise NotFound()
    return variant


def image_of(product: Product, image_id: int) -> ProductImage:
    """A picture of the product. Raises NotFound for any other."""
    image = db.session.scalar(
        select(ProductImage).where(
            ProductImage.id == image_id, ProductImage.product_id == product.id
        )
    )
    if image is None:
        raise NotFound()
    return image


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def missing_languages(product: Product) -> list[str]:
    """Languages in which the product has no name or no description yet."""
    return [
        lang
        for lang in LANGUAGES
        if not getattr(product, f"name_{lang}").strip()
        or not getattr(product, f"description_{lang}").strip()
    ]


# --- products --------------------------------------------------------------------------------


def _check_category(category_id: int) -> None:
    if db.session.get(Category, category_id) is None:
        raise EditingError(_l("Please choose a category."))


def create_product(cooperative_id: int, data: ProductData, *, actor_id: int) -> Product:
    """A new draft product of the cooperative. Raises ZawgyiText, EditingError (category)."""
    _check_burmese(data)
    _check_category(data.category_id)
    product = Product(
        cooperative_id=cooperative_id,
        slug=_slug(data.name_en or data.name_th),
        status=ProductStatus.DRAFT,
    )
    changes = _changes(product, data)
    db.session.add(product)
    db.session.flush()
    audit.record(
        "product.create", product, actor_id=actor_id, cooperative_id=cooperative_id, **changes
    )
    return product


def update_product(product: Product, data: ProductData, *, actor_id: int) -> dict[str, list]:
    """Change names, texts, category, roast, featured. Returns the changes (old, new)."""
    _check_burmese(data)
    _check_category(data.category_id)
    changes = _changes(product, data)
    if changes:
        db.session.flush()
        audit.record(
            "product.update",
            product,
            actor_id=actor_id,
            cooperative_id=product.cooperative_id,
            **changes,
        )
    return changes


def _set_status(product: Product, status: ProductStatus, action: str, actor_id: int) -> None:
    old = product.status
    if status == ProductStatus.ACTIVE:
        product.publish()
    else:
        product.status = status
    db.session.flush()
    audit.record(
        action,
        product,
        actor_id=actor_id,
        cooperative_id=product.cooperative_id,
        status=[old.value, product.status.value],
    )


def publish_product(product: Product, *, actor_id: int) -> None:
    """Show the product in the shop. Raises CannotPublish without an active pack."""
    if not product.active_variants:
        raise CannotPublish(_l("Add at least one pack with a price before publishing."))
    product.refresh_min_price()
    _set_status(product, ProductStatus.ACTIVE, "product.publish", actor_id)


def archive_product(product: Product, *, actor_id: int) -> None:
    """Take the product out of the shop (it stays in the backend and in past orders)."""
    _set_status(product, ProductStatus.ARCHIVED, "product.archive", actor_id)


# --- packs (variants) ------------------------------------------------------------------------


def _check_sku(sku: str, variant_id: int | None) -> None:
    clash = select(Variant.id).where(func.lower(Variant.sku) == sku.lower())
    if variant_id is not None:
        clash = clash.where(Variant.id != variant_id)
    if db.session.scalar(clash) is not None:
        raise DuplicateSku()


def add_variant(product: Product, data: VariantData, *, actor_id: int) -> Variant:
    """A new pack of the product. Raises DuplicateSku, ZawgyiText."""
    _check_burmese(data)
    _check_sku(data.sku, None)
    position = max((v.position for v in product.variants), default=-1) + 1
    variant = Variant(product=product, position=position, stock=0)
    changes = _changes(variant, data)
    db.session.add(variant)
    db.session.flush()
    product.refresh_min_price()
    db.session.flush()
    audit.record(
        "variant.create",
        variant,
        actor_id=actor_id,
        cooperative_id=product.cooperative_id,
        **changes,
    )
    return variant


def update_variant(variant: Variant, data: VariantData, *, actor_id: int) -> dict[str, list]:
    """Change a pack; a new price refreshes the product's lowest price. Raises DuplicateSku."""
    _check_burmese(data)
    _check_sku(data.sku, variant.id)
    changes = _changes(variant, data)
    if not changes:
        return changes
    variant.product.refresh_min_price()
    db.session.flush()
    cooperative_id = variant.product.cooperative_id
    audit.record(
        "variant.update", variant, actor_id=actor_id, cooperative_id=cooperative_id, **changes
    )
    if "price_satang" in changes:
        old, new = changes["price_satang"]
        audit.record(
            "variant.price_change",
            variant,
            actor_id=actor_id,
            cooperative_id=cooperative_id,
            price_satang=[old, new],
        )
    return changes


def set_variant_active(variant: Variant, active: bool, *, actor_id: int) -> None:
    """Offer a pack again, or stop offering it (it stays in past orders)."""
    if variant.is_active == active:
        return
    variant.is_active = active
    db.session.flush()
    variant.product.refresh_min_price()
    db.session.flush()
    audit.record(
        "variant.activate" if active else "variant.deactivate",
        variant,
        actor_id=actor_id,
        cooperative_id=variant.product.cooperative_id,
        is_active=[not active, active],
    )


# --- pictures --------------------------------------------------------------------------------


def _is_svg(data: bytes) -> bool:
    """An SVG (XML text) file, whatever its name: checked first, for a precise message."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") and b"<svg" in head.lower()


# A picture with a script, a web page or an archive hidden inside (a "polyglot") is refused even
# though re-encoding would drop the payload: whoever made it meant harm. The markers are long
# enough that compressed picture data almost never contains them by chance.
_POLYGLOT_SNIFF = re.compile(
    rb"<\?php|<script|<html|<!doctype html|<iframe|<svg|<\?=|PK\x03\x04|PK\x05\x06|%PDF-",
    re.IGNORECASE,
)


def _refuse(name: str, data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ImageRefused(_l("%(name)s is larger than 10 MB.", name=name))
    if _is_svg(data):
        raise ImageRefused(
            _l("%(name)s is an SVG drawing; please upload a JPEG, PNG or WebP photo.", name=name)
        )
    if _POLYGLOT_SNIFF.search(data):
        raise ImageRefused(
            _l(
                "%(name)s contains something other than a picture (code or an archive); "
                "please upload the original photo.",
                name=name,
            )
        )


def add_images(
    product: Product, files: list[tuple[str, bytes]], upload_dir: str | Path, *, actor_id: int
) -> list[ProductImage]:
    """Check, re-encode and keep the uploaded pictures, all or none.

    Raises ImageRefused naming the first file that is not a JPEG, PNG or WebP photo of at
    most 10 MB and 40 megapixels (SVG, decompression bombs, other files), and PicturesNotSaved
    (an ImageRefused) when the upload folder cannot take them. Written files are removed again
    if the caller's transaction does not commit.
    """
    for name, data in files:
        _refuse(name, data)
    stored = []
    try:
        for name, data in files:
            try:
                stored.append(store_image(data, upload_dir))
            except ImageRejected as exc:
                raise ImageRefused(
                    _l(
                        "%(name)s is not a picture we accept: JPEG, PNG or WebP, at most "
                        "10 MB and 40 megapixels.",
                        name=name,
                    )
                ) from exc
            except ImageNotStored as exc:
                raise PicturesNotSaved() from exc
    except ImageRefused:
        for picture in stored:
            delete_files(picture.stem, upload_dir)
        raise
    for picture in stored:
        delete_unless_committed(db.session, picture.stem, upload_dir)
    position = max((img.position for img in product.images), default=-1) + 1
    images = [
        ProductImage(
            product=product,
            stem=picture.stem,
            width=picture.width,
            height=picture.height,
            position=position + i,
        )
        for i, picture in enumerate(stored)
    ]
    db.session.add_all(images)
    db.session.flush()
    audit.record(
        "product.images_add",
        product,
        actor_id=actor_id,
        cooperative_id=product.cooperative_id,
        images=[[], [img.stem for img in images]],
    )
    return images


def _renumber(product: Product, ordered: list[ProductImage]) -> None:
    for position, image in enumerate(ordered):
        image.position = position
    db.session.flush()
    db.session.expire(product, ["images"])


def move_image(image: ProductImage, step: int, *, actor_id: int) -> None:
    """Move a picture one place earlier (step -1) or later (+1); the first is the main one."""
    product = image.product
    ordered = list(product.images)
    old = [img.stem for img in ordered]
    index = ordered.index(image)
    target = index + (-1 if step < 0 else 1)
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(product, ordered)
    audit.record(
        "product.image_move",
        product,
        actor_id=actor_id,
        cooperative_id=product.cooperative_id,
        order=[old, [img.stem for img in ordered]],
    )


def remove_image(image: ProductImage, *, actor_id: int) -> str:
    """Remove a picture; returns its stem so the caller deletes the files after committing."""
    product = image.product
    stem = image.stem
    remaining = [img for img in product.images if img.id != image.id]
    db.session.delete(image)
    db.session.flush()
    _renumber(product, remaining)
    audit.record(
        "product.image_remove",
        product,
        actor_id=actor_id,
        cooperative_id=product.cooperative_id,
        images=[[stem], []],
    )
    return stem
