"""`mediadesk list` on SQLite with the standard library alone: the daily command's fast path.

`list` is what a press officer runs all day, and a Python process that imports SQLAlchemy, the
models and pydantic-settings spends a second before it reads a row (README, "Start-up"). On
SQLite, this module reads the two settings `list` needs (MEDIADESK_DATABASE_URL and
MEDIADESK_TIMEZONE, from the environment and .env, checked as ``mediadesk.settings`` checks them)
and runs the same query as the ORM path in ``tickets.list_tickets`` with ``sqlite3``, opening the
file read-only. It returns the same ticket objects (``tickets.ticket_summary``); the ORM path
stays the reference, and tests/test_cli_tables.py runs every filter both ways and compares.

Whenever something is not plain (another MEDIADESK_* setting set, whose value only the full
settings can check; PostgreSQL, a ``file:`` URI, a schema that is not at the head of the
migrations, a database that cannot be opened read-only, a zone that does not resolve, --search
and --story), it answers None and the ORM path takes over, with its checks and messages.
"""

from __future__ import annotations

import os
import re
import sqlite3
import urllib.parse
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path

from mediadesk.storage.heads import schema_heads
from mediadesk.storage.statuses import OPEN_STATUSES

DEFAULT_DATABASE_URL = "sqlite:///mediadesk.db"  # mediadesk.settings.Settings.database_url
DEFAULT_TIMEZONE = "Asia/Riyadh"  # mediadesk.settings.Settings.timezone
STORED = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy writes a UTC datetime into SQLite


@dataclass(frozen=True)
class Where:
    """The database file and the display zone, as the settings would give them."""

    path: str
    zone: tzinfo


def _setting(name: str, dotenv: dict[str, str | None]) -> str | None:
    # pydantic-settings reads names case-insensitively; the environment wins over .env.
    for key, value in os.environ.items():
        if key.upper() == name:
            return value
    return dotenv.get(name)


# The MEDIADESK_* variables this module checks as the settings would, or that the settings take
# as they come. Any other one set (in the environment or .env) sends `list` the full way, whose
# settings refuse an invalid value (exit 2) as every command does.
CHECKED_HERE = {"MEDIADESK_DATABASE_URL", "MEDIADESK_TIMEZONE", "MEDIADESK_DATA_DIR", "MEDIADESK_USER",
                "MEDIADESK_LOG_LEVEL", "MEDIADESK_PAGER"}


def _only_checked_here(dotenv: dict[str, str | None]) -> bool:
    names = {k.upper() for k in os.environ if k.upper().startswith("MEDIADESK_")} | {
        k for k in dotenv if k.startswith("MEDIADESK_")}
    redis = _setting("MEDIADESK_REDIS_URL", dotenv)
    if redis is not None and "@" not in redis:  # no credentials: nothing for the settings to refuse
        names.discard("MEDIADESK_REDIS_URL")
    return names <= CHECKED_HERE


def where() -> Where | None:
    """Where `list` reads, or None when the settings need the full reader."""
    dotenv: dict[str, str | None] = {}
    if os.path.isfile(".env"):
        from dotenv import dotenv_values

        dotenv = {k.upper(): v for k, v in dotenv_values(".env", encoding="utf-8").items()}
    if not _only_checked_here(dotenv):
        return None
    url, zone_name = _setting("MEDIADESK_DATABASE_URL", dotenv), _setting("MEDIADESK_TIMEZONE", dotenv)
    if "" in (url, zone_name):
        return None  # set but empty: the settings' own message
    url = url or DEFAULT_DATABASE_URL
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = url[len(prefix):]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    zone_name = (zone_name or DEFAULT_TIMEZONE).strip()
    try:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(zone_name)
    except (KeyError, ValueError, OSError):
        return None  # the settings say what is wrong with it
    return Where(path=str(Path(path).resolve()), zone=zone)


def _stored(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime(STORED)


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


COLUMNS = ("t.id, t.ref, t.status, t.priority, t.category, t.category_confidence, t.language, t.automated_kind, "
           "t.deadline, t.subject, t.requester_email, t.requester_name, t.assignee, t.mailbox, t.needs_review, "
           "t.merged_into_id, t.due_at, t.created_at, t.updated_at, c.id, c.name, c.role, o.name, o.kind, o.tier, "
           "o.country")
ORDER = "priority_rank, due_at IS NULL, due_at, id"  # tickets.list_order


def tickets(at: Where, *, statuses: list[str], all_: bool, category: str | None, language: str | None,
            priority: str | None, assignee: str | None, overdue: bool, review: bool, since: datetime | None,
            limit: int, now: datetime) -> list[dict] | None:
    """The tickets `list` shows (``ticket_summary`` objects), or None to leave it to the ORM path."""
    clauses, params = ["merged_into_id IS NULL"], []
    shown = statuses or (() if all_ else OPEN_STATUSES)
    if shown:
        clauses.append(f"status IN ({', '.join('?' * len(shown))})")
        params += shown
    for column, value in (("category", category), ("language", language), ("priority", priority),
                          ("assignee", assignee)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if overdue:  # repo.overdue_clause
        clauses.append(f"status IN ({', '.join('?' * len(OPEN_STATUSES))}) AND due_at IS NOT NULL AND due_at < ?")
        params += [*OPEN_STATUSES, _stored(now)]
    if review:
        clauses.append("needs_review = 1")
    if since is not None:
        clauses.append("created_at >= ?")
        params.append(_stored(since))
    sql = (f"SELECT {COLUMNS} FROM (SELECT * FROM ticket WHERE {' AND '.join(clauses)} ORDER BY {ORDER} LIMIT ?) t "
           "LEFT JOIN contact c ON c.id = t.contact_id LEFT JOIN outlet o ON o.id = c.outlet_id "
           f"ORDER BY {', '.join('t.' + c.strip() for c in ORDER.split(','))}")
    try:
        con = sqlite3.connect(f"file:{urllib.parse.quote(at.path)}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        if {row[0] for row in con.execute("SELECT version_num FROM alembic_version")} != schema_heads():
            return None  # the ORM path says what to do
        rows = con.execute(sql, [*params, limit]).fetchall()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return [_summary(row, now) for row in rows]


def _summary(row: tuple, now: datetime) -> dict:
    (_id, ref, status, priority, category, confidence, language, automated_kind, deadline, subject, email, name,
     assignee, mailbox, needs_review, merged_into_id, due_at, created_at, updated_at,
     contact_id, contact_name, contact_role, outlet_name, outlet_kind, outlet_tier, outlet_country) = row
    due = _time(due_at)
    return {  # tickets.ticket_summary, key for key
        "ref": ref, "status": status, "priority": priority, "category": category, "category_confidence": confidence,
        "language": language, "automated_kind": automated_kind, "deadline": _time(deadline), "subject": subject,
        "requester": email, "requester_name": name, "assignee": assignee, "mailbox": mailbox,
        "needs_review": bool(needs_review),
        "overdue": status in OPEN_STATUSES and merged_into_id is None and due is not None and due < now,
        "due_at": due, "created_at": _time(created_at), "updated_at": _time(updated_at),
        "contact": None if contact_id is None else {"id": contact_id, "name": contact_name, "role": contact_role},
        "outlet": None if outlet_name is None else {"name": outlet_name, "kind": outlet_kind, "tier": outlet_tier,
                                                    "country": outlet_country},
    }


__all__ = ["Where", "schema_heads", "tickets", "where"]
