"""Product images: checked by content, re-encoded, stripped of metadata, stored in the sizes
the storefront shows, under a random name."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

SIZES = (400, 800)  # widths the storefront shows (cards, product page); also used for srcset
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000
MAX_BYTES = 10 * 1024 * 1024
PRODUCT_DIR = "products"


class ImageRejected(ValueError):
    """The file is not an image the shop accepts; the message says why."""


@dataclass(frozen=True)
class StoredImage:
    stem: str
    width: int
    height: int


def file_name(stem: str, size: int) -> str:
    return f"{stem}-{size}.webp"


def store_image(data: bytes, upload_dir: str | Path) -> StoredImage:
    """Check, re-encode and store an uploaded image in every storefront size.

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
    folder = Path(upload_dir) / PRODUCT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for width in SIZES:
        resized = picture.copy()
        resized.thumbnail((width, width * 2), Image.Resampling.LANCZOS)
        resized.save(folder / file_name(stem, width), "WEBP", quality=82, method=4)
    return StoredImage(stem=stem, width=picture.width, height=picture.height)


def delete_files(stem: str, upload_dir: str | Path) -> None:
    for width in SIZES:
        (Path(upload_dir) / PRODUCT_DIR / file_name(stem, width)).unlink(missing_ok=True)
