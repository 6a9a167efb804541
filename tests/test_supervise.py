"""`mediadesk run` keeps its worker running: the supervisor on real child processes, then the
whole small-install process (poller + supervised worker) losing its worker to SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.procs import children, group
from harness.stack import MEDIADESK, Stack
from mediadesk.mailgen import generate
from mediadesk.supervise import Supervisor


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_a_child_that_exits_is_started_again_until_stopped(tmp_path):
    starts = tmp_path / "starts"
    child = [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('start\\n'); raise SystemExit(3)"]
    supervisor = Supervisor(child, name="test", backoff_base=0.05, backoff_cap=0.2).start()
    try:
        _wait_for(lambda: len(_lines(starts)) >= 3, timeout=30, what="three starts")
    finally:
        supervisor.stop(timeout=5)
    after_stop = len(_lines(starts))
    time.sleep(0.5)
    assert len(_lines(starts)) == after_stop, "started again after stop()"
    assert supervisor.starts == after_stop


def test_stop_terminates_a_running_child_without_restarting_it(tmp_path):
    marker, ready = tmp_path / "terminated", tmp_path / "ready"
    child = [sys.executable, "-c",
             "import signal, sys, time\n"
             f"signal.signal(signal.SIGTERM, lambda *_: (open({str(marker)!r}, 'w').write('TERM'), sys.exit(0)))\n"
             f"open({str(ready)!r}, 'w').close()\n"
             "time.sleep(60)"]
    supervisor = Supervisor(child, name="test", backoff_base=0.05).start()
    # its SIGTERM handler is in place (a fixed sleep may be too short on a loaded machine)
    _wait_for(ready.exists, timeout=30, what="the child to start")
    started = time.monotonic()
    supervisor.stop(timeout=10)
    assert time.monotonic() - started < 10, "the child needed SIGKILL: SIGTERM was not sent"
    assert marker.read_text() == "TERM"
    assert supervisor.proc.poll() is not None
    assert supervisor.starts == 1


@pytest.mark.integration
def test_mediadesk_run_restarts_its_worker_after_a_sigkill(mediadesk_env, tmp_path, worker_factory, mediadesk_cli,
                                                           dovecot, imap_account):
    env = {**mediadesk_env, "MEDIADESK_POLL_INTERVAL": "2"}
    stack = Stack(env, tmp_path, worker_factory, mediadesk_cli)  # its database view only
    mail = generate(30, seed=611, min_kb=2, max_kb=4, attachment_ratio=0)
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in mail[:15]])
    log = tmp_path / "run.log"
    with open(log, "wb") as out:
        run = subprocess.Popen([str(MEDIADESK), "run", "--concurrency", "1"], env=env, cwd=tmp_path,
                               stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    groups = [run.pid]
    try:
        stack.wait(lambda c: c["done"] >= 15, timeout=120, what="the first 15 messages")
        (worker_pid,) = children(run.pid)
        groups.append(worker_pid)
        assert len(group(worker_pid)) >= 3  # the worker, its beat and its pool process
        os.kill(worker_pid, signal.SIGKILL)  # the worker's main process: no cleanup, no acks
        # what it started goes with it, or its beat would go on scheduling every sweep twice
        _wait_for(lambda: not group(worker_pid), timeout=20, what="the killed worker's beat and pool to go")
        dovecot.append(imap_account.user, "INBOX", [m.raw for m in mail[15:]])
        counts = stack.wait(lambda c: c["done"] >= 30, timeout=120, what="the worker to come back and process")
        assert counts["inbound"] == 30
        assert "child_exited" in log.read_text(errors="replace")
        (restarted,) = children(run.pid)
        groups.append(restarted)
        assert restarted != worker_pid
        run.send_signal(signal.SIGTERM)  # what a service manager sends
        run.wait(90)
        # everything ends: `run` stops its worker, and does not start it again on the way out
        assert log.read_text(errors="replace").count("child_exited") == 1
        _wait_for(lambda: not group(restarted), timeout=20, what="the worker and its children to be gone")
    finally:
        for pgid in groups:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        run.wait()
