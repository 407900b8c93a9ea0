"""A partner's wholesale order from cart to paid: checkout on account with its PO number,
approvals (spending limit, credit limit), the cooperative's confirmation with a lowered
quantity, invoices, partial payments, the statement's ageing, reminders and reordering."""

from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest
import time_machine
from flask_babel import force_locale, gettext
from PIL import Image
from sqlalchemy import func, select, update

from shop.accounts.models import CooperativeMembership, MembershipRole
from shop.cart.models import Cart
from shop.cart.services import add_item, new_cart
from shop.catalog.models import Variant
from shop.core.days import today
from shop.extensions import db
from shop.orders.models import (
    Approval,
    Order,
    OrderStatus,
    SellerOrder,
    SellerOrderStatus,
)
from shop.pricing.models import PriceBreak
from shop.pricing.quotes import Buyer
from shop.wholesale import invoicing
from shop.wholesale.models import (
    InvoiceStatus,
    PartnerInvoice,
    PartnerMembership,
    PartnerPayment,
    PaymentTerms,
)
from shop.wholesale.orders import WholesaleCheckout, WholesaleOrderError, place_wholesale_order
from tests.cart.builders import flashes, log_in, text_of
from tests.factories import UserFactory


def fill_cart(client, variant_id: int, cartons: int) -> None:
    response = client.post("/wholesale?lang=en", data={f"cartons-{variant_id}": str(cartons)})
    assert response.status_code == 302, text_of(response)


def check_out(client, lang="en", **fields):
    data = {"po_number": "PO-118", "note": ""}
    data.update(fields)
    return client.post(f"/wholesale/checkout?lang={lang}", data=data)


def order_over_spending_limit(client, variant_id: int, lang: str = "en") -> Order:
    """buyer-a, whose spending limit is ฿1,000, orders two cartons (in ``lang``): the order
    waits for its partner admin. Leaves ``client`` logged in as buyer-a."""
    membership = db.session.scalars(
        select(PartnerMembership).where(PartnerMembership.user.has(email="buyer-a@example.org"))
    ).one()
    membership.spending_limit_satang = 100_000  # ฿1,000
    db.session.commit()
    log_in(client, "buyer-a@example.org")
    fill_cart(client, variant_id, 2)
    check_out(client, lang)
    return the_order()


def the_order() -> Order:
    db.session.expire_all()
    return db.session.scalars(select(Order).order_by(Order.id.desc())).first()


def confirmed_invoice(client, variant_id: int, staff) -> PartnerInvoice:
    """Order one carton as the logged-in partner; the cooperative confirms it: its invoice."""
    fill_cart(client, variant_id, 1)
    check_out(client)
    invoice = invoicing.confirm(the_order().seller_orders[0], {}, today(), actor_id=staff.id)
    db.session.commit()
    return invoice


def slip_png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (300, 400), (240, 240, 250)).save(picture, "PNG")
    return picture.getvalue()


def send_slip(client, number: str, amount: str = "100", picture: bytes | None = None):
    """The partner sends a transfer slip for invoice ``number``."""
    return client.post(
        f"/wholesale/invoices/{number}/slip?lang=en",
        data={"amount": amount, "slip": (io.BytesIO(picture or slip_png()), f"{amount}.png")},
        content_type="multipart/form-data",
    )


def stock(variant_id: int) -> int:
    db.session.expire_all()
    return db.session.get(Variant, variant_id).stock


@pytest.fixture
def la_un_staff(wholesale, session):
    user = UserFactory(email="staff@la-un.example.org", locale="th")
    session.add(
        CooperativeMembership(
            user=user, cooperative=wholesale.shop.la_un, role=MembershipRole.STAFF
        )
    )
    session.commit()
    return user


@pytest.fixture
def on_terms(partners, session):
    """Partner A buys on net 15 with a ฿5,000 credit limit."""
    partners.a.payment_terms = PaymentTerms.NET_15
    partners.a.credit_limit_satang = 500_000
    session.commit()
    return partners.a


def test_a_buyer_places_a_wholesale_order_on_account_with_its_po_number(
    client, wholesale, la_un_staff, mailbox
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 5)  # 120 boxes: the ฿45 break

    response = check_out(client)

    order = the_order()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/wholesale/orders/{order.number}")
    assert (order.status, order.po_number, order.approval) == (
        OrderStatus.ON_ACCOUNT,
        "PO-118",
        Approval.NONE,
    )
    assert [(ln.quantity, ln.unit_price_satang) for ln in order.lines] == [(120, 4_500)]
    assert order.shipping_satang == 5 * 2_500  # ฿25 a carton to the pier
    assert [so.status for so in order.seller_orders] == [SellerOrderStatus.TO_CONFIRM]
    assert stock(wholesale.sachets.id) == 1_000 - 120
    assert db.session.scalar(select(func.count()).select_from(Cart).where(Cart.id > 0)) <= 1
    page = text_of(client.get(f"/wholesale/orders/{order.number}?lang=en"))
    assert "PO-118" in page
    assert "Waiting for the cooperatives' confirmation" in page
    assert {m.to[0] for m in mailbox} == {"buyer-a@example.org", "staff@la-un.example.org"}


def test_a_partner_that_needs_po_numbers_cannot_order_without_one(client, wholesale, partners):
    partners.a.require_po_number = True
    db.session.commit()
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)

    response = check_out(client, po_number="  ")

    assert response.status_code == 422
    assert ("error", "Your company needs its purchase-order number on every order.") in flashes(
        response
    )
    assert the_order() is None
    assert stock(wholesale.sachets.id) == 1_000


def test_a_cooperatives_minimum_wholesale_order_is_kept(client, wholesale):
    wholesale.shop.la_un.wholesale_minimum_satang = 300_000
    db.session.commit()
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)  # 24 × ฿55.25 = ฿1,326

    response = check_out(client)

    assert response.status_code == 422
    assert "takes wholesale orders from ฿3,000 of goods." in flashes(response)[-1][1]
    assert the_order() is None


def test_an_order_over_the_buyers_spending_limit_waits_for_the_partner_admin(
    app, client, wholesale, partners, la_un_staff, mailbox
):
    order = order_over_spending_limit(client, wholesale.sachets.id)

    refused = client.post(f"/wholesale/orders/{order.number}/approve?lang=en")
    admin = app.test_client()
    log_in(admin, "admin-a@example.org")
    approved = admin.post(f"/wholesale/orders/{order.number}/approve?lang=en")

    assert refused.status_code == 403  # a buyer approves nothing
    assert approved.status_code == 302
    assert "admin-a@example.org" in {m.to[0] for m in mailbox}
    assert [m.to for m in mailbox if "is approved" in m.subject] == [["buyer-a@example.org"]]
    order = the_order()
    assert order.approval == Approval.NONE
    assert [so.status for so in order.seller_orders] == [SellerOrderStatus.TO_CONFIRM]


def test_an_order_over_the_credit_limit_waits_for_the_office_which_approves_it(
    app, client, wholesale, on_terms, partners
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 5)  # ฿5,400 + ฿125 delivery > ฿5,000
    check_out(client)
    order = the_order()
    assert order.approval == Approval.PLATFORM
    assert [so.status for so in order.seller_orders] == [SellerOrderStatus.AWAITING_APPROVAL]
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")
    page = text_of(office.get("/admin/wholesale?lang=en"))
    assert order.number in page

    office.post(f"/admin/wholesale/orders/{order.number}/approve?lang=en")

    order = the_order()
    assert order.approval == Approval.NONE
    assert [so.status for so in order.seller_orders] == [SellerOrderStatus.TO_CONFIRM]


def test_an_overdue_invoice_blocks_ordering_on_terms(client, wholesale, on_terms, la_un_staff):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    check_out(client)
    invoicing.confirm(the_order().seller_orders[0], {}, today(), actor_id=la_un_staff.id)
    db.session.commit()
    fill_cart(client, wholesale.sachets.id, 1)

    with time_machine.travel(today() + timedelta(days=20), tick=False):
        response = check_out(client)

    assert response.status_code == 422
    assert "An invoice of your company is overdue" in flashes(response)[-1][1]


def test_two_buyers_at_once_cannot_exceed_the_credit_limit_together(app, wholesale, on_terms):
    """Both orders fit the limit alone (฿3,675 each of ฿5,000), not together: one of them
    must wait for the office, on SQLite and on PostgreSQL (the partner row is locked)."""
    buyer_ids = []
    for email in ("buyer-a@example.org", "admin-a@example.org"):
        membership = db.session.scalars(
            select(PartnerMembership).where(PartnerMembership.user.has(email=email))
        ).one()
        cart = new_cart(membership.user_id)
        add_item(
            cart,
            wholesale.sachets.id,
            72,
            Buyer(partner_id=on_terms.id, price_list=on_terms.price_list),
        )
        buyer_ids.append((membership.id, cart.id))
    db.session.commit()
    db.session.close()
    start = threading.Barrier(2)
    outcomes, errors = [], []

    def order(membership_id: int, cart_id: int) -> None:
        with app.app_context(), force_locale("en"):
            try:
                start.wait(timeout=30)
                placed = place_wholesale_order(
                    db.session.get(Cart, cart_id),
                    db.session.get(PartnerMembership, membership_id),
                    WholesaleCheckout("", "", {}, "en"),
                )
                outcomes.append(placed.approval)
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - any error fails the test
                db.session.rollback()
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=order, args=ids) for ids in buyer_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(outcomes) == sorted([Approval.NONE, Approval.PLATFORM])


def test_the_cooperative_confirms_with_a_lowered_quantity_and_invoices(
    app, client, wholesale, on_terms, la_un_staff, mailbox
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)  # 48 boxes at ฿50
    check_out(client)
    order = the_order()
    seller_order = order.seller_orders[0]
    line = seller_order.lines[0]
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")
    day = today() + timedelta(days=3)

    no_reason = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={"delivery_date": day.isoformat(), f"quantity-{line.id}": "24"},
    )
    raised = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={
            "delivery_date": day.isoformat(),
            f"quantity-{line.id}": "72",
            f"reason-{line.id}": "out_of_stock",
        },
    )
    past = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={"delivery_date": "2020-01-01"},
    )
    half_carton = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={
            "delivery_date": day.isoformat(),
            f"quantity-{line.id}": "30",
            f"reason-{line.id}": "out_of_stock",
        },
    )
    zawgyi = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={
            "delivery_date": day.isoformat(),
            f"quantity-{line.id}": "24",
            f"reason-{line.id}": "other",
            f"note-{line.id}": "ေမာင္ ပို႔ေဆာင္ရန္ မရွိပါ",
        },
    )
    too_long = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={
            "delivery_date": day.isoformat(),
            f"quantity-{line.id}": "24",
            f"reason-{line.id}": "other",
            f"note-{line.id}": "x" * 501,
        },
    )
    assert [r.status_code for r in (no_reason, raised, past, half_carton, zawgyi, too_long)] == [
        422
    ] * 6
    assert "sold in cartons of 24: deliver whole cartons (24 or 48)" in text_of(half_carton)
    assert "please use at most 500 characters" in text_of(too_long)
    not_a_number = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={
            "delivery_date": day.isoformat(),
            f"quantity-{line.id}": "two",
            f"reason-{line.id}": "out_of_stock",
        },
    )
    assert "please enter the units to deliver as a whole number" in text_of(not_a_number)
    assert "Unicode" in text_of(zawgyi)
    assert stock(wholesale.sachets.id) == 1_000 - 48

    confirmed = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=en",
        data={
            "delivery_date": day.isoformat(),
            f"quantity-{line.id}": "๒๔",  # Thai digits: 24
            f"reason-{line.id}": "other",
            f"note-{line.id}": "Only one carton left after the fair",
        },
    )

    assert confirmed.status_code == 302
    order = the_order()
    line = order.lines[0]
    assert (line.ordered_quantity, line.quantity, line.unit_price_satang) == (48, 24, 5_000)
    assert stock(wholesale.sachets.id) == 1_000 - 24
    invoice = db.session.scalars(select(PartnerInvoice)).one()
    assert invoice.amount_satang == 24 * 5_000 + 1 * 2_500  # one carton to carry now
    assert invoice.due_on == today() + timedelta(days=15)
    assert order.total_satang == invoice.amount_satang
    page = text_of(client.get(f"/wholesale/orders/{order.number}?lang=en"))
    assert (
        "Lowered from 48 by the cooperative: "
        "Note from the shop (in its own words): Only one carton left after the fair"
    ) in page
    assert "buyer-a@example.org" in {m.to[0] for m in mailbox if "confirmed" in m.subject}


def test_partial_payments_a_statement_with_ageing_and_a_paid_order(
    app, client, wholesale, on_terms, la_un_staff, partners
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)  # 24 × ฿55.25 + ฿25 = ฿1,351
    check_out(client)
    order = the_order()
    issued = today() - timedelta(days=60)
    with time_machine.travel(issued, tick=False):
        invoicing.confirm(order.seller_orders[0], {}, issued, actor_id=la_un_staff.id)
        db.session.commit()
    invoice = db.session.scalars(select(PartnerInvoice)).one()
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")

    office.post(f"/admin/wholesale/invoices/{invoice.id}/payment?lang=en", data={"amount": "351"})
    too_much = office.post(
        f"/admin/wholesale/invoices/{invoice.id}/payment?lang=en", data={"amount": "1001"}
    )
    page = text_of(client.get("/wholesale/statement?lang=en"))

    assert flashes(too_much) == []  # the message waits on the next page
    assert "Please enter an amount from ฿0.01 to ฿1,000" in text_of(
        office.get("/admin/wholesale?lang=en")
    )
    assert "Left to pay ฿1,000" in page
    assert "45 days overdue" in page  # due 15 days after issue, 60 days ago
    statement = invoicing.statement(partners.a)
    assert statement.ageing == {"current": 0, "1_30": 0, "31_60": 100_000, "61_90": 0, "over_90": 0}

    office.post(f"/admin/wholesale/invoices/{invoice.id}/payment?lang=en", data={"amount": "1,000"})

    db.session.expire_all()
    assert db.session.get(PartnerInvoice, invoice.id).status == InvoiceStatus.PAID
    assert the_order().status == OrderStatus.PAID


def test_reminders_go_out_once_before_and_once_after_the_due_date(
    client, wholesale, on_terms, la_un_staff, mailbox
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    check_out(client)
    invoicing.confirm(the_order().seller_orders[0], {}, today(), actor_id=la_un_staff.id)
    db.session.commit()
    due = today() + timedelta(days=15)
    mailbox.clear()

    sent = [
        invoicing.send_reminders(day)
        for day in (
            due - timedelta(days=5),
            due - timedelta(days=2),
            due - timedelta(days=1),
            due + timedelta(days=1),
            due + timedelta(days=9),
        )
    ]
    db.session.commit()

    assert sent == [
        {"before_due": 0, "overdue": 0},
        {"before_due": 1, "overdue": 0},
        {"before_due": 0, "overdue": 0},
        {"before_due": 0, "overdue": 1},
        {"before_due": 0, "overdue": 0},
    ]
    assert len(mailbox) == 2 * 2  # each reminder to partner A's two members


def test_a_prepaid_partners_order_is_packed_only_once_its_invoice_is_paid(
    app, client, wholesale, la_un_staff
):
    log_in(client, "buyer-a@example.org")  # partner A is prepaid
    fill_cart(client, wholesale.sachets.id, 1)
    check_out(client)
    seller_order = the_order().seller_orders[0]
    invoice = invoicing.confirm(seller_order, {}, today(), actor_id=la_un_staff.id)
    db.session.commit()
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")

    staff.post(f"/seller/orders/{seller_order.id}/pack?lang=en")
    assert db.session.get(SellerOrder, seller_order.id).status == SellerOrderStatus.CONFIRMED
    assert invoice.due_on == today()

    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")
    office.post(f"/admin/wholesale/invoices/{invoice.id}/payment?lang=en", data={"amount": "1351"})
    staff.post(f"/seller/orders/{seller_order.id}/pack?lang=en")

    db.session.expire_all()
    assert db.session.get(SellerOrder, seller_order.id).status == SellerOrderStatus.PACKING


def test_another_partner_gets_404_on_this_partners_orders_and_invoices(
    app, client, wholesale, la_un_staff, partners
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    check_out(client)
    order = the_order()
    invoice = invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=la_un_staff.id)
    db.session.commit()
    other = app.test_client()
    log_in(other, "admin-b@example.org")

    assert other.get(f"/wholesale/orders/{order.number}").status_code == 404
    assert other.get(f"/wholesale/orders/{order.number}/reorder").status_code == 404
    assert other.post(f"/wholesale/orders/{order.number}/approve").status_code == 404
    assert other.post(f"/wholesale/invoices/{invoice.number}/slip").status_code == 404
    assert invoice.number not in text_of(other.get("/wholesale/statement"))


def test_reorder_shows_what_changed_before_it_reaches_the_cart(client, wholesale):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    check_out(client)
    order = the_order()
    db.session.execute(  # the cooperative raises its 48-box break from ฿50 to ฿52
        update(PriceBreak).where(PriceBreak.min_quantity == 48).values(unit_price_satang=5_200)
    )
    db.session.commit()

    page = text_of(client.get(f"/wholesale/orders/{order.number}/reorder?lang=en"))
    added = client.post(f"/wholesale/orders/{order.number}/reorder?lang=en")

    assert "The price changed." in page
    assert "฿50" in page  # then: the 48-box break
    assert added.status_code == 302
    cart_page = text_of(client.get("/cart?lang=en"))
    assert "Box of 30 sachets · ฿52" in cart_page


def test_the_service_refuses_a_suspended_partner(app, wholesale, partners):
    membership = db.session.scalars(
        select(PartnerMembership).where(PartnerMembership.user.has(email="buyer-a@example.org"))
    ).one()
    cart = new_cart(membership.user_id)
    add_item(cart, wholesale.sachets.id, 24, Buyer(partners.a.id, partners.a.price_list))
    partners.a.status = "suspended"
    db.session.commit()

    with app.test_request_context("/?lang=en"), pytest.raises(WholesaleOrderError):
        place_wholesale_order(cart, membership, WholesaleCheckout("", "", {}, "en"))


def test_a_suspended_partner_still_sees_its_orders_and_statement(
    client, wholesale, la_un_staff, partners
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    check_out(client)
    order = the_order()
    invoice = invoicing.confirm(order.seller_orders[0], {}, today(), actor_id=la_un_staff.id)
    partners.a.status = "suspended"
    db.session.commit()

    statement = client.get("/wholesale/statement?lang=en")
    detail = client.get(f"/wholesale/orders/{order.number}?lang=en")
    grid = client.get("/wholesale?lang=en")

    assert statement.status_code == 200
    assert invoice.number in text_of(statement)
    assert detail.status_code == 200
    assert grid.status_code == 302  # no new orders while suspended


@pytest.mark.parametrize("posted", ["999999", "abc", "", "3.0", "-3", "9" * 30])
def test_a_delivery_no_longer_offered_is_never_silently_replaced(client, wholesale, posted):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)

    response = check_out(client, **{f"shipping-{wholesale.shop.la_un.id}": posted})

    assert response.status_code == 422
    assert (
        "is not offered for this order any more: please choose again." in flashes(response)[-1][1]
    )
    assert the_order() is None


def test_the_office_is_warned_of_a_slip_picture_sent_twice(app, client, wholesale, la_un_staff):
    log_in(client, "buyer-a@example.org")
    numbers = [
        confirmed_invoice(client, wholesale.sachets.id, la_un_staff).number for _ in range(2)
    ]
    picture = slip_png()
    for number in numbers:
        send_slip(client, number, picture=picture)
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")

    page = text_of(office.get("/admin/wholesale?lang=en"))

    assert page.count("The same picture was also sent for:") == 2
    assert f"The same picture was also sent for: {numbers[0]}." in page


def test_the_partner_is_mailed_when_the_office_accepts_or_rejects_a_slip(
    app, client, wholesale, la_un_staff, mailbox
):
    log_in(client, "buyer-a@example.org")
    invoice = confirmed_invoice(client, wholesale.sachets.id, la_un_staff)
    for amount in ("100", "200"):
        send_slip(client, invoice.number, amount)
    first, second = db.session.scalars(select(PartnerPayment).order_by(PartnerPayment.id)).all()
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")
    mailbox.clear()

    office.post(f"/admin/wholesale/slips/{first.id}/accept?lang=en")
    office.post(
        f"/admin/wholesale/slips/{second.id}/reject?lang=en",
        data={
            f"reject-{second.id}-reason": "other",
            f"reject-{second.id}-note": "No such transfer on the statement",
        },
    )

    accepted, rejected = mailbox
    assert accepted.to == rejected.to == ["buyer-a@example.org"]
    assert invoice.number in accepted.subject
    assert "No such transfer on the statement" in rejected.body


@pytest.mark.parametrize(
    ("reference", "message"),
    [("x" * 81, "Please use at most 80 characters."), ("ေမာင္ ပို႔ေဆာင္ရန္", "Unicode")],
)
def test_the_offices_payment_reference_is_checked_like_any_text(
    app, client, wholesale, la_un_staff, reference, message
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 1)
    check_out(client)
    invoice = invoicing.confirm(the_order().seller_orders[0], {}, today(), actor_id=la_un_staff.id)
    db.session.commit()
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")

    office.post(
        f"/admin/wholesale/invoices/{invoice.id}/payment?lang=en",
        data={"amount": "100", "reference": reference},
    )

    assert message in text_of(office.get("/admin/wholesale?lang=en"))
    assert db.session.scalars(select(PartnerPayment)).all() == []


def test_the_statement_and_the_offices_page_cost_the_same_queries_for_1_or_4_invoices(
    app, client, wholesale, la_un_staff, count_queries
):
    log_in(client, "buyer-a@example.org")
    office = app.test_client()
    log_in(office, "office@ranong-coop.example.org")

    def invoice_one_more() -> None:
        fill_cart(client, wholesale.sachets.id, 1)
        check_out(client)
        invoicing.confirm(the_order().seller_orders[0], {}, today(), actor_id=la_un_staff.id)
        db.session.commit()

    def queries(target, path: str) -> int:
        target.get(path)
        with count_queries() as counted:
            assert target.get(path).status_code == 200
        return counted.count

    invoice_one_more()
    few = (queries(client, "/wholesale/statement"), queries(office, "/admin/wholesale"))
    for _ in range(3):
        invoice_one_more()
    many = (queries(client, "/wholesale/statement"), queries(office, "/admin/wholesale"))

    assert many == few


def test_a_too_long_reason_or_named_place_is_refused_kept_and_nothing_confirmed(
    app, client, wholesale, on_terms, la_un_staff
):
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    check_out(client)
    seller_order = the_order().seller_orders[0]
    line = seller_order.lines[0]
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")
    url = f"/seller/orders/{seller_order.id}/confirm?lang=en"
    day = (today() + timedelta(days=3)).isoformat()
    reason = "Only one carton left after the Ranong coffee fair, sorry. " * 9  # 522
    place = "Kawthaung pier, Myanmar side, the cooperative's own boat landing " * 2  # 130

    form = staff.get(f"/seller/orders/{seller_order.id}?lang=en")
    long_reason = staff.post(
        url,
        data={
            "delivery_date": day,
            f"quantity-{line.id}": "24",
            f"reason-{line.id}": "other",
            f"note-{line.id}": reason,
        },
    )
    long_place = staff.post(url, data={"delivery_date": day, "incoterm_place": place})

    assert 'name="incoterm_place"' in form.text
    assert "maxlength" not in form.text
    assert long_reason.status_code == long_place.status_code == 422
    assert "please use at most 500 characters" in text_of(long_reason)
    assert reason in text_of(long_reason)  # kept in its box
    assert "Please use at most 80 characters." in text_of(long_place)
    assert place.strip() in text_of(long_place)
    db.session.expire_all()
    assert the_order().seller_orders[0].status == SellerOrderStatus.TO_CONFIRM
    assert db.session.scalars(select(PartnerInvoice)).all() == []


def test_a_too_long_decline_reason_comes_back_as_typed_and_declines_nothing(
    app, client, wholesale, partners, mailbox
):
    order = order_over_spending_limit(client, wholesale.sachets.id)
    admin = app.test_client()
    log_in(admin, "admin-a@example.org")
    reason = "Over this month's coffee budget; please order again next month. " * 8  # 520

    refused = admin.post(
        f"/wholesale/orders/{order.number}/decline?lang=en",
        data={"reason": "other", "note": reason},
    )

    assert refused.status_code == 422
    assert "Please use at most 500 characters." in text_of(refused)
    assert reason.strip() in text_of(refused)
    assert "maxlength" not in refused.text
    order = the_order()
    assert order.approval == Approval.PARTNER_ADMIN
    assert order.status != OrderStatus.CANCELLED


# --- why a line was lowered, in the reader's language --------------------------------------------

RAN_OUT = "The goods ran out before your order could be packed."
THAI_NOTE = "ขออภัย เมล็ดกาแฟล็อตนี้หมดแล้ว"


def _two_cartons_ordered_in(client, wholesale, lang: str):
    """Buyer A orders two cartons in ``lang`` (its mails and pages in it): the seller order."""
    log_in(client, "buyer-a@example.org")
    fill_cart(client, wholesale.sachets.id, 2)
    client.post(f"/wholesale/checkout?lang={lang}", data={"po_number": "PO-118", "note": ""})
    order = the_order()
    assert order.locale == lang
    return order.seller_orders[0]


def test_a_line_lowered_in_thai_reads_in_burmese_for_the_partner_and_in_the_api(
    app, client, wholesale, on_terms, la_un_staff, mailbox
):
    from tests.api.conftest import bearer, make_key

    seller_order = _two_cartons_ordered_in(client, wholesale, "my")
    line = seller_order.lines[0]
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")
    offered = text_of(staff.get(f"/seller/orders/{seller_order.id}?lang=th"))
    mailbox.clear()

    confirmed = staff.post(
        f"/seller/orders/{seller_order.id}/confirm?lang=th",
        data={
            "delivery_date": (today() + timedelta(days=3)).isoformat(),
            f"quantity-{line.id}": "24",
            f"reason-{line.id}": "out_of_stock",
            f"note-{line.id}": THAI_NOTE,
        },
    )

    with force_locale("th"):
        thai = gettext(RAN_OUT)
    with force_locale("my"):
        burmese = gettext(RAN_OUT)
    assert f'<option value="out_of_stock">{thai}</option>' in offered
    assert confirmed.status_code == 302
    line = the_order().lines[0]
    assert (line.change_reason_code, line.change_reason) == ("out_of_stock", THAI_NOTE)
    assert burmese != RAN_OUT
    [mail] = [m for m in mailbox if m.to == ["buyer-a@example.org"]]
    assert burmese in mail.body
    assert THAI_NOTE in mail.body
    assert RAN_OUT not in mail.body
    page = text_of(client.get(f"/wholesale/orders/{the_order().number}?lang=my"))
    assert burmese in page
    token = make_key(on_terms)
    detail = client.get(
        f"/api/v1/orders/{the_order().number}",
        headers=bearer(token, **{"Accept-Language": "my"}),
    ).get_json()
    [api_line] = detail["parts"][0]["lines"]
    assert api_line["change_reason"].startswith(burmese)
    assert THAI_NOTE in api_line["change_reason"]


def test_a_lowered_line_needs_a_listed_reason_and_another_reason_a_note(
    app, client, wholesale, on_terms, la_un_staff, mailbox
):
    seller_order = _two_cartons_ordered_in(client, wholesale, "en")
    line = seller_order.lines[0]
    staff = app.test_client()
    log_in(staff, "staff@la-un.example.org")
    mailbox.clear()

    def lower(**reason):
        return staff.post(
            f"/seller/orders/{seller_order.id}/confirm?lang=en",
            data={
                "delivery_date": (today() + timedelta(days=3)).isoformat(),
                f"quantity-{line.id}": "24",
                **{f"{name}-{line.id}": value for name, value in reason.items()},
            },
        )

    no_reason = lower(note="sorry")
    other_unsaid = lower(reason="other", note=" ")
    unknown = lower(reason="nonsense")

    assert no_reason.status_code == other_unsaid.status_code == unknown.status_code == 422
    assert "please say why the quantity is lowered" in text_of(no_reason)
    assert "please say the reason in the note" in text_of(other_unsaid)
    assert "please choose one of the reasons" in text_of(unknown)
    assert the_order().seller_orders[0].status == SellerOrderStatus.TO_CONFIRM
    assert the_order().lines[0].change_reason_code == ""
    assert mailbox == []


def test_a_line_lowered_before_reasons_were_listed_reads_as_its_note(
    client, wholesale, on_terms, la_un_staff
):
    seller_order = _two_cartons_ordered_in(client, wholesale, "en")
    invoicing.confirm(seller_order, {}, today(), actor_id=la_un_staff.id)
    line = the_order().lines[0]
    line.ordered_quantity, line.change_reason = 72, "สินค้าไม่พอ"
    db.session.commit()

    page = text_of(client.get(f"/wholesale/orders/{the_order().number}?lang=en"))

    assert (
        "Lowered from 72 by the cooperative: Note from the shop (in its own words): สินค้าไม่พอ"
    ) in page
