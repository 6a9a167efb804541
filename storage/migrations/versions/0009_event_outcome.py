"""Audit events say what came of them as data (``outcome``), so metrics need not read the notes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# How send events were worded before this revision (worker/sending.py then): a migration keeps
# its own copy.
_SEND_NOTES = (
    ("sent", "acknowledgement sent%"),
    ("sent", "acknowledgement confirmed delivered%"),
    ("deferred", "send deferred%"),
    ("failed", "send failed%"),
    ("uncertain", "send outcome uncertain%"),
)


def upgrade() -> None:
    op.add_column("ticket_event", sa.Column("outcome", sa.String(length=16), nullable=True))
    op.create_index("ix_ticket_event_outcome", "ticket_event", ["outcome"])
    for outcome, pattern in _SEND_NOTES:
        op.execute(sa.text("UPDATE ticket_event SET outcome = :outcome WHERE kind = 'send' AND outcome IS NULL "
                           "AND note LIKE :pattern").bindparams(outcome=outcome, pattern=pattern))
    op.execute(sa.text("UPDATE ticket_event SET outcome = 'late' WHERE kind = 'send' "
                       "AND note LIKE '%reported after the draft moved on%'"))


def downgrade() -> None:
    op.drop_index("ix_ticket_event_outcome", table_name="ticket_event")
    op.drop_column("ticket_event", "outcome")
