"""Domains dressed as the office's own.

Phishing sent to a press office borrows its name for the sender's or the link's domain: a
"mailbox quota" notice from ``imctc-mailservice.com``, a "shared document" on ``imctc-docs.net``,
an HR circular from ``imctc-org.com``. The office's own domain is the acronym itself under a public
suffix (``imctc.org``, ``docs.imctc.org``); a service that names its customer in a subdomain
(``imctc.mailprotect-cloud.com``) is that service's domain. What is left, a registrable name that
contains the acronym and is not it, is a look-alike.
"""

from __future__ import annotations

import functools
import re

import tldextract

# An address's or a link's host: "@host", "https://host", "www.host".
_HOST_RE = re.compile(r"(?:@|https?://|\bwww\.)([a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,24})\b", re.IGNORECASE)


@functools.cache
def _extract() -> tldextract.TLDExtract:
    # The public suffix list bundled with the package: triage does no I/O.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@functools.lru_cache(maxsize=4096)
def _registrable_label(host: str) -> str:
    return _extract()(host.lower()).domain


def lookalike_domains(text: str, acronyms: tuple[str, ...], internal: tuple[str, ...] = ()) -> list[str]:
    """The hosts in ``text`` whose registrable name contains one of ``acronyms`` without being it,
    other than the office's own ``internal`` domains and their subdomains."""
    found: list[str] = []
    wanted = tuple(a.lower() for a in acronyms)
    for host in _HOST_RE.findall(text):
        host = host.lower()
        if host in found or any(host == d or host.endswith("." + d) for d in internal):
            continue
        label = _registrable_label(host)
        if label not in wanted and any(a in label for a in wanted):
            found.append(host)
    return found


__all__ = ["lookalike_domains"]
