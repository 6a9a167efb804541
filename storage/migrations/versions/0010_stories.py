"""Stories and statements: the story table, ticket.story_id (which story an inquiry is in) and
ticket.story_terms (its terms, for later inquiries to be compared with); the statement register
(statement, statement_version); drafts get a kind (ack | reply) and the statement a reply
carries: one acknowledgement per ticket still (a partial unique index where kind = 'ack'
replaces the unique ticket_id), one reply per ticket and statement.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

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
    _create_statements()
    _draft_kinds()


def _create_statements() -> None:
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("created_by", AutoString(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("approved_by", AutoString(length=120), nullable=True),
        sa.Column("approved_at", UTCDateTime(), nullable=True),
        sa.Column("withdrawn_by", AutoString(length=120), nullable=True),
        sa.Column("withdrawn_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_statement_status", "statement", ["status"])
    op.create_table(
        "statement_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), sa.ForeignKey("statement.id"), nullable=False),
        sa.Column("language", AutoString(length=8), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("created_by", AutoString(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("statement_id", "language", name="uq_statement_version_language"),
    )
    op.create_index("ix_statement_version_statement_id", "statement_version", ["statement_id"])


def _draft_table(*, unique_ticket: bool) -> sa.Table:
    """The draft table as 0009 left it, with or without its unique ticket_id: SQLite's unnamed
    unique constraint can only go by rebuilding the table from a definition without it."""
    return sa.Table(
        "draft", sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("ticket.id"), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("language", AutoString(length=8), nullable=False),
        sa.Column("to_email", AutoString(length=320), nullable=False),
        sa.Column("to_name", AutoString(length=255), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("in_reply_to", sa.Text(), nullable=True),
        sa.Column("references", sa.Text(), nullable=True),
        sa.Column("message_id", AutoString(length=998), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("edited_by", AutoString(length=120), nullable=True),
        sa.Column("approved_by", AutoString(length=120), nullable=True),
        sa.Column("approved_at", UTCDateTime(), nullable=True),
        sa.Column("send_attempts", sa.Integer(), nullable=False),
        sa.Column("send_started_at", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("send_token", AutoString(length=32), nullable=True),
        sa.Column("send_lease_until", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        *([sa.UniqueConstraint("ticket_id")] if unique_ticket else []),
        sa.Index("ix_draft_status", "status"),
    )


_ACK_ONLY = sa.text("kind = 'ack'")
_REPLY_ONLY = sa.text("kind = 'reply'")


def _draft_kinds() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        with op.batch_alter_table("draft", recreate="always", copy_from=_draft_table(unique_ticket=False)) as batch:
            batch.add_column(sa.Column("kind", AutoString(length=8), nullable=False, server_default="ack"))
            batch.add_column(sa.Column("statement_id", sa.Integer(), sa.ForeignKey("statement.id",
                                                                                   name="fk_draft_statement_id"),
                                       nullable=True))
    else:
        op.drop_constraint("draft_ticket_id_key", "draft", type_="unique")
        op.add_column("draft", sa.Column("kind", AutoString(length=8), nullable=False, server_default="ack"))
        op.add_column("draft", sa.Column("statement_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_draft_statement_id", "draft", "statement", ["statement_id"], ["id"])
    with op.batch_alter_table("draft") as batch:
        batch.alter_column("kind", server_default=None)
    op.create_index("ix_draft_ticket_id", "draft", ["ticket_id"])
    op.create_index("ix_draft_statement_id", "draft", ["statement_id"])
    op.create_index("uq_draft_ack_per_ticket", "draft", ["ticket_id"], unique=True,
                    sqlite_where=_ACK_ONLY, postgresql_where=_ACK_ONLY)
    op.create_index("uq_draft_reply_per_statement", "draft", ["ticket_id", "statement_id"], unique=True,
                    sqlite_where=_REPLY_ONLY, postgresql_where=_REPLY_ONLY)


def _undo_draft_kinds() -> None:
    """Replies go (a ticket had one draft before this revision); acknowledgements stay."""
    op.execute("DELETE FROM draft WHERE kind <> 'ack'")
    for name in ("uq_draft_reply_per_statement", "uq_draft_ack_per_ticket", "ix_draft_statement_id",
                 "ix_draft_ticket_id"):
        op.drop_index(name, table_name="draft")
    if op.get_bind().dialect.name == "sqlite":
        # Rebuilt from 0009's definition (its unnamed unique ticket_id included) plus the two
        # columns, which the rebuild then leaves out.
        current = _draft_table(unique_ticket=True)
        current.append_column(sa.Column("kind", AutoString(length=8), nullable=False))
        current.append_column(sa.Column("statement_id", sa.Integer(), nullable=True))
        with op.batch_alter_table("draft", recreate="always", copy_from=current) as batch:
            batch.drop_column("kind")
            batch.drop_column("statement_id")
    else:
        op.drop_constraint("fk_draft_statement_id", "draft", type_="foreignkey")
        op.drop_column("draft", "statement_id")
        op.drop_column("draft", "kind")
        op.create_unique_constraint("draft_ticket_id_key", "draft", ["ticket_id"])


def downgrade() -> None:
    _undo_draft_kinds()
    op.drop_index("ix_statement_version_statement_id", table_name="statement_version")
    op.drop_table("statement_version")
    op.drop_index("ix_statement_status", table_name="statement")
    op.drop_table("statement")
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
