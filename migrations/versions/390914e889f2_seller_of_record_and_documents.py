"""Seller of record on cooperatives; issued documents and their number series (issue 10)

Revision ID: 390914e889f2
Revises: 020c048b7cd2
Create Date: 2026-11-29 18:10:22.248415

"""

import sqlalchemy as sa
from alembic import op

import shop.core.db

# revision identifiers, used by Alembic.
revision = "390914e889f2"
down_revision = "020c048b7cd2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "document_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "receipt",
                name="document_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooperative_id"],
            ["cooperative.id"],
            name=op.f("fk_document_counter_cooperative_id_cooperative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_counter")),
        sa.UniqueConstraint(
            "cooperative_id",
            "kind",
            "year",
            name=op.f("uq_document_counter_cooperative_id_kind_year"),
        ),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("seller_order_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "receipt",
                name="document_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("issued_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooperative_id"],
            ["cooperative.id"],
            name=op.f("fk_document_cooperative_id_cooperative"),
        ),
        sa.ForeignKeyConstraint(
            ["seller_order_id"],
            ["seller_order.id"],
            name=op.f("fk_document_seller_order_id_seller_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint(
            "cooperative_id",
            "kind",
            "year",
            "serial",
            name=op.f("uq_document_cooperative_id_kind_year_serial"),
        ),
        sa.UniqueConstraint(
            "seller_order_id", "kind", name=op.f("uq_document_seller_order_id_kind")
        ),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_cooperative_id"), ["cooperative_id"], unique=False
        )

    with op.batch_alter_table("cooperative", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("legal_name_th", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("legal_name_en", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("tax_id", sa.String(length=13), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("branch_code", sa.String(length=5), nullable=False, server_default="00000")
        )
        batch_op.add_column(
            sa.Column(
                "registered_address_th", sa.String(length=500), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "registered_address_en", sa.String(length=500), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column("vat_registered", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("cooperative", schema=None) as batch_op:
        batch_op.drop_column("vat_registered")
        batch_op.drop_column("registered_address_en")
        batch_op.drop_column("registered_address_th")
        batch_op.drop_column("branch_code")
        batch_op.drop_column("tax_id")
        batch_op.drop_column("legal_name_en")
        batch_op.drop_column("legal_name_th")

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_cooperative_id"))

    op.drop_table("document")
    op.drop_table("document_counter")
