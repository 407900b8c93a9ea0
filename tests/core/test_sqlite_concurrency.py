"""SQLite is set up for several worker processes: concurrent writers wait, never fail."""

import threading

from sqlalchemy import select, text

from shop.extensions import db
from tests.factories import VariantFactory


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app, session):
    if db.engine.dialect.name != "sqlite":
        return
    assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_concurrent_writers_never_see_database_is_locked(app, session):
    """Twenty threads, each its own connection, read then write the same row at once."""
    from shop.catalog.models import Variant

    variant_id = VariantFactory(stock=0).id
    session.commit()  # and hold no transaction while the threads run
    errors: list[Exception] = []
    start = threading.Barrier(20)

    def buyer():
        with app.app_context():
            try:
                start.wait()
                for _ in range(5):
                    stock = db.session.scalar(select(Variant.stock).where(Variant.id == variant_id))
                    db.session.execute(
                        text("UPDATE variant SET stock = :s WHERE id = :id"),
                        {"s": stock + 1, "id": variant_id},
                    )
                    db.session.commit()
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=buyer) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    session.expire_all()
    # Each read-then-write ran in one IMMEDIATE transaction, so no update was lost either.
    if db.engine.dialect.name == "sqlite":
        assert session.get(Variant, variant_id).stock == 100
