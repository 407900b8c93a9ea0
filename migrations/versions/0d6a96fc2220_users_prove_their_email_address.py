"""users prove their email address

Orders placed as a guest are shown in an account only once its owner opened the link mailed
to the address (issue 11, item 17). Accounts made before this are not proven yet.

Revision ID: 0d6a96fc2220
Revises: 5e723d5cb8c1
Create Date: 2026-11-29 17:43:11.762807

"""

from alembic import op
import sqlalchemy as sa

import shop.core.db


# revision identifiers, used by Alembic.
revision = "0d6a96fc2220"
down_revision = "5e723d5cb8c1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_verified_at", shop.core.db.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")
