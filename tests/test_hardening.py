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
