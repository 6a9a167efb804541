"""Ticket and draft statuses and the moves between them, as data: the one place they are named.

Tickets: ``new → triaged → acknowledged → in_progress ⇄ waiting → resolved → closed``; ``ignored``
for automated mail and spam; a new inbound message reopens a resolved or closed ticket.

Drafts (the acknowledgement): ``pending → approved → sending → sent``, at most once; a send that
fails for good is ``failed``, one whose outcome is unknown (the attempt's lease ran out) is
``uncertain`` until a human resolves it; ``rejected`` is never sent, unless a person re-opens it
(``pending`` again, by ``draft reopen`` or an edit) and approves it then: a rejection is not undone
by one approval typed at the wrong ticket. Closing, resolving or merging a ticket rejects its
pending drafts (withdrawn).

Statements: ``draft → approved → withdrawn`` (a draft may be withdrawn unapproved).
"""

from __future__ import annotations

TICKET_STATUSES = ("new", "triaged", "acknowledged", "in_progress", "waiting", "resolved", "closed", "ignored")
OPEN_STATUSES = ("new", "triaged", "acknowledged", "in_progress", "waiting")
CLOSED_STATUSES = ("resolved", "closed")

# Who may go where. Reopening (resolved/closed → in_progress) is also what a new inbound
# message on such a ticket does.
TICKET_TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"triaged", "ignored", "acknowledged", "in_progress", "resolved", "closed"}),
    "triaged": frozenset({"acknowledged", "in_progress", "waiting", "resolved", "closed", "ignored"}),
    "acknowledged": frozenset({"in_progress", "waiting", "resolved", "closed"}),
    "in_progress": frozenset({"waiting", "resolved", "closed"}),
    "waiting": frozenset({"in_progress", "resolved", "closed"}),
    "resolved": frozenset({"closed", "in_progress"}),
    "closed": frozenset({"in_progress"}),
    "ignored": frozenset({"triaged", "in_progress", "closed"}),
}

PENDING, APPROVED, SENDING, SENT = "pending", "approved", "sending", "sent"
FAILED, UNCERTAIN, REJECTED = "failed", "uncertain", "rejected"
DRAFT_STATUSES = (PENDING, APPROVED, SENDING, SENT, UNCERTAIN, FAILED, REJECTED)
DRAFT_TRANSITIONS: dict[str, frozenset[str]] = {
    PENDING: frozenset({APPROVED, REJECTED}),
    APPROVED: frozenset({SENDING, PENDING, REJECTED}),  # pending: edited after approval
    SENDING: frozenset({SENT, FAILED, UNCERTAIN, APPROVED}),  # approved: a passing failure, retried
    UNCERTAIN: frozenset({SENT, FAILED, APPROVED, REJECTED}),  # a human resolves it (approved: resend)
    FAILED: frozenset({APPROVED, REJECTED}),  # approved: resend
    # Only back to review: re-opened by a person (or the spam mark that withdrew it undone).
    REJECTED: frozenset({PENDING}),
    SENT: frozenset(),
}
DRAFT_SETTLED = (SENT, REJECTED)  # nothing more will happen to it
DRAFT_IN_FLIGHT = (APPROVED, SENDING)  # on its way: approving again adds nothing


# Statements (storage/stories.py): written, approved by someone, withdrawn when no longer true.
STATEMENT_STATUSES = ("draft", "approved", "withdrawn")
STATEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"approved", "withdrawn"}),
    "approved": frozenset({"withdrawn"}),
    "withdrawn": frozenset(),
}
# Drafts come in two kinds: the acknowledgement (one per ticket) and a reply with a statement.
DRAFT_KINDS = ("ack", "reply")


def statement_may(from_status: str, to_status: str) -> bool:
    return to_status in STATEMENT_TRANSITIONS.get(from_status, frozenset())


def ticket_may(from_status: str, to_status: str) -> bool:
    return to_status in TICKET_TRANSITIONS.get(from_status, frozenset())


def draft_may(from_status: str, to_status: str) -> bool:
    return to_status in DRAFT_TRANSITIONS.get(from_status, frozenset())


__all__ = ["TICKET_STATUSES", "OPEN_STATUSES", "CLOSED_STATUSES", "TICKET_TRANSITIONS", "DRAFT_STATUSES",
           "DRAFT_TRANSITIONS", "DRAFT_SETTLED", "DRAFT_IN_FLIGHT", "ticket_may", "draft_may",
           "PENDING", "APPROVED", "SENDING", "SENT", "FAILED", "UNCERTAIN", "REJECTED", "STATEMENT_STATUSES",
           "STATEMENT_TRANSITIONS", "DRAFT_KINDS", "statement_may"]
