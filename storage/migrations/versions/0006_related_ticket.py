"""A ticket may be related to another: a reply from outside a ticket's conversation opens a
ticket of its own that names the one it answered.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No foreign key: SQLite can add one only by copying the ticket table, which the messages'
    # own references to it forbid; the column is a hint for `show`, checked when it is read.
    op.add_column("ticket", sa.Column("related_ticket_id", sa.Integer(), nullable=True))
    op.create_index("ix_ticket_related_ticket_id", "ticket", ["related_ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_related_ticket_id", table_name="ticket")
    op.drop_column("ticket", "related_ticket_id")
