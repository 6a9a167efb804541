"""Step 3b, contact: the person behind the requester's address, and their outlet.

The reading (outlet registry by domain, free-mail domains implying nothing, the signature's
name, role, outlet and phone) is ``worker/contacts``'s; this step links the ticket to the
contact after triage, so that machines are never made contacts and the language is known.
Then, for a ticket triaged in this batch, the outlet weighs in (``worker/contacts/weigh.py``):
a known newsroom's letter is a likely press request, its tier may raise the priority (and so
the SLA), and the reasons join the ticket's explanation.
"""

from __future__ import annotations

import json

from mediadesk.storage.contacts import Contact, Outlet
from mediadesk.storage.models import PRIORITY_RANK
from mediadesk.worker import thread as core
from mediadesk.worker import workflow
from mediadesk.worker.batch import Batch, Item

SYSTEM = "system"


def ahead(item: Item, registry) -> None:
    """Read the sender's signature and outlet before the write lock (pure CPU, as triage ahead):
    only for a message triage found genuine, whose sender would become a contact."""
    decision, parsed = item.decision, item.inquiry
    if decision is None or parsed is None or decision.automated_kind or decision.category in ("automated", "spam"):
        return
    from mediadesk.worker.contacts.service import recognise_sender

    email = (parsed.from_email or "").strip().lower()
    if "@" in email:
        item.recognition = (email, registry, recognise_sender(email, parsed, registry))


def registry_for(engine):
    """The outlet registry, as the contact step will find it in the write transaction."""
    from mediadesk.storage.db import read_scope
    from mediadesk.worker.contacts.service import load_registry

    with read_scope(engine) as session:
        return load_registry(session)[0]


def run(item: Item, batch: Batch) -> None:
    """Link a new ticket, or the requester's own follow-up, to the requester's contact; then let
    the contact's outlet weigh on a ticket triaged in this batch."""
    ticket = item.ticket
    if ticket is None:
        return
    contact = _link(item, batch)
    if item.triaged and ticket.contact_id is not None:
        weigh_outlet(item, batch, contact)


def _link(item: Item, batch: Batch) -> Contact | None:
    ticket = item.ticket
    if item.inquiry is None or item.result is None:
        return None
    if not (item.new_ticket or item.result.role == core.REQUESTER) or ticket.automated_kind:
        return None
    if item.result.role == core.TEAM or (item.new_ticket and item.message is not None and item.message.direction == "out"):
        return None  # the office's own answer
    from mediadesk.worker.contacts.service import link_contact

    linked = link_contact(batch.session, item.ticket, item.inquiry, batch.settings, language=ticket.language,
                          recognised=item.recognition, lookup=lambda email: _lookup(batch, email),
                          created=lambda email: batch.no_contact.discard(email))
    return linked.contact if linked is not None else None


def _lookup(batch: Batch, email: str) -> Contact | None:
    """An address's contact: the batch's senders are looked up in one query, the first time."""
    from mediadesk.storage.contacts import contact_by_email, contacts_by_email

    if batch.contacts is None:
        senders = {(item.inquiry.from_email or "").strip().lower() for item in batch.items
                   if item.inquiry is not None and item.inquiry.from_email}
        senders.add(email)
        batch.contacts = contacts_by_email(batch.session, senders)
        batch.no_contact = senders - batch.contacts.keys()
    if email in batch.contacts:
        return batch.contacts[email]
    if email in batch.no_contact:
        return None  # none when the batch began, and none made since
    return contact_by_email(batch.session, email)


def weigh_outlet(item: Item, batch: Batch, contact: Contact | None = None) -> None:
    """Apply ``weigh`` to the ticket: priority, SLA due times, explanation, review flag, event."""
    from mediadesk.worker.contacts.weigh import OutletView, weigh
    from mediadesk.worker.steps.triage import sla_due

    session, ticket, settings = batch.session, item.ticket, batch.settings
    with session.no_autoflush:
        if contact is None or contact.id != ticket.contact_id:
            contact = session.get(Contact, ticket.contact_id)
        row = session.get(Outlet, contact.outlet_id) if contact is not None and contact.outlet_id else None
    if row is None:
        return
    result = weigh(category=ticket.category, priority=ticket.priority, outlet=OutletView(row.name, row.kind, row.tier),
                   via=contact.outlet_via, tier_priority=settings.tier_priority)
    if not result.reasons:
        return
    explanation = json.loads(ticket.explanation) if ticket.explanation else []
    ticket.explanation = json.dumps([*explanation, *result.reasons], ensure_ascii=False)
    if result.review and result.review not in (ticket.review_reason or ""):
        ticket.needs_review = True
        ticket.review_reason = "; ".join(r for r in (ticket.review_reason, result.review) if r)[:2000]
    if result.priority != ticket.priority:
        workflow.record(session, ticket, "triage", actor=SYSTEM, sink=batch.event,
                        note=f"priority {ticket.priority} → {result.priority}: outlet {row.name} (tier {row.tier})")
        ticket.priority, ticket.priority_rank = result.priority, PRIORITY_RANK.get(result.priority, 2)
        ticket.first_response_due_at, ticket.due_at = sla_due(ticket.created_at, result.priority, ticket.deadline,
                                                              settings)
    session.add(ticket)


__all__ = ["ahead", "registry_for", "run", "weigh_outlet"]
