"""Step 1, parse: stored bytes → parsed message (and the original inside a colleague's forward).

Runs with no lock held: parsing is the CPU work of a batch. The pure core is
``worker/parsing.py`` (``parse_message``, never raises for malformed mail; its ``defects`` are the
reasons) and ``worker/forwards.py``.
"""

from __future__ import annotations

import os
import signal

from sqlalchemy.engine import Engine
from sqlmodel import select

from mediadesk.settings import Settings
from mediadesk.storage.db import read_scope
from mediadesk.storage.models import InboundMessage, Message
from mediadesk.worker import thread
from mediadesk.worker.batch import IngestResult, Item, thread_policy
from mediadesk.worker.drafting.rules import machine_sender
from mediadesk.worker.forms import find_submission
from mediadesk.worker.forwards import Forwarded, find_forwarded
from mediadesk.worker.parsing import ParsedMessage, parse_message


def parse(raw: bytes) -> tuple[ParsedMessage | None, list[str]]:
    """The parsed message, or None and why it needs a human (its raw bytes are kept)."""
    try:
        return parse_message(raw), []
    except Exception as exc:  # the parser is tolerant; this is the last resort
        return None, [f"could not be parsed: {type(exc).__name__}: {exc}"]


REPORT_TYPES = frozenset({"multipart/report", "message/delivery-status", "message/feedback-report",
                          "message/disposition-notification", "text/rfc822-headers"})


def forwarded(parsed: ParsedMessage | None, policy: thread.Policy) -> Forwarded | None:
    """The original inquiry inside a forward from the office's own domains, or the submission a
    notification of the office's own website form carries (never from outside, nor from mail
    forged in their name: a stranger cannot make a ticket belong to someone else)."""
    if parsed is None or not policy.internal_domains or not policy.is_internal(parsed.from_email):
        return None
    if thread.forged(parsed.headers.get("authentication-results")):
        return None
    # A report our own mail server sends (a bounce, a complaint) attaches a message too: it is a
    # machine's notice, not a colleague's forward.
    if any(t in REPORT_TYPES for t in parsed.part_types):
        return None
    submission = find_submission(parsed)
    if submission is not None and submission.email and not policy.is_internal(submission.email):
        # The office's own website form: the inquiry is the submitter's (their address as typed).
        return Forwarded(submission.email, submission.name, submission.subject or parsed.subject, submission.text,
                         parsed.date, None, "form")
    if machine_sender(parsed.from_email or ""):
        return None
    auto = parsed.headers.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return None
    found = find_forwarded(parsed)
    if found is None or policy.is_internal(found.from_email):
        return None
    return found


def run(engine: Engine, inbound_ids: list[int], settings: Settings) -> tuple[list[Item], list[IngestResult]]:
    """Read and parse pending messages. Returns the items to ingest, and results for messages
    already done. Also reads which of the items' parents are stored: an item whose parents are
    all unknown will most likely open a ticket, so the runner triages it before the lock."""
    with read_scope(engine) as session:
        rows = session.exec(select(InboundMessage.id, InboundMessage.state, InboundMessage.ticket_id, InboundMessage.raw,
                                   InboundMessage.mailbox).where(InboundMessage.id.in_(inbound_ids))).all()
    found = {row[0]: row for row in rows}
    missing = [i for i in inbound_ids if i not in found]
    if missing:
        raise LookupError(f"inbound message {missing[0]} does not exist")
    policy = thread_policy(settings)
    items, done = [], []
    for inbound_id in dict.fromkeys(inbound_ids):
        _, state, ticket_id, raw, mailbox = found[inbound_id]
        if state == "done":
            done.append(IngestResult(inbound_id, ticket_id, None, already_done=True))
            continue
        _poison_fault_point(raw)
        parsed, review = parse(raw)
        items.append(Item(inbound_id, parsed, review, mailbox, forwarded=forwarded(parsed, policy),
                          spam_check=spam_check(raw, settings)))
    return items, done


def _poison_fault_point(raw: bytes) -> None:
    """Fault-injection tests only: with MEDIADESK_FAULT_POINT=poison, a message carrying the
    header ``X-Mediadesk-Test: poison`` kills the worker process here, as running out of memory
    on it would (no exception handler ever sees it)."""
    if os.environ.get("MEDIADESK_FAULT_POINT") == "poison" and b"\nX-Mediadesk-Test: poison" in raw[:8192]:
        os.kill(os.getpid(), signal.SIGKILL)


def spam_check(raw: bytes, settings: Settings):
    """spamd's verdict on the stored bytes, when MEDIADESK_SPAMD_URL is set (else None). I/O:
    asked here, before any lock; a spamd that does not answer gives a verdict saying so."""
    if not settings.spamd_url:
        return None
    from mediadesk.worker.triage.spam import check_spamd

    return check_spamd(raw, settings)


def known_parents(engine: Engine, items: list[Item]) -> set[str]:
    """Which Message-IDs the items refer to are on a ticket (one read, no lock)."""
    refs = sorted({r for item in items if item.parsed is not None
                   for r in [item.parsed.in_reply_to, *item.parsed.references[-thread.MAX_REFS:]] if r})
    if not refs:
        return set()
    known: set[str] = set()
    with read_scope(engine) as session:
        for start in range(0, len(refs), 500):
            known.update(session.exec(select(Message.message_id).where(Message.message_id.in_(refs[start:start + 500]))))
    return known


__all__ = ["forwarded", "known_parents", "parse", "run", "spam_check"]
