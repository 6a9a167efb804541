"""Helpers for tests of drafting and sending: a triaged ticket from raw mail, without triage.

Kept with the code (like a stub broker) so other test suites can build the same stand-ins.
"""

from __future__ import annotations

import json
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP

from sqlmodel import Session

from mediadesk.storage.models import PRIORITY_RANK, Message, Ticket
from mediadesk.worker.parsing import ParsedMessage, parse_message


def inquiry_bytes(*, subject: str = "Interview request", sender: str = "Lama Al-Fahad <lama@asharq.example>",
                  body: str = "Could your spokesperson speak to us this week?", to: str = "media@example.org",
                  message_id: str = "<inq-1@asharq.example>", headers: dict[str, str] | None = None,
                  references: str | None = None) -> bytes:
    """A small raw inquiry; ``headers`` adds or overrides fields."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = "Tue, 17 Sep 2019 10:00:00 +0300"
    if references:
        msg["References"] = references
    for name, value in (headers or {}).items():
        del msg[name]
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes()


def stand_in_ticket(session: Session, parsed: ParsedMessage, *, category: str | None = "information_request",
                    language: str | None = "en", priority: str | None = "normal", deadline: datetime | None = None,
                    automated_kind: str | None = None, status: str = "triaged",
                    needs_review: bool = False) -> tuple[Ticket, Message]:
    """A ticket and its first message as ingest + triage would leave them (flushed, ref MR-<id>)."""
    ticket = Ticket(
        requester_email=parsed.from_email,
        requester_name=parsed.from_name,
        subject=parsed.subject,
        status=status,
        category=category,
        language=language,
        priority=priority,
        priority_rank=PRIORITY_RANK.get(priority or "normal", 2),
        deadline=deadline,
        automated_kind=automated_kind,
        needs_review=needs_review,
    )
    session.add(ticket)
    session.flush()
    ticket.ref = f"MR-{ticket.id}"
    message = Message(
        ticket_id=ticket.id,
        direction="in",
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=" ".join(parsed.references) or None,
        from_email=parsed.from_email,
        from_name=parsed.from_name,
        reply_to=parsed.reply_to,
        to=", ".join(parsed.to),
        subject=parsed.subject,
        date=parsed.date,
        body_text=parsed.text,
        headers=json.dumps(parsed.headers, ensure_ascii=False),
    )
    session.add_all([ticket, message])
    session.flush()
    return ticket, message


def stand_in_from_bytes(session: Session, raw: bytes, **triage) -> tuple[Ticket, Message, ParsedMessage]:
    parsed = parse_message(raw)
    ticket, message = stand_in_ticket(session, parsed, **triage)
    return ticket, message, parsed
