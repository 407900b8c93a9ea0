"""indexes for the backend at volume: orders by time paid and placed, seller orders by
cooperative and status, products by cooperative and age; on PostgreSQL trigram indexes for the
order searches (part of a number, a name or an e-mail address)

Revision ID: 7b3e5d1c9a40
Revises: fedae184fd5e
Create Date: 2026-11-29 21:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7b3e5d1c9a40"
down_revision = "fedae184fd5e"
branch_labels = None
depends_on = None

# Searched with lower(column) LIKE '%text%' (shop.orders.fulfilment, shop.platform.orders).
TRIGRAM = (
    ("ix_shop_order_number_trgm", "number"),
    ("ix_shop_order_ship_name_trgm", "ship_name"),
    ("ix_shop_order_email_trgm", "email"),
)


def upgrade():
    op.create_index("ix_shop_order_paid_at", "shop_order", ["paid_at"])
    op.create_index("ix_shop_order_created_at_id", "shop_order", ["created_at", "id"])
    op.create_index(
        "ix_seller_order_cooperative_status", "seller_order", ["cooperative_id", "status"]
    )
    op.create_index(
        "ix_product_cooperative_created", "product", ["cooperative_id", "created_at", "id"]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in TRIGRAM:
            op.create_index(
                name,
                "shop_order",
                [sa.text(f"lower({column}) gin_trgm_ops")],
                postgresql_using="gin",
            )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, _column in TRIGRAM:
            op.drop_index(name, table_name="shop_order")
    op.drop_index("ix_product_cooperative_created", table_name="product")
    op.drop_index("ix_seller_order_cooperative_status", table_name="seller_order")
    op.drop_index("ix_shop_order_created_at_id", table_name="shop_order")
    op.drop_index("ix_shop_order_paid_at", table_name="shop_order")
