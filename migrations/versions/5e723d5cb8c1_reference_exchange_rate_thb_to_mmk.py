"""The THB→MMK reference rate partner pages show kyat prices at: micro-kyat per baht (an
integer, never a float), the Asia/Bangkok day it applies from, who set it.

Revision ID: 5e723d5cb8c1
Revises: c408e14f551d
Create Date: 2026-11-29 17:29:22.729673

"""

import sqlalchemy as sa
from alembic import op

import shop.core.db

# revision identifiers, used by Alembic.
revision = "5e723d5cb8c1"
down_revision = "c408e14f551d"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "exchange_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kyat_per_baht_micro", sa.BigInteger(), nullable=False),
        sa.Column("applies_from", sa.Date(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kyat_per_baht_micro > 0 AND kyat_per_baht_micro <= 100000000000",
            name=op.f("ck_exchange_rate_rate_in_range"),
        ),
        sa.ForeignKeyConstraint(
            ["set_by_id"],
            ["user_account.id"],
            name=op.f("fk_exchange_rate_set_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rate")),
    )
    with op.batch_alter_table("exchange_rate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exchange_rate_applies_from"), ["applies_from"], unique=False
        )


def downgrade():
    with op.batch_alter_table("exchange_rate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_rate_applies_from"))
    op.drop_table("exchange_rate")
