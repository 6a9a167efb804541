"""Which outlet is asking: ``outlet_for(email, text)``, pure.

The sender's domain decides first, when the registry knows it and it is not a free-mail or ISP
domain; otherwise the signature may name the outlet. A freelancer's signature names the outlets
they work for, not an employer: it gives no outlet (their role says "freelance").
"""

from __future__ import annotations

from dataclasses import dataclass

from mediadesk.worker.contacts.freemail import domain_of, is_free_mail
from mediadesk.worker.contacts.outlets import Outlet, Registry, shipped_registry
from mediadesk.worker.contacts.signature import Signature, read_signature


@dataclass(frozen=True)
class Recognition:
    """The outlet found for a sender, how (``domain`` or ``signature``), and why, in words."""

    outlet: Outlet | None
    via: str | None
    reason: str
    domain: str | None = None
    free_mail: bool = False
    signature: Signature | None = None


def recognise(email: str | None, text: str, registry: Registry | None = None, *, subject: str = "") -> Recognition:
    """The outlet behind a sender address and the body they wrote, with the signature read."""
    registry = registry if registry is not None else shipped_registry()
    domain = domain_of(email)
    free = is_free_mail(domain)
    signature = read_signature(text or "", registry, subject=subject)
    if domain and not free:
        outlet = registry.by_domain(domain)
        if outlet is not None:
            return Recognition(outlet, "domain", f"{domain} is a domain of {outlet.name}", domain, free, signature)
    if signature.outlet is not None and not signature.freelance:
        return Recognition(signature.outlet, "signature", f"the signature names {signature.outlet_text!r}",
                           domain, free, signature)
    if signature.outlet is not None:
        why = f"freelance: the signature names {signature.outlet_text!r} as a client, not an employer"
    elif free:
        why = f"{domain} is a free-mail domain and the signature names no outlet"
    elif domain:
        why = f"{domain} is not in the outlet registry and the signature names no outlet"
    else:
        why = "no sender address and no outlet in the signature"
    return Recognition(None, None, why, domain, free, signature)


def outlet_for(email: str | None, text: str, registry: Registry | None = None) -> Outlet | None:
    """The outlet behind ``email`` and the message ``text`` (its signature), or None."""
    return recognise(email, text, registry).outlet


__all__ = ["Recognition", "outlet_for", "recognise"]
