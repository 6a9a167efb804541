"""Send an approved acknowledgement through SMTP, at most once.

Each attempt has an identity: claiming the draft (``approved`` → ``sending``, a conditional
update) gives it a random token and a lease, ``SEND_LEASE``, far longer than the SMTP
conversation can take. The claim is committed before the SMTP conversation, the outcome after
it, and only the holder of the token records that outcome (``UPDATE ... WHERE send_token =
:mine``). So two send tasks for one draft (a second approval, the outbox sweep) cannot both
send: the second finds the attempt alive and stands aside (``sending``). An attempt whose lease
ran out without an outcome was interrupted between the server's reply and our commit: it may
or may not have gone out, so the draft is parked as ``uncertain`` for a human (``mediadesk draft
resolve``) instead of being sent again; a human cannot resend while the attempt is alive.
Transient SMTP failures (4xx, lost connection before the message data) raise
``TransientSendError`` for the task to retry; permanent ones (5xx) park the draft as ``failed``.
"""

from __future__ import annotations

import secrets
import smtplib
import socket
import ssl
import time
from datetime import datetime, timedelta
from typing import Callable

import structlog
from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mediadesk.oauth2 import smtp_authenticate
from mediadesk.storage.db import session_scope
from mediadesk.storage.models import Draft, Message, Ticket, utcnow
from mediadesk.tls import tls_context as _tls_context
from mediadesk.worker.drafting.message import build_email
from mediadesk.worker.workflow import add_event, allowed, transition

log = structlog.get_logger(__name__)

SYSTEM = "system"
SMTP_TIMEOUT = 60.0  # per socket operation
IMAP_TIMEOUT = 30.0
# How long a send attempt holds its draft. Longer than any SMTP conversation (DATA is not
# started unless DATA_RESERVE is left, see smtp_send) plus the commit of its outcome; shorter
# than the outbox sweep's SEND_RETRY_HORIZON (15 min, worker/pipeline.py), so the sweep finds
# a dead attempt's lease over and the draft is parked as uncertain.
SEND_LEASE = timedelta(minutes=10)
DATA_RESERVE = 3  # × SMTP_TIMEOUT: the DATA command, the message, the reply

# Outcomes of send_draft.
SENT = "sent"
ALREADY_SENT = "already_sent"
UNCERTAIN = "uncertain"
IN_PROGRESS = "sending"  # another attempt holds the draft and its lease is alive
NOT_APPROVED = "not_approved"
FAILED = "failed"
NOT_FOUND = "not_found"


class TransientSendError(RuntimeError):
    """The server was unreachable or answered 4xx before taking the message: retry later."""


class PermanentSendError(RuntimeError):
    """The server refused the message for good (5xx): retrying will not help."""


class UncertainSendError(RuntimeError):
    """The connection failed while the message data was in flight: it may have been delivered."""


def _event(session: Session, ticket_id: int, note: str, *, outcome: str, actor: str = SYSTEM) -> None:
    """A send event; ``outcome`` (sent, deferred, failed, uncertain, late) is what metrics count."""
    add_event(session, ticket_id=ticket_id, actor=actor, kind="send", note=note, outcome=outcome)




def _classify(exc: smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused) -> type[Exception]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return PermanentSendError if codes and all(c >= 500 for c in codes) else TransientSendError
    return PermanentSendError if exc.smtp_code >= 500 else TransientSendError


def smtp_send(message, settings, *, data_by: float | None = None) -> None:
    """Deliver ``message`` to the configured SMTP server.

    Args:
        data_by: a ``time.monotonic()`` time after which the message data must not be sent
            (the attempt's lease would run out before the reply): transient instead.

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
            if data_by is not None and time.monotonic() > data_by:
                client.rset()
                raise TransientSendError("the attempt's lease would run out before the server answered DATA: "
                                         "not sent, retrying under a new lease")
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
        from mediadesk.imap import imap_connect  # one login path (TLS, credentials)

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


def what(draft: Draft) -> str:
    """What the draft is, in the audit trail: an acknowledgement, or a reply with a statement."""
    return f"statement {draft.statement_id} reply" if draft.kind == "reply" else "acknowledgement"


def record_sent(session: Session, draft: Draft, message, settings, *, actor: str = SYSTEM,
                note: str | None = None) -> Message:
    """Mark ``draft`` sent, store the outbound message on its ticket, and move the ticket on: an
    acknowledgement acknowledges it; a reply with a statement answers it (``waiting``)."""
    note = note or f"{what(draft)} sent"
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
    _event(session, draft.ticket_id, f"{note} to {draft.to_email} ({message['Message-ID']})", actor=actor,
           outcome=SENT)
    if ticket is not None:
        target = "waiting" if draft.kind == "reply" else "acknowledged"
        if allowed(ticket.status, target):
            transition(session, ticket, target, actor=actor, note=f"{what(draft)} sent")
        if ticket.acknowledged_at is None:
            ticket.acknowledged_at = now
            session.add(ticket)
    return outbound


def lease_end(draft: Draft) -> datetime | None:
    """When the draft's current attempt stops holding it (drafts claimed before migration 0007
    carry no lease: it is reckoned from the start of their attempt)."""
    if draft.send_lease_until is not None:
        return draft.send_lease_until
    return draft.send_started_at + SEND_LEASE if draft.send_started_at is not None else None


def attempt_alive(draft: Draft, now: datetime | None = None) -> bool:
    """The draft is ``sending`` and its attempt's lease has not run out: leave it alone."""
    end = lease_end(draft)
    return draft.status == "sending" and end is not None and end > (now or utcnow())


def _this_attempt(draft: Draft):
    """SQL criteria for "the draft is still in the attempt ``draft`` shows": same token, and the
    same attempt number (which also tells apart the token-less attempts claimed before 0007)."""
    token = Draft.send_token.is_(None) if draft.send_token is None else Draft.send_token == draft.send_token
    return and_(Draft.id == draft.id, token, Draft.send_attempts == draft.send_attempts)


def _expire(session: Session, draft: Draft, now: datetime, *, actor: str = SYSTEM) -> bool:
    """Park as ``uncertain`` a draft whose attempt's lease ran out without an outcome; False when
    the attempt recorded its outcome (or another process parked it) first."""
    started = draft.send_started_at.isoformat() if draft.send_started_at else "earlier"
    end = lease_end(draft)
    error = (f"attempt {draft.send_attempts} started {started} did not record its outcome before its lease ran out "
             f"({end.isoformat() if end else 'unknown'}): it may have been delivered; check, then "
             "`mediadesk draft resolve` it")
    result = session.execute(
        update(Draft).where(_this_attempt(draft), Draft.status == "sending",
                            or_(Draft.send_lease_until.is_(None), Draft.send_lease_until <= now))
        .values(status="uncertain", error=error).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    _event(session, draft.ticket_id, f"send outcome uncertain: attempt {draft.send_attempts} started {started}, "
           "its lease ran out without an outcome: not resent; waiting for a human", actor=actor, outcome=UNCERTAIN)
    log.warning("send_uncertain", draft_id=draft.id, ticket_id=draft.ticket_id, attempt=draft.send_attempts)
    return True


def _claim(engine: Engine, draft_id: int, settings) -> tuple[str | None, Draft | None]:
    """Take the draft for one attempt (committed before talking to SMTP), or say why not."""
    for _ in range(5):  # each pass either decides or lost a race that changed the draft: look again
        now = utcnow()
        token = secrets.token_hex(16)
        with session_scope(engine) as session:
            claimed = session.execute(
                update(Draft).where(Draft.id == draft_id, Draft.status == "approved",
                                    Draft.send_attempts < settings.max_attempts)
                .values(status="sending", send_token=token, send_started_at=now, send_lease_until=now + SEND_LEASE,
                        send_attempts=Draft.send_attempts + 1)
                .execution_options(synchronize_session=False)).rowcount == 1
            draft = session.get(Draft, draft_id)
            if claimed:
                return None, draft
            if draft is None:
                return NOT_FOUND, None
            if draft.status == "sent":
                return ALREADY_SENT, draft
            if draft.status == "sending":
                if attempt_alive(draft, now):
                    log.info("send_in_progress", draft_id=draft.id, attempt=draft.send_attempts,
                             lease_until=lease_end(draft).isoformat())
                    return IN_PROGRESS, draft
                if _expire(session, draft, now):
                    return UNCERTAIN, draft
                continue
            if draft.status == "uncertain":
                return UNCERTAIN, draft
            if draft.status == "failed":
                return FAILED, draft
            if draft.status != "approved":
                return NOT_APPROVED, draft
            error = f"gave up after {draft.send_attempts} attempts: {draft.error or ''}".strip()
            gave_up = session.execute(
                update(Draft).where(Draft.id == draft_id, Draft.status == "approved",
                                    Draft.send_attempts == draft.send_attempts)
                .values(status="failed", error=error).execution_options(synchronize_session=False)).rowcount == 1
            if gave_up:
                _event(session, draft.ticket_id, f"send failed: {error}", outcome=FAILED)
                return FAILED, draft
    raise TransientSendError(f"draft {draft_id} kept changing while being claimed")


# What the holder of an attempt may still correct: its own `sending`, or the `uncertain` another
# process declared when the lease ran out (the holder knows better). Never a human's decision.
_OWN = ("sending", "uncertain")


def _record_outcome(session: Session, draft: Draft, *, status: str, error: str | None, note: str,
                    from_statuses: tuple[str, ...] = _OWN, **values) -> bool:
    """As the holder of ``draft``'s attempt, record its outcome; False (and a late note in the
    audit trail, which stays true) when the draft has moved on to a human's decision or to
    another attempt."""
    result = session.execute(
        update(Draft).where(_this_attempt(draft), Draft.status.in_(from_statuses))
        .values(status=status, error=error[:2000] if error else None, **values)
        .execution_options(synchronize_session=False))
    if result.rowcount == 1:
        return True
    current = session.get(Draft, draft.id)
    _event(session, draft.ticket_id, f"{note} (attempt {draft.send_attempts}, reported after the draft moved on: "
           f"it is {current.status if current else 'gone'} now)", outcome="late")
    log.warning("send_outcome_late", draft_id=draft.id, attempt=draft.send_attempts, outcome=status,
                now=current.status if current else None)
    return False


def send_draft(engine: Engine, draft_id: int, settings, *,
               before_record: Callable[[], None] | None = None) -> str:
    """Send the approved draft ``draft_id``; returns the outcome.

    Outcomes: ``sent``, ``already_sent``, ``sending`` (another attempt holds the draft and its
    lease is alive: nothing done), ``uncertain`` (an earlier attempt's lease ran out without an
    outcome, or the connection broke mid-data: not resent), ``not_approved`` (pending,
    rejected...), ``failed`` (5xx, or attempts exhausted), ``not_found``.

    Args:
        before_record: called after the server accepted the message and before the outcome is
            committed; tests raise from it to simulate a crash at the worst moment.

    Raises:
        TransientSendError: retry later (the draft is back to ``approved``).
    """
    outcome, draft = _claim(engine, draft_id, settings)
    if outcome is not None:
        return outcome
    # The latest moment to start DATA, on this process's clock: the reply must come in the lease.
    data_by = time.monotonic() + (lease_end(draft) - utcnow()).total_seconds() - DATA_RESERVE * SMTP_TIMEOUT
    with session_scope(engine) as session:  # the reply goes out from the mailbox it came in to
        ticket = session.get(Ticket, draft.ticket_id)
        settings = settings.for_mailbox_key(ticket.mailbox if ticket else None)
    bound = log.bind(draft_id=draft_id, ticket_id=draft.ticket_id, attempt=draft.send_attempts)
    try:
        message = build_email(draft, settings)
    except (ValueError, TypeError, IndexError) as exc:
        with session_scope(engine) as session:
            if _record_outcome(session, draft, status="failed", error=f"cannot build the message: {exc}",
                               note=f"send failed: {exc}"):
                _event(session, draft.ticket_id, f"send failed: {exc}", outcome=FAILED)
        return FAILED
    try:
        smtp_send(message, settings, data_by=data_by)
    except TransientSendError as exc:
        note = f"send deferred (attempt {draft.send_attempts}): {exc}"
        with session_scope(engine) as session:  # nothing left our hands: safe to try again
            if _record_outcome(session, draft, status="approved", error=str(exc), note=note):
                _event(session, draft.ticket_id, note, outcome="deferred")
        bound.info("send_deferred", error=str(exc))
        raise
    except PermanentSendError as exc:
        with session_scope(engine) as session:
            if _record_outcome(session, draft, status="failed", error=str(exc), note=f"send failed: {exc}"):
                _event(session, draft.ticket_id, f"send failed: {exc}", outcome=FAILED)
        bound.warning("send_failed", error=str(exc))
        return FAILED
    except UncertainSendError as exc:
        with session_scope(engine) as session:
            if _record_outcome(session, draft, status="uncertain", error=str(exc),
                               note=f"send outcome uncertain: {exc}", from_statuses=("sending",)):
                _event(session, draft.ticket_id, f"send outcome uncertain: {exc}", outcome=UNCERTAIN)
        bound.warning("send_uncertain", error=str(exc))
        return UNCERTAIN

    if before_record is not None:
        before_record()
    with session_scope(engine) as session:
        if _record_outcome(session, draft, status="sent", error=None, sent_at=utcnow(),
                           note=f"{what(draft)} sent to {draft.to_email} ({message['Message-ID']})"):
            record_sent(session, session.get(Draft, draft_id), message, settings)
    bound.info("ack_sent", message_id=message["Message-ID"])
    append_to_sent(message.as_bytes(), settings)
    return SENT


def resolve_uncertain(engine: Engine, draft_id: int, settings, *, delivered: bool, actor: str) -> str:
    """A human's verdict on an uncertain (or failed) draft: it went out, or send it again.

    A draft still ``sending`` whose attempt's lease ran out is parked as uncertain first; one
    whose attempt is alive is refused: that attempt will record what the server said.

    Returns ``sent`` (recorded as delivered, nothing sent) or ``approved`` (the caller enqueues
    ``send``). Raises ValueError when the draft is being sent or is neither uncertain nor failed,
    or when another process changed it meanwhile.
    """
    from mediadesk.worker.drafting import DraftStateError, approve_draft

    now = utcnow()
    with session_scope(engine) as session:
        draft = session.get(Draft, draft_id)
        if draft is not None and attempt_alive(draft, now):
            raise ValueError(f"draft is being sent (attempt {draft.send_attempts}, started "
                             f"{draft.send_started_at.isoformat() if draft.send_started_at else 'earlier'}, holds it "
                             f"until {lease_end(draft).isoformat()}): wait for its outcome")
        if draft is None or draft.status not in ("uncertain", "failed", "sending"):
            raise ValueError(f"draft is {draft.status if draft else 'missing'}: nothing to resolve")
        if draft.status == "sending" and not _expire(session, draft, now, actor=actor):
            raise ValueError("the draft changed meanwhile: look at it again")
        session.refresh(draft)
        if delivered:
            seen = draft.status
            claimed = session.execute(
                update(Draft).where(Draft.id == draft_id, Draft.status == seen,
                                    Draft.send_attempts == draft.send_attempts)
                .values(status="sent").execution_options(synchronize_session=False)).rowcount == 1
            if not claimed:
                raise ValueError("the draft changed meanwhile: look at it again")
            record_sent(session, draft, build_email(draft, settings), settings, actor=actor,
                        note="acknowledgement confirmed delivered by a human")
            return "sent"
        try:
            if not approve_draft(session, draft, actor, resend=True):
                raise ValueError(f"draft is {draft.status}: nothing to resolve")
        except DraftStateError as exc:
            raise ValueError(str(exc)) from exc
        return "approved"
