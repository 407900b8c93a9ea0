"""stored text in the one spelling

Texts typed before the shop normalised its input (issue 11, item 1) may hold zero-width
characters or Thai spellings that render alike (SARA AM as two characters, tone marks out of
order); searches, which are normalised now, would not find them. This rewrites the living
catalogue and account texts through shop.core.text.normalize_text, the one normaliser.
Orders and their lines are snapshots of what was sold and are left as they were.
Only rows that change are written. There is nothing to undo: the old spellings rendered alike.

Revision ID: c4e1f7a2b9d0
Revises: dbd4733ac0ca
Create Date: 2026-11-29 18:10:00

"""

from alembic import op
import sqlalchemy as sa

from shop.core.text import normalize_text

# revision identifiers, used by Alembic.
revision = "c4e1f7a2b9d0"
down_revision = "dbd4733ac0ca"
branch_labels = None
depends_on = None

LANGS = ("th", "en", "my")


def _each(*names):
    return [f"{name}_{lang}" for name in names for lang in LANGS]


TEXT_COLUMNS = {
    "cooperative": _each("name", "story", "address"),
    "category": _each("name"),
    "product": _each("name", "description", "origin"),
    "variant": _each("name"),
    "user_account": ["name"],
    "address": ["name", "line1", "line2", "subdistrict", "district"],
    "partner_shop": ["name", "contact_name", "address_line", "ward", "township"],
}
BATCH = 500


def upgrade():
    connection = op.get_bind()
    for table_name, columns in TEXT_COLUMNS.items():
        table = sa.table(table_name, sa.column("id"), *(sa.column(c) for c in columns))
        last_id = 0
        while True:
            rows = connection.execute(
                sa.select(table).where(table.c.id > last_id).order_by(table.c.id).limit(BATCH)
            ).all()
            if not rows:
                break
            for row in rows:
                changes = {
                    c: normalize_text(getattr(row, c))
                    for c in columns
                    if normalize_text(getattr(row, c)) != getattr(row, c)
                }
                if changes:
                    connection.execute(table.update().where(table.c.id == row.id).values(**changes))
            last_id = rows[-1].id


def downgrade():
    pass
