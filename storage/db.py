"""Engines, transactions and migrations for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine


READ_ONLY = "mediadesk_read_only"


def _sqlite_file(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _prepare_sqlite_file(path: Path) -> None:
    # Owner-only permissions: the database holds everyone's mail.
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine tuned for several processes sharing one database.

    SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE`` so that concurrent writers queue
    instead of failing half-way through a transaction.
    """
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None:
            _prepare_sqlite_file(path)
        engine = create_engine(url, echo=echo, connect_args={"timeout": 60, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # let the begin hook below issue BEGIN
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            # Readers (read_scope) start a deferred transaction and never wait for the writer.
            if conn.get_execution_options().get(READ_ONLY):
                conn.exec_driver_sql("BEGIN")
            else:
                _begin_immediate(conn.connection.dbapi_connection)

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5)


WRITE_WAIT_SECONDS = 60.0
_POLL_BUSY_MS = 2


def _begin_immediate(dbapi_conn) -> None:
    """Take SQLite's write lock, waiting up to WRITE_WAIT_SECONDS.

    SQLite's own busy handler sleeps in growing steps (up to 100 ms) while it waits, so with
    several writers the lock often sits free while everyone sleeps. Waiting in 2 ms steps
    hands it on as soon as the holder commits.
    """
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    dbapi_conn.execute(f"PRAGMA busy_timeout={_POLL_BUSY_MS}")
    try:
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.Error as exc:
                busy = isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))
                if not busy or time.monotonic() > deadline:
                    # Wrapped as SQLAlchemy would: callers treat OperationalError as transient.
                    raise DBAPIError.instance("BEGIN IMMEDIATE", None, exc, sqlite3.Error) from exc
    finally:
        dbapi_conn.execute("PRAGMA busy_timeout=60000")


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL per process."""
    return make_engine(url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """The way to read: on SQLite it takes no write lock, so it never queues behind (or blocks)
    a writer; CPU work between a read and a write stays outside locks. The objects read stay
    usable after the block (detached, as loaded)."""
    with Session(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False) as session:
        try:
            yield session
        finally:
            # Detached as loaded (a rollback would expire them): what was read stays readable.
            session.expunge_all()
            session.rollback()


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    # resolve(): in a strict editable install this module is a link into the source tree, and
    # migrations added there since the install must be found too.
    cfg.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations up to ``revision``."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def pending_migrations(url: str) -> list[str]:
    """Revisions not yet applied to the database at ``url`` (empty when up to date; all of them
    for a SQLite file that does not exist, which is left uncreated)."""
    from mediadesk.storage.heads import schema_heads

    path = _sqlite_file(url) if url.startswith("sqlite") else None
    if path is None or path.exists():
        # Up to date, the common case, is read without importing Alembic (start-up time).
        with engine_for(url).execution_options(**{READ_ONLY: True}).connect() as conn:  # no write lock
            try:
                current = {row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
            except Exception:  # no version table yet: Alembic says what is pending below
                current = set()
        if current and current == schema_heads():
            return []
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(url))
    if path is not None and not path.exists():  # every migration; and reading creates no file
        return [rev.revision for rev in script.walk_revisions()]
    with engine_for(url).execution_options(**{READ_ONLY: True}).connect() as conn:  # no write lock
        current = set(MigrationContext.configure(conn).get_current_heads())
    heads = set(script.get_heads())
    if current >= heads:
        return []
    pending = []
    for rev in script.walk_revisions():
        if rev.revision in current:
            break
        pending.append(rev.revision)
    return pending
