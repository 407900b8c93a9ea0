"""Uploaded pictures (product photos, transfer slips): checked by content, re-encoded, stripped
of metadata, stored in the sizes the pages show, under a random name, in the shop's storage
(``shop.core.storage``: the upload folder, or an S3-compatible bucket in production)."""

from __future__ import annotations

import io
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from shop.core.storage import StorageError, file_response, private_response, storage

log = logging.getLogger(__name__)

SIZES = (400, 800)  # widths the storefront shows (cards, product page); also used for srcset
SLIP_SIZES = (1200,)
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000
MAX_BYTES = 10 * 1024 * 1024
PRODUCT_DIR = "products"
SLIP_DIR = "slips"


class ImageRejected(ValueError):
    """The file is not an image the shop accepts; the message says why."""


class ImageNotStored(Exception):
    """The picture is fine but could not be written (folder read-only or full, disk error,
    bucket unreachable). Nothing of it is left in the storage."""


@dataclass(frozen=True)
class StoredImage:
    stem: str
    width: int
    height: int


def file_name(stem: str, size: int) -> str:
    return f"{stem}-{size}.webp"


def storage_key(folder: str, stem: str, size: int) -> str:
    """The picture's key in the storage, e.g. ``products/<stem>-800.webp``."""
    return f"{folder}/{file_name(stem, size)}"


def store_image(
    data: bytes,
    upload_dir: str | Path,
    folder: str = PRODUCT_DIR,
    sizes: tuple[int, ...] = SIZES,
) -> StoredImage:
    """Check, re-encode and store an uploaded picture in ``sizes`` widths under ``folder``.

    Raises ImageRejected for anything that is not a reasonable JPEG, PNG or WebP picture, and
    ImageNotStored when the files cannot be written (the sizes already written are removed).
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
    store = storage(upload_dir)
    try:
        for width in sizes:
            resized = picture.copy()
            resized.thumbnail((width, width * 2), Image.Resampling.LANCZOS)
            encoded = io.BytesIO()
            resized.save(encoded, "WEBP", quality=82, method=4)
            store.save(storage_key(folder, stem, width), encoded.getvalue(), "image/webp")
    except StorageError as exc:
        log.error("picture could not be stored in %s: %s", folder, exc)
        delete_files(stem, upload_dir, folder, sizes)
        raise ImageNotStored(str(exc)) from exc
    return StoredImage(stem=stem, width=picture.width, height=picture.height)


def delete_files(
    stem: str, upload_dir: str | Path, folder: str = PRODUCT_DIR, sizes: tuple[int, ...] = SIZES
) -> None:
    """Remove a picture's files; one that cannot be removed is logged, never raised."""
    store = storage(upload_dir)
    for width in sizes:
        key = storage_key(folder, stem, width)
        try:
            store.delete(key)
        except StorageError as exc:
            log.warning("picture file %s could not be removed: %s", key, exc)


_UNCOMMITTED = "image_files_until_commit"


def delete_unless_committed(
    session: Session,
    stem: str,
    upload_dir: str | Path,
    folder: str = PRODUCT_DIR,
    sizes: tuple[int, ...] = SIZES,
) -> None:
    """Remove a freshly stored picture's files if the session's transaction does not commit.

    Files are written before the row that names them; if the transaction then rolls back or
    its commit fails, no row names them and they go, so the folder holds no orphans.
    """
    session.info.setdefault(_UNCOMMITTED, []).append((stem, upload_dir, folder, sizes))


@event.listens_for(Session, "after_commit")
def _keep_committed_files(session: Session) -> None:
    if not session.in_nested_transaction():  # not a savepoint released: the real commit
        session.info.pop(_UNCOMMITTED, None)


@event.listens_for(Session, "after_transaction_end")
def _delete_uncommitted_files(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended without a commit
        for stem, upload_dir, folder, sizes in session.info.pop(_UNCOMMITTED, []):
            delete_files(stem, upload_dir, folder, sizes)


def slip_response(stem: str):
    """A transfer slip picture (its one size) as a private, never-stored response streamed by
    the shop; 404 when there is none. For the office's pages only: the caller checks who asks."""
    from flask import abort

    if not stem:
        abort(404)
    return private_response(storage_key(SLIP_DIR, stem, SLIP_SIZES[0]))


def product_image_response(name: str, max_age: int):
    """A product picture by its file name, public and cached for ``max_age`` seconds."""
    return file_response(f"{PRODUCT_DIR}/{name}", private=False, max_age=max_age)
