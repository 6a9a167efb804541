"""Index of the Message-IDs each inbound message refers to (threading without table scans).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MAX_REFS = 50


def upgrade() -> None:
    table = op.create_table(
        "message_reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), sa.ForeignKey("message.id"), nullable=False),
        sa.Column("ref", sa.String(length=998), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_message_reference_message_id", "message_reference", ["message_id"])
    op.create_index("ix_message_reference_ref", "message_reference", ["ref"])
    # Backfill from the headers already stored on inbound messages.
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, in_reply_to, \"references\" FROM message WHERE direction = 'in'"))
    batch = []
    for message_id, in_reply_to, references in rows:
        refs = [in_reply_to, *(references or "").split()]
        for ref in list(dict.fromkeys(r for r in refs if r))[:MAX_REFS]:
            batch.append({"message_id": message_id, "ref": ref[:998]})
    if batch:
        op.bulk_insert(table, batch)


def downgrade() -> None:
    op.drop_index("ix_message_reference_ref", table_name="message_reference")
    op.drop_index("ix_message_reference_message_id", table_name="message_reference")
    op.drop_table("message_reference")
