"""Uploaded pictures (product photos, transfer slips): checked by content, re-encoded, stripped
of metadata, stored in the sizes the pages show, under a random name."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

SIZES = (400, 800)  # widths the storefront shows (cards, product page); also used for srcset
SLIP_SIZES = (1200,)
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000
MAX_BYTES = 10 * 1024 * 1024
PRODUCT_DIR = "products"
SLIP_DIR = "slips"


class ImageRejected(ValueError):
    """The file is not an image the shop accepts; the message says why."""


@dataclass(frozen=True)
class StoredImage:
    stem: str
    width: int
    height: int


def file_name(stem: str, size: int) -> str:
    return f"{stem}-{size}.webp"


def store_image(
    data: bytes,
    upload_dir: str | Path,
    folder: str = PRODUCT_DIR,
    sizes: tuple[int, ...] = SIZES,
) -> StoredImage:
    """Check, re-encode and store an uploaded picture in ``sizes`` widths under ``folder``.

    Raises ImageRejected for anything that is not a reasonable JPEG, PNG or WebP picture.
    """
    if len(data) > MAX_BYTES:
        raise ImageRejected("The file is larger than 10 MB.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ImageRejected("Only JPEG, PNG and WebP pictures are accepted.")
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected("The picture has too many pixels.")
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            picture = ImageOps.exif_transpose(img).convert("RGB")
    except ImageRejected:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected("The file is not a readable picture.") from exc

    stem = secrets.token_hex(16)
    target = Path(upload_dir) / folder
    target.mkdir(parents=True, exist_ok=True)
    for width in sizes:
        resized = picture.copy()
        resized.thumbnail((width, width * 2), Image.Resampling.LANCZOS)
        resized.save(target / file_name(stem, width), "WEBP", quality=82, method=4)
    return StoredImage(stem=stem, width=picture.width, height=picture.height)


def delete_files(
    stem: str, upload_dir: str | Path, folder: str = PRODUCT_DIR, sizes: tuple[int, ...] = SIZES
) -> None:
    for width in sizes:
        (Path(upload_dir) / folder / file_name(stem, width)).unlink(missing_ok=True)
