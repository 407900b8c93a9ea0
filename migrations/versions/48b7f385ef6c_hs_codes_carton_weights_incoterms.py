"""Export data for wholesale orders: HS codes on products, the carton's net and gross weight
on wholesale packs, an Incoterm and named place on delivery methods.

Revision ID: 48b7f385ef6c
Revises: a6d4c3cf180b
Create Date: 2026-11-29 20:38:39.787850

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "48b7f385ef6c"
down_revision = "a6d4c3cf180b"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hs_code", sa.String(length=10), nullable=False, server_default="")
        )
    with op.batch_alter_table("quantity_rule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carton_net_grams", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("carton_gross_grams", sa.Integer(), nullable=True))
    with op.batch_alter_table("shipping_method", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("incoterm", sa.String(length=3), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("incoterm_place", sa.String(length=80), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("shipping_method", schema=None) as batch_op:
        batch_op.drop_column("incoterm_place")
        batch_op.drop_column("incoterm")
    with op.batch_alter_table("quantity_rule", schema=None) as batch_op:
        batch_op.drop_column("carton_gross_grams")
        batch_op.drop_column("carton_net_grams")
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_column("hs_code")
