"""The runner: the path of every stored message, as the steps in ``worker/steps`` declare it.

    parse   (no lock)   bytes → parsed message; a colleague's forward → its original
    triage  (no lock)   ahead, for messages that will most likely open a ticket (and their
                        terms for stories, their sender's signature and outlet for contacts)
    ─── one write transaction per batch ───
    thread              onto the ticket whose conversation it continues, or a new one
    triage              store the decision, SLA, status
    story               a genuine inquiry joins the story of its subject (worker/stories.py)
    contact             the requester's contact and outlet
    draft               the acknowledgement, and the auto-send policy

Celery tasks (tasks.py), imports and the in-process demo all call these functions, so every
path runs the same code; a single message is a batch of one. Every step is idempotent: a batch
run twice does no harm (a message already done is skipped).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import structlog
from sqlalchemy.engine import Engine
from sqlalchemy.orm import defer
from sqlmodel import select

from mediadesk.settings import Settings
from mediadesk.storage.db import read_scope, session_scope
from mediadesk.storage.models import InboundMessage, Message, Ticket
from mediadesk.worker.batch import Batch, IngestResult, Item, thread_policy, with_message_ids
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.steps import contact, draft, parse, story, thread, triage
from mediadesk.worker.thread import TAG_RE

log = structlog.get_logger("mediadesk.pipeline")

LOCKED_STEPS: tuple[Callable[[Item, Batch], None], ...] = (triage.run, story.run, contact.run, draft.run)  # after thread.run


def process_batch(engine: Engine, inbound_ids: list[int], settings: Settings, *, limiter=None, model=None,
                  enqueue_send: Callable[[int], None] | None = None) -> list[IngestResult]:
    """Ingest a batch of stored messages, triage and draft each new ticket: ONE transaction.

    Parsing, and triage of the messages that start a thread, run first with no lock held;
    the write lock is then taken once for the batch instead of twice per message. Drafts
    approved by the auto-send policy are handed to ``enqueue_send`` after the commit.
    """
    items, results = parse.run(engine, inbound_ids, settings)
    model = triage.model_for(settings, model)
    known = parse.known_parents(engine, items)
    registry = None
    for item in items:
        if _opens_a_ticket(item, known):
            triage.ahead(item, settings, model)
            story.ahead(item)
            if item.decision is not None:
                registry = registry or contact.registry_for(engine)
                contact.ahead(item, registry)
    reservations = _reserve_acks(items, settings, limiter)
    try:
        approved = _write(engine, items, settings, reservations or limiter, model)
    except BaseException:
        story.forget_pools()  # the batch's inquiries were added to the kept pool, never committed
        if reservations is not None:
            reservations.release(used_too=True)  # nothing was drafted
        raise
    if reservations is not None:
        reservations.release()
    results += with_message_ids([item for item in items if item.result is not None])
    if enqueue_send is not None:
        for draft_id in approved:
            enqueue_send(draft_id)
    return results


def _opens_a_ticket(item: Item, known: set[str]) -> bool:
    """Most likely a new ticket: it names no stored message and no ticket tag (a guess; the
    thread step decides, and triages in the lock what the guess missed)."""
    parsed = item.inquiry
    if parsed is None:
        return False
    if item.forwarded is not None:
        return True
    refs = [r for r in [parsed.in_reply_to, *parsed.references] if r]
    return not any(r in known for r in refs) and not TAG_RE.search(parsed.subject or "")


def _reserve_acks(items: list[Item], settings: Settings, limiter):
    """Check whether each item triaged ahead may be acknowledged (once: the draft step takes the
    answer), and count the acknowledgements in one round trip to Redis before the write
    transaction (not one per draft inside it). None when there is no Redis limiter, or Redis
    fails: drafting then asks the limiter, or counts in the database."""
    from mediadesk.worker.drafting import check_new

    senders = []
    for item in items:
        if item.decision is None:
            continue
        recipient, item.ack_checked = check_new(item.inquiry, item.decision, settings.for_mailbox_key(item.mailbox))
        if recipient:
            senders.append(recipient)
    if limiter is None or settings.ack_rate_limit <= 0 or not senders:
        return None
    try:
        return limiter.reserve(senders)
    except Exception as exc:
        log.warning("ack_reservation_failed", error=str(exc)[:200])
        return None


def _write(engine: Engine, items: list[Item], settings: Settings, limiter, model) -> list[int]:
    """The write transaction: thread each item, then the locked steps; returns the drafts the
    auto-send policy approved."""
    if not items:
        return []
    with session_scope(engine) as session, session.no_autoflush:
        # Flushed where an id is needed and at the end, not before every query; events and
        # search documents are written in bulk by ``Batch.write``.
        batch = Batch(session, settings, limiter=limiter, model=model,
                      expected_new=sum(item.decision is not None for item in items), items=items)
        locked = thread.begin(batch, items)
        for item in items:
            thread.run(item, batch, locked.get(item.inbound_id))
            if item.done:
                continue
            for step in LOCKED_STEPS:
                step(item, batch)
        batch.write()
        return list(batch.approved)


def process_inbound(engine: Engine, inbound_id: int, settings: Settings, *, limiter=None, model=None,
                    enqueue_send: Callable[[int], None] | None = None) -> IngestResult:
    """One stored message: a batch of one."""
    return process_batch(engine, [inbound_id], settings, limiter=limiter, model=model, enqueue_send=enqueue_send)[0]


def ingest(engine: Engine, inbound_id: int, settings: Settings) -> IngestResult:
    """Parse and thread a stored message only (no triage, no draft)."""
    items, done = parse.run(engine, [inbound_id], settings)
    if done:
        return done[0]
    with session_scope(engine) as session, session.no_autoflush:
        batch = Batch(session, settings)
        locked = thread.begin(batch, items)
        thread.run(items[0], batch, locked.get(inbound_id))
        batch.write()
        return with_message_ids(items)[0]


def triage_and_draft(engine: Engine, ticket_id: int, settings: Settings, *, limiter=None, model=None) -> int | None:
    """Triage a ticket from its first message and draft its acknowledgement (reprocess, or the
    sweep after a crash). Returns the id of a draft approved by the auto-send policy (for the
    caller to enqueue after commit), else None."""
    with read_scope(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise LookupError(f"ticket {ticket_id} does not exist")
        message = session.exec(select(Message).where(Message.ticket_id == ticket_id, Message.direction == "in")
                               .order_by(Message.id)).first()
        inbound = session.get(InboundMessage, message.inbound_id) if message and message.inbound_id else None
        inbound_id, raw = (inbound.id, inbound.raw) if inbound is not None else (0, None)
        message_id = message.id if message is not None else None
    parsed, review = parse.parse(raw) if raw is not None else (None, [])
    item = Item(inbound_id, parsed, review, forwarded=parse.forwarded(parsed, thread_policy(settings)),
                spam_check=parse.spam_check(raw, settings) if raw is not None else None)
    triage.ahead(item, settings, triage.model_for(settings, model))  # no lock held
    try:
        return _triage_existing(engine, ticket_id, item, message_id, settings, limiter)
    except BaseException:
        story.forget_pools()
        raise


def _triage_existing(engine: Engine, ticket_id: int, item: Item, message_id: int | None, settings: Settings,
                     limiter) -> int | None:
    with session_scope(engine) as session:
        batch = Batch(session, settings, limiter=limiter)
        item.ticket = session.exec(select(Ticket).where(Ticket.id == ticket_id).with_for_update()).first()
        if item.ticket is None:
            raise LookupError(f"ticket {ticket_id} does not exist")
        item.message = session.get(Message, message_id) if message_id is not None else None
        item.triage_now = True
        for step in LOCKED_STEPS:
            step(item, batch)
        batch.write()
        return batch.approved[0] if batch.approved else None


def process_all(engine: Engine, inbound_ids: list[int], settings: Settings, *, limiter=None,
                advance: Callable[[int], None] | None = None, failed: Callable[[int, Exception], None] | None = None
                ) -> None:
    """Process stored messages in this process, in batches of MEDIADESK_INGEST_BATCH (the demo,
    imports, re-driving parked mail). A batch that fails is done again one message at a time,
    so that only the bad message is held back (counted, and parked after its attempts)."""
    for start in range(0, len(inbound_ids), settings.ingest_batch):
        chunk = inbound_ids[start:start + settings.ingest_batch]
        try:
            process_batch(engine, chunk, settings, limiter=limiter)
        except Exception:
            for inbound_id in chunk:
                try:
                    process_inbound(engine, inbound_id, settings, limiter=limiter)
                except Exception as exc:
                    record_failure(engine, inbound_id, exc, settings.max_attempts)
                    if failed is not None:
                        failed(inbound_id, exc)
        if advance is not None:
            advance(len(chunk))


@dataclass(frozen=True)
class Delivery:
    """What a task may do with the stored messages it was handed (``deliver``)."""

    process: list[int]  # still pending: go ahead
    parked: list[int]  # delivered too often without finishing: parked now, with the reason
    redelivered: bool  # some were handed to a worker before that never finished them


def deliver(engine: Engine, inbound_ids: list[int], max_attempts: int, *, count: bool = True,
            unless_redelivered: bool = False) -> Delivery:
    """Count this delivery of each pending message before any work on it (one short write).

    A message whose processing kills the worker (out of memory, a crash in C code) never
    reaches an exception handler: with late acks its task comes back again and again. Counted
    here, it is parked after ``max_attempts`` deliveries with a reason a person can act on, and
    a batch that was delivered before is split by the caller so that its other messages go
    through on their own. ``count=False`` only looks (a batch about to be split);
    ``unless_redelivered`` counts only when none of the messages was delivered before (else it
    only looks, and says so): a batch's one short write instead of a look and then a count."""
    with session_scope(engine) as session:
        rows = session.exec(select(InboundMessage).options(defer(InboundMessage.raw))
                            .where(InboundMessage.id.in_(inbound_ids), InboundMessage.state == "pending")
                            .with_for_update()).all()
        process, parked = [], []
        rows = sorted(rows, key=lambda r: r.id)
        redelivered = any(row.attempts > 0 for row in rows)
        if unless_redelivered and redelivered:
            count = False
        for row in rows:
            if not count:
                process.append(row.id)
                continue
            row.attempts += 1
            if row.attempts > max_attempts:
                row.state = "parked"
                row.error = (f"handed to a worker {row.attempts - 1} times without finishing (the worker process "
                             "died: too large for its memory? see MEDIADESK_MAX_MESSAGE_BYTES and "
                             "MEDIADESK_WORKER_MAX_MEMORY_MB)" + (f"; last error: {row.error}" if row.error else ""))[:4000]
                parked.append(row.id)
            else:
                process.append(row.id)
            session.add(row)
    for inbound_id in parked:
        log.error("parked", inbound_id=inbound_id, reason="delivered too often without finishing")
    return Delivery(process, parked, redelivered)


def record_failure(engine: Engine, inbound_id: int, error: BaseException, max_attempts: int, *,
                   counted: bool = False) -> bool:
    """Record a failed attempt; park the message once attempts run out. Returns True if parked.

    ``counted``: the attempt was counted when the message was delivered (``deliver``)."""
    with session_scope(engine) as session:
        inbound = session.get(InboundMessage, inbound_id)
        if inbound is None or inbound.state == "done":
            return False
        if not counted:
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


WARM_UP_MESSAGE = (b"From: warm@up.invalid\r\nSubject: Interview request\r\nDate: Mon, 23 Nov 2026 10:00:00 +0300\r\n"
                   b"\r\nCould your spokesperson speak to us before Thursday 5pm? Merci.\r\n")


def warm_up(settings: Settings) -> None:
    """Triage one small message so that models and parsers are loaded before real mail."""
    from mediadesk.worker import triage as triage_package

    triage_package.warm_up(settings)
    triage_package.triage(parse_message(WARM_UP_MESSAGE), settings=settings)


__all__ = ["Delivery", "IngestResult", "LOCKED_STEPS", "deliver", "ingest", "process_all", "process_batch", "process_inbound", "record_failure", "redrive",
           "triage_and_draft", "warm_up"]
