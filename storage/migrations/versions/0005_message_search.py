"""Full-text search: one document per inbound message, written once, instead of one per ticket
rewritten on every reply (SQLite: contentless FTS5 without positions).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# What storage/search.py writes as of this revision (a migration keeps its own copy: the module
# may change later, this step must not). SQLite's table is contentless and keeps no positions.
_SENDER = "trim(coalesce(m.from_email, '') || ' ' || coalesce(m.from_name, ''))"
_SQLITE_TABLE = ("CREATE VIRTUAL TABLE message_fts USING fts5(document, content='', detail=none, "
                 "tokenize = 'unicode61 remove_diacritics 2')")
_SQLITE_DOCUMENTS = ("INSERT INTO message_fts (rowid, document) SELECT m.id, coalesce(m.subject, '') || char(10) || "
                     f"substr(coalesce(m.body_text, ''), 1, 50000) || char(10) || {_SENDER} "
                     "FROM message m WHERE m.direction = 'in'")
_PG_DOCUMENTS = ("INSERT INTO message_search (message_id, document) SELECT m.id, "
                 "setweight(to_tsvector('simple', coalesce(m.subject, '')), 'A') || "
                 "to_tsvector('simple', left(coalesce(m.body_text, ''), 50000)) || "
                 f"to_tsvector('simple', replace(replace({_SENDER}, '@', ' '), '.', ' ') || ' ' || {_SENDER}) "
                 "FROM message m WHERE m.direction = 'in'")
# The per-ticket documents of 0002, for a downgrade.
_TICKET_SENDER = "trim(coalesce(t.requester_email, '') || ' ' || coalesce(t.requester_name, ''))"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE_TABLE)
        op.execute(_SQLITE_DOCUMENTS)
        op.execute("DROP TABLE ticket_fts")
    else:
        op.execute("CREATE TABLE message_search (message_id INTEGER PRIMARY KEY REFERENCES message(id) "
                   "ON DELETE CASCADE, document tsvector NOT NULL)")
        op.execute(_PG_DOCUMENTS)
        op.execute("CREATE INDEX ix_message_search_document ON message_search USING GIN (document)")
        # The documents live out of line (TOAST), which the planner does not price: it took a
        # parallel scan of the whole table (0.3 s on 100k tickets) over the GIN index (8 ms) for
        # a rare word. A serial scan it prices high enough to use the index.
        op.execute("ALTER TABLE message_search SET (parallel_workers = 0)")
        op.execute("DROP TABLE ticket_search")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE ticket_fts USING fts5(subject, body, sender, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO ticket_fts (rowid, subject, body, sender) SELECT t.id, t.subject, "
                   "substr(group_concat(m.body_text, char(10)), 1, 50000), " + _TICKET_SENDER +
                   " FROM ticket t JOIN message m ON m.ticket_id = t.id AND m.direction = 'in' GROUP BY t.id")
        op.execute("DROP TABLE message_fts")
    else:
        op.execute("CREATE TABLE ticket_search (ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id) "
                   "ON DELETE CASCADE, document tsvector NOT NULL)")
        op.execute("INSERT INTO ticket_search (ticket_id, document) SELECT t.id, "
                   "setweight(to_tsvector('simple', t.subject), 'A') || "
                   "to_tsvector('simple', left(string_agg(m.body_text, E'\\n' ORDER BY m.id), 50000)) || "
                   f"to_tsvector('simple', replace(replace({_TICKET_SENDER}, '@', ' '), '.', ' ') || ' ' || "
                   f"{_TICKET_SENDER}) FROM ticket t JOIN message m ON m.ticket_id = t.id AND m.direction = 'in' "
                   "GROUP BY t.id")
        op.execute("CREATE INDEX ix_ticket_search_document ON ticket_search USING GIN (document)")
        op.execute("DROP TABLE message_search")
