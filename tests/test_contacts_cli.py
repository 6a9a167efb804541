"""`mediadesk contact …` and `mediadesk outlet …` in-process (Typer's CliRunner), over tickets made
by the real pipeline and linked to contacts by ``link_contact`` as ingest will link them.
Expected values are read from the database, so the tests check the commands, not the seed."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from mediadesk import logs
from mediadesk.cli.main import app
from mediadesk.settings import get_settings, load_settings, reset_settings_cache
from mediadesk.storage import repo
from mediadesk.storage.contacts import Contact
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import InboundMessage, Ticket
from mediadesk.worker import pipeline
from mediadesk.worker.contacts.service import link_contact
from mediadesk.worker.parsing import parse_message

runner = CliRunner()


def eml(sender: str, subject: str, body: str, msgid: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "GIMS Media Office <media@gims.example>"
    msg["Subject"] = subject
    msg["Message-ID"] = msgid
    msg.set_content(body)
    return msg.as_bytes(policy=SMTP)


INBOX = {
    "reuters": eml("John Smith <john.smith@reuters.com>", "Interview request on the media literacy report",
                   "Dear team,\n\nWe would like to interview your spokesperson about the report this week.\n\n"
                   "Best regards,\nJohn Smith\nSenior Correspondent | Reuters\nTel: +971 4 123 4567\n", "<r1@reuters.com>"),
    "arabiya": eml("أحمد علي <ahmed.ali.press@gmail.com>", "طلب بيانات التقرير",
                   "السلام عليكم،\n\nأرجو تزويدي بالجداول التفصيلية لنتائج الاستبيان الواردة في التقرير.\n\n"
                   "مع التحية،\nأحمد علي\nصحفي – العربية\nجوال: +966 50 123 4567\n", "<a1@gmail.com>"),
    "lemonde": eml("Marie Dupont <m.dupont@lemonde.fr>", "Demande d'entretien",
                   "Bonjour,\n\nJe prépare un article sur le rapport et souhaiterais un entretien.\n\n"
                   "Cordialement,\nMarie Dupont\nJournaliste, Le Monde\n", "<m1@lemonde.fr>"),
    "sara1": eml("Sara Karim <sara@aljazeera.net>", "Request for figures",
                 "Hello,\n\nCould you share the regional figures of the survey?\n\nThanks,\nSara Karim\n", "<s1@aljazeera.net>"),
    "sara2": eml("Sara Karim <sara.k@gmail.com>", "Photos for our report",
                 "Hello,\n\nCould we have high-resolution photographs of the exhibition?\n\nThanks,\nSara\n",
                 "<s2@gmail.com>"),
    "uni1": eml("Dr Lea Brun <lea.brun@uni.example>", "Question about methodology",
                "Dear press office,\n\nA question about the survey's methodology for my course.\n\nLea Brun\n",
                "<u1@uni.example>"),
    "uni2": eml("Tom Ray <tom.ray@uni.example>", "Student project",
                "Hello,\n\nMy students would like to visit the exhibition.\n\nTom\n", "<u2@uni.example>"),
    "ngo": eml("Info <info@ngo.example>", "Partnership", "Hello,\n\nWe would like to discuss a partnership.\n",
               "<n1@ngo.example>"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("contacts-seed")
    url = f"sqlite:///{base / 'seed.db'}"
    upgrade(url)
    settings = load_settings(database_url=url, data_dir=base / "data", redis_url="redis://127.0.0.1:1/0",
                             media_address="media@gims.example")
    engine = engine_for(url)
    for raw in INBOX.values():
        with session_scope(engine) as session:
            [inbound_id] = repo.store_inbound(session, items=[repo.RawItem(raw=raw)], mailbox="test", source="test")
        assert pipeline.process_inbound(engine, inbound_id, settings).new_ticket
    with session_scope(engine) as session:  # what ingest will do once the lead wires link_contact in
        for ticket in session.exec(select(Ticket).order_by(Ticket.id)).all():
            inbound = session.exec(select(InboundMessage).where(InboundMessage.ticket_id == ticket.id)).one()
            assert link_contact(session, ticket, parse_message(inbound.raw), settings) is not None
    engine.dispose()
    return base / "seed.db", base / "data"


@dataclass
class Desk:
    url: str
    tmp: Path

    def run(self, *args: str):
        try:
            return runner.invoke(app, list(args), catch_exceptions=False)
        finally:
            logs.configure("WARNING")

    def json(self, *args: str):
        result = self.run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    def contacts(self) -> list[Contact]:
        with Session(engine_for(self.url)) as session:
            return list(session.exec(select(Contact).order_by(Contact.id)).all())


@pytest.fixture
def desk(template, tmp_path, monkeypatch) -> Desk:
    seed, data_dir = template
    db_path = tmp_path / "x.db"
    src, dst = sqlite3.connect(seed), sqlite3.connect(db_path)
    src.backup(dst)
    src.close(), dst.close()
    url = f"sqlite:///{db_path}"
    monkeypatch.setenv("MEDIADESK_DATABASE_URL", url)
    monkeypatch.setenv("MEDIADESK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MEDIADESK_MEDIA_ADDRESS", "media@gims.example")
    monkeypatch.setenv("MEDIADESK_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.chdir(tmp_path)
    reset_settings_cache()
    yield Desk(url, tmp_path)
    engine_for(url).dispose()
    reset_settings_cache()


def by_address(rows: list[dict]) -> dict[str, dict]:
    return {a: r for r in rows for a in r["addresses"]}


# --------------------------------------------------------------------------- contact


def test_contact_list_json_has_every_requester_with_outlet(desk):
    rows = by_address(desk.json("contact", "list"))
    assert len(rows) == len(INBOX) == len(desk.contacts())
    assert rows["john.smith@reuters.com"]["outlet"] == "Reuters"
    assert rows["john.smith@reuters.com"]["role"] == "Senior Correspondent"
    assert rows["ahmed.ali.press@gmail.com"]["outlet"] == "Al Arabiya"
    assert rows["ahmed.ali.press@gmail.com"]["languages"] == ["ar"]
    assert rows["m.dupont@lemonde.fr"]["outlet"] == "Le Monde"
    assert rows["sara.k@gmail.com"]["outlet"] is None and rows["lea.brun@uni.example"]["outlet"] is None
    assert set(rows["sara@aljazeera.net"]) == {"id", "name", "addresses", "outlet", "outlet_via", "role", "phone",
                                               "languages", "ticket_count", "first_seen", "last_seen"}


def test_contact_list_piped_is_tab_separated(desk):
    result = desk.run("contact", "list")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == len(INBOX) and all(len(line.split("\t")) == 8 for line in lines)
    reuters = next(line.split("\t") for line in lines if "john.smith@reuters.com" in line)
    assert reuters[1:5] == ["John Smith", "john.smith@reuters.com", "Reuters", "Senior Correspondent"]


@pytest.mark.parametrize("outlet", ["Reuters", "reuters", "رويترز"])
def test_contact_list_by_outlet_name_or_alias(desk, outlet):
    assert [r["addresses"] for r in desk.json("contact", "list", "--outlet", outlet)] == [["john.smith@reuters.com"]]


def test_contact_list_by_an_unknown_outlet_is_not_found(desk):
    result = desk.run("contact", "list", "--outlet", "Daily Nowhere")
    assert result.exit_code == 3 and "no outlet 'Daily Nowhere'" in result.stderr and result.stdout == ""


def test_contact_show_by_address_and_by_id(desk):
    card = desk.json("contact", "show", "ahmed.ali.press@gmail.com")
    assert card["outlet"] == {"name": "Al Arabiya", "country": "AE", "kind": "tv", "tier": 1}
    assert (card["outlet_via"], card["role"], card["phone"]) == ("signature", "صحفي", "+966501234567")
    assert [t["subject"] for t in card["tickets"]] == ["طلب بيانات التقرير"] and card["ticket_count"] == 1
    assert desk.json("contact", "show", str(card["id"])) == card
    result = desk.run("contact", "show", "AHMED.ALI.PRESS@GMAIL.COM")
    assert result.exit_code == 0 and "Al Arabiya" in result.stdout and "صحفي" in result.stdout


def test_contact_show_unknown_is_exit_3(desk):
    for key in ("nobody@nowhere.example", "9999"):
        result = desk.run("contact", "show", key)
        assert result.exit_code == 3 and "no contact" in result.stderr


def test_contact_merge_joins_two_addresses_and_is_safe_to_repeat(desk):
    result = desk.run("contact", "merge", "sara@aljazeera.net", "sara.k@gmail.com")
    assert result.exit_code == 0, result.stderr
    card = desk.json("contact", "show", "sara.k@gmail.com")
    assert card["addresses"] == ["sara@aljazeera.net", "sara.k@gmail.com"] and card["ticket_count"] == 2
    assert card["outlet"]["name"] == "Al Jazeera"
    assert len(desk.contacts()) == len(INBOX) - 1
    again = desk.run("contact", "merge", "sara@aljazeera.net", "sara.k@gmail.com")
    assert again.exit_code == 0 and "already one contact" in again.stderr


def test_contact_edit_sets_an_outlet_the_linker_keeps(desk):
    contact_id = str(desk.json("contact", "show", "lea.brun@uni.example")["id"])
    result = desk.run("contact", "edit", contact_id, "--outlet", "France 24", "--role", "Researcher, media desk")
    assert result.exit_code == 0, result.stderr
    card = desk.json("contact", "show", contact_id)
    assert (card["outlet"]["name"], card["outlet_via"], card["role"]) == ("France 24", "office", "Researcher, media desk")
    # A new message from her is linked, and the office's outlet stays.
    with session_scope(engine_for(desk.url)) as session:
        parsed = parse_message(INBOX["uni1"])
        ticket = Ticket(requester_email=parsed.from_email, subject=parsed.subject)
        session.add(ticket)
        session.flush()
        link_contact(session, ticket, parsed, get_settings())
    assert desk.json("contact", "show", contact_id)["outlet"]["name"] == "France 24"
    assert desk.run("contact", "edit", contact_id, "--outlet", "-").exit_code == 0
    assert desk.json("contact", "show", contact_id)["outlet"] is None


def test_contact_edit_errors(desk):
    assert desk.run("contact", "edit", "1").exit_code == 2
    assert desk.run("contact", "edit", "1", "--outlet", "Daily Nowhere").exit_code == 3
    assert desk.run("contact", "edit", "9999", "--name", "X").exit_code == 3


# --------------------------------------------------------------------------- outlet


def test_outlet_list_json_and_piped(desk):
    rows = {r["name"]: r for r in desk.json("outlet", "list")}
    assert len(rows) >= 200
    assert rows["Reuters"]["domains"] == ["reuters.com", "thomsonreuters.com"] and rows["Reuters"]["contacts"] == 1
    assert rows["Al Arabiya"]["contacts"] == 1 and rows["Al Arabiya"]["source"] == "shipped"
    agencies = desk.json("outlet", "list", "--kind", "agency", "--country", "ae")
    assert {r["name"] for r in agencies} == {r["name"] for r in rows.values() if r["kind"] == "agency" and r["country"] == "AE"}
    assert "Emirates News Agency" in {r["name"] for r in agencies}
    result = desk.run("outlet", "list")
    assert result.exit_code == 0 and all(len(line.split("\t")) == 7 for line in result.stdout.splitlines())
    assert desk.run("outlet", "list", "--kind", "blog").exit_code == 2


def test_outlet_export_then_import_an_edited_registry(desk):
    exported = desk.run("outlet", "export")
    assert exported.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) == len(desk.json("outlet", "list"))
    edited = desk.tmp / "registry.csv"
    for row in rows:
        if row["name"] == "Reuters":
            row["tier"] = "1"
            row["domains"] += " reutersagency.com"
    rows.append({"domains": "uni.example", "name": "University Radio", "aliases": "", "country": "FR",
                 "kind": "radio", "tier": "3"})
    with edited.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = desk.run("outlet", "import", str(edited))
    assert result.exit_code == 0 and "1 outlet(s) added" in result.stderr
    outlets = {r["name"]: r for r in desk.json("outlet", "list")}
    assert outlets["University Radio"]["source"] == "office"
    assert "reutersagency.com" in outlets["Reuters"]["domains"]
    assert "uni.example" not in [r["domain"] for r in desk.json("outlet", "unknown")]
    to_file = desk.tmp / "again.csv"
    assert desk.run("outlet", "export", str(to_file)).exit_code == 0
    assert "University Radio" in to_file.read_text(encoding="utf-8")
    assert desk.run("outlet", "import", str(edited)).exit_code == 0  # safe to repeat
    assert len(desk.json("outlet", "list")) == len(outlets)


def test_outlet_import_refuses_a_bad_file(desk):
    bad = desk.tmp / "bad.csv"
    bad.write_text("domains,name,kind\nx.example,X,blog\n", encoding="utf-8")
    result = desk.run("outlet", "import", str(bad))
    assert result.exit_code == 2 and "line 2" in result.stderr
    assert desk.run("outlet", "import", str(desk.tmp / "missing.csv")).exit_code == 2


def test_outlet_unknown_lists_unclassified_domains_most_frequent_first(desk):
    rows = desk.json("outlet", "unknown")
    assert rows == [{"domain": "uni.example", "tickets": 2, "senders": 2},
                    {"domain": "ngo.example", "tickets": 1, "senders": 1}]
    result = desk.run("outlet", "unknown")
    assert result.stdout.splitlines() == ["uni.example\t2\t2", "ngo.example\t1\t1"]


def test_a_database_not_migrated_is_exit_5(desk, monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIADESK_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    reset_settings_cache()
    result = desk.run("contact", "list")
    assert result.exit_code == 5 and "mediadesk db upgrade" in result.stderr
