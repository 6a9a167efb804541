"""Full-text search over tickets (subject, bodies, sender): FTS5 on SQLite, tsvector on PostgreSQL.

The index holds one document per ticket, rewritten when a message lands on it.
"""

from __future__ import annotations

import re

from sqlalchemy import Integer, column, text
from sqlmodel import Session

MAX_DOCUMENT_CHARS = 50_000
_WORD_RE = re.compile(r"\w+", re.UNICODE)


DEFERRED = "mediadesk_deferred_index"
_SQLITE_DELETE = text("DELETE FROM ticket_fts WHERE rowid = :id")
_SQLITE_INSERT = text("INSERT INTO ticket_fts (rowid, subject, body, sender) VALUES (:id, :s, :b, :f)")
_PG_UPSERT = text(
    "INSERT INTO ticket_search (ticket_id, document) VALUES (:id, "
    "setweight(to_tsvector('simple', :s), 'A') || to_tsvector('simple', :b) || to_tsvector('simple', :f)) "
    "ON CONFLICT (ticket_id) DO UPDATE SET document = EXCLUDED.document")


def index_ticket(session: Session, *, ticket_id: int, subject: str, body: str, sender: str) -> None:
    """(Re)write the search document of one ticket; the caller commits.

    In a batch (``session.info[DEFERRED]`` is a dict) the last document of each ticket is
    kept and written once, in bulk, by ``write_deferred``.
    """
    row = {"id": ticket_id, "s": subject, "b": body[:MAX_DOCUMENT_CHARS], "f": sender}
    pending = session.info.get(DEFERRED)
    if pending is not None:
        pending[ticket_id] = row
    else:
        _write(session, [row])


def deferred_document(session: Session, ticket_id: int) -> dict | None:
    """The document of ``ticket_id`` waiting to be written in this batch, if any."""
    return (session.info.get(DEFERRED) or {}).get(ticket_id)


def write_deferred(session: Session) -> None:
    pending = session.info.pop(DEFERRED, None)
    if pending:
        _write(session, list(pending.values()))


def _write(session: Session, rows: list[dict]) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(_SQLITE_DELETE, [{"id": r["id"]} for r in rows])
        session.execute(_SQLITE_INSERT, rows)
    else:
        session.execute(_PG_UPSERT, [{**r, "f": r["f"].replace("@", " ").replace(".", " ") + " " + r["f"]} for r in rows])


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
