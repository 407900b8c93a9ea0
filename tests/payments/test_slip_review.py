"""Reviewing transfer slips (issue 11, items 12 and 13): every decision is in the audit log, a
slip picture already sent for another payment is pointed out, each decision takes a second
step on its own page, and a rejection needs a reason."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import select

from shop.core.money import format_money
from shop.orders.models import Order, OrderStatus
from shop.payments.models import Payment, PaymentStatus
from shop.platform.models import AuditEntry
from tests.cart.builders import flashes, text_of
from tests.platform.test_audit_log import sentences

CONFIRMED = {"confirmed": "1"}
REASON = "The slip shows ฿1,000 but the order is ฿1,065."
# A listed reason (worded in each reader's language) and the admin's note in their own words.
REJECT = {"reason": "amount", "note": REASON}
AMOUNT_WORDING = "The amount on the slip is not the order's total."


def _slip_picture(text: str = "Transfer successful  1,065.00 THB") -> bytes:
    image = Image.new("RGB", (720, 1280), "white")
    ImageDraw.Draw(image).text((60, 260), text, fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _upload(client, order_url: str, data: bytes):
    response = client.post(
        f"{order_url}/slip",
        data={"slip": (io.BytesIO(data), "slip.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    return response


def _payment(session, order_id: int) -> Payment:
    session.expire_all()
    return session.scalars(
        select(Payment).where(Payment.order_id == order_id).order_by(Payment.id.desc())
    ).first()


def _order(session, order_id: int) -> Order:
    session.expire_all()
    return session.get(Order, order_id)


@pytest.fixture
def admin_client(app, platform_admin, login):
    operator = app.test_client()
    operator.set_cookie("lang", "en")
    login(operator, platform_admin.email)
    return operator


@pytest.fixture
def waiting_slip(client, place_order, mailbox):
    placed = place_order(client, "transfer", lang="en")
    _upload(client, placed.url, _slip_picture())
    mailbox.clear()
    return placed


@pytest.fixture
def three_orders_one_slip(app, place_order, catalogue, mailbox):
    """Three buyers' orders of different amounts, each "paid" with the same slip picture."""
    picture = _slip_picture()
    placed = []
    carts = [
        [(catalogue.beans_250_id, 1)],
        [(catalogue.beans_500_id, 1)],
        [(catalogue.honey_id, 2)],
    ]
    for i, items in enumerate(carts):
        buyer = app.test_client()
        order = place_order(buyer, "transfer", items=items, email=f"buyer{i}@example.org")
        _upload(buyer, order.url, picture)
        placed.append(order)
    assert len({p.order.total_satang for p in placed}) == 3
    mailbox.clear()
    return placed, picture


# --- 12. the audit log -----------------------------------------------------------------------


def test_confirming_a_slip_is_in_the_audit_log_with_who_and_how_much(
    session, admin_client, platform_admin, waiting_slip, catalogue
):
    payment = _payment(session, waiting_slip.order.id)

    admin_client.post(f"/admin/payments/{payment.id}/confirm", data=CONFIRMED)

    number = waiting_slip.order.number
    amount = format_money(catalogue.total_satang, "en")
    log = admin_client.get("/admin/audit?group=payments&lang=en")
    assert f"Confirmed the transfer of {amount} for order {number}" in sentences(log)
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "payment.confirm"))
    assert entry.actor_id == platform_admin.id


def test_rejecting_a_slip_is_in_the_audit_log_with_the_reason(
    session, admin_client, platform_admin, waiting_slip
):
    payment = _payment(session, waiting_slip.order.id)

    admin_client.post(f"/admin/payments/{payment.id}/reject", data={**REJECT, **CONFIRMED})

    number = waiting_slip.order.number
    log = admin_client.get("/admin/audit?group=payments&lang=en")
    assert (
        f"Rejected the transfer slip of order {number}: {AMOUNT_WORDING} "
        f"Note from the shop (in its own words): {REASON}"
    ) in sentences(log)
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "payment.reject"))
    assert entry.actor_id == platform_admin.id


def test_a_second_click_on_a_decided_slip_adds_nothing_to_the_log(
    session, admin_client, waiting_slip
):
    payment = _payment(session, waiting_slip.order.id)
    for _ in range(2):
        admin_client.post(f"/admin/payments/{payment.id}/confirm", data=CONFIRMED)

    assert (
        session.scalar(
            select(AuditEntry.id).where(AuditEntry.action.startswith("payment.")).limit(2).offset(1)
        )
        is None
    )


# --- 13. one click does nothing; the second step does ------------------------------------------


def test_the_confirm_button_on_the_list_asks_first_and_changes_nothing(
    session, admin_client, waiting_slip, mailbox, catalogue
):
    payment = _payment(session, waiting_slip.order.id)

    page = admin_client.post(f"/admin/payments/{payment.id}/confirm")

    assert page.status_code == 200
    text = text_of(page)
    assert f"Confirm the payment of order {waiting_slip.order.number}" in text
    assert format_money(catalogue.total_satang, "en") in text
    assert 'name="confirmed" value="1"' in text
    assert "Yes, the money arrived: confirm" in text
    assert _order(session, waiting_slip.order.id).status == OrderStatus.PENDING_PAYMENT
    assert _payment(session, waiting_slip.order.id).status == PaymentStatus.PENDING
    assert mailbox == []
    assert session.scalars(select(AuditEntry)).all() == []


def test_the_reject_button_on_the_list_asks_first_and_changes_nothing(
    session, admin_client, waiting_slip, mailbox
):
    payment = _payment(session, waiting_slip.order.id)

    page = admin_client.post(f"/admin/payments/{payment.id}/reject", data=REJECT)

    assert page.status_code == 200
    text = text_of(page)
    assert f"Reject the slip of order {waiting_slip.order.number}" in text
    assert REASON in text  # the reason to be mailed, to read once more
    assert "Yes, reject and mail the buyer" in text
    assert _payment(session, waiting_slip.order.id).status == PaymentStatus.PENDING
    assert mailbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"note": "   \n "}, "Please choose a reason."),
        ({"reason": "   \n "}, "Not a valid choice."),
        ({"reason": "other", "note": "   \n "}, "Please say the reason in the note."),
    ],
    ids=["no-reason", "blank-reason", "another-reason-unsaid"],
)
def test_a_rejection_without_a_reason_is_refused(
    session, admin_client, waiting_slip, mailbox, data, message
):
    payment = _payment(session, waiting_slip.order.id)

    page = admin_client.post(f"/admin/payments/{payment.id}/reject", data={**data, **CONFIRMED})

    assert page.status_code == 400
    assert message in text_of(page)
    assert _payment(session, waiting_slip.order.id).status == PaymentStatus.PENDING
    assert _order(session, waiting_slip.order.id).status == OrderStatus.PENDING_PAYMENT
    assert mailbox == []
    assert session.scalars(select(AuditEntry)).all() == []


# --- 13. the same slip picture for three orders ------------------------------------------------


def test_the_slip_keeps_the_sha256_of_the_picture_sent(session, waiting_slip):
    payment = _payment(session, waiting_slip.order.id)

    assert payment.slip_sha256 == hashlib.sha256(_slip_picture()).hexdigest()


def test_one_slip_picture_for_three_orders_is_pointed_out_on_the_list(
    session, admin_client, three_orders_one_slip
):
    placed, _picture = three_orders_one_slip
    first, second, third = (p.order for p in placed)

    page = text_of(admin_client.get("/admin/payments"))

    assert page.count("This very picture was also sent as the slip of another payment:") == 3
    for this, others in ((first, (second, third)), (third, (first, second))):
        item = page.split(f"<h3>{this.number}")[1].split("</li>\n      \n")[0]
        for other in others:
            assert f"order {other.number}, {format_money(other.total_satang, 'en')}" in item
        assert f"order {this.number}," not in item


def test_a_different_slip_picture_is_not_pointed_out(
    app, session, admin_client, place_order, catalogue, waiting_slip
):
    other = app.test_client()
    placed = place_order(other, "transfer", items=[(catalogue.honey_id, 1)], email="b@example.org")
    _upload(other, placed.url, _slip_picture("Transfer successful  295.00 THB"))

    page = text_of(admin_client.get("/admin/payments"))

    assert "This very picture was also sent" not in page


def test_confirming_a_reused_slip_needs_the_bank_statement_checked(
    session, admin_client, three_orders_one_slip, mailbox
):
    placed, _picture = three_orders_one_slip
    admin_client.post(
        f"/admin/payments/{_payment(session, placed[0].order.id).id}/confirm", data=CONFIRMED
    )
    mailbox.clear()
    second = placed[1].order
    payment = _payment(session, second.id)

    asked = admin_client.post(f"/admin/payments/{payment.id}/confirm")
    refused = admin_client.post(f"/admin/payments/{payment.id}/confirm", data=CONFIRMED)

    assert asked.status_code == 200
    assert f"order {placed[0].order.number}" in text_of(asked)
    assert "I found a separate transfer of this amount" in text_of(asked)
    assert refused.status_code == 400
    assert "check the bank statement first" in text_of(refused)
    assert _order(session, second.id).status == OrderStatus.PENDING_PAYMENT
    assert mailbox == []

    done = admin_client.post(
        f"/admin/payments/{payment.id}/confirm", data={**CONFIRMED, "checked_statement": "y"}
    )

    assert done.status_code == 302
    assert _order(session, second.id).status == OrderStatus.PAID
    log = sentences(admin_client.get("/admin/audit?group=payments&lang=en"))
    amount = format_money(second.total_satang, "en")
    others = ", ".join(sorted([placed[0].order.number, placed[2].order.number]))
    assert (
        f"Confirmed the transfer of {amount} for order {second.number}, whose slip picture was "
        f"also sent for {others}"
    ) in log


def test_a_slip_already_decided_answers_the_list_button_with_a_note(
    session, admin_client, waiting_slip
):
    payment = _payment(session, waiting_slip.order.id)
    admin_client.post(f"/admin/payments/{payment.id}/confirm", data=CONFIRMED)

    again = admin_client.post(f"/admin/payments/{payment.id}/reject", data=REJECT)

    assert again.status_code == 302
    number = waiting_slip.order.number
    assert ("info", f"The slip of order {number} is not waiting any more.") in flashes(
        admin_client.get("/admin/payments")
    )
    assert _payment(session, waiting_slip.order.id).status == PaymentStatus.SUCCEEDED
