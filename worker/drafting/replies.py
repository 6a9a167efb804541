"""Reply drafts that carry a statement: one per open ticket of a story, each in its ticket's
language, threaded on the requester's latest message, addressed to the requester alone.

Pure choices (``version_for``: which language version; ``reply_body``) and one builder
(``reply_draft``) that returns a ``Draft`` of kind ``reply`` for the caller to add; sending is
the acknowledgement's (worker/sending.py: at most once, by the draft's token and lease).
"""

from __future__ import annotations

from dataclasses import dataclass

from mediadesk.storage.models import Draft, Message, Ticket
from mediadesk.worker.drafting.message import new_message_id, references_for, reply_subject
from mediadesk.worker.drafting.render import text_to_html
from mediadesk.worker.drafting.rules import machine_sender, valid_address

REPLY = "reply"


@dataclass(frozen=True)
class Choice:
    language: str
    text: str
    reason: str  # "the ticket's language" or "fallback: …"


def version_for(versions: dict[str, str], language: str | None, fallbacks: list[str]) -> Choice | None:
    """The version for a ticket in ``language``: its own, else the first of ``fallbacks`` the
    statement has (MEDIADESK_FALLBACK_LANGUAGES, as the acknowledgements fall back), else any."""
    if not versions:
        return None
    primary = (language or "").split("+", 1)[0]
    if primary in versions:
        return Choice(primary, versions[primary], "the ticket's language")
    for fallback in fallbacks:
        if fallback in versions:
            return Choice(fallback, versions[fallback], f"fallback: no {primary or 'known'} version")
    first = sorted(versions)[0]
    return Choice(first, versions[first], f"fallback: no {primary or 'known'} version nor {', '.join(fallbacks)}")


def why_not(ticket: Ticket, our_addresses) -> str | None:
    """Why this ticket gets no reply, or None: machines, no usable address, our own address."""
    address = (ticket.requester_email or "").strip()
    if not valid_address(address):
        return "no usable requester address"
    if ticket.automated_kind or ticket.category in ("automated", "spam"):
        return f"{ticket.automated_kind or ticket.category}: never answered"
    if machine_sender(address):
        return machine_sender(address)
    if address.lower() in {a.lower() for a in our_addresses}:
        return "our own address"
    return None


def reply_body(text: str, signature: str) -> str:
    body = text.strip().replace("\r\n", "\n")
    return f"{body}\n\n{signature.strip()}\n" if signature and signature.strip() not in body else body + "\n"


def reply_draft(ticket: Ticket, latest: Message | None, statement_id: int, choice: Choice, settings) -> Draft:
    """The reply of kind ``reply`` to ``ticket``'s requester alone, threaded on ``latest`` (the
    requester's latest message on the ticket)."""
    ref = ticket.ref or str(ticket.id)
    in_reply_to = latest.message_id if latest is not None else None
    body = reply_body(choice.text, settings.signature)
    return Draft(
        ticket_id=ticket.id,
        kind=REPLY,
        statement_id=statement_id,
        status="pending",
        language=choice.language,
        to_email=ticket.requester_email.strip(),
        to_name=ticket.requester_name,
        subject=reply_subject((latest.subject if latest is not None else None) or ticket.subject, ref),
        body_text=body,
        body_html=text_to_html(body, choice.language),
        in_reply_to=in_reply_to,
        references=references_for(in_reply_to, latest.references if latest is not None else None),
        message_id=new_message_id(ref, settings.media_address),
    )


__all__ = ["Choice", "REPLY", "reply_body", "reply_draft", "version_for", "why_not"]
