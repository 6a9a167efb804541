"""`list` and `show` as a press officer sees them (issue 18, "Tables"), on the demo database.

`mediadesk demo` fills a SQLite database from the bundled inbox (32 messages in Arabic, English,
French and more); the installed console script then runs under a pseudo-terminal of a given
size (stdin, stdout and stderr on it, COLUMNS and the window size set), and piped. On a terminal
every ticket is one line no wider than the terminal; a list longer than the screen goes through
the pager (a recording script stands in for less); piped, nothing is paged or boxed. The fast
path of `list` (cli/fastlist.py) is compared with the ORM path, filter by filter.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness import cli_path, terminal
from mediadesk.cli import fastlist
from mediadesk.cli.main import app
from mediadesk.cli.tables import cell_width
from mediadesk.settings import reset_settings_cache

SGR = re.compile(r"\x1b\[[0-9;]*m")
BOXES = re.compile(r"[│╭╮╰╯─┃━┏┓┗┛┡┩└┘┌┐├┤┬┴┼]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("tables")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base), "LANG": "C.UTF-8",
           "TERM": "xterm-256color", "MEDIADESK_DATABASE_URL": f"sqlite:///{base / 'demo.db'}",
           "MEDIADESK_DATA_DIR": str(base / "data"), "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0",
           "MEDIADESK_USER": "officer"}
    proc = subprocess.run([cli_path(), "demo"], env=env, cwd=base, capture_output=True, timeout=600,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-2000:]
    con = sqlite3.connect(base / "demo.db")  # one requester at a known outlet: the outlet column has a value
    con.execute("UPDATE contact SET outlet_id = (SELECT min(id) FROM outlet) WHERE id = 1")
    con.commit()
    con.close()
    return base, env


def on_terminal(args: list[str], env: dict[str, str], cwd: Path, *, cols: int, rows: int = 60) -> tuple[int, str]:
    return terminal.on_terminal(args, env, cwd, cols=cols, rows=rows, timeout=120)


def piped(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([cli_path(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def refs_of(env: dict[str, str], cwd: Path, *args: str) -> list[str]:
    return [t["ref"] for t in json.loads(piped(["list", *args, "--json"], env, cwd).stdout)]


# --------------------------------------------------------------------------- one line per ticket


@pytest.mark.parametrize("cols", [80, 120, 160])
def test_every_ticket_is_one_line_no_wider_than_the_terminal(demo, cols):
    base, env = demo
    refs = refs_of(env, base, "--all", "--limit", "1000")
    assert len(refs) >= 30
    code, text = on_terminal(["list", "--all", "--limit", "1000", "--no-pager"], env, base, cols=cols)
    assert code == 0, text
    lines = SGR.sub("", text).rstrip("\n").split("\n")
    header, rows = lines[0], lines[1:]
    assert header.split()[:3] == ["REF", "PRI", "DUE"] or header.split()[:4] == ["REF", "STATUS", "PRI", "DUE"]
    assert [row.split()[0] for row in rows] == refs  # one line each, in the order of `list --json`
    for row in lines:
        assert cell_width(row) <= cols, (cols, row)
    assert any("…" in row for row in rows)  # long subjects are cut, not wrapped
    shown = set(header.split())
    assert {"REF", "PRI", "DUE", "CATEGORY", "LANG", "FROM", "SUBJECT"} <= shown
    assert ("STATUS" in shown) == (cols >= 112) and ("OUTLET" in shown) == (cols >= 128)


def test_the_words_an_officer_scans_are_there_at_80_columns(demo):
    base, env = demo
    [first] = json.loads(piped(["list", "--json", "--limit", "1"], env, base).stdout)
    code, text = on_terminal(["list", "--no-pager"], env, base, cols=80)
    row = next(line for line in SGR.sub("", text).split("\n") if line.startswith(first["ref"] + " "))
    assert first["priority"] in row and first["language"] in row
    assert (first["requester_name"] or first["requester"])[:6] in row and first["subject"][:8] in row
    assert ("late" in row) == first["overdue"]


# --------------------------------------------------------------------------- the pager


@pytest.fixture
def recording_pager(tmp_path) -> tuple[str, Path]:
    record = tmp_path / "paged.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\necho \"LESS=$LESS\" > '{record}'\ncat >> '{record}'\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script), record


def test_a_list_longer_than_the_screen_goes_through_the_pager(demo, recording_pager):
    base, env = demo
    pager, record = recording_pager
    code, text = on_terminal(["list", "--all"], {**env, "MEDIADESK_PAGER": pager}, base, cols=100, rows=12)
    assert code == 0, text
    paged = record.read_text()
    assert paged.startswith("LESS=FRX\n") and "REF" in paged and "MR-1 " in SGR.sub("", paged)
    assert "MR-1 " not in SGR.sub("", text)  # it went to the pager, not to the terminal


@pytest.mark.parametrize("how", ["PAGER", "--no-pager", "short", "piped", "empty"])
def test_when_the_pager_is_used_and_when_not(demo, recording_pager, how):
    base, env = demo
    pager, record = recording_pager
    if how == "PAGER":  # PAGER is respected when MEDIADESK_PAGER is unset
        code, _ = on_terminal(["list", "--all"], {**env, "PAGER": pager}, base, cols=100, rows=12)
        assert code == 0 and record.exists()
        return
    if how == "piped":
        proc = piped(["list", "--all"], {**env, "MEDIADESK_PAGER": pager}, base)
        assert proc.returncode == 0 and proc.stdout.startswith("MR-") and "\t" in proc.stdout
    elif how == "--no-pager":
        code, text = on_terminal(["list", "--all", "--no-pager"], {**env, "MEDIADESK_PAGER": pager}, base,
                                 cols=100, rows=12)
        assert code == 0 and "MR-1 " in SGR.sub("", text)
    elif how == "short":  # fits on the screen
        code, text = on_terminal(["list", "--limit", "3"], {**env, "MEDIADESK_PAGER": pager}, base, cols=100, rows=12)
        assert code == 0 and "REF" in text
    else:  # an empty MEDIADESK_PAGER turns it off, even with PAGER set
        code, text = on_terminal(["list", "--all"], {**env, "MEDIADESK_PAGER": "", "PAGER": pager}, base,
                                 cols=100, rows=12)
        assert code == 0 and "MR-1 " in SGR.sub("", text)
    assert not record.exists()


# --------------------------------------------------------------------------- piped: plain text


def test_show_and_triage_piped_are_plain_text(demo):
    base, env = demo
    proc = piped(["show", "MR-2"], env, base)
    assert proc.returncode == 0
    assert not BOXES.search(proc.stdout) and "\x1b" not in proc.stdout, proc.stdout[:500]
    assert "# ticket\nMR-2" in proc.stdout and "# triage\n" in proc.stdout and "# history\n" in proc.stdout
    assert any(len(line.split("\t")) == 6 for line in proc.stdout.splitlines())  # the history, tab-separated
    eml = sorted((Path(__file__).resolve().parents[1] / "src" / "mediadesk" / "demo" / "inbox").glob("*.eml"))[0]
    triage = piped(["triage", str(eml)], env, base)
    assert triage.returncode == 0 and not BOXES.search(triage.stdout)
    rows = [line.split("\t") for line in triage.stdout.splitlines()]
    assert all(len(row) == 3 and row[0] == str(eml) for row in rows)
    assert [row[1] for row in rows[:5]] == ["category", "automated", "language", "deadline", "priority"]
    assert {row[1] for row in rows[5:]} == {"why"}


def test_show_on_a_terminal_is_boxed(demo):
    base, env = demo
    code, text = on_terminal(["show", "MR-2", "--no-pager"], env, base, cols=80)
    assert code == 0 and "╭" in text and "MR-2" in text


# --------------------------------------------------------------------------- the fast path is the ORM path

FILTERS = [[], ["--all"], ["--status", "ignored"], ["--status", "triaged", "--status", "acknowledged"],
           ["--category", "interview_request"], ["--language", "ar"], ["--priority", "urgent"], ["--overdue"],
           ["--review"], ["--all", "--since", "2d"], ["--all", "--since", "2000-01-01"], ["--all", "--limit", "5"],
           ["--assignee", "nobody"], ["--all", "--overdue", "--language", "fr"]]


@pytest.fixture
def in_process(demo, monkeypatch):
    base, env = demo
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(base)
    reset_settings_cache()
    yield CliRunner()
    reset_settings_cache()


@pytest.mark.parametrize("args", FILTERS, ids=lambda a: " ".join(a) or "list")
def test_the_fast_path_lists_what_the_orm_path_lists(in_process, monkeypatch, args):
    fast_json = in_process.invoke(app, ["list", *args, "--json"])
    fast_tsv = in_process.invoke(app, ["list", *args])
    assert fast_json.exit_code == 0 and fast_tsv.exit_code == 0, fast_json.output
    assert fastlist.where() is not None  # it was the fast path
    monkeypatch.setattr(fastlist, "where", lambda: None)
    orm_json = in_process.invoke(app, ["list", *args, "--json"])
    orm_tsv = in_process.invoke(app, ["list", *args])
    fast, orm = json.loads(fast_json.stdout), json.loads(orm_json.stdout)
    assert fast == orm
    assert fast_tsv.stdout == orm_tsv.stdout
    if args in ([], ["--all"]):
        assert any(t["outlet"] for t in fast) and any(t["contact"] for t in fast) and any(t["overdue"] for t in fast)


def test_the_schema_head_read_from_the_files_is_alembic_s(demo):
    from alembic.script import ScriptDirectory

    from mediadesk.storage.db import alembic_config

    base, env = demo
    heads = set(ScriptDirectory.from_config(alembic_config(env["MEDIADESK_DATABASE_URL"])).get_heads())
    assert fastlist.schema_heads() == heads


def test_a_database_behind_the_migrations_is_left_to_the_orm_path(demo, tmp_path):
    base, env = demo
    copy = tmp_path / "old.db"
    shutil.copy(base / "demo.db", copy)
    con = sqlite3.connect(copy)
    con.execute("UPDATE alembic_version SET version_num = '0009'")
    con.commit()
    con.close()
    proc = piped(["list"], {**env, "MEDIADESK_DATABASE_URL": f"sqlite:///{copy}"}, tmp_path)
    assert proc.returncode == 5 and "mediadesk db upgrade" in proc.stderr, proc.stderr
