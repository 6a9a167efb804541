"""Contacts and outlets: the person behind an address, and the outlet behind a domain.

A ``Contact`` has one or more addresses (``ContactAddress``, each address belongs to one contact:
a journalist who writes from two addresses is one contact once merged). An ``Outlet`` comes from
the registry shipped with mediadesk (``source = "shipped"``) or from the office
(``source = "office"``: imported or edited); its domains are ``OutletDomain`` rows, each domain
naming one outlet. ``Contact.outlet_via`` says how the outlet was found (``domain``,
``signature``, or ``office`` when someone set it by hand, which automatic linking never
overrides). Tickets point at their contact (``ticket.contact_id``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel, select

from mediadesk.storage.models import utcnow


class Outlet(SQLModel, table=True):
    """A newsroom: agency, newspaper, TV, radio, online outlet (or freelance/other)."""

    __tablename__ = "outlet"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=255, unique=True)
    aliases: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # "|"-separated
    country: str | None = Field(default=None, max_length=8)
    kind: str = Field(default="other", max_length=16)
    tier: int = 3
    source: str = Field(default="office", max_length=16)  # shipped | office
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class OutletDomain(SQLModel, table=True):
    """A mail or web domain of an outlet (its subdomains count as the outlet's too)."""

    __tablename__ = "outlet_domain"
    id: int | None = Field(default=None, primary_key=True)
    domain: str = Field(max_length=253, unique=True)
    outlet_id: int = Field(foreign_key="outlet.id", index=True)


class Contact(SQLModel, table=True):
    """A person who writes to the media address."""

    __tablename__ = "contact"
    id: int | None = Field(default=None, primary_key=True)
    name: str | None = Field(default=None, max_length=255)
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id", index=True)
    outlet_via: str | None = Field(default=None, max_length=16)  # domain | signature | office
    role: str | None = Field(default=None, max_length=255)
    phone: str | None = Field(default=None, max_length=64)
    languages: str = Field(default="", max_length=64)  # ISO 639-1 codes, comma-separated, first used first
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow, index=True)


class ContactAddress(SQLModel, table=True):
    """An e-mail address (lower-cased) and the contact it belongs to."""

    __tablename__ = "contact_address"
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)


def contact_by_email(session, email: str) -> Contact | None:
    """The contact an address belongs to (addresses are compared lower-cased)."""
    return session.exec(select(Contact).join(ContactAddress, ContactAddress.contact_id == Contact.id)
                        .where(ContactAddress.email == email.strip().lower())).first()


def contacts_by_email(session, emails) -> dict[str, Contact]:
    """The contacts of several addresses (lower-cased) in one query: address → contact."""
    wanted = sorted({e.strip().lower() for e in emails if e})
    if not wanted:
        return {}
    rows = session.exec(select(ContactAddress.email, Contact).join(Contact, ContactAddress.contact_id == Contact.id)
                        .where(ContactAddress.email.in_(wanted))).all()
    return dict(rows)


def addresses_of(session, contact_id: int) -> list[str]:
    return list(session.exec(select(ContactAddress.email).where(ContactAddress.contact_id == contact_id)
                             .order_by(ContactAddress.id)).all())


__all__ = ["Contact", "ContactAddress", "Outlet", "OutletDomain", "addresses_of", "contact_by_email", "contacts_by_email"]
