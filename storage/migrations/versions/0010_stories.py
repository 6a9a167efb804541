"""Stories: the story table, ticket.story_id (which story an inquiry is in) and ticket.story_terms
(its terms, for later inquiries to be compared with).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# SQLite cannot add a foreign key to an existing table except inline with a new column.
_SQLITE_ADD_STORY_ID = "ALTER TABLE ticket ADD COLUMN story_id INTEGER REFERENCES story (id)"


def upgrade() -> None:
    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), sa.ForeignKey("story.id"), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_activity_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_story_last_activity_at", "story", ["last_activity_at"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE_ADD_STORY_ID)
    else:
        op.add_column("ticket", sa.Column("story_id", sa.Integer(), nullable=True))
        op.create_foreign_key("ticket_story_id_fkey", "ticket", "story", ["story_id"], ["id"])
    op.add_column("ticket", sa.Column("story_terms", sa.Text(), nullable=True))
    op.create_index("ix_ticket_story_id", "ticket", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_story_id", table_name="ticket")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_drop_story_columns()
    else:
        op.drop_constraint("ticket_story_id_fkey", "ticket", type_="foreignkey")
        op.drop_column("ticket", "story_id")
        op.drop_column("ticket", "story_terms")
    op.drop_index("ix_story_last_activity_at", table_name="story")
    op.drop_table("story")


def _sqlite_drop_story_columns() -> None:
    """As 0008's downgrade: SQLite drops a column with a foreign key only by rebuilding ``ticket``,
    with foreign keys off, which needs the rebuild outside the migration's transaction."""
    dbapi = op.get_bind().connection.dbapi_connection
    dbapi.execute("COMMIT")
    dbapi.execute("PRAGMA foreign_keys=OFF")
    dbapi.execute("BEGIN IMMEDIATE")
    try:
        with op.batch_alter_table("ticket", recreate="always") as batch:
            batch.drop_column("story_id")
            batch.drop_column("story_terms")
        problems = dbapi.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"rebuilding ticket broke foreign keys: {problems[:5]}")
        dbapi.execute("COMMIT")
    except BaseException:
        dbapi.execute("ROLLBACK")
        raise
    finally:
        dbapi.execute("PRAGMA foreign_keys=ON")
        dbapi.execute("BEGIN IMMEDIATE")
