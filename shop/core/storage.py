"""One storage for the shop's files: product pictures, transfer slips and documents.

Files are named by a key such as ``products/<stem>-800.webp`` or ``slips/<stem>-1200.webp``.
``STORAGE_BACKEND`` chooses where they live:

- ``local`` (the default): a folder, UPLOAD_DIR (``instance/uploads``), as ``make run`` needs.
- ``s3``: a bucket of any S3-compatible object storage, through boto3: S3_BUCKET, and
  S3_ENDPOINT_URL (empty for AWS), S3_REGION, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (else
  boto3's own AWS_* variables or instance role), S3_PRESIGN_SECONDS (default 300).

Public files (product pictures) are served by the shop's own route with a year's cache
lifetime, whatever the backend, so their addresses never change (a CDN in front caches them).
Private files (slips, invoices) are only ever streamed by a view that checked who asks
(``private_response``), or handed out as a presigned address that expires after
S3_PRESIGN_SECONDS (``signed_url``). The bucket itself stays private: nothing in it is public.

Raises ``StorageError`` when the storage cannot be written or read (disk full, bucket gone),
and ``FileNotFoundError``-like ``MissingFile`` for a key it does not hold.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    has_app_context,
    request,
    send_file,
    stream_with_context,
)

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
PRESIGN_SECONDS = 300


class StorageError(Exception):
    """The storage could not be written or read (folder read-only or full, bucket gone)."""


class MissingFile(StorageError):
    """No file under that key."""


def _content_type(key: str) -> str:
    return mimetypes.guess_type(key)[0] or "application/octet-stream"


class Storage(Protocol):
    def save(self, key: str, data: bytes, content_type: str | None = None) -> None: ...

    def read(self, key: str) -> bytes: ...

    def chunks(self, key: str) -> Iterator[bytes]: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...

    def signed_url(
        self, key: str, seconds: int, download_name: str | None = None
    ) -> str | None: ...


def _checked(key: str) -> str:
    parts = key.split("/")
    if not key or key.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in key:
        raise MissingFile(f"not a storage key: {key!r}")
    return key


class LocalStorage:
    """Files under one folder (UPLOAD_DIR): the key is the path below it."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / _checked(key)

    def save(self, key: str, data: bytes, content_type: str | None = None) -> None:
        path = self.path(key)
        partial = path.with_name(f".{path.name}.part")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, path)  # readers never see half a file
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)  # a full disk keeps no half-written file
            raise StorageError(str(exc)) from exc

    def read(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError as exc:
            raise MissingFile(key) from exc
        except OSError as exc:
            raise StorageError(str(exc)) from exc

    def chunks(self, key: str) -> Iterator[bytes]:
        try:
            handle = self.path(key).open("rb")
        except FileNotFoundError as exc:
            raise MissingFile(key) from exc
        except OSError as exc:
            raise StorageError(str(exc)) from exc

        def stream() -> Iterator[bytes]:
            with handle:
                while block := handle.read(CHUNK):
                    yield block

        return stream()

    def delete(self, key: str) -> None:
        try:
            self.path(key).unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(str(exc)) from exc

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def signed_url(self, key: str, seconds: int, download_name: str | None = None) -> None:
        return None  # a folder has no addresses of its own: the shop streams the file


class S3Storage:
    """Objects in one bucket of S3-compatible storage (boto3); the key is the object's key."""

    def __init__(self, bucket: str, client) -> None:
        self.bucket = bucket
        self.client = client

    @classmethod
    def from_config(cls, config) -> S3Storage:
        import boto3
        from botocore.config import Config

        if not config.get("S3_BUCKET"):
            raise StorageError("STORAGE_BACKEND=s3 needs S3_BUCKET")
        client = boto3.client(
            "s3",
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            region_name=config.get("S3_REGION") or "us-east-1",
            aws_access_key_id=config.get("S3_ACCESS_KEY_ID") or None,
            aws_secret_access_key=config.get("S3_SECRET_ACCESS_KEY") or None,
            config=Config(
                signature_version="s3v4",
                connect_timeout=5,
                read_timeout=20,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": config.get("S3_ADDRESSING_STYLE") or "path"},
            ),
        )
        return cls(config["S3_BUCKET"], client)

    def _errors(self):
        from botocore.exceptions import BotoCoreError, ClientError

        return BotoCoreError, ClientError

    def _missing(self, exc) -> bool:
        code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
        return code in ("NoSuchKey", "404", "NotFound")

    def save(self, key: str, data: bytes, content_type: str | None = None) -> None:
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=_checked(key),
                Body=data,
                ContentType=content_type or _content_type(key),
            )
        except self._errors() as exc:
            raise StorageError(str(exc)) from exc

    def _get(self, key: str):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=_checked(key))["Body"]
        except self._errors() as exc:
            if self._missing(exc):
                raise MissingFile(key) from exc
            raise StorageError(str(exc)) from exc

    def read(self, key: str) -> bytes:
        body = self._get(key)
        try:
            return body.read()
        finally:
            body.close()

    def chunks(self, key: str) -> Iterator[bytes]:
        body = self._get(key)

        def stream() -> Iterator[bytes]:
            try:
                yield from body.iter_chunks(CHUNK)
            finally:
                body.close()

        return stream()

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=_checked(key))
        except self._errors() as exc:
            raise StorageError(str(exc)) from exc

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=_checked(key))
        except self._errors() as exc:
            if self._missing(exc):
                return False
            raise StorageError(str(exc)) from exc
        return True

    def signed_url(self, key: str, seconds: int, download_name: str | None = None) -> str:
        params = {"Bucket": self.bucket, "Key": _checked(key)}
        if download_name:
            params["ResponseContentDisposition"] = f'inline; filename="{download_name}"'
        return self.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=int(seconds)
        )


def init_app(app: Flask) -> None:
    """Make the app's storage (``app.extensions["storage"]``) from STORAGE_BACKEND; no network
    at start-up (boto3 connects on the first call)."""
    config = app.config
    for name in (
        "STORAGE_BACKEND",
        "S3_BUCKET",
        "S3_ENDPOINT_URL",
        "S3_REGION",
        "S3_ACCESS_KEY_ID",
        "S3_SECRET_ACCESS_KEY",
        "S3_ADDRESSING_STYLE",
        "S3_PRESIGN_SECONDS",
    ):
        if name not in config and os.environ.get(name):
            config[name] = os.environ[name]
    backend = (config.get("STORAGE_BACKEND") or "local").strip().lower()
    if backend == "s3":
        app.extensions["storage"] = S3Storage.from_config(config)
    elif backend == "local":
        app.extensions["storage"] = LocalStorage(config["UPLOAD_DIR"])
    else:
        raise StorageError(f"STORAGE_BACKEND must be 'local' or 's3', not {backend!r}")


def storage(upload_dir: str | Path | None = None) -> Storage:
    """The app's storage. ``upload_dir``: a caller's folder, used when the backend is the local
    folder (the tests and the demo loader name theirs), also outside an app context."""
    if not has_app_context():  # a script or test storing into a folder of its own
        if upload_dir is None:
            raise RuntimeError("the shop's storage needs an app context or a folder")
        return LocalStorage(upload_dir)
    current = current_app.extensions["storage"]
    if (
        upload_dir is not None
        and isinstance(current, LocalStorage)
        and Path(upload_dir) != current.root
    ):
        return LocalStorage(upload_dir)
    return current


def file_response(
    key: str,
    *,
    private: bool,
    max_age: int = 0,
    download_name: str | None = None,
    content_type: str | None = None,
) -> Response:
    """Serve a stored file through the shop: ``private`` ones are never cached
    (``private, no-store``), public ones for ``max_age`` seconds with an ETag (their names are
    never reused). From the folder with ``send_file`` (ranges, conditional requests); from a
    bucket streamed in 64 KiB chunks. 404 when it is missing."""
    current = storage()
    mimetype = content_type or _content_type(key)
    try:
        if isinstance(current, LocalStorage):
            path = current.path(key)
            if not path.is_file():
                raise MissingFile(key)
            response = send_file(path, mimetype=mimetype, conditional=True, etag=True)
        else:
            response = Response(
                stream_with_context(current.chunks(key)),
                mimetype=mimetype,
                direct_passthrough=True,
            )
            response.set_etag(key)
            response.make_conditional(request)
    except MissingFile:
        abort(404)
    if private:
        response.headers["Cache-Control"] = "private, no-store"
    else:
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
    if download_name:
        response.headers["Content-Disposition"] = f'inline; filename="{download_name}"'
    return response


def private_response(key: str, *, download_name: str | None = None) -> Response:
    """A private file (slip, invoice) for a viewer the caller has checked, streamed by the
    shop and never cached. (``storage().signed_url`` gives a short-lived bucket address
    instead, for a link that must work outside the shop's pages.)"""
    return file_response(key, private=True, download_name=download_name)
