"""Failures end in a sentence and an exit code, never a traceback (issue 18, "Clean failures").

The installed `mediadesk` console script runs in subprocesses over a SQLite database holding one
inquiry that went through the real pipeline (a ticket with a pending acknowledgement draft):
an editor that fails, a database the user may not write, numbers too large for any id, and a
database URL that points nowhere, which a read must not create.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import stat
import subprocess
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import Session, select

from harness import cli_path
from mediadesk.cli.common import ExitCode
from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Draft, TicketEvent
from mediadesk.worker import pipeline


def _inquiry() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Helen Rowe <h.rowe@gen-tv.example>"
    msg["To"] = "media@gims.example"
    msg["Subject"] = "Interview request about the media literacy report"
    msg["Message-ID"] = "<failures-1@gen-tv.example>"
    msg["Date"] = "Wed, 02 Dec 2026 09:00:00 +0000"
    msg.set_content("Dear media team,\n\nCould your spokesperson give us a short interview about the report "
                    "this week?\n\nBest regards,\nHelen Rowe\nGEN TV\n")
    return msg.as_bytes()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("failures")
    url = f"sqlite:///{base / 'md.db'}"
    upgrade(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=base / "data",
                             redis_url="redis://127.0.0.1:1/0")
    engine = engine_for(url)
    with session_scope(engine) as session:
        [inbound_id] = repo.store_inbound(session, items=[repo.RawItem(raw=_inquiry())], mailbox="test", source="test")
    pipeline.process_inbound(engine, inbound_id, settings)
    engine.dispose()
    return base / "md.db"


@pytest.fixture
def database(seeded, tmp_path) -> Path:
    copy = tmp_path / "db" / "md.db"
    copy.parent.mkdir()
    shutil.copy(seeded, copy)
    return copy


def env_for(path: Path, **extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(path.parent), "LANG": "C.UTF-8",
            "MEDIADESK_DATABASE_URL": f"sqlite:///{path}", "MEDIADESK_DATA_DIR": str(path.parent / "data"),
            "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0", "MEDIADESK_USER": "officer", **extra}


def mediadesk(*args: str, env: dict[str, str], cwd: Path, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run([cli_path(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, preexec_fn=preexec_fn)


def assert_clean(proc: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)


def _draft_text(path: Path) -> str:
    with Session(engine_for(f"sqlite:///{path}")) as session:
        return session.exec(select(Draft.body_text)).one()


# --------------------------------------------------------------------------- the editor


@pytest.mark.parametrize("editor", ["false", "/nonexistent/editor"])
def test_draft_edit_with_a_failing_or_missing_editor(database, editor):
    before = _draft_text(database)
    proc = mediadesk("draft", "edit", "MR-1", env=env_for(database, EDITOR=editor, VISUAL=editor),
                     cwd=database.parent)
    assert_clean(proc, ExitCode.ERROR, "EDITOR", "unchanged")
    assert _draft_text(database) == before


# --------------------------------------------------------------------------- a read-only database

_libc = ctypes.CDLL(None, use_errno=True)


def _obey_file_modes() -> None:
    """In the child: root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH (PR_CAPBSET_DROP), so that a
    0444 file is read-only for it as for anyone else."""
    for capability in (1, 2):
        if _libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_CAPBSET_DROP")


def test_a_change_on_a_read_only_database_exits_5_and_changes_nothing(database):
    with Session(engine_for(f"sqlite:///{database}")) as session:
        events = len(session.exec(select(TicketEvent)).all())
    database.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    preexec = _obey_file_modes if os.geteuid() == 0 else None
    env = env_for(database)
    probe = mediadesk("--version", env=env, cwd=database.parent, preexec_fn=preexec)
    if probe.returncode != 0:
        pytest.skip(f"cannot drop root's file-permission override here: {probe.stderr[-200:]}")
    for args in (("note", "MR-1", "called back"), ("draft", "approve", "MR-1"), ("assign", "MR-1", "amal"),
                 ("contact", "edit", "1", "--role", "producer")):
        proc = mediadesk(*args, env=env, cwd=database.parent, preexec_fn=preexec)
        assert_clean(proc, ExitCode.UNAVAILABLE, "read-only", "MEDIADESK_DATABASE_URL", "nothing was changed")
    listed = mediadesk("list", env=env, cwd=database.parent, preexec_fn=preexec)  # reading still works
    assert listed.returncode == 0 and "MR-1" in listed.stdout, listed.stderr
    database.chmod(0o600)
    with Session(engine_for(f"sqlite:///{database}")) as session:
        assert len(session.exec(select(TicketEvent)).all()) == events


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("args,code,says", [
    (("show", "MR-99999999999999999999"), ExitCode.NOT_FOUND, "no ticket"),
    (("draft", "show", "99999999999999999999"), ExitCode.NOT_FOUND, "no ticket"),
    (("contact", "show", "99999999999999999999"), ExitCode.NOT_FOUND, "no contact"),
    (("story", "show", "S-99999999999999999999"), ExitCode.NOT_FOUND, "no story"),
    (("list", "--since", "99999999999d"), ExitCode.USAGE, "--since"),
    (("list", "--limit", "99999999999999999999"), ExitCode.USAGE, "--limit"),
], ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v))
def test_numbers_no_id_can_reach(database, args, code, says):
    proc = mediadesk(*args, env=env_for(database), cwd=database.parent)
    assert_clean(proc, code, says)


# --------------------------------------------------------------------------- a URL that points nowhere


@pytest.mark.parametrize("args", [("list",), ("list", "--json"), ("show", "MR-1"), ("stats",), ("draft", "list"),
                                  ("story", "list"), ("contact", "list"), ("note", "MR-1", "x"), ("db", "status")],
                         ids=" ".join)
def test_reads_do_not_create_a_database_where_the_url_points_nowhere(tmp_path, args):
    nowhere = tmp_path / "typo" / "deeper" / "md.db"
    proc = mediadesk(*args, env=env_for(nowhere), cwd=tmp_path)
    assert_clean(proc, ExitCode.UNAVAILABLE, str(nowhere) if args[0] != "db" else "pending")
    if args[0] != "db":
        assert "MEDIADESK_DATABASE_URL" in proc.stderr and "mediadesk db upgrade" in proc.stderr
    assert not (tmp_path / "typo").exists()


def test_doctor_reports_the_missing_database_without_creating_it(tmp_path):
    nowhere = tmp_path / "typo" / "md.db"
    proc = mediadesk("doctor", "--only", "db", "--json", env=env_for(nowhere), cwd=tmp_path)
    assert proc.returncode == 1 and "no database file yet" in proc.stdout, proc.stdout + proc.stderr
    assert not (tmp_path / "typo").exists()
