"""saved order lists

A partner company's named lists of packs and quantities ("Monthly order"), issue 9: at most 50
per partner and 500 lines per list (checked by shop.wholesale.saved_lists).

Revision ID: 0cc807e20438
Revises: 0d6a96fc2220
Create Date: 2026-11-29 17:57:46.947220

"""

from alembic import op
import sqlalchemy as sa

import shop.core.db


# revision identifiers, used by Alembic.
revision = "0cc807e20438"
down_revision = "0d6a96fc2220"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "saved_order_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_shop_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_saved_order_list_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["partner_shop_id"],
            ["partner_shop.id"],
            name=op.f("fk_saved_order_list_partner_shop_id_partner_shop"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_order_list")),
        sa.UniqueConstraint(
            "partner_shop_id", "name", name=op.f("uq_saved_order_list_partner_shop_id_name")
        ),
    )
    with op.batch_alter_table("saved_order_list", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_saved_order_list_partner_shop_id"), ["partner_shop_id"], unique=False
        )

    op.create_table(
        "saved_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("variant_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("price_seen_satang", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "price_seen_satang >= 0", name=op.f("ck_saved_order_line_price_not_negative")
        ),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_saved_order_line_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["saved_order_list.id"],
            name=op.f("fk_saved_order_line_list_id_saved_order_list"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"],
            ["variant.id"],
            name=op.f("fk_saved_order_line_variant_id_variant"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_order_line")),
        sa.UniqueConstraint(
            "list_id", "variant_id", name=op.f("uq_saved_order_line_list_id_variant_id")
        ),
    )
    with op.batch_alter_table("saved_order_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_order_line_list_id"), ["list_id"], unique=False)


def downgrade():
    with op.batch_alter_table("saved_order_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_order_line_list_id"))

    op.drop_table("saved_order_line")
    with op.batch_alter_table("saved_order_list", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_order_list_partner_shop_id"))

    op.drop_table("saved_order_list")
