"""Full tax invoices and credit notes (document kinds, one of each per seller order but credit
notes as many as refunds), the buyer's details for a tax invoice, and the VAT-registration
snapshot on seller orders (older ones take their cooperative's registration of today).

Revision ID: a6d4c3cf180b
Revises: 7b3e5d1c9a40
Create Date: 2026-11-29 20:38:01.610291

"""

import sqlalchemy as sa
from alembic import op

import shop.core.db

# revision identifiers, used by Alembic.
revision = "a6d4c3cf180b"
down_revision = "7b3e5d1c9a40"
branch_labels = None
depends_on = None

NOT_CREDIT_NOTE = sa.text("kind != 'credit_note'")


def _kind(*values):
    return sa.Enum(
        *values, name="document_kind", native_enum=False, create_constraint=True, length=20
    )


OLD_KIND = _kind("receipt")
NEW_KIND = _kind("receipt", "tax_invoice", "credit_note")


def upgrade():
    op.create_table(
        "buyer_tax_details",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("tax_id", sa.String(length=13), nullable=False),
        sa.Column("branch_code", sa.String(length=5), nullable=False),
        sa.Column("created_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_buyer_tax_details_order_id_shop_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer_tax_details")),
        sa.UniqueConstraint("order_id", name=op.f("uq_buyer_tax_details_order_id")),
    )
    for table in ("document", "document_counter"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "kind", existing_type=OLD_KIND, type_=NEW_KIND, existing_nullable=False
            )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_document_seller_order_id_kind"), type_="unique")
        batch_op.create_index(
            "uq_document_seller_order_id_kind",
            ["seller_order_id", "kind"],
            unique=True,
            sqlite_where=NOT_CREDIT_NOTE,
            postgresql_where=NOT_CREDIT_NOTE,
        )

    with op.batch_alter_table("seller_order", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("vat_registered", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.execute(
        "UPDATE seller_order SET vat_registered = (SELECT cooperative.vat_registered FROM "
        "cooperative WHERE cooperative.id = seller_order.cooperative_id)"
    )


def downgrade():
    with op.batch_alter_table("seller_order", schema=None) as batch_op:
        batch_op.drop_column("vat_registered")

    op.execute("DELETE FROM document WHERE kind != 'receipt'")
    op.execute("DELETE FROM document_counter WHERE kind != 'receipt'")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_document_seller_order_id_kind",
            sqlite_where=NOT_CREDIT_NOTE,
            postgresql_where=NOT_CREDIT_NOTE,
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_document_seller_order_id_kind"), ["seller_order_id", "kind"]
        )
    for table in ("document", "document_counter"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "kind", existing_type=NEW_KIND, type_=OLD_KIND, existing_nullable=False
            )
    op.drop_table("buyer_tax_details")
