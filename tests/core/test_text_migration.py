"""Texts stored before the shop normalised its input are rewritten once by the data migration
c4e1f7a2b9d0, so the normalised search finds them (issue 11, item 1)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from shop.extensions import db
from tests.factories import ProductFactory
from tests.seller.product_world import build_world

MIGRATION = (
    Path(__file__).parents[2]
    / "migrations/versions/c4e1f7a2b9d0_stored_text_in_the_one_spelling.py"
)


def run_migration() -> None:
    spec = importlib.util.spec_from_file_location("text_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with (
        db.engine.begin() as connection,
        Operations.context(MigrationContext.configure(connection)),
    ):
        module.upgrade()


def test_old_names_with_invisible_characters_are_found_after_the_migration(app, session, client):
    world = build_world(session, app.config["UPLOAD_DIR"])
    product = ProductFactory(cooperative=world.la_un, name_th="ชาใบกาแฟ", name_en="Leaf tea")
    session.commit()
    # As a seller could save it before: a zero-width space and SARA AM in two characters.
    session.execute(
        text("UPDATE product SET name_th = :name, description_th = :text WHERE id = :id"),
        {"name": "ชาใบ\u200bกาแฟ", "text": "ชงด\u0e4d\u0e32", "id": product.id},
    )
    session.commit()
    assert "Leaf tea" not in client.get("/products?q=ชาใบกาแฟ&lang=en").text

    session.rollback()  # end the test's read transaction (SQLite would keep its snapshot)
    run_migration()

    session.expire_all()
    assert (product.name_th, product.description_th) == ("ชาใบกาแฟ", "ชงดำ")
    assert "Leaf tea" in client.get("/products?q=ชาใบกาแฟ&lang=en").text
    assert product.name_en == "Leaf tea"  # what needed nothing is left as it was
