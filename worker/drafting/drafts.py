"""The draft's life before sending: create it after triage, then edit, approve or reject it.

Functions take the caller's session and never commit: the caller owns the transaction. Every
decision, including a refusal to draft, is recorded as a ticket event with its reason.
"""

from __future__ import annotations

from sqlalchemy import inspect, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from mediadesk.storage.models import Draft, Message, Ticket, utcnow
from mediadesk.storage.statuses import (APPROVED, DRAFT_IN_FLIGHT, DRAFT_SETTLED, FAILED, PENDING, REJECTED, SENT,
                                         UNCERTAIN, draft_may)
from mediadesk.worker.drafting.limiter import count_recent_drafts
from mediadesk.worker.drafting.message import new_message_id, references_for, reply_subject
from mediadesk.worker.drafting.render import deadline_as_stated, render_ack, text_to_html
from mediadesk.worker.drafting.rules import AckFacts, auto_send_decision, eligibility, headers_of, review_flags
from mediadesk.worker.workflow import add_event

SYSTEM = "system"
AUTO_SEND_ACTOR = "auto-send"


class DraftStateError(ValueError):
    """The draft's status does not allow this action; the message says what would."""


def _event(session: Session, ticket_id: int, note: str, *, actor: str = SYSTEM, kind: str = "draft",
           sink=None) -> None:
    add_event(session, sink=sink, ticket_id=ticket_id, actor=actor, kind=kind, note=note)


def already_acknowledged(session: Session, ticket_id: int) -> bool:
    """A draft (in any status) or an outbound message exists: one acknowledgement per ticket."""
    if session.exec(select(Draft.id).where(Draft.ticket_id == ticket_id)).first() is not None:
        return True
    outbound = select(Message.id).where(Message.ticket_id == ticket_id, Message.direction == "out")
    return session.exec(outbound).first() is not None


def _facts_of_parsed(parsed, category: str | None, automated_kind: str | None,
                     already_acknowledged: bool = False) -> AckFacts:
    return AckFacts(
        recipient=(parsed.reply_to or parsed.from_email or "").strip() or None,
        from_email=parsed.from_email,
        category=category,
        automated_kind=automated_kind,
        headers=headers_of(parsed),
        part_types=tuple(parsed.part_types),
        already_acknowledged=already_acknowledged,
    )


def check_new(parsed, decision, settings) -> tuple[str | None, tuple[bool, str]]:
    """Whether a new ticket with this triage decision may be acknowledged, and to whom: the
    rules ``create_draft`` applies, before the ticket exists (it takes the answer as ``checked``)."""
    if parsed is None or decision is None:
        return None, (False, "no triage decision")
    facts = _facts_of_parsed(parsed, decision.category, decision.automated_kind)
    checked = eligibility(facts, settings.our_addresses)
    return (facts.recipient if checked[0] else None), checked


def ack_recipient(parsed, decision, settings) -> str | None:
    """Where the acknowledgement of a new ticket with this triage decision would go, or None."""
    return check_new(parsed, decision, settings)[0]


def facts_for(session: Session | None, ticket: Ticket, message: Message, parsed) -> AckFacts:
    """Gather the rule inputs; Reply-To wins over From as the recipient."""
    if parsed is not None:
        acknowledged = already_acknowledged(session, ticket.id) if session is not None else False
        return _facts_of_parsed(parsed, ticket.category, ticket.automated_kind, acknowledged)
    headers = headers_of(None, message)
    ctype = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return AckFacts(
        recipient=(message.reply_to or message.from_email or ticket.requester_email or "").strip() or None,
        from_email=message.from_email,
        category=ticket.category,
        automated_kind=ticket.automated_kind,
        headers=headers,
        part_types=(ctype,) if ctype else (),
        already_acknowledged=already_acknowledged(session, ticket.id) if session is not None else False,
    )


def _rate_limited(session: Session, recipient: str, settings, limiter) -> str | None:
    limit, window = settings.ack_rate_limit, settings.ack_rate_window_seconds
    if limit <= 0:
        return None
    if limiter is not None:
        try:
            if limiter.allow(recipient):
                return None
            return f"rate-limited: {limit} acknowledgements per {window} s to this sender (redis)"
        except Exception:  # Redis went away mid-way: the database count still holds the line
            pass
    session.flush()  # drafts added earlier in this transaction count too
    if count_recent_drafts(session, recipient, window) < limit:
        return None
    return f"rate-limited: {limit} acknowledgements per {window} s to this sender (database count)"


def create_draft(session: Session, ticket: Ticket, message: Message, parsed, settings,
                 limiter=None, *, new_ticket: bool = False, checked: tuple[bool, str] | None = None,
                 sink=None, stated=None) -> tuple[Draft | None, str]:
    """Draft the acknowledgement of ``ticket`` after triage, or say why not.

    Args:
        ticket: the triaged ticket (category, language, deadline, priority, ref set).
        message: the inquiry as stored; ``parsed``: the same mail parsed, or None.
        limiter: a ``RedisAckLimiter``, or None to count recent drafts in the database.
        new_ticket: the ticket was created in this very transaction, so no other transaction can
            have drafted or answered it: nothing to look up, nothing to race.
        checked: ``check_new``'s eligibility for this ticket's decision, when the caller has it.
        sink: where the events go (a batch's), else the session.
        stated: the deadline as triage read it in ``parsed`` (``TriageDecision.stated``), when
            the caller has it: used if it is still the ticket's, else the message is read again.

    Returns ``(draft, "drafted ...")`` with the pending draft added to the session, or
    ``(None, reason)``. Records a ``draft`` event either way; the caller commits.
    """
    facts = facts_for(None if new_ticket else session, ticket, message, parsed)
    ok, reason = checked if checked is not None and new_ticket else eligibility(facts, settings.our_addresses)
    if not ok:
        _event(session, ticket.id, f"no acknowledgement: {reason}", sink=sink)
        return None, reason
    recipient = facts.recipient
    limited = _rate_limited(session, recipient, settings, limiter)
    if limited:
        _event(session, ticket.id, f"no acknowledgement: {limited}", sink=sink)
        return None, limited

    requester_name = (parsed.from_name if parsed is not None else message.from_name) or ticket.requester_name
    if stated is None or ticket.deadline is None or stated.at != ticket.deadline:
        stated = deadline_as_stated(ticket, parsed, settings)
    rendered = render_ack(ticket, settings, name=requester_name, stated=stated)
    ref = ticket.ref or str(ticket.id)
    inquiry_id = (parsed.message_id if parsed is not None else None) or message.message_id
    earlier = parsed.references if parsed is not None else message.references
    same_person = recipient.lower() == (facts.from_email or "").lower()
    draft = Draft(
        ticket_id=ticket.id,
        status="pending",
        language=rendered.language,
        to_email=recipient,
        to_name=requester_name if same_person else None,
        subject=reply_subject((parsed.subject if parsed is not None else message.subject) or ticket.subject, ref),
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        in_reply_to=inquiry_id,
        references=references_for(inquiry_id, earlier),
        message_id=new_message_id(ref, settings.media_address),
    )
    try:
        if new_ticket:
            session.add(draft)
        else:
            with session.begin_nested():  # a concurrent draft for the same ticket loses here, quietly
                session.add(draft)
                session.flush()
    except IntegrityError:
        reason = "ticket already has an acknowledgement"
        _event(session, ticket.id, f"no acknowledgement: {reason}", sink=sink)
        return None, reason
    flags = review_flags(facts.headers)
    note = f"pending draft ({rendered.language}) to {recipient}"
    if flags:
        note += "; review needed: " + ", ".join(flags)
    _event(session, ticket.id, note, sink=sink)
    return draft, f"drafted ({rendered.language})"


def compare_and_set(session: Session, draft: Draft, **values) -> bool:
    """Write ``values`` only if the draft still has the status the caller read.

    ``UPDATE draft SET ... WHERE id = :id AND status = :seen``: of two reviewers acting on the
    same draft at once (approve and reject, say) exactly one wins, on PostgreSQL as on SQLite,
    and the loser is not fooled by what it read. Returns False, with ``draft`` reloaded, when
    another transaction changed the status first.
    """
    state = inspect(draft)
    if not state.persistent or draft.id is None:  # not in the database yet: no one else can see it
        for key, value in values.items():
            setattr(draft, key, value)
        return True
    seen = draft.status
    session.flush()  # changes the caller made to this draft go first
    result = session.execute(update(Draft).where(Draft.id == draft.id, Draft.status == seen).values(**values)
                             .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        session.refresh(draft)
        return False
    for key, value in values.items():
        set_committed_value(draft, key, value)
    return True


def _changed_meanwhile(draft: Draft, seen: str) -> DraftStateError:
    who = f" by {draft.approved_by}" if draft.status == "approved" and draft.approved_by else ""
    return DraftStateError(f"the draft was {seen} when read, and has become {draft.status}{who} meanwhile: "
                           "look at it again (`mediadesk draft show`)")


def approve_draft(session: Session, draft: Draft, actor: str, *, resend: bool = False) -> bool:
    """Approve ``draft`` for sending; the caller commits, then enqueues ``send``.

    A conditional update of the status the caller read: two approvals enqueue once, and an
    approval racing a rejection either wins or says so.

    Returns False when it is already approved, sending or sent (safe to repeat: the caller does
    not enqueue again). A failed or uncertain draft is approved again only with ``resend=True``,
    a human's explicit decision.

    Raises:
        DraftStateError: the draft is failed/uncertain and ``resend`` was not given, or another
            transaction moved it to a status approval does not follow (rejected, edited...).
    """
    if draft.status in (*DRAFT_IN_FLIGHT, SENT):
        return False
    if draft.status in (FAILED, UNCERTAIN) and not resend:
        raise DraftStateError(
            f"the draft is {draft.status}"
            + (" (it may have been delivered)" if draft.status == "uncertain" else "")
            + ": approve it with --resend to send it again")
    previous = draft.status
    if previous == REJECTED:
        raise DraftStateError("the draft was rejected: re-open it first (`mediadesk draft reopen`, or change it "
                              "with `mediadesk draft edit`), read it, then approve it")
    if not draft_may(previous, APPROVED):
        raise DraftStateError(f"the draft is {previous}: it cannot be approved")
    values = {"status": APPROVED, "approved_by": actor, "approved_at": utcnow()}
    if previous in ("failed", "uncertain"):
        values["error"] = None
    if not compare_and_set(session, draft, **values):
        if draft.status in ("approved", "sending", "sent"):
            return False  # another approval won: it enqueued
        raise _changed_meanwhile(draft, previous)
    note = "draft approved" if previous == PENDING else f"draft re-queued after {previous}"
    _event(session, draft.ticket_id, note, actor=actor)
    return True


def reject_draft(session: Session, draft: Draft, actor: str, note: str | None = None) -> bool:
    """Reject ``draft``: it will not be sent. False when already rejected.

    A conditional update of the status the caller read, like ``approve_draft``.

    Raises:
        DraftStateError: the draft is being sent or was sent, or another transaction changed it
            since the caller read it.
    """
    if draft.status == REJECTED:
        return False
    if not draft_may(draft.status, REJECTED):
        raise DraftStateError(f"the draft is {draft.status}: it can no longer be rejected")
    previous = draft.status
    if not compare_and_set(session, draft, status=REJECTED):
        if draft.status == "rejected":
            return False
        raise _changed_meanwhile(draft, previous)
    _event(session, draft.ticket_id, "draft rejected" + (f": {note}" if note else ""), actor=actor)
    return True


def edit_draft(session: Session, draft: Draft, text: str, actor: str) -> bool:
    """Replace the draft's text (the HTML is regenerated from it). False when unchanged.

    An approved draft goes back to pending: what was approved is not what would be sent; a
    rejected one is re-opened (pending) with the new text. A conditional update, like
    ``approve_draft``: never over a send that claimed the draft meanwhile.

    Raises:
        DraftStateError: the draft is being sent, was sent, or its outcome is uncertain, or
            another transaction changed its status since the caller read it.
    """
    if draft.status in ("sending", "sent", "uncertain"):
        raise DraftStateError(f"the draft is {draft.status}: it can no longer be edited")
    text = text.replace("\r\n", "\n").rstrip() + "\n"
    if text == draft.body_text:
        return False
    values = {"body_text": text, "body_html": text_to_html(text, draft.language or "en"), "edited_by": actor}
    note = "draft edited"
    previous = draft.status
    if previous == "approved":
        values |= {"status": "pending", "approved_by": None, "approved_at": None}
        note += "; approval withdrawn"
    elif previous == REJECTED:
        values["status"] = PENDING
        note += "; re-opened for review"
    if not compare_and_set(session, draft, **values):  # a send may have claimed it meanwhile
        raise _changed_meanwhile(draft, previous)
    _event(session, draft.ticket_id, note, actor=actor)
    return True


def reopen_draft(session: Session, draft: Draft, actor: str) -> bool:
    """Put a rejected draft back under review (``pending``), to be read and approved again.
    False when it is pending already.

    Raises:
        DraftStateError: the draft is neither rejected nor pending, or changed meanwhile.
    """
    if draft.status == PENDING:
        return False
    previous = draft.status
    if previous != REJECTED:
        raise DraftStateError(f"the draft is {previous}: only a rejected draft is re-opened")
    if not compare_and_set(session, draft, status=PENDING):
        if draft.status == PENDING:
            return False
        raise _changed_meanwhile(draft, previous)
    _event(session, draft.ticket_id, "draft re-opened for review", actor=actor)
    return True


def withdraw_pending(session: Session, ticket: Ticket, why: str, *, actor: str) -> int:
    """Reject the ticket's drafts still waiting for review, because ``why`` (the ticket was
    closed, resolved, merged): nobody should approve an acknowledgement for a finished
    conversation from ``draft list``. One approved already is left to go: a person decided it.
    Returns how many were withdrawn; records an event for each. The caller commits."""
    withdrawn = 0
    for draft in session.exec(select(Draft).where(Draft.ticket_id == ticket.id, Draft.status == PENDING)).all():
        # Conditional on the status read: a reviewer approving it at this moment keeps it.
        if compare_and_set(session, draft, status=REJECTED):
            what = "acknowledgement" if draft.kind == "ack" else f"reply with statement {draft.statement_id}"
            _event(session, ticket.id, f"pending {what} withdrawn: {why}", actor=actor)
            withdrawn += 1
    return withdrawn


def maybe_auto_approve(session: Session, ticket: Ticket, draft: Draft, settings, *, parsed=None,
                       message: Message | None = None, sink=None) -> tuple[bool, str]:
    """Apply the auto-send policy to a new draft: approve it when its category is listed.

    Returns ``(approved, reason)``; the caller commits and, when approved, enqueues ``send``.
    """
    headers = headers_of(parsed, message)
    ok, reason = auto_send_decision(ticket.category, ticket.needs_review, headers, settings.auto_send_categories)
    if ok:
        approve_draft(session, draft, AUTO_SEND_ACTOR)
    else:
        _event(session, ticket.id, f"waits for review: {reason}", sink=sink)
    return ok, reason


def draft_for_ticket(session: Session, ticket_id: int) -> Draft | None:
    """The ticket's draft under review: its newest unsettled draft (a reply with a statement, or
    the acknowledgement), else its acknowledgement, else its newest draft."""
    drafts = session.exec(select(Draft).where(Draft.ticket_id == ticket_id).order_by(Draft.id.desc())).all()
    for draft in drafts:
        if draft.status not in DRAFT_SETTLED:
            return draft
    return next((d for d in drafts if d.kind == "ack"), drafts[0] if drafts else None)


def find_ticket(session: Session, ref: str) -> Ticket | None:
    """A ticket by reference (``repo.ticket_by_ref``: ``MR-42``, ``mr-42``, ``42``, ``[MR-42]``)."""
    from mediadesk.storage.repo import ticket_by_ref

    return ticket_by_ref(session, ref)
