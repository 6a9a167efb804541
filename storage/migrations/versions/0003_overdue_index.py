"""Index for `list --overdue` and the SLA sweep.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ticket_overdue_status", "ticket", ["overdue", "status"])


def downgrade() -> None:
    op.drop_index("ix_ticket_overdue_status", table_name="ticket")
