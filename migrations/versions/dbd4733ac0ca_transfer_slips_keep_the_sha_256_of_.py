"""transfer slips keep the SHA-256 of their picture

The admin who reviews a slip is warned when the same picture was sent for another payment
(issue 11, item 13). Slips uploaded before this have no hash ("").

Revision ID: dbd4733ac0ca
Revises: e8570ac67e12
Create Date: 2026-11-29 17:11:46.602154

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "dbd4733ac0ca"
down_revision = "e8570ac67e12"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("slip_sha256", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_payment_slip_sha256"), ["slip_sha256"], unique=False)


def downgrade():
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_slip_sha256"))
        batch_op.drop_column("slip_sha256")
