"""Step 2, thread: put each message on the ticket whose conversation it continues, or on a new one.

The decision is ``worker/thread.py``'s (a pure function: which ticket, in what role, and why);
this step reads what it needs (``ThreadIndex``, one set of queries per batch), applies the
decision and records it. Only conversations that meet are serialised: PostgreSQL takes a
transaction-scoped advisory lock per conversation key (the Message-IDs a batch's messages carry
and name) in one sorted order, so batches of unrelated mail proceed side by side; SQLite has one
writer at a time anyway (BEGIN IMMEDIATE).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

import structlog
from sqlalchemy import text
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from mediadesk.storage import repo
from mediadesk.storage.models import Draft, InboundMessage, Message, MessageReference, Ticket, utcnow
from mediadesk.worker import thread as core
from mediadesk.worker import workflow
from mediadesk.worker.batch import Batch, IngestResult, Item
from mediadesk.worker.parsing import ParsedMessage, minted_message_id

log = structlog.get_logger("mediadesk.thread")

SYSTEM = "system"
GLOBAL_LOCK_KEY = 0x6D6564696164  # "mediad": every conversation at once, when a batch names too many
MAX_LOCK_KEYS = 256  # advisory locks per transaction before one global lock is cheaper


def lock_key(conversation_key: str) -> int:
    """A stable signed 64-bit advisory-lock key for a Message-ID."""
    return int.from_bytes(hashlib.blake2b(conversation_key.encode(), digest_size=8).digest(), "big", signed=True)


def lock_conversations(session: Session, facts: list[core.Facts]) -> None:
    """Serialise threading where conversations meet: two messages that share a Message-ID key
    (one answers the other, or both answer the same parent) are never threaded at once, so they
    cannot both open a ticket. Every decision rule reads only tickets reached through such keys
    (a tag names a ticket that exists already). Keys are locked in one order: no deadlock."""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = sorted({lock_key(k) for f in facts for k in (f.message_id, *f.refs[:core.MAX_REFS]) if k})
    if len(keys) > MAX_LOCK_KEYS:
        keys = [GLOBAL_LOCK_KEY]
    if keys:
        session.execute(text("SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest(CAST(:keys AS bigint[])) AS k "
                             "ORDER BY 1) AS ordered"), {"keys": keys})


class ThreadIndex:
    """What threading reads (``core.Lookup``), for one transaction: which stored messages have
    these Message-IDs, which stored messages refer to them, and the tickets they are on with
    everyone in their conversations.

    Read for the whole batch in a few queries (after the threading lock is taken), then kept up
    to date as the batch adds messages, so that threading decides from memory and the batch's
    messages need not be flushed one by one. Earliest first, as stored: a message of this batch
    comes after everything stored before it, in the order the batch adds them.
    """

    _LATER = 1 << 62  # order of messages added in this transaction (no id yet)

    def __init__(self, session: Session, facts: list[core.Facts], new_tickets: dict[int, Ticket]) -> None:
        self.session = session
        self.new_tickets = new_tickets  # the batch's, maybe not flushed
        keys = sorted({k for f in facts for k in [f.message_id, *f.refs[:core.MAX_REFS]] if k})
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
        self.views: dict[int, core.TicketView] = {}
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
                self.views[target.id] = core.TicketView(target.id, (target.requester_email or "").lower())
        loaded = sorted(set(self.tickets) - before)
        for start in range(0, len(loaded), 500):
            for ticket_id, sender, to, cc in self.session.exec(
                    select(Message.ticket_id, Message.from_email, Message.to, Message.cc)
                    .where(Message.ticket_id.in_(loaded[start:start + 500]))):
                target = self._resolve(ticket_id)
                if target is not None:
                    view = self.views[target.id]
                    view.participants.update(core.addresses_in(" ".join(filter(None, (sender, to, cc)))))

    def _resolve(self, ticket_id: int) -> Ticket | None:
        """Follow merges to the ticket that now holds the core."""
        ticket, seen = self.tickets.get(ticket_id) or self.new_tickets.get(ticket_id), set()
        while ticket is not None and ticket.merged_into_id and ticket.id not in seen:
            seen.add(ticket.id)
            target = self.tickets.get(ticket.merged_into_id)
            if target is None:
                break
            ticket = target
        return ticket

    # core.Lookup
    def tickets_of(self, message_ids) -> list[int]:
        return [self.messages[m][1] for m in message_ids if m in self.messages]

    def referrer_tickets(self, keys) -> list[int]:
        found = sorted(hit for k in dict.fromkeys(keys) for hit in self.referrers.get(k, ()))
        return [ticket_id for _, ticket_id in found]

    def view(self, ticket_id: int) -> core.TicketView | None:
        if ticket_id not in self.tickets and ticket_id not in self.new_tickets:
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

    def add(self, facts: core.Facts, ticket: Ticket) -> None:
        """A message of this batch is now on ``ticket``."""
        self._added += 1
        order = self._LATER + self._added
        if facts.message_id:
            self.messages.setdefault(facts.message_id, (order, ticket.id, None))
        for ref in facts.refs[:core.MAX_REFS]:
            self.referrers.setdefault(ref, []).append((order, ticket.id))
        self.tickets.setdefault(ticket.id, ticket)
        view = self.views.setdefault(ticket.id, core.TicketView(ticket.id, (ticket.requester_email or "").lower()))
        view.participants.update(a for a in (facts.sender, *facts.recipients) if a)


def new_ticket(batch: Batch, parsed: ParsedMessage | None, inbound: InboundMessage, *,
               requester: tuple[str | None, str | None] | None = None) -> Ticket:
    """A new ticket; ``requester``: (address, name) when it is not the message's sender (a
    forwarded inquiry, or the team answering mail not seen yet)."""
    now = utcnow()
    ticket_id = batch.next_ticket_id()
    email, name = requester or ((parsed.from_email, parsed.from_name) if parsed else (None, None))
    ticket = Ticket(
        id=ticket_id, ref=f"{repo.REF_PREFIX}-{ticket_id}", mailbox=inbound.mailbox,
        requester_email=email, requester_name=name, subject=(parsed.subject if parsed else "") or "(no subject)",
        status="new", created_at=now, updated_at=now, last_message_at=now,
    )
    batch.session.add(ticket)
    batch.new_tickets[ticket.id] = ticket
    return ticket


def record_team_reply(batch: Batch, ticket: Ticket, sender: str, decision: core.Decision) -> None:
    """The office answered the requester directly (a spokesperson's "reply all" with the media
    address in CC): a human answer. The ticket waits for the requester; a pending
    acknowledgement is withdrawn (it would arrive after the answer)."""
    session = batch.session
    workflow.record(session, ticket, "team_reply", actor=sender, sink=batch.event,
                    note=f"answered by {sender} directly; recorded as the team's reply ({decision.reasons[0]})")
    if ticket.acknowledged_at is None:
        ticket.acknowledged_at = utcnow()
    if ticket.status in ("triaged", "acknowledged", "in_progress"):
        workflow.transition(session, ticket, "waiting", actor=sender, note="the team answered", sink=batch.event)
    session.flush()  # a draft created earlier in this batch
    pending = session.exec(select(Draft).where(Draft.ticket_id == ticket.id, Draft.status == "pending",
                                               Draft.kind == "ack")).first()
    if pending is not None:
        pending.status = "rejected"
        session.add(pending)
        workflow.record(session, ticket, "draft", actor=SYSTEM, sink=batch.event,
                        note=f"acknowledgement withdrawn: {sender} answered directly")


def adopt(batch: Batch, ticket: Ticket, parsed: ParsedMessage) -> bool:
    """The message that began a ticket's conversation arrived after a reply to it (parallel
    workers, a sweep): its sender becomes the requester. An acknowledgement still pending for
    the reply's sender is dropped, to be drafted for the requester; returns True if so."""
    session = batch.session
    previous = ticket.requester_email
    ticket.requester_email, ticket.requester_name = parsed.from_email, parsed.from_name
    workflow.record(session, ticket, "requester", actor=SYSTEM, sink=batch.event,
                    note=f"{parsed.from_email} began this conversation ({previous} answered it): the requester")
    session.flush()  # a draft created earlier in this batch
    pending = session.exec(select(Draft).where(Draft.ticket_id == ticket.id, Draft.status == "pending",
                                               Draft.kind == "ack")).first()
    if pending is None:
        return False
    workflow.record(session, ticket, "draft", actor=SYSTEM, sink=batch.event,
                    note=f"pending acknowledgement to {pending.to_email} dropped: the requester is {parsed.from_email}")
    session.delete(pending)
    session.flush()
    return True


def run(item: Item, batch: Batch, inbound: InboundMessage | None) -> None:
    """Put ``item`` on its ticket (``inbound``: its row, locked by ``begin``). Sets the item's
    ``result``, ``ticket``, ``message``, ``new_ticket`` and ``triage_now``.

    The message row is flushed with the batch (``Batch.write``); ``with_message_ids`` fills in
    its id in the result.
    """
    session, index = batch.session, batch.index
    parsed, review = item.parsed, list(item.review)
    if inbound is None:
        raise LookupError(f"inbound message {item.inbound_id} does not exist")
    if inbound.state == "done":  # another worker got there first
        item.result = IngestResult(item.inbound_id, inbound.ticket_id, None, already_done=True)
        return
    if inbound.truncated:
        review.append(inbound.error or "message truncated")
    if parsed is not None and not parsed.from_email:
        review.append("no usable sender address")

    found = facts(item) if parsed is not None else None
    if parsed is not None and parsed.message_id:
        earlier = index.first_message([parsed.message_id])
        if earlier is not None:
            # The same message again (another copy, or our own reply echoed back).
            earlier_id, earlier_ticket = earlier
            inbound.state, inbound.processed_at, inbound.ticket_id = "done", utcnow(), earlier_ticket
            session.add(inbound)
            item.result = IngestResult(item.inbound_id, earlier_ticket, earlier_id, duplicate=True)
            return

    policy = batch.policy
    if found is not None and found.forged and policy.is_internal(found.sender):
        review.append(f"claims to come from the office ({found.sender}) but failed authentication (SPF/DKIM/DMARC)")
    decision = core.decide(found, index, policy) if found is not None else core.Decision(None)
    ticket = index.ticket(decision.ticket_id) if decision.ticket_id is not None else None
    is_new = ticket is None
    redraft = False
    forwarded = item.forwarded
    team = decision.role == core.TEAM
    sender = (parsed.from_email or "").lower() if parsed else ""
    if is_new:
        requester = None
        if forwarded is not None:
            requester = (forwarded.from_email, forwarded.from_name)
        elif team and decision.requester:
            requester = (decision.requester, None)
        ticket = new_ticket(batch, item.inquiry, inbound, requester=requester)
        ticket.related_ticket_id = decision.related_to
        note = f"from inbound #{inbound.id} ({inbound.source})"
        if decision.related_to:
            note += f"; related to MR-{decision.related_to}: {decision.reasons[0]}"
        workflow.record(session, ticket, "created", actor=SYSTEM, note=note, sink=batch.event)
    else:
        ticket.last_message_at = ticket.updated_at = utcnow()
        if decision.starts_conversation and forwarded is None and not policy.is_internal(ticket.requester_email):
            redraft = adopt(batch, ticket, parsed)
        if not team and forwarded is None and ticket.status in ("resolved", "closed"):
            who = "the requester" if decision.role == core.REQUESTER else f"{sender} ({decision.role})"
            workflow.transition(session, ticket, "in_progress", actor=SYSTEM, note=f"reopened: {who} wrote again",
                                sink=batch.event)
    for other_id in decision.answered_by:  # replies from outside this conversation came first
        other = index.ticket(other_id)
        if other is not None and other.id != ticket.id and other.related_ticket_id is None:
            other.related_ticket_id = ticket.id
            session.add(other)
    if forwarded is not None:
        form = forwarded.how == "form"  # the office's website form: the address was typed, unverified
        via = f"sent through the website form ({sender})" if form else f"forwarded by {sender}"
        review.append(f"{via}: the acknowledgement goes to {forwarded.from_email}"
                      + (", an address typed into the form, unverified" if form else ""))
        workflow.record(session, ticket, "forwarded", actor=SYSTEM if form else (sender or SYSTEM), sink=batch.event,
                        note=f"{via} ({forwarded.how}); the inquiry is {forwarded.from_email}'s")
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
                      message_id=(parsed.message_id if parsed else None) or inbound.message_id
                      or minted_message_id(inbound.sha256), **fields)
    session.add(message)
    if parsed is not None:
        threaded = parsed
        if forwarded is not None and forwarded.message_id:
            # The forward refers to the original: a follow-up to the original finds this ticket.
            threaded = dataclasses.replace(parsed, references=(*parsed.references, forwarded.message_id))
        index.add(dataclasses.replace(core.facts_of(threaded), message_id=message.message_id), ticket)
        batch.children.append((message, threaded))
    if team and not is_new:
        record_team_reply(batch, ticket, sender, decision)
    elif team:
        ticket.acknowledged_at = utcnow()  # answered by a human; triaged when the requester's mail arrives
        workflow.record(session, ticket, "team_reply", actor=sender, sink=batch.event,
                        note=f"answered by {sender}; {decision.reasons[-1]}")
    if not team:
        batch.to_index.append(message)
    inbound.state, inbound.processed_at, inbound.ticket_id = "done", utcnow(), ticket.id
    inbound.error = inbound.error if inbound.truncated else None
    session.add(inbound)
    structlog.contextvars.bind_contextvars(ticket_id=ticket.id, ticket=ticket.ref)
    log.info("ingested", inbound_id=inbound.id, ticket=ticket.ref, new_ticket=is_new, role=decision.role)
    item.ticket, item.message, item.new_ticket = ticket, message, is_new
    # Triage: a new inquiry; or the first mail of a requester whose ticket a reply opened.
    item.triage_now = (is_new and not team) or redraft or (
        not is_new and decision.role == core.REQUESTER and ticket.triaged_at is None and ticket.status == "new")
    item.result = IngestResult(item.inbound_id, ticket.id, None, new_ticket=is_new, parsed=parsed, role=decision.role)


def tags(subject: str | None) -> list[int]:
    return [t for t in (repo.parse_ref(tag) for tag in core.TAG_RE.findall(subject or "")) if t is not None]


def facts(item: Item) -> core.Facts:
    """What threading reads: of the original, for a forward (whose Message-ID, when the forward
    carries it, may already be on a ticket)."""
    if item.forwarded is not None:
        original = item.forwarded
        return core.Facts(message_id=original.message_id, refs=(original.message_id,) if original.message_id else (),
                          sender=original.from_email, tags=tuple(tags(original.subject)))
    return core.facts_of(item.parsed, tags=tags(item.parsed.subject))


def lock_inbound(session: Session, inbound_ids: list[int]) -> dict[int, InboundMessage]:
    """Lock and load inbound rows without their raw bytes (already read and parsed)."""
    rows = session.exec(select(InboundMessage).options(defer(InboundMessage.raw))
                        .where(InboundMessage.id.in_(inbound_ids)).with_for_update()).all()
    return {row.id: row for row in rows}


def begin(batch: Batch, items: list[Item]) -> dict[int, InboundMessage]:
    """Lock the batch's inbound rows and its conversations, then read what threading needs."""
    locked = lock_inbound(batch.session, [item.inbound_id for item in items])
    every = [facts(item) for item in items if item.parsed is not None]
    lock_conversations(batch.session, every)
    batch.index = ThreadIndex(batch.session, every, batch.new_tickets)
    return locked


def find_thread(session: Session, parsed: ParsedMessage, settings) -> tuple[Ticket | None, core.Decision]:
    """The existing ticket this message continues (or None), and threading's decision."""
    from mediadesk.worker.batch import thread_policy

    found = core.facts_of(parsed, tags=tags(parsed.subject))
    index = ThreadIndex(session, [found], {})
    decision = core.decide(found, index, thread_policy(settings))
    return (index.ticket(decision.ticket_id) if decision.ticket_id is not None else None), decision
