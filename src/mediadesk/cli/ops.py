"""Running the service: db, poll, worker, run, sweep, demo, import-mbox."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Optional

import typer

from mediadesk.cli import common
from mediadesk.cli.common import ExitCode, err, fail

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to MEDIADESK_DATABASE_URL."""
    from mediadesk.settings import mask_url
    from mediadesk.storage import db

    url = common.settings().database_url
    try:
        db.upgrade(url)
    except Exception as exc:
        fail(f"migrating {mask_url(url)} (MEDIADESK_DATABASE_URL) failed: {exc}", ExitCode.UNAVAILABLE)
    err.print(f"database {mask_url(url)} is at the latest schema")


@db_app.command("status")
def db_status() -> None:
    """Say whether migrations are pending (exit 5 if so)."""
    from mediadesk.settings import mask_url
    from mediadesk.storage import db

    url = common.settings().database_url
    try:
        pending = db.pending_migrations(url)
    except Exception as exc:
        fail(f"cannot open the database {mask_url(url)} (MEDIADESK_DATABASE_URL): {type(exc).__name__}",
             ExitCode.UNAVAILABLE)
    if pending:
        fail(f"{len(pending)} migration(s) pending on {mask_url(url)}: run `mediadesk db upgrade`", ExitCode.UNAVAILABLE)
    err.print(f"{mask_url(url)}: up to date")


def poll(
    once: bool = typer.Option(False, "--once", help="Fetch what is new, enqueue it and exit."),
    mailbox: Optional[list[str]] = typer.Option(None, "--mailbox", "-m", metavar="NAME",
                                                help="Only this mailbox of MEDIADESK_MAILBOXES (repeatable)."),
) -> None:
    """Watch the IMAP mailbox(es) (IDLE, polling as fallback) and hand new mail to the workers.

    One poller per mailbox, each in its own thread and under its own Redis lock, so several
    hosts may run this command and each mailbox is still polled by exactly one of them.

    \b
    Examples:
      MEDIADESK_IMAP_HOST=imap.example.org mediadesk poll
      mediadesk poll --mailbox presse
    """
    from rich.text import Text

    from mediadesk import logs
    from mediadesk.mailbox.poller import Poller, run_pollers
    from mediadesk.settings import SettingsError
    from mediadesk.worker.tasks import enqueue_ingest

    logs.configure("INFO")

    settings = common.settings()
    try:
        boxes = [settings.for_mailbox(name) for name in mailbox] if mailbox else settings.each_mailbox()
        for box in boxes:
            box.require_imap()
    except SettingsError as exc:
        fail(str(exc), ExitCode.USAGE)
    engine = common.engine()
    redis_client = common.redis_client_or_none(settings.redis_url)
    if redis_client is None:
        fail("Redis at MEDIADESK_REDIS_URL is not reachable; the poller needs it for its lock and queue",
             ExitCode.UNAVAILABLE)
    pollers = [Poller(box, engine, enqueue_ingest, redis_client=redis_client) for box in boxes]
    errors = run_pollers(pollers, once=once)
    for message in errors:
        err.print(Text.assemble(("error:", "bold red"), " ", message), highlight=False)
    for poller in pollers:
        name = poller.settings.mailbox_name or poller.mailbox
        err.print(f"{name}: stored {poller.stats.stored} new message(s) in {poller.stats.batches} batch(es)")
    if errors:
        raise typer.Exit(ExitCode.UNAVAILABLE)


def _require_broker(who: str) -> None:
    if not common.settings().redis_url:
        fail(f"MEDIADESK_REDIS_URL is empty (no broker: everything in-process, as in the demo); {who} takes its "
             "tasks from Redis: set it to redis://…", ExitCode.USAGE)


def worker(
    concurrency: int = typer.Option(2, "--concurrency", "-c", metavar="N", help="Worker processes."),
    beat: bool = typer.Option(False, "--beat", "-B", help="Also run the beat scheduler (sweeps) in this worker."),
    loglevel: str = typer.Option("INFO", "--loglevel", metavar="LEVEL", help="Celery's log level: DEBUG, INFO, WARNING or ERROR."),
) -> None:
    """Run a Celery worker (same as `celery -A mediadesk.worker.app worker -Q mediadesk
    --without-mingle --without-gossip`)."""
    _require_broker("a worker")
    from mediadesk.worker.app import QUEUE, app

    # Mingle and gossip sync revoked ids and clocks between workers, which mediadesk does not
    # use; on Redis they are where a worker has stopped consuming after a broker reconnect.
    argv = ["worker", "-Q", QUEUE, f"--concurrency={concurrency}", f"--loglevel={loglevel}",
            "--without-mingle", "--without-gossip"]
    if beat:
        argv.append("-B")
    app.worker_main(argv)


def run(concurrency: int = typer.Option(2, "--concurrency", "-c", metavar="N", help="Worker processes.")) -> None:
    """Poller + worker + beat on one host, for small installs."""
    _require_broker("`mediadesk run`")
    from mediadesk.supervise import Supervisor

    common.engine(migrate=True)
    exe = Path(sys.argv[0]).resolve()
    cmd = [str(exe), "worker", "--beat", f"--concurrency={concurrency}"] if exe.name == "mediadesk" else \
        [sys.executable, "-m", "mediadesk", "worker", "--beat", f"--concurrency={concurrency}"]
    worker_process = Supervisor(cmd, name="worker").start()  # restarted if it ever exits
    try:
        poll(once=False, mailbox=None)
    finally:
        worker_process.stop(timeout=30)


def sweep(
    inline: bool = typer.Option(False, "--inline", help="Process in this process instead of enqueueing."),
    grace: Optional[float] = typer.Option(None, "--grace", metavar="SECONDS",
                                          help="Seconds a message may wait before it counts as lost."),
) -> None:
    """Re-enqueue inbound mail stored but never processed, tickets never triaged, and approved
    acknowledgements whose send was lost."""
    from mediadesk.worker import pipeline, sweeps

    settings = common.settings()
    if grace is not None:
        settings = settings.model_copy(update={"sweep_grace_seconds": grace})
    engine = common.engine()
    inbound_ids, ticket_ids = sweeps.stale_work(engine, settings)
    draft_ids = sweeps.unsent_approved(engine, settings)
    if inline:
        from mediadesk.worker.sending import send_draft

        for inbound_id in inbound_ids:
            pipeline.process_inbound(engine, inbound_id, settings)
        for ticket_id in ticket_ids:
            pipeline.triage_and_draft(engine, ticket_id, settings)
        for draft_id in draft_ids:
            send_draft(engine, draft_id, settings)
    else:
        from mediadesk.worker.tasks import enqueue_ingest, send, triage

        enqueue_ingest(inbound_ids)
        for ticket_id in ticket_ids:
            triage.delay(ticket_id)
        for draft_id in draft_ids:
            send.delay(draft_id)
    err.print(f"swept {len(inbound_ids)} inbound message(s), {len(ticket_ids)} untriaged ticket(s) and "
              f"{len(draft_ids)} unsent acknowledgement(s)")


# Who the bundled demo inbox was written to (its mail says "Dear GIMS press team").
DEMO_OFFICE = {"organisation": "GIMS", "media_address": "media@gims.example"}


def demo(
    directory: Optional[Path] = typer.Option(None, "--inbox", metavar="DIR", help="A folder of .eml files instead of the bundled inbox."),
) -> None:
    """Process the bundled sample inbox into the local SQLite database and show the tickets.

    Runs in this process with nothing but Python and uses nothing outside this folder: no IMAP,
    Redis or worker (the per-sender rate limit is counted in the database). The bundled inbox is
    the mail of a press office, GIMS (media@gims.example): its drafts sign as GIMS unless
    MEDIADESK_ORGANISATION says otherwise.
    """
    from mediadesk.storage import repo
    from mediadesk.storage.db import session_scope

    settings = common.settings()
    if directory is None:
        office = {k: v for k, v in DEMO_OFFICE.items() if k not in settings.model_fields_set}
        settings = settings.model_copy(update=office)
    engine = common.engine(migrate=True)
    if directory is not None:
        files = sorted(directory.glob("*.eml"))
    else:
        inbox = resources.files("mediadesk.demo") / "inbox"
        files = sorted((p for p in inbox.iterdir() if p.name.endswith(".eml")), key=lambda p: p.name)
    if not files:
        fail(f"no .eml files in {directory or 'the bundled demo inbox'}", ExitCode.USAGE)
    items = [repo.RawItem(raw=f.read_bytes()) for f in files]
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=items, mailbox="demo", source="demo",
                                 max_bytes=settings.max_message_bytes)
    err.print(f"stored {len(ids)} new of {len(files)} demo message(s) in {common.settings().database_url}")
    common.process_inline(engine, ids, settings, label="processing demo inbox", redis=False)
    from sqlalchemy.engine import make_url

    from mediadesk.cli import tickets

    tickets.print_all_tickets()
    err.print("next: `mediadesk show MR-1`, `mediadesk draft list`, `mediadesk list --json`")
    database = make_url(settings.database_url).database if settings.database_url.startswith("sqlite") else None
    if database and database != ":memory:":
        err.print(f"to start over: delete {database} and {settings.data_dir}, then run the demo again",
                  highlight=False)


def import_mbox(
    path: Path = typer.Argument(..., exists=True, help="An mbox file or a Maildir folder."),
    inline: bool = typer.Option(False, "--inline", help="Process here instead of enqueueing to the workers."),
) -> None:
    """Bring a mailbox export in through the same pipeline; re-importing adds no duplicates."""
    import mailbox as stdlib_mailbox  # the standard library's mbox/Maildir reader

    from mediadesk.storage import repo
    from mediadesk.storage.db import session_scope

    settings = common.settings()
    engine = common.engine()
    box = stdlib_mailbox.Maildir(str(path), factory=None, create=False) if path.is_dir() else stdlib_mailbox.mbox(str(path), create=False)
    ids: list[int] = []
    items: list = []

    def flush() -> None:
        with session_scope(engine) as session:
            ids.extend(repo.store_inbound(session, items=items, mailbox=f"import:{path.name}", source="import",
                                          max_bytes=settings.max_message_bytes))
        items.clear()

    for key in box.iterkeys():
        items.append(repo.RawItem(raw=box.get_bytes(key)))
        if len(items) >= 200:
            flush()
    flush()
    err.print(f"stored {len(ids)} new message(s) from {path}")
    if inline or common.redis_client_or_none(settings.redis_url) is None:
        common.process_inline(engine, ids, settings, label="importing")
    else:
        from mediadesk.worker.tasks import enqueue_ingest

        enqueue_ingest(ids)
        err.print(f"enqueued {len(ids)} message(s) for the workers")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.command()(poll)
    app.command()(worker)
    app.command()(run)
    app.command()(sweep)
    app.command()(demo)
    app.command("import-mbox")(import_mbox)


__all__ = ["register"]
