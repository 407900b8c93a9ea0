"""Document fixtures: the payments tests' two-cooperative catalogue and orders placed through
the shop's pages, the north cooperative set up as a VAT-registered seller of record."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.payments.models import Payment
from shop.payments.services import confirm_transfer
from tests.factories import UserFactory
from tests.payments.conftest import catalogue, place_order  # noqa: F401 - shared fixtures

# The Revenue Department's own tax ID: 0·13 + 9·12 + 9·11 + 4·10 + 0·9 + 0·8 + 0·7 + 1·6 + 6·5
# + 5·4 + 5·3 + 1·2 = 320; 320 mod 11 = 1; (11 - 1) mod 10 = 0, the last digit.
TAX_ID = "0994000165510"
LEGAL_NAME_TH = "สหกรณ์การเกษตรกระบุรี จำกัด"
LEGAL_NAME_EN = "Kra Buri Agricultural Cooperative Limited"
ADDRESS_TH = "99 หมู่ 3 ตำบลน้ำจืด อำเภอกระบุรี จังหวัดระนอง 85110"
ADDRESS_EN = "99 Moo 3, Nam Chuet, Kra Buri, Ranong 85110"


@pytest.fixture
def sellers(catalogue):  # noqa: F811 - the shared fixture
    """North: VAT-registered, head office. South: not VAT-registered, branch 00002."""
    north = db.session.get(Cooperative, catalogue.north_coop_id)
    north.legal_name_th, north.legal_name_en = LEGAL_NAME_TH, LEGAL_NAME_EN
    north.registered_address_th, north.registered_address_en = ADDRESS_TH, ADDRESS_EN
    north.tax_id, north.branch_code, north.vat_registered = TAX_ID, "00000", True
    south = db.session.get(Cooperative, catalogue.south_coop_id)
    south.legal_name_th = "กลุ่มแม่บ้านกาแฟสุขสำราญ"
    south.registered_address_th = "12 ตำบลนาคา อำเภอสุขสำราญ จังหวัดระนอง"
    south.branch_code, south.vat_registered = "00002", False
    db.session.commit()
    return catalogue


@pytest.fixture
def admin(session):
    user = UserFactory(email="office@ranong-coffee.example.org", is_platform_admin=True)
    session.commit()
    return user


@pytest.fixture
def pay(admin):
    """The office confirms the order's transfer (the order becomes paid): ``pay(order)``."""

    admin_id = admin.id  # read now: threads must not touch the test's own session

    def confirm(order):
        payment = db.session.scalars(select(Payment).where(Payment.order_id == order.id)).one()
        assert confirm_transfer(payment, admin_id)
        db.session.commit()
        db.session.expire_all()
        return order

    return confirm


def pdf_text(data: bytes) -> str:
    """The text a reader copies out of the PDF (poppler's pdftotext, in drawing order), folded
    as ``fold``."""
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext: apt-get install -y poppler-utils (tests/system-packages.sh)")
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return fold(out.stdout.decode())


# WeasyPrint's text layer gives a glyph the text it was first drawn for (Kozea/WeasyPrint#2841):
# HarfBuzz draws sara am (ำ) as nikhahit and sara aa, so one of ำ/า may come back as the other,
# and a tone mark drawn in the same cluster may be dropped. The page itself is right; the
# comparison folds those marks on both sides and keeps every consonant and other vowel.
_FOLD = str.maketrans({"ำ": "า", "\u0e4d": None, "่": None, "้": None, "๊": None, "๋": None})


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


def fonts_of(data: bytes) -> set[str]:
    """The base names of the fonts embedded in the PDF, without their subset tags."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            if (
                "/FontFile2" in descendant.get("/FontDescriptor", {})
                or "/FontDescriptor" in descendant
            ):
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names
