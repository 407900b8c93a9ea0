"""Wholesale export papers: the document kinds proforma (as many revisions as a seller order
needs), commercial invoice and packing list.

Revision ID: c3f1d2a9b7e4
Revises: 48b7f385ef6c
Create Date: 2026-11-29 21:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c3f1d2a9b7e4"
down_revision = "48b7f385ef6c"
branch_labels = None
depends_on = None

_BEFORE = ("receipt", "tax_invoice", "credit_note")
_ADDED = ("proforma", "commercial_invoice", "packing_list")
OLD_WHERE = sa.text("kind != 'credit_note'")
NEW_WHERE = sa.text("kind NOT IN ('credit_note', 'proforma')")


def _kind(*values):
    return sa.Enum(
        *values, name="document_kind", native_enum=False, create_constraint=True, length=20
    )


def _unique_index(batch_op, where) -> None:
    batch_op.create_index(
        "uq_document_seller_order_id_kind",
        ["seller_order_id", "kind"],
        unique=True,
        sqlite_where=where,
        postgresql_where=where,
    )


def _change_kinds(old, new) -> None:
    for table in ("document", "document_counter"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("kind", existing_type=old, type_=new, existing_nullable=False)


def upgrade():
    _change_kinds(_kind(*_BEFORE), _kind(*_BEFORE, *_ADDED))
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_document_seller_order_id_kind", sqlite_where=OLD_WHERE, postgresql_where=OLD_WHERE
        )
        _unique_index(batch_op, NEW_WHERE)


def downgrade():
    op.execute(
        "DELETE FROM document WHERE kind IN ('proforma', 'commercial_invoice', 'packing_list')"
    )
    op.execute(
        "DELETE FROM document_counter "
        "WHERE kind IN ('proforma', 'commercial_invoice', 'packing_list')"
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_document_seller_order_id_kind", sqlite_where=NEW_WHERE, postgresql_where=NEW_WHERE
        )
        _unique_index(batch_op, OLD_WHERE)
    _change_kinds(_kind(*_BEFORE, *_ADDED), _kind(*_BEFORE))
