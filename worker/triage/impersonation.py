"""Domains dressed as the office's own.

Phishing sent to a press office borrows its name for the sender's or the link's domain: a
"mailbox quota" notice from ``imctc-mailservice.com``, a "shared document" on ``imctc-docs.net``,
an HR circular from ``imctc-org.com``. The office's own domain is the acronym itself under a public
suffix (``imctc.org``, ``docs.imctc.org``); a service that names its customer in a subdomain
(``imctc.mailprotect-cloud.com``) is that service's domain. What is left, a registrable name or a
subdomain that contains the acronym and is not it (``imctc-org.mailsecure-notice.com``), is a look-alike.
"""

from __future__ import annotations

import functools
import re

import tldextract

# An address's or a link's host: "@host", "https://host", "www.host".
_HOST_RE = re.compile(r"(?:@|https?://|\bwww\.)([a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,24})\b", re.IGNORECASE)


# Mail and collaboration providers that name their customer in a subdomain: the office's own tenant
# ("imctc-org.mail.protection.outlook.com", "imctcorg.onmicrosoft.com", "imctc-my.sharepoint.com").
_TENANT_PROVIDERS = frozenset("""
outlook.com onmicrosoft.com sharepoint.com office.com office365.com microsoft.com google.com googlegroups.com
googleusercontent.com amazonaws.com zendesk.com freshdesk.com atlassian.net salesforce.com force.com mimecast.com
pphosted.com messagelabs.com barracudanetworks.com zoho.com
""".split())


@functools.cache
def _extract() -> tldextract.TLDExtract:
    # The public suffix list bundled with the package: triage does no I/O.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@functools.lru_cache(maxsize=4096)
def _split(host: str) -> tuple[list[str], str, str]:
    """A host's subdomain labels, its registrable label and its registrable domain ("a.imctc-docs.net":
    ["a"], "imctc-docs", "imctc-docs.net"), by the public suffix list."""
    parts = _extract()(host)
    return (parts.subdomain.split(".") if parts.subdomain else [], parts.domain,
            f"{parts.domain}.{parts.suffix}" if parts.suffix else parts.domain)


# What follows the acronym in the office's own address ("imctc.org", "cimct.org.sa").
_ADDRESS_ENDINGS = frozenset("org com net gov int edu sa".split())


def _wears_address(labels: list[str], acronyms: tuple[str, ...]) -> bool:
    """"imctc.org.quota-center.net" (subdomain labels "imctc", "org"): the office's whole address worn as the
    front of someone else's."""
    return any(a == b and c in _ADDRESS_ENDINGS for b, c in zip(labels, labels[1:]) for a in acronyms)


def lookalike_domains(text: str, acronyms: tuple[str, ...], internal: tuple[str, ...] = (), *,
                      subdomains: bool = False) -> list[str]:
    """The hosts in ``text`` whose registrable name contains one of ``acronyms`` without being it,
    other than the office's own ``internal`` domains and their subdomains.

    ``subdomains``: a subdomain that contains one too ("imctc-org.mailsecure-notice.com") counts, for a sender's
    own address; in a text it may be the office's own tenant at its mail provider ("imctc-org.mail.protection…")."""
    found: list[str] = []
    wanted = tuple(a.lower() for a in acronyms)
    for host in _HOST_RE.findall(text):
        host = host.lower()
        if host in found or any(host == d or host.endswith("." + d) for d in internal):
            continue
        labels, label, registrable = _split(host)
        dressed = label not in wanted and any(a in label for a in wanted)
        # "imctc-org.mailsecure-notice.com": a subdomain dressed as the office's address ("imctc.org"), where a
        # service naming its customer writes the bare name ("imctc.mailprotect-cloud.com").
        dressed_sub = subdomains and registrable not in _TENANT_PROVIDERS and any(
            a in sub and sub not in wanted for sub in labels for a in wanted)
        if dressed or dressed_sub or _wears_address(labels, wanted):
            found.append(host)
    return found


# Services whose notices phishing imitates, by the label of their own registrable domain ("dhl.de", "dhl.com"),
# and the other domains they send from. A sender's domain that carries the name and is none of these
# ("linkedin-mail-notify.com", "onedrive-docs-secure.net", "dhl-customs-payment.info") is dressed as the service.
SERVICE_BRANDS: dict[str, frozenset[str]] = {
    "dhl": frozenset(), "fedex": frozenset(), "aramex": frozenset(), "docusign": frozenset(),
    "linkedin": frozenset({"linkedinmail.com"}), "onedrive": frozenset(), "sharepoint": frozenset({"sharepointonline.com"}),
    "paypal": frozenset({"paypal-communication.com"}), "wetransfer": frozenset(),
}


def service_lookalike(address: str) -> str | None:
    """The domain of ``address`` when it carries a service's name without being that service's
    ("notice@linkedin-mail-notify.com" -> "linkedin-mail-notify.com"), else None."""
    host = address.rpartition("@")[2].strip().strip(">").lower()
    if not host or "." not in host:
        return None
    _, label, registrable = _split(host)
    words = set(re.split(r"[-_\d]+", label))
    for brand, others in SERVICE_BRANDS.items():
        # The name as a word of the label ("dhl-customs-payment"), or at its start when it is long enough not to be
        # part of another word ("linkedinmailer"; not the "dhl" of a name such as Fadhl).
        named = brand in words or (len(brand) >= 6 and label.startswith(brand))
        if named and label != brand and registrable not in others:
            return registrable
    return None


__all__ = ["SERVICE_BRANDS", "lookalike_domains", "service_lookalike"]
