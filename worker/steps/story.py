"""Step 3c, story: a genuine inquiry joins the story its subject belongs to, or founds one.

The grouping is ``worker/stories``'s (pure: the inquiry's terms against those of the window's
recent inquiries, with the terms or the release that tied them); this step keeps the inquiry's
terms on its ticket, stores the story, says so in the triage explanation and records an event
on each ticket it moves. Machines and spam are never in a story; a ticket already in one stays.
"""

from __future__ import annotations

import json
from datetime import timedelta

import structlog
from sqlmodel import select

from mediadesk.storage.models import Ticket, utcnow
from mediadesk.storage.stories import Story, story_ref
from mediadesk.worker import stories, workflow
from mediadesk.worker.batch import Batch, Item, references

log = structlog.get_logger("mediadesk.story")

SYSTEM = "system"
MAX_CANDIDATES = 2000  # the window's most recent inquiries, at most: bounds the cost per message


def run(item: Item, batch: Batch) -> None:
    """Group the ticket the triage step just triaged, if it is a genuine inquiry."""
    ticket = item.ticket
    if not item.triaged or ticket is None or item.inquiry is None or ticket.story_id is not None:
        return
    if ticket.automated_kind or ticket.category in ("automated", "spam") or ticket.status == "ignored":
        return
    parsed = item.inquiry
    terms = stories.inquiry_features(parsed.subject, parsed.text, references(parsed))
    ticket.story_terms = json.dumps(terms, ensure_ascii=False)
    batch.session.add(ticket)
    if not terms:
        return
    candidates = _candidates(batch, ticket)
    decision = stories.assign(terms, [stories.Candidate(t.id, t.story_id, json.loads(t.story_terms))
                                      for t in candidates.values()])
    if decision.joins:
        _join(batch, ticket, candidates[decision.key], decision)


def _candidates(batch: Batch, ticket: Ticket) -> dict[int, Ticket]:
    """The window's genuine inquiries with their terms: stored, and new in this batch."""
    since = (ticket.created_at or utcnow()) - timedelta(hours=batch.settings.story_window_hours)
    rows = batch.session.exec(
        select(Ticket).where(Ticket.story_terms.is_not(None), Ticket.created_at >= since, Ticket.id != ticket.id,
                             Ticket.merged_into_id.is_(None), Ticket.status != "ignored")
        .order_by(Ticket.created_at.desc()).limit(MAX_CANDIDATES)).all()
    found = {t.id: t for t in rows}
    for t in batch.new_tickets.values():  # this batch's, maybe not flushed yet
        if t.id != ticket.id and t.story_terms and t.id not in found and t.status != "ignored":
            found[t.id] = t
    return found


def _join(batch: Batch, ticket: Ticket, other: Ticket, decision: stories.Decision) -> None:
    session, now = batch.session, utcnow()
    reason = decision.reason()
    if other.story_id is None:
        story = Story(title=other.subject[:500], reason=f"{other.ref} and {ticket.ref}: {reason}",
                      created_at=now, last_activity_at=now)
        session.add(story)
        session.flush()  # its id, for the tickets to name
        other.story_id = story.id
        session.add(other)
        workflow.record(session, other, "story", actor=SYSTEM, sink=batch.event,
                        note=f"story {story_ref(story.id)} founded with {ticket.ref}: {reason}")
        said = f"story {story_ref(story.id)}: founded with {other.ref} ({reason})"
    else:
        story = session.get(Story, other.story_id)
        story.last_activity_at = now
        session.add(story)
        said = f"story {story_ref(story.id)}: joined an active story, closest to {other.ref} ({reason})"
    ticket.story_id = story.id
    explanation = json.loads(ticket.explanation) if ticket.explanation else []
    ticket.explanation = json.dumps([*explanation, said], ensure_ascii=False)
    session.add(ticket)
    workflow.record(session, ticket, "story", actor=SYSTEM, note=said, sink=batch.event)
    log.info("story", ticket_id=ticket.id, story_id=story.id, score=decision.score)


__all__ = ["run"]
