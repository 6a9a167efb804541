"""The pipeline steps, each one transaction: ingest → triage → draft.

Celery tasks (tasks.py) and the in-process demo both call these functions, so every path
runs the same code. Each step is idempotent: running it twice does no harm.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

import structlog
from sqlalchemy import and_, func, or_, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from mediadesk.settings import Settings
from mediadesk.storage import repo, search
from mediadesk.storage.db import read_scope, session_scope
from mediadesk.storage.models import (PRIORITY_RANK, Attachment, Draft, InboundMessage, LabelledExample, Message,
                                      MessageReference, Ticket, utcnow)
from mediadesk.worker import thread, workflow
from mediadesk.worker.thread import MAX_REFS, TAG_RE
from mediadesk.worker.attachments import sanitise_filename, store_blob
from mediadesk.worker.forwards import Forwarded, as_original, find_forwarded
from mediadesk.worker.parsing import ParsedMessage, parse_message

log = structlog.get_logger("mediadesk.pipeline")

SYSTEM = "system"
THREADING_LOCK_KEY = 0x6D6564696164  # "mediad": the PostgreSQL advisory lock around threading
THREADING_LOCKED = "mediadesk_threading_locked"
NEW_TICKETS = "mediadesk_new_tickets"  # (transaction, {id: ticket}): created here, maybe not flushed
TICKET_IDS = "mediadesk_ticket_ids"  # (transaction, [ids]): drawn from the sequence, not used yet
TICKET_ID_HINT = "mediadesk_ticket_id_hint"  # how many new tickets the transaction expects


@dataclass(frozen=True)
class IngestResult:
    inbound_id: int
    ticket_id: int | None
    message_id: int | None
    new_ticket: bool = False
    duplicate: bool = False
    already_done: bool = False
    parsed: ParsedMessage | None = None
    objects: tuple[Ticket, Message] | None = dataclasses.field(default=None, repr=False, compare=False)
    role: str | None = None  # the sender's role on a ticket it joined (worker/thread.py)
    triage: bool = False  # the ticket is to be triaged and acknowledged from this message


# --------------------------------------------------------------------------- threading


class ThreadIndex:
    """What threading reads (``thread.Lookup``), for one transaction: which stored messages have
    these Message-IDs, which stored messages refer to them, and the tickets they are on with
    everyone in their conversations.

    Read for the whole batch in a few queries (after the threading lock is taken), then kept up
    to date as the batch adds messages, so that threading decides from memory and the batch's
    messages need not be flushed one by one. Earliest first, as stored: a message of this batch
    comes after everything stored before it, in the order the batch adds them.
    """

    _LATER = 1 << 62  # order of messages added in this transaction (no id yet)

    def __init__(self, session: Session, facts: list[thread.Facts]) -> None:
        self.session = session
        keys = sorted({k for f in facts for k in [f.message_id, *f.refs[:MAX_REFS]] if k})
        self.messages: dict[str, tuple[int, int, int | None]] = {}  # Message-ID → (order, ticket, row id)
        self.referrers: dict[str, list[tuple[int, int]]] = {}  # ref → [(order, ticket)] of messages naming it
        self._added = 0
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            for message_id, row_id, ticket_id in session.exec(
                    select(Message.message_id, Message.id, Message.ticket_id).where(Message.message_id.in_(chunk))):
                if message_id not in self.messages or row_id < self.messages[message_id][0]:
                    self.messages[message_id] = (row_id, ticket_id, row_id)
            for ref, row_id, ticket_id in session.exec(
                    select(MessageReference.ref, Message.id, Message.ticket_id)
                    .join(Message, MessageReference.message_id == Message.id)
                    .where(MessageReference.ref.in_(chunk))):
                self.referrers.setdefault(ref, []).append((row_id, ticket_id))
        for found in self.referrers.values():
            found.sort()
        ticket_ids = ({t for _, t, _ in self.messages.values()} | {t for v in self.referrers.values() for _, t in v}
                      | {t for f in facts for t in f.tags})
        # Held here, so threading finds them in the session's identity map (which holds only
        # weak references) instead of one query per reply.
        self.tickets: dict[int, Ticket] = {}
        self.views: dict[int, thread.TicketView] = {}
        self._load(ticket_ids)

    def _load(self, ticket_ids: set[int]) -> None:
        """Load tickets (and those they were merged into) with their conversations' addresses."""
        before = set(self.tickets)
        wanted = sorted(set(ticket_ids) - before)
        while wanted:
            for start in range(0, len(wanted), 500):
                for ticket in self.session.exec(select(Ticket).where(Ticket.id.in_(wanted[start:start + 500]))):
                    self.tickets[ticket.id] = ticket
            wanted = sorted({t.merged_into_id for t in self.tickets.values() if t.merged_into_id} - set(self.tickets))
        for ticket_id in sorted(set(self.tickets) - set(self.views)):
            target = self._resolve(ticket_id)
            if target is not None and target.id not in self.views:
                self.views[target.id] = thread.TicketView(target.id, (target.requester_email or "").lower())
        loaded = sorted(set(self.tickets) - before)
        for start in range(0, len(loaded), 500):
            for ticket_id, sender, to, cc in self.session.exec(
                    select(Message.ticket_id, Message.from_email, Message.to, Message.cc)
                    .where(Message.ticket_id.in_(loaded[start:start + 500]))):
                target = self._resolve(ticket_id)
                if target is not None:
                    view = self.views[target.id]
                    view.participants.update(thread.addresses_in(" ".join(filter(None, (sender, to, cc)))))

    def _resolve(self, ticket_id: int) -> Ticket | None:
        """Follow merges to the ticket that now holds the thread."""
        ticket, seen = self.tickets.get(ticket_id) or _new_tickets(self.session).get(ticket_id), set()
        while ticket is not None and ticket.merged_into_id and ticket.id not in seen:
            seen.add(ticket.id)
            target = self.tickets.get(ticket.merged_into_id)
            if target is None:
                break
            ticket = target
        return ticket

    # thread.Lookup
    def tickets_of(self, message_ids) -> list[int]:
        return [self.messages[m][1] for m in message_ids if m in self.messages]

    def referrer_tickets(self, keys) -> list[int]:
        found = sorted(hit for k in dict.fromkeys(keys) for hit in self.referrers.get(k, ()))
        return [ticket_id for _, ticket_id in found]

    def view(self, ticket_id: int) -> thread.TicketView | None:
        if ticket_id not in self.tickets and ticket_id not in _new_tickets(self.session):
            self._load({ticket_id})
        target = self._resolve(ticket_id)
        return self.views.get(target.id) if target is not None else None

    def ticket(self, ticket_id: int) -> Ticket | None:
        return self._resolve(ticket_id)

    def first_message(self, message_ids: list[str]) -> tuple[int | None, int] | None:
        """(row id, ticket) of the earliest message with one of these Message-IDs."""
        found = [self.messages[m] for m in message_ids if m in self.messages]
        if not found:
            return None
        _, ticket_id, row_id = min(found)
        return row_id, ticket_id

    def add(self, facts: thread.Facts, ticket: Ticket) -> None:
        """A message of this batch is now on ``ticket``."""
        self._added += 1
        order = self._LATER + self._added
        if facts.message_id:
            self.messages.setdefault(facts.message_id, (order, ticket.id, None))
        for ref in facts.refs[:MAX_REFS]:
            self.referrers.setdefault(ref, []).append((order, ticket.id))
        self.tickets.setdefault(ticket.id, ticket)
        view = self.views.setdefault(ticket.id, thread.TicketView(ticket.id, (ticket.requester_email or "").lower()))
        view.participants.update(a for a in (facts.sender, *facts.recipients) if a)


def _references(parsed: ParsedMessage | None) -> list[str]:
    if parsed is None:
        return []
    return list(dict.fromkeys(r for r in [parsed.in_reply_to, *parsed.references] if r))[:MAX_REFS]


def _tags(subject: str | None) -> list[int]:
    return [t for t in (repo.parse_ref(tag) for tag in TAG_RE.findall(subject or "")) if t is not None]


def thread_policy(settings: Settings) -> thread.Policy:
    return thread.Policy(tuple(settings.internal_domains), frozenset(settings.our_addresses))


def find_thread(session: Session, parsed: ParsedMessage, settings: Settings,
                index: ThreadIndex | None = None) -> tuple[Ticket | None, thread.Decision]:
    """The existing ticket this message continues (or None), and threading's decision (see
    ``worker/thread.py`` for the rules)."""
    facts = thread.facts_of(parsed, tags=_tags(parsed.subject))
    index = index or ThreadIndex(session, [facts])
    decision = thread.decide(facts, index, thread_policy(settings))
    return (index.ticket(decision.ticket_id) if decision.ticket_id is not None else None), decision


def _new_tickets(session: Session) -> dict[int, Ticket]:
    """Tickets created in the current transaction, by id."""
    owner, tickets = session.info.get(NEW_TICKETS, (None, None))
    if owner is not session.get_transaction():
        tickets = {}
        session.info[NEW_TICKETS] = (session.get_transaction(), tickets)
    return tickets


def _next_ticket_id(session: Session) -> int:
    """The id for a new ticket, known before its row is written: the ticket's reference, the
    draft's subject and Message-ID and the audit trail all name it, and a batch writes all
    its rows in one flush. PostgreSQL draws from the id sequence, as many at once as the batch
    expects new tickets (``TICKET_ID_HINT``; an id drawn and not used is a gap, as after any
    rollback); SQLite counts on from the highest id, safe because this transaction holds the
    write lock (BEGIN IMMEDIATE) and every ticket in it is created here."""
    if session.get_bind().dialect.name == "postgresql":
        owner, pool = session.info.get(TICKET_IDS, (None, None))
        if owner is not session.get_transaction() or not pool:
            wanted = max(1, session.info.pop(TICKET_ID_HINT, 1))
            pool = list(session.execute(text("SELECT nextval(pg_get_serial_sequence('ticket', 'id')) "
                                             "FROM generate_series(1, :n)"), {"n": wanted}).scalars())
            session.info[TICKET_IDS] = (session.get_transaction(), pool)
        return pool.pop(0)
    tickets = _new_tickets(session)
    if tickets:
        return max(tickets) + 1
    return (session.execute(select(func.max(Ticket.id))).scalar() or 0) + 1


def _serialise_threading(session: Session) -> None:
    """One threading decision at a time, so that two messages of one thread ingested at once
    cannot both open a ticket. SQLite already serialises writers (BEGIN IMMEDIATE);
    PostgreSQL takes a transaction-scoped advisory lock, released at commit."""
    if session.info.get(THREADING_LOCKED) is session.get_transaction():
        return  # taken already in this transaction (a batch): held until commit
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": THREADING_LOCK_KEY})
    session.info[THREADING_LOCKED] = session.get_transaction()


def _save_attachments(session: Session, message: Message, parsed: ParsedMessage, settings: Settings) -> None:
    for att in parsed.attachments:
        name = sanitise_filename(att.filename, default=f"attachment-{len(att.data)}")
        row = Attachment(message_id=message.id, filename=name, content_type=att.content_type[:255], size=len(att.data))
        if len(att.data) > settings.max_attachment_bytes:
            row.skipped_reason = (f"{len(att.data)} bytes is over the limit of {settings.max_attachment_bytes} "
                                  "(MEDIADESK_MAX_ATTACHMENT_BYTES); not stored")
        else:
            row.sha256, path = store_blob(settings.attachments_dir, att.data)
            row.stored_path = str(path)
        session.add(row)


def _new_ticket(session: Session, parsed: ParsedMessage | None, inbound: InboundMessage, *,
                requester: tuple[str | None, str | None] | None = None) -> Ticket:
    """A new ticket; ``requester``: (address, name) when it is not the message's sender (a
    forwarded inquiry, or the team answering mail not seen yet)."""
    now = utcnow()
    ticket_id = _next_ticket_id(session)
    email, name = requester or ((parsed.from_email, parsed.from_name) if parsed else (None, None))
    ticket = Ticket(
        id=ticket_id, ref=f"{repo.REF_PREFIX}-{ticket_id}",
        mailbox=inbound.mailbox,
        requester_email=email,
        requester_name=name,
        subject=(parsed.subject if parsed else "") or "(no subject)",
        status="new", created_at=now, updated_at=now, last_message_at=now,
    )
    session.add(ticket)
    _new_tickets(session)[ticket.id] = ticket
    return ticket


@dataclass
class Prepared:
    """An inbound message read and parsed outside any lock, ready for the write transaction."""

    inbound_id: int
    parsed: ParsedMessage | None
    review: list[str]
    mailbox: str = ""
    decision: object | None = None  # triage computed ahead, for a message that starts a thread
    # A colleague's forward: the original inquiry (its sender is the requester, its words are triaged).
    forwarded: Forwarded | None = None

    @property
    def inquiry(self) -> ParsedMessage | None:
        """The message as triage and the acknowledgement see it: the original of a forward."""
        if self.forwarded is not None and self.parsed is not None:
            return as_original(self.parsed, self.forwarded)
        return self.parsed


def _parse(raw: bytes) -> tuple[ParsedMessage | None, list[str]]:
    try:
        return parse_message(raw), []
    except Exception as exc:  # the parser is tolerant; this is the last resort, raw bytes are kept
        return None, [f"could not be parsed: {type(exc).__name__}: {exc}"]


def _forwarded(parsed: ParsedMessage | None, policy: thread.Policy) -> Forwarded | None:
    """The original inquiry inside a forward from the office's own domains (never from outside:
    a stranger cannot make a ticket belong to someone else)."""
    if parsed is None or not policy.internal_domains or not policy.is_internal(parsed.from_email):
        return None
    if thread.forged(parsed.headers.get("authentication-results")):
        return None
    found = find_forwarded(parsed)
    if found is None or policy.is_internal(found.from_email):
        return None
    return found


def prepare(engine: Engine, inbound_ids: list[int], settings: Settings | None = None
            ) -> tuple[list[Prepared], list[IngestResult]]:
    """Read and parse pending messages without taking the write lock (parsing is the CPU work).

    Returns what still needs ingesting, and results for messages already done.
    """
    with read_scope(engine) as session:
        rows = session.exec(select(InboundMessage.id, InboundMessage.state, InboundMessage.ticket_id, InboundMessage.raw,
                                   InboundMessage.mailbox).where(InboundMessage.id.in_(inbound_ids))).all()
    found = {row[0]: row for row in rows}
    missing = [i for i in inbound_ids if i not in found]
    if missing:
        raise LookupError(f"inbound message {missing[0]} does not exist")
    policy = thread_policy(settings) if settings is not None else thread.Policy()
    todo, done = [], []
    for inbound_id in dict.fromkeys(inbound_ids):
        _, state, ticket_id, raw, mailbox = found[inbound_id]
        if state == "done":
            done.append(IngestResult(inbound_id, ticket_id, None, already_done=True))
            continue
        parsed, review = _parse(raw)
        todo.append(Prepared(inbound_id, parsed, review, mailbox, forwarded=_forwarded(parsed, policy)))
    return todo, done


def starts_a_thread(parsed: ParsedMessage | None) -> bool:
    """No In-Reply-To, References or ticket tag: almost surely a new ticket (worth triaging
    before the write lock; a guess the locked step checks)."""
    return parsed is not None and not parsed.in_reply_to and not parsed.references and not TAG_RE.search(parsed.subject or "")


PENDING_CHILDREN = "mediadesk_pending_children"


def _write_children(session: Session, settings: Settings) -> None:
    """Reference rows and attachments of the messages ingested in this transaction: they need
    the messages' ids, so the messages are flushed once here rather than one at a time."""
    session.flush()  # also before the bulk writes that follow (events, search) name the tickets
    pending = session.info.pop(PENDING_CHILDREN, [])
    for message, parsed in pending:
        for ref in _references(parsed):
            session.add(MessageReference(message_id=message.id, ref=ref[:998]))
        _save_attachments(session, message, parsed, settings)


def _defer_bulk_writes(session: Session) -> None:
    """Collect audit events and search documents for ``_write_deferred`` to write in bulk."""
    session.info[workflow.DEFERRED_EVENTS], session.info[search.DEFERRED] = [], []


def _write_deferred(session: Session, settings: Settings) -> None:
    """Write what the transaction collected: its rows (flushed once: new tickets first, as the
    models' relationships order them), then references and attachments, search documents and
    events, which name the tickets and messages."""
    _write_children(session, settings)
    search.write_deferred(session)
    workflow.write_deferred_events(session)
    session.flush()


def _lock_inbound(session: Session, inbound_ids: list[int]) -> dict[int, InboundMessage]:
    """Lock and load inbound rows without their raw bytes (already read and parsed)."""
    rows = session.exec(select(InboundMessage).options(defer(InboundMessage.raw))
                        .where(InboundMessage.id.in_(inbound_ids)).with_for_update()).all()
    return {row.id: row for row in rows}


def _thread_facts(prep: Prepared) -> thread.Facts:
    """What threading reads: of the original, for a forward (whose Message-ID, when the forward
    carries it, may already be on a ticket)."""
    parsed = prep.parsed
    if prep.forwarded is not None:
        original = prep.forwarded
        return thread.Facts(message_id=original.message_id, refs=(original.message_id,) if original.message_id else (),
                            sender=original.from_email, tags=tuple(_tags(original.subject)))
    return thread.facts_of(parsed, tags=_tags(parsed.subject))


def _record_team_reply(session: Session, ticket: Ticket, sender: str, decision: thread.Decision) -> None:
    """The office answered the requester directly (a spokesperson's "reply all" with the media
    address in CC): a human answer. The ticket waits for the requester; a pending
    acknowledgement is withdrawn (it would arrive after the answer)."""
    now = utcnow()
    workflow.record(session, ticket, "team_reply", actor=sender,
                    note=f"answered by {sender} directly; recorded as the team's reply ({decision.reasons[0]})")
    if ticket.acknowledged_at is None:
        ticket.acknowledged_at = now
    if ticket.status in ("triaged", "acknowledged", "in_progress"):
        workflow.transition(session, ticket, "waiting", actor=sender, note="the team answered")
    session.flush()  # a draft created earlier in this batch
    pending = session.exec(select(Draft).where(Draft.ticket_id == ticket.id, Draft.status == "pending")).first()
    if pending is not None:
        pending.status = "rejected"
        session.add(pending)
        workflow.record(session, ticket, "draft", actor=SYSTEM,
                        note=f"acknowledgement withdrawn: {sender} answered directly")


def _adopt(session: Session, ticket: Ticket, parsed: ParsedMessage, decision: thread.Decision) -> bool:
    """The message that began a ticket's conversation arrived after a reply to it (parallel
    workers, a sweep): its sender becomes the requester. An acknowledgement still pending for
    the reply's sender is dropped, to be drafted for the requester; returns True if so."""
    previous = ticket.requester_email
    ticket.requester_email, ticket.requester_name = parsed.from_email, parsed.from_name
    workflow.record(session, ticket, "requester", actor=SYSTEM,
                    note=f"{parsed.from_email} began this conversation ({previous} answered it): the requester")
    session.flush()  # a draft created earlier in this batch
    pending = session.exec(select(Draft).where(Draft.ticket_id == ticket.id, Draft.status == "pending")).first()
    if pending is None:
        return False
    workflow.record(session, ticket, "draft", actor=SYSTEM,
                    note=f"pending acknowledgement to {pending.to_email} dropped: the requester is {parsed.from_email}")
    session.delete(pending)
    session.flush()
    return True


def _ingest_locked(session: Session, prep: Prepared, settings: Settings, inbound: InboundMessage | None = None,
                   index: ThreadIndex | None = None) -> IngestResult:
    """The write half of ingest, inside the caller's transaction (``inbound``: already locked).

    The message row is flushed later (``_write_children``, or the next query that needs it);
    ``objects`` carries it, and the caller fills in ``message_id`` after the flush.
    """
    inbound_id, parsed, review = prep.inbound_id, prep.parsed, list(prep.review)
    if inbound is None:
        inbound = _lock_inbound(session, [inbound_id]).get(inbound_id)
    if inbound is None:
        raise LookupError(f"inbound message {inbound_id} does not exist")
    if inbound.state == "done":  # another worker got there first
        return IngestResult(inbound_id, inbound.ticket_id, None, already_done=True)
    if inbound.truncated:
        review.append(inbound.error or "message truncated")
    if parsed is not None and not parsed.from_email:
        review.append("no usable sender address")

    _serialise_threading(session)
    facts = _thread_facts(prep) if parsed is not None else None
    index = index or ThreadIndex(session, [facts] if facts else [])
    if parsed is not None and parsed.message_id:
        earlier = index.first_message([parsed.message_id])
        if earlier is not None:
            # The same message again (another copy, or our own reply echoed back).
            earlier_id, earlier_ticket = earlier
            inbound.state, inbound.processed_at, inbound.ticket_id = "done", utcnow(), earlier_ticket
            session.add(inbound)
            return IngestResult(inbound_id, earlier_ticket, earlier_id, duplicate=True)

    policy = thread_policy(settings)
    if facts is not None and facts.forged and policy.is_internal(facts.sender):
        review.append(f"claims to come from the office ({facts.sender}) but failed authentication (SPF/DKIM/DMARC)")
    decision = thread.decide(facts, index, policy) if facts is not None else thread.Decision(None)
    ticket = index.ticket(decision.ticket_id) if decision.ticket_id is not None else None
    new_ticket = ticket is None
    redraft = False
    forwarded = prep.forwarded
    team = decision.role == thread.TEAM
    sender = (parsed.from_email or "").lower() if parsed else ""
    if new_ticket:
        requester = None
        if forwarded is not None:
            requester = (forwarded.from_email, forwarded.from_name)
        elif team and decision.requester:
            requester = (decision.requester, None)
        ticket = _new_ticket(session, prep.inquiry, inbound, requester=requester)
        ticket.related_ticket_id = decision.related_to
        note = f"from inbound #{inbound.id} ({inbound.source})"
        if decision.related_to:
            note += f"; related to MR-{decision.related_to}: {decision.reasons[0]}"
        workflow.record(session, ticket, "created", actor=SYSTEM, note=note)
    else:
        ticket.last_message_at = ticket.updated_at = utcnow()
        if decision.starts_conversation and forwarded is None and not policy.is_internal(ticket.requester_email):
            redraft = _adopt(session, ticket, parsed, decision)
        if not team and forwarded is None and ticket.status in ("resolved", "closed"):
            who = "the requester" if decision.role == thread.REQUESTER else f"{sender} ({decision.role})"
            workflow.transition(session, ticket, "in_progress", actor=SYSTEM, note=f"reopened: {who} wrote again")
    for other_id in decision.answered_by:  # replies from outside this conversation came first
        other = index.ticket(other_id)
        if other is not None and other.id != ticket.id and other.related_ticket_id is None:
            other.related_ticket_id = ticket.id
            session.add(other)
    if forwarded is not None:
        review.append(f"forwarded by {sender}: the acknowledgement goes to {forwarded.from_email}")
        workflow.record(session, ticket, "forwarded", actor=sender or SYSTEM,
                        note=f"forwarded by {sender} ({forwarded.how}); the inquiry is {forwarded.from_email}'s")
    if review:
        ticket.needs_review = True
        ticket.review_reason = "; ".join(filter(None, [ticket.review_reason, *review]))[:2000]
    session.add(ticket)

    fields = {}
    if parsed is not None:
        # All at construction: a model sets every field there, so setting one afterwards pays twice.
        fields = dict(
            in_reply_to=parsed.in_reply_to, references=" ".join(parsed.references) or None,
            from_email=parsed.from_email, from_name=parsed.from_name, reply_to=parsed.reply_to,
            to=", ".join(parsed.to) or None, cc=", ".join(parsed.cc) or None,
            subject=parsed.subject, date=parsed.date, body_text=parsed.text,
            headers=json.dumps(parsed.headers, ensure_ascii=False),
            defects=json.dumps(list(parsed.defects)) if parsed.defects else None,
        )
    message = Message(ticket_id=ticket.id, inbound_id=inbound.id, direction="out" if team else "in",
                      message_id=(parsed.message_id if parsed else None) or inbound.message_id, **fields)
    session.add(message)
    if parsed is not None:
        threaded = parsed
        if forwarded is not None and forwarded.message_id:
            # The forward refers to the original: a follow-up to the original finds this ticket.
            threaded = dataclasses.replace(parsed, references=(*parsed.references, forwarded.message_id))
        index.add(dataclasses.replace(thread.facts_of(threaded), message_id=message.message_id), ticket)
        session.info.setdefault(PENDING_CHILDREN, []).append((message, threaded))
    if team and not new_ticket:
        _record_team_reply(session, ticket, sender, decision)
    elif team:
        ticket.acknowledged_at = utcnow()  # answered by a human; triaged when the requester's mail arrives
        workflow.record(session, ticket, "team_reply", actor=sender,
                        note=f"answered by {sender}; {decision.reasons[-1]}")
    search.index_later(session, message)
    inbound.state, inbound.processed_at, inbound.ticket_id = "done", utcnow(), ticket.id
    inbound.error = inbound.error if inbound.truncated else None
    session.add(inbound)
    structlog.contextvars.bind_contextvars(ticket_id=ticket.id, ticket=ticket.ref)
    log.info("ingested", inbound_id=inbound.id, ticket=ticket.ref, new_ticket=new_ticket, role=decision.role)
    # Triage: a new inquiry; or the first mail of a requester whose ticket the team opened.
    triage_now = (new_ticket and not team) or redraft or (
        not new_ticket and decision.role == thread.REQUESTER and ticket.triaged_at is None and ticket.status == "new")
    return IngestResult(inbound_id, ticket.id, None, new_ticket=new_ticket, parsed=parsed, objects=(ticket, message),
                        role=decision.role, triage=triage_now)


def _with_message_ids(results: list[IngestResult]) -> list[IngestResult]:
    return [dataclasses.replace(r, message_id=r.objects[1].id) if r.objects and r.message_id is None else r
            for r in results]


def ingest(engine: Engine, inbound_id: int, settings: Settings) -> IngestResult:
    """Turn a stored inbound message into a message on a new or existing ticket."""
    todo, done = prepare(engine, [inbound_id], settings)
    if done:
        return done[0]
    with session_scope(engine) as session:
        _defer_bulk_writes(session)
        result = _ingest_locked(session, todo[0], settings)
        _write_deferred(session, settings)
        return _with_message_ids([result])[0]


def record_failure(engine: Engine, inbound_id: int, error: BaseException, max_attempts: int) -> bool:
    """Count a failed attempt; park the message once attempts run out. Returns True if parked."""
    with session_scope(engine) as session:
        inbound = session.get(InboundMessage, inbound_id)
        if inbound is None or inbound.state == "done":
            return False
        inbound.attempts += 1
        inbound.error = f"{type(error).__name__}: {error}"[:4000]
        if inbound.attempts >= max_attempts:
            inbound.state = "parked"
        session.add(inbound)
        parked = inbound.state == "parked"
    log.warning("ingest_failed", inbound_id=inbound_id, error=str(error)[:200], parked=parked)
    return parked


def redrive(engine: Engine, inbound_ids: list[int]) -> list[int]:
    """Put parked messages back in line (attempts reset); returns the ids re-driven."""
    with session_scope(engine) as session:
        rows = session.exec(select(InboundMessage).where(InboundMessage.id.in_(inbound_ids),
                                                         InboundMessage.state == "parked")).all()
        for row in rows:
            row.state, row.attempts = "pending", 0
            session.add(row)
        return [row.id for row in rows]


# --------------------------------------------------------------------------- triage and draft


def sla_due(created: datetime, priority: str, deadline: datetime | None, settings: Settings) -> tuple[datetime, datetime]:
    """First-response and resolution due times; a stated deadline tightens both."""
    hours = settings.sla_hours.get(priority) or settings.sla_hours.get("normal") or {}
    first = created + timedelta(hours=float(hours.get("first_response", 24)))
    resolution = created + timedelta(hours=float(hours.get("resolution", 120)))
    if deadline is not None:
        first, resolution = min(first, deadline), min(resolution, deadline)
    return first, resolution


def first_inbound(session: Session, ticket: Ticket) -> tuple[Message | None, InboundMessage | None]:
    message = session.exec(
        select(Message).where(Message.ticket_id == ticket.id, Message.direction == "in").order_by(Message.id)
    ).first()
    inbound = session.get(InboundMessage, message.inbound_id) if message and message.inbound_id else None
    return message, inbound


def apply_triage(session: Session, ticket: Ticket, decision, settings: Settings, *, actor: str = SYSTEM) -> None:
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
    workflow.record(session, ticket, "triage", actor=actor, note=summary)
    target = "ignored" if decision.category in ("automated", "spam") else "triaged"
    if ticket.status == "new":
        workflow.transition(session, ticket, target, actor=actor, note="by triage")


def triage_model(settings: Settings, model=None):
    """``model``, else the one trained from the team's corrections (None when there is none)."""
    if model is not None:
        return model
    from mediadesk.worker.triage.learning import default_model

    return default_model(settings)


def decide(parsed: ParsedMessage | None, settings: Settings, model=None):
    """The triage decision for a parsed message (pure CPU: call it outside the write lock).

    ``model``: from ``triage_model``, resolved once by the caller for a whole batch.
    """
    if parsed is None:
        return None
    from mediadesk.worker.triage import triage

    return triage(parsed, settings=settings, model=model)


def _triage_locked(session: Session, ticket_id: int, decision, parsed: ParsedMessage | None, settings: Settings,
                   limiter=None, *, fresh: tuple[Ticket, Message] | None = None) -> int | None:
    """The write half of triage and drafting, inside the caller's transaction.

    ``fresh``: the ticket and its message, created in this same transaction (the batch path):
    nobody else can have locked, labelled or answered it, so those lookups are skipped.
    """
    from mediadesk.worker.drafting import create_draft, maybe_auto_approve

    if fresh is not None:
        ticket, message = fresh
        corrected = None
    else:
        ticket = session.exec(select(Ticket).where(Ticket.id == ticket_id).with_for_update()).first()
        if ticket is None:
            raise LookupError(f"ticket {ticket_id} does not exist")
        message, _ = first_inbound(session, ticket)
        corrected = session.exec(select(LabelledExample.category).where(LabelledExample.ticket_id == ticket.id)
                                 .order_by(LabelledExample.id.desc())).first()
    if decision is not None and corrected and corrected != decision.category:
        # A human's correction outranks a re-run of the rules.
        decision = dataclasses.replace(decision, category=corrected, confidence=1.0,
                                       explanation=[*decision.explanation, f"category {corrected}: set by the press team"])
    if decision is None:
        # Nothing readable: leave it for a human; no acknowledgement to the unknown.
        ticket.triaged_at = utcnow()
        workflow.record(session, ticket, "triage", actor=SYSTEM, note="skipped: message could not be parsed")
        session.add(ticket)
        return None
    apply_triage(session, ticket, decision, settings)
    log.info("triaged", ticket_id=ticket.id, category=decision.category, language=decision.language,
             priority=decision.priority, automated=decision.automated_kind)
    settings = settings.for_mailbox_key(ticket.mailbox)  # its address, signature, language
    draft, _reason = create_draft(session, ticket, message, parsed, settings, limiter, fresh=fresh is not None)
    log.info("drafted" if draft is not None else "not_drafted", ticket_id=ticket.id, reason=_reason)
    if draft is None or not settings.auto_send_categories:
        return None
    session.flush()
    approved, _why = maybe_auto_approve(session, ticket, draft, settings, parsed=parsed, message=message)
    return draft.id if approved else None


def triage_and_draft(engine: Engine, ticket_id: int, settings: Settings, *, parsed: ParsedMessage | None = None,
                     limiter=None, model=None) -> int | None:
    """Triage a ticket from its first message and draft its acknowledgement.

    Returns the id of a draft approved by the auto-send policy (for the caller to enqueue
    after commit), else None.
    """
    # Read and triage outside any lock (triage is pure CPU work); then one short write.
    if parsed is None:
        with read_scope(engine) as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None:
                raise LookupError(f"ticket {ticket_id} does not exist")
            _, inbound = first_inbound(session, ticket)
            raw = inbound.raw if inbound is not None else None
        if raw is not None:
            parsed, _ = _parse(raw)
    decision = decide(parsed, settings, triage_model(settings, model))
    with session_scope(engine) as session:
        return _triage_locked(session, ticket_id, decision, parsed, settings, limiter)


def process_batch(engine: Engine, inbound_ids: list[int], settings: Settings, *, limiter=None, model=None,
                  enqueue_send: Callable[[int], None] | None = None) -> list[IngestResult]:
    """Ingest a batch of stored messages, triage and draft each new ticket: ONE transaction.

    Parsing, and triage of the messages that start a thread, run first with no lock held;
    the write lock is then taken once for the batch instead of twice per message. Drafts
    approved by the auto-send policy are handed to ``enqueue_send`` after the commit.
    """
    todo, results = prepare(engine, inbound_ids, settings)
    model = triage_model(settings, model)
    for prep in todo:
        if starts_a_thread(prep.inquiry):
            prep.decision = decide(prep.inquiry, settings, model)
    approved: list[int] = []
    reservations = _reserve_acks(todo, settings, limiter)
    try:
        _write_batch(engine, todo, results, approved, settings, reservations or limiter, model)
    except BaseException:
        if reservations is not None:
            reservations.release(used_too=True)  # nothing was drafted
        raise
    if reservations is not None:
        reservations.release()
    results = _with_message_ids(results)
    if enqueue_send is not None:
        for draft_id in approved:
            enqueue_send(draft_id)
    return results


def _reserve_acks(todo: list[Prepared], settings: Settings, limiter):
    """Count the acknowledgements the batch's new tickets will get, in one round trip to Redis
    before the write transaction (not one per draft inside it). None when there is no Redis
    limiter, or Redis fails: drafting then asks the limiter, or counts in the database."""
    if limiter is None or settings.ack_rate_limit <= 0:
        return None
    from mediadesk.worker.drafting import ack_recipient

    senders = [r for prep in todo if prep.decision is not None
               and (r := ack_recipient(prep.inquiry, prep.decision, settings.for_mailbox_key(prep.mailbox)))]
    if not senders:
        return None
    try:
        return limiter.reserve(senders)
    except Exception as exc:
        log.warning("ack_reservation_failed", error=str(exc)[:200])
        return None


def _write_batch(engine: Engine, todo: list[Prepared], results: list[IngestResult], approved: list[int],
                 settings: Settings, limiter, model) -> None:
    """The write transaction of ``process_batch``: appends to ``results`` and ``approved``."""
    if todo:
        with session_scope(engine) as session, session.no_autoflush:
            # Flushed where an id is needed (ticket, message) and at commit, not before every
            # query; audit events and search documents are written in bulk at the end.
            _defer_bulk_writes(session)
            session.info[TICKET_ID_HINT] = sum(prep.decision is not None for prep in todo)
            locked = _lock_inbound(session, [prep.inbound_id for prep in todo])
            _serialise_threading(session)
            index = ThreadIndex(session, [_thread_facts(prep) for prep in todo if prep.parsed is not None])
            for prep in todo:
                result = _ingest_locked(session, prep, settings, locked.get(prep.inbound_id), index)
                results.append(result)
                if not result.triage or result.ticket_id is None:
                    continue
                inquiry = prep.inquiry
                decision = prep.decision
                if decision is None and inquiry is not None:  # a reply to a message we never saw
                    decision = decide(inquiry, settings, model)
                if result.new_ticket:
                    draft_id = _triage_locked(session, result.ticket_id, decision, inquiry, settings, limiter,
                                              fresh=result.objects)
                else:  # a ticket opened by a reply: the checks that it was answered apply
                    session.flush()
                    draft_id = _triage_locked(session, result.ticket_id, decision, inquiry, settings, limiter)
                    ticket = result.objects[0]
                    if ticket.acknowledged_at is not None and ticket.status == "triaged":
                        workflow.transition(session, ticket, "waiting", actor=SYSTEM, note="the team answered already")
                if draft_id is not None:
                    approved.append(draft_id)
            _write_deferred(session, settings)


def process_inbound(engine: Engine, inbound_id: int, settings: Settings, *, limiter=None, model=None,
                    enqueue_send: Callable[[int], None] | None = None) -> IngestResult:
    """ingest, then (for a new ticket) triage and draft; auto-sent drafts are handed on."""
    return process_batch(engine, [inbound_id], settings, limiter=limiter, model=model, enqueue_send=enqueue_send)[0]


WARM_UP_MESSAGE = (b"From: warm@up.invalid\r\nSubject: Interview request\r\nDate: Mon, 23 Nov 2026 10:00:00 +0300\r\n"
                   b"\r\nCould your spokesperson speak to us before Thursday 5pm? Merci.\r\n")


def warm_up(settings: Settings) -> None:
    """Triage one small message so that models and parsers are loaded before real mail."""
    from mediadesk.worker import triage

    triage.warm_up(settings)
    triage.triage(parse_message(WARM_UP_MESSAGE), settings=settings)


# --------------------------------------------------------------------------- sweeps


def stale_work(engine: Engine, settings: Settings, *, now: datetime | None = None) -> tuple[list[int], list[int]]:
    """Inbound messages still pending and tickets never triaged, older than the grace period.

    The outbox sweep re-enqueues these, so a crash between commit and enqueue loses nothing.
    """
    cutoff = (now or utcnow()) - timedelta(seconds=settings.sweep_grace_seconds)
    with session_scope(engine) as session:
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


__all__ = ["IngestResult", "ingest", "process_inbound", "process_batch", "prepare", "decide", "triage_and_draft", "stale_work", "mark_overdue",
           "record_failure", "redrive", "find_thread", "apply_triage", "sla_due"]
