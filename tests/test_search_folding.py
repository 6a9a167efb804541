"""Search reads Arabic and accents as people type them, on SQLite and PostgreSQL alike: the
documents and the query are folded by one function (storage/search.py ``fold``), and migration
0011 writes the documents of mail stored before it again."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import make_engine, session_scope, upgrade
from mediadesk.storage.models import Ticket
from mediadesk.storage.search import fold, matching_ticket_ids
from mediadesk.worker import pipeline

MIGRATION = Path(__file__).resolve().parents[1] / "storage" / "migrations" / "versions" / "0011_search_folding.py"


def eml(subject: str, body: str, sender: str, msgid: str) -> bytes:
    return "\r\n".join([f"From: {sender}", "To: media@gims.example", f"Subject: {subject}",
                        "Date: Tue, 24 Nov 2026 10:00:00 +0300", f"Message-ID: {msgid}", "MIME-Version: 1.0",
                        "Content-Type: text/plain; charset=utf-8", "", body]).encode()


LETTERS = [
    ("أبحاث المركز", "نود الاطلاع على التقرير السنوي حول الإعلامية الجديدة للمؤتمر.", "Samar <samar@sawt.example>"),
    ("Accréditation presse", "Je souhaite couvrir le forum de l'Éducation.", "Luc <luc@hebdo.example>"),
    ("طلب مقابلة", "نرغب في مُقابَلة المتحدّث الرسمي بشأن الدراسة والمكتبة", "Omar <omar@alufuq.example>"),
    ("Photos", "High-resolution images please", "Jo <jo@ledger.example>"),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.db'}"
    return request.getfixturevalue("pg_url")


def _store(url, tmp_path, *, ingest=True) -> list[str]:
    settings = load_settings(database_url=url, data_dir=tmp_path / "data")
    engine = make_engine(url)
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=eml(s, b, f, f"<l{i}@x.example>"))
                                                 for i, (s, b, f) in enumerate(LETTERS)], mailbox="t", source="test")
    if ingest:
        for inbound_id in ids:
            pipeline.ingest(engine, inbound_id, settings)
    with Session(engine) as session:
        refs = list(session.exec(select(Ticket.ref).order_by(Ticket.id)).all())
    engine.dispose()
    return refs


def _found(url, query) -> list[str]:
    engine = make_engine(url)
    with Session(engine) as session:
        refs = session.exec(select(Ticket.ref).where(Ticket.id.in_(matching_ticket_ids(session, query)))
                            .order_by(Ticket.id)).all()
    engine.dispose()
    return list(refs)


def test_fold_reads_arabic_as_it_is_searched():
    assert fold("أبحاث") == fold("ابحاث") == "ابحاث"  # hamza forms of alef, madda, wasla: one alef
    assert fold("الإعلامية") == fold("الاعلامية") == "اعلاميه"  # taa marbuta as haa, article off
    assert fold("التقرير") == fold("تقرير") == fold("والتقرير") == fold("بالتقرير") == "تقرير"
    assert fold("للصحافة") == "صحافه" and fold("فالمؤتمر") == fold("كالمؤتمر") == "مؤتمر"
    assert fold("مُقابَلة المتحدّث") == "مقابله متحدث"  # harakat and shadda off
    assert fold("العـــربية") == "عربيه" and fold("مستشفى") == "مستشفي"  # tatweel; alef maqsura as yaa
    assert fold("٢٠٢٦ ۲۰۲۶") == "2026 2026"
    assert fold("الف ال الم") == "الف ال الم"  # the article leaves two letters or more, never fewer
    assert fold("فيلم") == "فيلم" and fold("بلاد") == "بلاد"  # a word that merely begins with ف or ب
    assert fold("Accréditation ÉLYSÉE naïve Łódź") == "Accreditation ELYSEE naive Lodz"
    assert fold("plain ascii") == "plain ascii"


def test_the_migration_keeps_the_same_fold():
    spec = importlib.util.spec_from_file_location("m0011", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    samples = [s + " " + b + " " + f for s, b, f in LETTERS] + ["والإعلامية للمؤتمرات ٱلكتاب ۱۲ Ørsted čeština"]
    assert [module.fold(s) for s in samples] == [fold(s) for s in samples]


def test_search_finds_arabic_and_french_as_typed(url, tmp_path):
    upgrade(url)
    ar, fr, ar2, en = _store(url, tmp_path)
    assert _found(url, "ابحاث") == _found(url, "أبحاث") == [ar]
    assert _found(url, "الاعلامية") == _found(url, "الإعلامية") == [ar]
    assert _found(url, "تقرير") == _found(url, "التقرير") == [ar]
    assert _found(url, "مقابلة") == _found(url, "مُقابَلة") == [ar2]  # harakat in the mail or the query
    assert _found(url, "متحدث رسمي") == [ar2]  # several words, each folded
    assert _found(url, "مكتبه") == _found(url, "بالمكتبة") == [ar2]
    assert _found(url, "accreditation") == _found(url, "ACCRÉDITATION") == [fr]  # PostgreSQL too now
    assert _found(url, "education") == [fr]
    assert _found(url, "ledger") == [en] and _found(url, "images") == [en]
    assert _found(url, "ال") == []  # the article alone is no word to find everything with
    assert _found(url, 'x" OR * NEAR(') == []


def test_upgrade_folds_the_documents_of_mail_stored_before(url, tmp_path):
    """Mail indexed by 0005's unfolded documents is found after 0011 as new mail is; a
    downgrade writes the unfolded documents again."""
    from alembic import command

    from mediadesk.storage.db import alembic_config

    upgrade(url, "0010")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (id, ref, mailbox, subject, status, needs_review, priority_rank, "
                          "overdue, created_at, updated_at, last_message_at) VALUES (1, 'MR-1', '', 's', 'new', "
                          "false, 2, false, '2026-11-24 10:00:00', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
        conn.execute(text("INSERT INTO message (id, ticket_id, direction, from_email, subject, body_text, created_at) "
                          "VALUES (1, 1, 'in', 'samar@sawt.example', 'أبحاث', 'الإعلامية', '2026-11-24 10:00:00')"))
        sqlite = url.startswith("sqlite")
        conn.execute(text("INSERT INTO message_fts (rowid, document) VALUES (1, 'أبحاث الإعلامية')" if sqlite else
                          "INSERT INTO message_search (message_id, document) VALUES "
                          "(1, to_tsvector('simple', 'أبحاث الإعلامية'))"))
    engine.dispose()
    upgrade(url)
    assert _found(url, "ابحاث") == ["MR-1"] and _found(url, "اعلاميه") == ["MR-1"]
    command.downgrade(alembic_config(url), "0010")
    engine = make_engine(url)
    with engine.connect() as conn:
        table = "message_fts" if sqlite else "message_search"
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 1
    engine.dispose()
