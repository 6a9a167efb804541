"""What every command shares: settings, the database, output forms and errors."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, tzinfo
from typing import Any, Iterable, NoReturn, Sequence

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mediadesk.settings import Settings, SettingsError, get_settings

# Data goes to stdout; messages, progress and errors to stderr.
out = Console()
err = Console(stderr=True, soft_wrap=True)  # messages are never wrapped mid-line


class ExitCode:
    OK = 0
    ERROR = 1
    USAGE = 2
    NOT_FOUND = 3
    CONFLICT = 4
    UNAVAILABLE = 5


def fail(message: str, code: int = ExitCode.ERROR) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def settings() -> Settings:
    try:
        return get_settings()
    except SettingsError as exc:
        fail(str(exc), ExitCode.USAGE)


def engine(*, migrate: bool = False):
    """The engine for MEDIADESK_DATABASE_URL; refuses a database whose migrations are pending."""
    from mediadesk.storage import db

    url = settings().database_url
    if migrate:
        db.upgrade(url)
    else:
        try:
            pending = db.pending_migrations(url)
        except Exception as exc:
            from mediadesk.settings import mask_url

            fail(f"cannot open the database {mask_url(url)} (MEDIADESK_DATABASE_URL): {exc}", ExitCode.UNAVAILABLE)
        if pending:
            fail("the database schema is not up to date: run `mediadesk db upgrade`", ExitCode.UNAVAILABLE)
    return db.engine_for(url)


def to_jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=None) + "\n")
    sys.stdout.flush()


def is_tty() -> bool:
    return sys.stdout.isatty()


def print_rows(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A Rich table on a terminal; tab-separated lines (no header) when piped."""
    rows = list(rows)
    if is_tty():
        table = Table(title=title, header_style="bold")
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            # Text, not markup: a subject such as "[urgent]" or "[/b]" is shown as written.
            table.add_row(*[Text("" if v is None else str(v)) for v in row])
        out.print(table)
    else:
        for row in rows:
            sys.stdout.write("\t".join("" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        sys.stdout.flush()


def display_zone() -> tzinfo:
    """The zone the CLI shows times in: MEDIADESK_TIMEZONE (validated with the settings)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings().timezone)


def fmt_time(value: datetime | None, zone: tzinfo | None = None) -> str:
    """``2026-12-02 15:00 +03``: in ``zone`` (default MEDIADESK_TIMEZONE, not the host's), labelled
    with the zone's abbreviation or offset, so a time read on screen or piped is unambiguous."""
    if value is None:
        return ""
    local = value.astimezone(zone or display_zone())
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def act(service, *args, **kwargs):
    """Call a ``worker.services`` function for the person at the keyboard; its domain errors
    become clear messages with the documented exit codes."""
    from mediadesk.worker.drafting import DraftStateError
    from mediadesk.worker.services import Conflict, NotFound
    from mediadesk.worker.workflow import TransitionError

    try:
        return service(engine(), *args, actor=settings().actor, **kwargs)
    except NotFound as exc:
        fail(str(exc), ExitCode.NOT_FOUND)
    except (TransitionError, DraftStateError, Conflict) as exc:
        fail(str(exc), ExitCode.CONFLICT)


def process_inline(engine, ids: list[int], settings, *, label: str) -> None:
    """Run the pipeline in this process over ``ids`` (``pipeline.process_all``), with a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from mediadesk.worker import pipeline

    limiter = None
    if redis_client_or_none(settings.redis_url) is not None:
        from mediadesk.worker.drafting import RedisAckLimiter

        limiter = RedisAckLimiter(settings.redis_url, settings.ack_rate_limit, settings.ack_rate_window_seconds)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task(label, total=len(ids))
        pipeline.process_all(engine, ids, settings, limiter=limiter,
                             advance=lambda n: progress.advance(task, n),
                             failed=lambda inbound_id, exc: err.print(f"[yellow]inbound #{inbound_id} failed: {exc}[/]"))


def redis_client_or_none(url: str):
    """A Redis client when the server answers, else None."""
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)
        client.ping()
        return client
    except Exception:
        return None
