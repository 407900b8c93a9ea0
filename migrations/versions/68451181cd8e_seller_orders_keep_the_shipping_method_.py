"""seller orders keep the shipping method's name in every language; orders placed before
have the name the buyer read in all three (the other languages were not kept)

Revision ID: 68451181cd8e
Revises: 5e0c7a91d2b4
Create Date: 2026-11-29 22:30:14.826392

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "68451181cd8e"
down_revision = "5e0c7a91d2b4"
branch_labels = None
depends_on = None

LANGUAGES = ("th", "en", "my")


def upgrade():
    with op.batch_alter_table("seller_order", schema=None) as batch_op:
        for lang in LANGUAGES:
            batch_op.add_column(
                sa.Column(
                    f"shipping_method_name_{lang}",
                    sa.String(length=120),
                    nullable=False,
                    server_default="",
                )
            )
    op.execute(
        "UPDATE seller_order SET "
        + ", ".join(f"shipping_method_name_{lang} = shipping_method_name" for lang in LANGUAGES)
    )


def downgrade():
    with op.batch_alter_table("seller_order", schema=None) as batch_op:
        for lang in reversed(LANGUAGES):
            batch_op.drop_column(f"shipping_method_name_{lang}")
