"""Two app servers issuing a cooperative's tax invoices or credit notes at the same moment take
consecutive numbers: no gap, no duplicate (real threads, each with its own database
connection, on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from shop.documents.credit_notes import issue_credit_note
from shop.documents.models import Document, DocumentCounter, DocumentKind
from shop.extensions import db
from shop.orders.models import Order
from tests.documents.test_tax_invoices import check_out, order_of, tax_fields  # noqa: F401


def at_once(app, work, args) -> list[BaseException]:
    """Run ``work(arg)`` for each arg in its own thread and app context, released together."""
    start = threading.Barrier(len(args))
    errors = []

    def run(arg):
        with app.app_context():
            try:
                start.wait(timeout=10)  # before any query: SQLite's first one takes the lock
                work(arg)
            except BaseException as exc:  # noqa: BLE001 - asserted by the caller
                errors.append(exc)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(arg,)) for arg in args]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def serials(cooperative_id: int, kind: DocumentKind) -> list[int]:
    db.session.expire_all()
    return sorted(
        db.session.scalars(
            select(Document.serial).where(
                Document.cooperative_id == cooperative_id, Document.kind == kind
            )
        )
    )


def test_two_payments_at_once_issue_consecutive_tax_invoices(app, sellers, check_out, pay):  # noqa: F811
    north_only = [(sellers.beans_250_id, 1)]
    orders = [
        order_of(
            check_out(
                app.test_client(), email=f"buyer{n}@example.org", items=north_only, **tax_fields()
            )
        ).id
        for n in range(3)
    ]
    db.session.commit()

    errors = at_once(app, lambda order_id: pay(db.session.get(Order, order_id)), orders)

    assert errors == []
    assert serials(sellers.north_coop_id, DocumentKind.TAX_INVOICE) == [1, 2, 3]
    assert serials(sellers.north_coop_id, DocumentKind.RECEIPT) == [1, 2, 3]
    counter = db.session.scalars(
        select(DocumentCounter).where(DocumentCounter.kind == DocumentKind.TAX_INVOICE)
    ).one()
    assert counter.last_serial == 3


def test_two_credit_notes_at_once_take_consecutive_numbers(app, client, sellers, place_order, pay):
    north_only = [(sellers.beans_250_id, 1)]
    paid = [
        pay(
            place_order(
                app.test_client(), payment_method="transfer", items=north_only, email=f"c{n}@x.org"
            ).order
        ).id
        for n in range(2)
    ]
    db.session.commit()  # the test's own session holds no lock while the threads run

    def credit(order_id: int) -> None:
        seller_order = db.session.get(Order, order_id).seller_orders[0]
        issue_credit_note(seller_order, 5_000, "price_reduced")
        db.session.commit()

    assert at_once(app, credit, paid) == []
    assert serials(sellers.north_coop_id, DocumentKind.CREDIT_NOTE) == [1, 2]
