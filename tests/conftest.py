"""Fixtures over the real-server harness (tests/harness/servers.py).

A server that is missing skips the tests that need it locally, and fails them when the CI
environment variable is set, so CI can never go green by skipping.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

# The harness is importable as `harness`. Only tests/ goes on sys.path, never the repo root:
# there, `import mailbox` would find our mailbox/ folder instead of the standard library.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    CeleryWorker,
    Dovecot,
    ImapAccount,
    Postgres,
    Redis,
    SMTPServer,
    Unavailable,
    in_ci,
    run_cli,
)
from harness.procs import running_in  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]


def unavailable(reason: str):
    """Skip locally; fail under CI, where every server must be there."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: not skipping)", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config):
    # SIGTERM (e.g. from `timeout` in scripts/test.sh) becomes KeyboardInterrupt, so fixture
    # finalizers still stop every server; SIGKILL is covered by PR_SET_PDEATHSIG in the harness.
    def _interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _interrupt)


# Fixtures that start or reach a server: a test that uses one is not in the fast lane.
SERVER_FIXTURES = frozenset({"dovecot", "imap_account", "mediadesk_env", "mediadesk_cli", "redis_server",
                             "_redis_session", "private_redis", "smtp_server", "pg_url", "worker_factory",
                             "stack", "stack_factory"})


# Modules whose tests start servers of their own (an SMTP sink, an OAuth2 provider, Dovecot,
# redis-server) or run the product's processes.
SERVER_MODULES = frozenset({"test_oauth2", "test_send_races", "test_sending", "test_broker", "test_supervise",
                            "test_e2e_ack", "test_e2e_ingest", "test_e2e_threading", "test_faults", "test_bench_cli",
                            "test_metrics", "test_doctor", "test_poller", "test_mailboxes", "test_harness"})
# Modules that run the console script in subprocesses, or whole corpora and property searches:
# in the full suite, not in the fast lane.
SLOW_MODULES = frozenset({"test_cli_subprocess", "test_cli_failures", "test_cli_tables", "test_fuzz", "test_hostile", "test_triage_cli", "test_security",
                          "test_demo", "test_corpus", "test_triage_devset", "test_language_memory", "test_layout",
                          "test_terminal_output"})


def pytest_collection_modifyitems(config, items):
    """Mark every test that needs a server (``servers``: by its fixtures, parameters or module)
    and the slow ones (``slow``), so that the fast lane (`make test-fast`: -m "not servers and
    not slow") runs only in-process tests of pure code and SQLite."""
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if getattr(item, "module", None) else ""
        params = getattr(getattr(item, "callspec", None), "params", {})
        on_postgres = any(v == "postgresql" for v in params.values() if isinstance(v, str))
        if on_postgres or module in SERVER_MODULES or SERVER_FIXTURES & set(getattr(item, "fixturenames", ())) \
                or any(item.get_closest_marker(m) for m in ("integration", "postgres", "faults")):
            item.add_marker(pytest.mark.servers)
            # Under xdist (scripts/test.sh: -n 2 --dist loadgroup) the server tests run on one process,
            # in order, beside the in-process tests on the other: one Dovecot, one Redis DB, one
            # PostgreSQL at a time, as when the suite ran on one process.
            item.add_marker(pytest.mark.xdist_group("servers"))
        if module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def nothing_left_running(request):
    """A test starts nothing it does not stop: after it (and its fixtures) ended, no process may
    still run in its tmp_path. One that does (an orphaned worker, beat or poller) would go on
    taking later tests' tasks from the shared Redis; it is killed and the test errors."""
    if "tmp_path" not in request.fixturenames or not Path("/proc/self/cwd").exists():
        yield
        return
    tmp = request.getfixturevalue("tmp_path")
    yield
    deadline = time.monotonic() + 5  # processes told to stop may still be on their way out
    while (left := running_in(tmp)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for proc in left:
        try:
            os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if left:
        pytest.fail("still running after the test: " + "; ".join(f"{p.pid} {p.cmdline[:120]}" for p in left),
                    pytrace=False)


# --------------------------------------------------------------------------- servers


@pytest.fixture(scope="session")
def dovecot(tmp_path_factory) -> Iterator[Dovecot]:
    """One private Dovecot for the session; tests isolate themselves with fresh users."""
    server = Dovecot()
    try:
        server.start()
    except Unavailable as exc:
        server.cleanup()
        unavailable(str(exc))
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def _redis_session() -> Iterator[Redis]:
    server = Redis()
    try:
        server.start()
    except Unavailable as exc:
        unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_server(_redis_session: Redis) -> Redis:
    """Redis for the session: 127.0.0.1:6379 (a DB claimed for this session alone) or a private
    redis-server. Its DB is flushed before each test, so no queued task or lock leaks between tests."""
    _redis_session.flush()
    return _redis_session


@pytest.fixture
def private_redis() -> Iterator[Redis]:
    """A private redis-server for this test only: the one that can restart() (broker outages)."""
    server = Redis(private=True)
    try:
        server.start()
    except Unavailable as exc:
        unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    """An SMTP sink; ``smtp_server.env()`` gives MEDIADESK_SMTP_* and ``wait_for(n)`` the mail."""
    with SMTPServer() as server:
        yield server


@pytest.fixture
def pg_url() -> Iterator[str]:
    """SQLAlchemy URL of a fresh PostgreSQL database, dropped after the test."""
    db = Postgres()
    try:
        db.start()
    except Unavailable as exc:
        unavailable(str(exc))
    try:
        yield db.url
    finally:
        db.stop()


# --------------------------------------------------------------------------- per-test state


@pytest.fixture
def imap_account(dovecot: Dovecot) -> ImapAccount:
    """A fresh Dovecot user with an empty INBOX."""
    return dovecot.add_user()


@pytest.fixture
def mediadesk_env(tmp_path: Path, imap_account: ImapAccount, redis_server: Redis) -> dict[str, str]:
    """A complete environment for running mediadesk (CLI, poller, worker) in ``tmp_path``.

    The process environment minus any MEDIADESK_* already set, plus a SQLite database and data
    dir in ``tmp_path``, the session's Redis DB (flushed for this test)
    and plain IMAP to this test's fresh Dovecot user.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_")}
    env.pop("PYTHONPATH", None)  # never let the repo root onto sys.path of a child
    env |= {
        "MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'mediadesk.db'}",
        "MEDIADESK_DATA_DIR": str(tmp_path / "data"),
        "MEDIADESK_REDIS_URL": redis_server.url,
        "MEDIADESK_MEDIA_ADDRESS": imap_account.user,
        **imap_account.env(),
    }
    return env


@pytest.fixture
def mediadesk_cli(mediadesk_env: dict[str, str], tmp_path: Path) -> Callable:
    """``mediadesk_cli("list", "--json")``: the console script with mediadesk_env, cwd tmp_path."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120, input: str | None = None):
        return run_cli(args, {**mediadesk_env, **(env or {})}, tmp_path, timeout=timeout, input=input)

    return run


@pytest.fixture
def worker_factory(tmp_path: Path) -> Iterator[Callable[..., CeleryWorker]]:
    """Start Celery worker processes: ``worker_factory(env, concurrency=2)`` returns a ready
    CeleryWorker (app mediadesk.worker.app, queue mediadesk); all are stopped after the test."""
    import importlib.util

    try:
        found = importlib.util.find_spec("mediadesk.worker.app") is not None
    except ImportError:
        found = False
    if not found:
        unavailable("the Celery app mediadesk.worker.app does not exist yet")
    workers: list[CeleryWorker] = []

    def start(env: dict[str, str], *, ready_timeout: float = 60, **kwargs) -> CeleryWorker:
        kwargs.setdefault("workdir", tmp_path / "worker")
        worker = CeleryWorker(env, **kwargs)
        workers.append(worker)
        return worker.start().wait_ready(ready_timeout)

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repo (corpus, samples): absent, its tests skip locally and fail in CI."""
    path = REPO_ROOT.parent / "shared"
    if not path.is_dir():
        unavailable(f"{path} is absent (the corpus and samples beside the repository)")
    return path


@pytest.fixture
def stack_factory(mediadesk_env, tmp_path, worker_factory, mediadesk_cli) -> Iterator[Callable]:
    """``stack_factory(**env)``: the product's processes (pollers, a worker, the CLI) on one
    environment, with ``env`` over the test defaults; every stack is closed after the test."""
    from harness.stack import Stack

    made: list[Stack] = []

    def make(**overrides: str) -> Stack:
        env = {**mediadesk_env, "MEDIADESK_POLL_INTERVAL": "2", "MEDIADESK_FETCH_BATCH": "50",
               "MEDIADESK_SWEEP_GRACE_SECONDS": "0", **overrides}

        def cli(*args, **kwargs):
            return mediadesk_cli(*args, env={**env, **kwargs.pop("env", {})}, **kwargs)

        stack = Stack(env, tmp_path, worker_factory, cli)
        made.append(stack)
        return stack

    yield make
    for stack in made:
        stack.close()


@pytest.fixture
def stack(stack_factory):
    """A stack with the test defaults (see ``stack_factory``)."""
    return stack_factory()
