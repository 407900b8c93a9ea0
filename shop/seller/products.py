"""Seller backend: products, their packs and pictures (routes on the seller blueprint).

Every lookup goes through shop.catalog.editing with the current cooperative: an id of
another cooperative's product, pack or picture answers 404 and changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_cooperative, staff_required
from shop.catalog import editing
from shop.catalog.models import Product, Variant
from shop.core.images import delete_files
from shop.core.money import SATANG_PER_BAHT
from shop.core.pagination import requested_page
from shop.extensions import db
from shop.seller import listings
from shop.seller.forms import ImagesForm, ProductForm, VariantForm
from shop.seller.list_forms import ProductFilterForm
from shop.seller.views import bp


def _product(product_id: int) -> Product:
    try:
        return editing.product_of(current_cooperative().id, product_id)
    except editing.NotFound:
        abort(404)


def _variant(product: Product, variant_id: int) -> Variant:
    try:
        return editing.variant_of(product, variant_id)
    except editing.NotFound:
        abort(404)


def _to_edit(product: Product, anchor: str = "") -> str:
    return url_for("seller.edit_product", product_id=product.id) + anchor


@bp.get("/products")
@staff_required
def products():
    cooperative = current_cooperative()
    form = ProductFilterForm(request.args)
    search, status = form.wanted()
    found = listings.products_page(cooperative.id, requested_page(), search, status)
    items = [(product, editing.missing_languages(product)) for product in found.items]
    return render_template(
        "seller/products/list.html",
        cooperative=cooperative,
        items=items,
        found=found,
        form=form,
        filtered=bool(search or status),
    )


@bp.route("/products/new", methods=["GET", "POST"])
@staff_required
def new_product():
    cooperative = current_cooperative()
    form = ProductForm(categories=editing.categories())
    if form.validate_on_submit():
        try:
            product = editing.create_product(
                cooperative.id, form.product_data(), actor_id=current_user.id
            )
        except editing.EditingError as exc:
            form.category_id.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("The product is saved as a draft. Add a pack with its price."), "success")
            return redirect(url_for("seller.new_variant", product_id=product.id))
    return render_template(
        "seller/products/form.html", form=form, product=None, cooperative=cooperative
    )


@bp.route("/products/<int:product_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_product(product_id: int):
    product = _product(product_id)
    form = ProductForm(obj=product, categories=editing.categories())
    if request.method == "GET":
        form.set_roast(product.roast)
    if form.validate_on_submit():
        try:
            editing.update_product(product, form.product_data(), actor_id=current_user.id)
        except editing.EditingError as exc:
            db.session.rollback()
            form.category_id.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("The product is saved."), "success")
            return redirect(_to_edit(product))
    return render_template(
        "seller/products/form.html",
        form=form,
        product=product,
        cooperative=current_cooperative(),
        missing=editing.missing_languages(product),
        images_form=ImagesForm(),
    )


@bp.get("/products/<int:product_id>/preview")
@staff_required
def preview_product(product_id: int):
    product = _product(product_id)
    return render_template("seller/products/preview.html", product=product, more=[], csrf_field="")


@bp.post("/products/<int:product_id>/publish")
@staff_required
def publish_product(product_id: int):
    product = _product(product_id)
    try:
        editing.publish_product(product, actor_id=current_user.id)
    except editing.CannotPublish as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("The product is published in the shop."), "success")
    return redirect(_to_edit(product))


@bp.post("/products/<int:product_id>/archive")
@staff_required
def archive_product(product_id: int):
    product = _product(product_id)
    editing.archive_product(product, actor_id=current_user.id)
    db.session.commit()
    flash(_("The product is archived: it no longer shows in the shop."), "success")
    return redirect(_to_edit(product))


# --- packs -----------------------------------------------------------------------------------


def _price_text(satang: int) -> str:
    amount = Decimal(satang) / SATANG_PER_BAHT
    return str(amount.quantize(Decimal(1)) if satang % SATANG_PER_BAHT == 0 else amount)


def _variant_form_page(form: VariantForm, product: Product, variant: Variant | None):
    return render_template(
        "seller/products/variant_form.html", form=form, product=product, variant=variant
    )


def _save_variant(form: VariantForm, product, save, saved_message: str):
    """Run ``save`` for a valid pack form; on a refusal put its message on the right field."""
    if form.validate_on_submit():
        try:
            save(form.variant_data())
        except editing.DuplicateSku as exc:
            db.session.rollback()
            form.sku.errors.append(exc.message)
        except editing.EditingError as exc:
            db.session.rollback()
            form.name_my.errors.append(exc.message)
        else:
            db.session.commit()
            flash(saved_message, "success")
            return redirect(_to_edit(product, "#packs"))
    return None


@bp.route("/products/<int:product_id>/variants/new", methods=["GET", "POST"])
@staff_required
def new_variant(product_id: int):
    product = _product(product_id)
    form = VariantForm()
    done = _save_variant(
        form,
        product,
        lambda data: editing.add_variant(product, data, actor_id=current_user.id),
        _("The pack is added."),
    )
    return done or _variant_form_page(form, product, None)


@bp.route("/products/<int:product_id>/variants/<int:variant_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_variant(product_id: int, variant_id: int):
    product = _product(product_id)
    variant = _variant(product, variant_id)
    form = VariantForm(obj=variant)
    if request.method == "GET":
        form.price.data = _price_text(variant.price_satang)
    done = _save_variant(
        form,
        product,
        lambda data: editing.update_variant(variant, data, actor_id=current_user.id),
        _("The pack is saved."),
    )
    return done or _variant_form_page(form, product, variant)


@bp.post("/products/<int:product_id>/variants/<int:variant_id>/<any(activate,deactivate):action>")
@staff_required
def toggle_variant(product_id: int, variant_id: int, action: str):
    product = _product(product_id)
    variant = _variant(product, variant_id)
    editing.set_variant_active(variant, action == "activate", actor_id=current_user.id)
    db.session.commit()
    if action == "activate":
        flash(_("The pack is on offer again."), "success")
    else:
        flash(_("The pack is no longer offered."), "success")
    return redirect(_to_edit(product, "#packs"))


# --- pictures --------------------------------------------------------------------------------


@bp.post("/products/<int:product_id>/images")
@staff_required
def upload_images(product_id: int):
    product = _product(product_id)
    files = [
        (f.filename or _("file"), f.read())
        for f in request.files.getlist("images")
        if f and (f.filename or f.content_length)
    ]
    if not files:
        flash(_("Please choose one or more pictures."), "error")
        return redirect(_to_edit(product, "#pictures"))
    try:
        editing.add_images(
            product, files, current_app.config["UPLOAD_DIR"], actor_id=current_user.id
        )
    except editing.ImageRefused as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("The pictures are added."), "success")
    return redirect(_to_edit(product, "#pictures"))


def _image(product: Product, image_id: int):
    try:
        return editing.image_of(product, image_id)
    except editing.NotFound:
        abort(404)


@bp.post("/products/<int:product_id>/images/<int:image_id>/<any(up,down):direction>")
@staff_required
def move_image(product_id: int, image_id: int, direction: str):
    product = _product(product_id)
    image = _image(product, image_id)
    editing.move_image(image, -1 if direction == "up" else 1, actor_id=current_user.id)
    db.session.commit()
    return redirect(_to_edit(product, "#pictures"))


@bp.post("/products/<int:product_id>/images/<int:image_id>/delete")
@staff_required
def remove_image(product_id: int, image_id: int):
    product = _product(product_id)
    image = _image(product, image_id)
    stem = editing.remove_image(image, actor_id=current_user.id)
    db.session.commit()
    delete_files(stem, current_app.config["UPLOAD_DIR"])
    flash(_("The picture is removed."), "success")
    return redirect(_to_edit(product, "#pictures"))
