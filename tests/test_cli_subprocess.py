"""The installed `mediadesk` console script as the press team runs it: real processes, the
bundled demo inbox as the seed, a pipe or a pseudo-terminal on stdout.

Every process runs with its own environment (MEDIADESK_DATABASE_URL, MEDIADESK_DATA_DIR,
MEDIADESK_USER=amal, Redis pointed at a closed port so all work happens in-process) in a temp
directory, never in the repo root.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import pty
import select as select_mod
import sqlite3
import struct
import subprocess
import sys
import sysconfig
import termios
import time
import re
from datetime import timedelta
from email.message import EmailMessage
from email.policy import SMTP
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from mediadesk.cli.common import ExitCode
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope
from mediadesk.storage.models import InboundMessage, Ticket, utcnow
from mediadesk.worker import pipeline, sweeps
from mediadesk.worker.workflow import OPEN_STATUSES

CLI = str(Path(sys.executable).parent / "mediadesk")
README = Path(__file__).resolve().parents[1] / "README.md"
ANSI = "\x1b["
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\\\")
DEMO_FILES = sorted((p for p in (resources.files("mediadesk.demo") / "inbox").iterdir() if p.name.endswith(".eml")),
                    key=lambda p: p.name)

LIST_FIELDS = {"ref", "status", "priority", "category", "category_confidence", "language", "automated_kind",
               "deadline", "subject", "requester", "requester_name", "assignee", "mailbox", "needs_review",
               "overdue", "due_at", "created_at", "updated_at", "contact", "outlet"}
SHOW_EXTRA = {"explanation", "language_confidence", "review_reason", "first_response_due_at", "acknowledged_at",
              "resolved_at", "closed_at", "messages", "draft", "events", "related", "story", "statements"}


def stdlib_mailbox():
    """The standard library's mailbox module even if the repo root is on sys.path."""
    module = sys.modules.get("mailbox")
    if module is not None and hasattr(module, "mbox"):
        return module
    spec = importlib.util.spec_from_file_location("_stdlib_mailbox", Path(sysconfig.get_paths()["stdlib"]) / "mailbox.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def base_env(tmp: Path, db: Path) -> dict[str, str]:
    drop = ("MEDIADESK_", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES",
            "PYTHONPATH", "CLICOLOR")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env |= {
        "MEDIADESK_DATABASE_URL": f"sqlite:///{db}",
        "MEDIADESK_DATA_DIR": str(tmp / "data"),
        "MEDIADESK_USER": "amal",
        "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0",  # closed port: no Redis, everything in-process
    }
    return env


class Site:
    """A working directory with its own copy of the demo database."""

    def __init__(self, tmp: Path, db: Path):
        self.tmp, self.db = tmp, db
        self.env = base_env(tmp, db)
        self.url = self.env["MEDIADESK_DATABASE_URL"]

    def run(self, *args: str, env: dict[str, str] | None = None, binary: bool = False,
            timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run([CLI, *args], env=env or self.env, cwd=self.tmp, capture_output=True, text=not binary,
                              stdin=subprocess.DEVNULL, timeout=timeout)

    def json(self, *args: str):
        proc = self.run(*args, "--json")
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    def tty(self, *args: str, columns: int = 160, timeout: float = 120) -> tuple[int, str, str]:
        """Run with a pseudo-terminal on stdin/stdout (stderr still a pipe)."""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
        env = self.env | {"TERM": "xterm-256color"}
        proc = subprocess.Popen([CLI, *args], env=env, cwd=self.tmp, stdin=slave, stdout=slave,
                                stderr=subprocess.PIPE, close_fds=True)
        os.close(slave)
        chunks, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select_mod.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        rc = proc.wait(timeout=max(1, deadline - time.monotonic()))
        stderr = proc.stderr.read().decode()
        proc.stderr.close()
        os.close(master)
        return rc, b"".join(chunks).decode().replace("\r\n", "\n"), stderr

    @property
    def engine(self):
        return engine_for(self.url)

    def tickets(self) -> list[Ticket]:
        with Session(self.engine) as session:
            return list(session.exec(select(Ticket).order_by(Ticket.id)).all())


def sqlite_copy(src: Path, dst: Path) -> None:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close(), b.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """`mediadesk demo` run once, in a temp dir: the seed for every test here."""
    tmp = tmp_path_factory.mktemp("demo")
    site = Site(tmp, tmp / "demo.db")
    proc = site.run("demo")
    assert proc.returncode == 0, proc.stderr
    engine_for(site.url).dispose()
    return site, proc


@pytest.fixture
def site(demo, tmp_path) -> Site:
    seeded, _ = demo
    sqlite_copy(seeded.db, tmp_path / "x.db")
    site = Site(tmp_path, tmp_path / "x.db")
    site.env["MEDIADESK_DATA_DIR"] = seeded.env["MEDIADESK_DATA_DIR"]
    yield site
    engine_for(site.url).dispose()


def tsv(stdout: str) -> list[list[str]]:
    return [line.split("\t") for line in stdout.splitlines()]


# --------------------------------------------------------------------------- demo


def test_demo_processes_the_bundled_inbox_and_is_safe_to_repeat(demo, site):
    seeded, proc = demo
    assert f"stored {len(DEMO_FILES)} new of {len(DEMO_FILES)} demo message(s)" in " ".join(proc.stderr.split())
    rows = tsv(proc.stdout)
    tickets = site.tickets()
    assert [r[0] for r in rows] == [t.ref for t in tickets]  # every ticket, in creation order
    assert len(tickets) < len(DEMO_FILES)  # replies threaded onto their tickets
    assert all(len(r) == 9 for r in rows) and ANSI not in proc.stdout
    with Session(site.engine) as session:
        states = repo.count_by_state(session)
    assert states == {"done": len(DEMO_FILES)}
    assert {t.status for t in tickets} >= {"triaged", "ignored"}
    again = site.run("demo")
    assert again.returncode == 0 and f"stored 0 new of {len(DEMO_FILES)}" in " ".join(again.stderr.split())
    assert len(site.tickets()) == len(tickets)
    assert [r[0] for r in tsv(again.stdout)] == [t.ref for t in tickets]


# --------------------------------------------------------------------------- output forms


def test_piped_list_is_tab_separated_and_messages_go_to_stderr(site):
    proc = site.run("list")
    assert proc.returncode == 0 and proc.stderr == ""
    rows = tsv(proc.stdout)
    assert ANSI not in proc.stdout and "┃" not in proc.stdout
    open_refs = {t.ref for t in site.tickets() if t.status in OPEN_STATUSES}
    assert {r[0] for r in rows} == open_refs and all(len(r) == 9 for r in rows)
    changed = site.run("status", rows[0][0], "in_progress")
    assert changed.returncode == 0 and changed.stdout == "" and f"{rows[0][0]}: in_progress" in changed.stderr


def test_terminal_gets_one_line_per_ticket(site):
    rc, raw, err = site.tty("list")
    assert rc == 0, err
    assert ANSI in raw  # styled for a terminal
    out = ANSI_RE.sub("", raw)
    open_refs = [t.ref for t in site.tickets() if t.status in OPEN_STATUSES]
    assert "\t" not in out and "┃" not in out and "│" not in out  # no tabs, no boxes (issue 18)
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("REF "))
    assert "SUBJECT" in header and "FROM" in header
    body = [line for line in lines if line.startswith("MR-")]
    assert sorted(line.split()[0] for line in body) == sorted(open_refs)  # one line each


def test_terminal_table_shows_subjects_literally(site):
    with session_scope(site.engine) as session:
        session.execute(update(Ticket).where(Ticket.id == 1).values(subject="[urgent] logo files for the [/b] backdrop"))
    rc, raw, err = site.tty("list")
    assert rc == 0, err
    assert "[urgent] logo files" in ANSI_RE.sub("", raw)


def test_terminal_stats_draws_the_bar_chart(site):
    rc, out, err = site.tty("stats")
    assert rc == 0, err
    assert "█" in out and "by status" in out and "SLA breaches" in out
    piped = site.run("stats")
    assert piped.returncode == 0 and "█" not in piped.stdout and ANSI not in piped.stdout
    day_rows = [r for r in tsv(piped.stdout) if len(r) == 2 and r[0][:4].isdigit() and r[0][4] == "-"]
    assert sum(int(n) for _, n in day_rows) == len(site.tickets())


def test_json_is_valid_and_has_the_documented_fields(site):
    readme = README.read_text(encoding="utf-8")
    listed = site.json("list", "--all")
    assert len(listed) == len(site.tickets())
    assert all(set(item) == LIST_FIELDS for item in listed)
    assert all(f"`{field}`" in readme for field in LIST_FIELDS | SHOW_EXTRA)
    shown = site.json("show", "MR-1")
    assert set(shown) == LIST_FIELDS | SHOW_EXTRA
    assert shown["messages"][0]["direction"] == "in" and shown["events"][0]["kind"] == "created"
    stats = site.json("stats")
    assert stats["total"] == len(listed)
    drafts = site.json("draft", "list")
    assert drafts and all(d["status"] == "pending" for d in drafts)
    assert site.json("list", "--status", "error") == []


def test_show_raw_prints_the_original_bytes(site):
    originals = [DEMO_FILES[0].read_bytes(), next(p for p in DEMO_FILES if "cp1256" in p.name).read_bytes()]
    with Session(site.engine) as session:  # closed before the CLI runs: SQLite reads take the write lock here
        refs = [f"MR-{session.exec(select(InboundMessage.ticket_id).where(InboundMessage.sha256 == hashlib.sha256(raw).hexdigest())).one()}"
                for raw in originals]
    for ref, original in zip(refs, originals):
        proc = site.run("show", ref, "--raw", binary=True)
        assert proc.returncode == 0 and proc.stdout == original, ref


def test_help_has_examples(site):
    proc = site.run("list", "--help")
    assert proc.returncode == 0 and "mediadesk list --status new --language ar" in proc.stdout


# --------------------------------------------------------------------------- exit codes


def test_exit_codes(site, tmp_path):
    cases = [
        (("show", "MR-9999"), ExitCode.NOT_FOUND, "no ticket MR-9999"),
        (("list", "--since", "whenever"), ExitCode.USAGE, "--since"),
        (("list", "--frobnicate"), ExitCode.USAGE, "No such option"),
        (("status", "MR-1", "done"), ExitCode.USAGE, "unknown status"),
    ]
    for args, code, message in cases:
        proc = site.run(*args)
        assert (proc.returncode, proc.stdout) == (code, ""), args
        assert message in proc.stderr, (args, proc.stderr)
    assert site.run("status", "MR-1", "closed").returncode == 0
    illegal = site.run("status", "MR-1", "waiting")
    assert illegal.returncode == ExitCode.CONFLICT and "cannot go from closed to waiting" in illegal.stderr
    repeat = site.run("status", "MR-1", "closed")
    assert repeat.returncode == 0 and "already closed" in repeat.stderr
    fresh = site.run("list", env=site.env | {"MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"})
    assert fresh.returncode == ExitCode.UNAVAILABLE and "mediadesk db upgrade" in fresh.stderr
    down = site.run("list", env=site.env | {"MEDIADESK_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/none"})
    assert down.returncode == ExitCode.UNAVAILABLE and "cannot open the database" in down.stderr
    bad_settings = site.run("list", env=site.env | {"MEDIADESK_AUTO_SEND_CATEGORIES": '["gossip"]'})
    assert bad_settings.returncode == ExitCode.USAGE and "MEDIADESK_AUTO_SEND_CATEGORIES" in bad_settings.stderr


def test_db_upgrade_and_status(site, tmp_path):
    env = site.env | {"MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}"}
    pending = site.run("db", "status", env=env)
    assert pending.returncode == ExitCode.UNAVAILABLE and "pending" in pending.stderr
    up = site.run("db", "upgrade", env=env)
    assert up.returncode == 0 and "latest schema" in up.stderr and up.stdout == ""
    ok = site.run("db", "status", env=env)
    assert ok.returncode == 0 and "up to date" in " ".join(ok.stderr.split())
    assert site.run("list", "--json", env=env).stdout.strip() == "[]"


def test_read_commands_do_not_wait_for_a_writer(site):
    from sqlalchemy import text

    with session_scope(site.engine) as session:  # a worker in the middle of a write transaction
        session.execute(text("UPDATE ticket SET updated_at = updated_at WHERE id = 1"))
        proc = subprocess.run([CLI, "list", "--json"], env=site.env, cwd=site.tmp, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=15)
    assert proc.returncode == 0 and json.loads(proc.stdout)


# --------------------------------------------------------------------------- audit


def test_every_mutating_command_records_the_actor(site):
    steps = [
        ("status", "MR-1", "in_progress", "--note", "on it"),
        ("assign", "MR-1", "amal"),
        ("note", "MR-1", "spokesperson confirmed for 19:00"),
        ("categorise", "MR-1", "interview_request"),
        ("reprocess", "MR-1"),
        ("merge", "MR-3", "MR-1"),
    ]
    before = {e["at"] + e["kind"] for e in site.json("show", "MR-1")["events"]}
    for args in steps:
        proc = site.run(*args)
        assert proc.returncode == 0, (args, proc.stderr)
    new = [e for e in site.json("show", "MR-1")["events"] if e["at"] + e["kind"] not in before]
    by_kind = {e["kind"]: e for e in new}
    for kind in ("status", "assign", "note", "categorise", "reprocess", "merge"):
        assert by_kind[kind]["actor"] == "amal", kind
    events = site.json("show", "MR-3")["events"]
    merged = [e for e in events if e["kind"] == "status"][-1]
    assert (merged["actor"], merged["to"]) == ("amal", "closed")
    # Its acknowledgement still pending when it was merged is withdrawn, by the same person.
    assert all(e["actor"] == "amal" for e in events[events.index(merged):])


def test_actor_defaults_to_the_login_name(site):
    env = {k: v for k, v in site.env.items() if k != "MEDIADESK_USER"} | {"LOGNAME": "nadia", "USER": "nadia"}
    assert site.run("note", "MR-2", "called back", env=env).returncode == 0
    event = site.json("show", "MR-2")["events"][-1]
    assert (event["kind"], event["actor"], event["note"]) == ("note", "nadia", "called back")


# --------------------------------------------------------------------------- overdue, parked, import


def test_list_overdue_without_beat_then_the_sweep_notifies_once(site):
    open_due = sorted((t.due_at, t.ref) for t in site.tickets() if t.status in OPEN_STATUSES and t.due_at)
    # Split about half-way where the next due time is at least ten minutes later: a ticket due a
    # few seconds after the split would fall due while the command starts.
    splits = [i for i in range(len(open_due) - 1) if open_due[i + 1][0] - open_due[i][0] >= timedelta(minutes=10)]
    split = min(splits, key=lambda i: abs(i - len(open_due) // 2))
    middle = open_due[split][0]
    now = utcnow()
    with session_scope(site.engine) as session:  # move the due times so that about half are past now
        for due, ref in open_due:
            session.execute(update(Ticket).where(Ticket.id == repo.parse_ref(ref)).values(due_at=now + (due - middle)))
    expected = sorted(ref for due, ref in open_due if due <= middle)  # due now is past by the time it is read
    assert expected and len(expected) < len(open_due)
    listed = site.json("list", "--overdue")  # no sweep has run: overdue is read from due_at and the clock
    assert sorted(t["ref"] for t in listed) == expected and all(t["overdue"] for t in listed)
    piped = tsv(site.run("list", "--overdue").stdout)
    assert sorted(r[0] for r in piped) == expected and all(r[1].endswith(" !") for r in piped)
    assert sorted(sweeps.mark_overdue(site.engine)) == expected  # the sweep records the event
    assert sweeps.mark_overdue(site.engine) == []  # once: the next beat changes nothing
    assert sorted(t["ref"] for t in site.json("list", "--overdue")) == expected


def test_parked_mail_listed_and_redriven(site):
    raw = (DEMO_FILES[0].read_bytes().replace(b"Message-ID: <", b"Message-ID: <parked-", 1)
           .replace(b"Subject: ", b"Subject: Second request: ", 1))
    with session_scope(site.engine) as session:
        [inbound_id] = repo.store_inbound(session, items=[repo.RawItem(raw=raw)], mailbox="INBOX", source="imap")
    for _ in range(5):
        pipeline.record_failure(site.engine, inbound_id, ConnectionError("redis went away"), 5)
    proc = site.run("list", "--status", "error")
    assert proc.returncode == 0 and [r[0] for r in tsv(proc.stdout)] == [f"#{inbound_id}"]
    assert "redis went away" in proc.stdout
    redrive = site.run("reprocess", "parked")
    assert redrive.returncode == 0 and "re-drove 1 parked message(s)" in redrive.stderr
    assert site.run("list", "--status", "error").stdout == ""
    with Session(site.engine) as session:
        assert session.get(InboundMessage, inbound_id).state == "done"


def _eml(sender: str, subject: str, msgid: str, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "media@gims.example", subject
    msg["Date"], msg["Message-ID"] = "Sat, 28 Nov 2026 09:00:00 +0100", msgid
    msg.set_content(body)
    return msg.as_bytes(policy=SMTP)


def _write_exports(tmp: Path) -> tuple[Path, Path]:
    """An mbox (two new inquiries plus a copy of the first demo message) and a Maildir of the two."""
    mailbox = stdlib_mailbox()
    new = [
        _eml("Fatima Zahra <f.zahra@rif-hebdo.example>", "Demande d'entretien – Rif Hebdo", "<rif-1@rif-hebdo.example>",
             "Bonjour, je prépare un dossier sur l'éducation aux médias au Maroc et souhaiterais un entretien.\n"),
        _eml("أحمد <ahmad@nabd.example>", "طلب مقابلة", "<nabd-1@nabd.example>",
             "نرجو تحديد موعد لمقابلة مع المتحدث الرسمي حول منصة الرصد.\n"),
    ]
    mbox_path = tmp / "archive.mbox"
    box = mailbox.mbox(str(mbox_path))
    for raw in [*new, DEMO_FILES[0].read_bytes()]:  # the first demo message is already a ticket
        box.add(raw)
    box.flush(), box.close()
    maildir_path = tmp / "Maildir"
    md = mailbox.Maildir(str(maildir_path), create=True)
    for raw in new:
        md.add(raw)
    return mbox_path, maildir_path


def test_import_mbox_and_maildir_without_duplicates(site):
    mbox_path, maildir_path = _write_exports(site.tmp)
    before = len(site.tickets())
    first = site.run("import-mbox", str(mbox_path))
    assert first.returncode == 0, first.stderr
    assert "stored 2 new message(s)" in " ".join(first.stderr.split())  # the demo copy: same bytes, not stored
    assert len(site.tickets()) == before + 2
    again = site.run("import-mbox", str(mbox_path))
    assert again.returncode == 0 and "stored 0 new message(s)" in " ".join(again.stderr.split())
    maildir = site.run("import-mbox", str(maildir_path), "--inline")
    assert maildir.returncode == 0 and "stored 0 new message(s)" in " ".join(maildir.stderr.split())
    assert len(site.tickets()) == before + 2
    assert [t["subject"] for t in site.json("list", "--search", "منصة الرصد")] == ["طلب مقابلة"]
    assert [t["requester"] for t in site.json("list", "--search", "rif-hebdo")] == ["f.zahra@rif-hebdo.example"]


def test_import_maildir_into_an_empty_database(site, tmp_path):
    _, maildir_path = _write_exports(tmp_path)
    env = site.env | {"MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    assert site.run("db", "upgrade", env=env).returncode == 0
    proc = site.run("import-mbox", str(maildir_path), env=env)
    assert proc.returncode == 0 and "stored 2 new message(s)" in " ".join(proc.stderr.split())
    listed = site.run("list", "--all", "--json", env=env)
    assert sorted(t["requester"] for t in json.loads(listed.stdout)) == ["ahmad@nabd.example",
                                                                         "f.zahra@rif-hebdo.example"]


# --------------------------------------------------------------------------- PostgreSQL


@pytest.mark.postgres
def test_the_same_commands_on_postgresql(site, pg_url, tmp_path):
    _, maildir_path = _write_exports(tmp_path)
    env = site.env | {"MEDIADESK_DATABASE_URL": pg_url}
    assert site.run("db", "upgrade", env=env).returncode == 0
    assert site.run("import-mbox", str(maildir_path), env=env).returncode == 0
    found = json.loads(site.run("list", "--search", "منصة الرصد", "--json", env=env).stdout)
    assert [t["requester"] for t in found] == ["ahmad@nabd.example"]
    ref = json.loads(site.run("list", "--search", "éducation", "--json", env=env).stdout)[0]["ref"]
    assert site.run("status", ref, "in_progress", env=env).returncode == 0
    assert site.run("status", ref, "new", env=env).returncode == ExitCode.CONFLICT
    shown = json.loads(site.run("show", ref, "--json", env=env).stdout)
    assert shown["status"] == "in_progress" and shown["events"][-1]["actor"] == "amal"
    assert json.loads(site.run("stats", "--json", env=env).stdout)["total"] == 2
    engine_for(pg_url).dispose()
