"""`mediadesk doctor` against real servers: all green when everything runs, and each failure
(Redis stopped, wrong IMAP password, SMTP unreachable, migrations pending, invalid settings)
reported on its own line with a fix hint and a non-zero exit; secrets never printed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from harness import SMTPServer, free_port, wait_until
from harness.oauth import AuthSMTPServer
from mediadesk.storage.db import make_engine
from mediadesk.storage.models import InboundMessage, Ticket, utcnow

pytestmark = pytest.mark.integration

MEDIADESK = Path(sys.executable).parent / "mediadesk"
SMTP_PASSWORD = "smtp-Pw-7f3a9c"


def doctor(cli, *args, env=None, timeout=120):
    proc = cli("doctor", "--json", *args, env=env, timeout=timeout)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"doctor printed no JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc, report, {c["check"]: c for c in report["checks"]}


@pytest.fixture
def migrated(mediadesk_cli):
    done = mediadesk_cli("db", "upgrade")
    assert done.returncode == 0, done.stderr
    return mediadesk_cli


@pytest.fixture
def smtp_auth():
    with SMTPServer(user="press@mediadesk.test", password=SMTP_PASSWORD) as server:
        yield server


def test_all_green_with_every_part_running(migrated, mediadesk_env, smtp_auth, worker_factory, redis_server, tmp_path):
    env = {**mediadesk_env, **smtp_auth.env(), "MEDIADESK_SWEEP_INTERVAL": "1"}
    worker_factory(env, extra_args=["-B", "-s", str(tmp_path / "beat-schedule")])
    log = open(tmp_path / "poller.log", "wb")
    poller = subprocess.Popen([str(MEDIADESK), "poll"], env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
    log.close()
    try:
        r = redis_server.client()
        wait_until(lambda: r.get("mediadesk:beat:last"), 60, what="the beat heartbeat")
        wait_until(lambda: list(r.scan_iter("mediadesk:poller:*")), 60, what="the poller's lock")
        proc, report, checks = doctor(migrated, env=env)
        assert proc.returncode == 0, proc.stdout
        assert report["status"] == "ok"
        assert {name: c["status"] for name, c in checks.items()} == {name: "ok" for name in checks}
        assert set(checks) == {"settings", "db", "redis", "data", "imap", "smtp", "workers", "beat", "poller", "queue",
                               "inbound", "parked", "drafts", "overdue"}
        assert "AUTH as press@mediadesk.test" in checks["smtp"]["detail"]
        assert "nothing sent" in checks["smtp"]["detail"] and smtp_auth.messages == []
        assert "1 worker(s) alive" in checks["workers"]["detail"]
        everything = proc.stdout + proc.stderr
        assert SMTP_PASSWORD not in everything and mediadesk_env["MEDIADESK_IMAP_PASSWORD"] not in everything

        # A worker's own health check: only its name counts.
        worker_name = checks["workers"]["detail"].split("alive: ")[1]
        proc, _, checks = doctor(migrated, "--only", "workers", "--worker", worker_name, env=env)
        assert proc.returncode == 0 and checks["workers"]["status"] == "ok"
        proc, _, checks = doctor(migrated, "--only", "workers", "--worker", "celery@elsewhere", env=env)
        assert proc.returncode == 1 and checks["workers"]["status"] == "fail"
    finally:
        poller.send_signal(signal.SIGTERM)
        poller.wait(30)


def test_each_failure_is_reported_with_a_hint(migrated, mediadesk_env, private_redis, smtp_auth):
    env = {**mediadesk_env, **smtp_auth.env(), "MEDIADESK_REDIS_URL": private_redis.url}
    only = ["--only", "db,redis,imap,smtp,queue"]

    proc, report, checks = doctor(migrated, *only, env=env)
    assert proc.returncode == 0, proc.stdout
    assert all(c["status"] == "ok" for c in checks.values()), checks

    # Wrong IMAP password: the login fails, the hint names the settings, the password never shows.
    wrong = "Wrong-Pw-3b1d0e"
    proc, _, checks = doctor(migrated, *only, env={**env, "MEDIADESK_IMAP_PASSWORD": wrong})
    assert proc.returncode == 1
    assert checks["imap"]["status"] == "fail" and "login refused" in checks["imap"]["detail"]
    assert "MEDIADESK_IMAP_PASSWORD" in checks["imap"]["hint"]
    assert wrong not in proc.stdout + proc.stderr
    assert [n for n, c in checks.items() if c["status"] != "ok"] == ["imap"]

    # Unreachable SMTP (nothing listens there).
    proc, _, checks = doctor(migrated, *only, env={**env, "MEDIADESK_SMTP_PORT": str(free_port())})
    assert proc.returncode == 1
    assert checks["smtp"]["status"] == "fail" and "cannot connect" in checks["smtp"]["detail"]
    assert "MEDIADESK_SMTP_HOST" in checks["smtp"]["hint"]
    assert [n for n, c in checks.items() if c["status"] != "ok"] == ["smtp"]

    # Redis stopped: the Redis check fails, the checks that need it are skipped, not hung.
    private_redis.stop()
    started = time.monotonic()
    proc, _, checks = doctor(migrated, "--skip", "imap,smtp", env=env)
    assert proc.returncode == 1
    assert checks["redis"]["status"] == "fail" and "MEDIADESK_REDIS_URL" in checks["redis"]["hint"]
    assert {checks[n]["status"] for n in ("workers", "beat", "poller", "queue")} == {"skip"}
    assert checks["db"]["status"] == "ok" and checks["parked"]["status"] == "ok"
    assert time.monotonic() - started < 60


def test_a_refused_smtp_login_names_the_settings_and_hides_the_password(migrated, mediadesk_env):
    with AuthSMTPServer(passwords={"press@mediadesk.test": SMTP_PASSWORD}) as smtp:
        env = {**mediadesk_env, **smtp.env(), "MEDIADESK_SMTP_USER": "press@mediadesk.test"}
        proc, _, checks = doctor(migrated, "--only", "smtp", env={**env, "MEDIADESK_SMTP_PASSWORD": SMTP_PASSWORD})
        assert proc.returncode == 0 and checks["smtp"]["status"] == "ok"
        wrong = "not-" + SMTP_PASSWORD
        proc, _, checks = doctor(migrated, "--only", "smtp", env={**env, "MEDIADESK_SMTP_PASSWORD": wrong})
        assert proc.returncode == 1 and checks["smtp"]["status"] == "fail"
        assert "login refused (535" in checks["smtp"]["detail"]
        assert "MEDIADESK_SMTP_PASSWORD" in checks["smtp"]["hint"]
        assert wrong not in proc.stdout + proc.stderr and SMTP_PASSWORD not in proc.stdout + proc.stderr
        assert smtp.messages == []


def test_pending_migrations_fail_and_db_upgrade_fixes_them(mediadesk_cli, mediadesk_env):
    proc, report, checks = doctor(mediadesk_cli, "--only", "db,inbound,parked", env=mediadesk_env)
    assert proc.returncode == 1 and report["status"] == "fail"
    assert checks["db"]["status"] == "fail" and "migration(s) pending" in checks["db"]["detail"]
    assert checks["db"]["hint"] == "run `mediadesk db upgrade`"
    assert checks["inbound"]["status"] == checks["parked"]["status"] == "skip"
    assert mediadesk_cli("db", "upgrade").returncode == 0
    proc, report, checks = doctor(mediadesk_cli, "--only", "db,inbound,parked", env=mediadesk_env)
    assert proc.returncode == 0 and report["status"] == "ok"


def test_invalid_settings_and_unknown_checks_exit_2(mediadesk_cli):
    proc, report, checks = doctor(mediadesk_cli, env={"MEDIADESK_IMAP_PORT": "99999"})
    assert proc.returncode == 2
    assert list(checks) == ["settings"] and "MEDIADESK_IMAP_PORT" in checks["settings"]["detail"]
    proc = mediadesk_cli("doctor", "--only", "db,bogus")
    assert proc.returncode == 2 and "bogus" in proc.stderr


def test_backlog_warnings_and_strict(migrated, mediadesk_env, redis_server):
    engine = make_engine(mediadesk_env["MEDIADESK_DATABASE_URL"])
    old = utcnow() - timedelta(hours=2)
    with Session(engine) as session:
        session.add(InboundMessage(sha256="a" * 64, raw=b"x", state="parked", attempts=5, error="boom", received_at=old))
        session.add(InboundMessage(sha256="b" * 64, raw=b"y", state="pending", received_at=old))
        session.add(Ticket(ref="MR-900", subject="late", status="triaged", due_at=old, created_at=old))
        session.commit()
    engine.dispose()
    r = redis_server.client()
    r.set("mediadesk:beat:last", f"{time.time() - 3600:.3f}")
    r.rpush("mediadesk", *[b"{}"] * 3)

    only = ["--only", "beat,queue,inbound,parked,overdue"]
    proc, report, checks = doctor(migrated, *only, "--max-queue", "2")
    assert proc.returncode == 0 and report["status"] == "warn"
    assert {n: c["status"] for n, c in checks.items() if n != "settings"} == \
        {"beat": "warn", "queue": "warn", "inbound": "warn", "parked": "warn", "overdue": "warn"}
    assert "1 message(s) not processed yet, the oldest for 2h" in checks["inbound"]["detail"]
    assert "3 task(s)" in checks["queue"]["detail"]
    assert "reprocess parked" in checks["parked"]["hint"] and "--overdue" in checks["overdue"]["hint"]
    assert "last sweep 60m ago" in checks["beat"]["detail"]
    assert migrated("doctor", *only, "--max-queue", "2", "--strict").returncode == 1

    # Piped without --json: one tab-separated line per check.
    plain = migrated("doctor", "--only", "parked")
    lines = plain.stdout.splitlines()
    assert lines[1].split("\t")[:2] == ["parked", "warn"], plain.stdout
