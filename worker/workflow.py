"""The ticket status workflow, as data, enforced in one place.

``new → triaged → acknowledged → in_progress ⇄ waiting → resolved → closed``; ``ignored`` for
automated mail and spam; a new inbound message reopens a resolved or closed ticket.
"""

from __future__ import annotations

from typing import Callable

from sqlmodel import Session

from mediadesk.storage.models import Ticket, TicketEvent, utcnow
from mediadesk.storage.statuses import OPEN_STATUSES, TICKET_STATUSES, TICKET_TRANSITIONS, ticket_may

# The table lives in storage/statuses.py, beside the draft statuses; enforced here.
STATUSES, TRANSITIONS = TICKET_STATUSES, TICKET_TRANSITIONS


EventSink = Callable[..., None]  # takes a TicketEvent's fields: a batch collects them, see worker/batch.py


def add_event(session: Session, *, sink: EventSink | None = None, **fields) -> None:
    """Record an audit event: added to the session, or handed to ``sink`` (a batch writes all
    its events with one bulk insert)."""
    fields.setdefault("at", utcnow())
    if sink is not None:
        sink(**fields)
    else:
        session.add(TicketEvent(**fields))


class TransitionError(ValueError):
    """An illegal status change; the message says which moves are allowed."""


def allowed(from_status: str, to_status: str) -> bool:
    return ticket_may(from_status, to_status)


def transition(session: Session, ticket: Ticket, to_status: str, *, actor: str, note: str | None = None,
               kind: str = "status", sink: EventSink | None = None) -> bool:
    """Move ``ticket`` to ``to_status`` and record the event; the caller commits.

    Returns False (and records nothing) when the ticket already has that status, so verbs are
    safe to repeat. Raises TransitionError for a move the table does not allow.
    """
    if to_status not in STATUSES:
        raise TransitionError(f"unknown status {to_status!r}; statuses are: {', '.join(STATUSES)}")
    current = ticket.status
    if current == to_status:
        return False
    if not allowed(current, to_status):
        moves = ", ".join(sorted(TRANSITIONS.get(current, ()))) or "none"
        raise TransitionError(f"{ticket.ref}: cannot go from {current} to {to_status} (allowed: {moves})")
    now = utcnow()
    ticket.status = to_status
    ticket.updated_at = now
    if to_status == "acknowledged" and ticket.acknowledged_at is None:
        ticket.acknowledged_at = now
    if to_status == "resolved":
        ticket.resolved_at = now
    if to_status == "closed":
        ticket.closed_at = now
    if to_status == "in_progress" and current in ("resolved", "closed"):
        ticket.resolved_at = None
        ticket.closed_at = None
    session.add(ticket)
    add_event(session, sink=sink, ticket_id=ticket.id, actor=actor, kind=kind, from_status=current,
              to_status=to_status, note=note, at=now)
    return True


def record(session: Session, ticket: Ticket, kind: str, *, actor: str, note: str | None = None,
           outcome: str | None = None, sink: EventSink | None = None) -> None:
    """An audit event that is not a status change (note, assignment, triage, draft, send);
    ``outcome``: what came of it, as data for whoever counts or looks it up later."""
    add_event(session, sink=sink, ticket_id=ticket.id, actor=actor, kind=kind, note=note, outcome=outcome)
