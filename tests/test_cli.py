"""The press team's CLI in-process (Typer's CliRunner) over tickets made by the real pipeline.

A small realistic inbox (English, Arabic and French inquiries, an auto-reply, a threaded reply,
an attachment, a message with no sender) goes through ingest + triage + draft once per module;
each test gets its own copy of that database. Expected results are computed from the database
itself, so the tests check what the commands do, not what triage happened to decide.
"""

from __future__ import annotations

import hashlib
import json
import re
import importlib.util
import sqlite3
import sys
import sysconfig
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlmodel import Session, select
from typer.testing import CliRunner

from mediadesk import logs
from mediadesk.cli.common import ExitCode
from mediadesk.cli.main import app
from mediadesk.settings import get_settings, load_settings, reset_settings_cache
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import (Draft, InboundMessage, LabelledExample, Ticket, TicketEvent,
                                      utcnow)
from mediadesk.worker import pipeline, sweeps
from mediadesk.worker.workflow import OPEN_STATUSES

runner = CliRunner()

PDF = b"%PDF-1.4\n% press kit\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


def eml(*, subject: str, sender: str | None, body: str, msgid: str, date: datetime | None = None,
        headers: tuple[tuple[str, str], ...] = (), attachment: tuple[str, bytes] | None = None) -> bytes:
    msg = EmailMessage()
    if sender:
        msg["From"] = sender
    msg["To"] = "GIMS Media Office <media@gims.example>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime.now(timezone.utc) - timedelta(hours=1))
    msg["Message-ID"] = msgid
    for name, value in headers:
        msg[name] = value
    msg.set_content(body)
    if attachment:
        msg.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
    return msg.as_bytes(policy=SMTP)


# Deadlines in the seed are relative ("within two hours" of the Date, an hour ago): a clock time
# such as "by 16:00 today" would already be past at some hours of the day, and the test with it.
INBOX: dict[str, bytes] = {
    "interview": eml(
        subject="Interview request: The Evening Brief tonight on the media literacy report",
        sender="Helen Rowe <h.rowe@gen-tv.example>", msgid="<evening-brief-1@gen-tv.example>",
        body="Dear media team,\n\nWe would like to interview your spokesperson live on The Evening Brief "
             "tonight about the media literacy report. The segment is eight minutes, in studio "
             "or by video link.\n\nCould you confirm within two hours?\n\nBest regards,\nHelen Rowe\n"
             "Senior producer, GEN TV\n"),
    "arabic": eml(
        subject="طلب بيانات تفصيلية من تقرير الدراية الإعلامية",
        sender="سارة العتيبي <s.alotaibi@alwaha-daily.example>", msgid="<alwaha-data-7@alwaha-daily.example>",
        body="السلام عليكم ورحمة الله،\n\nأعمل على تقرير صحفي لجريدة الواحة اليومية، وأرجو تزويدي بالجداول "
             "التفصيلية لنتائج الاستبيان الواردة في التقرير، ولا سيما توزيع العينة حسب المنطقة والفئة العمرية.\n\n"
             "مع خالص الشكر،\nسارة العتيبي\nمحررة البيانات - جريدة الواحة\n"),
    "french": eml(
        subject="Accréditation presse – Forum Médias du Futur 2026",
        sender="Jean-Marc Delorme <jm.delorme@hebdo-meridien.example>", msgid="<accr-2026@hebdo-meridien.example>",
        body="Madame, Monsieur,\n\nJe souhaite demander une accréditation presse pour le Forum Médias du Futur "
             "2026, pour moi-même et un photographe de la rédaction de L'Hebdo Méridien.\n\n"
             "Vous trouverez nos cartes de presse sur demande.\n\nCordialement,\nJean-Marc Delorme\n"),
    "assets": eml(
        subject="Hi-res images for the Headlines in Ink exhibition",
        sender="Priya Nair <priya.nair@gulfledger.example>", msgid="<ink-photos@gulfledger.example>",
        body="Hello,\n\nWe are running a feature on the Headlines in Ink exhibition this weekend and would "
             "need three high-resolution photographs with captions and credits. Our brief is attached.\n\n"
             "Thanks,\nPriya Nair, picture desk, Gulf Ledger\n",
        attachment=("picture-desk-brief.pdf", PDF)),
    "autoreply": eml(
        subject="Automatic reply: GIMS publishes its 2026 media literacy report",
        sender="Mark Ellison <mark.ellison@tradewinds-review.example>", msgid="<oof-55@tradewinds-review.example>",
        headers=(("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")),
        body="I am out of the office until 14 December with limited access to email. For urgent matters "
             "please contact the news desk.\n"),
    "nosender": eml(
        subject="Question about the regional figures",
        sender=None, msgid="<anon-q@unknown.example>",
        body="Where can I find the regional breakdown of the survey? Thank you.\n"),
}
REPLY = eml(
    subject="Re: Interview request: The Evening Brief tonight on the media literacy report",
    sender="Helen Rowe <h.rowe@gen-tv.example>", msgid="<evening-brief-2@gen-tv.example>",
    headers=(("In-Reply-To", "<evening-brief-1@gen-tv.example>"), ("References", "<evening-brief-1@gen-tv.example>")),
    body="Following up: the studio slot moved to 19:30. A pre-interview call at 17:00 would help.\n")

README = Path(__file__).resolve().parents[1] / "README.md"


# --------------------------------------------------------------------------- seeding


def _stdlib_mailbox():
    """The standard library's mailbox module, even when the repo root is on sys.path (plain
    `python -m pytest` from the root, without -P) and `import mailbox` would find our folder."""
    module = sys.modules.get("mailbox")
    if module is not None and hasattr(module, "mbox"):
        return module
    path = Path(sysconfig.get_paths()["stdlib"]) / "mailbox.py"
    spec = importlib.util.spec_from_file_location("mailbox", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def stdlib_mailbox(monkeypatch):
    """Also what `import-mbox` gets when it runs in this process."""
    module = _stdlib_mailbox()
    monkeypatch.setitem(sys.modules, "mailbox", module)
    return module


def store(engine, *raws: bytes, mailbox: str = "test") -> list[int]:
    with session_scope(engine) as session:
        return repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox=mailbox, source="test")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """The seeded database (pipeline: ingest + triage + draft), built once per module."""
    base = tmp_path_factory.mktemp("cli-seed")
    url = f"sqlite:///{base / 'seed.db'}"
    upgrade(url)
    settings = load_settings(database_url=url, data_dir=base / "data", redis_url="redis://127.0.0.1:1/0")
    engine = engine_for(url)
    refs: dict[str, str] = {}
    for key, raw in INBOX.items():
        [inbound_id] = store(engine, raw)
        result = pipeline.process_inbound(engine, inbound_id, settings)
        assert result.new_ticket, key
        with Session(engine) as session:
            refs[key] = session.get(Ticket, result.ticket_id).ref
    [reply_id] = store(engine, REPLY)
    result = pipeline.process_inbound(engine, reply_id, settings)
    assert not result.new_ticket and refs["interview"] == f"MR-{result.ticket_id}"
    engine.dispose()
    return base / "seed.db", base / "data", refs


@dataclass
class Desk:
    url: str
    tmp: Path
    refs: dict[str, str]

    @property
    def engine(self):
        return engine_for(self.url)

    def run(self, *args: str):
        try:
            return runner.invoke(app, list(args), catch_exceptions=False)
        finally:
            # The app's callback points structlog at the runner's stderr, closed once invoke
            # returns; point it back at the real one before the test calls the pipeline itself.
            logs.configure("WARNING")

    def json(self, *args: str):
        result = self.run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    def list_refs(self, *args: str) -> list[str]:
        return [t["ref"] for t in self.json("list", *args)]

    def tickets(self) -> list[Ticket]:
        with Session(self.engine) as session:
            return list(session.exec(select(Ticket).order_by(Ticket.id)).all())

    def ticket(self, ref: str) -> Ticket:
        with Session(self.engine) as session:
            return repo.ticket_by_ref(session, ref)

    def events(self, ref: str) -> list[TicketEvent]:
        with Session(self.engine) as session:
            ticket = repo.ticket_by_ref(session, ref)
            return list(session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)
                                     .order_by(TicketEvent.id)).all())

    def set(self, ref: str, **values) -> None:
        with session_scope(self.engine) as session:
            session.execute(update(Ticket).where(Ticket.id == repo.parse_ref(ref)).values(**values))

    def refs_where(self, predicate) -> set[str]:
        return {t.ref for t in self.tickets() if predicate(t)}

    def process(self, *raws: bytes) -> list[pipeline.IngestResult]:
        ids = store(self.engine, *raws)
        return [pipeline.process_inbound(self.engine, i, get_settings()) for i in ids]


@pytest.fixture
def desk(template, tmp_path, monkeypatch) -> Desk:
    seed, data_dir, refs = template
    db_path = tmp_path / "x.db"
    src, dst = sqlite3.connect(seed), sqlite3.connect(db_path)
    src.backup(dst)
    src.close(), dst.close()
    url = f"sqlite:///{db_path}"
    for name in ("MEDIADESK_DATABASE_URL", "MEDIADESK_DATA_DIR", "MEDIADESK_USER", "MEDIADESK_REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MEDIADESK_DATABASE_URL", url)
    monkeypatch.setenv("MEDIADESK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MEDIADESK_USER", "amal")
    monkeypatch.setenv("MEDIADESK_REDIS_URL", "redis://127.0.0.1:1/0")  # no Redis: everything in-process
    monkeypatch.chdir(tmp_path)  # no stray .env, nothing written to the repo
    reset_settings_cache()
    yield Desk(url, tmp_path, dict(refs))
    engine_for(url).dispose()
    reset_settings_cache()


def readme_section(start: str, end: str) -> str:
    """The README text from ``start`` up to ``end`` (where the JSON fields are documented)."""
    text = README.read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin:text.index(end, begin)]


# --------------------------------------------------------------------------- seed sanity


def test_seed_went_through_the_whole_pipeline(desk):
    by_ref = {t.ref: t for t in desk.tickets()}
    assert len(by_ref) == len(INBOX)  # the reply threaded onto the interview ticket
    assert by_ref[desk.refs["autoreply"]].status == "ignored"
    assert by_ref[desk.refs["nosender"]].needs_review
    assert all(t.triaged_at is not None and t.due_at is not None for t in by_ref.values()
               if t.ref != desk.refs["nosender"])


# --------------------------------------------------------------------------- list


def test_list_default_is_open_tickets_most_urgent_first(desk):
    data = desk.json("list")
    expected = desk.refs_where(lambda t: t.status in OPEN_STATUSES and t.merged_into_id is None)
    assert {t["ref"] for t in data} == expected
    assert desk.refs["autoreply"] not in expected  # ignored is not open
    ranks = {t.ref: (t.priority_rank, t.due_at is None, t.due_at or utcnow()) for t in desk.tickets()}
    keys = [ranks[t["ref"]] for t in data]
    assert keys == sorted(keys)
    assert len({t["priority"] for t in data}) > 1  # the order was really decided by priority
    assert set(desk.list_refs("--all")) == {t.ref for t in desk.tickets()}


def test_list_json_has_the_fields_the_readme_documents(desk):
    section = readme_section("`mediadesk list --json` prints", "`mediadesk show REF --json` adds")
    [first, *_] = desk.json("list", "--all")
    for field in first:
        assert f"`{field}`" in section, f"{field} is not documented in the README"
    documented = {"ref", "status", "priority", "category", "category_confidence", "language", "automated_kind",
                  "deadline", "subject", "requester", "requester_name", "assignee", "mailbox", "needs_review",
                  "overdue", "due_at", "created_at", "updated_at", "contact", "outlet"}
    assert set(first) == documented
    ticket = desk.ticket(first["ref"])
    assert first["requester"] == ticket.requester_email and first["status"] == ticket.status
    assert datetime.fromisoformat(first["created_at"]) == ticket.created_at  # ISO 8601 with offset


def test_list_piped_is_tab_separated_without_colour(desk):
    result = desk.run("list", "--all")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert "\x1b" not in result.stdout
    assert [line.split("\t")[0] for line in lines] == desk.list_refs("--all")
    assert all(len(line.split("\t")) == 9 for line in lines)  # ref … outlet, subject, no header line
    arabic = next(line.split("\t") for line in lines if line.startswith(desk.refs["arabic"] + "\t"))
    assert arabic[-1] == "طلب بيانات تفصيلية من تقرير الدراية الإعلامية"
    assert arabic[6] == "s.alotaibi@alwaha-daily.example"


@pytest.mark.parametrize("option,attr", [("--category", "category"), ("--language", "language"),
                                         ("--priority", "priority")])
def test_list_filters_match_the_database(desk, option, attr):
    tickets = desk.tickets()
    values = {getattr(t, attr) for t in tickets if getattr(t, attr)}
    assert len(values) > 1, f"the seed needs more than one {attr}"
    for value in values:
        expected = {t.ref for t in tickets if getattr(t, attr) == value}
        assert set(desk.list_refs("--all", option, value)) == expected
        assert set(desk.list_refs(option, value)) == {r for r in expected if desk.ticket(r).status in OPEN_STATUSES}


def test_list_language_filter_finds_the_arabic_inquiry(desk):
    assert desk.ticket(desk.refs["arabic"]).language == "ar"
    assert desk.list_refs("--language", "ar") == [desk.refs["arabic"]]


def test_list_status_filter_is_repeatable_and_reaches_closed_statuses(desk):
    assert desk.list_refs("--status", "ignored") == [desk.refs["autoreply"]]
    statuses = {t.status for t in desk.tickets()}
    both = desk.list_refs("--status", "ignored", "--status", "triaged")
    assert set(both) == desk.refs_where(lambda t: t.status in ("ignored", "triaged"))
    assert "triaged" in statuses and len(both) > 1


def test_list_assignee_and_review(desk):
    ref = desk.refs["french"]
    assert desk.run("assign", ref, "amal").exit_code == 0
    assert desk.list_refs("--assignee", "amal") == [ref]
    assert desk.list_refs("--assignee", "omar") == []
    review = desk.list_refs("--all", "--review")
    assert desk.refs["nosender"] in review
    assert set(review) == desk.refs_where(lambda t: t.needs_review)


def test_list_since_takes_an_age_or_an_iso_date(desk):
    old = [desk.refs["french"], desk.refs["assets"]]
    for ref in old:
        desk.set(ref, created_at=utcnow() - timedelta(days=10))
    recent = set(desk.list_refs("--since", "7d"))
    assert recent and not recent & set(old)
    assert set(desk.list_refs("--since", "240h")) == recent  # 10 days ago is just older than 240 h
    iso = (utcnow() - timedelta(days=3)).date().isoformat()
    assert set(desk.list_refs("--since", iso)) == recent
    assert set(old) <= set(desk.list_refs("--since", "11d"))
    bad = desk.run("list", "--since", "last week")
    assert bad.exit_code == ExitCode.USAGE and "--since" in bad.stderr and bad.stdout == ""


def test_list_search_subject_body_sender_and_arabic(desk):
    r = desk.refs
    assert desk.list_refs("--all", "--search", "Evening Brief") == [r["interview"]]
    assert desk.list_refs("--search", "studio slot") == [r["interview"]]  # only in the threaded reply
    assert desk.list_refs("--search", "الدراية") == [r["arabic"]]  # Arabic, from the subject
    assert desk.list_refs("--search", "الاستبيان") == [r["arabic"]]  # Arabic, only in the body
    assert desk.list_refs("--search", "alwaha-daily") == [r["arabic"]]  # sender address
    assert desk.list_refs("--search", "accreditation") == [r["french"]]  # accents folded, prefix
    assert set(desk.list_refs("--search", "photograph")) == {r["french"], r["assets"]}
    assert desk.list_refs("--search", "nonexistentword") == []
    assert desk.list_refs("--search", 'x" OR * NEAR(') == []  # user text is never query syntax


def test_list_search_combines_with_filters(desk):
    assert desk.list_refs("--search", "report", "--language", "ar") == []
    assert desk.list_refs("--all", "--search", "report") and desk.refs["autoreply"] in desk.list_refs(
        "--all", "--search", "report")
    assert desk.refs["autoreply"] not in desk.list_refs("--search", "report")  # open only by default


def test_list_limit_keeps_the_top_of_the_order(desk):
    full = desk.list_refs("--all")
    assert desk.list_refs("--all", "--limit", "2") == full[:2]
    assert desk.run("list", "--limit", "0").exit_code == ExitCode.USAGE


def test_list_status_error_lists_parked_mail(desk):
    raw = eml(subject="Statement request", sender="Omar <omar@sawt.example>", msgid="<parked-1@sawt.example>",
              body="Could we have a statement on the report?\n")
    [inbound_id] = store(desk.engine, raw)
    for _ in range(get_settings().max_attempts):
        pipeline.record_failure(desk.engine, inbound_id, OSError("attachment store unavailable"),
                                get_settings().max_attempts)
    [parked] = desk.json("list", "--status", "error")
    assert parked["inbound_id"] == inbound_id and parked["state"] == "parked"
    assert parked["attempts"] == get_settings().max_attempts and "attachment store unavailable" in parked["error"]
    piped = desk.run("list", "--status", "error").stdout.splitlines()
    assert len(piped) == 1 and piped[0].split("\t")[0] == f"#{inbound_id}"


# --------------------------------------------------------------------------- show


def test_show_json_has_thread_triage_draft_and_history(desk):
    section = readme_section("`mediadesk show REF --json` adds", "\n## ")
    data = desk.json("show", desk.refs["interview"])
    extra = set(data) - set(desk.json("list", "--all")[0])
    for field in extra:
        assert f"`{field}`" in section, f"{field} is not documented in the README"
    assert {"explanation", "language_confidence", "review_reason", "first_response_due_at", "acknowledged_at",
            "resolved_at", "closed_at", "messages", "draft", "events"} <= extra
    assert [m["message_id"] for m in data["messages"]] == ["<evening-brief-1@gen-tv.example>",
                                                          "<evening-brief-2@gen-tv.example>"]
    first = data["messages"][0]
    assert {"direction", "message_id", "from", "to", "subject", "date", "body", "attachments"} <= set(first)
    assert first["direction"] == "in" and first["from"] == "h.rowe@gen-tv.example"
    assert "live on The Evening Brief" in first["body"]
    assert data["explanation"] and all(isinstance(x, str) for x in data["explanation"])
    assert data["draft"]["status"] == "pending" and data["draft"]["to"] == "h.rowe@gen-tv.example"
    kinds = [e["kind"] for e in data["events"]]
    assert kinds[0] == "created" and "triage" in kinds and "draft" in kinds
    assert {"at", "actor", "kind", "from", "to", "note"} <= set(data["events"][0])


def test_show_attachments_and_refs_in_any_spelling(desk):
    ref = desk.refs["assets"]
    number = ref.split("-")[1]
    for spelling in (ref, ref.lower(), number):
        assert desk.json("show", spelling)["ref"] == ref
    [att] = desk.json("show", ref)["messages"][0]["attachments"]
    assert att["filename"] == "picture-desk-brief.pdf" and att["size"] == len(PDF)
    assert att["sha256"] == hashlib.sha256(PDF).hexdigest() and att["skipped_reason"] is None


def test_show_text_form(desk):
    result = desk.run("show", desk.refs["arabic"])
    assert result.exit_code == 0
    text = result.stdout
    assert "طلب بيانات تفصيلية" in text and "s.alotaibi@alwaha-daily.example" in text
    assert "الاستبيان" in text  # the body is shown
    reasons = desk.json("show", desk.refs["arabic"])["explanation"]
    assert min(reasons, key=len) in text  # triage is shown with its explanation
    assert any(line.split("\t")[1:3] == ["system", "created"] for line in text.splitlines() if "\t" in line)
    assert "\x1b" not in text


@pytest.mark.parametrize("zone, shown, other", [("Asia/Riyadh", "2026-12-02 15:00 +03", "Europe/Paris"),
                                                  ("Europe/Paris", "2026-12-02 13:00 CET", "Asia/Riyadh")])
def test_show_and_list_print_times_in_the_configured_zone_labelled(desk, monkeypatch, zone, shown, other):
    ref = desk.refs["french"]
    noon_utc = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
    desk.set(ref, due_at=noon_utc, deadline=noon_utc)
    monkeypatch.setenv("MEDIADESK_TIMEZONE", zone)
    reset_settings_cache()
    text = desk.run("show", ref).stdout
    assert f"due {shown}" in text and f"deadline {shown}" in text
    # not UTC, not the host's zone: the configured one (other lines carry the clock's own times)
    times = re.findall(r"\b(?:due|deadline) (\S+ \S+)", text)
    assert len(times) >= 2 and not [t for t in times if t.endswith("12:00")]
    [row] = [line.split("\t") for line in desk.run("list").stdout.splitlines() if line.startswith(ref + "\t")]
    assert row[5] == shown
    assert desk.json("show", ref)["due_at"] == "2026-12-02T12:00:00+00:00"  # JSON keeps the instant, in UTC
    monkeypatch.setenv("MEDIADESK_TIMEZONE", other)
    reset_settings_cache()
    assert shown not in desk.run("show", ref).stdout


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", "Riyadh", "+03:00", ""])
def test_an_unknown_time_zone_is_a_settings_error_naming_the_variable(desk, monkeypatch, value):
    monkeypatch.setenv("MEDIADESK_TIMEZONE", value)
    reset_settings_cache()
    for command in (["list"], ["show", desk.refs["french"]], ["stats"]):
        result = desk.run(*command)
        assert result.exit_code == ExitCode.USAGE, (command, result.stdout)
        assert "MEDIADESK_TIMEZONE" in result.stderr and result.stdout == ""
    doctor = desk.run("doctor", "--only", "settings")
    assert doctor.exit_code == ExitCode.USAGE and "MEDIADESK_TIMEZONE" in doctor.stdout + doctor.stderr


def test_show_raw_is_the_original_bytes(desk):
    result = desk.run("show", desk.refs["assets"], "--raw")
    assert result.exit_code == 0
    assert result.stdout_bytes == INBOX["assets"]
    threaded = desk.run("show", desk.refs["interview"], "--raw")
    assert threaded.stdout_bytes == INBOX["interview"]  # the first message of the thread


def test_show_unknown_ref_is_not_found(desk):
    result = desk.run("show", "MR-9999")
    assert result.exit_code == ExitCode.NOT_FOUND and "no ticket MR-9999" in result.stderr and result.stdout == ""


# --------------------------------------------------------------------------- status, assign, note


def test_status_legal_move_records_the_actor(desk):
    ref = desk.refs["french"]
    before = desk.ticket(ref).status
    result = desk.run("status", ref, "in_progress", "--note", "called back")
    assert result.exit_code == 0 and f"{ref}: in_progress" in result.stderr and result.stdout == ""
    assert desk.ticket(ref).status == "in_progress"
    event = desk.events(ref)[-1]
    assert (event.actor, event.kind, event.from_status, event.to_status, event.note) == \
        ("amal", "status", before, "in_progress", "called back")


def test_status_repeat_says_already_and_changes_nothing(desk):
    ref = desk.refs["french"]
    assert desk.run("status", ref, "resolved").exit_code == 0
    events = len(desk.events(ref))
    resolved_at = desk.ticket(ref).resolved_at
    again = desk.run("status", ref, "resolved")
    assert again.exit_code == 0 and "already resolved" in again.stderr
    assert len(desk.events(ref)) == events and desk.ticket(ref).resolved_at == resolved_at


def test_status_illegal_move_is_a_conflict_and_changes_nothing(desk):
    ref = desk.refs["french"]
    assert desk.run("status", ref, "closed").exit_code == 0
    events, ticket = len(desk.events(ref)), desk.ticket(ref)
    result = desk.run("status", ref, "waiting")
    assert result.exit_code == ExitCode.CONFLICT
    assert "cannot go from closed to waiting" in result.stderr and "in_progress" in result.stderr
    after = desk.ticket(ref)
    assert after.status == "closed" and after.updated_at == ticket.updated_at and len(desk.events(ref)) == events


def test_status_unknown_status_is_a_usage_error(desk):
    ref = desk.refs["french"]
    before = desk.ticket(ref).status
    result = desk.run("status", ref, "done")
    assert result.exit_code == ExitCode.USAGE and "unknown status 'done'" in result.stderr
    assert desk.ticket(ref).status == before and desk.events(ref)[-1].kind != "status"
    assert desk.run("status", "MR-9999", "closed").exit_code == ExitCode.NOT_FOUND


def test_status_acknowledged_and_reopen_through_the_cli(desk):
    ref = desk.refs["interview"]
    assert desk.run("status", ref, "acknowledged").exit_code == 0
    assert desk.ticket(ref).acknowledged_at is not None
    for step in ("resolved", "closed", "in_progress"):  # closed → in_progress reopens
        assert desk.run("status", ref, step).exit_code == 0, step
    ticket = desk.ticket(ref)
    assert ticket.status == "in_progress" and ticket.closed_at is None and ticket.resolved_at is None
    assert ref in desk.list_refs()


def test_assign_and_unassign(desk):
    ref = desk.refs["arabic"]
    result = desk.run("assign", ref, "amal")
    assert result.exit_code == 0 and "assigned to amal" in result.stderr
    assert desk.ticket(ref).assignee == "amal"
    events = len(desk.events(ref))
    again = desk.run("assign", ref, "amal")
    assert again.exit_code == 0 and "already assigned to amal" in again.stderr and len(desk.events(ref)) == events
    assert desk.run("assign", ref, "-").exit_code == 0
    assert desk.ticket(ref).assignee is None
    assign_events = [e for e in desk.events(ref) if e.kind == "assign"]
    assert [(e.actor, e.note) for e in assign_events] == [("amal", "assigned to amal"), ("amal", "assigned to nobody")]


def test_note_is_kept_in_the_history(desk):
    ref = desk.refs["arabic"]
    result = desk.run("note", ref, "اتصلت بها - called her, sending the tables tomorrow")
    assert result.exit_code == 0
    event = desk.events(ref)[-1]
    assert (event.kind, event.actor, event.note) == ("note", "amal", "اتصلت بها - called her, sending the tables tomorrow")
    shown = desk.json("show", ref)["events"][-1]
    assert shown["note"] == event.note and shown["actor"] == "amal"
    assert desk.run("note", "MR-9999", "x").exit_code == ExitCode.NOT_FOUND


# --------------------------------------------------------------------------- categorise


def test_categorise_stores_a_training_example(desk):
    ref = desk.refs["assets"]
    old = desk.ticket(ref).category
    target = "interview_request" if old != "interview_request" else "media_assets"
    result = desk.run("categorise", ref, target)
    assert result.exit_code == 0 and "training example" in result.stderr
    ticket = desk.ticket(ref)
    assert ticket.category == target and ticket.category_confidence == 1.0
    with Session(desk.engine) as session:
        [example] = session.exec(select(LabelledExample)).all()
    assert (example.ticket_id, example.category, example.actor, example.language) == \
        (ticket.id, target, "amal", ticket.language)
    assert "Headlines in Ink" in example.text and "high-resolution photographs" in example.text
    event = desk.events(ref)[-1]
    assert (event.kind, event.actor, event.note) == ("categorise", "amal", f"{old} → {target}")
    assert set(desk.list_refs("--category", target)) >= {ref}


def test_categorise_repeat_and_unknown(desk):
    ref = desk.refs["assets"]
    assert desk.run("categorise", ref, "general").exit_code == 0
    events = len(desk.events(ref))
    again = desk.run("categorise", ref, "general")
    assert again.exit_code == 0 and "already" in again.stderr
    with Session(desk.engine) as session:
        assert len(session.exec(select(LabelledExample)).all()) == 1  # no duplicate training example
    assert len(desk.events(ref)) == events
    bad = desk.run("categorise", ref, "gossip")
    assert bad.exit_code == ExitCode.USAGE and "interview_request" in bad.stderr
    assert desk.ticket(ref).category == "general"


# --------------------------------------------------------------------------- merge


def test_merge_moves_the_thread_and_later_replies_follow(desk):
    source, target = desk.refs["nosender"], desk.refs["arabic"]
    result = desk.run("merge", source, target)
    assert result.exit_code == 0 and f"{source} merged into {target}: 1 message(s) moved" in result.stderr
    src = desk.ticket(source)
    assert src.merged_into_id == desk.ticket(target).id and src.status == "closed"
    assert source not in desk.list_refs("--all")
    shown = desk.json("show", target)
    assert [m["message_id"] for m in shown["messages"]] == ["<alwaha-data-7@alwaha-daily.example>",
                                                           "<anon-q@unknown.example>"]
    assert (shown["events"][-1]["kind"], shown["events"][-1]["actor"]) == ("merge", "amal")
    closing = [e for e in desk.events(source) if e.kind == "status"][-1]
    assert (closing.actor, closing.to_status, closing.note) == ("amal", "closed", f"merged into {target}")
    # a later reply to the merged ticket's message, from the requester of the conversation the team
    # merged it into, lands on the ticket that kept the thread
    [reply] = desk.process(eml(subject="Re: Question about the regional figures",
                               sender="سارة العتيبي <s.alotaibi@alwaha-daily.example>",
                               msgid="<anon-q2@unknown.example>", headers=(("In-Reply-To", "<anon-q@unknown.example>"),),
                               body="Any news?\n"))
    assert reply.ticket_id == desk.ticket(target).id and not reply.new_ticket
    again = desk.run("merge", source, target)
    assert again.exit_code == 0 and "already merged" in again.stderr


def test_merge_refuses_itself_and_unknown_refs(desk):
    ref = desk.refs["french"]
    assert desk.run("merge", ref, ref).exit_code == ExitCode.CONFLICT
    assert desk.run("merge", ref, "MR-9999").exit_code == ExitCode.NOT_FOUND
    assert desk.ticket(ref).merged_into_id is None and desk.ticket(ref).status == "triaged"


def test_search_after_merge_finds_the_surviving_ticket(desk):
    source, target = desk.refs["nosender"], desk.refs["arabic"]
    assert desk.run("merge", source, target).exit_code == 0
    assert desk.list_refs("--search", "regional breakdown") == [target]


# --------------------------------------------------------------------------- reprocess


def test_reprocess_ticket_reruns_triage_and_records_who(desk):
    ref = desk.refs["french"]
    triage_events = [e for e in desk.events(ref) if e.kind == "triage"]
    result = desk.run("reprocess", ref)
    assert result.exit_code == 0 and f"{ref}: triage re-run" in result.stderr
    events = desk.events(ref)
    assert len([e for e in events if e.kind == "triage"]) == len(triage_events) + 1
    assert any(e.kind == "reprocess" and e.actor == "amal" for e in events)
    with Session(desk.engine) as session:  # still one acknowledgement
        assert len(session.exec(select(Draft).where(Draft.ticket_id == desk.ticket(ref).id)).all()) == 1
    assert desk.run("reprocess", "MR-9999").exit_code == ExitCode.NOT_FOUND


def test_reprocess_parked_redrives_into_a_ticket(desk):
    raw = eml(subject="Request for comment on the report", sender="Omar Said <omar@sawt.example>",
              msgid="<parked-2@sawt.example>", body="We are publishing tonight and would welcome a comment.\n")
    [inbound_id] = store(desk.engine, raw)
    max_attempts = get_settings().max_attempts
    for _ in range(max_attempts):
        pipeline.record_failure(desk.engine, inbound_id, TimeoutError("database is locked"), max_attempts)
    assert len(desk.json("list", "--status", "error")) == 1
    result = desk.run("reprocess", "parked")
    assert result.exit_code == 0 and "re-drove 1 parked message(s)" in result.stderr
    assert desk.json("list", "--status", "error") == []
    with Session(desk.engine) as session:
        inbound = session.get(InboundMessage, inbound_id)
    assert inbound.state == "done" and inbound.ticket_id is not None
    ticket = desk.ticket(str(inbound.ticket_id))
    assert ticket.requester_email == "omar@sawt.example" and ticket.triaged_at is not None


# --------------------------------------------------------------------------- stats


def test_stats_counts_match_the_database(desk):
    data = desk.json("stats")
    assert set(data) == {"total", "by_status", "by_category", "by_language", "by_priority", "time_to_acknowledge",
                         "time_to_resolve", "sla_breaches", "overdue", "per_day", "by_outlet_kind", "deadlines",
                         "top_outlets", "replies_per_statement"}
    tickets = desk.tickets()
    assert data["total"] == len(tickets)
    from collections import Counter

    assert data["by_status"] == dict(Counter(t.status for t in tickets))
    assert data["by_category"] == dict(Counter(t.category or "untriaged" for t in tickets))
    assert data["by_language"] == dict(Counter(t.language or "unknown" for t in tickets))
    assert data["by_priority"] == dict(Counter(t.priority or "untriaged" for t in tickets))
    assert sum(data["per_day"].values()) == len(tickets)
    assert data["time_to_acknowledge"] == {"count": 0, "median_hours": None, "p90_hours": None}


def test_stats_response_times_breaches_and_merged_excluded(desk):
    r = desk.refs
    now = utcnow()
    desk.set(r["interview"], created_at=now - timedelta(hours=10))
    desk.set(r["arabic"], created_at=now - timedelta(hours=30))
    for ref in (r["interview"], r["arabic"]):
        assert desk.run("status", ref, "acknowledged").exit_code == 0
    assert desk.run("status", r["arabic"], "resolved").exit_code == 0
    # one open ticket past both its due times, one resolved in time
    desk.set(r["french"], first_response_due_at=now - timedelta(hours=2), due_at=now - timedelta(hours=1))
    for ref in (r["interview"], r["arabic"], r["assets"], r["nosender"]):
        desk.set(ref, first_response_due_at=now + timedelta(days=3), due_at=now + timedelta(days=5))
    assert desk.run("merge", r["nosender"], r["arabic"]).exit_code == 0
    data = desk.json("stats")
    assert data["total"] == len(INBOX) - 1  # the merged ticket is not counted twice
    ack = data["time_to_acknowledge"]
    assert ack["count"] == 2 and 19.9 <= ack["median_hours"] <= 20.1 and 29.9 <= ack["p90_hours"] <= 30.1
    assert data["time_to_resolve"]["count"] == 1 and 29.9 <= data["time_to_resolve"]["median_hours"] <= 30.1
    # the ignored auto-reply never counts as a breach, whatever its due time
    desk.set(r["autoreply"], first_response_due_at=now - timedelta(days=1), due_at=now - timedelta(days=1))
    assert desk.json("stats")["sla_breaches"] == {"first_response": 1, "resolution": 1}


def test_stats_since_until(desk):
    old = [desk.refs["french"], desk.refs["assets"]]
    for ref in old:
        desk.set(ref, created_at=datetime(2026, 1, 10, 9, 0, tzinfo=timezone.utc))
    assert desk.json("stats", "--until", "2026-02-01")["total"] == 2
    assert desk.json("stats", "--until", "2026-02-01")["per_day"] == {"2026-01-10": 2}
    assert desk.json("stats", "--since", "2026-02-01")["total"] == len(INBOX) - 2
    assert desk.json("stats", "--since", "2026-01-10", "--until", "2026-01-11")["total"] == 2
    assert desk.json("stats", "--since", "2026-01-11", "--until", "2026-02-01")["total"] == 0
    bad = desk.run("stats", "--since", "January")
    assert bad.exit_code == ExitCode.USAGE and "--since" in bad.stderr


def test_stats_piped_is_tab_separated(desk):
    result = desk.run("stats")
    assert result.exit_code == 0 and "\x1b" not in result.stdout
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) in (2, 4) for row in rows)
    counts = dict(row for row in rows if len(row) == 2)
    assert counts["ignored"] == "1"
    day = utcnow().astimezone(ZoneInfo(get_settings().timezone)).date().isoformat()  # days in MEDIADESK_TIMEZONE
    assert counts[day] == str(len(INBOX))


# --------------------------------------------------------------------------- overdue (read time; the sweep only notifies)


def _overdue_counts(desk) -> dict[str, object]:
    """What each reader says is overdue: list --overdue, list --json, show, stats, doctor, metrics."""
    listed = desk.list_refs("--overdue")
    flagged = [t["ref"] for t in desk.json("list") if t["overdue"]]
    shown = [t.ref for t in desk.tickets() if desk.json("show", t.ref)["overdue"]]
    doctor = desk.run("doctor", "--only", "overdue", "--json")
    [check] = [c for c in json.loads(doctor.stdout)["checks"] if c["check"] == "overdue"]
    metrics = desk.run("metrics", "--once", "--min-interval", "0")
    gauge = next(line for line in metrics.stdout.splitlines() if line.startswith("mediadesk_tickets_overdue "))
    return {"list --overdue": sorted(listed), "list --json": sorted(flagged), "show --json": sorted(shown),
            "stats": desk.json("stats")["overdue"], "doctor": check["detail"],
            "metrics": int(float(gauge.split()[-1]))}


def test_overdue_is_computed_at_read_time_and_every_reader_agrees(desk):
    r = desk.refs
    now = utcnow()
    for ref in (r["interview"], r["arabic"], r["assets"], r["nosender"]):
        desk.set(ref, first_response_due_at=now + timedelta(days=1), due_at=now + timedelta(days=3))
    # due ten days ago; beat's sweep never ran (the demo, or any install whose beat is down)
    desk.set(r["french"], first_response_due_at=now - timedelta(days=11), due_at=now - timedelta(days=10))
    desk.set(r["autoreply"], due_at=now - timedelta(days=10))  # ignored: never overdue
    assert desk.ticket(r["french"]).overdue is False  # the stored flag was never set
    expected = [r["french"]]
    assert _overdue_counts(desk) == {"list --overdue": expected, "list --json": expected, "show --json": expected,
                                     "stats": 1, "doctor": "1 open ticket(s) past their due time", "metrics": 1}
    piped = desk.run("list", "--overdue").stdout.splitlines()
    assert len(piped) == 1 and piped[0].split("\t")[0] == r["french"] and piped[0].split("\t")[1].endswith("!")
    assert desk.json("stats")["sla_breaches"]["resolution"] >= 1

    # The sweep only notifies: it records the event once and changes nothing any reader says.
    assert sweeps.mark_overdue(desk.engine) == expected
    assert sweeps.mark_overdue(desk.engine) == []
    events = [e for e in desk.events(r["french"]) if e.kind == "overdue"]
    assert [(e.kind, e.actor) for e in events] == [("overdue", "system")]
    assert _overdue_counts(desk)["list --overdue"] == expected

    # Overdue follows due_at and the status, not a stored flag: a later due time or a closed ticket is not overdue.
    desk.set(r["french"], due_at=now + timedelta(days=2))
    assert desk.list_refs("--overdue") == [] and desk.json("show", r["french"])["overdue"] is False
    desk.set(r["french"], due_at=now - timedelta(days=10))
    assert desk.run("status", r["french"], "closed").exit_code == 0
    assert _overdue_counts(desk) == {"list --overdue": [], "list --json": [], "show --json": [], "stats": 0,
                                     "doctor": "no overdue ticket", "metrics": 0}


def test_the_sweep_marks_each_ticket_once_with_a_controlled_clock(desk):
    open_due = sorted((t.due_at, t.ref) for t in desk.tickets() if t.status in OPEN_STATUSES and t.due_at)
    assert len({d for d, _ in open_due}) > 1, "the seed needs different due times"
    earliest = open_due[0][0]
    assert sweeps.mark_overdue(desk.engine, now=earliest - timedelta(seconds=1)) == []
    clock = earliest + timedelta(seconds=1)
    expected = [ref for due, ref in open_due if due < clock]
    assert 0 < len(expected) < len(open_due)
    assert sorted(sweeps.mark_overdue(desk.engine, now=clock)) == sorted(expected)
    event = desk.events(expected[0])[-1]
    assert (event.kind, event.actor) == ("overdue", "system")
    assert sweeps.mark_overdue(desk.engine, now=clock) == []  # recorded once
    # a closed ticket is never marked, whatever its due time
    later = open_due[-1][0] + timedelta(hours=1)
    last_ref = open_due[-1][1]
    assert desk.run("status", last_ref, "closed").exit_code == 0
    marked = sweeps.mark_overdue(desk.engine, now=later)
    assert last_ref not in marked and desk.ticket(last_ref).overdue is False


# --------------------------------------------------------------------------- import-mbox


def _new_inquiries(tag: str) -> list[bytes]:
    return [
        eml(subject=f"Podcast invitation ({tag})", sender="Laila Haddad <laila@samar-podcast.example>",
            msgid=f"<podcast-{tag}@samar-podcast.example>",
            body="We would love to host your spokesperson on our weekly podcast about media and society.\n"),
        eml(subject=f"طلب مداخلة هاتفية ({tag})", sender="نواف <nawaf@sawt-almadina.example>",
            msgid=f"<call-{tag}@sawt-almadina.example>",
            body="نرغب في مداخلة هاتفية مباشرة مع المتحدث الرسمي صباح الغد في برنامج صباح المدينة.\n"),
    ]


def test_import_mbox_is_idempotent_and_dedupes_known_mail(desk, stdlib_mailbox):
    path = desk.tmp / "export.mbox"
    box = stdlib_mailbox.mbox(str(path))
    # The French inquiry is already a ticket: once as the same bytes (not stored again) and once
    # as another copy of it, with a Received line on top (stored, but threads as a duplicate).
    copy = b"Received: from archive.gims.example by mx1.gims.example; Sun, 29 Nov 2026 08:00:00 +0000\r\n"
    for raw in [*_new_inquiries("mbox"), INBOX["french"], copy + INBOX["french"]]:
        box.add(raw)
    box.flush(), box.close()
    before = len(desk.tickets())
    result = desk.run("import-mbox", str(path), "--inline")
    assert result.exit_code == 0 and f"stored 3 new message(s) from {path}" in " ".join(result.stderr.split())
    tickets = desk.tickets()
    assert len(tickets) == before + 2
    new = {t.subject: t for t in tickets[before:]}
    assert set(new) == {"Podcast invitation (mbox)", "طلب مداخلة هاتفية (mbox)"}
    assert all(t.mailbox == "import:export.mbox" and t.triaged_at for t in new.values())
    again = desk.run("import-mbox", str(path))
    assert again.exit_code == 0 and "stored 0 new message(s)" in again.stderr
    assert len(desk.tickets()) == before + 2
    assert desk.list_refs("--search", "podcast") == [t.ref for t in new.values() if "Podcast" in t.subject]


def test_import_maildir(desk, stdlib_mailbox):
    path = desk.tmp / "Maildir"
    box = stdlib_mailbox.Maildir(str(path), create=True)
    for raw in _new_inquiries("maildir"):
        box.add(raw)
    before = len(desk.tickets())
    result = desk.run("import-mbox", str(path), "--inline")
    assert result.exit_code == 0 and "stored 2 new message(s)" in result.stderr
    assert len(desk.tickets()) == before + 2
    assert "stored 0 new" in desk.run("import-mbox", str(path), "--inline").stderr
    assert len(desk.tickets()) == before + 2
    missing = desk.run("import-mbox", str(desk.tmp / "nope.mbox"))
    assert missing.exit_code == ExitCode.USAGE


# --------------------------------------------------------------------------- drafts, db


def test_draft_list_and_show(desk):
    with Session(desk.engine) as session:
        drafted = {session.get(Ticket, d.ticket_id).ref for d in session.exec(select(Draft)).all()}
    assert desk.refs["interview"] in drafted and desk.refs["autoreply"] not in drafted
    assert {d["ref"] for d in desk.json("draft", "list")} == drafted
    shown = desk.run("draft", "show", desk.refs["interview"])
    assert shown.exit_code == 0 and f"[{desk.refs['interview']}]" in shown.stdout
    assert "To:       Helen Rowe <h.rowe@gen-tv.example>" in shown.stdout
    none = desk.run("draft", "show", desk.refs["autoreply"])
    assert none.exit_code == ExitCode.NOT_FOUND and "no acknowledgement draft" in none.stderr


def test_db_status_and_upgrade_on_a_fresh_database(desk, monkeypatch):
    url = f"sqlite:///{desk.tmp / 'fresh.db'}"
    monkeypatch.setenv("MEDIADESK_DATABASE_URL", url)
    reset_settings_cache()
    status = desk.run("db", "status")
    assert status.exit_code == ExitCode.UNAVAILABLE and "pending" in status.stderr
    refused = desk.run("list")
    assert refused.exit_code == ExitCode.UNAVAILABLE and "mediadesk db upgrade" in refused.stderr
    assert desk.run("db", "upgrade").exit_code == 0
    ok = desk.run("db", "status")
    assert ok.exit_code == 0 and "up to date" in ok.stderr
    assert desk.json("list") == []
    assert desk.run("db", "upgrade").exit_code == 0  # safe to repeat


def test_every_command_finds_a_ticket_by_the_same_references(desk):
    """One lookup: the ref as printed, in lower case, as quoted from a subject or bare; a number
    no ticket can have is simply not found."""
    ref = desk.refs["french"]
    number = ref.split("-")[1]
    for typed in (ref, ref.lower(), f"[{ref}]", number, f"#{number}"):
        shown = desk.run("show", typed, "--json")
        assert shown.exit_code == 0, (typed, shown.stderr)
        assert json.loads(shown.stdout)["ref"] == ref
        assert desk.run("draft", "show", typed).exit_code == 0, typed
    for missing in ("MR-99999999999999999999", "MR-", "nothing"):
        assert desk.run("show", missing).exit_code == ExitCode.NOT_FOUND, missing
        assert desk.run("draft", "show", missing).exit_code == ExitCode.NOT_FOUND, missing
