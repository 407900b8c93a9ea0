"""task outbox: background work recorded with the change that caused it

Revision ID: 5e0c7a91d2b4
Revises: c3f1d2a9b7e4
Create Date: 2026-11-29 21:40:00

Mails still waiting in the mail outbox (queued, or failed and due for a retry) get their
``mail.send`` task, so the relay sends them.
"""

from alembic import op
import sqlalchemy as sa

import shop.core.db


# revision identifiers, used by Alembic.
revision = "5e0c7a91d2b4"
down_revision = "c3f1d2a9b7e4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "task_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "running",
                "done",
                "failed",
                name="task_status",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("run_after", shop.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("relayed_at", shop.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", shop.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_at", shop.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_outbox")),
    )
    with op.batch_alter_table("task_outbox", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_outbox_status_run_after", ["status", "run_after"], unique=False
        )

    payload = (
        "json_build_object('mail_id', id)"
        if op.get_bind().dialect.name == "postgresql"
        else "json_object('mail_id', id)"
    )
    op.execute(
        "INSERT INTO task_outbox (name, payload, status, attempts, last_error, created_at, "
        f"run_after) SELECT 'mail.send', {payload}, 'pending', 0, '', created_at, created_at "
        "FROM mail_outbox WHERE status IN ('queued', 'failed') ORDER BY id"
    )


def downgrade():
    with op.batch_alter_table("task_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_task_outbox_status_run_after")
    op.drop_table("task_outbox")
