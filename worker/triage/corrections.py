"""What a team's spam mark does to a ticket, and what un-marking undoes.

``mediadesk categorise REF spam`` stores a training example (``LabelledExample``: the next
``mediadesk triage-train`` learns from it, see learning.py) and calls ``apply_spam_mark``:

* marked ``spam`` (or ``automated``): the ticket leaves the queue (``ignored``; a ticket the team
  had already taken up is ``closed``) and an acknowledgement not yet sent is withdrawn, so no
  spammer is ever answered;
* un-marked (a human category given to a ticket that was spam or automated): an ``ignored``
  ticket is ``triaged`` again, and an acknowledgement that the mark withdrew is pending again.

This is the write half, at the edge beside the pure triage: the caller owns the transaction.
"""

from __future__ import annotations

from sqlmodel import Session, select

from mediadesk.storage.models import Draft, Ticket, TicketEvent
from mediadesk.storage.statuses import PENDING, REJECTED
from mediadesk.worker import workflow
from mediadesk.worker.drafting.drafts import compare_and_set

WITHDRAWN = "withdrawn"  # the outcome of a draft event: an acknowledgement withdrawn by a spam mark

KEPT_OUT = ("spam", "automated")
WITHDRAWN_NOTE = "acknowledgement withdrawn: marked {category}"
UNSENT = ("pending", "approved")


def apply_spam_mark(session: Session, ticket: Ticket, old: str | None, new: str, *, actor: str) -> list[str]:
    """Move ``ticket`` and its draft after its category went from ``old`` to ``new``.

    Returns what changed, in words (for the command's message). Safe to repeat.

    Raises:
        workflow.TransitionError: never for the moves made here (each is checked first).
    """
    changes: list[str] = []
    if new in KEPT_OUT:
        if workflow.allowed(ticket.status, "ignored"):
            workflow.transition(session, ticket, "ignored", actor=actor, note=f"marked {new}")
            changes.append("ignored")
        elif ticket.status in workflow.OPEN_STATUSES and workflow.allowed(ticket.status, "closed"):
            workflow.transition(session, ticket, "closed", actor=actor, note=f"marked {new}")
            changes.append("closed")
        draft = session.exec(select(Draft).where(Draft.ticket_id == ticket.id, Draft.status.in_(UNSENT))).first()
        # Conditional on the status read: a send that claimed the draft meanwhile keeps it.
        if draft is not None and compare_and_set(session, draft, status=REJECTED):
            workflow.record(session, ticket, "draft", actor=actor, note=WITHDRAWN_NOTE.format(category=new),
                            outcome=WITHDRAWN)
            changes.append("acknowledgement withdrawn")
    elif old in KEPT_OUT:
        ticket.automated_kind = None  # a person wrote it after all
        session.add(ticket)
        if ticket.status == "ignored":
            workflow.transition(session, ticket, "triaged", actor=actor, note=f"no longer {old}: {new}")
            changes.append("triaged again")
        draft = session.exec(select(Draft).where(Draft.ticket_id == ticket.id, Draft.status == REJECTED)).first()
        if draft is not None and _withdrawn_by_mark(session, ticket) and compare_and_set(session, draft, status=PENDING):
            workflow.record(session, ticket, "draft", actor=actor, note=f"acknowledgement pending again: not {old}")
            changes.append("acknowledgement pending again")
    return changes


def _withdrawn_by_mark(session: Session, ticket: Ticket) -> bool:
    """Was the ticket's last draft event a withdrawal by a spam mark (not a person's rejection)?"""
    session.flush()
    outcome = session.exec(select(TicketEvent.outcome).where(TicketEvent.ticket_id == ticket.id,
                                                             TicketEvent.kind == "draft")
                           .order_by(TicketEvent.id.desc())).first()
    return outcome == WITHDRAWN


__all__ = ["apply_spam_mark"]
