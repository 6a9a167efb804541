"""The migrations build exactly the tables the models describe, and an upgrade keeps what an
existing installation already holds (migration 0004 indexes the references of stored mail)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import mediadesk.storage.models  # noqa: F401  (registers the tables)
from mediadesk.storage.db import make_engine, upgrade

SEARCH_TABLES = ("message_fts", "message_search")  # created by hand in 0005 (FTS5 / tsvector)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.db'}"
    return request.getfixturevalue("pg_url")


def _search_object(diff: tuple) -> bool:
    kind, obj = diff[0], diff[1]
    table = obj.name if kind == "remove_table" else getattr(obj.table, "name", "") if kind == "remove_index" else ""
    return table.startswith(SEARCH_TABLES)


def test_migrated_schema_matches_the_models(url):
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    real = [d for d in diffs if not (isinstance(d, tuple) and _search_object(d))]
    assert real == []


def test_upgrade_indexes_the_references_of_stored_mail(url):
    upgrade(url, "0003")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (id, mailbox, subject, status, needs_review, priority_rank, overdue, "
                          "created_at, updated_at, last_message_at) VALUES (1, '', 's', 'new', false, 2, false, "
                          "'2026-11-24 10:00:00', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
        conn.execute(text("INSERT INTO message (id, ticket_id, direction, message_id, in_reply_to, \"references\", "
                          "subject, body_text, created_at) VALUES (1, 1, 'in', '<r@x>', '<p@x>', '<a@x> <p@x>', 's', "
                          "'b', '2026-11-24 10:00:00')"))
    upgrade(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT message_id, ref FROM message_reference ORDER BY ref")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "<a@x>"), (1, "<p@x>")]


def test_upgrade_makes_stored_mail_searchable_and_downgrade_keeps_it(url):
    """0005 moves search from one document per ticket to one per inbound message: mail stored
    before the upgrade is found after it, and a downgrade rebuilds the per-ticket documents."""
    from sqlmodel import Session

    from mediadesk.storage.search import matching_ticket_ids

    upgrade(url, "0004")
    engine = make_engine(url)
    with engine.begin() as conn:
        for ticket_id, subject in ((1, "Accréditation presse"), (2, "Photos")):
            conn.execute(text("INSERT INTO ticket (id, mailbox, subject, status, needs_review, priority_rank, overdue, "
                              "created_at, updated_at, last_message_at) VALUES (:id, '', :s, 'new', false, 2, false, "
                              "'2026-11-24 10:00:00', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"),
                         {"id": ticket_id, "s": subject})
        for message_id, ticket_id, direction, body in ((1, 1, "in", "Je souhaite couvrir le forum."),
                                                       (2, 2, "in", "High-resolution images please"),
                                                       (3, 2, "out", "Our reply mentions zeppelins")):
            conn.execute(text("INSERT INTO message (id, ticket_id, direction, from_email, subject, body_text, "
                              "created_at) VALUES (:id, :t, :d, 'jo@ledger.example', 's', :b, '2026-11-24 10:00:00')"),
                         {"id": message_id, "t": ticket_id, "d": direction, "b": body})
    upgrade(url)

    def found(query):
        with Session(engine) as session:
            return sorted(session.execute(matching_ticket_ids(session, query)).scalars())

    assert found("forum") == [1] and found("images") == [2] and found("ledger") == [1, 2]
    assert found("zeppelins") == []  # our own replies are not indexed
    engine.dispose()
    from alembic import command

    from mediadesk.storage.db import alembic_config

    command.downgrade(alembic_config(url), "0004")
    table = "ticket_fts" if url.startswith("sqlite") else "ticket_search"
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 2
    engine.dispose()


def test_postgresql_search_table_is_never_scanned_in_parallel(pg_url):
    """The planner, blind to the out-of-line documents, preferred a parallel scan of the search
    table to its index for a rare word (scripts/bench_cli.py --explain shows the plan at 100k
    tickets); the table's storage parameter rules that plan out."""
    upgrade(pg_url)
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        options = conn.execute(text("SELECT reloptions FROM pg_class WHERE relname = 'message_search'")).scalar()
    engine.dispose()
    assert "parallel_workers=0" in (options or [])


def test_send_attempt_columns_keep_drafts_and_a_draft_claimed_before_them_is_judged_by_its_start(url):
    """0007 adds each send attempt's token and lease. A draft left `sending` by a worker that
    ran before the upgrade has neither: its lease is reckoned from when its attempt started, so
    it is parked as uncertain, not sent again. A downgrade keeps the drafts."""
    from alembic import command
    from sqlalchemy import inspect

    from mediadesk.settings import Settings
    from mediadesk.storage.db import alembic_config
    from mediadesk.worker.sending import send_draft

    upgrade(url, "0005")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (id, mailbox, subject, status, needs_review, priority_rank, overdue, "
                          "created_at, updated_at, last_message_at) VALUES (1, '', 's', 'triaged', false, 2, false, "
                          "'2026-11-24 10:00:00', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
        conn.execute(text("INSERT INTO draft (id, ticket_id, status, language, to_email, subject, body_text, "
                          "message_id, created_at, send_attempts, send_started_at) VALUES (1, 1, 'sending', 'en', "
                          "'lama@asharq.example', 'Re: s [MR-1]', 'Thank you.', '<mediadesk.MR-1.0@imctc.example>', "
                          "'2026-11-24 10:00:00', 1, '2026-11-24 10:01:00')"))
    upgrade(url)
    columns = {c["name"] for c in inspect(engine).get_columns("draft")}
    assert {"send_token", "send_lease_until"} <= columns
    settings = Settings(_env_file=None, database_url=url, media_address="media@imctc.example",
                        smtp_host="127.0.0.1", smtp_port=1, smtp_tls="none")
    assert send_draft(engine, 1, settings) == "uncertain"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status, send_token FROM draft WHERE id = 1")).one() == ("uncertain", None)
        [note] = conn.execute(text("SELECT note FROM ticket_event WHERE ticket_id = 1 AND kind = 'send'")).scalars()
    assert note.startswith("send outcome uncertain: attempt 1")
    engine.dispose()
    command.downgrade(alembic_config(url), "0005")
    columns = {c["name"] for c in inspect(engine).get_columns("draft")}
    assert "send_token" not in columns and "send_lease_until" not in columns
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, status FROM draft")).all() == [(1, "uncertain")]


# --------------------------------------------------------------------------- 0008: contacts and outlets


def _before_contacts(url: str) -> str:
    """The revision 0008 follows (read from the script: the chain may be re-ordered at merge)."""
    from alembic.script import ScriptDirectory

    from mediadesk.storage.db import alembic_config

    return ScriptDirectory.from_config(alembic_config(url)).get_revision("0008").down_revision


def test_upgrade_loads_the_shipped_outlet_registry(url):
    from mediadesk.worker.contacts.outlets import shipped_outlets

    shipped = shipped_outlets()
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM outlet WHERE source = 'shipped'")).scalar() == len(shipped)
        assert conn.execute(text("SELECT count(*) FROM outlet_domain")).scalar() == sum(len(o.domains) for o in shipped)
        name = conn.execute(text("SELECT o.name FROM outlet o JOIN outlet_domain d ON d.outlet_id = o.id "
                                 "WHERE d.domain = 'aawsat.com'")).scalar()
        assert name == "Asharq Al-Awsat"
        # Ids were given explicitly: a new outlet still gets a fresh one (PostgreSQL's sequence moved on).
        conn.execute(text("INSERT INTO outlet (name, aliases, kind, tier, source, created_at, updated_at) "
                          "VALUES ('Gulf Ledger', '', 'newspaper', 1, 'office', '2026-12-01 10:00:00+00', "
                          "'2026-12-01 10:00:00+00')"))
        assert conn.execute(text("SELECT max(id) FROM outlet")).scalar() == len(shipped) + 1
    engine.dispose()


def test_contacts_migration_up_and_down_keeps_the_tickets(url):
    """Down again: the contact tables go, ticket.contact_id goes, and every ticket with its
    messages, indexes and foreign keys is still there (SQLite rebuilds the ticket table)."""
    from alembic import command

    from mediadesk.storage.db import alembic_config

    before = _before_contacts(url)
    upgrade(url, before)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (id, ref, mailbox, subject, status, needs_review, priority_rank, overdue, "
                          "created_at, updated_at, last_message_at) VALUES (1, 'MR-1', '', 's', 'new', false, 2, false, "
                          "'2026-11-24 10:00:00', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
        conn.execute(text("INSERT INTO message (id, ticket_id, direction, from_email, subject, body_text, created_at) "
                          "VALUES (1, 1, 'in', 'jo@reuters.com', 's', 'b', '2026-11-24 10:00:00')"))
    upgrade(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO contact (id, name, languages, first_seen, last_seen) "
                          "VALUES (1, 'Jo', 'en', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
        conn.execute(text("INSERT INTO contact_address (email, contact_id) VALUES ('jo@reuters.com', 1)"))
        conn.execute(text("UPDATE ticket SET contact_id = 1 WHERE id = 1"))
        with pytest.raises(Exception):  # the foreign key holds
            with conn.begin_nested():
                conn.execute(text("UPDATE ticket SET contact_id = 99 WHERE id = 1"))
    engine.dispose()

    command.downgrade(alembic_config(url), before)
    engine = make_engine(url)
    from sqlalchemy import inspect

    inspector = inspect(engine)
    assert not {"contact", "contact_address", "outlet", "outlet_domain"} & set(inspector.get_table_names())
    assert "contact_id" not in {c["name"] for c in inspector.get_columns("ticket")}
    indexes = {i["name"] for i in inspector.get_indexes("ticket")}
    assert {"ix_ticket_status", "ix_ticket_requester", "ix_ticket_overdue_status"} <= indexes
    assert [fk["referred_table"] for fk in inspector.get_foreign_keys("ticket")] == ["ticket"]  # merged_into_id
    with engine.connect() as conn:
        assert conn.execute(text("SELECT ref FROM ticket")).scalars().all() == ["MR-1"]
        assert conn.execute(text("SELECT ticket_id FROM message")).scalars().all() == [1]
        if url.startswith("sqlite"):
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()

    upgrade(url)  # and up once more
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outlet")).scalar() > 200
        assert conn.execute(text("SELECT contact_id FROM ticket")).scalars().all() == [None]
    engine.dispose()


def test_upgrade_gives_stored_send_events_their_outcome(url):
    """0009: metrics count send outcomes from a column; events written before it get theirs from
    their notes, as metrics used to read them."""
    from alembic.script import ScriptDirectory

    from mediadesk.storage.db import alembic_config

    before = ScriptDirectory.from_config(alembic_config(url)).get_revision("0009").down_revision
    upgrade(url, before)
    engine = make_engine(url)
    notes = {1: "acknowledgement sent to a@x (<m@x>)", 2: "send failed: 554 no", 3: "send deferred (attempt 1): 451",
             4: "send outcome uncertain: timeout", 5: "acknowledgement sent to a@x (attempt 2, reported after the "
             "draft moved on: it is sent now)", 6: "draft approved"}
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (id, mailbox, subject, status, needs_review, priority_rank, overdue, "
                          "created_at, updated_at, last_message_at) VALUES (1, '', 's', 'new', false, 2, false, "
                          "'2026-11-24 10:00:00', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
        for event_id, note in notes.items():
            conn.execute(text("INSERT INTO ticket_event (id, ticket_id, at, actor, kind, note) VALUES "
                              "(:id, 1, '2026-11-24 10:00:00', 'system', :kind, :note)"),
                         {"id": event_id, "kind": "draft" if event_id == 6 else "send", "note": note})
    upgrade(url)
    with engine.connect() as conn:
        got = dict(conn.execute(text("SELECT id, outcome FROM ticket_event ORDER BY id")).all())
    engine.dispose()
    assert got == {1: "sent", 2: "failed", 3: "deferred", 4: "uncertain", 5: "late", 6: None}


# --------------------------------------------------------------------------- 0010: stories


def test_stories_migration_up_and_down_keeps_the_tickets(url):
    """0010 adds the story table and ticket.story_id/story_terms, statements, and draft kinds (one
    acknowledgement per ticket, one reply per ticket and statement); down again, every ticket is
    still there with its foreign keys (SQLite rebuilds the ticket table), replies are gone and a
    ticket has one draft at most again."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect

    from mediadesk.storage.db import alembic_config

    before = ScriptDirectory.from_config(alembic_config(url)).get_revision("0010").down_revision
    upgrade(url, before)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (id, ref, mailbox, subject, status, needs_review, priority_rank, overdue, "
                          "created_at, updated_at, last_message_at) VALUES (1, 'MR-1', '', 's', 'new', false, 2, false, "
                          "'2026-11-24 10:00:00', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
    upgrade(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO story (id, title, created_by, created_at, last_activity_at) "
                          "VALUES (1, 's', 'system', '2026-11-24 10:00:00', '2026-11-24 10:00:00')"))
        conn.execute(text("UPDATE ticket SET story_id = 1, story_terms = '{}' WHERE id = 1"))
        with pytest.raises(Exception):  # the foreign key holds
            with conn.begin_nested():
                conn.execute(text("UPDATE ticket SET story_id = 99 WHERE id = 1"))
        conn.execute(text("INSERT INTO statement (id, title, status, created_by, created_at) "
                          "VALUES (1, 't', 'approved', 'ed', '2026-11-24 10:00:00')"))
        draft = ("INSERT INTO draft (ticket_id, kind, statement_id, status, language, to_email, subject, body_text, "
                 "created_at, send_attempts) VALUES (1, :kind, :statement, 'pending', 'en', 'a@x', 's', 'b', "
                 "'2026-11-24 10:00:00', 0)")
        conn.execute(text(draft), {"kind": "ack", "statement": None})
        conn.execute(text(draft), {"kind": "reply", "statement": 1})  # a reply beside the acknowledgement
        for kind, statement in (("ack", None), ("reply", 1)):  # but one of each
            with pytest.raises(Exception):
                with conn.begin_nested():
                    conn.execute(text(draft), {"kind": kind, "statement": statement})
    engine.dispose()

    command.downgrade(alembic_config(url), before)
    engine = make_engine(url)
    inspector = inspect(engine)
    assert "story" not in inspector.get_table_names()
    assert not {"story_id", "story_terms"} & {c["name"] for c in inspector.get_columns("ticket")}
    assert {"ticket", "contact"} == {fk["referred_table"] for fk in inspector.get_foreign_keys("ticket")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT ref FROM ticket")).scalars().all() == ["MR-1"]
        assert conn.execute(text("SELECT count(*) FROM draft")).scalar() == 1  # the acknowledgement stays
        if url.startswith("sqlite"):
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    with pytest.raises(Exception), engine.begin() as conn:  # one draft per ticket again
        conn.execute(text("INSERT INTO draft (ticket_id, status, language, to_email, subject, body_text, created_at, "
                          "send_attempts) VALUES (1, 'pending', 'en', 'a@x', 's', 'b', '2026-11-24 10:00:00', 0)"))
    engine.dispose()
    upgrade(url)
