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
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mediadesk.settings import CATEGORIES
from mediadesk.storage import repo
from mediadesk.storage.db import session_scope
from mediadesk.storage.models import Attachment, Draft, InboundMessage, LabelledExample, Message, Ticket, utcnow
from mediadesk.storage.statuses import OPEN_STATUSES, SENT
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


# A ticket that reaches one of these needs no acknowledgement any more: its pending drafts go.
FINISHED = ("resolved", "closed", "ignored")


def _withdrawn(count: int) -> str:
    return f"; {count} pending draft(s) withdrawn" if count else ""


def set_status(engine: Engine, ref: str, status: str, *, actor: str, note: str | None = None) -> str:
    """Move the ticket; closing, resolving or ignoring it withdraws its drafts waiting for review."""
    from mediadesk.worker.drafting import withdraw_pending

    with session_scope(engine) as session:
        t = ticket(session, ref)
        moved = workflow.transition(session, t, status, actor=actor, note=note)
        withdrawn = withdraw_pending(session, t, f"ticket {status}", actor=actor) if status in FINISHED else 0
        if moved:
            return f"{t.ref}: {status}" + _withdrawn(withdrawn)
        return f"{t.ref} is already {status}" + _withdrawn(withdrawn)


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
    """An internal note in the ticket's history.

    Raises:
        Conflict: the note is blank (nothing to keep).
    """
    if not text or not text.strip():
        raise Conflict("a note needs some text")
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
    from mediadesk.worker.triage.corrections import apply_spam_mark

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
        changes = apply_spam_mark(session, t, old, category, actor=actor)  # spam: out of the queue, and back
        return f"{t.ref}: category {old} → {category} (kept as a training example)" + "".join(f"; {c}" for c in changes)


def merge(engine: Engine, ref: str, into: str, *, actor: str) -> str:
    """Move every message of ``ref`` onto ``into`` and close ``ref``; later replies follow. The
    drafts of ``ref`` waiting for review are withdrawn (``into`` has its own conversation)."""
    from mediadesk.worker.drafting import withdraw_pending

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
        withdrawn = withdraw_pending(session, source, f"merged into {target.ref}", actor=actor)
        session.add(source)
        workflow.record(session, target, "merge", actor=actor, note=f"{source.ref} merged in ({moved} message(s))")
        target.updated_at = utcnow()
        session.add(target)
        return f"{source.ref} merged into {target.ref}: {moved} message(s) moved" + _withdrawn(withdrawn)


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


def _draft(session: Session, ref: str) -> tuple[Ticket, Draft]:
    t = ticket(session, ref)
    from mediadesk.worker.drafting import draft_for_ticket

    draft = draft_for_ticket(session, t.id)
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


def reopen(engine: Engine, ref: str, *, actor: str) -> DraftAction:
    """Put the ticket's rejected draft back under review, to be approved (or edited) again."""
    from mediadesk.worker.drafting import reopen_draft

    with session_scope(engine) as session:
        t, draft = _draft(session, ref)
        changed = reopen_draft(session, draft, actor)
        return DraftAction(t.ref, draft.id, changed, draft.status)


def reject(engine: Engine, ref: str, *, actor: str, note: str | None = None) -> DraftAction:
    from mediadesk.worker.drafting import reject_draft

    with session_scope(engine) as session:
        t, draft = _draft(session, ref)
        changed = reject_draft(session, draft, actor, note)
        return DraftAction(t.ref, draft.id, changed, draft.status)




def workers_answering(redis_url: str, *, timeout: float = 1.0) -> int | None:
    """How many Celery workers answer a ping within ``timeout`` seconds (the first answer ends
    the wait); None when the broker itself does not answer or none is configured (``""``).
    Whether an approved draft will be sent by anyone (``draft approve`` says so when nobody will)."""
    if not redis_url:
        return None
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=timeout, socket_timeout=timeout).ping()
    except Exception:
        return None
    from celery import Celery

    app = Celery("mediadesk-ping", broker=redis_url, set_as_current=False)
    app.conf.update(broker_connection_retry=False, broker_connection_max_retries=0,
                    broker_connection_timeout=timeout)
    try:
        return len(app.control.inspect(timeout=timeout, limit=1).ping() or {})
    except Exception:
        return None
    finally:
        try:
            app.close()
        except Exception:
            pass


# --------------------------------------------------------------------------- attachments


def ticket_attachments(session: Session, t: Ticket) -> list[tuple[int, Attachment]]:
    """The ticket's attachments numbered from 1 as `show` lists them: message by message, in
    the order each message carried them."""
    rows = session.exec(select(Attachment).join(Message, Message.id == Attachment.message_id)
                        .where(Message.ticket_id == t.id).order_by(Message.id, Attachment.id)).all()
    return list(enumerate(rows, 1))


@dataclass(frozen=True)
class SavedAttachment:
    """What came of saving one attachment: ``path`` when written, else ``refused`` says why."""

    number: int
    filename: str
    path: Path | None = None
    refused: str | None = None


def _blob(attachment: Attachment, settings) -> bytes | None:
    """The attachment's bytes from the store (by content hash under MEDIADESK_DATA_DIR, else the
    path recorded when it was stored), checked against the hash."""
    import hashlib

    candidates = [settings.attachments_dir / attachment.sha256[:2] / attachment.sha256]
    if attachment.stored_path:
        candidates.append(Path(attachment.stored_path))
    for path in candidates:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == attachment.sha256:
            return data
    return None


def _unique_names(chosen: list[tuple[int, Attachment]]) -> dict[int, str]:
    """A safe file name for each: the stored name sanitised again (no folders, no control
    characters, no reserved names), and "name (2).ext" for a name the ticket uses twice."""
    from mediadesk.worker.attachments import sanitise_filename

    names: dict[int, str] = {}
    taken: set[str] = set()
    for number, attachment in chosen:
        name = sanitise_filename(attachment.filename, default=f"attachment-{number}")
        stem, dot, ext = name.rpartition(".")
        stem, ext = (stem, f".{ext}") if dot and stem else (name, "")
        candidate, n = name, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{stem} ({n}){ext}"
        taken.add(candidate.lower())
        names[number] = candidate
    return names


def _write_new(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` at ``path``: never through a link, never over a file unless ``force`` (then
    replaced atomically, a link itself replaced rather than followed)."""
    import os

    if not force:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def save_attachments(engine: Engine, ref: str, settings, directory: Path, *, number: int | None = None,
                     force: bool = False, actor: str | None = None) -> list[SavedAttachment]:
    """Save the ticket's attachments (or attachment ``number``, as `show` numbers them) into
    ``directory``. Names come from the sender, so each is sanitised and must land directly in
    ``directory``; an existing file is kept unless ``force``. Returns one outcome per attachment.
    (``actor``, who asked, is taken as every service takes it; saving changes no ticket.)

    Raises:
        NotFound: no such ticket, or no attachment ``number`` on it.
        Conflict: ``directory`` is not a folder.
    """
    from mediadesk.storage.db import read_scope

    with read_scope(engine) as session:
        t = ticket(session, ref)
        numbered = ticket_attachments(session, t)
    if number is not None:
        numbered = [(n, a) for n, a in numbered if n == number]
        if not numbered:
            raise NotFound(f"{t.ref} has no attachment {number}")
    if not numbered:
        raise NotFound(f"{t.ref} has no attachments")
    if directory.exists() and not directory.is_dir():
        raise Conflict(f"{directory} is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    folder = directory.resolve()
    names = _unique_names(numbered)
    outcomes = []
    for n, attachment in numbered:
        name = names[n]
        if attachment.sha256 is None:
            why = attachment.skipped_reason or "no content"
            outcomes.append(SavedAttachment(n, name, refused=f"not stored: {why}"))
            continue
        target = folder / name
        if target.parent != folder:  # sanitised already; a last guard against a name with a folder
            outcomes.append(SavedAttachment(n, name, refused="unsafe file name"))
            continue
        data = _blob(attachment, settings)
        if data is None:
            outcomes.append(SavedAttachment(n, name, refused=f"missing from {settings.attachments_dir}"))
            continue
        try:
            _write_new(target, data, force=force)
        except FileExistsError:
            outcomes.append(SavedAttachment(n, name, refused=f"{target} exists (--force replaces it)"))
            continue
        outcomes.append(SavedAttachment(n, name, path=target))
    return outcomes


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
    return list(session.exec(select(Ticket).where(Ticket.story_id == story_id, Ticket.merged_into_id.is_(None))
                             .order_by(Ticket.id)).all())


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
        for t in session.exec(select(Ticket).where(Ticket.story_id.in_([s.id for s in stories]),
                                                   Ticket.merged_into_id.is_(None))).all():
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



# --------------------------------------------------------------------------- statements


def _statement(session: Session, ident: str | int):
    from mediadesk.storage.stories import Statement

    text_id = str(ident).strip().upper().removeprefix("ST-")
    found = session.get(Statement, int(text_id)) if text_id.isdigit() and len(text_id) < 10 else None
    if found is None:
        raise NotFound(f"no statement {ident}")
    return found


def statement_add(engine: Engine, language: str, text: str, *, actor: str, title: str | None = None,
                  statement: str | None = None) -> str:
    """A new statement (``title``) with its first language version, or a further version of
    ``statement`` (replacing that language's text) while it is still a draft."""
    from mediadesk.storage.stories import Statement, StatementVersion

    language = language.strip().lower()
    if not language or len(language) > 8 or not text.strip():
        raise Conflict("a statement version needs a language code and some text")
    with session_scope(engine) as session:
        if statement is None:
            if not title or not title.strip():
                raise Conflict("a new statement needs --title")
            row = Statement(title=title.strip(), created_by=actor)
            session.add(row)
            session.flush()
        else:
            row = _statement(session, statement)
            if row.status != "draft":
                raise Conflict(f"statement {row.id} is {row.status}: its text can no longer change "
                               "(add a new statement)")
        version = session.exec(select(StatementVersion).where(StatementVersion.statement_id == row.id,
                                                              StatementVersion.language == language)).first()
        verb = "replaced" if version is not None else "added"
        version = version or StatementVersion(statement_id=row.id, language=language, body_text="")
        version.body_text, version.created_by, version.created_at = text.strip() + "\n", actor, utcnow()
        session.add(version)
        return f"statement {row.id}: {language} version {verb} ({row.status})"


def _statement_move(engine: Engine, ident: str, to: str, *, actor: str) -> str:
    from mediadesk.storage.statuses import statement_may
    from mediadesk.storage.stories import StatementVersion

    with session_scope(engine) as session:
        row = _statement(session, ident)
        if row.status == to:
            return f"statement {row.id} is already {to}"
        if not statement_may(row.status, to):
            raise Conflict(f"statement {row.id} is {row.status}: it cannot become {to}")
        if to == "approved" and not session.exec(select(StatementVersion.id)
                                                 .where(StatementVersion.statement_id == row.id)).first():
            raise Conflict(f"statement {row.id} has no text to approve")
        row.status = to
        if to == "approved":
            row.approved_by, row.approved_at = actor, utcnow()
        else:
            row.withdrawn_by, row.withdrawn_at = actor, utcnow()
        session.add(row)
        return f"statement {row.id}: {to} by {actor}"


def statement_approve(engine: Engine, ident: str, *, actor: str) -> str:
    return _statement_move(engine, ident, "approved", actor=actor)


def statement_withdraw(engine: Engine, ident: str, *, actor: str) -> str:
    """Withdrawn: no new reply carries it; replies not yet sent stay for a human to reject."""
    return _statement_move(engine, ident, "withdrawn", actor=actor)


def _statement_view(session: Session, row, *, full: bool) -> dict:
    from mediadesk.storage.stories import StatementVersion

    versions = session.exec(select(StatementVersion).where(StatementVersion.statement_id == row.id)
                            .order_by(StatementVersion.language)).all()
    replies = session.exec(select(Draft, Ticket).join(Ticket, Ticket.id == Draft.ticket_id)
                           .where(Draft.statement_id == row.id, Draft.kind == "reply").order_by(Draft.id)).all()
    view = {"id": row.id, "title": row.title, "status": row.status, "created_by": row.created_by,
            "created_at": row.created_at, "approved_by": row.approved_by, "approved_at": row.approved_at,
            "withdrawn_by": row.withdrawn_by, "withdrawn_at": row.withdrawn_at,
            "languages": [v.language for v in versions],
            "replies": {"total": len(replies), "sent": sum(d.status == SENT for d, _ in replies)}}
    if full:
        view["versions"] = [{"language": v.language, "text": v.body_text, "by": v.created_by, "at": v.created_at}
                            for v in versions]
        view["sent_to"] = [{"ref": t.ref, "to": d.to_email, "language": d.language, "status": d.status,
                            "approved_by": d.approved_by, "sent_at": d.sent_at} for d, t in replies]
    return view


def statement_list(engine: Engine) -> list[dict]:
    from mediadesk.storage.db import read_scope
    from mediadesk.storage.stories import Statement

    with read_scope(engine) as session:
        rows = session.exec(select(Statement).order_by(Statement.id.desc())).all()
        return [_statement_view(session, row, full=False) for row in rows]


def statement_detail(engine: Engine, ident: str) -> dict:
    """A statement, its versions, and the register of its replies (to whom, which language, when)."""
    from mediadesk.storage.db import read_scope

    with read_scope(engine) as session:
        return _statement_view(session, _statement(session, ident), full=True)


def story_answer(engine: Engine, story: str, statement: str, settings, *, actor: str) -> str:
    """One reply draft per open ticket of the story, each in its ticket's language from the
    statement's versions, addressed to its requester alone; pending, reviewed as any draft.
    Safe to repeat: a ticket that has a reply with this statement gets no second one."""
    from mediadesk.storage.statuses import OPEN_STATUSES as OPEN
    from mediadesk.storage.stories import StatementVersion, story_ref
    from mediadesk.worker.drafting import replies

    with session_scope(engine) as session:
        found = find_story(session, story)
        row = _statement(session, statement)
        if row.status != "approved":
            raise Conflict(f"statement {row.id} is {row.status}: only an approved statement is sent "
                           f"(`mediadesk statement approve {row.id}`)")
        versions = {v.language: v.body_text for v in session.exec(
            select(StatementVersion).where(StatementVersion.statement_id == row.id)).all()}
        answered = set(session.exec(select(Draft.ticket_id).where(Draft.kind == "reply",
                                                                   Draft.statement_id == row.id)).all())
        made: dict[str, int] = {}
        skipped: list[str] = []
        for t in _members(session, found.id):
            if t.id in answered:
                skipped.append(f"{t.ref} (has it already)")
                continue
            if t.status not in OPEN:
                skipped.append(f"{t.ref} ({t.status})")
                continue
            mailbox_settings = settings.for_mailbox_key(t.mailbox)
            reason = replies.why_not(t, mailbox_settings.our_addresses)
            if reason:
                skipped.append(f"{t.ref} ({reason})")
                continue
            choice = replies.version_for(versions, t.language, list(mailbox_settings.fallback_languages))
            latest = session.exec(select(Message).where(Message.ticket_id == t.id, Message.direction == "in")
                                  .order_by(Message.id.desc())).first()
            draft = replies.reply_draft(t, latest, row.id, choice, mailbox_settings)
            session.add(draft)
            workflow.record(session, t, "draft", actor=actor,
                            note=f"pending reply ({choice.language}, {choice.reason}) with statement {row.id} "
                                 f"to {draft.to_email}, for story {story_ref(found.id)}")
            made[choice.language] = made.get(choice.language, 0) + 1
        said = f"{story_ref(found.id)}: {sum(made.values())} reply drafts with statement {row.id}"
        if made:
            said += " (" + ", ".join(f"{lang} {n}" for lang, n in sorted(made.items())) + ")"
        if skipped:
            said += f"; none for {', '.join(skipped)}"
        return said


def story_pending_replies(engine: Engine, story: str) -> list[dict]:
    """The story's reply drafts waiting for approval: to whom, in which language."""
    from mediadesk.storage.db import read_scope

    with read_scope(engine) as session:
        found = find_story(session, story)
        rows = session.exec(select(Draft, Ticket).join(Ticket, Ticket.id == Draft.ticket_id)
                            .where(Ticket.story_id == found.id, Draft.kind == "reply", Draft.status == "pending")
                            .order_by(Draft.id)).all()
        return [{"ref": t.ref, "draft_id": d.id, "to": d.to_email, "language": d.language,
                 "statement_id": d.statement_id} for d, t in rows]


def approve_story(engine: Engine, story: str, draft_ids: list[int], *, actor: str) -> list[DraftAction]:
    """Approve together the story's pending replies the person was shown (``draft_ids``: a reply
    drafted since is not approved unseen). The caller enqueues those ``changed``."""
    from mediadesk.worker.drafting import approve_draft

    with session_scope(engine) as session:
        found = find_story(session, story)
        done = []
        rows = session.exec(select(Draft, Ticket).join(Ticket, Ticket.id == Draft.ticket_id)
                            .where(Draft.id.in_(draft_ids), Ticket.story_id == found.id, Draft.kind == "reply")
                            .order_by(Draft.id)).all()
        for draft, t in rows:
            changed = approve_draft(session, draft, actor)
            done.append(DraftAction(t.ref, draft.id, changed, draft.status, draft.sent_at))
        return done


__all__ = ["Conflict", "DraftAction", "NotFound", "SavedAttachment", "add_note", "approve", "approve_story",
           "assign", "categorise", "find_story", "merge", "reject", "reopen", "reprocess", "save_attachments",
           "set_status", "statement_add", "statement_approve", "statement_detail", "statement_list",
           "statement_withdraw", "story_answer", "story_detail", "story_list", "story_merge",
           "story_pending_replies", "story_remove", "story_split", "ticket", "ticket_attachments",
           "workers_answering"]
