"""Repository functions: keyword-only, take the session, leave the transaction to the caller."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func
from sqlmodel import Session, select

from mediadesk.storage.models import InboundMessage, MailboxCursor, Ticket, utcnow
from mediadesk.storage.statuses import OPEN_STATUSES

REF_PREFIX = "MR"
_REF_RE = re.compile(r"^\s*[\[#(]?\s*(?:MR\s*-?\s*)?(\d{1,18})\s*[\])]?\s*$", re.IGNORECASE)
# Control bytes never belong in a Message-ID (PostgreSQL text cannot even hold NUL): no match.
_MSGID_RE = re.compile(rb"^Message-ID:[ \t]*(<[^>\x00-\x20\x7f]+>)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class RawItem:
    """One message as fetched: its bytes and where it came from."""

    raw: bytes
    uid: int | None = None
    received_at: datetime | None = None
    size: int | None = None  # the whole message's size, when ``raw`` is only its first bytes


def sniff_message_id(raw: bytes) -> str | None:
    """The Message-ID from the header block, without a full parse (the poller's hot path)."""
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    head = raw[: end if end >= 0 else 65536]
    match = _MSGID_RE.search(head)
    return match.group(1).decode("ascii", "replace")[:998] if match else None


def get_cursor(session: Session, *, mailbox: str) -> MailboxCursor:
    cursor = session.exec(select(MailboxCursor).where(MailboxCursor.mailbox == mailbox)).first()
    if cursor is None:
        cursor = MailboxCursor(mailbox=mailbox, uidvalidity=0, last_uid=0)
        session.add(cursor)
        session.flush()
    return cursor


def store_inbound(session: Session, *, items: list[RawItem], mailbox: str, source: str,
                  uidvalidity: int | None = None, max_bytes: int | None = None) -> list[int]:
    """Insert raw messages not stored before (by content hash or mailbox UID); return new ids.

    Messages over ``max_bytes`` are cut to that size and flagged ``truncated`` so that a
    human sees what was lost; the hash is of the bytes fetched (the whole message, or, for one
    the poller fetched only up to the limit, those and the UID keep it from being stored twice).
    """
    if not items:
        return []
    hashes = {hashlib.sha256(item.raw).hexdigest(): item for item in items}
    existing = set(session.exec(select(InboundMessage.sha256).where(InboundMessage.sha256.in_(list(hashes)))).all())
    uids = [item.uid for item in items if item.uid is not None]
    seen_uids: set[int] = set()
    if uids and uidvalidity is not None:
        seen_uids = set(session.exec(
            select(InboundMessage.uid).where(
                InboundMessage.mailbox == mailbox,
                InboundMessage.uidvalidity == uidvalidity,
                InboundMessage.uid.in_(uids),
            )
        ).all())
    rows = []
    for digest, item in hashes.items():
        if digest in existing or (item.uid is not None and item.uid in seen_uids):
            continue
        raw = item.raw
        size = max(item.size or 0, len(raw))  # fetched partially: the server told the whole size
        truncated = max_bytes is not None and size > max_bytes
        row = InboundMessage(
            source=source, mailbox=mailbox, uidvalidity=uidvalidity, uid=item.uid, sha256=digest,
            message_id=sniff_message_id(raw), raw=raw[:max_bytes] if truncated else raw, size=size,
            truncated=truncated, received_at=item.received_at or utcnow(),
            error=f"message of {size} bytes cut to {max_bytes} (MEDIADESK_MAX_MESSAGE_BYTES)" if truncated else None,
        )
        rows.append(row)
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def parse_ref(text: str) -> int | None:
    """``MR-42``, ``mr42``, ``42``, ``[MR-42]`` (as quoted from a subject) or ``#42`` → 42; None for
    anything else, including numbers no ticket id can reach."""
    match = _REF_RE.match(text or "")
    return int(match.group(1)) if match else None


def ticket_by_ref(session: Session, ref: str) -> Ticket | None:
    """The one lookup of a ticket by what a person types (see ``parse_ref``)."""
    ticket_id = parse_ref(ref)
    return session.get(Ticket, ticket_id) if ticket_id is not None else None


def resolve_merged(session: Session, ticket: Ticket) -> Ticket:
    """Follow merges to the ticket that now holds the thread."""
    seen = set()
    while ticket.merged_into_id and ticket.id not in seen:
        seen.add(ticket.id)
        target = session.get(Ticket, ticket.merged_into_id)
        if target is None:
            break
        ticket = target
    return ticket


def count_by_state(session: Session) -> dict[str, int]:
    rows = session.exec(select(InboundMessage.state, func.count()).group_by(InboundMessage.state)).all()
    return {state: n for state, n in rows}


# Overdue is a fact of the due time and the clock, computed whenever it is read: list, show,
# stats, doctor and metrics all use these two, so they agree with or without beat. The stored
# ``Ticket.overdue`` only records that the SLA sweep has notified (its "overdue" event, once).


def overdue_clause(now: datetime | None = None):
    """SQL condition: the ticket is open, not merged away, and its due time is before ``now``."""
    return and_(Ticket.status.in_(OPEN_STATUSES), Ticket.merged_into_id.is_(None),
                Ticket.due_at.is_not(None), Ticket.due_at < (now or utcnow()))


def is_overdue(ticket: Ticket, now: datetime | None = None) -> bool:
    """``overdue_clause`` for a loaded ticket."""
    return (ticket.status in OPEN_STATUSES and ticket.merged_into_id is None and ticket.due_at is not None
            and ticket.due_at < (now or utcnow()))
