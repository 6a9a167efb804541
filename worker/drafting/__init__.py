"""Acknowledgement drafts: loop-proof eligibility, templates per language, review actions.

The public surface; the modules behind it are ``rules`` (who may get an acknowledgement),
``limiter`` (per-sender rate limit), ``render`` and ``localise`` (templates and wording),
``message`` (the RFC 5322 message) and ``drafts`` (create, edit, approve, reject).
"""

from mediadesk.worker.drafting.drafts import (
    AUTO_SEND_ACTOR,
    DraftStateError,
    ack_recipient,
    check_new,
    already_acknowledged,
    approve_draft,
    create_draft,
    draft_for_ticket,
    edit_draft,
    facts_for,
    find_ticket,
    maybe_auto_approve,
    reject_draft,
    reopen_draft,
    withdraw_pending,
)
from mediadesk.worker.drafting.limiter import RedisAckLimiter, count_recent_drafts
from mediadesk.worker.drafting.message import (
    build_email,
    is_our_message_id,
    new_message_id,
    reply_subject,
)
from mediadesk.worker.drafting.render import Rendered, render_ack, text_to_html
from mediadesk.worker.drafting.rules import AckFacts, auto_send_decision, eligibility, review_flags

__all__ = [
    "AUTO_SEND_ACTOR",
    "AckFacts",
    "DraftStateError",
    "RedisAckLimiter",
    "Rendered",
    "ack_recipient",
    "check_new",
    "already_acknowledged",
    "approve_draft",
    "auto_send_decision",
    "build_email",
    "count_recent_drafts",
    "create_draft",
    "draft_for_ticket",
    "edit_draft",
    "eligibility",
    "facts_for",
    "find_ticket",
    "is_our_message_id",
    "maybe_auto_approve",
    "new_message_id",
    "reject_draft",
    "reopen_draft",
    "withdraw_pending",
    "render_ack",
    "reply_subject",
    "review_flags",
    "text_to_html",
]
