"""`mediadesk stats` and `mediadesk merge`: the morning overview, and joining split threads."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Optional

import typer

from mediadesk.cli import common
from mediadesk.cli.common import ExitCode, err, fail, out, print_json, print_rows


def _hours(deltas: list[timedelta]) -> dict:
    hours = sorted(d.total_seconds() / 3600 for d in deltas if d.total_seconds() >= 0)
    if not hours:
        return {"count": 0, "median_hours": None, "p90_hours": None}
    p90 = hours[min(len(hours) - 1, int(round(0.9 * (len(hours) - 1))))]
    return {"count": len(hours), "median_hours": round(statistics.median(hours), 2), "p90_hours": round(p90, 2)}


def compute_stats(tickets: list, *, now: datetime | None = None, zone: tzinfo = timezone.utc) -> dict:
    """Counts, response times and SLA breaches over ``tickets`` (pure, for tests and the CLI):
    Ticket rows, or the report's ``TicketFacts`` (what the CLI passes: read as columns, 3× faster).

    ``overdue`` counts the open tickets past their due time at ``now`` (``repo.is_overdue``: what
    `list --overdue`, doctor and metrics count); ``sla_breaches`` also counts tickets resolved late.
    ``per_day`` counts new tickets per calendar day in ``zone`` (the CLI passes MEDIADESK_TIMEZONE).
    """
    from mediadesk.storage.repo import is_overdue

    now = now or datetime.now(timezone.utc)
    breaches_first = [t for t in tickets if t.first_response_due_at and
                      ((t.acknowledged_at or now) > t.first_response_due_at) and t.status not in ("ignored",)]
    breaches_resolution = [t for t in tickets if t.due_at and ((t.resolved_at or now) > t.due_at)
                           and t.status not in ("ignored",)]
    per_day = Counter(t.created_at.astimezone(zone).date().isoformat() for t in tickets)
    return {
        "total": len(tickets),
        "by_status": dict(Counter(t.status for t in tickets).most_common()),
        "by_category": dict(Counter(t.category or "untriaged" for t in tickets).most_common()),
        "by_language": dict(Counter(t.language or "unknown" for t in tickets).most_common()),
        "by_priority": dict(Counter(t.priority or "untriaged" for t in tickets).most_common()),
        "time_to_acknowledge": _hours([t.acknowledged_at - t.created_at for t in tickets if t.acknowledged_at]),
        "time_to_resolve": _hours([t.resolved_at - t.created_at for t in tickets if t.resolved_at]),
        "sla_breaches": {"first_response": len(breaches_first), "resolution": len(breaches_resolution)},
        "overdue": sum(is_overdue(t, now) for t in tickets),
        "per_day": dict(sorted(per_day.items())),
    }


def _parse_day(text: str | None, option: str) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        fail(f"{option} {text!r}: use an ISO date such as 2026-11-01", ExitCode.USAGE)
    return value if value.tzinfo else value.replace(tzinfo=common.display_zone())  # a date in MEDIADESK_TIMEZONE


def stats(
    since: Optional[str] = typer.Option(None, "--since", metavar="WHEN",
                                        help="From an ISO date (inclusive) or an age (24h, 7d)."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Before this ISO date."),
    by: Optional[str] = typer.Option(None, "--by", metavar="outlet", help="'outlet': a row per outlet (tickets, deadlines, time to acknowledge)."),
    json_: bool = typer.Option(False, "--json", help="One JSON object (fields in the README)."),
) -> None:
    """Counts by status, category, language, priority and outlet kind; response times; journalists'
    deadlines kept and missed; SLA breaches; volume per day.

    \b
    Examples:
      mediadesk stats --since 2026-11-01 --json
      mediadesk stats --by outlet
    """
    from rich.text import Text

    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import utcnow
    from mediadesk.worker import report

    if by not in (None, "outlet"):
        fail(f"--by {by!r}: the one grouping is 'outlet'", ExitCode.USAGE)
    engine = common.engine()
    from mediadesk.cli.tickets import parse_since

    since_at, until_at = parse_since(since, "--since"), _parse_day(until, "--until")
    with read_scope(engine) as session:  # no write lock: never waits for a worker
        facts = report.load_facts(session, since=since_at, until=until_at)  # merged tickets not counted twice
        statements = report.replies_per_statement(session, since=since_at, until=until_at)
    now = utcnow()
    data = compute_stats(facts, now=now, zone=common.display_zone())
    data["by_outlet_kind"] = dict(Counter(f.outlet_kind or report.NO_OUTLET for f in facts).most_common())
    data["deadlines"] = report.deadlines(facts, now)
    outlets = report.by_outlet(facts, now)
    data["top_outlets"] = {r["outlet"]: r["tickets"] for r in outlets[:report.TOP_OUTLETS]}
    data["replies_per_statement"] = statements
    if by == "outlet":
        data["by_outlet"] = outlets
    if json_:
        print_json(data)
        return
    for key in ("by_status", "by_category", "by_language", "by_priority"):
        print_rows(key.replace("_", " "), ["value", "tickets"], data[key].items())
    rows = []
    for key in ("time_to_acknowledge", "time_to_resolve"):
        d = data[key]
        rows.append((key.replace("_", " "), d["count"], d["median_hours"], d["p90_hours"]))
    print_rows("response times (hours)", ["measure", "tickets", "median", "p90"], rows)
    print_rows("SLA breaches", ["target", "tickets"], [*data["sla_breaches"].items(), ("overdue now", data["overdue"])])
    print_rows("by outlet kind", ["kind", "tickets"], data["by_outlet_kind"].items())
    if statements:
        print_rows("replies per statement", ["statement", "sent", "waiting"],
                   [(title, r["sent"], r["waiting"]) for title, r in statements.items()])
    d = data["deadlines"]
    print_rows("journalists' deadlines", ["outcome", "tickets"],
               [("deadline kept", d["kept"]), ("deadline missed", d["missed"]), ("deadline pending", d["pending"])])
    if by == "outlet":
        print_rows("by outlet", ["outlet", "kind", "tier", "tickets", "kept", "missed", "ack median h"],
                   [(r["outlet"], r["kind"], r["tier"], r["tickets"], r["deadlines_kept"], r["deadlines_missed"],
                     r["median_hours_to_acknowledge"]) for r in data["by_outlet"]])
    if data["per_day"]:
        peak = max(data["per_day"].values())
        chart = Text()
        for day, n in data["per_day"].items():
            chart.append(f"{day} {'█' * max(1, round(30 * n / peak))} {n}\n")
        if common.is_tty():
            out.print(chart)
        else:
            print_rows(None, ["day", "tickets"], data["per_day"].items())


def merge(ref: str = typer.Argument(..., help="The ticket to fold in."),
          into: str = typer.Argument(..., metavar="INTO_REF", help="The ticket that keeps the thread.")) -> None:
    """Move every message of REF onto INTO_REF and close REF (later replies follow the merge).

    Example: mediadesk merge MR-43 MR-42
    """
    from mediadesk.worker import services

    err.print(common.act(services.merge, ref, into))


def register(app: typer.Typer) -> None:
    app.command()(stats)
    app.command()(merge)
