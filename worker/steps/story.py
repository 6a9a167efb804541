"""Step 3c, story: a genuine inquiry joins the story its subject belongs to, or founds one.

The grouping is ``worker/stories``'s (pure: the inquiry's terms against those of the window's
recent inquiries, with the terms or the release that tied them); this step keeps the inquiry's
terms on its ticket, stores the story, says so in the triage explanation and records an event
on each ticket it moves. Machines and spam are never in a story; a ticket already in one stays.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy import bindparam, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import select

from mediadesk.storage.models import Ticket, utcnow
from mediadesk.storage.stories import Story, story_ref
from mediadesk.worker import stories, workflow
from mediadesk.worker.batch import Batch, Item, references

log = structlog.get_logger("mediadesk.story")

SYSTEM = "system"
MAX_CANDIDATES = 2000  # the window's most recent inquiries, at most: bounds the cost per message


def ahead(item: Item) -> None:
    """An inquiry's terms, read before the write lock (pure CPU, as triage ahead): only for
    one that triage found genuine."""
    decision, parsed = item.decision, item.inquiry
    if decision is None or parsed is None or decision.automated_kind or decision.category in ("automated", "spam"):
        return
    item.story_terms = stories.inquiry_features(parsed.subject, parsed.text, references(parsed))


def run(item: Item, batch: Batch) -> None:
    """Group the ticket the triage step just triaged, if it is a genuine inquiry."""
    ticket = item.ticket
    if not item.triaged or ticket is None or item.inquiry is None or ticket.story_id is not None:
        return
    if ticket.automated_kind or ticket.category in ("automated", "spam") or ticket.status == "ignored":
        return
    parsed = item.inquiry
    terms = item.story_terms
    if terms is None:  # not read ahead (triaged in the lock, or its category corrected since)
        terms = stories.inquiry_features(parsed.subject, parsed.text, references(parsed))
    ticket.story_terms = json.dumps(terms, ensure_ascii=False)
    batch.session.add(ticket)
    if not terms:
        return
    pool = _pool(batch, ticket)
    decision = pool.assign(terms)
    if decision.joins:
        other = batch.new_tickets.get(decision.key) or _other(batch, decision.key)
        _join(batch, ticket, other, decision)
        pool.story[decision.key] = other.story_id
    pool.add(stories.Candidate(ticket.id, ticket.story_id, terms))


# The window's pool, kept by this process between batches and topped up with what was
# committed since (ids above the highest it holds): reading and indexing the whole window again
# for every batch made the step cost grow with the window. Rebuilt from the database every
# POOL_REFRESH_SECONDS (stories other workers formed, the window's end), and forgotten when a
# batch fails (its own inquiries were added to it and never committed).
POOL_REFRESH_SECONDS = 300.0
_CACHE: dict[str, tuple[float, int, stories.Pool]] = {}


def forget_pools() -> None:
    """Drop the kept pools (a batch that added its inquiries to one failed)."""
    _CACHE.clear()


def _window(batch: Batch, ticket: Ticket):
    since = (ticket.created_at or utcnow()) - timedelta(hours=batch.settings.story_window_hours)
    return (select(Ticket.id, Ticket.story_id, Ticket.story_terms)
            .where(Ticket.story_terms.is_not(None), Ticket.created_at >= since, Ticket.id != ticket.id,
                   Ticket.merged_into_id.is_(None), Ticket.status != "ignored"))


def _pool(batch: Batch, ticket: Ticket) -> stories.Pool:
    """The window's genuine inquiries with their terms (oldest first, as they came), read once a
    batch; the batch's own are added as the step goes."""
    if batch.story_pool is not None:
        return batch.story_pool
    key, now = str(batch.session.get_bind().url), time.monotonic()
    cached = _CACHE.get(key)
    if cached is None or now - cached[0] > POOL_REFRESH_SECONDS:
        rows = batch.session.exec(_window(batch, ticket).order_by(Ticket.created_at.desc(), Ticket.id.desc())
                                  .limit(MAX_CANDIDATES)).all()
        pool = stories.Pool(stories.Candidate(i, story, json.loads(terms)) for i, story, terms in reversed(rows))
        cached = (now, max((r[0] for r in rows), default=0), pool)
    else:
        built, highest, pool = cached
        rows = batch.session.exec(_window(batch, ticket).where(Ticket.id > highest).order_by(Ticket.id)).all()
        for i, story, terms in rows:
            pool.add(stories.Candidate(i, story, json.loads(terms)))
        cached = (built, max([highest, *(r[0] for r in rows)]), pool)
    _CACHE[key] = cached
    batch.story_pool = cached[2]
    return batch.story_pool


@dataclass(frozen=True)
class _InStory:
    """What joining a stored ticket's story needs of it (not the whole row)."""

    id: int
    story_id: int
    ref: str


# Built once: building a statement costs several times what running it by primary key does.
_STORY_OF = select(Ticket.__table__.c.story_id, Ticket.__table__.c.ref).where(Ticket.__table__.c.id == bindparam("key"))


def _other(batch: Batch, key: int):
    """The stored ticket an inquiry ties with: two columns when it is in a story already (the
    common case), the row when a story is to be founded with it."""
    story_id, ref = batch.session.connection().execute(_STORY_OF, {"key": key}).one()
    return _InStory(key, story_id, ref) if story_id is not None else batch.session.get(Ticket, key)


def _join(batch: Batch, ticket: Ticket, other, decision: stories.Decision) -> None:
    session, now = batch.session, utcnow()
    reason = decision.reason()
    founded = None
    if other.story_id is None:
        founded = Story(title=other.subject[:500], reason=f"{other.ref} and {ticket.ref}: {reason}",
                        created_at=now, last_activity_at=now)
        session.add(founded)
        session.flush()  # its id, for the tickets to name
        if _found(batch, other, founded.id):
            story = founded
            workflow.record(session, other, "story", actor=SYSTEM, sink=batch.event,
                            note=f"story {story_ref(story.id)} founded with {ticket.ref}: {reason}")
            said = f"story {story_ref(story.id)}: founded with {other.ref} ({reason})"
        else:  # another worker founded one with it meanwhile: join that one
            session.delete(founded)
            founded = None
    if founded is None:
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


def _found(batch: Batch, other: Ticket, story_id: int) -> bool:
    """Put ``other`` in the new story unless another transaction put it in one first (two
    workers tying two new inquiries to the same stored one): a conditional update, which on
    PostgreSQL waits for the other transaction and then sees its story. False, with
    ``other.story_id`` set to that story, when it lost."""
    if other.id in batch.new_tickets:  # written by this batch: nobody else can see it
        other.story_id = story_id
        batch.session.add(other)
        return True
    session = batch.session
    done = session.execute(update(Ticket).where(Ticket.id == other.id, Ticket.story_id.is_(None))
                           .values(story_id=story_id).execution_options(synchronize_session=False)).rowcount == 1
    current = story_id if done else session.execute(select(Ticket.story_id).where(Ticket.id == other.id)).scalar()
    set_committed_value(other, "story_id", current)
    return done


__all__ = ["run"]
