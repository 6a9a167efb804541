"""The state a batch carries through the steps: one write transaction's messages (``Item``) and
what the steps collect for it (``Batch``), written once at the end.

Passed explicitly to the code that needs it; nothing travels in the session. A single message
is a batch of one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlmodel import Session

from mediadesk.settings import Settings
from mediadesk.storage import search
from mediadesk.storage.models import Attachment, Message, MessageReference, Ticket, TicketEvent, utcnow
from mediadesk.worker import thread
from mediadesk.worker.attachments import sanitise_filename, store_blob
from mediadesk.worker.forwards import Forwarded, as_original
from mediadesk.worker.parsing import ParsedMessage


@dataclass(frozen=True)
class IngestResult:
    inbound_id: int
    ticket_id: int | None
    message_id: int | None
    new_ticket: bool = False
    duplicate: bool = False
    already_done: bool = False
    parsed: ParsedMessage | None = None
    role: str | None = None  # the sender's role on a ticket it joined (worker/thread.py)


@dataclass
class Item:
    """One stored message on its way through the steps, and what each step decided for it."""

    inbound_id: int
    parsed: ParsedMessage | None
    review: list[str]
    mailbox: str = ""
    forwarded: Forwarded | None = None  # a colleague's forward: the original inquiry
    spam_check: object | None = None  # spamd's verdict (MEDIADESK_SPAMD_URL), asked with no lock held
    decision: object | None = None  # triage (computed before the write lock where it can be)
    ack_checked: tuple[bool, str] | None = None  # drafting eligibility, computed with ``decision``
    story_terms: dict[str, str] | None = None  # the inquiry's terms for stories, computed with ``decision``
    recognition: tuple | None = None  # (address, registry, contacts.Recognition): the signature read ahead
    # Set by the thread step.
    result: IngestResult | None = None
    ticket: Ticket | None = None
    message: Message | None = None
    new_ticket: bool = False
    triage_now: bool = False  # the ticket is to be triaged and acknowledged from this message
    # Set by the triage step.
    triaged: bool = False

    @property
    def inquiry(self) -> ParsedMessage | None:
        """The message as triage and the acknowledgement see it: the original of a forward."""
        if self.forwarded is not None and self.parsed is not None:
            return as_original(self.parsed, self.forwarded)
        return self.parsed

    @property
    def done(self) -> bool:
        """Nothing more to do: already ingested, a duplicate, or not to be triaged."""
        return self.result is None or self.result.already_done or self.result.duplicate


@dataclass
class Batch:
    """One write transaction: its session and settings, and what the steps collect."""

    session: Session
    settings: Settings
    limiter: object | None = None
    model: object | None = None
    expected_new: int = 1  # new tickets the batch expects (ids drawn at once on PostgreSQL)
    new_tickets: dict[int, Ticket] = field(default_factory=dict)  # created here, maybe not flushed
    events: list[dict] = field(default_factory=list)
    to_index: list[Message] = field(default_factory=list)
    children: list[tuple[Message, ParsedMessage]] = field(default_factory=list)  # references, attachments
    approved: list[int] = field(default_factory=list)  # drafts auto-approved: enqueue after commit
    index: object | None = None  # the thread step's ThreadIndex
    story_pool: object | None = None  # the story step's stories.Pool: the window's inquiries, loaded once
    # The contact step's lookups: the batch's senders' contacts read in one query (address →
    # contact), and the addresses that query found none for.
    contacts: dict | None = None
    items: list = field(default_factory=list)  # the batch's items (whose senders are looked up at once)
    no_contact: set = field(default_factory=set)
    _ticket_ids: list[int] = field(default_factory=list)

    policy: thread.Policy = field(init=False)  # whose mail is the office's (settings, read once)

    def __post_init__(self) -> None:
        self.policy = thread_policy(self.settings)

    def event(self, **fields) -> None:
        """An audit event, written with the batch (``workflow``'s sink)."""
        fields.setdefault("at", utcnow())
        self.events.append(fields)

    def next_ticket_id(self) -> int:
        """The id for a new ticket, known before its row is written: the ticket's reference, the
        draft's subject and Message-ID and the audit trail all name it, and a batch writes all
        its rows in one flush. PostgreSQL draws from the id sequence, as many at once as the
        batch expects new tickets (an id drawn and not used is a gap, as after any rollback);
        SQLite counts on from the highest id, safe because the transaction holds the write
        lock (BEGIN IMMEDIATE) and every ticket in it is created here."""
        if self.session.get_bind().dialect.name == "postgresql":
            if not self._ticket_ids:
                self._ticket_ids = list(self.session.execute(
                    text("SELECT nextval(pg_get_serial_sequence('ticket', 'id')) FROM generate_series(1, :n)"),
                    {"n": max(1, self.expected_new)}).scalars())
                self.expected_new = 1
            return self._ticket_ids.pop(0)
        if self.new_tickets:
            return max(self.new_tickets) + 1
        return (self.session.execute(select(func.max(Ticket.id))).scalar() or 0) + 1

    def write(self) -> None:
        """Write what the batch collected: its rows (flushed once: new tickets first, as the
        models' relationships order them), then references and attachments, search documents
        and events, which name the tickets and messages."""
        session = self.session
        session.flush()
        for message, parsed in self.children:
            for ref in references(parsed):
                session.add(MessageReference(message_id=message.id, ref=ref[:998]))
            self._save_attachments(message, parsed)
        self.children.clear()
        search.write_documents(session, [(m.id, m.subject, m.body_text, m.from_email, m.from_name)
                                         for m in self.to_index if m.direction == "in"])
        self.to_index.clear()
        if self.events:
            # Core: one executemany. Its rows need the same keys; only some events carry them all.
            session.execute(TicketEvent.__table__.insert(),
                            [{"from_status": None, "to_status": None, "outcome": None, **e} for e in self.events])
            self.events.clear()
        session.flush()

    def _save_attachments(self, message: Message, parsed: ParsedMessage) -> None:
        limit = self.settings.max_attachment_bytes
        for att in parsed.attachments:
            name = sanitise_filename(att.filename, default=f"attachment-{len(att.data)}")
            row = Attachment(message_id=message.id, filename=name, content_type=att.content_type[:255],
                             size=len(att.data))
            if len(att.data) > limit:
                row.skipped_reason = f"{len(att.data)} bytes is over the limit of {limit} " \
                                     "(MEDIADESK_MAX_ATTACHMENT_BYTES); not stored"
            else:
                row.sha256, path = store_blob(self.settings.attachments_dir, att.data)
                row.stored_path = str(path)
            self.session.add(row)


def thread_policy(settings: Settings) -> thread.Policy:
    return thread.Policy(tuple(settings.internal_domains), frozenset(settings.our_addresses))


def references(parsed: ParsedMessage | None) -> list[str]:
    """The Message-IDs a message names (In-Reply-To, References), as indexed for threading."""
    if parsed is None:
        return []
    return list(dict.fromkeys(r for r in [parsed.in_reply_to, *parsed.references] if r))[:thread.MAX_REFS]


def with_message_ids(items: list[Item]) -> list[IngestResult]:
    """The results, with the ids of the messages now written."""
    return [dataclasses.replace(i.result, message_id=i.message.id)
            if i.message is not None and i.result.message_id is None else i.result for i in items]
