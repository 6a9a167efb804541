"""Search folds Arabic and accents: every stored search document is written again, folded as
storage/search.py now folds documents and queries (one alef, taa marbuta as haa, alef maqsura
as yaa, no harakat or tatweel, no article ال or وال/فال/بال/كال/لل; Latin accents off, which
PostgreSQL's `simple` configuration did not do). Mail stored before is found as new mail is.

Rebuilding reads every inbound message once (about 1 ms of CPU for a 26 KB Arabic letter, a
few seconds per 10,000 messages on SQLite, to_tsvector's own time more on PostgreSQL).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""
import re

from alembic import op
from sqlalchemy import text

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The fold of this revision (a migration keeps its own copy: storage/search.py may change later,
# this step must not; tests/test_search_folding.py holds the two equal today).
_LATIN_FROM = ("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪ"
               "īĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžøØđĐłŁ")
_LATIN_TO = ("AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIi"
             "IiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzoOdDlL")
_ARABIC_FROM = "أإآٱةى٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_ARABIC_TO = "ااااهي01234567890123456789"
_ARABIC_DROP = ("\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a"
                + "".join(map(chr, range(0x064B, 0x0660))) + "\u0670"
                + "".join(map(chr, range(0x06D6, 0x06EE))) + "\u0640")
_PAIRS = (*zip(_LATIN_FROM, _LATIN_TO), *zip(_ARABIC_FROM, _ARABIC_TO), *((ch, "") for ch in _ARABIC_DROP))
_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
_ARTICLE_RE = re.compile(f"(?<![{_LETTERS}])(?:[وفبك]?ال|لل)(?=[{_LETTERS}][{_LETTERS}])")


def fold(value: str) -> str:
    if value.isascii():
        return value
    for old, new in _PAIRS:
        if old in value:
            value = value.replace(old, new)
    if "ال" in value or "لل" in value:
        value = _ARTICLE_RE.sub("", value)
    return value


_ROWS = ("SELECT m.id, m.subject, m.body_text, m.from_email, m.from_name FROM message m "
         "WHERE m.direction = 'in' AND m.id > :after ORDER BY m.id LIMIT 1000")
_INSERT = {
    "sqlite": "INSERT INTO message_fts (rowid, document) VALUES (:id, :document)",
    "postgresql": ("INSERT INTO message_search (message_id, document) VALUES (:id, "
                   "setweight(to_tsvector('simple', :subject), 'A') || to_tsvector('simple', :body) || "
                   "to_tsvector('simple', :sender))"),
}


def _params(dialect: str, row) -> dict:
    message_id, subject, body, from_email, from_name = row
    subject, body = subject or "", (body or "")[:50_000]
    sender = f"{from_email or ''} {from_name or ''}".strip()
    if dialect == "sqlite":
        return {"id": message_id, "document": fold(f"{subject}\n{body}\n{sender}")}
    split = sender.replace("@", " ").replace(".", " ")
    return {"id": message_id, "subject": fold(subject), "body": fold(body), "sender": fold(f"{split} {sender}")}


def _clear(dialect: str) -> None:
    # A contentless FTS5 table forgets everything with its 'delete-all' command.
    op.execute("INSERT INTO message_fts (message_fts) VALUES ('delete-all')" if dialect == "sqlite"
               else "DELETE FROM message_search")


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    _clear(dialect)
    after = 0
    while rows := bind.execute(text(_ROWS), {"after": after}).all():
        bind.execute(text(_INSERT[dialect]), [_params(dialect, row) for row in rows])
        after = rows[-1][0]


# 0005's documents, unfolded, for a downgrade.
_SENDER = "trim(coalesce(m.from_email, '') || ' ' || coalesce(m.from_name, ''))"
_UNFOLDED = {
    "sqlite": ("INSERT INTO message_fts (rowid, document) SELECT m.id, coalesce(m.subject, '') || char(10) || "
               f"substr(coalesce(m.body_text, ''), 1, 50000) || char(10) || {_SENDER} "
               "FROM message m WHERE m.direction = 'in'"),
    "postgresql": ("INSERT INTO message_search (message_id, document) SELECT m.id, "
                   "setweight(to_tsvector('simple', coalesce(m.subject, '')), 'A') || "
                   "to_tsvector('simple', left(coalesce(m.body_text, ''), 50000)) || "
                   f"to_tsvector('simple', replace(replace({_SENDER}, '@', ' '), '.', ' ') || ' ' || {_SENDER}) "
                   "FROM message m WHERE m.direction = 'in'"),
}


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _clear(dialect)
    op.execute(_UNFOLDED[dialect])
