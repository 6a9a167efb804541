"""Full-text search over inbound mail (subject, body, sender): FTS5 on SQLite, tsvector on PostgreSQL.

One document per inbound message, written once when the message is stored and never
rewritten: a reply costs the index its own words, not the whole thread's again. A ticket
matches a query when every word of it is in one of the ticket's messages, so search follows a
merge (the moved messages name their new ticket) with nothing to re-index.

Documents and queries are folded alike by ``fold`` before either database sees them, so search
reads words as a press officer types them: accents off (``accreditation`` finds
``Accréditation``), and Arabic as it is searched (``ابحاث`` finds ``أبحاث``, ``تقرير`` finds
``التقرير``). The same function serves both databases, so SQLite and PostgreSQL find the same
tickets. A change to ``fold`` or to the documents needs a migration that rebuilds the stored
ones (0011 did it for this one).
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from sqlalchemy import Integer, column, text
from sqlmodel import Session

MAX_DOCUMENT_CHARS = 50_000
_WORD_RE = re.compile(r"\w+", re.UNICODE)

# --------------------------------------------------------------------------- folding
# Latin letters with a diacritic (Latin-1 Supplement, Latin Extended-A) → the base letter: what
# SQLite's tokenizer (remove_diacritics 2) does, done here so that PostgreSQL's `simple`
# configuration, which keeps accents, finds the same words.
_LATIN_FROM = ("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪ"
               "īĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžøØđĐłŁ")
_LATIN_TO = ("AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIi"
             "IiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzoOdDlL")
# Arabic: one alef for its hamza and madda forms and alef wasla; taa marbuta as haa; alef maqsura
# as yaa; Arabic-Indic and Persian digits as digits; harakat, Quranic marks and tatweel dropped.
_ARABIC_FROM = "أإآٱةى٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_ARABIC_TO = "ااااهي01234567890123456789"
_ARABIC_DROP = ("\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a"
                + "".join(map(chr, range(0x064B, 0x0660))) + "\u0670"
                + "".join(map(chr, range(0x06D6, 0x06EE))) + "\u0640")
FOLD_PAIRS: tuple[tuple[str, str], ...] = (*zip(_LATIN_FROM, _LATIN_TO), *zip(_ARABIC_FROM, _ARABIC_TO),
                                           *((ch, "") for ch in _ARABIC_DROP))
# The article (ال) and the particles that take it (وال فال بال كال, and لل for ل + ال) at the start
# of an Arabic word, when two letters or more remain: تقرير finds التقرير, والتقرير, للتقرير.
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
ARTICLE_PATTERN = f"(?<![{ARABIC_LETTERS}])(?:[وفبك]?ال|لل)(?=[{ARABIC_LETTERS}][{ARABIC_LETTERS}])"
_ARTICLE_RE = re.compile(ARTICLE_PATTERN)


def _by_lead_byte(pairs) -> dict[bytes, tuple[tuple[str, str], ...]]:
    groups: dict[bytes, list[tuple[str, str]]] = {}
    for old, new in pairs:
        groups.setdefault(old.encode()[:1], []).append((old, new))
    return {lead: tuple(group) for lead, group in groups.items()}


# Grouped by the first byte of their UTF-8 form: one scan of the encoded text for each group
# says whether any of its characters can be there (French text skips the Arabic ones, Arabic
# text the Latin ones), so folding costs a scan per character that may occur, not per table row.
_GROUPS = _by_lead_byte(FOLD_PAIRS)


def fold(value: str) -> str:
    """The text as search compares it: Latin accents off, Arabic normalised (see the module
    docstring). Case is left to the databases, which both fold it."""
    if value.isascii():
        return value
    encoded = value.encode("utf-8", "surrogatepass")
    for lead, pairs in _GROUPS.items():
        if lead in encoded:
            for old, new in pairs:
                if old in value:
                    value = value.replace(old, new)
    if "ال" in value or "لل" in value:
        value = _ARTICLE_RE.sub("", value)
    return value


# --------------------------------------------------------------------------- documents
# The tables are made by migration 0005. SQLite's is contentless (the text lives in
# ``message``) and keeps no positions (no phrase queries are asked): the index stores only which
# documents hold each word.
_ROWS_SQL = ("SELECT m.id, m.subject, m.body_text, m.from_email, m.from_name FROM message m "
             "WHERE m.direction = 'in' AND {where} ORDER BY m.id")
_INSERT_SQL = {
    "sqlite": "INSERT INTO message_fts (rowid, document) VALUES (:id, :document)",
    # The subject weighs more; the sender's address also split at "@" and ".", so that "ledger"
    # finds jo@ledger.example.
    "postgresql": ("INSERT INTO message_search (message_id, document) VALUES (:id, "
                   "setweight(to_tsvector('simple', :subject), 'A') || to_tsvector('simple', :body) || "
                   "to_tsvector('simple', :sender)) ON CONFLICT (message_id) DO NOTHING"),
}

Row = Sequence  # (id, subject, body_text, from_email, from_name)


def document_params(dialect: str, row: Row) -> dict:
    """The bound values of one message's search document, folded."""
    message_id, subject, body, from_email, from_name = row
    subject, body = subject or "", (body or "")[:MAX_DOCUMENT_CHARS]
    sender = f"{from_email or ''} {from_name or ''}".strip()
    if dialect == "sqlite":
        return {"id": message_id, "document": fold(f"{subject}\n{body}\n{sender}")}
    split = sender.replace("@", " ").replace(".", " ")
    return {"id": message_id, "subject": fold(subject), "body": fold(body), "sender": fold(f"{split} {sender}")}


def write_documents(connection, rows: Iterable[Row]) -> int:
    """Index these inbound messages' rows (``connection``: a Session or a Connection); the caller commits."""
    dialect = connection.get_bind().dialect.name if isinstance(connection, Session) else connection.dialect.name
    params = [document_params(dialect, row) for row in rows]
    if params:
        connection.execute(text(_INSERT_SQL[dialect]), params)
    return len(params)


def index_messages(session: Session, message_ids: list[int]) -> None:
    """Write the search documents of these stored (flushed) messages; the caller commits."""
    if message_ids:
        index_where(session, "m.id IN ({})".format(", ".join(str(int(i)) for i in message_ids)))


def index_where(connection, where: str, *, chunk: int = 1000) -> int:
    """Index the inbound messages matching the SQL condition ``where`` (on ``message m``), a
    chunk of rows at a time (the CLI benchmark and migrations load many at once)."""
    done, after = 0, 0
    while True:
        rows = connection.execute(text(_ROWS_SQL.format(where=f"({where}) AND m.id > :after") + " LIMIT :n"),
                                  {"after": after, "n": chunk}).all()
        if not rows:
            return done
        done += write_documents(connection, rows)
        after = rows[-1][0]


# --------------------------------------------------------------------------- queries


def query_words(query: str) -> list[str]:
    """The words of a search, folded as the documents are."""
    return _WORD_RE.findall(fold(query))


def matching_ticket_ids(session: Session, query: str):
    """A SQL selectable of the (distinct) ids of tickets whose messages hold every word of ``query``."""
    words = query_words(query)
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
