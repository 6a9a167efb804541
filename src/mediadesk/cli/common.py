"""What every command shares: settings, the database, output forms and errors.

All output goes through here: ``out``/``err`` (Rich consoles), ``print_rows`` and ``print_json``.
The text a sender controls (subjects, names, bodies, filenames, and anything derived from them)
is shown through ``visible`` on the way out, so mail cannot drive the press officer's terminal.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, NoReturn, Sequence

import typer

from mediadesk.safetext import BIDI_CONTROLS, visible

if TYPE_CHECKING:  # imported when used: `mediadesk --help` and `list` start without them
    from rich.console import Console
    from rich.text import Text

    from mediadesk.settings import Settings

# Start-up time is part of the interface (README, "Start-up"): this module, and every command
# module, imports Rich, the settings (pydantic), SQLAlchemy, the models and the worker only
# inside the functions that use them. tests/test_cli_startup.py holds that line.

# ----------------------------------------------------------------------------- safe text
# How text is made harmless is in mediadesk.safetext (the logs use it too); here it is applied to
# everything the CLI prints.


def safe_text(text: Text) -> Text:
    """A copy of a Rich ``Text`` whose characters are ``visible`` (the same object if they were)."""
    plain = text.plain
    shown = visible(plain)
    if shown == plain:
        return text
    copy = text.copy()
    copy.plain = shown  # same length: the spans are kept
    return copy


@lru_cache(maxsize=1)
def safe_console_class() -> type:
    """``SafeConsole``: a Rich console that shows text, never obeys it.

    Rich draws everything through ``Console.render`` (tables and panels render their cells and
    titles through it too), so this is the one place where sender text meets the terminal:
    each ``Text`` (and ``str``) is made ``visible`` before it is laid out, and as a last guard
    every text segment is made visible again and loses any hyperlink (we print none; a
    ``[link=…]`` in markup built from mail would be one). Rich's own control segments (cursor
    moves of a progress bar) pass untouched. Rich itself strips only BEL, BS, VT, FF and CR.
    """
    from rich.console import Console
    from rich.protocol import rich_cast
    from rich.segment import Segment
    from rich.text import Text

    class SafeConsole(Console):
        def render(self, renderable, options=None):
            renderable = rich_cast(renderable)
            if isinstance(renderable, str):
                opts = options or self.options
                renderable = self.render_str(renderable, highlight=opts.highlight, markup=opts.markup)
            if isinstance(renderable, Text):
                renderable = safe_text(renderable)
            for segment in super().render(renderable, options):
                if segment.control:
                    yield segment
                    continue
                style = segment.style
                if style is not None and style.link:
                    style = style.clear_meta_and_links()
                yield Segment(visible(segment.text), style)

    return SafeConsole


class _LazyConsole:
    """A ``SafeConsole`` made on first use (importing Rich costs start-up time that piped output
    and usage errors do not need)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def get(self) -> Console:
        """The console itself (for Rich objects that take one, such as ``Progress``)."""
        if self._console is None:
            self._console = safe_console_class()(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


# Data goes to stdout; messages, progress and errors to stderr. No console markup or emoji codes:
# printed strings quote mail and user input ("[/b]" would raise MarkupError, "[link=…]" make a
# link, ":warning:" an emoji); styles are given as Text spans instead.
out: Any = _LazyConsole(markup=False, emoji=False)
err: Any = _LazyConsole(stderr=True, soft_wrap=True, markup=False, emoji=False)  # never wrapped mid-line


class ExitCode:
    OK = 0
    ERROR = 1
    USAGE = 2
    NOT_FOUND = 3
    CONFLICT = 4
    UNAVAILABLE = 5


def fail(message: str, code: int = ExitCode.ERROR) -> NoReturn:
    # Text, not markup: a message quoting what someone typed or a mail held ("[/b]", "[link=…]")
    # is shown as written, and never raises a MarkupError instead of the error it reports.
    from rich.text import Text

    err.print(Text.assemble(("error:", "bold red"), " ", message), highlight=False)
    raise typer.Exit(code)


def one_of(option: str, value: str | None, valid: Sequence[str], *, also: str = "") -> str | None:
    """``value`` of ``option`` as one of ``valid`` (any case), or exit 2 naming the valid values."""
    if value is None:
        return None
    word = value.strip().lower()
    if word not in valid:
        fail(f"{option} {value!r}: choose from {', '.join(valid)}{also}", ExitCode.USAGE)
    return word


def _undecodable(value: str) -> bool:
    # Python decodes argv and the environment with surrogateescape: bytes that are not UTF-8
    # become lone surrogates, which no database, terminal or mail header can take.
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _shown(value: str) -> str:
    return repr(value.encode("utf-8", "surrogateescape"))[2:-1]  # 'caf\xe9', never the raw bytes


def refuse_undecodable_input(argv: Sequence[str], environ: dict[str, str]) -> None:
    """Exit 2 naming the argument or MEDIADESK_* variable that is not valid UTF-8 (a note typed
    in a Latin-1 terminal), before it reaches the database as a UnicodeEncodeError traceback."""
    for position, arg in enumerate(argv, 1):
        if _undecodable(arg) and not os.path.exists(arg):  # a file name may be any bytes
            fail(f"argument {position} ({_shown(arg)}) is not valid UTF-8: set your terminal to UTF-8 "
                 "(e.g. LANG=C.UTF-8) and type it again", ExitCode.USAGE)
    for name in sorted(environ):
        if name.startswith("MEDIADESK_") and _undecodable(environ[name]):
            fail(f"{name} ({_shown(environ[name])}) is not valid UTF-8", ExitCode.USAGE)


log_level = "WARNING"  # set by the root command from --verbose / MEDIADESK_LOG_LEVEL


def configure_logs() -> None:
    """Configure structlog at ``log_level`` (once a command knows it will log)."""
    from mediadesk import logs

    logs.configure(log_level)


def settings() -> Settings:
    from mediadesk.settings import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        fail(str(exc), ExitCode.USAGE)


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL (``sqlite:////abs/path.db``), None for other databases, memory
    and ``file:`` URIs. The settings have made a relative path absolute already."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    path = url[len(prefix):].split("?", 1)[0]
    return None if not path or path == ":memory:" or path.startswith("file:") else path


def missing_database(url: str) -> NoReturn | None:
    """Stop (exit 5) when MEDIADESK_DATABASE_URL names a SQLite file that does not exist: a read or
    a change must not create an empty database (and its folders) where a typo points."""
    path = sqlite_path(url)
    if path is not None and not os.path.exists(path):
        fail(f"no database at {path} (MEDIADESK_DATABASE_URL): check the setting and the folder you are in, "
             "or create it with `mediadesk db upgrade` (`mediadesk demo` makes one with sample mail)",
             ExitCode.UNAVAILABLE)
    return None


def engine(*, migrate: bool = False):
    """The engine for MEDIADESK_DATABASE_URL; refuses a database whose migrations are pending,
    and (unless ``migrate``) a SQLite file that does not exist, rather than create it."""
    from mediadesk.storage import db

    url = settings().database_url
    if not migrate:
        missing_database(url)
    if migrate:
        db.upgrade(url)
    else:
        try:
            pending = db.pending_migrations(url)
        except Exception as exc:
            from mediadesk.settings import mask_url

            reason = getattr(exc, "orig", None) or exc  # the driver's words, without SQLAlchemy's links
            fail(f"cannot open the database {mask_url(url)} (MEDIADESK_DATABASE_URL): "
                 f"{str(reason).strip().splitlines()[0] if str(reason).strip() else type(reason).__name__}",
                 ExitCode.UNAVAILABLE)
        if pending:
            fail("the database schema is not up to date: run `mediadesk db upgrade`", ExitCode.UNAVAILABLE)
    return db.engine_for(url)


def database_failure(exc: BaseException) -> None:
    """Exit 5 with a message for an error from the database driver (a read-only file or folder,
    a full disk, a server gone, a lock held too long); return for anything else.

    Whatever the command was changing is rolled back: its transaction never committed."""
    import sqlite3

    dbapi = sys.modules.get("sqlalchemy.exc")
    if dbapi is not None and isinstance(exc, dbapi.DBAPIError):
        cause = exc.orig if exc.orig is not None else exc
    elif isinstance(exc, sqlite3.Error):
        cause = exc
    else:
        return
    from mediadesk.settings import mask_url

    url = mask_url(settings().database_url)
    text = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    if "readonly" in text.replace(" ", "").lower() or "read-only" in text.lower():
        fail(f"the database {url} (MEDIADESK_DATABASE_URL) is read-only for you ({text}): nothing was changed; "
             "check the permissions of the file and of its folder", ExitCode.UNAVAILABLE)
    fail(f"the database {url} (MEDIADESK_DATABASE_URL) failed: {text}; nothing was changed",
         ExitCode.UNAVAILABLE)


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


# JSON escapes C0 controls itself; these it leaves raw with ensure_ascii=False. Written as \\uXXXX
# they decode to the same strings (the JSON stays exact) but cannot act on a terminal.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in
                 [*range(0x7F, 0xA0), *map(ord, BIDI_CONTROLS), 0x2028, 0x2029, *range(0xD800, 0xE000)]}


def print_json(value: Any) -> None:
    """One JSON document on stdout: the exact values (sender text included), safe to show."""
    text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=None)
    sys.stdout.write(text.translate(_JSON_ESCAPES) + "\n")
    sys.stdout.flush()


def is_tty() -> bool:
    return sys.stdout.isatty()


def terminal_width() -> int:
    """Columns of the terminal (COLUMNS wins, as for every program)."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def colour() -> bool:
    """Whether to style a terminal's output (not with NO_COLOR, nor on a dumb terminal)."""
    return "NO_COLOR" not in os.environ and os.environ.get("TERM", "") != "dumb"


def page(text: str, *, enabled: bool = True) -> None:
    """Write ``text`` to stdout; on a terminal, through a pager when it is longer than the screen,
    as gh does: MEDIADESK_PAGER, else PAGER, else ``less`` (with LESS=FRX unless LESS is set).
    An empty value or ``cat`` turns it off; so does ``--no-pager``, and a pipe."""
    import shlex
    import shutil
    import subprocess

    command = os.environ.get("MEDIADESK_PAGER", os.environ.get("PAGER", "less")).strip()
    argv = shlex.split(command) if command else []
    if (enabled and is_tty() and argv and argv != ["cat"] and shutil.which(argv[0])
            and text.count("\n") >= shutil.get_terminal_size((80, 24)).lines):
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # colours, quit when it fits, leave the screen as it was
        env.setdefault("LV", "-c")
        sys.stdout.flush()
        try:
            pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
        except OSError:
            pager = None
        if pager is not None:
            try:
                pager.stdin.write(text.encode("utf-8", "replace"))
                pager.stdin.close()
            except BrokenPipeError:  # the reader quit the pager early
                pass
            while True:
                try:
                    pager.wait()
                    return
                except KeyboardInterrupt:  # Ctrl-C is the pager's to handle
                    continue
    sys.stdout.write(text)
    sys.stdout.flush()


def write_raw(data: bytes) -> None:
    """Original bytes (``show --raw``): exact when piped or redirected, ``visible`` on a terminal."""
    if is_tty():
        sys.stdout.write(visible(data.decode("utf-8", "replace")))
    else:
        sys.stdout.buffer.write(data)
    sys.stdout.flush()


def print_rows(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A Rich table on a terminal; tab-separated lines (no header) when piped."""
    rows = list(rows)
    if is_tty():
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, header_style="bold")
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            # Text, not markup: a subject such as "[urgent]" or "[/b]" is shown as written.
            table.add_row(*[Text("" if v is None else str(v)) for v in row])
        out.print(table)
    else:
        for row in rows:
            sys.stdout.write("\t".join("" if v is None else visible(str(v)).replace("\t", " ").replace("\n", " ")
                                       for v in row) + "\n")
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


def process_inline(engine, ids: list[int], settings, *, label: str, redis: bool = True) -> None:
    """Run the pipeline in this process over ``ids`` (``pipeline.process_all``), with a progress bar.

    The per-sender rate limit is counted in Redis when it answers, else (and with ``redis=False``,
    the demo's way: nothing outside its folder) in the database."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from mediadesk.worker import pipeline

    limiter = None
    if redis and redis_client_or_none(settings.redis_url) is not None:
        from mediadesk.worker.drafting import RedisAckLimiter

        limiter = RedisAckLimiter(settings.redis_url, settings.ack_rate_limit, settings.ack_rate_window_seconds)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err.get(), transient=True) as progress:
        task = progress.add_task(label, total=len(ids))
        pipeline.process_all(engine, ids, settings, limiter=limiter,
                             advance=lambda n: progress.advance(task, n),
                             failed=lambda inbound_id, exc: err.print(Text(f"inbound #{inbound_id} failed: {exc}",
                                                                           style="yellow")))


def redis_client_or_none(url: str):
    """A Redis client when the server answers, else None (also when none is configured: an
    empty MEDIADESK_REDIS_URL)."""
    if not url:
        return None
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)
        client.ping()
        return client
    except Exception:
        return None
