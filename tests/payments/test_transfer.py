"""Paying by bank transfer or PromptPay QR: the order page, the slip upload, the admin's review."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno
from flask_babel import force_locale, gettext
from PIL import Image, ImageDraw
from sqlalchemy import select

from shop.core.money import format_money
from shop.orders.models import Order, OrderStatus, SellerOrderStatus
from shop.orders.services import expire
from shop.payments.models import Payment, PaymentStatus
from shop.payments.promptpay import payload
from shop.payments.services import confirm_transfer

SVG = "{http://www.w3.org/2000/svg}"
REFUSED = "Please upload a photo or screenshot of the slip (JPEG, PNG or WebP, up to 10 MB)."
SLIP_RECEIVED = "We received your slip on"
REASON = "The slip shows ฿1,000 but the order is ฿1,065."
CONFIRMED = {"confirmed": "1"}  # the button of the confirmation page (the second step)


# --- helpers ---------------------------------------------------------------------------------


def _picture(kind: str, size=(720, 1280)) -> bytes:
    """A phone screenshot of a banking app's transfer slip."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, size[0] - 40, 200), fill=(0, 120, 80))
    draw.text((60, 260), "Transfer successful  1,065.00 THB", fill="black")
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def _gif_1x1() -> bytes:
    out = io.BytesIO()
    Image.new("P", (1, 1)).save(out, "GIF")
    return out.getvalue()


def _upload(client, order_url: str, data: bytes, filename: str):
    return client.post(
        f"{order_url}/slip",
        data={"slip": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def _slip_files(app) -> set[Path]:
    folder = Path(app.config["UPLOAD_DIR"]) / "slips"
    return set(folder.glob("*")) if folder.exists() else set()


def _qr_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules of a QR code drawn by segno: each dark run is a horizontal stroke at
    row + 0.5, one unit per module, inside a quiet zone (border) of light modules."""
    root = ET.fromstring(svg)
    [strokes] = [p for p in root.iter(f"{SVG}path") if p.get("stroke")]
    x = y = 0.0
    dark = set()
    for command, a, b in re.findall(r"([MmHhVv])(-?[\d.]+)(?: (-?[\d.]+))?", strokes.get("d")):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        elif command == "h":
            dark |= {(int(x) + i, int(y)) for i in range(int(float(a)))}
            x += float(a)
    border = min(col for col, _ in dark)  # the finder pattern touches the quiet zone
    return {(col - border, row - border) for col, row in dark}


def _modules_of(data: str) -> set[tuple[int, int]]:
    """The dark modules of the QR code a banking app would read ``data`` from."""
    qr = segno.make(data, error="m", micro=False)
    return {(col, row) for row, line in enumerate(qr.matrix) for col, on in enumerate(line) if on}


def _slips_waiting(admin_client) -> list[str]:
    """Order numbers of the slips listed for review on the operator's page."""
    page = admin_client.get("/admin/payments").text
    return re.findall(r'<li class="card review-item">.*?<h3>(RN-\d{4}-\d{4})', page, flags=re.S)


def _mails(mailbox, order, msgid: str):
    with force_locale(order.locale):
        subject = gettext(msgid, number=order.number)
    return [m for m in mailbox if m.subject == subject and m.to == [order.email]]


def _payments(session, order_id: int) -> list[Payment]:
    session.expire_all()
    return list(
        session.scalars(select(Payment).where(Payment.order_id == order_id).order_by(Payment.id))
    )


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def transfer_order(client, place_order, mailbox):
    """An order to be paid by transfer, placed in English; its confirmation mail is cleared."""
    placed = place_order(client, "transfer", lang="en")
    assert placed.response.status_code == 302
    assert placed.response.location.endswith(placed.url)
    mailbox.clear()
    return placed


@pytest.fixture
def admin_client(app, platform_admin, login):
    """The platform operator, logged in (English pages)."""
    operator = app.test_client()
    operator.set_cookie("lang", "en")
    login(operator, platform_admin.email)
    return operator


@pytest.fixture
def slip_uploaded(client, transfer_order):
    response = _upload(client, transfer_order.url, _picture("PNG"), "slip.png")
    assert response.status_code == 302
    return transfer_order


# --- the order page --------------------------------------------------------------------------


def test_the_order_page_shows_the_amount_the_bank_account_and_a_qr_for_the_exact_amount(
    app, client, transfer_order, catalogue
):
    page = html.unescape(client.get(transfer_order.url).text)

    order = transfer_order.order
    assert format_money(catalogue.total_satang, "en") in page  # ฿1,065
    for setting in ("BANK_NAME", "BANK_ACCOUNT_NAME", "BANK_ACCOUNT_NUMBER", "PROMPTPAY_ID"):
        assert app.config[setting] in page
    assert order.number in page  # the transfer reference

    expected = payload(app.config["PROMPTPAY_ID"], catalogue.total_satang)
    assert "5407" + "1065.00" in expected  # tag 54, 7 characters: the amount in baht
    [svg] = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    root = ET.fromstring(svg)
    assert "1,065" in root.find(f"{SVG}title").text
    assert _qr_modules(svg) == _modules_of(expected)
    assert _qr_modules(svg) != _modules_of(payload(app.config["PROMPTPAY_ID"], 106_400))
    assert 'accept="image/jpeg,image/png,image/webp"' in page


# --- uploading the slip ----------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "filename"), [("PNG", "slip.png"), ("JPEG", "IMG_2041.jpg")])
def test_a_photo_of_the_slip_is_accepted_and_waits_for_review(
    app, client, session, transfer_order, mailbox, kind, filename
):
    files_before = _slip_files(app)

    response = _upload(client, transfer_order.url, _picture(kind), filename)

    assert response.status_code == 302
    page = client.get(transfer_order.url).text
    assert "Thank you! We will check your transfer" in page
    assert SLIP_RECEIVED in page
    [payment] = _payments(session, transfer_order.order.id)
    assert payment.status == PaymentStatus.PENDING
    assert payment.slip_stem
    assert payment.slip_uploaded_at is not None
    stored = _slip_files(app) - files_before
    assert {p.name for p in stored} == {f"{payment.slip_stem}-1200.webp"}
    with Image.open(stored.pop()) as kept:
        assert kept.format == "WEBP"  # re-encoded, whatever was sent
    assert session.get(Order, transfer_order.order.id).status == OrderStatus.PENDING_PAYMENT
    assert mailbox == []


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        pytest.param(b"Transfer 1,065.00 THB to the cooperative\n", "slip.jpg", id="text-as-jpg"),
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900">'
            b'<rect width="600" height="900" fill="green"/></svg>',
            "slip.svg",
            id="svg",
        ),
        pytest.param(_gif_1x1(), "slip.gif", id="gif-1x1"),
        pytest.param(
            (png := _picture("PNG")) + b"\0" * (10 * 1024 * 1024 + 1 - len(png)),
            "slip.png",
            id="png-over-10mb",
        ),
    ],
)
def test_a_file_that_is_not_a_slip_picture_is_refused_and_changes_nothing(
    app, client, session, transfer_order, mailbox, data, filename
):
    files_before = _slip_files(app)

    response = _upload(client, transfer_order.url, data, filename)

    assert response.status_code == 302
    page = html.unescape(client.get(transfer_order.url).text)
    assert REFUSED in page
    assert SLIP_RECEIVED not in page
    assert 'name="slip"' in page  # the buyer can try another file
    [payment] = _payments(session, transfer_order.order.id)
    assert (payment.status, payment.slip_stem, payment.slip_uploaded_at) == (
        PaymentStatus.PENDING,
        "",
        None,
    )
    assert _slip_files(app) == files_before
    assert mailbox == []


def test_a_stripe_order_takes_no_slip(client, session, stripe_stub, place_order):
    placed = place_order(client, "stripe")

    response = _upload(client, placed.url, _picture("PNG"), "slip.png")

    assert response.status_code == 302
    assert "This order is not waiting for a transfer." in client.get(placed.url).text
    assert [p.slip_stem for p in _payments(session, placed.order.id)] == [""]


# --- the operator's review -------------------------------------------------------------------


def test_the_operator_sees_the_slip_and_confirming_pays_everything_and_mails_the_buyer_once(
    client, session, admin_client, platform_admin, slip_uploaded, mailbox, paid_mails, catalogue
):
    order = slip_uploaded.order
    [payment] = _payments(session, order.id)
    review = admin_client.get("/admin/payments")
    assert review.status_code == 200
    assert _slips_waiting(admin_client) == [order.number]
    assert format_money(catalogue.total_satang, "en") in review.text
    picture = admin_client.get(f"/admin/payments/{payment.id}/slip")
    assert picture.status_code == 200
    assert picture.mimetype == "image/webp"
    assert "no-store" in picture.headers["Cache-Control"]

    response = admin_client.post(f"/admin/payments/{payment.id}/confirm", data=CONFIRMED)

    assert response.status_code == 302
    assert f"Order {order.number} is paid." in admin_client.get("/admin/payments").text
    session.expire_all()
    order = session.get(Order, order.id)
    assert order.status == OrderStatus.PAID
    assert [so.status for so in order.seller_orders] == [SellerOrderStatus.PAID] * 2
    [payment] = order.payments
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.reviewed_by_id == platform_admin.id
    assert not payment.needs_refund
    [mail] = paid_mails(mailbox, order)
    assert format_money(catalogue.total_satang, "en") in mail.body
    assert "status-paid" in client.get(slip_uploaded.url).text
    assert _slips_waiting(admin_client) == []  # nothing left to do


def test_confirming_twice_changes_nothing_more(
    session, admin_client, slip_uploaded, mailbox, paid_mails
):
    [payment] = _payments(session, slip_uploaded.order.id)
    admin_client.post(f"/admin/payments/{payment.id}/confirm", data=CONFIRMED)
    session.expire_all()
    paid_at = session.get(Order, slip_uploaded.order.id).paid_at

    second = admin_client.post(f"/admin/payments/{payment.id}/confirm", data=CONFIRMED)

    assert second.status_code == 302
    page = admin_client.get("/admin/payments").text
    assert "flagged for a refund" not in page  # it is not: nothing to refund
    assert "Nothing to refund." in page
    session.expire_all()
    order = session.get(Order, slip_uploaded.order.id)
    assert order.status == OrderStatus.PAID
    assert order.paid_at == paid_at
    assert [(p.status, p.needs_refund) for p in order.payments] == [
        (PaymentStatus.SUCCEEDED, False)
    ]
    assert len(paid_mails(mailbox, order)) == len(mailbox) == 1


def test_two_confirm_clicks_at_once_pay_once_and_flag_no_refund(
    app, session, platform_admin, login, slip_uploaded, mailbox, paid_mails, at_once
):
    [payment] = _payments(session, slip_uploaded.order.id)
    confirm_url = f"/admin/payments/{payment.id}/confirm"
    clicks = []
    for _ in range(2):  # a double click reaching two app servers
        operator = app.test_client()
        login(operator, platform_admin.email)
        clicks.append(lambda operator=operator: operator.post(confirm_url, data=CONFIRMED))

    responses = at_once(*clicks)

    assert [r.status_code for r in responses] == [302, 302]
    session.expire_all()
    order = session.get(Order, slip_uploaded.order.id)
    assert order.status == OrderStatus.PAID
    assert [(p.status, p.needs_refund) for p in order.payments] == [
        (PaymentStatus.SUCCEEDED, False)
    ]
    assert len(paid_mails(mailbox, order)) == len(mailbox) == 1


def test_a_rejected_slip_tells_the_buyer_why_and_a_new_one_can_be_sent(
    app, client, session, admin_client, slip_uploaded, mailbox
):
    order = slip_uploaded.order
    [payment] = _payments(session, order.id)

    response = admin_client.post(
        f"/admin/payments/{payment.id}/reject",
        data={"reason": "other", "note": REASON, **CONFIRMED},
    )

    assert response.status_code == 302
    [mail] = _mails(mailbox, order, "We could not confirm the transfer for order %(number)s")
    assert REASON in mail.body
    assert order.token in mail.body
    page = html.unescape(client.get(slip_uploaded.url).text)
    assert (
        "Your last slip could not be matched to a transfer: "
        f"Note from the shop (in its own words): {REASON}"
    ) in page
    assert "status-pending_payment" in page
    assert SLIP_RECEIVED not in page
    assert _slips_waiting(admin_client) == []

    again = _upload(client, slip_uploaded.url, _picture("JPEG"), "slip-2.jpg")

    assert again.status_code == 302
    assert SLIP_RECEIVED in client.get(slip_uploaded.url).text
    payments = _payments(session, order.id)
    assert [(p.status, bool(p.slip_stem)) for p in payments] == [
        (PaymentStatus.FAILED, True),
        (PaymentStatus.PENDING, True),
    ]
    assert payments[0].note == REASON
    assert _slips_waiting(admin_client) == [order.number]
    session.expire_all()
    assert session.get(Order, order.id).status == OrderStatus.PENDING_PAYMENT


# --- who may review --------------------------------------------------------------------------


def _admin_routes(payment_id: int) -> list[tuple[str, str]]:
    return [
        ("GET", "/admin/payments"),
        ("GET", f"/admin/payments/{payment_id}/slip"),
        ("POST", f"/admin/payments/{payment_id}/confirm"),
        ("POST", f"/admin/payments/{payment_id}/reject"),
    ]


def test_a_customer_is_forbidden_every_admin_payment_page(
    app, session, customer, login, slip_uploaded, mailbox
):
    somchai = app.test_client()
    login(somchai, customer.email)
    [payment] = _payments(session, slip_uploaded.order.id)

    for method, url in _admin_routes(payment.id):
        response = somchai.open(url, method=method, data={"reason": "no", **CONFIRMED})
        assert response.status_code == 403, url

    [payment] = _payments(session, slip_uploaded.order.id)
    assert payment.status == PaymentStatus.PENDING
    assert session.get(Order, slip_uploaded.order.id).status == OrderStatus.PENDING_PAYMENT
    assert mailbox == []


def test_an_anonymous_visitor_is_sent_to_log_in(app, session, slip_uploaded, mailbox):
    visitor = app.test_client()
    [payment] = _payments(session, slip_uploaded.order.id)

    for method, url in _admin_routes(payment.id):
        response = visitor.open(url, method=method, data={"reason": "no", **CONFIRMED})
        assert response.status_code == 302, url
        assert response.location.startswith("/account/login"), url

    [payment] = _payments(session, slip_uploaded.order.id)
    assert payment.status == PaymentStatus.PENDING
    assert mailbox == []


def test_a_transfer_that_came_too_late_is_recorded_as_refunded_by_the_office(
    app, client, session, place_order, platform_admin, login, stripe_stub
):
    placed = place_order(client, "transfer")
    expire(placed.order)
    session.commit()
    with app.test_request_context(method="POST"):
        confirm_transfer(placed.order.payments[0], platform_admin.id)  # the money came anyway
        session.commit()
    payment_id = placed.order.payments[0].id
    session.commit()
    admin = app.test_client()
    login(admin, platform_admin.email)
    assert "Refunded by bank transfer" in admin.get("/admin/payments?lang=en").text

    assert admin.post(f"/admin/payments/{payment_id}/refund").status_code == 302

    payment = session.get(Payment, payment_id)
    session.refresh(payment)
    assert payment.status == PaymentStatus.REFUNDED
    assert not payment.needs_refund
    assert payment.refunded_satang == payment.amount_satang
    assert stripe_stub.refunds == {}  # the office sent it back by bank transfer, not Stripe
