"""Each send attempt has an identity: a token and a lease on the draft (issue 17).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Drafts already `sending` keep a NULL token and lease: worker/sending.py then reckons the
    # lease from send_started_at.
    op.add_column("draft", sa.Column("send_token", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    op.add_column("draft", sa.Column("send_lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("draft") as batch:  # SQLite drops columns by rebuilding the table
        batch.drop_column("send_lease_until")
        batch.drop_column("send_token")
