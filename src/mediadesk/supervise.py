"""Keep a child process running: `mediadesk run` starts its Celery worker through this, so a
worker that exits (a crash, an error Celery deems unrecoverable) is started again instead of
leaving a small install polling mail that nothing processes. Larger installs leave this to
their supervisor (Docker's restart policy, systemd's Restart=)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

import structlog

from mediadesk.backoff import backoff

log = structlog.get_logger("mediadesk.supervise")


class Supervisor:
    """Runs ``command`` and starts it again whenever it exits, after a jittered backoff that
    grows while it keeps failing and resets once a run lasted ``healthy_after`` seconds."""

    def __init__(self, command: Sequence[str], *, name: str = "worker", healthy_after: float = 30.0,
                 backoff_base: float = 1.0, backoff_cap: float = 60.0, rng: random.Random | None = None):
        self.command = list(command)
        self.name = name
        self.healthy_after = healthy_after
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.rng = rng
        self.starts = 0
        self.proc: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()  # a stop() never races a start
        self._thread: threading.Thread | None = None

    def start(self) -> "Supervisor":
        self._thread = threading.Thread(target=self._run, name=f"supervise-{self.name}", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        failures = 0
        while True:
            with self._lock:
                if self._stopping.is_set():
                    return
                # A process group of its own: a terminal's Ctrl-C reaches only the parent, which
                # stops the child itself, and what the child started can be cleaned up with it.
                self.proc = subprocess.Popen(self.command, start_new_session=True)
                self.starts += 1
            started = time.monotonic()
            returncode = self.proc.wait()
            # A worker killed outright leaves its beat and pool processes behind: a second beat
            # would schedule every sweep twice.
            _kill_group(self.proc.pid)
            if self._stopping.is_set():
                return
            failures = 0 if time.monotonic() - started >= self.healthy_after else failures + 1
            delay = backoff(failures, base=self.backoff_base, cap=self.backoff_cap, rng=self.rng)
            log.warning("child_exited", child=self.name, returncode=returncode, restart_in=round(delay, 2))
            if self._stopping.wait(delay):
                return

    def stop(self, timeout: float = 30.0) -> None:
        """Warm shutdown: SIGTERM (a Celery worker finishes its running tasks), SIGKILL to its
        process group after ``timeout`` seconds; no restart afterwards."""
        with self._lock:
            self._stopping.set()
            proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(proc.pid)
                proc.wait()
        if self._thread is not None:
            self._thread.join(timeout=5)


def _kill_group(pgid: int) -> None:
    """SIGKILL what is left of a child's process group (the child and what it started)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
