"""Step 4, draft: the acknowledgement of a newly triaged ticket, in the inquirer's language.

The rules (who may be answered at all, rate limits, the auto-send policy) are
``worker/drafting``'s; each returns its reason, recorded as an event. A draft the auto-send
policy approves is collected on the batch, to be enqueued once the batch is committed.
"""

from __future__ import annotations

import structlog

from mediadesk.worker import workflow
from mediadesk.worker.batch import Batch, Item

log = structlog.get_logger("mediadesk.draft")

SYSTEM = "system"


def run(item: Item, batch: Batch) -> None:
    """Draft the acknowledgement of the ticket the triage step just triaged."""
    if not item.triaged:
        return
    from mediadesk.worker.drafting import create_draft, maybe_auto_approve

    session, ticket = batch.session, item.ticket
    settings = batch.settings.for_mailbox_key(ticket.mailbox)  # its address, signature, language
    if not item.new_ticket:
        session.flush()  # what this batch wrote on the ticket counts (an answer, a dropped draft)
    draft, reason = create_draft(session, ticket, item.message, item.inquiry, settings, batch.limiter,
                                 new_ticket=item.new_ticket, checked=item.ack_checked, sink=batch.event,
                                 stated=item.decision.stated if item.decision is not None else None)
    log.info("drafted" if draft is not None else "not_drafted", ticket_id=ticket.id, reason=reason)
    if not item.new_ticket and ticket.acknowledged_at is not None and ticket.status == "triaged":
        # The team answered before the requester's own mail was triaged.
        workflow.transition(session, ticket, "waiting", actor=SYSTEM, note="the team answered already",
                            sink=batch.event)
    if draft is None or not settings.auto_send_categories:
        return
    session.flush()
    approved, _why = maybe_auto_approve(session, ticket, draft, settings, parsed=item.inquiry, message=item.message,
                                        sink=batch.event)
    if approved:
        batch.approved.append(draft.id)


__all__ = ["run"]
