"""`mediadesk doctor`: is everything this deployment needs there and healthy? And
`mediadesk metrics`, the Prometheus exporter.

Each check reports ok, warn, fail or skip, with a detail and, when something is wrong, a fix
hint naming the setting or command. The exit status is non-zero when a check fails (with
``--strict`` also when one warns), so ``mediadesk doctor --only db,redis`` works as a
container health check. Nothing is changed: the IMAP folder is opened read-only (EXAMINE),
SMTP gets EHLO (and a login), never a message; the data directory gets a file created and
removed at once, the only true test that it is writable. Secrets never appear in the output.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Optional

import typer

from mediadesk.cli.common import ExitCode, err, fail, is_tty, out, print_json, print_rows

from mediadesk.metrics import POLLER_LOCK_PREFIX, QUEUE, queue_depth

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"


@dataclass
class Result:
    check: str
    status: str
    detail: str
    hint: str = ""
    seconds: float = 0.0


class Problem(Exception):
    """A check's verdict other than ok, raised from deep inside it."""

    def __init__(self, status: str, detail: str, hint: str = ""):
        super().__init__(detail)
        self.status, self.detail, self.hint = status, detail, hint


@dataclass
class Context:
    settings: Any
    timeout: float
    worker: str | None = None
    max_queue: int = 1000
    secrets: list[str] = field(default_factory=list)
    results: dict[str, Result] = field(default_factory=dict)

    def redis(self):
        import redis

        return redis.Redis.from_url(self.settings.redis_url, socket_connect_timeout=self.timeout,
                                    socket_timeout=self.timeout)

    def engine(self):
        from mediadesk.metrics import read_engine

        return read_engine(self.settings.database_url)

    def scrub(self, text: str) -> str:
        from mediadesk import logs

        for secret in self.secrets:
            text = text.replace(secret, "***")
        return logs.mask(text)  # also OAuth2 tokens fetched during the checks


# --------------------------------------------------------------------------- helpers


def _collect_secrets(value: Any, found: list[str]) -> None:
    """Every SecretStr value in the settings (also nested: lists of mailboxes and the like),
    and passwords inside URLs."""
    from pydantic import SecretStr
    from sqlalchemy.engine import make_url

    if isinstance(value, SecretStr):
        secret = value.get_secret_value()
        if secret and len(secret) >= 3:
            found.append(secret)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_secrets(item, found)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            _collect_secrets(item, found)
    elif isinstance(value, str) and "://" in value and "@" in value:
        try:
            password = make_url(value).password
        except Exception:
            password = None
        if password and len(str(password)) >= 3:
            found.append(str(password))


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)  # SQLite hands back naive UTC
    return value


def _ago(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60}m"
    if seconds < 172800:
        return f"{seconds // 3600}h{(seconds % 3600) // 60:02d}m"
    return f"{seconds // 86400}d"




def _network_hint(prefix: str) -> str:
    return f"check MEDIADESK_{prefix}_HOST and MEDIADESK_{prefix}_PORT, and that the server is reachable from here"


# --------------------------------------------------------------------------- checks


def check_settings(ctx: Context) -> tuple[str, str, str]:
    s = ctx.settings
    from mediadesk.settings import mask_url

    db_kind = s.database_url.split(":", 1)[0].split("+", 1)[0]
    parts = [f"database {db_kind}", f"redis {mask_url(s.redis_url)}"]
    parts.append(f"IMAP {s.imap_user}@{s.imap_host}" if s.imap_host else "IMAP not set")
    parts.append(f"SMTP {s.smtp_host}:{s.resolved_smtp_port}" if s.smtp_host else "SMTP not set")
    detail = ", ".join(parts)
    if db_kind == "sqlite":
        detail += " (SQLite: one host only)"
    return OK, detail, ""


def check_data(ctx: Context) -> tuple[str, str, str]:
    """MEDIADESK_DATA_DIR can be written (a file is created there and removed at once)."""
    from mediadesk import datadir

    path = ctx.settings.data_dir
    problem = datadir.problem(path)
    if problem:
        return FAIL, problem, datadir.hint(path)
    return OK, f"{path}: writable" if path.exists() else f"{path}: will be created on first use", ""


def check_db(ctx: Context) -> tuple[str, str, str]:
    from mediadesk.settings import mask_url
    from mediadesk.storage import db

    url = ctx.settings.database_url
    try:
        pending = db.pending_migrations(url)
    except Exception as exc:
        raise Problem(FAIL, f"cannot open {mask_url(url)}: {type(exc).__name__}: {exc}",
                      "check MEDIADESK_DATABASE_URL and that the database server is up") from None
    if pending:
        from mediadesk.cli.common import sqlite_path

        path = sqlite_path(url)
        missing = " (no database file yet)" if path is not None and not os.path.exists(path) else ""
        return FAIL, f"{mask_url(url)}{missing}: {len(pending)} migration(s) pending ({', '.join(reversed(pending))})", \
            "run `mediadesk db upgrade`"
    return OK, f"{mask_url(url)}: schema up to date", ""


def check_redis(ctx: Context) -> tuple[str, str, str]:
    from mediadesk.settings import mask_url

    url = mask_url(ctx.settings.redis_url)
    if not url:
        raise Problem(FAIL, "no broker configured (MEDIADESK_REDIS_URL is empty): commands run in-process, as in "
                      "the demo; the poller, workers and beat need one", "set MEDIADESK_REDIS_URL=redis://…")
    try:
        client = ctx.redis()
        client.ping()
        version = client.info("server").get("redis_version", "?")
    except Exception as exc:
        raise Problem(FAIL, f"{url}: {type(exc).__name__}: {exc}",
                      "check MEDIADESK_REDIS_URL and that Redis is running") from None
    return OK, f"{url}: PONG (Redis {version})", ""


def check_imap(ctx: Context) -> tuple[str, str, str]:
    """Every watched mailbox (MEDIADESK_MAILBOXES, or the one IMAP mailbox); the worst verdict wins."""
    results = []
    for box in ctx.settings.each_mailbox():
        try:
            status, detail, hint = _check_one_imap(ctx, box)
        except Problem as problem:
            status, detail, hint = problem.status, problem.detail, problem.hint
        results.append((status, (f"{box.mailbox_name}: " if box.mailbox_name else "") + detail, hint))
    if len(results) == 1:
        return results[0]
    rank = {OK: 0, SKIP: 0, WARN: 1, FAIL: 2}
    worst = max(results, key=lambda r: rank.get(r[0], 2))
    return worst[0], "; ".join(r[1] for r in results), worst[2]


def _check_one_imap(ctx: Context, s) -> tuple[str, str, str]:
    import socket
    import ssl
    from imapclient.exceptions import IMAPClientError, LoginError

    from mediadesk.imap import imap_connect
    from mediadesk.settings import SettingsError

    if not s.imap_host:
        return WARN, "no mailbox configured: nothing is polled", "set MEDIADESK_IMAP_HOST, _USER and _PASSWORD"
    try:
        s.require_imap()
    except SettingsError as exc:
        return FAIL, str(exc), "set the variables named"
    auth = getattr(s, "imap_auth", "password")
    where = f"{s.imap_user}@{s.imap_host}:{s.resolved_imap_port}"
    transport = "IMAPS" if s.imap_ssl else ("STARTTLS" if s.imap_starttls else "plain")
    auth_hint = ("check MEDIADESK_OAUTH2_* and that the application may use IMAP for this mailbox"
                 if auth == "xoauth2" else "check MEDIADESK_IMAP_USER and MEDIADESK_IMAP_PASSWORD")
    from mediadesk.oauth2 import OAuth2Error

    try:
        client = imap_connect(s, timeout=ctx.timeout)
    except OAuth2Error as exc:
        raise Problem(FAIL, f"{where}: no access token: {exc}",
                      "check MEDIADESK_OAUTH2_TOKEN_URL, _CLIENT_ID, _CLIENT_SECRET / _REFRESH_TOKEN") from None
    except LoginError as exc:
        raise Problem(FAIL, f"{where}: login refused: {exc}", auth_hint) from None
    except ssl.SSLCertVerificationError as exc:
        raise Problem(FAIL, f"{where}: certificate rejected: {exc.verify_message}",
                      "install a valid certificate (MEDIADESK_IMAP_VERIFY_TLS=false only for a test server)") from None
    except ssl.SSLError as exc:
        raise Problem(FAIL, f"{where}: TLS failed: {exc}", "check MEDIADESK_IMAP_SSL, _STARTTLS and _PORT") from None
    except (OSError, socket.timeout) as exc:
        raise Problem(FAIL, f"{where}: cannot connect: {type(exc).__name__}: {exc}", _network_hint("IMAP")) from None
    except IMAPClientError as exc:
        raise Problem(FAIL, f"{where}: {exc}", auth_hint) from None
    try:
        try:
            info = client.select_folder(s.imap_folder, readonly=True)  # EXAMINE: changes nothing
        except IMAPClientError as exc:
            raise Problem(FAIL, f"{where}: cannot open folder {s.imap_folder!r}: {exc}",
                          "check MEDIADESK_IMAP_FOLDER") from None
        detail = f"{where} ({transport}, {auth}): {s.imap_folder} has {int(info.get(b'EXISTS', 0))} message(s)"
        if s.processed_policy == "move" and not client.folder_exists(s.processed_folder):
            detail += f"; {s.processed_folder!r} will be created on first move"
        return OK, detail, ""
    finally:
        try:
            client.logout()
        except Exception:
            client.shutdown()


def check_smtp(ctx: Context) -> tuple[str, str, str]:
    import ssl
    from mediadesk.tls import tls_context as _tls_context
    import smtplib

    s = ctx.settings
    if not s.smtp_host:
        return WARN, "no SMTP server configured: acknowledgements cannot be sent", "set MEDIADESK_SMTP_HOST (and _PORT, _TLS)"
    where = f"{s.smtp_host}:{s.resolved_smtp_port}"
    context = _tls_context(s.smtp_verify_tls)
    try:
        if s.smtp_tls == "ssl":
            client = smtplib.SMTP_SSL(s.smtp_host, s.resolved_smtp_port, timeout=ctx.timeout, context=context)
        else:
            client = smtplib.SMTP(s.smtp_host, s.resolved_smtp_port, timeout=ctx.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise Problem(FAIL, f"{where}: certificate rejected: {exc.verify_message}",
                      "install a valid certificate (MEDIADESK_SMTP_VERIFY_TLS=false only for a test server)") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise Problem(FAIL, f"{where}: cannot connect: {type(exc).__name__}: {exc}", _network_hint("SMTP")) from None
    try:
        code, _ = client.ehlo()
        if code != 250:
            return FAIL, f"{where}: EHLO answered {code}", "check MEDIADESK_SMTP_HOST/_PORT: is this an SMTP server?"
        steps = ["EHLO"]
        if s.smtp_tls == "starttls":
            if not client.has_extn("starttls"):
                return FAIL, f"{where}: the server does not offer STARTTLS", \
                    "MEDIADESK_SMTP_TLS=ssl (port 465) or none (only on a trusted network)"
            client.starttls(context=context)
            client.ehlo()
            steps.append("STARTTLS")
        if _smtp_auth_configured(s):
            from mediadesk.oauth2 import OAuth2Unavailable

            try:
                _smtp_authenticate(client, s)
            except smtplib.SMTPAuthenticationError as exc:
                reason = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
                raise Problem(FAIL, f"{where}: login refused ({exc.smtp_code} {reason[:200]})", _smtp_auth_hint(s)) from None
            except OAuth2Unavailable as exc:
                raise Problem(FAIL, f"{where}: no access token: {exc}", "check MEDIADESK_OAUTH2_TOKEN_URL") from None
            steps.append(f"AUTH as {_smtp_user(s)}")
        client.noop()
        return OK, f"{where} ({s.smtp_tls}): {', '.join(steps)} ok; nothing sent", ""
    except Problem:
        raise
    except ssl.SSLError as exc:
        raise Problem(FAIL, f"{where}: TLS failed: {exc}", "check MEDIADESK_SMTP_TLS and MEDIADESK_SMTP_PORT") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise Problem(FAIL, f"{where}: {type(exc).__name__}: {exc}", _network_hint("SMTP")) from None
    finally:
        try:
            client.quit()
        except Exception:
            client.close()


def _smtp_auth_configured(s) -> bool:
    return getattr(s, "smtp_auth", "password") == "xoauth2" or bool(s.smtp_user)


def _smtp_user(s) -> str:
    return s.smtp_user or s.imap_user or ""


def _smtp_auth_hint(s) -> str:
    if getattr(s, "smtp_auth", "password") == "xoauth2":
        return "check MEDIADESK_OAUTH2_* and that SMTP AUTH is enabled for this mailbox"
    return "check MEDIADESK_SMTP_USER and MEDIADESK_SMTP_PASSWORD"


def _smtp_authenticate(client, s) -> None:
    from mediadesk.oauth2 import smtp_authenticate

    smtp_authenticate(client, s)


def check_workers(ctx: Context) -> tuple[str, str, str]:
    from celery import Celery

    app = Celery("mediadesk-doctor", broker=ctx.settings.redis_url, set_as_current=False)
    app.conf.update(broker_connection_retry=False, broker_connection_max_retries=0,
                    broker_connection_timeout=ctx.timeout)
    try:
        inspect = app.control.inspect(timeout=min(ctx.timeout, 3.0),
                                      destination=[ctx.worker] if ctx.worker else None,
                                      limit=1 if ctx.worker else None)
        replies = inspect.ping() or {}
    except Exception as exc:
        raise Problem(FAIL, f"cannot ask the workers: {type(exc).__name__}: {exc}",
                      "check MEDIADESK_REDIS_URL (the broker)") from None
    finally:
        try:
            app.close()
        except Exception:
            pass
    if ctx.worker:
        if ctx.worker in replies:
            return OK, f"{ctx.worker} answered ping", ""
        return FAIL, f"{ctx.worker} did not answer ping" + (f" ({len(replies)} other(s) did)" if replies else ""), \
            "is `mediadesk worker` running on this host and healthy?"
    if not replies:
        return FAIL, "no Celery worker answered ping: nothing processes the queue", "start `mediadesk worker`"
    names = sorted(replies)
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return OK, f"{len(names)} worker(s) alive: {shown}", ""


def check_beat(ctx: Context) -> tuple[str, str, str]:
    from mediadesk.metrics import beat_age

    interval = ctx.settings.sweep_interval
    hint = "run exactly one beat (`mediadesk worker --beat`, the `beat` service); workers must be up to run its sweep"
    age = beat_age(ctx.redis())
    if age is None:
        return WARN, "no sweep heartbeat in Redis: beat is not running (or has not swept yet)", hint
    if age > 3 * interval:
        return WARN, f"last sweep {_ago(age)} ago (MEDIADESK_SWEEP_INTERVAL is {interval:g}s)", hint
    return OK, f"last sweep {_ago(age)} ago", ""


def check_poller(ctx: Context) -> tuple[str, str, str]:
    if not ctx.settings.imap_host:
        return SKIP, "no mailbox configured", ""
    client = ctx.redis()
    held = []
    for key in client.scan_iter(match=POLLER_LOCK_PREFIX + "*", count=100):
        owner = (client.get(key) or b"").decode(errors="replace").rsplit(":", 1)[0]
        held.append(f"{key.decode(errors='replace')[len(POLLER_LOCK_PREFIX):]} ({owner})")
    if not held:
        return WARN, "no poller holds a mailbox lock: new mail is not being fetched", "start `mediadesk poll`"
    return OK, f"{len(held)} mailbox(es) polled: " + ", ".join(sorted(held)[:4]), ""


def check_queue(ctx: Context) -> tuple[str, str, str]:
    client = ctx.redis()
    depth = queue_depth(client)
    detail = f"{depth} task(s) waiting in {QUEUE!r}"
    if depth > ctx.max_queue:
        return WARN, detail + f" (over {ctx.max_queue})", "add workers (`mediadesk worker -c N`, more replicas)"
    return OK, detail, ""


def check_inbound(ctx: Context) -> tuple[str, str, str]:
    from sqlalchemy import func
    from sqlmodel import select
    from mediadesk.storage.db import read_scope

    from mediadesk.storage.models import InboundMessage, utcnow

    with read_scope(ctx.engine()) as session:
        count, oldest = session.exec(
            select(func.count(), func.min(InboundMessage.received_at)).where(InboundMessage.state == "pending")
        ).one()
    if not count:
        return OK, "no message waiting to be processed", ""
    age = (utcnow() - _aware(oldest)).total_seconds()
    limit = ctx.settings.sweep_grace_seconds + 3 * ctx.settings.sweep_interval
    detail = f"{count} message(s) not processed yet, the oldest for {_ago(age)}"
    if age > limit:
        return WARN, detail, "are workers and beat running? `mediadesk sweep` re-enqueues them"
    return OK, detail, ""


def check_parked(ctx: Context) -> tuple[str, str, str]:
    from sqlalchemy import func
    from sqlmodel import select
    from mediadesk.storage.db import read_scope

    from mediadesk.storage.models import InboundMessage

    with read_scope(ctx.engine()) as session:
        count = session.exec(select(func.count()).select_from(InboundMessage)
                             .where(InboundMessage.state == "parked")).one()
    if count:
        return WARN, f"{count} message(s) parked after repeated failures", \
            "`mediadesk list --status error`, fix the cause, then `mediadesk reprocess parked`"
    return OK, "no parked message", ""


def check_drafts(ctx: Context) -> tuple[str, str, str]:
    from sqlalchemy import func
    from sqlmodel import select
    from mediadesk.storage.db import read_scope

    from mediadesk.storage.models import Draft

    with read_scope(ctx.engine()) as session:
        counts = dict(session.exec(select(Draft.status, func.count()).where(Draft.status.in_(("uncertain", "failed")))
                                   .group_by(Draft.status)).all())
    if counts:
        detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        return WARN, f"acknowledgements needing a human: {detail}", \
            "`mediadesk draft list`, then `mediadesk draft resolve REF`"
    return OK, "no failed or uncertain acknowledgement", ""


def check_overdue(ctx: Context) -> tuple[str, str, str]:
    from sqlalchemy import func
    from sqlmodel import select
    from mediadesk.storage.db import read_scope

    from mediadesk.storage.models import Ticket
    from mediadesk.storage.repo import overdue_clause

    with read_scope(ctx.engine()) as session:  # counted as `list --overdue` selects them
        count = session.exec(select(func.count()).select_from(Ticket).where(overdue_clause())).one()
    if count:
        return WARN, f"{count} open ticket(s) past their due time", "`mediadesk list --overdue`"
    return OK, "no overdue ticket", ""


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Context], tuple[str, str, str]]
    needs: tuple[str, ...] = ()
    hint: str = ""
    what: str = ""


CHECKS = [
    Check("settings", check_settings, (), "", "settings are valid"),
    Check("db", check_db, (), "check MEDIADESK_DATABASE_URL", "database reachable, migrations applied"),
    Check("redis", check_redis, (), "check MEDIADESK_REDIS_URL", "Redis answers PING"),
    Check("data", check_data, (), "set MEDIADESK_DATA_DIR", "the data directory (attachments) is writable"),
    Check("imap", check_imap, (), "check MEDIADESK_IMAP_*", "IMAP login and folder (read-only)"),
    Check("smtp", check_smtp, (), "check MEDIADESK_SMTP_*", "SMTP connect, EHLO, login (nothing sent)"),
    Check("workers", check_workers, ("redis",), "start `mediadesk worker`", "Celery workers answer ping"),
    Check("beat", check_beat, ("redis",), "run one `mediadesk worker --beat`", "beat's sweep heartbeat is recent"),
    Check("poller", check_poller, ("redis",), "start `mediadesk poll`", "a poller holds the mailbox lock"),
    Check("queue", check_queue, ("redis",), "add workers", "tasks waiting in the queue"),
    Check("inbound", check_inbound, ("db",), "check the workers", "oldest unprocessed inbound message"),
    Check("parked", check_parked, ("db",), "`mediadesk reprocess parked`", "messages parked after failures"),
    Check("drafts", check_drafts, ("db",), "`mediadesk draft list`", "failed or uncertain sends"),
    Check("overdue", check_overdue, ("db",), "`mediadesk list --overdue`", "open tickets past their due time"),
]
NAMES = [c.name for c in CHECKS]


# --------------------------------------------------------------------------- running


def _run_one(check: Check, ctx: Context, budget: float) -> Result:
    """Run ``check`` in a daemon thread, so a server that never answers costs ``budget`` at most."""
    box: dict[str, Result] = {}
    started = time.monotonic()

    def target() -> None:
        try:
            status, detail, hint = check.run(ctx)
        except Problem as exc:
            status, detail, hint = exc.status, exc.detail, exc.hint
        except Exception as exc:
            status, detail, hint = FAIL, f"{type(exc).__name__}: {exc}", check.hint
        box["r"] = Result(check.name, status, ctx.scrub(str(detail))[:500], ctx.scrub(hint),
                          round(time.monotonic() - started, 3))

    thread = threading.Thread(target=target, name=f"doctor-{check.name}", daemon=True)
    thread.start()
    thread.join(budget)
    if "r" not in box:
        return Result(check.name, FAIL, f"no answer within {budget:.0f}s", check.hint, round(time.monotonic() - started, 3))
    return box["r"]


def _run_wave(checks: list[Check], ctx: Context, budget: float) -> None:
    results: dict[str, Result] = {}
    threads = []
    for check in checks:
        failed = [n for n in check.needs if n in ctx.results and ctx.results[n].status == FAIL]
        if failed:
            ctx.results[check.name] = Result(check.name, SKIP, f"skipped: {', '.join(failed)} failed")
            continue
        thread = threading.Thread(target=lambda c=check: results.__setitem__(c.name, _run_one(c, ctx, budget)),
                                  daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(budget + 5)
    ctx.results.update(results)


def run_checks(selected: list[str], *, timeout: float = 10.0, worker: str | None = None,
               max_queue: int = 1000) -> list[Result]:
    """Run the checks named in ``selected`` (in dependency order) and return their results."""
    from mediadesk.settings import SettingsError, get_settings

    started = time.monotonic()
    try:
        settings = get_settings()
    except SettingsError as exc:
        return [Result("settings", FAIL, str(exc).replace("\n", " "),
                       "fix the MEDIADESK_* variable named (environment or .env)", round(time.monotonic() - started, 3))]
    ctx = Context(settings=settings, timeout=timeout, worker=worker, max_queue=max_queue)
    _collect_secrets(settings.model_dump(), ctx.secrets)
    ctx.secrets.sort(key=len, reverse=True)
    budget = 3 * timeout + 5
    wanted = [c for c in CHECKS if c.name in selected]
    _run_wave([c for c in wanted if not c.needs], ctx, budget)
    _run_wave([c for c in wanted if c.needs], ctx, budget)
    return [ctx.results[c.name] for c in wanted if c.name in ctx.results]


_STYLE = {OK: "green", WARN: "yellow", FAIL: "bold red", SKIP: "dim"}


def _print_table(results: list[Result]) -> None:
    if is_tty():
        from rich.table import Table
        from rich.text import Text

        table = Table(title="mediadesk doctor", header_style="bold")
        for col in ("check", "status", "detail", "fix"):
            table.add_column(col, overflow="fold")
        for r in results:
            table.add_row(r.check, Text(r.status, style=_STYLE[r.status]), Text(r.detail), Text(r.hint))
        out.print(table)
    else:
        print_rows(None, ["check", "status", "detail", "fix"], [(r.check, r.status, r.detail, r.hint) for r in results])


def _parse_names(value: Optional[str], option: str) -> list[str]:
    if not value:
        return []
    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        fail(f"{option}: unknown check(s) {', '.join(unknown)}; choose from {', '.join(NAMES)}", ExitCode.USAGE)
    return names


def doctor(
    json_: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    only: Optional[str] = typer.Option(None, "--only", metavar="CHECKS",
                                       help=f"Comma-separated checks to run: {', '.join(NAMES)}."),
    skip: Optional[str] = typer.Option(None, "--skip", metavar="CHECKS", help="Comma-separated checks to leave out."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero on warnings too."),
    timeout: float = typer.Option(10.0, "--timeout", metavar="SECONDS", min=0.5, help="Seconds to wait for each server."),
    worker: Optional[str] = typer.Option(None, "--worker", metavar="NAME",
                                         help="The workers check passes only if this worker answers "
                                              "(e.g. celery@$HOSTNAME in a worker's health check)."),
    max_queue: int = typer.Option(1000, "--max-queue", metavar="N", help="Warn when more tasks than this wait in the queue."),
) -> None:
    """Check settings, database, Redis, IMAP, SMTP, workers, beat and the backlog; exit 1 if any fails.

    Example (a container health check): mediadesk doctor --only db,redis,imap
    """
    selected = _parse_names(only, "--only") or list(NAMES)
    dropped = set(_parse_names(skip, "--skip"))
    selected = [n for n in selected if n not in dropped]
    if "settings" not in selected:
        selected.insert(0, "settings")  # everything else needs them; cheap
    results = run_checks(selected, timeout=timeout, worker=worker, max_queue=max_queue)
    statuses = [r.status for r in results]
    overall = FAIL if FAIL in statuses else WARN if WARN in statuses else OK
    if json_:
        print_json({"status": overall, "checks": [asdict(r) for r in results]})
    else:
        _print_table(results)
        counts = ", ".join(f"{statuses.count(s)} {s}" for s in (OK, WARN, FAIL, SKIP) if statuses.count(s))
        err.print(f"doctor: {counts}", highlight=False)
    if overall == FAIL:
        settings_failed = any(r.check == "settings" and r.status == FAIL for r in results)
        raise typer.Exit(ExitCode.USAGE if settings_failed else ExitCode.ERROR)
    if strict and overall == WARN:
        raise typer.Exit(ExitCode.ERROR)


def metrics(
    host: Optional[str] = typer.Option(None, "--host", metavar="HOST", help="Address to listen on [default: MEDIADESK_METRICS_HOST, 127.0.0.1]."),
    port: Optional[int] = typer.Option(None, "--port", metavar="PORT", help="Port to listen on [default: MEDIADESK_METRICS_PORT, 9464]."),
    once: bool = typer.Option(False, "--once", help="Print the metrics once to stdout and exit."),
    min_interval: float = typer.Option(5.0, "--min-interval", metavar="SECONDS", min=0,
                                       help="Scrapes closer together than this many seconds get the previous answer."),
) -> None:
    """Serve Prometheus metrics at http://HOST:PORT/metrics, read from the database and Redis.

    Example: mediadesk metrics --port 9464   (then scrape http://127.0.0.1:9464/metrics)
    """
    import signal
    import sys

    from mediadesk import metrics as m
    from mediadesk.cli import common

    s = common.settings()
    registry = m.registry_for(s.database_url, s.redis_url, min_interval=min_interval)
    if once:
        sys.stdout.buffer.write(m.render(registry))
        sys.stdout.flush()
        return
    host = host or s.metrics_host
    port = port or s.metrics_port
    try:
        server = m.serve(registry, host, port)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} (MEDIADESK_METRICS_HOST/_PORT): {exc}", ExitCode.UNAVAILABLE)
    err.print(f"serving metrics on http://{host}:{port}/metrics", highlight=False)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    server.shutdown()


def register(app: typer.Typer) -> None:
    app.command()(doctor)
    app.command()(metrics)


__all__ = ["register", "run_checks", "Result", "NAMES"]
