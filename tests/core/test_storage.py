"""Files in one storage: the upload folder by default, an S3-compatible bucket in production.

The picture and slip tests run the shop's own pages against both backends: the local folder and
a bucket on moto's S3 server (a real HTTP server on 127.0.0.1 that boto3 talks to). Pictures
are served by the shop with a year's cache lifetime; slips only to the office, never cached.
"""

from __future__ import annotations

import io
import urllib.request
import uuid

import pytest
from moto.server import ThreadedMotoServer
from PIL import Image
from sqlalchemy import select

from shop import create_app
from shop.core import storage as storage_module
from shop.core.images import PRODUCT_DIR, SLIP_DIR, delete_unless_committed, store_image
from shop.core.storage import LocalStorage, MissingFile, S3Storage, StorageError
from shop.extensions import db
from shop.payments.models import Payment
from tests.factories import ProductFactory
from tests.faults.conftest import free_port
from tests.payments.conftest import catalogue, login, place_order, platform_admin  # noqa: F401
from tests.seller.product_world import build_world, jpeg_bytes, log_in

YEAR = 365 * 24 * 3600
S3_SETTINGS = {
    "S3_REGION": "us-east-1",
    "S3_ACCESS_KEY_ID": "shop-test",
    "S3_SECRET_ACCESS_KEY": "shop-test-secret",
}


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server on a free port of 127.0.0.1, for the whole run."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _bucket(endpoint: str) -> dict:
    """A new empty bucket's settings."""
    settings = {**S3_SETTINGS, "S3_ENDPOINT_URL": endpoint, "S3_BUCKET": f"shop-{uuid.uuid4().hex}"}
    s3 = S3Storage.from_config(settings)
    s3.client.create_bucket(Bucket=settings["S3_BUCKET"])
    return settings


@pytest.fixture(params=["local", "s3"])
def backend(request, app, tmp_path, monkeypatch):
    """The shop's storage for this test: a fresh upload folder, or a fresh bucket."""
    if request.param == "local":
        store = LocalStorage(tmp_path / "uploads")
        monkeypatch.setitem(app.config, "UPLOAD_DIR", str(store.root))
    else:
        store = S3Storage.from_config(_bucket(request.getfixturevalue("s3_endpoint")))
    monkeypatch.setitem(app.extensions, "storage", store)
    return store


def _png(size=(320, 240)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _keys(store) -> list[str]:
    if isinstance(store, LocalStorage):
        return sorted(str(p.relative_to(store.root)) for p in store.root.rglob("*") if p.is_file())
    listed = store.client.list_objects_v2(Bucket=store.bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))


# --- the interface ---------------------------------------------------------------------------


def test_the_storage_keeps_reads_streams_and_deletes_a_file(app, backend):
    with app.app_context():
        backend.save("documents/1/TI-2026-000001.pdf", b"%PDF-1.7 hello", "application/pdf")

        assert backend.exists("documents/1/TI-2026-000001.pdf")
        assert backend.read("documents/1/TI-2026-000001.pdf") == b"%PDF-1.7 hello"
        assert b"".join(backend.chunks("documents/1/TI-2026-000001.pdf")) == b"%PDF-1.7 hello"
        backend.save("documents/1/TI-2026-000001.pdf", b"%PDF-1.7 again")  # replaced whole
        assert backend.read("documents/1/TI-2026-000001.pdf") == b"%PDF-1.7 again"
        backend.delete("documents/1/TI-2026-000001.pdf")
        assert not backend.exists("documents/1/TI-2026-000001.pdf")
        with pytest.raises(MissingFile):
            backend.read("documents/1/TI-2026-000001.pdf")
        backend.delete("documents/1/TI-2026-000001.pdf")  # deleting twice is harmless
        for bad in ("../secret", "/etc/passwd", "slips/../../x", "", "a//b"):
            with pytest.raises(MissingFile):
                backend.read(bad)
        assert _keys(backend) == []


def test_a_private_file_has_a_short_lived_signed_address_in_the_bucket(app, s3_endpoint):
    store = S3Storage.from_config(_bucket(s3_endpoint))
    store.save("slips/abc-1200.webp", b"RIFF slip", "image/webp")

    url = store.signed_url("slips/abc-1200.webp", 120, download_name="slip.webp")

    assert url.startswith(s3_endpoint)
    assert "X-Amz-Expires=120" in url
    with urllib.request.urlopen(url, timeout=10) as answer:  # 127.0.0.1 only
        assert answer.read() == b"RIFF slip"
    unsigned = url.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:  # the bucket itself is private
        urllib.request.urlopen(unsigned, timeout=10)
    assert refused.value.code == 403
    assert LocalStorage("/nowhere").signed_url("slips/abc-1200.webp", 120) is None


def test_the_backend_comes_from_the_environment(app, s3_endpoint, tmp_path):
    settings = _bucket(s3_endpoint)
    shop = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "UPLOAD_DIR": str(tmp_path),
            "CACHE_TYPE": "NullCache",
            "STORAGE_BACKEND": "s3",
            **settings,
        }
    )
    assert isinstance(shop.extensions["storage"], S3Storage)
    assert shop.extensions["storage"].bucket == settings["S3_BUCKET"]
    with pytest.raises(StorageError, match="S3_BUCKET"):
        create_app({"TESTING": True, "UPLOAD_DIR": str(tmp_path), "STORAGE_BACKEND": "s3"})
    default = create_app({"TESTING": True, "UPLOAD_DIR": str(tmp_path)})
    assert isinstance(default.extensions["storage"], LocalStorage)
    assert storage_module.PRESIGN_SECONDS == 300


# --- product pictures ------------------------------------------------------------------------


@pytest.fixture
def staff_and_product(app, session, backend):
    world = build_world(session, app.config["UPLOAD_DIR"])
    product = ProductFactory(
        cooperative=world.la_un, category=world.category, name_en="La-un beans"
    )
    db.session.commit()
    client = app.test_client()
    log_in(client, world.staff.email)
    return client, product


def test_a_product_picture_is_stored_and_served_with_a_long_cache_life(
    app, backend, staff_and_product
):
    staff, product = staff_and_product
    before = set(_keys(backend))

    added = staff.post(
        f"/seller/products/{product.id}/images?lang=en",
        data={"images": [(io.BytesIO(jpeg_bytes()), "farm.jpg")]},
        content_type="multipart/form-data",
        follow_redirects=True,
    )

    assert "The pictures are added." in added.text
    new = sorted(set(_keys(backend)) - before)
    assert [key.rsplit("-", 1)[1] for key in new] == ["400.webp", "800.webp"]
    assert all(key.startswith(f"{PRODUCT_DIR}/") for key in new)
    name = new[1].split("/", 1)[1]
    page = app.test_client().get(f"/products/{product.slug}?lang=en").text
    assert f"/media/products/{name}" in page
    picture = app.test_client().get(f"/media/products/{name}")
    assert picture.status_code == 200
    assert picture.mimetype == "image/webp"
    assert f"max-age={YEAR}" in picture.headers["Cache-Control"]
    assert "public" in picture.headers["Cache-Control"]
    assert Image.open(io.BytesIO(picture.data)).format == "WEBP"
    again = app.test_client().get(
        f"/media/products/{name}", headers={"If-None-Match": picture.headers["ETag"]}
    )
    assert again.status_code == 304
    assert app.test_client().get("/media/products/nothing-800.webp").status_code == 404


def test_a_picture_whose_change_rolls_back_leaves_no_file(app, session, backend):
    with app.test_request_context():
        db.session.scalars(select(Payment)).all()  # the change's transaction has begun
        stored = store_image(_png(), app.config["UPLOAD_DIR"])
        delete_unless_committed(db.session, stored.stem, app.config["UPLOAD_DIR"])
        assert len(_keys(backend)) == 2
        db.session.rollback()

    assert _keys(backend) == []


# --- transfer slips --------------------------------------------------------------------------


def test_a_transfer_slip_is_shown_to_the_office_only_and_never_cached(
    app,
    client,
    session,
    backend,
    place_order,  # noqa: F811 - the payments tests' fixtures
    platform_admin,  # noqa: F811
    login,  # noqa: F811
):
    placed = place_order(client, "transfer", lang="en")
    sent = client.post(
        f"{placed.url}/slip",
        data={"slip": (io.BytesIO(_png((720, 1280))), "slip.png")},
        content_type="multipart/form-data",
    )
    assert sent.status_code == 302
    session.expire_all()
    payment = session.scalars(select(Payment).where(Payment.order_id == placed.order.id)).one()
    session.commit()
    assert _keys(backend) == [f"{SLIP_DIR}/{payment.slip_stem}-1200.webp"]

    buyer_tries = client.get(f"/admin/payments/{payment.id}/slip")
    office = app.test_client()
    login(office, platform_admin.email)
    shown = office.get(f"/admin/payments/{payment.id}/slip")

    assert buyer_tries.status_code in (302, 403, 404)
    assert shown.status_code == 200
    assert shown.mimetype == "image/webp"
    assert shown.headers["Cache-Control"] == "private, no-store"
    assert Image.open(io.BytesIO(shown.data)).format == "WEBP"
