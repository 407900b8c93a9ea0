"""Uploaded pictures (product photos, transfer slips): checked by content, re-encoded, stripped
of metadata, stored in the sizes the pages show, under a random name."""

from __future__ import annotations

import io
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

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
    """The picture is fine but could not be written (folder read-only or full, disk error).
    Nothing of it is left on disk."""


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
    target = Path(upload_dir) / folder
    try:
        target.mkdir(parents=True, exist_ok=True)
        for width in sizes:
            resized = picture.copy()
            resized.thumbnail((width, width * 2), Image.Resampling.LANCZOS)
            resized.save(target / file_name(stem, width), "WEBP", quality=82, method=4)
    except OSError as exc:
        log.error("picture could not be stored in %s: %s", target, exc)
        delete_files(stem, upload_dir, folder, sizes)
        raise ImageNotStored(str(exc)) from exc
    return StoredImage(stem=stem, width=picture.width, height=picture.height)


def delete_files(
    stem: str, upload_dir: str | Path, folder: str = PRODUCT_DIR, sizes: tuple[int, ...] = SIZES
) -> None:
    """Remove a picture's files; one that cannot be removed is logged, never raised."""
    for width in sizes:
        path = Path(upload_dir) / folder / file_name(stem, width)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("picture file %s could not be removed: %s", path, exc)


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
    session.info.pop(_UNCOMMITTED, None)


@event.listens_for(Session, "after_transaction_end")
def _delete_uncommitted_files(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended without a commit
        for stem, upload_dir, folder, sizes in session.info.pop(_UNCOMMITTED, []):
            delete_files(stem, upload_dir, folder, sizes)


def slip_response(stem: str):
    """A transfer slip picture (its one size) as a private, never-stored response; 404 when
    there is none. For the office's pages only: the caller checks who asks."""
    from flask import abort, current_app, send_from_directory

    if not stem:
        abort(404)
    folder = Path(current_app.config["UPLOAD_DIR"]) / SLIP_DIR
    response = send_from_directory(folder, file_name(stem, SLIP_SIZES[0]))
    response.headers["Cache-Control"] = "private, no-store"
    return response
