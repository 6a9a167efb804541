"""`show` and `list` name who is asking: the contact card and their previous tickets, the outlet
column and the `contact`/`outlet` JSON fields; in-process (Typer's CliRunner) over tickets the
real pipeline made and linked. Expected values come from the database."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

import pytest
from sqlalchemy import event
from sqlmodel import Session, select
from typer.testing import CliRunner

from mediadesk import logs
from mediadesk.cli.main import app
from mediadesk.settings import load_settings, reset_settings_cache
from mediadesk.storage import repo
from mediadesk.storage.contacts import Contact, Outlet
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Ticket
from mediadesk.worker import pipeline, services

runner = CliRunner()
START = datetime.now(timezone.utc) - timedelta(days=5)


def eml(sender: str, subject: str, body: str, msgid: str, day: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "media@gims.example"
    msg["Subject"] = subject
    msg["Message-ID"] = msgid
    msg["Date"] = format_datetime(START + timedelta(days=day))
    msg.set_content(body)
    return msg.as_bytes(policy=SMTP)


DANA = "Dana Levi <dana.levi@reuters.com>"
SIG = "\n\nBest regards,\nDana Levi\nSenior Correspondent | Reuters\nTel: +971 4 123 4567\n"
INBOX = [
    eml(DANA, "Interview request on the report", "Could your director speak to us this week?" + SIG, "<d1@reuters.com>", 0),
    eml(DANA, "Figures of the survey", "Could you share the regional figures of the survey?" + SIG, "<d2@reuters.com>", 1),
    eml(DANA, "Photos of the exhibition", "Could we have photographs of the exhibition?" + SIG, "<d3@reuters.com>", 2),
    eml(DANA, "Accreditation for the forum", "I would like to be accredited for the forum." + SIG, "<d4@reuters.com>", 3),
    eml(DANA, "Comment on the new policy", "Could we have a comment on the new policy?" + SIG, "<d5@reuters.com>", 4),
    eml("Lea Brun <lea.brun@uni.example>", "Question about methodology",
        "Dear press office,\n\nA question about the survey's methodology for my course.\n\nLea Brun\n", "<u1@uni.example>", 1),
]


@pytest.fixture
def desk(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    upgrade(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data",
                             redis_url="redis://127.0.0.1:1/0", media_address="media@gims.example")
    engine = engine_for(url)
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in INBOX], mailbox="t", source="test")
    pipeline.process_batch(engine, ids, settings)
    services.set_status(engine, "MR-1", "resolved", actor="amal")
    services.set_status(engine, "MR-2", "closed", actor="amal")
    monkeypatch.setenv("MEDIADESK_DATABASE_URL", url)
    monkeypatch.setenv("MEDIADESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MEDIADESK_MEDIA_ADDRESS", "media@gims.example")
    monkeypatch.setenv("MEDIADESK_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.chdir(tmp_path)
    reset_settings_cache()
    yield engine
    engine.dispose()
    reset_settings_cache()


def cli(*args: str):
    try:
        result = runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        logs.configure("WARNING")
    assert result.exit_code == 0, result.stderr
    return result


def test_list_json_names_each_tickets_contact_and_outlet(desk):
    listed = {t["ref"]: t for t in json.loads(cli("list", "--all", "--json").stdout)}
    with Session(desk) as session:
        for ticket in session.exec(select(Ticket)).all():
            contact = session.get(Contact, ticket.contact_id)
            outlet = session.get(Outlet, contact.outlet_id) if contact.outlet_id else None
            shown = listed[ticket.ref]
            assert shown["contact"] == {"id": contact.id, "name": contact.name, "role": contact.role}
            assert shown["outlet"] == (None if outlet is None else {"name": outlet.name, "kind": outlet.kind,
                                                                    "tier": outlet.tier, "country": outlet.country})
    assert listed["MR-5"]["outlet"]["name"] == "Reuters" and listed["MR-6"]["outlet"] is None


def test_list_piped_has_an_outlet_column(desk):
    lines = [line.split("\t") for line in cli("list", "--all").stdout.splitlines()]
    outlets = {row[0]: row[7] for row in lines}
    assert outlets["MR-5"] == "Reuters" and outlets["MR-6"] == ""


def test_list_reads_tickets_contacts_and_outlets_in_one_query(desk, monkeypatch):
    """However many rows: the tickets with their contacts and outlets are one SELECT (besides the
    migration check's reads, which touch none of those tables). The ORM path's, as PostgreSQL and
    --search take it (on SQLite `list` reads through cli/fastlist.py, one SELECT too)."""
    from mediadesk.cli import fastlist

    monkeypatch.setattr(fastlist, "where", lambda: None)
    statements = []
    engine = engine_for(str(desk.url))

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        cli("list", "--all", "--json")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    touching = [s for s in statements if "FROM ticket" in s or "FROM contact" in s or "FROM outlet" in s]
    assert len(touching) == 1 and "LEFT OUTER JOIN contact" in touching[0] and "LEFT OUTER JOIN outlet" in touching[0]


def test_show_json_has_the_contact_card_and_the_last_three_previous_tickets(desk):
    shown = json.loads(cli("show", "MR-5", "--json").stdout)
    contact = shown["contact"]
    assert contact["name"] == "Dana Levi" and contact["role"] == "Senior Correspondent"
    assert contact["addresses"] == ["dana.levi@reuters.com"] and contact["languages"] == ["en"]
    assert contact["phone"] and contact["outlet_via"] == "domain" and contact["ticket_count"] == 5
    assert shown["outlet"]["name"] == "Reuters" and shown["outlet"]["kind"] == "agency"
    assert datetime.fromisoformat(contact["first_seen"]) == START.replace(microsecond=0)
    assert datetime.fromisoformat(contact["last_seen"]) == (START + timedelta(days=4)).replace(microsecond=0)
    previous = contact["previous_tickets"]
    assert [t["ref"] for t in previous] == ["MR-4", "MR-3", "MR-2"]  # newest first, not this one
    assert [t["subject"] for t in previous] == ["Accreditation for the forum", "Photos of the exhibition",
                                                "Figures of the survey"]
    assert previous[2]["outcome"] == "closed" and previous[0]["outcome"] in ("open", "acknowledged")
    first = json.loads(cli("show", "MR-1", "--json").stdout)["contact"]["previous_tickets"]
    assert [t["ref"] for t in first] == ["MR-5", "MR-4", "MR-3"]


def test_show_text_has_the_contact_panel(desk):
    text = cli("show", "MR-5").stdout
    assert "contact #" in text and "Dana Levi" in text and "Reuters (agency, tier" in text
    assert "MR-2" in text and "closed" in text and "Figures of the survey" in text


def test_a_ticket_without_contact_shows_none(desk):
    with session_scope(desk) as session:
        session.get(Ticket, 6).contact_id = None
    shown = json.loads(cli("show", "MR-6", "--json").stdout)
    assert shown["contact"] is None and shown["outlet"] is None
    assert "contact #" not in cli("show", "MR-6").stdout
