"""partner companies: application details, status rejected, terms; memberships with roles and
spending limits (replacing user_account.partner_shop_id); partner invitations; price lists

Existing partner shops keep their rows: `town` becomes `township`, new columns start empty (or
prepaid, no credit, no price list). Every user who had a partner_shop_id becomes that partner's
admin. The downgrade folds memberships back into the column and "rejected" into "suspended".

Revision ID: fb6c2a34f98b
Revises: a12b63569393
Create Date: 2026-11-29 13:49:40.146671

"""

import sqlalchemy as sa
from alembic import op

import shop.core.db

# revision identifiers, used by Alembic.
revision = "fb6c2a34f98b"
down_revision = "a12b63569393"
branch_labels = None
depends_on = None


def _status(*values):
    return sa.Enum(
        *values,
        name="partner_shop_status",
        native_enum=False,
        create_constraint=True,
        length=20,
    )


OLD_STATUS = _status("pending", "approved", "suspended")
NEW_STATUS = _status("pending", "approved", "rejected", "suspended")


def _spending_limit_check(table):
    return sa.CheckConstraint(
        "spending_limit_satang IS NULL OR spending_limit_satang > 0",
        name=op.f(f"ck_{table}_spending_limit_positive"),
    )


def upgrade():
    op.create_table(
        "price_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("discount_bp", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "discount_bp >= 0 AND discount_bp <= 5000",
            name=op.f("ck_price_list_discount_in_range"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_list")),
        sa.UniqueConstraint("name", name=op.f("uq_price_list_name")),
    )

    with op.batch_alter_table("partner_shop", schema=None) as batch_op:
        batch_op.alter_column(
            "town",
            new_column_name="township",
            existing_type=sa.String(length=120),
            existing_nullable=False,
        )
        for name, length in (
            ("contact_name", 200),
            ("address_line", 200),
            ("ward", 100),
            ("region", 5),
            ("postcode", 10),
            ("registration_number", 60),
        ):
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
        batch_op.add_column(
            sa.Column(
                "preferred_language", sa.String(length=5), nullable=False, server_default="my"
            )
        )
        batch_op.add_column(
            sa.Column("rejection_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("price_list_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "payment_terms",
                sa.Enum(
                    "prepaid",
                    "net_7",
                    "net_15",
                    "net_30",
                    name="payment_terms",
                    native_enum=False,
                    create_constraint=True,
                    length=20,
                ),
                nullable=False,
                server_default="prepaid",
            )
        )
        batch_op.add_column(
            sa.Column("credit_limit_satang", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("require_po_number", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch_op.alter_column(
            "status", existing_type=OLD_STATUS, type_=NEW_STATUS, existing_nullable=False
        )
        batch_op.create_check_constraint("credit_limit_not_negative", "credit_limit_satang >= 0")
        batch_op.create_index(
            batch_op.f("ix_partner_shop_price_list_id"), ["price_list_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_partner_shop_price_list_id_price_list"),
            "price_list",
            ["price_list_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_partner_shop_approved_by_id_user_account"),
            "user_account",
            ["approved_by_id"],
            ["id"],
        )

    op.create_table(
        "partner_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("partner_shop_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "partner_admin",
                "buyer",
                name="partner_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("spending_limit_satang", sa.Integer(), nullable=True),
        sa.Column("created_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        _spending_limit_check("partner_membership"),
        sa.ForeignKeyConstraint(
            ["partner_shop_id"],
            ["partner_shop.id"],
            name=op.f("fk_partner_membership_partner_shop_id_partner_shop"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_partner_membership_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_membership")),
        sa.UniqueConstraint("user_id", name=op.f("uq_partner_membership_user_id")),
    )
    with op.batch_alter_table("partner_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partner_membership_partner_shop_id"), ["partner_shop_id"], unique=False
        )

    op.create_table(
        "partner_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_shop_id", sa.Integer(), nullable=False),
        sa.Column("spending_limit_satang", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", shop.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", shop.core.db.UTCDateTime(timezone=True), nullable=True),
        _spending_limit_check("partner_invitation"),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["user_account.id"],
            name=op.f("fk_partner_invitation_invited_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["partner_shop_id"],
            ["partner_shop.id"],
            name=op.f("fk_partner_invitation_partner_shop_id_partner_shop"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_partner_invitation_token_hash")),
    )
    with op.batch_alter_table("partner_invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_invitation_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_partner_invitation_partner_shop_id"), ["partner_shop_id"], unique=False
        )

    op.execute(
        "INSERT INTO partner_membership (user_id, partner_shop_id, role, created_at, updated_at)"
        " SELECT id, partner_shop_id, 'partner_admin', created_at, updated_at"
        " FROM user_account WHERE partner_shop_id IS NOT NULL"
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_partner_shop_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_user_account_partner_shop_id_partner_shop"), type_="foreignkey"
        )
        batch_op.drop_column("partner_shop_id")


def downgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("partner_shop_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_user_account_partner_shop_id_partner_shop"),
            "partner_shop",
            ["partner_shop_id"],
            ["id"],
        )
        batch_op.create_index(
            batch_op.f("ix_user_account_partner_shop_id"), ["partner_shop_id"], unique=False
        )
    op.execute(
        "UPDATE user_account SET partner_shop_id = (SELECT partner_shop_id"
        " FROM partner_membership WHERE partner_membership.user_id = user_account.id)"
    )
    op.execute("UPDATE partner_shop SET status = 'suspended' WHERE status = 'rejected'")

    op.drop_table("partner_invitation")
    op.drop_table("partner_membership")

    with op.batch_alter_table("partner_shop", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_partner_shop_approved_by_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_partner_shop_price_list_id_price_list"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_partner_shop_price_list_id"))
        for check in ("credit_limit_not_negative", "payment_terms"):
            batch_op.drop_constraint(batch_op.f(f"ck_partner_shop_{check}"), type_="check")
        batch_op.alter_column(
            "status", existing_type=NEW_STATUS, type_=OLD_STATUS, existing_nullable=False
        )
        for name in (
            "approved_by_id",
            "require_po_number",
            "credit_limit_satang",
            "payment_terms",
            "price_list_id",
            "rejection_reason",
            "preferred_language",
            "registration_number",
            "postcode",
            "region",
            "ward",
            "address_line",
            "contact_name",
        ):
            batch_op.drop_column(name)
        batch_op.alter_column(
            "township",
            new_column_name="town",
            existing_type=sa.String(length=120),
            existing_nullable=False,
        )

    op.drop_table("price_list")
