"""Who an address belongs to: its domain, free-mail providers, the office's own domains.

Threading reads these to tell a colleague at the journalist's outlet (same domain) from a
stranger who happens to use the same free-mail provider, and the office's staff from both.
"""

from __future__ import annotations

from typing import Iterable

from mediadesk.worker.contacts import freemail

def domain_of(address: str | None) -> str:
    """The lower-case domain of ``address``, or "" when it has none."""
    return freemail.domain_of(address) or ""


def is_freemail(domain: str) -> bool:
    """A provider whose users share nothing but the provider (worker/contacts/freemail.py)."""
    return freemail.is_free_mail(domain)


def in_domains(address: str | None, domains: Iterable[str]) -> bool:
    """Whether ``address`` is at one of ``domains`` or a subdomain of one (press.imctc.org)."""
    domain = domain_of(address)
    if not domain:
        return False
    return any(domain == d or domain.endswith("." + d) for d in domains if d)


def organisation_domain(address: str | None) -> str:
    """The domain that identifies the sender's organisation: "" for free-mail (it identifies none)."""
    domain = domain_of(address)
    return "" if is_freemail(domain) else domain
