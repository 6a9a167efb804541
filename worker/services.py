"""What the press team does to tickets and drafts: change status, assign, note, correct the
category, merge, approve, reject; and to stories: merge, split, remove. One transaction each, for
the CLI (which only parses arguments and prints) and anything else that acts for a person.

Errors are the domain's: ``NotFound``, ``workflow.TransitionError`` (an illegal status change),
``drafting.DraftStateError`` (a draft that cannot do that now), ``Conflict`` (anything else a
person must resolve). Each function returns a sentence saying what happened, and is safe to
repeat: doing it again says so and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mediadesk.settings import CATEGORIES
from mediadesk.storage import repo
from mediadesk.storage.db import session_scope
from mediadesk.storage.models import Draft, InboundMessage, LabelledExample, Message, Ticket, utcnow
from mediadesk.storage.statuses import OPEN_STATUSES, SENDING, SENT
from mediadesk.worker import workflow


class NotFound(LookupError):
    """No such ticket (or draft)."""


class Conflict(ValueError):
    """The request contradicts the state of things (merge a ticket into itself...)."""


def ticket(session: Session, ref: str) -> Ticket:
    found = repo.ticket_by_ref(session, ref)
    if found is None:
        raise NotFound(f"no ticket {ref}")
    return found


def set_status(engine: Engine, ref: str, status: str, *, actor: str, note: str | None = None) -> str:
    with session_scope(engine) as session:
        t = ticket(session, ref)
        if workflow.transition(session, t, status, actor=actor, note=note):
            return f"{t.ref}: {status}"
        return f"{t.ref} is already {status}"


def assign(engine: Engine, ref: str, user: str | None, *, actor: str) -> str:
    """Assign the ticket to ``user`` (None: to nobody)."""
    with session_scope(engine) as session:
        t = ticket(session, ref)
        if t.assignee == user:
            return f"{t.ref} is already assigned to {user or 'nobody'}"
        t.assignee, t.updated_at = user, utcnow()
        session.add(t)
        workflow.record(session, t, "assign", actor=actor, note=f"assigned to {user or 'nobody'}")
        return f"{t.ref}: assigned to {user or 'nobody'}"


def add_note(engine: Engine, ref: str, text: str, *, actor: str) -> str:
    with session_scope(engine) as session:
        t = ticket(session, ref)
        workflow.record(session, t, "note", actor=actor, note=text)
        return f"{t.ref}: note added"


def _training_text(session: Session, t: Ticket, message: Message | None) -> str:
    """What triage itself reads (subject and the sender's own words), so training matches it."""
    from mediadesk.worker.parsing import parse_message
    from mediadesk.worker.triage import message_text

    inbound = session.get(InboundMessage, message.inbound_id) if message and message.inbound_id else None
    if inbound is not None:
        try:
            return message_text(parse_message(inbound.raw))
        except Exception:  # fall back to the stored text
            pass
    return f"{t.subject}\n\n{message.body_text if message else ''}"


def categorise(engine: Engine, ref: str, category: str, *, actor: str) -> str:
    """Correct the ticket's category; the correction is kept as a training example for triage."""
    if category not in CATEGORIES:
        raise Conflict(f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}")
    with session_scope(engine) as session:
        t = ticket(session, ref)
        if t.category == category and session.exec(select(LabelledExample.id).where(
                LabelledExample.ticket_id == t.id, LabelledExample.category == category)).first():
            return f"{t.ref} is already categorised as {category}"  # safe to repeat: no duplicate example
        message = session.exec(select(Message).where(Message.ticket_id == t.id, Message.direction == "in")
                               .order_by(Message.id)).first()
        old = t.category
        t.category, t.category_confidence, t.updated_at = category, 1.0, utcnow()
        session.add(t)
        session.add(LabelledExample(ticket_id=t.id, category=category, language=t.language,
                                    text=_training_text(session, t, message)[:20000], actor=actor))
        workflow.record(session, t, "categorise", actor=actor, note=f"{old} → {category}")
        return f"{t.ref}: category {old} → {category} (kept as a training example)"


def merge(engine: Engine, ref: str, into: str, *, actor: str) -> str:
    """Move every message of ``ref`` onto ``into`` and close ``ref``; later replies follow."""
    with session_scope(engine) as session:
        source, target = ticket(session, ref), ticket(session, into)
        if source.id == target.id or repo.resolve_merged(session, target).id == source.id:
            raise Conflict(f"cannot merge {source.ref} into itself")
        if source.merged_into_id == target.id:
            return f"{source.ref} is already merged into {target.ref}"
        moved = 0
        for message in session.exec(select(Message).where(Message.ticket_id == source.id)).all():
            message.ticket_id = target.id
            session.add(message)
            moved += 1
        source.merged_into_id = target.id
        session.flush()
        if workflow.allowed(source.status, "closed"):
            workflow.transition(session, source, "closed", actor=actor, note=f"merged into {target.ref}")
        session.add(source)
        workflow.record(session, target, "merge", actor=actor, note=f"{source.ref} merged in ({moved} message(s))")
        target.updated_at = utcnow()
        session.add(target)
        return f"{source.ref} merged into {target.ref}: {moved} message(s) moved"


def reprocess(engine: Engine, ref: str, settings, *, actor: str) -> str:
    """Re-run triage and drafting for a ticket; who asked goes in its history."""
    from mediadesk.worker import pipeline

    with session_scope(engine) as session:
        t = ticket(session, ref)
        workflow.record(session, t, "reprocess", actor=actor, note="triage and drafting re-run")
        ticket_id, ticket_ref = t.id, t.ref
    pipeline.triage_and_draft(engine, ticket_id, settings)
    return f"{ticket_ref}: triage re-run"


@dataclass(frozen=True)
class DraftAction:
    """What came of approving or rejecting a ticket's draft."""

    ref: str
    draft_id: int
    changed: bool  # False: it was so already (nothing written, nothing to enqueue)
    status: str
    sent_at: object | None = None

    @property
    def in_flight(self) -> bool:
        return self.status in (SENDING, SENT)


def _draft(session: Session, ref: str) -> tuple[Ticket, Draft]:
    t = ticket(session, ref)
    draft = session.exec(select(Draft).where(Draft.ticket_id == t.id)).first()
    if draft is None:
        raise NotFound(f"{t.ref} has no draft")
    return t, draft


def approve(engine: Engine, ref: str, *, actor: str, resend: bool = False) -> DraftAction:
    """Approve the ticket's draft for sending (the caller enqueues the send when ``changed``)."""
    from mediadesk.worker.drafting import approve_draft

    with session_scope(engine) as session:
        t, draft = _draft(session, ref)
        changed = approve_draft(session, draft, actor, resend=resend)
        return DraftAction(t.ref, draft.id, changed, draft.status, draft.sent_at)


def reject(engine: Engine, ref: str, *, actor: str, note: str | None = None) -> DraftAction:
    from mediadesk.worker.drafting import reject_draft

    with session_scope(engine) as session:
        t, draft = _draft(session, ref)
        changed = reject_draft(session, draft, actor, note)
        return DraftAction(t.ref, draft.id, changed, draft.status)




# --------------------------------------------------------------------------- stories


def find_story(session: Session, ref: str):
    """A story by ``S-3``, ``s3`` or ``3``; a story merged into another is that other one."""
    from mediadesk.storage.stories import Story

    digits = ref.strip().upper().removeprefix("S-").removeprefix("S").strip()
    story = session.get(Story, int(digits)) if digits.isdigit() and len(digits) < 10 else None
    seen = 0
    while story is not None and story.merged_into_id is not None and seen < 100:
        story, seen = session.get(Story, story.merged_into_id), seen + 1
    if story is None:
        raise NotFound(f"no story {ref}")
    return story


def _members(session: Session, story_id: int) -> list[Ticket]:
    return list(session.exec(select(Ticket).where(Ticket.story_id == story_id).order_by(Ticket.id)).all())


def _outlets(session: Session, members: list[Ticket]) -> dict[int, str]:
    """Ticket id → the name of its requester's outlet, for those that have one."""
    from mediadesk.storage.contacts import Contact, Outlet

    ids = {t.contact_id for t in members if t.contact_id}
    if not ids:
        return {}
    names = dict(session.exec(select(Contact.id, Outlet.name).join(Outlet, Outlet.id == Contact.outlet_id)
                              .where(Contact.id.in_(ids))).all())
    return {t.id: names[t.contact_id] for t in members if t.contact_id in names}


def _counts(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def story_list(engine: Engine) -> list[dict]:
    """The stories with their tickets counted by language and outlet, newest activity first."""
    from mediadesk.storage.db import read_scope
    from mediadesk.storage.stories import Story, story_ref

    with read_scope(engine) as session:
        stories = session.exec(select(Story).where(Story.merged_into_id.is_(None))
                               .order_by(Story.last_activity_at.desc(), Story.id.desc())).all()
        members: dict[int, list[Ticket]] = {}
        for t in session.exec(select(Ticket).where(Ticket.story_id.in_([s.id for s in stories]))).all():
            members.setdefault(t.story_id, []).append(t)
        outlets = _outlets(session, [t for ts in members.values() for t in ts])
        return [{"ref": story_ref(s.id), "id": s.id, "title": s.title, "tickets": len(members.get(s.id, [])),
                 "open": sum(t.status in OPEN_STATUSES for t in members.get(s.id, [])),
                 "languages": _counts(t.language or "?" for t in members.get(s.id, [])),
                 "outlets": _counts(outlets[t.id] for t in members.get(s.id, []) if t.id in outlets),
                 "last_activity_at": s.last_activity_at, "created_at": s.created_at, "reason": s.reason}
                for s in stories if members.get(s.id)]


def story_detail(engine: Engine, ref: str) -> dict:
    """One story: what tied it, and its tickets with their language, outlet and status."""
    from mediadesk.storage.db import read_scope
    from mediadesk.storage.stories import story_ref

    with read_scope(engine) as session:
        story = find_story(session, ref)
        members = _members(session, story.id)
        outlets = _outlets(session, members)
        return {"ref": story_ref(story.id), "id": story.id, "title": story.title, "reason": story.reason,
                "created_at": story.created_at, "last_activity_at": story.last_activity_at,
                "tickets": [{"ref": t.ref, "status": t.status, "language": t.language, "requester": t.requester_email,
                             "outlet": outlets.get(t.id), "subject": t.subject, "created_at": t.created_at}
                            for t in members]}


def story_merge(engine: Engine, ref: str, into: str, *, actor: str) -> str:
    """Move every ticket of story ``ref`` into story ``into``; ``ref`` then names ``into``."""
    from mediadesk.storage.stories import story_ref

    with session_scope(engine) as session:
        target = find_story(session, into)
        source = find_story(session, ref)
        if source.id == target.id:
            return f"{ref} is already {story_ref(target.id)}"
        members = _members(session, source.id)
        for t in members:
            t.story_id = target.id
            session.add(t)
            workflow.record(session, t, "story", actor=actor,
                            note=f"moved from story {story_ref(source.id)} to {story_ref(target.id)} (merged)")
        source.merged_into_id = target.id
        target.last_activity_at = max(target.last_activity_at, source.last_activity_at)
        session.add_all([source, target])
        return f"{story_ref(source.id)} merged into {story_ref(target.id)} ({len(members)} tickets moved)"


def story_split(engine: Engine, ref: str, refs: list[str], *, actor: str) -> str:
    """Take tickets out of story ``ref`` into a new story of their own."""
    from mediadesk.storage.stories import Story, story_ref

    with session_scope(engine) as session:
        story = find_story(session, ref)
        moving = [ticket(session, r) for r in refs]
        strangers = [t.ref for t in moving if t.story_id != story.id]
        if strangers:
            raise Conflict(f"{', '.join(strangers)} not in {story_ref(story.id)}")
        if not moving:
            raise Conflict("name the tickets to split off")
        now = utcnow()
        new = Story(title=moving[0].subject[:500], created_by=actor, created_at=now, last_activity_at=now,
                    reason=f"split from {story_ref(story.id)} by {actor}")
        session.add(new)
        session.flush()
        for t in moving:
            t.story_id = new.id
            session.add(t)
            workflow.record(session, t, "story", actor=actor,
                            note=f"split from story {story_ref(story.id)} into {story_ref(new.id)}")
        return f"{', '.join(t.ref for t in moving)} split from {story_ref(story.id)} into {story_ref(new.id)}"


def story_remove(engine: Engine, ref: str, *, actor: str) -> str:
    """Take one ticket out of its story (it joins no other on its own)."""
    from mediadesk.storage.stories import story_ref

    with session_scope(engine) as session:
        t = ticket(session, ref)
        if t.story_id is None:
            return f"{t.ref} is in no story"
        was = t.story_id
        t.story_id = None
        session.add(t)
        workflow.record(session, t, "story", actor=actor, note=f"removed from story {story_ref(was)}")
        return f"{t.ref} removed from {story_ref(was)}"


__all__ = ["Conflict", "DraftAction", "NotFound", "add_note", "approve", "assign", "categorise", "merge", "reject",
           "reprocess", "set_status", "find_story", "story_detail", "story_list", "story_merge", "story_remove", "story_split",
           "ticket"]
