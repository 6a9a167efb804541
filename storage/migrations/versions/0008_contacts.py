"""Contacts and outlets: contact, contact_address, outlet, outlet_domain, ticket.contact_id; loads
the outlet registry shipped with mediadesk (worker/contacts/outlets.csv).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
import csv
import io
from datetime import datetime, timezone
from importlib import resources

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# SQLite cannot add a foreign key to an existing table except inline with a new column.
_SQLITE_ADD_CONTACT_ID = "ALTER TABLE ticket ADD COLUMN contact_id INTEGER REFERENCES contact (id)"


def _shipped_registry() -> list[dict]:
    """The registry CSV as it ships with this version (read as data: storage imports no code of ours)."""
    text = resources.files("mediadesk.worker.contacts").joinpath("outlets.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def upgrade() -> None:
    outlet = op.create_table(
        "outlet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    outlet_domain = op.create_table(
        "outlet_domain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("outlet_id", sa.Integer(), sa.ForeignKey("outlet.id"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("domain"),
    )
    op.create_index("ix_outlet_domain_outlet_id", "outlet_domain", ["outlet_id"])
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("outlet_id", sa.Integer(), sa.ForeignKey("outlet.id"), nullable=True),
        sa.Column("outlet_via", sa.String(length=16), nullable=True),
        sa.Column("role", sa.String(length=255), nullable=True),
        sa.Column("phone", sa.String(length=64), nullable=True),
        sa.Column("languages", sa.String(length=64), nullable=False),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_contact_outlet_id", "contact", ["outlet_id"])
    op.create_index("ix_contact_last_seen", "contact", ["last_seen"])
    op.create_table(
        "contact_address",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contact.id"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_index("ix_contact_address_contact_id", "contact_address", ["contact_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE_ADD_CONTACT_ID)
    else:
        op.add_column("ticket", sa.Column("contact_id", sa.Integer(), nullable=True))
        op.create_foreign_key("ticket_contact_id_fkey", "ticket", "contact", ["contact_id"], ["id"])
    op.create_index("ix_ticket_contact_id", "ticket", ["contact_id"])
    _load_shipped_registry(outlet, outlet_domain)


def _load_shipped_registry(outlet: sa.Table, outlet_domain: sa.Table) -> None:
    now = datetime.now(timezone.utc)
    rows = _shipped_registry()
    op.bulk_insert(outlet, [
        {"id": i, "name": row["name"], "aliases": row.get("aliases") or "", "country": row.get("country") or None,
         "kind": row.get("kind") or "other", "tier": int(row.get("tier") or 3), "source": "shipped",
         "created_at": now, "updated_at": now}
        for i, row in enumerate(rows, start=1)
    ])
    seen: set[str] = set()
    domains = []
    for i, row in enumerate(rows, start=1):
        for domain in (row.get("domains") or "").split():
            if domain.lower() not in seen:
                seen.add(domain.lower())
                domains.append({"domain": domain.lower(), "outlet_id": i})
    op.bulk_insert(outlet_domain, domains)
    if op.get_bind().dialect.name == "postgresql":  # ids given explicitly: move the sequence past them
        op.execute("SELECT setval(pg_get_serial_sequence('outlet', 'id'), (SELECT max(id) FROM outlet))")


def downgrade() -> None:
    op.drop_index("ix_ticket_contact_id", table_name="ticket")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_drop_contact_id()
    else:
        op.drop_constraint("ticket_contact_id_fkey", "ticket", type_="foreignkey")
        op.drop_column("ticket", "contact_id")
    op.drop_index("ix_contact_address_contact_id", table_name="contact_address")
    op.drop_table("contact_address")
    op.drop_index("ix_contact_last_seen", table_name="contact")
    op.drop_index("ix_contact_outlet_id", table_name="contact")
    op.drop_table("contact")
    op.drop_index("ix_outlet_domain_outlet_id", table_name="outlet_domain")
    op.drop_table("outlet_domain")
    op.drop_table("outlet")


def _sqlite_drop_contact_id() -> None:
    """SQLite drops a column with a foreign key only by rebuilding the table (batch mode), and
    rebuilding ``ticket`` deletes it first, which every message, event and draft refers to:
    foreign keys must be off, and that PRAGMA is ignored inside a transaction. So the rebuild
    runs between the migration's transaction and a new one (a downgrade is not atomic here)."""
    dbapi = op.get_bind().connection.dbapi_connection
    dbapi.execute("COMMIT")
    dbapi.execute("PRAGMA foreign_keys=OFF")
    dbapi.execute("BEGIN IMMEDIATE")
    try:
        with op.batch_alter_table("ticket", recreate="always") as batch:
            batch.drop_column("contact_id")
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
