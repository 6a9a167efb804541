"""Real servers for the tests: Dovecot, Redis, a Celery worker, an SMTP sink, PostgreSQL and spamd.

Every server listens on 127.0.0.1 on a free port, keeps its files in a temp dir and is
stopped afterwards, also when a test fails: each class is a context manager, every live
instance is stopped at interpreter exit, and the child processes we spawn get SIGTERM from
the kernel if the test process dies without cleaning up (PR_SET_PDEATHSIG).

Nothing here imports pytest: a missing binary or an unreachable service raises
``Unavailable``, which tests/conftest.py turns into a skip locally and a failure under CI.
"""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import email
import email.policy
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

HOST = "127.0.0.1"
REPO_ROOT = Path(__file__).resolve().parents[2]


class Unavailable(RuntimeError):
    """A server the tests need is not installed or not reachable here."""


# --------------------------------------------------------------------------- helpers


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def needs(path, what: str):
    """A mark for tests that read ``path`` (../shared): skipped locally when it is absent, run
    (and so failing) under CI, where it must be there."""
    import pytest

    return pytest.mark.skipif(not Path(path).exists() and not in_ci(), reason=f"{what} is absent (under CI: a failure)")


def free_port() -> int:
    """A port that was free a moment ago (the usual bind-to-0 trick; callers retry on a race)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_open(port: int, host: str = HOST, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(predicate, timeout: float, interval: float = 0.05, what: str = "condition"):
    """Poll ``predicate`` until it returns something truthy; TimeoutError naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def find_binary(name: str) -> str | None:
    # /usr/sbin is not on every PATH (sudo, some CI shells), and dovecot lives there.
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/local/sbin") / name) if p.exists()), None
    )


def _die_with_parent() -> None:
    """preexec_fn: the kernel sends SIGTERM to the child if the test process dies (even SIGKILL)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def capped(memory_mb: int | None):
    """preexec_fn: die with the parent and, given ``memory_mb``, cap the address space of the
    process and its children (RLIMIT_AS): allocation beyond it fails as it would on a host
    whose memory is exhausted."""
    def preexec() -> None:
        _die_with_parent()
        if memory_mb:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    return preexec


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def to_crlf(raw: bytes) -> bytes:
    """IMAP wants CRLF lines, and Dovecot returns CRLF whatever was appended."""
    return re.sub(rb"\r?\n", b"\r\n", raw)


def make_workdir(kind: str) -> Path:
    """A temp dir for one server, tagged with our pid; dirs left by a test process that was
    SIGKILLed (no cleanup possible then) are removed the next time one is made."""
    for stale in Path(tempfile.gettempdir()).glob(f"mediadesk-{kind}-*"):
        try:
            os.kill(int((stale / "owner.pid").read_text()), 0)
        except ProcessLookupError:
            shutil.rmtree(stale, ignore_errors=True)
        except (OSError, ValueError):
            pass  # no owner recorded (yet), or not ours to judge
    path = Path(tempfile.mkdtemp(prefix=f"mediadesk-{kind}-"))
    (path / "owner.pid").write_text(str(os.getpid()))
    return path


_live: "weakref.WeakSet[_Managed]" = weakref.WeakSet()


class _Managed:
    """Context-manager plumbing shared by every server: start on enter, stop on exit and atexit."""

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def stop(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _register(self) -> None:
        _live.add(self)


@atexit.register
def _stop_all() -> None:
    for server in list(_live):
        try:
            getattr(server, "cleanup", server.stop)()
        except Exception:
            pass


def _terminate(proc: subprocess.Popen, timeout: float = 10.0, group: bool = False) -> None:
    """TERM, wait, then KILL: bounded whatever the child does."""
    if proc.poll() is None:
        _signal(proc, signal.SIGTERM, group)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal(proc, signal.SIGKILL, group)
            proc.wait(5)
    if group:  # children left behind in the group (e.g. a pool process) go too
        _signal(proc, signal.SIGKILL, True)


def _signal(proc: subprocess.Popen, sig: int, group: bool) -> None:
    try:
        if group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
    except (ProcessLookupError, PermissionError):
        pass


# --------------------------------------------------------------------------- Dovecot


@dataclass(frozen=True)
class ImapAccount:
    """One Dovecot user, with everything needed to reach it."""

    host: str
    port: int
    ssl_port: int
    user: str
    password: str
    cert_path: Path

    def env(self, *, ssl: bool = False, folder: str = "INBOX") -> dict[str, str]:
        """``MEDIADESK_IMAP_*`` for this account: plain IMAP, or IMAPS without verification
        (the certificate is self-signed; set MEDIADESK_IMAP_VERIFY_TLS yourself to test it)."""
        env = {
            "MEDIADESK_IMAP_HOST": self.host,
            "MEDIADESK_IMAP_PORT": str(self.ssl_port if ssl else self.port),
            "MEDIADESK_IMAP_USER": self.user,
            "MEDIADESK_IMAP_PASSWORD": self.password,
            "MEDIADESK_IMAP_SSL": "true" if ssl else "false",
            "MEDIADESK_IMAP_FOLDER": folder,
        }
        if ssl:
            env["MEDIADESK_IMAP_VERIFY_TLS"] = "false"
        return env


_APPENDUID = re.compile(rb"\[APPENDUID \d+ ([0-9:,]+)\]")


def _expand_uid_set(text: bytes) -> list[int]:
    uids: list[int] = []
    for part in text.decode().split(","):
        lo, _, hi = part.partition(":")
        uids.extend(range(int(lo), int(hi or lo) + 1))
    return uids


class Dovecot(_Managed):
    """A private Dovecot (not the system service): own config, users, Maildirs and ports.

    Plain IMAP on ``port`` (STARTTLS offered there too) and IMAPS on ``ssl_port``, both with a
    self-signed certificate for 127.0.0.1/localhost at ``cert_path``.
    """

    MAIL_UID = 5000  # mail cannot run as root; a numeric uid needs no /etc/passwd entry

    def __init__(self, workdir: Path | None = None):
        self.binary = find_binary("dovecot")
        self.doveadm_binary = find_binary("doveadm")
        self.dir = Path(workdir) if workdir else make_workdir("dovecot")
        self.conf = self.dir / "dovecot.conf"
        self.users_dir = self.dir / "users"
        self.log = self.dir / "dovecot.log"
        self.cert_path = self.dir / "cert.pem"
        self.key_path = self.dir / "key.pem"
        self.port = 0
        self.ssl_port = 0
        self.passwords: dict[str, str] = {}
        self.proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    # -- lifecycle

    def start(self) -> "Dovecot":
        if not self.binary:
            raise Unavailable("dovecot is not installed (apt-get install -y dovecot-imapd)")
        if os.geteuid() != 0:
            raise Unavailable("the private Dovecot needs root (mail runs as uid 5000)")
        if not self.conf.exists():
            self._prepare()
        for attempt in range(3):  # a free port can be taken between probe and bind
            if attempt or not self.port:
                self.port, self.ssl_port = free_port(), free_port()
                self._write_conf()
            try:
                self._spawn()
                break
            except Unavailable:
                if attempt == 2:
                    raise
        self._register()
        return self

    def _prepare(self) -> None:
        # Dovecot's unprivileged processes must traverse the dir and read the users file.
        self.dir.mkdir(parents=True, exist_ok=True)
        self.dir.chmod(0o755)
        for sub in ("run", "state", "home", "users"):
            (self.dir / sub).mkdir(exist_ok=True)
            (self.dir / sub).chmod(0o755)
        openssl = find_binary("openssl")
        if not openssl:
            raise Unavailable("openssl is not installed (needed for the test certificate)")
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "7", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(self.key_path), "-out", str(self.cert_path)],
            check=True, capture_output=True, timeout=30,
        )
        self.key_path.chmod(0o600)

    def _write_conf(self) -> None:
        d = self.dir
        dh = Path("/usr/share/dovecot/dh.pem")
        self.conf.write_text(f"""\
# Private test instance written by tests/harness/servers.py; not the system service.
instance_name = mediadesk-test-{d.name}
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
info_log_path = {d}/dovecot.log
listen = {HOST}
protocols = imap
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
ssl = yes
ssl_cert = <{self.cert_path}
ssl_key = <{self.key_path}
{f"ssl_dh = <{dh}" if dh.exists() else ""}
mail_location = maildir:~/Maildir
first_valid_uid = {self.MAIL_UID}
# Tests append thousands of messages; durability across a host crash is not under test.
mail_fsync = never
# One passwd-file per user: Dovecot re-reads a changed passwd-file at most once a second,
# but opens a new path at once, so a user added a moment ago can log in immediately.
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.users_dir}/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.users_dir}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {self.port}
  }}
  inet_listener imaps {{
    address = {HOST}
    port = {self.ssl_port}
    ssl = yes
  }}
}}
protocol imap {{
  # pollers, restarts and harness connections per user exceed the default of 10
  mail_max_userip_connections = 200
}}
""")

    def _spawn(self) -> None:
        # -F keeps the master as our child, so it can be waited for and dies with us;
        # it still writes base_dir/master.pid, which stop() signals as the docs describe.
        log = open(self.dir / "master.out", "ab")
        self.proc = subprocess.Popen(
            [self.binary, "-F", "-c", str(self.conf)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + 20
        while not (port_open(self.port) and port_open(self.ssl_port)):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                _terminate(self.proc)
                raise Unavailable(
                    f"dovecot did not start (exit {self.proc.returncode}):\n"
                    + tail(self.dir / "master.out") + "\n" + tail(self.log)
                )
            time.sleep(0.05)

    def stop(self) -> None:
        if not self.proc or self.proc.poll() is not None:
            return
        pid_file = self.dir / "run" / "master.pid"
        try:
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)
        except (OSError, ValueError):
            self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        wait_until(lambda: not port_open(self.port), 10, what="dovecot to release its port")

    def restart(self) -> None:
        """Stop and start again on the same ports; mail and users are kept."""
        self.stop()
        self._spawn()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __exit__(self, *exc):
        self.cleanup()

    # -- users and mail

    def add_user(self, name: str | None = None, password: str | None = None) -> ImapAccount:
        """Create a user (a fresh unique one when ``name`` is None) with an empty Maildir home."""
        name = name or f"press-{secrets.token_hex(4)}@mediadesk.test"
        password = password or secrets.token_hex(8)
        if re.search(r"[:/\s]", name + password) or name.startswith("."):
            raise ValueError("users and passwords cannot contain ':', '/' or whitespace")
        home = self.dir / "home" / name
        with self._lock:
            if name in self.passwords:
                raise ValueError(f"user {name} exists")
            home.mkdir(parents=True)
            os.chown(home, self.MAIL_UID, self.MAIL_UID)
            home.chmod(0o700)
            entry = self.users_dir / name
            entry.write_text(f"{name}:{{PLAIN}}{password}:{self.MAIL_UID}:{self.MAIL_UID}::{home}\n")
            entry.chmod(0o644)  # read by Dovecot's unprivileged auth process
            self.passwords[name] = password
        return self.account(name)

    def account(self, user: str) -> ImapAccount:
        return ImapAccount(HOST, self.port, self.ssl_port, user, self.passwords[user], self.cert_path)

    def env(self, user: str, *, ssl: bool = False, folder: str = "INBOX") -> dict[str, str]:
        return self.account(user).env(ssl=ssl, folder=folder)

    @contextmanager
    def client(self, user: str, *, timeout: float = 15) -> Iterator["imapclient.IMAPClient"]:  # noqa: F821
        """A logged-in plain-IMAP imapclient connection, logged out afterwards."""
        from imapclient import IMAPClient

        c = IMAPClient(HOST, port=self.port, ssl=False, timeout=timeout)
        try:
            c.login(user, self.passwords[user])
            yield c
        finally:
            try:
                c.logout()
            except Exception:
                c.shutdown()

    def append(self, user: str, folder: str, messages: Iterable[bytes], *,
               flags: Sequence[str] = (), batch: int = 500) -> list[int]:
        """Append raw messages (bytes as given; use ``to_crlf`` for LF files); return their UIDs.

        MULTIAPPEND (with LITERAL+, one round trip per batch) seeds thousands a second;
        one APPEND per message is the fallback and slows as a Maildir grows.
        """
        messages = list(messages)
        uids: list[int] = []
        with self.client(user) as c:
            if folder.upper() != "INBOX" and not c.folder_exists(folder):
                c.create_folder(folder)
            if c.has_capability("MULTIAPPEND"):
                for i in range(0, len(messages), batch):
                    chunk = [{"msg": m, "flags": flags} for m in messages[i:i + batch]]
                    typ, data = c.multiappend(folder, chunk)
                    if typ != "OK":
                        raise RuntimeError(f"MULTIAPPEND failed: {typ} {data!r}")
                    uids += self._appended_uids(data)
            else:
                for m in messages:
                    uids += self._appended_uids([c.append(folder, m, flags)])
        return uids

    @staticmethod
    def _appended_uids(data) -> list[int]:
        for line in data or []:
            match = _APPENDUID.search(line if isinstance(line, bytes) else str(line).encode())
            if match:
                return _expand_uid_set(match.group(1))
        return []

    def uids(self, user: str, folder: str = "INBOX") -> list[int]:
        with self.client(user) as c:
            c.select_folder(folder, readonly=True)
            return sorted(c.search("ALL"))

    def fetch(self, user: str, folder: str = "INBOX", uids: Sequence[int] | None = None) -> dict[int, bytes]:
        """Raw bytes by UID (BODY.PEEK, so \\Seen is not set)."""
        with self.client(user) as c:
            c.select_folder(folder, readonly=True)
            uids = list(uids) if uids is not None else c.search("ALL")
            if not uids:
                return {}
            data = c.fetch(uids, ["BODY.PEEK[]"])
            return {uid: item[b"BODY[]"] for uid, item in data.items()}

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        with self.client(user) as c:
            c.select_folder(folder, readonly=True)
            uids = c.search("ALL")
            return {uid: tuple(v[b"FLAGS"]) for uid, v in c.fetch(uids, ["FLAGS"]).items()} if uids else {}

    def doveadm(self, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
        """Run ``doveadm -c OUR.conf ARGS``; raises CalledProcessError with its output on failure."""
        if not self.doveadm_binary:
            raise Unavailable("doveadm is not installed")
        return subprocess.run([self.doveadm_binary, "-c", str(self.conf), *args],
                              check=True, capture_output=True, text=True, timeout=timeout)

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        with self.client(user) as c:
            return int(c.folder_status(folder, ["UIDVALIDITY"])[b"UIDVALIDITY"])

    def set_uidvalidity(self, user: str, folder: str, value: int) -> None:
        """Change a folder's UIDVALIDITY as a server rebuild would (clients see it on SELECT)."""
        self.doveadm("mailbox", "update", "-u", user, "--uid-validity", str(value), folder)


# --------------------------------------------------------------------------- Redis


def redis_ping(port: int, host: str = HOST, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class Redis(_Managed):
    """Redis for a test session.

    Shared mode (127.0.0.1:6379 answers and ``private`` is False): claims one of DBs 1-14 via a
    key in DB 15 so concurrent sessions on one machine never share (or flush) a DB, and flushes
    it. Private mode: ``redis-server`` on a free port in a temp dir, no persistence; only a
    private instance can ``restart()``. Set MEDIADESK_TEST_REDIS=private to force it.
    """

    SHARED_PORT = 6379
    REGISTRY_DB = 15
    CLAIM_SECONDS = 6 * 3600

    def __init__(self, private: bool | None = None):
        if private is None:
            private = os.environ.get("MEDIADESK_TEST_REDIS", "").lower() == "private"
        self.want_private = private
        self.private = False
        self.port = 0
        self.db = 0
        self.dir: Path | None = None
        self.proc: subprocess.Popen | None = None
        self._token = secrets.token_hex(8)

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/{self.db}"

    def client(self, db: int | None = None):
        import redis

        return redis.Redis(host=HOST, port=self.port, db=self.db if db is None else db,
                           socket_timeout=5, socket_connect_timeout=5)

    def start(self) -> "Redis":
        if not self.want_private and redis_ping(self.SHARED_PORT) and self._claim_shared_db():
            self.private = False
        else:
            self._start_private()
        self._register()
        return self

    def _claim_shared_db(self) -> bool:
        self.port = self.SHARED_PORT
        registry = self.client(self.REGISTRY_DB)
        for db in range(1, self.REGISTRY_DB):
            if registry.set(f"mediadesk-test:db:{db}", self._token, nx=True, ex=self.CLAIM_SECONDS):
                self.db = db
                self.flush()
                return True
        return False  # every DB is claimed: fall back to a private server

    def _start_private(self) -> None:
        binary = find_binary("redis-server")
        if not binary:
            raise Unavailable("nothing answers on 127.0.0.1:6379 and redis-server is not installed")
        self.private, self.db = True, 0
        self.dir = make_workdir("redis")
        self.port = free_port()
        self._spawn(binary)

    def _spawn(self, binary: str | None = None) -> None:
        binary = binary or find_binary("redis-server")
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--dir", str(self.dir), "--logfile", str(self.dir / "redis.log"), "--daemonize", "no"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + 15
        while not redis_ping(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                _terminate(self.proc)
                raise Unavailable("redis-server did not start:\n" + tail(self.dir / "redis.log"))
            time.sleep(0.05)

    def flush(self) -> None:
        """Empty our DB (never another session's)."""
        self.client().flushdb()

    def restart(self) -> None:
        """Stop and start a private instance on the same port (data is lost: no persistence)."""
        if not self.private:
            raise Unavailable("restart() needs a private Redis (use the private_redis fixture)")
        _terminate(self.proc)
        self._spawn()

    def stop(self) -> None:
        if self.private:
            if self.proc:
                _terminate(self.proc)
            if self.dir:
                shutil.rmtree(self.dir, ignore_errors=True)
                self.dir = None
        elif self.port:
            try:
                self.flush()
                registry = self.client(self.REGISTRY_DB)
                key = f"mediadesk-test:db:{self.db}"
                if registry.get(key) == self._token.encode():
                    registry.delete(key)
            except Exception:
                pass  # the claim expires on its own
            self.port = 0


# --------------------------------------------------------------------------- spamd


class Spamd(_Managed):
    """SpamAssassin's spamd on a free port on 127.0.0.1, its configuration in a temp dir.

    Local tests only (``-L``: no DNS blocklists, no Razor/Pyzor/DCC), no Bayes, no
    auto-learning, no user preferences, and no rule updates: the rules are those the Debian
    package ships (/usr/share/spamassassin), so a score is the same on every run.
    """

    # spamd answers its port before its first child is ready; a real check proves it works.
    READY_TIMEOUT = 60

    def __init__(self):
        self.port = 0
        self.dir: Path | None = None
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"spamd://{HOST}:{self.port}"

    def start(self) -> "Spamd":
        binary = find_binary("spamd")
        if not binary:
            raise Unavailable("spamd is not installed (Debian packages spamassassin and spamd)")
        self.dir = make_workdir("spamd")
        site = self.dir / "site"
        site.mkdir()
        for pre in Path("/etc/spamassassin").glob("*.pre"):  # the plugins the package loads
            shutil.copy(pre, site / pre.name)
        (site / "local.cf").write_text(
            "use_bayes 0\nbayes_auto_learn 0\nskip_rbl_checks 1\ndns_available no\n"
            "use_razor2 0\nuse_pyzor 0\nuse_dcc 0\nrequired_score 5.0\n"
        )
        os.chmod(self.dir, 0o755)  # spamd drops to nobody when started as root
        for path in [site, *site.iterdir()]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        self.port = free_port()
        args = [binary, "-L", "-x", "--listen", f"{HOST}:{self.port}", "--allowed-ips", HOST,
                "--siteconfigpath", str(site), "--pidfile", str(self.dir / "spamd.pid"),
                "--syslog", str(self.dir / "spamd.log"), "--max-children", "2", "--min-children", "1",
                "--helper-home-dir", str(self.dir)]
        if os.geteuid() == 0:
            args += ["-u", "nobody"]
        # spamd makes its temp files in the first writable of $TMPDIR (ignored in taint mode), /tmp
        # and its working directory: /tmp is not writable by nobody on every machine, so it
        # works in a folder of its own that is.
        scratch = self.dir / "tmp"
        scratch.mkdir()
        os.chmod(scratch, 0o1777)
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(self.dir / "stderr.log", "wb"), preexec_fn=_die_with_parent,
                                     start_new_session=True, cwd=scratch, env={**os.environ, "TMPDIR": str(scratch)})
        self._register()
        deadline = time.monotonic() + self.READY_TIMEOUT
        while not self._answers():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                log = tail(self.dir / "stderr.log") + "\n" + tail(self.dir / "spamd.log")
                self.stop()
                raise Unavailable("spamd did not start:\n" + log)
            time.sleep(0.2)
        return self

    def _answers(self) -> bool:
        if not port_open(self.port):
            return False
        try:
            with socket.create_connection((HOST, self.port), timeout=5) as sock:
                sock.sendall(b"PING SPAMC/1.5\r\n\r\n")
                return sock.recv(64).startswith(b"SPAMD/")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc:
            _terminate(self.proc, group=True)  # the parent and its children
            self.proc = None
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


# --------------------------------------------------------------------------- Celery worker


class CeleryWorker(_Managed):
    """``python -m celery -A APP worker`` as a subprocess with the given environment.

    The worker runs in its own process group, with the temp dir as cwd (never the repo root,
    where ``import mailbox`` would find our folder), logging to ``log``.
    """

    def __init__(self, env: dict[str, str], *, workdir: Path, app: str = "mediadesk.worker.app",
                 concurrency: int = 2, queues: str = "mediadesk", extra_args: Sequence[str] = (),
                 name: str | None = None, memory_mb: int | None = None):
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
        self.workdir = Path(workdir)
        self.app, self.concurrency, self.queues = app, concurrency, queues
        self.extra_args = list(extra_args)
        self.memory_mb = memory_mb
        self.name = name or f"mediadesk-test-{secrets.token_hex(3)}@%h"
        self.log = self.workdir / f"celery-{self.name.split('@')[0]}.log"
        self.proc: subprocess.Popen | None = None
        self._log_offset = 0

    def command(self) -> list[str]:
        return [sys.executable, "-m", "celery", "-A", self.app, "worker", "--loglevel=INFO",
                f"--concurrency={self.concurrency}", "--pool=prefork", "-Q", self.queues,
                "-n", self.name, "--without-gossip", "--without-mingle", *self.extra_args]

    def start(self) -> "CeleryWorker":
        self.workdir.mkdir(parents=True, exist_ok=True)
        # Remember where this run's output starts, so wait_ready ignores an earlier "ready".
        self._log_offset = self.log.stat().st_size if self.log.exists() else 0
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                self.command(), env=self.env, cwd=self.workdir, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                preexec_fn=capped(self.memory_mb),
            )
        self._register()
        return self

    def log_text(self, since_start: bool = False) -> str:
        try:
            data = self.log.read_bytes()
        except OSError:
            return ""
        return data[self._log_offset if since_start else 0:].decode(errors="replace")

    def wait_ready(self, timeout: float = 60) -> "CeleryWorker":
        """Block until the worker logs 'ready.'; RuntimeError with the log tail if it dies."""
        deadline = time.monotonic() + timeout
        while " ready." not in self.log_text(since_start=True):
            if self.proc.poll() is not None:
                raise RuntimeError(f"celery worker exited with {self.proc.returncode}:\n{tail(self.log)}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"celery worker not ready after {timeout:.0f}s:\n{tail(self.log)}")
            time.sleep(0.1)
        return self

    @property
    def alive(self) -> bool:
        return bool(self.proc) and self.proc.poll() is None

    def kill(self, sig: int = signal.SIGKILL, *, group: bool = True) -> None:
        """Send ``sig`` to the whole worker (main process and pool children) or, with
        ``group=False``, to the main process only. SIGKILL simulates a crash: no acks, no cleanup."""
        if self.proc:
            _signal(self.proc, sig, group)
            if sig == signal.SIGKILL:
                self.proc.wait(10)

    def stop(self, timeout: float = 30) -> None:
        """Warm shutdown (TERM: finish running tasks), then KILL whatever is left in the group."""
        if self.proc:
            _terminate(self.proc, timeout=timeout, group=True)

    def restart(self, timeout: float = 60) -> "CeleryWorker":
        self.stop()
        return self.start().wait_ready(timeout)


# --------------------------------------------------------------------------- SMTP sink


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


class SMTPServer(_Managed):
    """An aiosmtpd sink on 127.0.0.1 that keeps every message it receives, in order.

    Plain SMTP, no TLS: point the product at it with ``env()`` (MEDIADESK_SMTP_TLS=none). With
    ``user``/``password`` it also accepts AUTH PLAIN/LOGIN with exactly those credentials.

    A slow or refusing server: ``data_delay`` seconds pass between taking a message's data and
    answering it, and ``data_reply`` (e.g. ``"554 5.7.1 refused"``) replaces the ``250``.
    ``data_received`` holds every DATA as it arrives, accepted or not (``wait_for_data``,
    ``deliveries``); ``messages`` only those answered ``250``.
    """

    def __init__(self, user: str | None = None, password: str | None = None, *, data_delay: float = 0.0,
                 data_reply: str | None = None):
        self.port = 0
        self.host = HOST
        self.user, self.password = user, password
        self.data_delay, self.data_reply = data_delay, data_reply
        self.messages: list[ReceivedMail] = []
        self.data_received: list[ReceivedMail] = []
        self._cond = threading.Condition()
        self.controller = None

    def start(self) -> "SMTPServer":
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        server = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope):
                mail = ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
                with server._cond:
                    server.data_received.append(mail)
                    server._cond.notify_all()
                if server.data_delay:
                    await asyncio.sleep(server.data_delay)  # other sessions go on meanwhile
                if server.data_reply:
                    return server.data_reply
                with server._cond:
                    server.messages.append(mail)
                    server._cond.notify_all()
                return "250 OK"

        def authenticator(_server, _session, _envelope, _mechanism, auth_data):
            ok = (getattr(auth_data, "login", b"") == (self.user or "").encode()
                  and getattr(auth_data, "password", b"") == (self.password or "").encode())
            return AuthResult(success=ok)

        kwargs = {}
        if self.user is not None:
            kwargs = {"authenticator": authenticator, "auth_require_tls": False}
        self.port = free_port()
        self.controller = Controller(Handler(), hostname=HOST, port=self.port, ready_timeout=10,
                                     decode_data=False, **kwargs)
        self.controller.start()
        self._register()
        return self

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None

    def env(self) -> dict[str, str]:
        env = {"MEDIADESK_SMTP_HOST": HOST, "MEDIADESK_SMTP_PORT": str(self.port), "MEDIADESK_SMTP_TLS": "none"}
        if self.user is not None:
            env |= {"MEDIADESK_SMTP_USER": self.user, "MEDIADESK_SMTP_PASSWORD": self.password or ""}
        return env

    def wait_for(self, n: int, timeout: float = 10) -> list[ReceivedMail]:
        """Block until at least ``n`` messages arrived; TimeoutError otherwise."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.messages) >= n, timeout):
                raise TimeoutError(f"{len(self.messages)} of {n} messages after {timeout}s")
            return list(self.messages)

    def wait_for_data(self, n: int, timeout: float = 10) -> list[ReceivedMail]:
        """Block until at least ``n`` DATA commands arrived (answered or not); TimeoutError otherwise."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.data_received) >= n, timeout):
                raise TimeoutError(f"{len(self.data_received)} of {n} DATA commands after {timeout}s")
            return list(self.data_received)

    def deliveries(self, message_id: str) -> int:
        """How many DATA commands carried a message with this Message-ID (answered or not)."""
        with self._cond:
            return sum(1 for mail in self.data_received if mail.message["Message-ID"] == message_id)


# --------------------------------------------------------------------------- PostgreSQL


PG_ADMIN_DSN = os.environ.get("MEDIADESK_TEST_PG_ADMIN", f"host={HOST} port=5432 user=postgres dbname=postgres")


def _pg_admin():
    import psycopg

    try:
        return psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise Unavailable(f"PostgreSQL is not reachable at {PG_ADMIN_DSN!r}: {exc}".strip()) from None


@dataclass(eq=False)  # identity hashing: live servers are kept in a WeakSet
class Postgres(_Managed):
    """A fresh, uniquely named database on 127.0.0.1:5432 (user postgres, trust auth), dropped
    afterwards with FORCE so lingering connections do not keep it alive."""

    name: str = field(default_factory=lambda: f"mediadesk_test_{secrets.token_hex(5)}")
    created: bool = False

    @property
    def url(self) -> str:
        """SQLAlchemy URL for MEDIADESK_DATABASE_URL."""
        return f"postgresql+psycopg://postgres@{HOST}:5432/{self.name}"

    def start(self) -> "Postgres":
        with _pg_admin() as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.created = True
        self._register()
        return self

    def stop(self) -> None:
        if self.created:
            with _pg_admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False

    @staticmethod
    def exists(name: str) -> bool:
        with _pg_admin() as conn:
            return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


# --------------------------------------------------------------------------- CLI


def cli_path() -> str:
    """The installed console script next to the running interpreter (the venv's)."""
    for candidate in (Path(sys.executable).parent / "mediadesk", REPO_ROOT / ".venv" / "bin" / "mediadesk"):
        if candidate.exists():
            return str(candidate)
    raise Unavailable("the mediadesk console script is not installed (pip install -e .)")


def run_cli(args: Sequence[str], env: dict[str, str] | None = None, cwd: Path | str | None = None,
            *, timeout: float = 120, input: str | None = None) -> subprocess.CompletedProcess:
    """Run ``mediadesk ARGS`` as a subprocess; returns the CompletedProcess (text, never raises
    on a non-zero exit). ``env`` replaces the environment (PATH is added when missing)."""
    full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **(env if env is not None else os.environ)}
    return subprocess.run([cli_path(), *args], env=full_env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, input=input, stdin=None if input is not None else subprocess.DEVNULL)


# --------------------------------------------------------------------------- TLS helpers


def unverified_tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


__all__ = [
    "HOST", "REPO_ROOT", "CeleryWorker", "Dovecot", "ImapAccount", "Postgres", "ReceivedMail", "Redis",
    "SMTPServer", "Spamd", "Unavailable", "cli_path", "free_port", "in_ci", "needs", "port_open", "run_cli", "tail",
    "to_crlf", "unverified_tls_context", "wait_until",
]
