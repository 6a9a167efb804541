"""The figures a head of communications asks for, over a period: what `mediadesk report` draws
and `mediadesk stats` prints.

Two parts. ``load_facts`` reads what the figures need in two queries (tickets with their
contact's outlet, by outer joins; and each ticket's first answer by the team). ``compute`` and
the functions it calls are pure: plain ``TicketFacts`` and a clock in, a dict of figures out.

A journalist's deadline is *kept* when the ticket got a human answer before it: a reply by the
team (an outbound message captured from the mailbox, ``direction="out"`` with an ``inbound_id``;
see worker/steps/thread.py), not the automatic acknowledgement, or its resolution. It is *missed*
when that answer came after the deadline, or the deadline has passed with none; *pending* while
the deadline is ahead and nothing answered it yet.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from sqlalchemy import func
from sqlmodel import Session, select

from mediadesk.storage.contacts import Contact, Outlet
from mediadesk.storage.models import Message, Ticket, utcnow
from mediadesk.storage.statuses import OPEN_STATUSES

TOP_OUTLETS = 10
# Open backlog by age: (label, up to this many days old).
AGE_BUCKETS = (("under 1 day", 1), ("1–3 days", 3), ("3–7 days", 7), ("1–4 weeks", 28), ("over 4 weeks", None))
NO_OUTLET = "none known"


@dataclass(frozen=True)
class TicketFacts:
    """One ticket as the report sees it."""

    ref: str | None
    created_at: datetime
    status: str
    category: str | None = None
    language: str | None = None
    priority: str | None = None
    outlet: str | None = None
    outlet_kind: str | None = None
    outlet_tier: int | None = None
    deadline: datetime | None = None
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    first_response_due_at: datetime | None = None
    due_at: datetime | None = None
    answered_at: datetime | None = None  # the team's first reply
    merged_into_id: int | None = None  # always None (merged tickets are not loaded): as repo.is_overdue reads it


# --------------------------------------------------------------------------- reading


def load_facts(session: Session, *, since: datetime | None = None, until: datetime | None = None) -> list[TicketFacts]:
    """The tickets created in [since, until) (merged-away ones not counted twice), with their
    outlets and first team replies: two queries, however many tickets."""
    # Columns, not Ticket objects: a third of the time on 100k tickets (no identity map to fill).
    columns = [getattr(Ticket, name) for name in _TICKET_COLUMNS]
    query = select(*columns, Outlet.name, Outlet.kind, Outlet.tier) \
        .outerjoin(Contact, Contact.id == Ticket.contact_id).outerjoin(Outlet, Outlet.id == Contact.outlet_id) \
        .where(Ticket.merged_into_id.is_(None))
    answers = select(Message.ticket_id, func.min(func.coalesce(Message.date, Message.created_at))) \
        .join(Ticket, Ticket.id == Message.ticket_id) \
        .where(Message.direction == "out", Message.inbound_id.is_not(None), Ticket.merged_into_id.is_(None))
    for clause in ([Ticket.created_at >= since] if since else []) + ([Ticket.created_at < until] if until else []):
        query, answers = query.where(clause), answers.where(clause)
    answered = {ticket_id: _aware(at) for ticket_id, at in session.execute(answers.group_by(Message.ticket_id))}
    facts = []
    for row in session.execute(query.order_by(Ticket.id)):
        ticket_id, *values = row[:len(columns)]
        name, kind, tier = row[len(columns):]
        facts.append(TicketFacts(**dict(zip(_TICKET_COLUMNS[1:], values)), outlet=name, outlet_kind=kind,
                                 outlet_tier=tier, answered_at=answered.get(ticket_id)))
    return facts


_TICKET_COLUMNS = ("id", "ref", "created_at", "status", "category", "language", "priority", "deadline",
                   "acknowledged_at", "resolved_at", "first_response_due_at", "due_at")


def _aware(value):
    """A time read through an aggregate (no column type applied): aware, in UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


# --------------------------------------------------------------------------- figures (pure)


def hours_summary(deltas: list[timedelta]) -> dict:
    """``count``, ``median_hours`` and ``p90_hours`` of the non-negative durations."""
    hours = sorted(d.total_seconds() / 3600 for d in deltas if d.total_seconds() >= 0)
    if not hours:
        return {"count": 0, "median_hours": None, "p90_hours": None}
    p90 = hours[min(len(hours) - 1, int(round(0.9 * (len(hours) - 1))))]
    return {"count": len(hours), "median_hours": round(statistics.median(hours), 2), "p90_hours": round(p90, 2)}


def human_answer_at(t: TicketFacts) -> datetime | None:
    """When the ticket first got a human answer: the team's reply or its resolution."""
    times = [at for at in (t.answered_at, t.resolved_at) if at is not None]
    return min(times) if times else None


def deadline_outcome(t: TicketFacts, now: datetime) -> str | None:
    """``kept``, ``missed`` or ``pending`` for a ticket with a stated deadline; None without one."""
    if t.deadline is None:
        return None
    answered = human_answer_at(t)
    if answered is not None:
        return "kept" if answered <= t.deadline else "missed"
    return "missed" if now > t.deadline else "pending"


def deadlines(facts: list[TicketFacts], now: datetime) -> dict:
    """Deadlines kept, missed and pending, and the refs of those missed."""
    outcomes = {t.ref: deadline_outcome(t, now) for t in facts}
    counts = Counter(o for o in outcomes.values() if o)
    return {"with_deadline": sum(counts.values()), "kept": counts["kept"], "missed": counts["missed"],
            "pending": counts["pending"], "missed_refs": sorted((r for r, o in outcomes.items() if o == "missed"),
                                                               key=lambda r: (len(r or ""), r or ""))}


def sla_breaches(facts: list[TicketFacts], now: datetime) -> dict:
    """Tickets answered or resolved after their due times, or still open past them (not ignored)."""
    counted = [t for t in facts if t.status != "ignored"]
    return {"first_response": sum(1 for t in counted if t.first_response_due_at
                                  and (t.acknowledged_at or now) > t.first_response_due_at),
            "resolution": sum(1 for t in counted if t.due_at and (t.resolved_at or now) > t.due_at)}


def backlog_by_age(facts: list[TicketFacts], now: datetime) -> dict[str, int]:
    """Open tickets by how long ago they came in (every bucket present, in order)."""
    counts = dict.fromkeys(label for label, _ in AGE_BUCKETS)
    counts = {label: 0 for label in counts}
    for t in facts:
        if t.status not in OPEN_STATUSES:
            continue
        age_days = (now - t.created_at).total_seconds() / 86400
        label = next(label for label, limit in AGE_BUCKETS if limit is None or age_days < limit)
        counts[label] += 1
    return counts


def by_outlet(facts: list[TicketFacts], now: datetime) -> list[dict]:
    """One row per outlet with tickets (most tickets first): kind, tier, tickets, deadlines kept
    and missed, median hours to acknowledge."""
    groups: dict[str, list[TicketFacts]] = defaultdict(list)
    for t in facts:
        if t.outlet:
            groups[t.outlet].append(t)
    rows = []
    for name, tickets in groups.items():
        outcomes = Counter(deadline_outcome(t, now) for t in tickets)
        ack = hours_summary([t.acknowledged_at - t.created_at for t in tickets if t.acknowledged_at])
        rows.append({"outlet": name, "kind": tickets[0].outlet_kind, "tier": tickets[0].outlet_tier,
                     "tickets": len(tickets), "deadlines_kept": outcomes["kept"], "deadlines_missed": outcomes["missed"],
                     "median_hours_to_acknowledge": ack["median_hours"]})
    return sorted(rows, key=lambda r: (-r["tickets"], r["outlet"]))


def per_day_by_category(facts: list[TicketFacts], zone: tzinfo) -> dict[str, dict[str, int]]:
    """ISO day in ``zone`` → category → new tickets (days in order)."""
    days: dict[str, Counter] = defaultdict(Counter)
    for t in facts:
        days[t.created_at.astimezone(zone).date().isoformat()][t.category or "untriaged"] += 1
    return {day: dict(days[day].most_common()) for day in sorted(days)}


def compute(facts: list[TicketFacts], *, now: datetime | None = None, zone: tzinfo = timezone.utc) -> dict:
    """Every figure of the report over ``facts`` (pure)."""
    now = now or utcnow()
    outlets = by_outlet(facts, now)
    return {
        "total": len(facts),
        "machines_and_spam": sum(t.category in ("automated", "spam") for t in facts),
        "per_day_by_category": per_day_by_category(facts, zone),
        "by_category": dict(Counter(t.category or "untriaged" for t in facts).most_common()),
        "by_language": dict(Counter(t.language or "unknown" for t in facts).most_common()),
        "by_outlet_kind": dict(Counter(t.outlet_kind or NO_OUTLET for t in facts).most_common()),
        "top_outlets": {r["outlet"]: r["tickets"] for r in outlets[:TOP_OUTLETS]},
        "time_to_acknowledge": hours_summary([t.acknowledged_at - t.created_at for t in facts if t.acknowledged_at]),
        "time_to_resolve": hours_summary([t.resolved_at - t.created_at for t in facts if t.resolved_at]),
        "deadlines": deadlines(facts, now),
        "sla_breaches": sla_breaches(facts, now),
        "backlog_by_age": backlog_by_age(facts, now),
    }


def replies_per_statement(session: Session, *, since: datetime | None = None,
                          until: datetime | None = None) -> dict[str, dict[str, int]]:
    """Replies carrying each statement (drafts of kind ``reply``) drafted in the period: how many
    were sent, and how many still wait (pending, approved, being sent); by statement title."""
    from mediadesk.storage.models import Draft
    from mediadesk.storage.stories import Statement

    query = (select(Statement.id, Statement.title, Draft.status, func.count())
             .join(Draft, Draft.statement_id == Statement.id).where(Draft.kind == "reply")
             .group_by(Statement.id, Statement.title, Draft.status))
    if since is not None:
        query = query.where(Draft.created_at >= since)
    if until is not None:
        query = query.where(Draft.created_at < until)
    out: dict[str, dict[str, int]] = {}
    for statement_id, title, status, n in session.exec(query).all():
        row = out.setdefault(f"{title} (#{statement_id})", {"sent": 0, "waiting": 0})
        if status == "sent":
            row["sent"] += n
        elif status in ("pending", "approved", "sending"):
            row["waiting"] += n
    return out


__all__ = ["AGE_BUCKETS", "NO_OUTLET", "TicketFacts", "backlog_by_age", "by_outlet", "compute", "deadline_outcome",
           "deadlines", "hours_summary", "human_answer_at", "load_facts", "per_day_by_category", "replies_per_statement",
           "sla_breaches"]
