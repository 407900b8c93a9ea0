"""A rejected transfer slip keeps its reason as a code (worded in each reader's language);
``note`` keeps what the admin added in their own words. Rejections made before keep their
free text in ``note`` and an empty code, and read as a note.

Revision ID: c408e14f551d
Revises: 06c211ee8025
Create Date: 2026-11-29 17:24:42.479588

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c408e14f551d"
down_revision = "06c211ee8025"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reason_code", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_column("reason_code")
