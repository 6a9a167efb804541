"""What beat runs every minute: re-enqueue what was stored but never processed, sends whose
task was lost, and the overdue notice. Each is a read (or one short write) and idempotent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_
from sqlalchemy.engine import Engine
from sqlmodel import select

from mediadesk.settings import Settings
from mediadesk.storage import repo
from mediadesk.storage.db import read_scope, session_scope
from mediadesk.storage.models import Draft, InboundMessage, Message, Ticket, utcnow
from mediadesk.worker import workflow

SYSTEM = "system"


def stale_work(engine: Engine, settings: Settings, *, now: datetime | None = None) -> tuple[list[int], list[int]]:
    """Inbound messages still pending and tickets never triaged, older than the grace period.

    The outbox sweep re-enqueues these, so a crash between commit and enqueue loses nothing.
    """
    cutoff = (now or utcnow()) - timedelta(seconds=settings.sweep_grace_seconds)
    with read_scope(engine) as session:
        inbound = session.exec(
            select(InboundMessage.id).where(InboundMessage.state == "pending", InboundMessage.received_at <= cutoff)
            .order_by(InboundMessage.id).limit(10_000)
        ).all()
        # A ticket the team's answer opened waits for the requester's own mail to be triaged.
        inquiry = select(Message.id).where(Message.ticket_id == Ticket.id, Message.direction == "in").exists()
        tickets = session.exec(
            select(Ticket.id).where(Ticket.status == "new", Ticket.triaged_at.is_(None), Ticket.created_at <= cutoff,
                                    inquiry)
            .order_by(Ticket.id).limit(10_000)
        ).all()
    return list(inbound), list(tickets)


SEND_RETRY_HORIZON = timedelta(minutes=15)  # beyond the send task's longest retry backoff


def unsent_approved(engine: Engine, settings: Settings, *, now: datetime | None = None) -> list[int]:
    """Approved drafts whose send task was lost (Redis restarted empty, a broker hiccup).

    Never attempted and approved before the grace period, or last attempted so long ago that no
    retry can still be pending. Sending claims the draft first, so a re-enqueue never resends:
    a draft left ``sending`` by a crash is only marked ``uncertain`` for a human.
    """
    now = now or utcnow()
    cutoff = now - timedelta(seconds=settings.sweep_grace_seconds)
    with read_scope(engine) as session:
        rows = session.exec(
            select(Draft.id).where(Draft.status.in_(("approved", "sending")), or_(
                and_(Draft.status == "approved", Draft.send_attempts == 0, Draft.approved_at <= cutoff),
                Draft.send_started_at <= now - SEND_RETRY_HORIZON,
            )).order_by(Draft.id).limit(10_000)
        ).all()
    return list(rows)


def mark_overdue(engine: Engine, *, now: datetime | None = None) -> list[str]:
    """Notify: record the "overdue" event once per ticket past its due time; returns those refs.

    Readers compute overdue themselves (``repo.overdue_clause``); ``Ticket.overdue`` only says
    the event was recorded.
    """
    now = now or utcnow()
    with session_scope(engine) as session:
        rows = session.exec(select(Ticket).where(repo.overdue_clause(now), Ticket.overdue.is_(False))).all()
        for ticket in rows:
            ticket.overdue = True
            session.add(ticket)
            workflow.record(session, ticket, "overdue", actor=SYSTEM, note=f"due {ticket.due_at.isoformat()}")
        return [t.ref for t in rows]


__all__ = ["mark_overdue", "stale_work", "unsent_approved", "SEND_RETRY_HORIZON"]
