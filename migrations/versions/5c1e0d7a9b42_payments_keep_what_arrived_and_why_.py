"""payments keep what arrived, which one paid the order, and why the office must look

`received_satang` is the amount a provider reported (checked against the payment), so refunds
are capped at what is left of it; `paid_order` marks the payment that paid its order (a later
second payment is never refunded in its place); `problems` and `needs_review` carry the reasons
shown on /admin/payments. Existing payments that succeeded or were refunded received their
amount; the latest of them on an order that was paid and not flagged paid that order.

Revision ID: 5c1e0d7a9b42
Revises: bfc9fa0904d1
Create Date: 2026-11-29 14:00:00.000000

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "5c1e0d7a9b42"
down_revision = "bfc9fa0904d1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("received_satang", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("paid_order", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("problems", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("needs_review", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_payment_needs_review"), ["needs_review"], unique=False)

    op.execute(
        "UPDATE payment SET received_satang = amount_satang "
        "WHERE status IN ('succeeded', 'refunded')"
    )
    op.execute(
        "UPDATE payment SET paid_order = TRUE WHERE id IN ("
        " SELECT MAX(p.id) FROM payment p JOIN shop_order o ON o.id = p.order_id"
        " WHERE o.paid_at IS NOT NULL AND p.status IN ('succeeded', 'refunded')"
        " AND NOT p.needs_refund GROUP BY p.order_id)"
    )


def downgrade():
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_needs_review"))
        batch_op.drop_column("needs_review")
        batch_op.drop_column("problems")
        batch_op.drop_column("paid_order")
        batch_op.drop_column("received_satang")
