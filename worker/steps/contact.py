"""Step 3b, contact: the person behind the requester's address, and their outlet.

The reading (outlet registry by domain, free-mail domains implying nothing, the signature's
name, role, outlet and phone) is ``worker/contacts``'s; this step links the ticket to the
contact after triage, so that machines are never made contacts and the language is known.
"""

from __future__ import annotations

from mediadesk.worker import thread as core
from mediadesk.worker.batch import Batch, Item


def run(item: Item, batch: Batch) -> None:
    """Link a new ticket, or the requester's own follow-up, to the requester's contact."""
    ticket = item.ticket
    if ticket is None or item.inquiry is None or item.result is None:
        return
    if not (item.new_ticket or item.result.role == core.REQUESTER) or ticket.automated_kind:
        return
    if item.result.role == core.TEAM or (item.new_ticket and item.message is not None and item.message.direction == "out"):
        return  # the office's own answer
    from mediadesk.worker.contacts.service import link_contact

    link_contact(batch.session, ticket, item.inquiry, batch.settings, language=ticket.language)


__all__ = ["run"]
