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
    pool = _pool(batch, ticket)
    decision = pool.assign(terms)
    if decision.joins:
        other = batch.new_tickets.get(decision.key) or batch.session.get(Ticket, decision.key)
        _join(batch, ticket, other, decision)
        pool.story[decision.key] = other.story_id
    pool.add(stories.Candidate(ticket.id, ticket.story_id, terms))


def _pool(batch: Batch, ticket: Ticket) -> stories.Pool:
    """The window's genuine inquiries with their terms, read once a batch (oldest first, as they
    came); the batch's own are added as the step goes."""
    if batch.story_pool is None:
        since = (ticket.created_at or utcnow()) - timedelta(hours=batch.settings.story_window_hours)
        rows = batch.session.exec(
            select(Ticket.id, Ticket.story_id, Ticket.story_terms)
            .where(Ticket.story_terms.is_not(None), Ticket.created_at >= since, Ticket.id != ticket.id,
                   Ticket.merged_into_id.is_(None), Ticket.status != "ignored")
            .order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(MAX_CANDIDATES)).all()
        batch.story_pool = stories.Pool(stories.Candidate(i, story, json.loads(terms))
                                        for i, story, terms in reversed(rows))
    return batch.story_pool


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
