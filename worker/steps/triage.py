"""Step 3, triage: category, language, deadline and priority for a ticket's inquiry; its SLA.

The decision is ``worker/triage``'s (a pure function with its explanation), computed before the
write lock wherever it can be (``ahead``); this step stores it on the ticket, lets a human's
earlier correction outrank it, and moves the ticket to triaged, or ignored for machines and spam.
"""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import datetime, timedelta

import structlog
from sqlmodel import select

from mediadesk.settings import Settings
from mediadesk.storage.models import PRIORITY_RANK, LabelledExample, Ticket, utcnow
from mediadesk.worker import workflow
from mediadesk.worker.batch import Batch, Item
from mediadesk.worker.parsing import ParsedMessage

log = structlog.get_logger("mediadesk.triage")

SYSTEM = "system"


def model_for(settings: Settings, model=None):
    """``model``, else the one trained from the team's corrections (None when there is none)."""
    if model is not None:
        return model
    from mediadesk.worker.triage.learning import default_model

    return default_model(settings)


def decide(parsed: ParsedMessage | None, settings: Settings, model=None, spam_check=None):
    """The triage decision for a parsed message: pure CPU, call it outside the write lock.

    ``model``: from ``model_for``, resolved once by the caller for a whole batch;
    ``spam_check``: spamd's verdict on the message, when one was asked.
    """
    if parsed is None:
        return None
    from mediadesk.worker.triage import triage

    return triage(parsed, settings=settings, model=model, spam_check=spam_check)


def ahead(item: Item, settings: Settings, model) -> None:
    """Triage an item that will most likely open a ticket, before the write lock is taken."""
    item.decision = decide(item.inquiry, settings, model, item.spam_check)


def sla_due(created: datetime, priority: str, deadline: datetime | None, settings: Settings) -> tuple[datetime, datetime]:
    """First-response and resolution due times; a stated deadline tightens both."""
    hours = settings.sla_hours.get(priority) or settings.sla_hours.get("normal") or {}
    first = created + timedelta(hours=float(hours.get("first_response", 24)))
    resolution = created + timedelta(hours=float(hours.get("resolution", 120)))
    if deadline is not None:
        first, resolution = min(first, deadline), min(resolution, deadline)
    return first, resolution


def review_reason(decision, settings: Settings) -> str | None:
    """Why a person should look at this decision before trusting it, or None.

    Triage is unsure when its category has less than ``MEDIADESK_REVIEW_CONFIDENCE`` (0.40) of
    the rules' weight, i.e. another category came close, or when the language detector is below
    it (the acknowledgement may be drafted in the wrong language). On the 60-message
    development set 0.40 flags 5 (all five right, by a narrow margin: a close call is what a
    person should confirm), and 2 of the 32 demo messages; 0.50 would flag 13 of 60. The team's
    own correction (confidence 1.0) is never flagged, nor machines (their verdict is its own)."""
    threshold = settings.review_confidence
    if threshold <= 0 or decision.automated_kind:
        return None
    def shown(value: float) -> str:  # rounded down: 0.397 reads 0.39, never "0.40 below 0.40"
        return f"{math.floor(value * 100) / 100:.2f}"

    reasons = []
    if decision.confidence < threshold:
        reasons.append(f"category {decision.category} at {shown(decision.confidence)}")
    if decision.language and (decision.language_confidence or 0.0) < threshold:
        reasons.append(f"language {decision.language} at {shown(decision.language_confidence or 0.0)}")
    if not reasons:
        return None
    return f"triage unsure: {' and '.join(reasons)} (below MEDIADESK_REVIEW_CONFIDENCE {threshold:.2f})"


def apply(session, ticket: Ticket, decision, settings: Settings, *, actor: str = SYSTEM, sink=None) -> None:
    """Store a triage decision on the ticket, set its SLA and move it to triaged or ignored."""
    ticket.category = decision.category
    ticket.category_confidence = round(float(decision.confidence), 4)
    ticket.language = decision.language
    ticket.language_confidence = round(float(decision.language_confidence or 0.0), 4)
    ticket.automated_kind = decision.automated_kind
    ticket.deadline = decision.deadline
    ticket.priority = decision.priority
    ticket.priority_rank = PRIORITY_RANK.get(decision.priority, 2)
    ticket.explanation = json.dumps(list(decision.explanation), ensure_ascii=False)
    ticket.triaged_at = utcnow()
    ticket.first_response_due_at, ticket.due_at = sla_due(ticket.created_at, decision.priority, decision.deadline, settings)
    session.add(ticket)
    summary = (f"{decision.category} ({decision.confidence:.2f}), language {decision.language}, "
               f"priority {decision.priority}" + (f", {decision.automated_kind}" if decision.automated_kind else ""))
    workflow.record(session, ticket, "triage", actor=actor, note=summary, sink=sink)
    unsure = review_reason(decision, settings)
    if unsure and unsure not in (ticket.review_reason or ""):
        ticket.needs_review = True
        ticket.review_reason = "; ".join(r for r in (ticket.review_reason, unsure) if r)[:2000]
    target = "ignored" if decision.category in ("automated", "spam") else "triaged"
    if ticket.status == "new":
        workflow.transition(session, ticket, target, actor=actor, note="by triage", sink=sink)


def run(item: Item, batch: Batch) -> None:
    """Triage the item's ticket when the thread step asked for it (``item.triage_now``)."""
    if not item.triage_now or item.ticket is None:
        return
    session, ticket = batch.session, item.ticket
    decision = item.decision
    if decision is None and item.inquiry is not None:  # a reply to a message we never saw
        decision = decide(item.inquiry, batch.settings, batch.model, item.spam_check)
        item.ack_checked = None
    if not item.new_ticket:
        # A ticket that existed before this message: a human may have corrected it already.
        corrected = session.exec(select(LabelledExample.category).where(LabelledExample.ticket_id == ticket.id)
                                 .order_by(LabelledExample.id.desc())).first()
        if decision is not None and corrected and corrected != decision.category:
            decision = dataclasses.replace(decision, category=corrected, confidence=1.0, explanation=[
                *decision.explanation, f"category {corrected}: set by the press team"])
            item.ack_checked = None
    if decision is None:
        # Nothing readable: leave it for a human; no acknowledgement to the unknown.
        ticket.triaged_at = utcnow()
        workflow.record(session, ticket, "triage", actor=SYSTEM, note="skipped: message could not be parsed",
                        sink=batch.event)
        session.add(ticket)
        return
    item.decision = decision
    apply(session, ticket, decision, batch.settings, sink=batch.event)
    item.triaged = True
    log.info("triaged", ticket_id=ticket.id, category=decision.category, language=decision.language,
             priority=decision.priority, automated=decision.automated_kind)


__all__ = ["ahead", "apply", "decide", "model_for", "review_reason", "run", "sla_due"]
