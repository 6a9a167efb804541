"""Threading: which ticket a message continues, if any, and in what role. A pure core.

A ticket is one inquirer's conversation. A message joins one only when it continues a
conversation *with that ticket's requester*:

- it refers (In-Reply-To/References) to a message on the ticket and comes from the requester,
  from an addressee or CC of a message on it, or from the requester's own (non-free-mail)
  domain: a colleague answering "reply all";
- it carries the ticket's ``[MR-n]`` tag and comes from the requester;
- it was answered already by a message on the ticket (out-of-order arrival) and its sender is
  related as above;
- it shares a parent that is on no ticket (a press release, a newsletter) with a ticket whose
  requester is the same sender: twenty journalists replying to one release are twenty tickets.

A message from the office itself (an internal domain, or one of our own addresses) that
continues a ticket is the team's answer, never a new inquiry. A message that refers to a ticket
it may not join opens a new ticket related to that one.

The caller loads what these rules read (``Lookup``) and applies the ``Decision``; nothing here
touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from mediadesk.worker.addresses import in_domains, organisation_domain

TAG_RE = re.compile(r"\[\s*(MR-\d+)\s*\]", re.IGNORECASE)
MAX_REFS = 50  # Message-IDs of one message considered for threading
_ADDRESS_RE = re.compile(r"[^\s<>,;:\"'()\[\]]+@[^\s<>,;:\"'()\[\]]+")

# Roles of the sender on the ticket the message joins.
REQUESTER, PARTICIPANT, COLLEAGUE, TEAM = "requester", "participant", "colleague", "team"
JOINING_ROLES = (REQUESTER, PARTICIPANT, COLLEAGUE, TEAM)


def addresses_in(text: str | None) -> list[str]:
    """The e-mail addresses in a stored To/Cc value (``a@x, B <b@y>``), lower-case."""
    return [a.lower().strip(".") for a in _ADDRESS_RE.findall(text or "")]


@dataclass
class TicketView:
    """What threading knows of a ticket: its requester and everyone in its conversation."""

    id: int
    requester: str
    participants: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Facts:
    """What threading reads of one message."""

    message_id: str | None
    refs: tuple[str, ...]  # In-Reply-To first, then References from the most recent back
    sender: str
    tags: tuple[int, ...] = ()  # ticket ids named by [MR-n] in the subject
    recipients: tuple[str, ...] = ()  # To and Cc, lower-case
    forged: bool = False  # the receiving server found the sender's domain forged (SPF/DKIM/DMARC)


@dataclass(frozen=True)
class Policy:
    """Whose mail is the office's own: internal domains (MEDIADESK_INTERNAL_DOMAINS) and our addresses."""

    internal_domains: tuple[str, ...] = ()
    our_addresses: frozenset[str] = frozenset()

    def is_internal(self, address: str | None) -> bool:
        address = (address or "").lower()
        return bool(address) and (address in self.our_addresses or in_domains(address, self.internal_domains))


@dataclass(frozen=True)
class Decision:
    """Join ``ticket_id`` as ``role``, or (``ticket_id`` None) open a new ticket.

    ``related_to``: the ticket a new one refers to but may not join. ``requester``: for a new
    ticket opened by the team's answer to mail we have not seen yet, the person answered.
    """

    ticket_id: int | None
    role: str | None = None
    related_to: int | None = None
    requester: str | None = None
    reasons: tuple[str, ...] = ()
    earlier: bool = False  # the message precedes the ticket's conversation (it was answered there)
    # Tickets opened by replies to this message from outside its conversation (they arrived first).
    answered_by: tuple[int, ...] = ()

    @property
    def starts_conversation(self) -> bool:
        """The message began the conversation of the ticket it joins, which a reply opened
        because it was processed first: its sender is the ticket's rightful requester."""
        return self.earlier and self.role in (PARTICIPANT, COLLEAGUE)


class Lookup(Protocol):
    def tickets_of(self, message_ids: Iterable[str]) -> list[int]:
        """Tickets holding messages with these Message-IDs, in the order of ``message_ids``."""

    def referrer_tickets(self, keys: Iterable[str]) -> list[int]:
        """Tickets of stored messages that name one of ``keys`` in In-Reply-To/References, earliest first."""

    def view(self, ticket_id: int) -> TicketView | None:
        """The ticket (merges followed), or None when it does not exist."""


def relation(sender: str, ticket: TicketView, policy: Policy, *, forged: bool = False) -> str | None:
    """The sender's role in the ticket's conversation, or None when they have none (``forged``:
    the receiving server found the sender's domain forged, so the claim counts for nothing)."""
    if forged:  # the sender's domain failed authentication: a claim to be anyone counts for nothing
        return None
    if policy.is_internal(sender):
        return TEAM
    if sender and sender == ticket.requester:
        return REQUESTER
    if sender and sender in ticket.participants:
        return PARTICIPANT
    domain = organisation_domain(sender)
    if domain and domain == organisation_domain(ticket.requester) and not policy.is_internal(ticket.requester):
        return COLLEAGUE
    return None


def _views(lookup: Lookup, ticket_ids: Iterable[int]) -> list[TicketView]:
    seen, views = set(), []
    for ticket_id in ticket_ids:
        view = lookup.view(ticket_id)
        if view is not None and view.id not in seen:
            seen.add(view.id)
            views.append(view)
    return views


def decide(facts: Facts, lookup: Lookup, policy: Policy) -> Decision:
    """Which ticket this message continues, and why."""
    sender = facts.sender
    refs = facts.refs[:MAX_REFS]
    office = policy.is_internal(sender) and not facts.forged
    related: TicketView | None = None
    # 1. It answers a message that is on a ticket.
    for ticket in _views(lookup, lookup.tickets_of(refs)):
        role = relation(sender, ticket, policy, forged=facts.forged)
        if role:
            return Decision(ticket.id, role, reasons=(f"refers to a message on MR-{ticket.id}; sender is the {role}",))
        related = related or ticket
    # 2. The [MR-n] tag, from the requester only: a copied tag gives a stranger nothing.
    for ticket in _views(lookup, facts.tags if not facts.forged else ()):
        if sender and sender == ticket.requester:
            return Decision(ticket.id, REQUESTER, reasons=(f"subject tag [MR-{ticket.id}] from its requester",))
        if office:
            return Decision(ticket.id, TEAM, reasons=(f"subject tag [MR-{ticket.id}] from the office",))
    # 3. Mail not always arrives in order: a stored message may answer this one.
    answered_by: list[int] = []
    if facts.message_id:
        for ticket in _views(lookup, lookup.referrer_tickets([facts.message_id])):
            role = relation(sender, ticket, policy, forged=facts.forged)
            if role:
                return Decision(ticket.id, role, earlier=True, answered_by=tuple(answered_by),
                                reasons=(f"answered already on MR-{ticket.id}; sender is the {role}",))
            answered_by.append(ticket.id)
    # 4. A parent on no ticket (a release, a newsletter) ties only the same sender together.
    if refs and not facts.forged:
        for ticket in _views(lookup, lookup.referrer_tickets(refs)):
            if sender and sender == ticket.requester:
                return Decision(ticket.id, REQUESTER, answered_by=tuple(answered_by),
                                reasons=(f"shares a parent with MR-{ticket.id}, from the same sender",))
            if office and sender in ticket.participants:
                return Decision(ticket.id, TEAM, answered_by=tuple(answered_by),
                                reasons=(f"the office in the conversation of MR-{ticket.id}",))
    related_id = related.id if related is not None else None
    why = (f"refers to MR-{related_id}, whose conversation the sender is not part of",) if related_id else ()
    if refs and office:
        # The office answering mail we have not seen (yet): the ticket belongs to the person answered.
        outside = [a for a in facts.recipients if a and not policy.is_internal(a)]
        if outside:
            return Decision(None, TEAM, related_id, requester=outside[0], answered_by=tuple(answered_by),
                            reasons=(*why, f"the office answering {outside[0]}, whose mail is on no ticket yet"))
    return Decision(None, None, related_id, answered_by=tuple(answered_by), reasons=why or ("starts a conversation",))


_RESULT_RE = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)


def forged(authentication_results: str | None) -> bool:
    """Whether the receiving server's Authentication-Results (RFC 8601; the topmost, which our
    own server wrote) says the sender's domain is forged: DMARC failed, or, without a DMARC
    verdict, SPF failed and no DKIM signature passed."""
    if not authentication_results:
        return False
    results: dict[str, set[str]] = {}
    for method, result in _RESULT_RE.findall(authentication_results):
        results.setdefault(method.lower(), set()).add(result.lower())
    if "dmarc" in results:
        return "fail" in results["dmarc"] and "pass" not in results["dmarc"]
    return bool(results.get("spf", set()) & {"fail", "softfail"}) and "pass" not in results.get("dkim", set())


def facts_of(parsed, *, tags: Iterable[int] = ()) -> Facts:
    """Threading facts of a parsed message (``tags``: ticket ids parsed from its subject)."""
    refs = [r for r in [parsed.in_reply_to, *reversed(parsed.references)] if r]
    return Facts(
        message_id=parsed.message_id,
        refs=tuple(dict.fromkeys(refs)),
        sender=(parsed.from_email or "").lower(),
        tags=tuple(tags),
        recipients=tuple(a.lower() for a in (*parsed.to, *parsed.cc) if a),
        forged=forged(parsed.headers.get("authentication-results")),
    )


__all__ = ["Decision", "Facts", "Lookup", "Policy", "TicketView", "decide", "facts_of", "forged", "relation", "addresses_in",
           "TAG_RE", "MAX_REFS", "REQUESTER", "PARTICIPANT", "COLLEAGUE", "TEAM"]
