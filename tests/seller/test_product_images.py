"""Staff add, reorder and remove product pictures; anything that is not a plain photo is refused
with a clear message, and what is kept is re-encoded, stripped of metadata, under a random name."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from shop.catalog.models import Product, ProductImage
from shop.core.images import ImageRejected, store_image
from shop.extensions import db
from shop.platform.models import AuditEntry
from tests.factories import ProductFactory
from tests.seller.product_world import build_world, jpeg_bytes, log_in

PHP = b"<?php system($_GET['c']); ?>"


@pytest.fixture
def world(app, session):
    return build_world(session, app.config["UPLOAD_DIR"])


@pytest.fixture
def staff(app, world):
    client = app.test_client()
    log_in(client, world.staff.email)
    return client


@pytest.fixture
def product(world):
    product = ProductFactory(
        cooperative=world.la_un, category=world.category, name_en="La-un beans"
    )
    db.session.commit()
    return product


def upload(staff, product, *files):
    return staff.post(
        f"/seller/products/{product.id}/images?lang=en",
        data={"images": [(io.BytesIO(data), name) for name, data in files]},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def stored_stems(product) -> list[str]:
    db.session.expire_all()
    return [img.stem for img in db.session.get(Product, product.id).images]


def product_dir(app) -> Path:
    return Path(app.config["UPLOAD_DIR"]) / "products"


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (9.0, 58.0, 12.5), 3: "E", 4: (98.0, 38.0, 2.0)}  # GPS
    return jpeg_bytes(exif=exif)


def png_header_bomb(width=30_000, height=30_000) -> bytes:
    """A tiny PNG that claims a 900-megapixel image (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1) * 64, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_several_pictures_are_stored_re_encoded_under_random_names_without_exif(
    app, staff, product
):
    original = jpeg_with_gps()
    assert b"SecretCameraMaker" in original
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    response = upload(staff, product, ("my-farm-gps.jpg", original), ("second.png", png()))
    assert "The pictures are added." in response.text
    stems = stored_stems(product)
    assert len(stems) == 2
    for stem in stems:
        assert re.fullmatch(r"[0-9a-f]{32}", stem)
        for width in (400, 800):
            path = product_dir(app) / f"{stem}-{width}.webp"
            data = path.read_bytes()
            assert b"SecretCameraMaker" not in data
            assert b"Exif" not in data
            with Image.open(path) as picture:
                assert picture.format == "WEBP"
                assert not picture.getexif()
                assert not picture.getexif().get_ifd(0x8825)
    assert not list(product_dir(app).glob("*my-farm*"))

    page = staff.get(f"/products/{product.slug}?lang=en").text
    assert f"/media/products/{stems[0]}-800.webp" in page
    edit = staff.get(f"/seller/products/{product.id}/edit?lang=en").text
    file_input = re.search(r'<input[^>]*type="file"[^>]*>', edit).group(0)
    assert " multiple " in file_input
    assert f"{stems[1]}-400.webp" in edit


def png(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


REFUSALS = {
    "bomb": ("bomb.png", png_header_bomb(), "is not a picture we accept"),
    "bomb under Pillow's limit": (
        "big.png",
        png_header_bomb(8_000, 8_000),
        "is not a picture we accept",
    ),
    "svg": (
        "drawing.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(1)</script></svg>",
        "is an SVG drawing",
    ),
    "svg named jpg": (
        "photo.jpg",
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "is an SVG drawing",
    ),
    "jpeg with php": ("coffee.jpg", jpeg_bytes() + PHP, "contains something other than a picture"),
    "jpeg with html": (
        "coffee.jpg",
        jpeg_bytes() + b"<html><script>alert(1)</script></html>",
        "contains something other than a picture",
    ),
    "jpeg with zip": (
        "coffee.jpg",
        jpeg_bytes() + b"PK\x03\x04\x14\x00\x00\x00evil.php" + PHP + b"PK\x05\x06" + bytes(18),
        "contains something other than a picture",
    ),
    "renamed executable": (
        "photo.jpg",
        b"\x7fELF\x02\x01\x01\x00" + bytes(2000),
        "is not a picture we accept",
    ),
    "renamed windows program": ("photo.png", b"MZ\x90\x00" + bytes(4000), "is not a picture"),
    "text": ("photo.webp", b"just some text, not a picture\n" * 20, "is not a picture"),
    "oversized": (
        "huge.jpg",
        jpeg_bytes() + bytes(10 * 1024 * 1024),
        "is larger than 10 MB",
    ),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refused_files_get_a_clear_message_and_nothing_is_kept(app, staff, product, case):
    name, data, message = REFUSALS[case]
    files_before = set(product_dir(app).glob("*"))
    response = upload(staff, product, ("good.jpg", jpeg_bytes()), (name, data))
    assert response.status_code == 200
    assert message in response.text
    assert name in response.text
    assert stored_stems(product) == []
    assert set(product_dir(app).glob("*")) == files_before  # the good one is not kept either


def test_store_image_itself_refuses_a_bomb_and_re_encodes_a_polyglot(app, tmp_path):
    with pytest.raises(ImageRejected):
        store_image(png_header_bomb(), tmp_path)
    with pytest.raises(ImageRejected):
        store_image(png_header_bomb(8_000, 8_000), tmp_path)
    payload = b"<html><body onload=alert(1)>" + PHP
    stored = store_image(jpeg_bytes() + payload, tmp_path)
    for width in (400, 800):
        data = (tmp_path / "products" / f"{stored.stem}-{width}.webp").read_bytes()
        assert payload not in data
        assert b"<?php" not in data
        assert b"<html" not in data


def test_pictures_are_reordered_with_buttons_and_removed(app, staff, world, product):
    upload(staff, product, *[(f"p{i}.jpg", jpeg_bytes(color=(i * 60, 50, 50))) for i in range(3)])
    first, second, third = stems = stored_stems(product)
    ids = {img.stem: img.id for img in db.session.get(Product, product.id).images}

    staff.post(f"/seller/products/{product.id}/images/{ids[first]}/down")
    assert stored_stems(product) == [second, first, third]
    staff.post(f"/seller/products/{product.id}/images/{ids[third]}/up")
    assert stored_stems(product) == [second, third, first]
    staff.post(f"/seller/products/{product.id}/images/{ids[second]}/up")  # already first
    assert stored_stems(product) == [second, third, first]

    staff.post(f"/seller/products/{product.id}/images/{ids[third]}/delete")
    assert stored_stems(product) == [second, first]
    assert not (product_dir(app) / f"{third}-400.webp").exists()
    assert (product_dir(app) / f"{first}-400.webp").exists()
    positions = [img.position for img in db.session.get(Product, product.id).images]
    assert positions == [0, 1]
    assert len(stems) == 3

    actions = set(
        db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.cooperative_id == product.cooperative_id)
        )
    )
    assert {"product.images_add", "product.image_move", "product.image_remove"} <= actions
    removal = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "product.image_remove")
    )
    assert removal.details["images"] == [[third], []]
    assert removal.actor_id == world.staff.id


def test_another_cooperatives_picture_cannot_be_moved_or_removed(app, staff, world, product):
    upload(staff, product, ("mine.jpg", jpeg_bytes()))
    theirs = world.kapoe_image
    for url in (
        f"/seller/products/{world.kapoe_product.id}/images/{theirs.id}/delete",
        f"/seller/products/{product.id}/images/{theirs.id}/delete",
        f"/seller/products/{product.id}/images/{theirs.id}/up",
        f"/seller/products/{world.kapoe_product.id}/images",
    ):
        assert staff.post(url).status_code == 404, url
    db.session.expire_all()
    assert db.session.get(ProductImage, theirs.id) is not None
    assert (product_dir(app) / f"{theirs.stem}-400.webp").exists()


def test_an_empty_upload_asks_for_a_picture(staff, product):
    response = upload(staff, product)
    assert "Please choose one or more pictures." in response.text
