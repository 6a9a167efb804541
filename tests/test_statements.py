"""Statements on a real database (SQLite, and PostgreSQL): the register (versions, approval, withdrawal), a
story answered with one statement (one reply draft per open ticket, in its language or the
fallback, threaded, to its requester alone; safe to repeat), and the acknowledgement still one
per ticket beside the replies."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mediadesk.settings import load_settings
from mediadesk.storage.models import Draft, Message, Ticket
from mediadesk.worker import services
from mediadesk.worker.drafting import build_email, replies
from mediadesk.worker.drafting.message import clean_msgid

sys.path.insert(0, str(Path(__file__).parent))
from test_stories_pipeline import DERNA, env, eml, run  # noqa: E402,F401

EN = "The Office confirms that its teams are in Derna. 27 deaths are confirmed."
FR = "Le Bureau confirme que ses équipes sont à Derna. 27 décès sont confirmés."


def test_version_for_falls_back_as_acknowledgements_do():
    versions = {"en": "E", "fr": "F"}
    assert replies.version_for(versions, "fr", ["ar", "en"]).language == "fr"
    choice = replies.version_for(versions, "ar", ["ar", "en"])
    assert (choice.language, choice.reason) == ("en", "fallback: no ar version")
    assert replies.version_for({"fr": "F"}, "de", ["ar", "en"]).language == "fr"
    assert replies.version_for({}, "en", ["en"]) is None


def test_the_register_versions_approval_withdrawal(env):
    settings, engine = env
    assert services.statement_add(engine, "en", EN, title="Derna", actor="amal") == "statement 1: en version added (draft)"
    assert "replaced" in services.statement_add(engine, "en", EN, statement="1", actor="amal")
    with pytest.raises(services.Conflict, match="only an approved statement"):
        run(engine, settings, *[eml(*m) for m in DERNA])
        services.story_answer(engine, "S-1", "1", settings, actor="amal")
    assert services.statement_approve(engine, "1", actor="head") == "statement 1: approved by head"
    assert "already approved" in services.statement_approve(engine, "1", actor="head")
    with pytest.raises(services.Conflict, match="can no longer change"):
        services.statement_add(engine, "fr", FR, statement="1", actor="amal")
    detail = services.statement_detail(engine, "1")
    assert (detail["approved_by"], detail["languages"]) == ("head", ["en"])
    assert services.statement_withdraw(engine, "1", actor="head") == "statement 1: withdrawn by head"
    with pytest.raises(services.Conflict, match="withdrawn: it cannot become approved"):
        services.statement_approve(engine, "1", actor="head")
    with pytest.raises(services.NotFound):
        services.statement_detail(engine, "7")


def test_a_story_answered_with_one_statement(env):
    settings, engine = env
    run(engine, settings, *[eml(*m, msgid=f"<q{i}@x>") for i, m in enumerate(DERNA)])
    services.statement_add(engine, "en", EN, title="Derna", actor="amal")
    services.statement_add(engine, "fr", FR, statement="1", actor="amal")
    services.statement_approve(engine, "1", actor="head")
    said = services.story_answer(engine, "S-1", "1", settings, actor="amal")
    assert said == "S-1: 3 reply drafts with statement 1 (en 2, fr 1)", said  # the Arabic inquiry: fallback en
    assert "0 reply drafts" in services.story_answer(engine, "S-1", "1", settings, actor="amal")  # safe to repeat
    with Session(engine) as session:
        tickets = {t.id: t for t in session.exec(select(Ticket)).all()}
        drafts = session.exec(select(Draft).where(Draft.kind == "reply").order_by(Draft.id)).all()
        acks = session.exec(select(Draft).where(Draft.kind == "ack")).all()
        assert len(acks) == 3  # each ticket keeps its acknowledgement
        for draft in drafts:
            ticket = tickets[draft.ticket_id]
            message = session.exec(select(Message).where(Message.ticket_id == ticket.id)).first()
            assert draft.to_email == ticket.requester_email and draft.statement_id == 1
            assert draft.in_reply_to == message.message_id and ticket.ref in draft.subject
            assert (EN if draft.language == "en" else FR) in draft.body_text
            built = build_email(draft, settings)
            assert built["To"].addresses[0].addr_spec == ticket.requester_email and built["Cc"] is None
            assert built["Auto-Submitted"] is None and built["In-Reply-To"] == clean_msgid(message.message_id)
        assert [tickets[d.ticket_id].language for d in drafts] == ["en", "fr", "ar"]
        assert [d.language for d in drafts] == ["en", "fr", "en"]
        session.add(Draft(ticket_id=drafts[0].ticket_id, kind="ack", to_email="x@y.z", subject="s", body_text="b"))
        with pytest.raises(IntegrityError):  # still one acknowledgement per ticket
            session.flush()
    pending = services.story_pending_replies(engine, "S-1")
    assert [p["to"] for p in pending] == ["sam@reuters.com", "claire@lemonde.fr", "omar@aljazeera.net"]
    done = services.approve_story(engine, "S-1", [p["draft_id"] for p in pending[:2]], actor="head")
    assert [d.changed for d in done] == [True, True]  # only those shown
    assert [p["ref"] for p in services.story_pending_replies(engine, "S-1")] == ["MR-3"]
    assert services.approve(engine, "MR-3", actor="head").changed  # the reply is the draft under review
    with Session(engine) as session:
        assert session.exec(select(Draft.status).where(Draft.ticket_id == 3, Draft.kind == "reply")).one() == "approved"


def test_show_and_statement_show_list_the_replies(env, monkeypatch):
    from typer.testing import CliRunner

    from mediadesk import logs
    from mediadesk.cli.main import app
    from mediadesk.settings import reset_settings_cache

    settings, engine = env
    run(engine, settings, *[eml(*m) for m in DERNA])
    services.statement_add(engine, "en", EN, title="Derna", actor="amal")
    services.statement_approve(engine, "1", actor="head")
    services.story_answer(engine, "S-1", "1", settings, actor="amal")
    monkeypatch.setenv("MEDIADESK_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("MEDIADESK_DATA_DIR", str(settings.data_dir))
    reset_settings_cache()
    try:
        shown = CliRunner().invoke(app, ["show", "MR-2", "--json"], catch_exceptions=False)
        register = CliRunner().invoke(app, ["statement", "show", "1", "--json"], catch_exceptions=False)
    finally:
        logs.configure("WARNING")
        reset_settings_cache()
    [entry] = json.loads(shown.stdout)["statements"]
    assert (entry["statement_id"], entry["to"], entry["status"]) == (1, "claire@lemonde.fr", "pending")
    assert [r["to"] for r in json.loads(register.stdout)["sent_to"]] == ["sam@reuters.com", "claire@lemonde.fr",
                                                                          "omar@aljazeera.net"]


def test_stats_and_the_report_count_replies_per_statement(env):
    """`stats --json` (and the report's data) count each statement's replies: sent, and still
    waiting; a reply a person rejected is neither."""
    from mediadesk.storage.db import read_scope
    from mediadesk.worker import report

    settings, engine = env
    run(engine, settings, *[eml(*m, msgid=f"<q{i}@x>") for i, m in enumerate(DERNA)])
    services.statement_add(engine, "en", EN, title="Derna", actor="amal")
    services.statement_approve(engine, "1", actor="head")
    services.story_answer(engine, "S-1", "1", settings, actor="amal")
    with Session(engine) as session:
        first, second, third = session.exec(select(Draft).where(Draft.kind == "reply").order_by(Draft.id)).all()
        first.status, third.status = "sent", "rejected"
        session.add_all([first, third])
        session.commit()
    with read_scope(engine) as session:
        assert report.replies_per_statement(session) == {"Derna (#1)": {"sent": 1, "waiting": 1}}
