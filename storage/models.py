"""The tables: mailbox cursors, raw inbound mail, tickets, messages, attachments, drafts, events.

Times are aware and stored as UTC (SQLModel's UTCDateTime); ``utcnow()`` is the one clock.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlalchemy.orm import relationship
from sqlmodel import Field, Relationship, SQLModel

from mediadesk.storage.statuses import OPEN_STATUSES  # noqa: F401  (re-exported; the tables of statuses live there)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class MailboxCursor(SQLModel, table=True):
    """How far the poller has read one IMAP folder (valid while UIDVALIDITY holds)."""

    __tablename__ = "mailbox_cursor"
    id: int | None = Field(default=None, primary_key=True)
    mailbox: str = Field(unique=True, max_length=255)
    uidvalidity: int = 0
    last_uid: int = 0
    updated_at: datetime = Field(default_factory=utcnow)


class InboundMessage(SQLModel, table=True):
    """Raw bytes of every message as received: stored before anything else happens (outbox).

    ``state`` is ``pending`` until ``ingest`` has turned it into a ticket message (``done``);
    after ``max_attempts`` failures it is ``parked`` with its error for a human to re-drive.
    """

    __tablename__ = "inbound_message"
    __table_args__ = (
        UniqueConstraint("mailbox", "uidvalidity", "uid", name="uq_inbound_imap_uid"),
        Index("ix_inbound_state_received", "state", "received_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(default="imap", max_length=16)
    mailbox: str = Field(default="", max_length=255)
    uidvalidity: int | None = None
    uid: int | None = None
    sha256: str = Field(max_length=64, unique=True)
    message_id: str | None = Field(default=None, max_length=998, index=True)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    size: int = 0
    truncated: bool = False
    received_at: datetime = Field(default_factory=utcnow)
    processed_at: datetime | None = None
    state: str = Field(default="pending", max_length=16)
    attempts: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text))
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")
    ticket: "Ticket" = Relationship(sa_relationship=relationship("Ticket", lazy="raise"))


class Ticket(SQLModel, table=True):
    __tablename__ = "ticket"
    __table_args__ = (
        Index("ix_ticket_status_priority_due", "status", "priority_rank", "due_at"),
        Index("ix_ticket_requester", "requester_email"),
        Index("ix_ticket_overdue_status", "overdue", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    ref: str | None = Field(default=None, max_length=32, unique=True)
    mailbox: str = Field(default="", max_length=255)
    requester_email: str | None = Field(default=None, max_length=320)
    requester_name: str | None = Field(default=None, max_length=255)
    subject: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(default="new", max_length=16, index=True)
    needs_review: bool = False
    review_reason: str | None = Field(default=None, sa_column=Column(Text))
    assignee: str | None = Field(default=None, max_length=120, index=True)
    merged_into_id: int | None = Field(default=None, foreign_key="ticket.id")
    # Opened by a reply from outside another ticket's conversation: that ticket (no foreign key,
    # see migration 0006).
    related_ticket_id: int | None = Field(default=None, index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)  # storage/contacts.py
    story_id: int | None = Field(default=None, foreign_key="story.id", index=True)  # storage/stories.py
    story_terms: str | None = Field(default=None, sa_column=Column(Text))  # JSON {term: kind} (worker/stories.py)

    # Triage (filled by the triage step)
    category: str | None = Field(default=None, max_length=32, index=True)
    category_confidence: float | None = None
    language: str | None = Field(default=None, max_length=8, index=True)
    language_confidence: float | None = None
    automated_kind: str | None = Field(default=None, max_length=16)
    deadline: datetime | None = None
    priority: str | None = Field(default=None, max_length=8)
    priority_rank: int = 2  # urgent 0, high 1, normal 2, low 3: sorts in SQL
    explanation: str | None = Field(default=None, sa_column=Column(Text))  # JSON list
    triaged_at: datetime | None = None

    # SLA
    first_response_due_at: datetime | None = None
    due_at: datetime | None = Field(default=None, index=True)
    # Whether a ticket IS overdue is computed when read (repo.overdue_clause / is_overdue); this
    # flag only says the SLA sweep has recorded its "overdue" event (once).
    overdue: bool = Field(default=False, index=True)

    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    last_message_at: datetime = Field(default_factory=utcnow)
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None


class Message(SQLModel, table=True):
    """One message on a ticket's thread, inbound or outbound."""

    __tablename__ = "message"
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    ticket: "Ticket" = Relationship(sa_relationship=relationship("Ticket", lazy="raise"))
    direction: str = Field(default="in", max_length=3)
    message_id: str | None = Field(default=None, max_length=998, index=True)
    in_reply_to: str | None = Field(default=None, sa_column=Column(Text))
    references: str | None = Field(default=None, sa_column=Column(Text))
    from_email: str | None = Field(default=None, max_length=320)
    from_name: str | None = Field(default=None, max_length=255)
    reply_to: str | None = Field(default=None, max_length=320)
    to: str | None = Field(default=None, sa_column=Column(Text))
    cc: str | None = Field(default=None, sa_column=Column(Text))
    subject: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    date: datetime | None = None
    body_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    headers: str | None = Field(default=None, sa_column=Column(Text))  # JSON of triage headers
    defects: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)


class MessageReference(SQLModel, table=True):
    """One Message-ID an inbound message names in In-Reply-To or References.

    Threading looks these up by index: a reply that arrived before the message it answers is
    found without scanning every stored References header.
    """

    __tablename__ = "message_reference"
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    ref: str = Field(max_length=998, index=True)
    message: "Message" = Relationship(sa_relationship=relationship("Message", lazy="raise"))


class Attachment(SQLModel, table=True):
    """An attachment saved on disk under its content hash; the name is sanitised for display."""

    __tablename__ = "attachment"
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    filename: str = Field(max_length=255)
    content_type: str = Field(default="application/octet-stream", max_length=255)
    size: int = 0
    sha256: str | None = Field(default=None, max_length=64)
    stored_path: str | None = Field(default=None, max_length=1024)
    skipped_reason: str | None = Field(default=None, max_length=255)
    message: "Message" = Relationship(sa_relationship=relationship("Message", lazy="raise"))


class TicketEvent(SQLModel, table=True):
    """The audit trail: status changes, notes, assignments, triage, drafts, sends."""

    __tablename__ = "ticket_event"
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(default="system", max_length=120)
    kind: str = Field(default="status", max_length=24)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    note: str | None = Field(default=None, sa_column=Column(Text))
    # What came of it, as data (a send: sent, deferred, failed, uncertain, late): metrics count
    # this, never the wording of ``note``.
    outcome: str | None = Field(default=None, max_length=16, index=True)


class Draft(SQLModel, table=True):
    """A message to an inquirer, sent at most once: the ticket's acknowledgement (``kind`` ack, at
    most one per ticket) or a reply with a statement (``kind`` reply, at most one per ticket and
    statement: storage/stories.py)."""

    __tablename__ = "draft"
    __table_args__ = (
        Index("uq_draft_ack_per_ticket", "ticket_id", unique=True,
              sqlite_where=text("kind = 'ack'"), postgresql_where=text("kind = 'ack'")),
        Index("uq_draft_reply_per_statement", "ticket_id", "statement_id", unique=True,
              sqlite_where=text("kind = 'reply'"), postgresql_where=text("kind = 'reply'")),
    )
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    kind: str = Field(default="ack", max_length=8)  # ack | reply
    statement_id: int | None = Field(default=None, foreign_key="statement.id", index=True)
    status: str = Field(default="pending", max_length=16, index=True)
    language: str = Field(default="en", max_length=8)
    to_email: str = Field(max_length=320)
    to_name: str | None = Field(default=None, max_length=255)
    subject: str = Field(sa_column=Column(Text, nullable=False))
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    body_html: str | None = Field(default=None, sa_column=Column(Text))
    in_reply_to: str | None = Field(default=None, sa_column=Column(Text))
    references: str | None = Field(default=None, sa_column=Column(Text))
    message_id: str | None = Field(default=None, max_length=998)
    created_at: datetime = Field(default_factory=utcnow)
    edited_by: str | None = Field(default=None, max_length=120)
    approved_by: str | None = Field(default=None, max_length=120)
    approved_at: datetime | None = None
    send_attempts: int = 0
    send_started_at: datetime | None = None
    # The current (or last) send attempt: who holds it and until when (worker/sending.py).
    send_token: str | None = Field(default=None, max_length=32)
    send_lease_until: datetime | None = None
    sent_at: datetime | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
    ticket: "Ticket" = Relationship(sa_relationship=relationship("Ticket", lazy="raise"))


class LabelledExample(SQLModel, table=True):
    """A category the press team set by hand: training data for triage."""

    __tablename__ = "labelled_example"
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")
    category: str = Field(max_length=32)
    language: str | None = Field(default=None, max_length=8)
    text: str = Field(sa_column=Column(Text, nullable=False))
    actor: str = Field(default="system", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}

# Contacts and outlets live in their own module; importing it here registers their tables
# wherever the models are (Alembic, create_all).
from mediadesk.storage import contacts as _contacts  # noqa: E402,F401
from mediadesk.storage import stories as _stories  # noqa: E402,F401
