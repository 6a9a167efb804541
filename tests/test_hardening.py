"""Smaller hardening items of issue 17, each with a test that failed before its fix.

- message/rfc822 parts nested a thousand deep: the parser recursed before the depth guard, so
  the ticket lost its sender and subject and `mediadesk triage FILE` printed a traceback;
- and the other small items below, each named in its section.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from sqlmodel import Session

from harness import run_cli
from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Ticket
from mediadesk.worker import pipeline
from mediadesk.worker.parsing import parse_message

# Runs the console script (or a worker) in a subprocess, a second or more each: full suite only.
SUBPROCESS = pytest.mark.slow


@pytest.fixture
def desk(tmp_path):
    """A migrated SQLite database, its settings and the environment for the console script."""
    url = f"sqlite:///{tmp_path / 'md.db'}"
    upgrade(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data",
                             redis_url="redis://127.0.0.1:1/0")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "MEDIADESK_DATABASE_URL": url, "MEDIADESK_DATA_DIR": str(tmp_path / "data"),
           "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0", "MEDIADESK_USER": "officer"}
    yield settings, engine_for(url), env
    engine_for(url).dispose()


def ingest(engine, settings, raw: bytes) -> Ticket:
    with session_scope(engine) as session:
        [inbound_id] = repo.store_inbound(session, items=[repo.RawItem(raw=raw)], mailbox="test", source="test")
    result = pipeline.process_inbound(engine, inbound_id, settings)
    with Session(engine) as session:
        return session.get(Ticket, result.ticket_id)


# --------------------------------------------------------------------------- deep nesting


def nested_rfc822(depth: int) -> bytes:
    """A real inquiry whose body is message/rfc822 parts nested ``depth`` deep."""
    inner = [b"From: someone@deep.example\r\nSubject: innermost\r\n\r\nthe innermost text\r\n"]
    inner += [b"Content-Type: message/rfc822\r\n\r\n"] * depth
    head = (b"From: Rana Haddad <rana@ledger.example>\r\nTo: media@gims.example\r\n"
            b"Subject: Interview request about the report\r\nMessage-ID: <nested-1@ledger.example>\r\n"
            b"Date: Tue, 24 Nov 2026 10:00:00 +0300\r\nMIME-Version: 1.0\r\n")
    return head + b"".join(reversed(inner))


def _with_deep_stack(frames: int, call):
    """Run ``call`` with ``frames`` Python frames already on the stack (a worker is not at the top)."""
    if frames <= 0:
        return call()
    return _with_deep_stack(frames - 1, call)


@pytest.mark.parametrize("depth", [1000, 5000])
def test_deeply_nested_messages_parse_with_their_own_sender_and_subject(depth):
    parsed = parse_message(nested_rfc822(depth))
    assert (parsed.from_email, parsed.from_name) == ("rana@ledger.example", "Rana Haddad")
    assert parsed.subject == "Interview request about the report"
    assert any("MIME" in d for d in parsed.defects), parsed.defects


def test_nesting_within_the_bound_still_parses_from_a_deep_call_stack():
    """199 containers are parsed as they are; with most of the stack already used the parser
    falls back to the outer levels instead of raising."""
    room = sys.getrecursionlimit() - len(__import__("inspect").stack()) - 150
    parsed = _with_deep_stack(room, lambda: parse_message(nested_rfc822(199)))
    assert parsed.from_email == "rana@ledger.example" and parsed.subject == "Interview request about the report"
    assert any("too deep to parse" in d for d in parsed.defects), parsed.defects


def test_deeply_nested_inquiry_becomes_a_ticket_from_its_real_sender(desk):
    settings, engine, _ = desk
    ticket = ingest(engine, settings, nested_rfc822(1000))
    assert ticket.requester_email == "rana@ledger.example"
    assert ticket.subject == "Interview request about the report"
@SUBPROCESS
def test_triage_of_a_deeply_nested_file_prints_a_decision_not_a_traceback(desk, tmp_path):
    _, _, env = desk
    path = tmp_path / "nested.eml"
    path.write_bytes(nested_rfc822(1000))
    result = run_cli(["triage", str(path), "--json"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert '"category"' in result.stdout


# --------------------------------------------------------------------------- database password


def _fragments(password: str) -> list[str]:
    import re

    return [f for f in re.split(r"[@#/?%:]", password) if len(f) >= 3]


@SUBPROCESS
@pytest.mark.parametrize("password", ["Pa55@qzXYZ", "Pa55#qzXYZ", "Pa55/qz?XYZ@Zq9"])
@pytest.mark.parametrize("args", [["list"], ["doctor"], ["db", "upgrade"]], ids=" ".join)
def test_an_unencoded_password_is_a_settings_error_that_shows_none_of_it(tmp_path, password, args):
    from harness import free_port

    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0",
           "MEDIADESK_DATABASE_URL": f"postgresql+psycopg://mediadesk:{password}@127.0.0.1:{free_port()}/nope"}
    result = run_cli(args, env, tmp_path, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "MEDIADESK_DATABASE_URL" in output and "percent-encode" in output
    assert "Traceback" not in output
    for fragment in _fragments(password):
        assert fragment not in output, f"{fragment!r} of the password was shown:\n{output}"


@SUBPROCESS
@pytest.mark.parametrize("args", [["list"], ["doctor"], ["db", "upgrade"]], ids=" ".join)
def test_a_percent_encoded_password_is_masked_with_the_whole_userinfo(tmp_path, args):
    from harness import free_port

    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0",
           "MEDIADESK_DATABASE_URL": f"postgresql+psycopg://press-db:Pa55%40qz%23XYZ@127.0.0.1:{free_port()}/nope"}
    result = run_cli(args, env, tmp_path, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode not in (0, 2) and "Traceback" not in output, output
    assert "postgresql+psycopg://***@127.0.0.1" in output, output
    for fragment in ("Pa55", "qz", "XYZ", "press-db"):
        assert fragment not in output, f"{fragment!r} was shown:\n{output}"


def test_compose_passes_the_database_password_apart_from_the_url():
    """Raw interpolation of POSTGRES_PASSWORD into the URL breaks on '@' or '#' (and shows part of
    the password in errors): compose gives it to libpq as PGPASSWORD, the URL has no password."""
    import yaml

    from mediadesk.settings import load_settings

    compose = yaml.safe_load((Path(__file__).resolve().parents[1] / "docker-compose.yml").read_text())
    env = compose["x-mediadesk"]["environment"]
    url = env["MEDIADESK_DATABASE_URL"]
    assert "POSTGRES_PASSWORD" not in url and "${" not in url
    assert url.split("://", 1)[1].split("@", 1)[0] == compose["services"]["postgres"]["environment"]["POSTGRES_USER"]
    assert env["PGPASSWORD"].startswith("${POSTGRES_PASSWORD")
    assert load_settings(_env_file=None, database_url=url).database_url == url


# --------------------------------------------------------------------------- CLI input


@pytest.fixture
def one_ticket(desk):
    """The console-script environment over a database holding one ticket (MR-1)."""
    settings, engine, env = desk
    raw = (b"From: Rana Haddad <rana@ledger.example>\r\nTo: media@gims.example\r\nSubject: Interview request\r\n"
           b"Message-ID: <one@ledger.example>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0300\r\n\r\n"
           b"Could your spokesperson give an interview about the report?\r\n")
    ingest(engine, settings, raw)
    return env
@SUBPROCESS
def test_search_with_hundreds_of_words_is_a_usage_error_not_a_traceback(one_ticket, tmp_path):
    words = " ".join(f"word{i}" for i in range(600))
    result = run_cli(["list", "--search", words], one_ticket, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "--search" in result.stderr and "600" in result.stderr
    ok = run_cli(["list", "--all", "--search", "spokesperson interview report"], one_ticket, tmp_path)
    assert ok.returncode == 0 and "MR-1" in ok.stdout, ok.stderr


def _run_bytes(args: list[bytes], env: dict[str, str], cwd: Path):
    import subprocess

    from harness import cli_path

    return subprocess.run([cli_path().encode(), *args], env={k.encode(): v.encode("utf-8", "surrogateescape")
                                                            for k, v in env.items()},
                          cwd=cwd, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("args,extra_env", [
    ([b"note", b"MR-1", b"caf\xe9 au lait"], {}),
    ([b"assign", b"MR-1", b"jos\xe9"], {}),
    ([b"note", b"MR-1", b"hello"], {"MEDIADESK_USER": "ren\udce9"}),  # the byte 0xE9, as Python holds it
    ([b"status", b"MR-1", b"in_progress"], {"MEDIADESK_USER": "ren\udce9"}),
], ids=["note", "assign", "user-note", "user-status"])
def test_text_that_is_not_utf8_is_a_usage_error_that_changes_nothing(one_ticket, tmp_path, args, extra_env):
    from sqlmodel import select

    from mediadesk.storage.models import TicketEvent

    settings = load_settings(_env_file=None, database_url=one_ticket["MEDIADESK_DATABASE_URL"])
    engine = engine_for(settings.database_url)
    with Session(engine) as session:
        before = len(session.exec(select(TicketEvent)).all())
    result = _run_bytes(args, {**one_ticket, **extra_env}, tmp_path)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr and "not valid UTF-8" in stderr and "\\xe9" in stderr, stderr
    with Session(engine) as session:
        assert len(session.exec(select(TicketEvent)).all()) == before
@SUBPROCESS
def test_a_file_name_that_is_not_utf8_is_still_a_file(one_ticket, tmp_path):
    path = tmp_path.joinpath(os.fsdecode(b"inquiry-\xe9.eml"))
    path.write_bytes(nested_rfc822(2))
    result = _run_bytes([b"triage", os.fsencode(path), b"--json"], one_ticket, tmp_path)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- worker logs


def test_worker_logs_each_event_as_one_clean_json_line_at_its_own_level(tmp_path, redis_server, worker_factory):
    """A real Celery worker processes a real message; every line its pool writes about it is a
    whole JSON object (no Celery prefix, no WARNING/ForkPoolWorker-N wrapper), at the event's level."""
    import json
    import time

    from celery import Celery

    url = f"sqlite:///{tmp_path / 'md.db'}"
    upgrade(url)
    env = {"HOME": str(tmp_path), "LANG": "C.UTF-8", "MEDIADESK_DATABASE_URL": url,
           "MEDIADESK_DATA_DIR": str(tmp_path / "data"), "MEDIADESK_REDIS_URL": redis_server.url,
           "MEDIADESK_LOG_LEVEL": "INFO"}
    worker = worker_factory(env, concurrency=1)
    engine = engine_for(url)
    with session_scope(engine) as session:
        [inbound_id] = repo.store_inbound(session, items=[repo.RawItem(raw=nested_rfc822(1))], mailbox="test",
                                          source="test")
    client = Celery(broker=redis_server.url)
    client.send_task("mediadesk.ingest", args=[inbound_id], queue="mediadesk")
    deadline = time.monotonic() + 60
    while '"drafted"' not in worker.log_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    text = worker.log_text()
    events = [line for line in text.splitlines() if '"event"' in line]
    assert any('"ingested"' in line for line in events), text[-3000:]
    for line in events:
        event = json.loads(line)  # the whole line, nothing around it
        assert event["level"] == "info" or event["event"] not in ("ingested", "triaged", "drafted"), line
    assert "WARNING/ForkPoolWorker" not in text and "WARNING/MainProcess" not in text, text[-3000:]
    engine.dispose()


# --------------------------------------------------------------------------- the data directory

REPO = Path(__file__).resolve().parents[1]


def test_the_image_creates_the_data_directory_for_the_user_the_stack_runs_as():
    """A named volume copies the mount point's owner from the image: /data must exist there,
    owned by uid 10001, or Docker creates it root-owned and no attachment can be written."""
    import re

    import yaml

    dockerfile = (REPO / "Dockerfile").read_text()
    user = re.search(r"useradd [^\n]*--uid (\d+) (\w+)", dockerfile)
    assert user and user.group(1) == "10001"
    before_user = dockerfile.split(f"\nUSER {user.group(2)}\n")[0]
    assert re.search(rf"mkdir -p /data && chown {user.group(2)}:{user.group(2)} /data", before_user), before_user
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    anchor = compose["x-mediadesk"]
    assert anchor["environment"]["MEDIADESK_DATA_DIR"] == "/data" and "attachments:/data" in anchor["volumes"]
    assert "data" in " ".join(compose["services"]["worker"]["healthcheck"]["test"])


def _unwritable_data_dir(tmp_path: Path) -> tuple[Path, list[str]]:
    """A data directory this test's child processes cannot write, and the command prefix that
    makes it so: as root, the children run without CAP_DAC_OVERRIDE against a directory owned
    by uid 10001 (the container's situation, reversed); otherwise the directory is read-only."""
    data = tmp_path / "data"
    data.mkdir()
    if os.getuid() == 0:
        os.chown(data, 10001, 10001)
        data.chmod(0o755)
        return data, ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    data.chmod(0o555)
    return data, []
@SUBPROCESS
def test_doctor_fails_the_data_check_with_a_hint_naming_the_setting(desk, tmp_path):
    import subprocess

    from harness import cli_path

    _, _, env = desk
    data, prefix = _unwritable_data_dir(tmp_path)
    env = {**env, "MEDIADESK_DATA_DIR": str(data)}
    result = subprocess.run([*prefix, cli_path(), "doctor", "--only", "data"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    [line] = [row for row in result.stdout.splitlines() if row.startswith("data\t")]
    check, status, detail, hint = line.split("\t")
    assert (check, status) == ("data", "fail") and str(data) in detail and "not writable" in detail
    assert "MEDIADESK_DATA_DIR" in hint
    ok = run_cli(["doctor", "--only", "data"], {**env, "MEDIADESK_DATA_DIR": str(tmp_path / "fresh")}, tmp_path)
    assert ok.returncode == 0 and "\ndata\tok\t" in ok.stdout, ok.stdout + ok.stderr
@SUBPROCESS
def test_a_worker_refuses_to_start_when_it_cannot_write_the_data_directory(desk, tmp_path):
    import subprocess

    _, _, env = desk
    data, prefix = _unwritable_data_dir(tmp_path)
    env = {**env, "MEDIADESK_DATA_DIR": str(data)}
    result = subprocess.run([*prefix, sys.executable, "-m", "celery", "-A", "mediadesk.worker.app", "worker",
                             "--loglevel=INFO", "--concurrency=1", "-Q", "mediadesk", "--without-gossip",
                             "--without-mingle"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=90,
                            stdin=subprocess.DEVNULL)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert str(data) in output and "MEDIADESK_DATA_DIR" in output, output[-3000:]
