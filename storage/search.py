"""Full-text search over tickets (subject, bodies, sender): FTS5 on SQLite, tsvector on PostgreSQL.

The index holds one document per ticket, rewritten when a message lands on it.
"""

from __future__ import annotations

import re

from sqlalchemy import Integer, column, text
from sqlmodel import Session

MAX_DOCUMENT_CHARS = 50_000
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def index_ticket(session: Session, *, ticket_id: int, subject: str, body: str, sender: str) -> None:
    """(Re)write the search document of one ticket; the caller commits."""
    body = body[:MAX_DOCUMENT_CHARS]
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DELETE FROM ticket_fts WHERE rowid = :id"), {"id": ticket_id})
        session.execute(text("INSERT INTO ticket_fts (rowid, subject, body, sender) VALUES (:id, :s, :b, :f)"),
                        {"id": ticket_id, "s": subject, "b": body, "f": sender})
    else:
        session.execute(text(
            "INSERT INTO ticket_search (ticket_id, document) VALUES (:id, "
            "setweight(to_tsvector('simple', :s), 'A') || to_tsvector('simple', :b) || to_tsvector('simple', :f)) "
            "ON CONFLICT (ticket_id) DO UPDATE SET document = EXCLUDED.document"),
            {"id": ticket_id, "s": subject, "b": body, "f": sender.replace("@", " ").replace(".", " ") + " " + sender})


def matching_ticket_ids(session: Session, query: str):
    """A SQL selectable of ticket ids whose document has every word of ``query``."""
    words = _WORD_RE.findall(query)
    if not words:
        return text("SELECT id FROM ticket WHERE 1 = 0").columns(column("id", Integer))
    if session.get_bind().dialect.name == "sqlite":
        # Each word quoted: user text can never be FTS5 syntax. A trailing * lets "accredit" find
        # "accreditation".
        match = " ".join(f'"{w}"*' for w in words)
        return text("SELECT rowid AS id FROM ticket_fts WHERE ticket_fts MATCH :q").bindparams(q=match).columns(
            column("id", Integer))
    return text("SELECT ticket_id AS id FROM ticket_search WHERE document @@ to_tsquery('simple', :q)").bindparams(
        q=" & ".join(f"{w}:*" for w in words)).columns(column("id", Integer))
