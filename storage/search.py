"""Full-text search over inbound mail (subject, body, sender): FTS5 on SQLite, tsvector on PostgreSQL.

One document per inbound message, written once when the message is stored and never
rewritten: a reply costs the index its own words, not the whole thread's again. A ticket
matches a query when every word of it is in one of the ticket's messages, so search follows a
merge (the moved messages name their new ticket) with nothing to re-index.

The documents are built in SQL from the stored rows (``DOCUMENT_SQL``), by the pipeline and the
CLI benchmark alike; a change to them needs a migration that rebuilds the stored ones.
"""

from __future__ import annotations

import re

from sqlalchemy import Integer, column, text
from sqlmodel import Session

MAX_DOCUMENT_CHARS = 50_000
_WORD_RE = re.compile(r"\w+", re.UNICODE)

# The tables are made by migration 0005. SQLite's is contentless (the text lives in
# ``message``) and keeps no positions (no phrase queries are asked): the index stores only which
# documents hold each word.
_SENDER = "trim(coalesce(m.from_email, '') || ' ' || coalesce(m.from_name, ''))"
DOCUMENT_SQL = {
    "sqlite": ("INSERT INTO message_fts (rowid, document) SELECT m.id, coalesce(m.subject, '') || char(10) || "
               f"substr(coalesce(m.body_text, ''), 1, {MAX_DOCUMENT_CHARS}) || char(10) || {_SENDER} "
               "FROM message m WHERE m.direction = 'in' AND {where}"),
    # The sender's address also split at "@" and ".", so that "ledger" finds jo@ledger.example.
    "postgresql": ("INSERT INTO message_search (message_id, document) SELECT m.id, "
                   "setweight(to_tsvector('simple', coalesce(m.subject, '')), 'A') || "
                   f"to_tsvector('simple', left(coalesce(m.body_text, ''), {MAX_DOCUMENT_CHARS})) || "
                   f"to_tsvector('simple', replace(replace({_SENDER}, '@', ' '), '.', ' ') || ' ' || {_SENDER}) "
                   "FROM message m WHERE m.direction = 'in' AND {where} ON CONFLICT (message_id) DO NOTHING"),
}


def index_messages(session: Session, message_ids: list[int]) -> None:
    """Write the search documents of these stored (flushed) messages; the caller commits."""
    if not message_ids:
        return
    dialect = session.get_bind().dialect.name
    where = "m.id IN ({})".format(", ".join(str(int(i)) for i in message_ids))
    session.execute(text(DOCUMENT_SQL[dialect].format(where=where)))


def matching_ticket_ids(session: Session, query: str):
    """A SQL selectable of the (distinct) ids of tickets whose messages hold every word of ``query``."""
    words = _WORD_RE.findall(query)
    if not words:
        return text("SELECT id FROM ticket WHERE 1 = 0").columns(column("id", Integer))
    if session.get_bind().dialect.name == "sqlite":
        # Each word quoted: user text can never be FTS5 syntax. A trailing * lets "accredit" find
        # "accreditation".
        one = ("SELECT m.ticket_id AS id FROM message_fts JOIN message m ON m.id = message_fts.rowid "
               "WHERE message_fts MATCH :q{i}")
        params = {f"q{i}": f'"{w}"*' for i, w in enumerate(words)}
    else:
        one = ("SELECT m.ticket_id AS id FROM message_search s JOIN message m ON m.id = s.message_id "
               "WHERE s.document @@ to_tsquery('simple', :q{i})")
        params = {f"q{i}": f"{w}:*" for i, w in enumerate(words)}
    # Word by word, then the tickets that have them all (the words may be in different messages).
    sql = " INTERSECT ".join(one.format(i=i) for i in range(len(words)))
    if len(words) == 1:
        sql = sql.replace("SELECT m.ticket_id", "SELECT DISTINCT m.ticket_id", 1)
    return text(sql).bindparams(**params).columns(column("id", Integer))
