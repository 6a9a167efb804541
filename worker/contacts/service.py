"""Contacts in the database: link a ticket to its requester's contact, merge contacts, and keep
the office's outlet registry (import, export, the domains nobody has classified yet).

Keyword-light functions that take the session; the caller owns the transaction (nothing here
commits). ``link_contact`` is the ingest step: the lead wires it into the pipeline.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from types import SimpleNamespace
from typing import Callable, Iterable

from sqlalchemy import func, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mediadesk.storage.contacts import Contact, ContactAddress, OutletDomain, addresses_of, contact_by_email
from mediadesk.storage.contacts import Outlet as OutletRow
from mediadesk.storage.models import Ticket, utcnow
from mediadesk.worker.contacts.freemail import domain_of, is_free_mail
from mediadesk.worker.contacts.outlets import Outlet, Registry
from mediadesk.worker.contacts.recognise import Recognition, recognise

OFFICE = "office"  # outlet_via when a person set the outlet: automatic linking leaves it alone


# --------------------------------------------------------------------------- the registry in the database


def _fingerprint(session: Session) -> tuple:
    outlets = session.exec(select(func.count(OutletRow.id), func.max(OutletRow.updated_at))).one()
    domains = session.exec(select(func.count(OutletDomain.id), func.max(OutletDomain.id))).one()
    return (*outlets, *domains)


# How long a process trusts its copy of the registry before asking the database whether it
# changed: an `outlet import` in another process reaches the workers within this time.
REGISTRY_RECHECK_SECONDS = 5.0
# url → (fingerprint, checked at (monotonic), registry, outlet ids by name)
_cache: dict[str, tuple[tuple, float, Registry, dict[str, int]]] = {}
_cache_lock = threading.Lock()


def _as_value(row: OutletRow, domains: list[str]) -> Outlet:
    return Outlet(name=row.name, domains=tuple(domains), aliases=tuple(a for a in row.aliases.split("|") if a),
                  country=row.country, kind=row.kind, tier=row.tier, source=row.source)


def load_registry(session: Session) -> tuple[Registry, dict[str, int]]:
    """The registry the database holds, and each outlet's row id by name.

    Built once per process and database (about 10 ms for the shipped registry) and kept; every
    REGISTRY_RECHECK_SECONDS one aggregate query tells whether an outlet or a domain changed.
    Reads without flushing the caller's pending objects.
    """
    key = str(session.get_bind().url)
    now = time.monotonic()
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and now - cached[1] < REGISTRY_RECHECK_SECONDS:
        return cached[2], cached[3]
    with session.no_autoflush:
        fingerprint = _fingerprint(session)
        if cached is not None and cached[0] == fingerprint:
            with _cache_lock:
                _cache[key] = (fingerprint, now, cached[2], cached[3])
            return cached[2], cached[3]
        domains: dict[int, list[str]] = {}
        for domain, outlet_id in session.exec(select(OutletDomain.domain, OutletDomain.outlet_id)
                                              .order_by(OutletDomain.id)):
            domains.setdefault(outlet_id, []).append(domain)
        rows = session.exec(select(OutletRow).order_by(OutletRow.id)).all()
    registry = Registry(_as_value(row, domains.get(row.id, [])) for row in rows)
    ids = {row.name: row.id for row in rows}
    with _cache_lock:
        _cache[key] = (fingerprint, now, registry, ids)
    return registry, ids


def forget_registry(session: Session) -> None:
    """Drop this process's copy of the registry (after changing it here)."""
    with _cache_lock:
        _cache.pop(str(session.get_bind().url), None)


def outlet_values(session: Session) -> list[Outlet]:
    """Every outlet in the database, as registry values (for ``outlet export``)."""
    return list(load_registry(session)[0].outlets)


def import_outlets(session: Session, outlets: Iterable[Outlet], *, source: str = OFFICE) -> tuple[int, int]:
    """Add or update outlets by name; each outlet's domains become exactly those given (a
    domain listed for another outlet moves to this one). Returns (added, updated)."""
    added = updated = 0
    now = utcnow()
    for value in outlets:
        row = session.exec(select(OutletRow).where(OutletRow.name == value.name)).first()
        if row is None:
            row = OutletRow(name=value.name, created_at=now)
            added += 1
        else:
            updated += 1
        row.aliases = "|".join(value.aliases)
        row.country, row.kind, row.tier, row.source, row.updated_at = value.country, value.kind, value.tier, source, now
        session.add(row)
        session.flush()
        wanted = {d.lower() for d in value.domains}
        for existing in session.exec(select(OutletDomain).where(OutletDomain.outlet_id == row.id)).all():
            if existing.domain not in wanted:
                session.delete(existing)
        for domain in sorted(wanted):
            link = session.exec(select(OutletDomain).where(OutletDomain.domain == domain)).first()
            if link is None:
                session.add(OutletDomain(domain=domain, outlet_id=row.id))
            elif link.outlet_id != row.id:
                link.outlet_id = row.id
                session.add(link)
        session.flush()
    forget_registry(session)
    return added, updated


# --------------------------------------------------------------------------- linking a ticket


@dataclass(frozen=True)
class Linked:
    """The contact a ticket was linked to, whether it was new, and how its outlet was found."""

    contact: Contact | SimpleNamespace  # the row; for a new contact, its values
    created: bool
    recognition: Recognition


def _looks_like_person(name: str | None) -> bool:
    return bool(name) and "@" not in name and len(name.split()) <= 6 and not any(ch.isdigit() for ch in name)


# Statements built once (building one costs more than running it): by the columns given.
_INSERT_ADDRESS = insert(ContactAddress.__table__)


@lru_cache(maxsize=8)
def _insert_contact(columns: tuple[str, ...]):
    return insert(Contact.__table__).returning(Contact.__table__.c.id)


def _create(session: Session, email: str, values: dict) -> int | None:
    """Insert a contact and its address; None when another writer added the address first.

    Core statements on the session's connection: they do not flush the caller's pending objects
    (the ingest batch writes its rows in one flush). On PostgreSQL they run in a savepoint, so a
    duplicate address does not spoil the caller's transaction."""
    conn = session.connection()

    def insert_both() -> int:
        contact_id = conn.execute(_insert_contact(tuple(values)), values).scalar_one()
        conn.execute(_INSERT_ADDRESS, {"email": email, "contact_id": contact_id})
        return contact_id

    if conn.dialect.name == "sqlite":
        return insert_both()  # a SQLite write transaction holds the database: nobody can insert in between
    try:
        with conn.begin_nested():
            return insert_both()
    except IntegrityError:
        return None


def _seen_at(parsed, now: datetime | None) -> datetime:
    """When the message was written: its Date, never later than now (a clock ahead, a forged
    date), so that mail brought in with import-mbox dates the contact from the mail itself."""
    current = utcnow()
    if now is not None:
        return now
    date = getattr(parsed, "date", None)
    if date is None:
        return current
    if date.tzinfo is None:
        date = date.replace(tzinfo=timezone.utc)
    return min(date, current)


def recognise_sender(email: str, parsed, registry: Registry) -> Recognition:
    """``recognise`` for a parsed message: pure CPU, so it can run before the write lock."""
    return recognise(email, getattr(parsed, "text", "") or "", registry, subject=getattr(parsed, "subject", "") or "")


def link_contact(session: Session, ticket: Ticket, parsed, settings, *, registry: Registry | None = None,
                 now: datetime | None = None, language: str | None = None, recognised: tuple | None = None,
                 lookup: Callable[[str], Contact | None] | None = None,
                 created: Callable[[str], None] | None = None) -> Linked | None:
    """Find or create the requester's contact and set ``ticket.contact_id``.

    The outlet comes from the sender's domain when the registry knows it (free-mail and ISP
    domains never count), else from the signature; an outlet set by the office is kept. Name,
    role and phone fill empty fields only (from the From header's name, then the signature);
    the ticket's language joins the contact's languages; first and last seen move.

    Args:
        session: the caller's session. Nothing is committed or flushed: a new contact is
            inserted at once (it needs its id), changes to a known one are flushed with the rest.
        ticket: the ticket whose requester this is (``requester_email``, else the parsed From);
            a ticket triage already found automated (``automated_kind``) is not linked.
        parsed: the ticket's ``ParsedMessage`` (its text holds the signature).
        settings: for our own addresses, which never become contacts.
        registry: the outlet registry; default: the database's (see ``load_registry``).
        now: when the message was written (default: its Date header, or now when it has none
            or a future one).
        language: the message's language when triage has not yet set ``ticket.language``.
        recognised: ``(address, registry, Recognition)`` read before the write lock; used when
            the address and the registry are still the ones it was read for.
        lookup: finds an address's contact (default: one query); ``created`` is told of an
            address given a contact here.

    Returns:
        What was linked, or None when the ticket has no requester address, or it is our own or
        a machine's. ``Linked.contact`` is the contact's row, or for a new contact its values.
    """
    from mediadesk.worker.drafting.rules import machine_sender

    email = (ticket.requester_email or getattr(parsed, "from_email", None) or "").strip().lower()
    if "@" not in email or email in settings.our_addresses or machine_sender(email) or ticket.automated_kind:
        return None  # no person behind it: our own mail, MAILER-DAEMON, no-reply, mail triage found automated
    now = _seen_at(parsed, now)
    language = language or ticket.language
    ids: dict[str, int] = {}
    if registry is None:
        registry, ids = load_registry(session)
    if recognised is not None and recognised[0] == email and recognised[1] is registry:
        found = recognised[2]
    else:
        found = recognise_sender(email, parsed, registry)
    signature = found.signature
    outlet_id = None
    if found.outlet is not None:
        outlet_id = ids.get(found.outlet.name)
        if outlet_id is None:  # a registry passed in: find the row by name
            with session.no_autoflush:
                outlet_id = session.exec(select(OutletRow.id).where(OutletRow.name == found.outlet.name)).first()
    from_name = ticket.requester_name or getattr(parsed, "from_name", None)
    name = (from_name if _looks_like_person(from_name) else None) or (signature.name if signature else None)

    with session.no_autoflush:
        contact = lookup(email) if lookup is not None else contact_by_email(session, email)
    if contact is None:
        values = {"name": name, "outlet_id": outlet_id, "outlet_via": found.via if outlet_id else None,
                  "role": signature.role if signature else None, "phone": signature.phone if signature else None,
                  "languages": language or "", "first_seen": now, "last_seen": now}
        contact_id = _create(session, email, values)
        if created is not None:
            created(email)
        if contact_id is not None:
            ticket.contact_id = contact_id
            return Linked(SimpleNamespace(id=contact_id, **values), True, found)  # its values: a model costs ~0.5 ms
        with session.no_autoflush:  # someone else created it in between: update theirs
            contact = contact_by_email(session, email)

    if outlet_id is not None and contact.outlet_via != OFFICE:
        contact.outlet_id, contact.outlet_via = outlet_id, found.via
    contact.name = contact.name or name
    if signature is not None:
        contact.role = contact.role or signature.role
        contact.phone = contact.phone or signature.phone
    if language:
        languages = [code for code in contact.languages.split(",") if code]
        if language not in languages:
            contact.languages = ",".join([*languages, language])[:64]
    contact.first_seen = min(contact.first_seen, now)
    contact.last_seen = max(contact.last_seen, now)
    ticket.contact_id = contact.id
    return Linked(contact, False, found)


# --------------------------------------------------------------------------- the office's edits


class ContactError(ValueError):
    """A contact change that cannot be made (the message says why)."""


def find_contact(session: Session, key: str) -> Contact | None:
    """A contact by id (``12``) or by any of its addresses."""
    key = key.strip()
    if key.isdigit():  # an id; more digits than any id (a 64-bit integer) can have is no contact
        return session.get(Contact, int(key)) if len(key) <= 18 else None
    return contact_by_email(session, key)


def merge_contacts(session: Session, keep: Contact, other: Contact) -> Contact:
    """Fold ``other`` into ``keep``: its addresses and tickets move, empty fields are filled,
    languages joined, first/last seen widened; ``other`` is deleted."""
    if keep.id == other.id:
        raise ContactError("a contact cannot be merged into itself")
    for address in session.exec(select(ContactAddress).where(ContactAddress.contact_id == other.id)).all():
        address.contact_id = keep.id
        session.add(address)
    for ticket in session.exec(select(Ticket).where(Ticket.contact_id == other.id)).all():
        ticket.contact_id = keep.id
        session.add(ticket)
    for field in ("name", "role", "phone"):
        if not getattr(keep, field) and getattr(other, field):
            setattr(keep, field, getattr(other, field))
    if keep.outlet_id is None and other.outlet_id is not None:
        keep.outlet_id, keep.outlet_via = other.outlet_id, other.outlet_via
    languages = [c for c in keep.languages.split(",") if c]
    languages += [c for c in other.languages.split(",") if c and c not in languages]
    keep.languages = ",".join(languages)[:64]
    keep.first_seen, keep.last_seen = min(keep.first_seen, other.first_seen), max(keep.last_seen, other.last_seen)
    session.add(keep)
    session.flush()
    session.delete(other)
    session.flush()
    return keep


def outlet_row(session: Session, name: str) -> OutletRow | None:
    """An outlet row by name or alias (as the registry folds them)."""
    row = session.exec(select(OutletRow).where(func.lower(OutletRow.name) == name.strip().lower())).first()
    if row is not None:
        return row
    registry, ids = load_registry(session)
    value = registry.by_name(name)
    return session.get(OutletRow, ids[value.name]) if value is not None else None


def unknown_domains(session: Session, settings, *, limit: int | None = None) -> list[dict]:
    """Requester domains that are neither free-mail nor in the registry, most tickets first:
    what the office should classify (``outlet import``). Machines' mail (automated tickets,
    no-reply and MAILER-DAEMON senders) does not count."""
    registry, _ = load_registry(session)
    ours = {domain_of(a) for a in settings.our_addresses}
    tickets: Counter[str] = Counter()
    senders: dict[str, set[str]] = {}
    from mediadesk.worker.drafting.rules import machine_sender

    rows = session.exec(select(Ticket.requester_email, func.count(Ticket.id))
                        .where(Ticket.requester_email.is_not(None), Ticket.automated_kind.is_(None))
                        .group_by(Ticket.requester_email)).all()
    for email, count in rows:
        domain = domain_of(email)
        if not domain or domain in ours or is_free_mail(domain) or registry.by_domain(domain) is not None \
                or machine_sender(email):
            continue
        tickets[domain] += count
        senders.setdefault(domain, set()).add(email.lower())
    ranked = sorted(tickets.items(), key=lambda item: (-item[1], -len(senders[item[0]]), item[0]))
    return [{"domain": d, "tickets": n, "senders": len(senders[d])} for d, n in ranked[:limit]]


def contact_card(session: Session, contact: Contact, *, tickets: int | None = 3) -> dict:
    """A contact as a plain dict (the CLI's JSON): addresses, outlet, and the latest tickets."""
    outlet = session.get(OutletRow, contact.outlet_id) if contact.outlet_id else None
    query = select(Ticket).where(Ticket.contact_id == contact.id).order_by(Ticket.created_at.desc(), Ticket.id.desc())
    count = session.exec(select(func.count(Ticket.id)).where(Ticket.contact_id == contact.id)).one()
    recent = session.exec(query.limit(tickets) if tickets else query).all()
    return {
        "id": contact.id,
        "name": contact.name,
        "addresses": addresses_of(session, contact.id),
        "outlet": None if outlet is None else {"name": outlet.name, "country": outlet.country, "kind": outlet.kind,
                                               "tier": outlet.tier},
        "outlet_via": contact.outlet_via,
        "role": contact.role,
        "phone": contact.phone,
        "languages": [c for c in contact.languages.split(",") if c],
        "first_seen": contact.first_seen,
        "last_seen": contact.last_seen,
        "ticket_count": count,
        "tickets": [{"ref": t.ref, "subject": t.subject, "status": t.status, "category": t.category,
                     "created_at": t.created_at} for t in recent],
    }


__all__ = ["ContactError", "Linked", "OFFICE", "contact_card", "find_contact", "forget_registry", "import_outlets",
           "link_contact", "load_registry", "merge_contacts", "outlet_row", "outlet_values", "unknown_domains"]


def contact_list(session: Session, *, outlet_id: int | None = None, limit: int | None = None) -> list[dict]:
    """Contacts, most recently seen first, as dicts (``contact list``): a few queries, not one per contact."""
    query = select(Contact, OutletRow).join(OutletRow, OutletRow.id == Contact.outlet_id, isouter=True) \
        .order_by(Contact.last_seen.desc(), Contact.id.desc())
    if outlet_id is not None:
        query = query.where(Contact.outlet_id == outlet_id)
    rows = session.exec(query.limit(limit) if limit else query).all()
    ids = [contact.id for contact, _ in rows]
    addresses: dict[int, list[str]] = {}
    counts: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for contact_id, email in session.exec(select(ContactAddress.contact_id, ContactAddress.email)
                                              .where(ContactAddress.contact_id.in_(chunk)).order_by(ContactAddress.id)):
            addresses.setdefault(contact_id, []).append(email)
        for contact_id, count in session.exec(select(Ticket.contact_id, func.count(Ticket.id))
                                              .where(Ticket.contact_id.in_(chunk)).group_by(Ticket.contact_id)):
            counts[contact_id] = count
    return [{"id": c.id, "name": c.name, "addresses": addresses.get(c.id, []),
             "outlet": o.name if o else None, "outlet_via": c.outlet_via, "role": c.role, "phone": c.phone,
             "languages": [x for x in c.languages.split(",") if x], "ticket_count": counts.get(c.id, 0),
             "first_seen": c.first_seen, "last_seen": c.last_seen} for c, o in rows]


def outlet_list(session: Session) -> list[dict]:
    """Every outlet with its domains and how many contacts it has (``outlet list``)."""
    domains: dict[int, list[str]] = {}
    for domain, outlet_id in session.exec(select(OutletDomain.domain, OutletDomain.outlet_id).order_by(OutletDomain.id)):
        domains.setdefault(outlet_id, []).append(domain)
    contacts = dict(session.exec(select(Contact.outlet_id, func.count(Contact.id)).where(Contact.outlet_id.is_not(None))
                                 .group_by(Contact.outlet_id)).all())
    rows = session.exec(select(OutletRow).order_by(OutletRow.name)).all()
    return [{"id": o.id, "name": o.name, "aliases": [a.lstrip("=") for a in o.aliases.split("|") if a],
             "domains": domains.get(o.id, []), "country": o.country, "kind": o.kind, "tier": o.tier,
             "source": o.source, "contacts": contacts.get(o.id, 0)} for o in rows]
