"""Fault 7: the upload folder is full, or read-only. A product picture or a transfer slip gets a
clear message; no row names a file, and no file is left that no row names.

The folder is a tiny tmpfs (100 KB: the 400 px size of a product picture fits, its 800 px size
does not, so the first size is written and must be removed again) or a read-only tmpfs, mounted
in the server's own mount namespace.
"""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from PIL import Image
from sqlalchemy import select

from shop.catalog.models import ProductImage
from shop.extensions import db
from shop.orders.models import Order
from tests.faults.conftest import Visitor

MOUNTS = {
    "full": "mount -t tmpfs -o size=100k tmpfs {dir}",
    "read-only": "mount -t tmpfs -o ro,size=1m tmpfs {dir}",
}
OS_ERRORS = {"full": "No space left on device", "read-only": "Read-only file system"}
NOT_SAVED = (
    "The pictures could not be saved right now; nothing was changed. Please try again later."
)


def _photo() -> bytes:
    """A 1600×1200 PNG whose WebP sizes are about 33 KB (400 px) and 127 KB (800 px)."""
    rng = random.Random(1)
    img = Image.new("RGB", (400, 300))
    img.putdata(
        [
            (x * 255 // 400, y * 255 // 300, rng.randrange(256))
            for y in range(300)
            for x in range(400)
        ]
    )
    out = io.BytesIO()
    img.resize((1600, 1200), Image.Resampling.NEAREST).save(out, "PNG")
    return out.getvalue()


def _files(server, upload_dir: Path) -> list[str]:
    """The files in the upload folder as the server sees it (inside its mount namespace)."""
    seen = Path(f"/proc/{server.proc.pid}/root") / upload_dir.relative_to("/")
    return sorted(str(p.relative_to(seen)) for p in seen.rglob("*") if p.is_file())


def _message(text: str) -> str:
    with force_locale("en"):
        return gettext(text)


@pytest.mark.parametrize("fault", list(MOUNTS))
def test_pictures_and_slips_that_cannot_be_written_get_a_message_and_leave_nothing(
    fault, sqlite_database, shop_db, serve, tmp_path
):
    app, world = shop_db(sqlite_database)
    upload_dir = tmp_path / "uploads"
    upload_dir.mkdir()
    server = serve(
        sqlite_database,
        env={"UPLOAD_DIR": str(upload_dir)},
        namespace_setup=MOUNTS[fault].format(dir=upload_dir),
    )
    photo = _photo()

    staff = Visitor(server.base)
    assert staff.log_in(world.staff_email).status_code == 302
    edit = f"/seller/products/{world.product_id}/edit"
    started = time.perf_counter()
    upload = staff.post(
        f"/seller/products/{world.product_id}/images",
        {},
        form_page=edit,
        files={"images": ("coffee.png", photo, "image/png")},
    )
    picture_took = time.perf_counter() - started
    assert upload.status_code == 302
    page = staff.get(edit).text
    assert _message(NOT_SAVED) in page

    buyer = Visitor(server.base)
    buyer.add_to_cart(world)
    placed = buyer.check_out("malee@example.org", "transfer")
    assert placed.status_code == 302
    order_url = placed.headers["Location"].removeprefix(server.base)
    started = time.perf_counter()
    slip = buyer.post(
        f"{order_url}/slip",
        {},
        form_page=order_url,
        files={"slip": ("slip.png", photo, "image/png")},
    )
    slip_took = time.perf_counter() - started
    assert slip.status_code == 302
    assert _message(
        "The slip could not be saved right now. Please try again in a few minutes."
    ) in (buyer.get(order_url).text)

    assert _files(server, upload_dir) == []  # the 400 px picture written first is gone again
    with app.app_context():
        assert db.session.scalars(select(ProductImage)).all() == []
        order = db.session.scalars(select(Order)).one()
        assert [p.slip_stem for p in order.payments] == [""]
        db.session.remove()
    log = server.log
    assert log.count(OS_ERRORS[fault]) >= 2  # the picture and the slip met the real fault
    assert "Traceback" not in log
    print(
        f"\nupload folder {fault}: picture answered in {picture_took:.3f} s, slip {slip_took:.3f} s"
    )
