"""Send an approved acknowledgement through SMTP, at most once.

The attempt is committed before the SMTP conversation (status ``sending``); the outcome after
it. A draft found still ``sending`` was interrupted between the server's reply and our commit:
it may or may not have gone out, so it is parked as ``uncertain`` for a human
(``mediadesk draft resolve``) instead of being sent again. Transient SMTP failures (4xx, lost
connection before the message data) raise ``TransientSendError`` for the task to retry;
permanent ones (5xx) park the draft as ``failed``.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from datetime import datetime
from typing import Callable

import structlog
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mediadesk.oauth2 import smtp_authenticate
from mediadesk.storage.db import session_scope
from mediadesk.storage.models import Draft, Message, Ticket, TicketEvent, utcnow
from mediadesk.tls import tls_context as _tls_context
from mediadesk.worker.drafting.message import build_email
from mediadesk.worker.workflow import allowed, transition

log = structlog.get_logger(__name__)

SYSTEM = "system"
SMTP_TIMEOUT = 60.0
IMAP_TIMEOUT = 30.0

# Outcomes of send_draft.
SENT = "sent"
ALREADY_SENT = "already_sent"
UNCERTAIN = "uncertain"
NOT_APPROVED = "not_approved"
FAILED = "failed"
NOT_FOUND = "not_found"


class TransientSendError(RuntimeError):
    """The server was unreachable or answered 4xx before taking the message: retry later."""


class PermanentSendError(RuntimeError):
    """The server refused the message for good (5xx): retrying will not help."""


class UncertainSendError(RuntimeError):
    """The connection failed while the message data was in flight: it may have been delivered."""


def _event(session: Session, ticket_id: int, note: str, *, actor: str = SYSTEM) -> None:
    session.add(TicketEvent(ticket_id=ticket_id, actor=actor, kind="send", note=note, at=utcnow()))




def _classify(exc: smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused) -> type[Exception]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return PermanentSendError if codes and all(c >= 500 for c in codes) else TransientSendError
    return PermanentSendError if exc.smtp_code >= 500 else TransientSendError


def smtp_send(message, settings) -> None:
    """Deliver ``message`` to the configured SMTP server.

    Raises:
        TransientSendError: connection refused or dropped, or 4xx, before the data was sent.
        PermanentSendError: 5xx (or bad settings).
        UncertainSendError: the connection broke while the data was in flight.
    """
    if not settings.smtp_host:
        raise PermanentSendError("MEDIADESK_SMTP_HOST is not set")
    host, port = settings.smtp_host, settings.resolved_smtp_port
    phase = "connect"
    try:
        if settings.smtp_tls == "ssl":
            client = smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT,
                                      context=_tls_context(settings.smtp_verify_tls))
        else:
            client = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
        with client:
            client.ehlo()
            if settings.smtp_tls == "starttls":
                client.starttls(context=_tls_context(settings.smtp_verify_tls))
                client.ehlo()
            smtp_authenticate(client, settings)  # password when MEDIADESK_SMTP_USER is set, or XOAUTH2
            phase = "envelope"
            sender = settings.media_address
            recipients = [a.addr_spec for a in message["To"].addresses]
            code, reply = client.mail(sender)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, reply, sender)
            refused = {}
            for rcpt in recipients:
                code, reply = client.rcpt(rcpt)
                if code not in (250, 251):
                    refused[rcpt] = (code, reply)
            if len(refused) == len(recipients):
                client.rset()
                raise smtplib.SMTPRecipientsRefused(refused)
            phase = "data"
            code, reply = client.data(message.as_bytes())
            if code != 250:
                raise smtplib.SMTPDataError(code, reply)
            phase = "done"
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                pass  # the message was accepted; a broken goodbye does not matter
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as exc:
        if phase == "done":
            return
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            raise PermanentSendError(f"SMTP login refused ({exc.smtp_code}): check MEDIADESK_SMTP_USER/_PASSWORD "
                                     "(or MEDIADESK_OAUTH2_* with MEDIADESK_SMTP_AUTH=xoauth2)") from exc
        raise _classify(exc)(f"SMTP {phase}: {exc}") from exc
    except ssl.SSLCertVerificationError as exc:
        raise PermanentSendError(f"SMTP TLS certificate rejected: {exc} (MEDIADESK_SMTP_VERIFY_TLS)") from exc
    except (smtplib.SMTPException, OSError, socket.timeout) as exc:
        if phase == "done":
            return
        if phase == "data":
            raise UncertainSendError(f"connection lost while sending the message data: {exc}") from exc
        raise TransientSendError(f"SMTP {phase}: {type(exc).__name__}: {exc}") from exc


def append_to_sent(raw: bytes, settings, *, when: datetime | None = None) -> bool:
    """Append a copy of a sent message to ``settings.sent_folder``; False (logged) on failure."""
    if not settings.sent_folder or not settings.imap_host:
        return False
    try:
        from mediadesk.mailbox.poller import imap_connect  # one login path (TLS, credentials)

        client = imap_connect(settings)
        try:
            if not client.folder_exists(settings.sent_folder):
                client.create_folder(settings.sent_folder)
            client.append(settings.sent_folder, raw, flags=(b"\\Seen",), msg_time=when)
        finally:
            client.logout()
        return True
    except Exception as exc:  # the mail went out; a missing Sent copy is worth a log line, no more
        log.warning("sent_copy_failed", folder=settings.sent_folder, error=f"{type(exc).__name__}: {exc}")
        return False


def record_sent(session: Session, draft: Draft, message, settings, *, actor: str = SYSTEM,
                note: str = "acknowledgement sent") -> Message:
    """Mark ``draft`` sent, store the outbound message on its ticket, acknowledge the ticket."""
    now = utcnow()
    draft.status = "sent"
    draft.sent_at = now
    draft.error = None
    session.add(draft)
    outbound = Message(
        ticket_id=draft.ticket_id,
        direction="out",
        message_id=message["Message-ID"],
        in_reply_to=message["In-Reply-To"],
        references=message["References"],
        from_email=settings.media_address,
        from_name=settings.organisation,
        to=str(message["To"]),
        subject=str(message["Subject"]),
        date=now,
        body_text=draft.body_text,
        created_at=now,
    )
    session.add(outbound)
    ticket = session.get(Ticket, draft.ticket_id)
    _event(session, draft.ticket_id, f"{note} to {draft.to_email} ({message['Message-ID']})", actor=actor)
    if ticket is not None:
        if allowed(ticket.status, "acknowledged"):
            transition(session, ticket, "acknowledged", actor=actor, note="acknowledgement sent")
        elif ticket.acknowledged_at is None:
            ticket.acknowledged_at = now
            session.add(ticket)
    return outbound


def _load(session: Session, draft_id: int) -> Draft | None:
    # FOR UPDATE on PostgreSQL; SQLite serialises writers with BEGIN IMMEDIATE already.
    return session.exec(select(Draft).where(Draft.id == draft_id).with_for_update()).first()


def _claim(engine: Engine, draft_id: int, settings) -> tuple[str | None, Draft | None]:
    """Commit the attempt before talking to SMTP; or say why there is nothing to send."""
    with session_scope(engine) as session:
        draft = _load(session, draft_id)
        if draft is None:
            return NOT_FOUND, None
        if draft.status == "sent":
            return ALREADY_SENT, draft
        if draft.status == "uncertain":
            return UNCERTAIN, draft
        if draft.status == "sending":
            started = draft.send_started_at.isoformat() if draft.send_started_at else "earlier"
            draft.status = "uncertain"
            draft.error = (f"attempt {draft.send_attempts} started {started} did not record its outcome: it may "
                           "have been delivered; check, then `mediadesk draft resolve` it")
            session.add(draft)
            _event(session, draft.ticket_id, "send outcome uncertain: not resent; waiting for a human")
            log.warning("send_uncertain", draft_id=draft.id, ticket_id=draft.ticket_id)
            return UNCERTAIN, draft
        if draft.status == "failed":
            return FAILED, draft
        if draft.status != "approved":
            return NOT_APPROVED, draft
        if draft.send_attempts >= settings.max_attempts:
            draft.status = "failed"
            draft.error = f"gave up after {draft.send_attempts} attempts: {draft.error or ''}".strip()
            session.add(draft)
            _event(session, draft.ticket_id, f"send failed: {draft.error}")
            return FAILED, draft
        draft.status = "sending"
        draft.send_started_at = utcnow()
        draft.send_attempts += 1
        session.add(draft)
    return None, draft


def _set_outcome(engine: Engine, draft_id: int, status: str, error: str, note: str) -> None:
    with session_scope(engine) as session:
        draft = _load(session, draft_id)
        if draft is None or draft.status != "sending":
            return
        draft.status = status
        draft.error = error[:2000]
        session.add(draft)
        _event(session, draft.ticket_id, note)


def send_draft(engine: Engine, draft_id: int, settings, *,
               before_record: Callable[[], None] | None = None) -> str:
    """Send the approved draft ``draft_id``; returns the outcome.

    Outcomes: ``sent``, ``already_sent``, ``uncertain`` (an earlier attempt was interrupted, or
    the connection broke mid-data: not resent), ``not_approved`` (pending, rejected...),
    ``failed`` (5xx, or attempts exhausted), ``not_found``.

    Args:
        before_record: called after the server accepted the message and before the outcome is
            committed; tests raise from it to simulate a crash at the worst moment.

    Raises:
        TransientSendError: retry later (the draft is back to ``approved``).
    """
    outcome, draft = _claim(engine, draft_id, settings)
    if outcome is not None:
        return outcome
    with session_scope(engine) as session:  # the reply goes out from the mailbox it came in to
        ticket = session.get(Ticket, draft.ticket_id)
        settings = settings.for_mailbox_key(ticket.mailbox if ticket else None)
    bound = log.bind(draft_id=draft_id, ticket_id=draft.ticket_id)
    try:
        message = build_email(draft, settings)
    except (ValueError, TypeError, IndexError) as exc:
        _set_outcome(engine, draft_id, "failed", f"cannot build the message: {exc}", f"send failed: {exc}")
        return FAILED
    try:
        smtp_send(message, settings)
    except TransientSendError as exc:
        with session_scope(engine) as session:
            current = _load(session, draft_id)
            if current is not None and current.status == "sending":
                current.status = "approved"  # nothing left our hands: safe to try again
                current.error = str(exc)[:2000]
                session.add(current)
                _event(session, current.ticket_id, f"send deferred (attempt {current.send_attempts}): {exc}")
        bound.info("send_deferred", error=str(exc))
        raise
    except PermanentSendError as exc:
        _set_outcome(engine, draft_id, "failed", str(exc), f"send failed: {exc}")
        bound.warning("send_failed", error=str(exc))
        return FAILED
    except UncertainSendError as exc:
        _set_outcome(engine, draft_id, "uncertain", str(exc), f"send outcome uncertain: {exc}")
        bound.warning("send_uncertain", error=str(exc))
        return UNCERTAIN

    if before_record is not None:
        before_record()
    with session_scope(engine) as session:
        current = _load(session, draft_id)
        record_sent(session, current, message, settings)
    bound.info("ack_sent", message_id=message["Message-ID"])
    append_to_sent(message.as_bytes(), settings)
    return SENT


def resolve_uncertain(engine: Engine, draft_id: int, settings, *, delivered: bool, actor: str) -> str:
    """A human's verdict on an uncertain (or failed) draft: it went out, or send it again.

    Returns ``sent`` (recorded as delivered, nothing sent) or ``approved`` (the caller enqueues
    ``send``). Raises ValueError when the draft is not uncertain or failed.
    """
    with session_scope(engine) as session:
        draft = _load(session, draft_id)
        if draft is None or draft.status not in ("uncertain", "failed", "sending"):
            raise ValueError(f"draft is {draft.status if draft else 'missing'}: nothing to resolve")
        if delivered:
            record_sent(session, draft, build_email(draft, settings), settings, actor=actor,
                        note="acknowledgement confirmed delivered by a human")
            return "sent"
        from mediadesk.worker.drafting import approve_draft

        draft.status = "uncertain" if draft.status == "sending" else draft.status
        approve_draft(session, draft, actor, resend=True)
        return "approved"
