"""Who an address belongs to: its domain, free-mail providers, the office's own domains.

Threading reads these to tell a colleague at the journalist's outlet (same domain) from a
stranger who happens to use the same free-mail provider, and the office's staff from both.
"""

from __future__ import annotations

from typing import Iterable

# Providers whose users share nothing but the provider: a shared domain ties nobody together.
FREEMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "outlook.sa", "hotmail.com", "hotmail.fr",
    "hotmail.co.uk", "live.com", "live.fr", "msn.com", "yahoo.com", "yahoo.fr", "yahoo.co.uk", "ymail.com",
    "rocketmail.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me",
    "yandex.ru", "yandex.com", "ya.ru", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "163.com", "126.com",
    "qq.com", "foxmail.com", "sina.com", "gmx.com", "gmx.de", "gmx.net", "gmx.fr", "web.de", "t-online.de",
    "laposte.net", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "bbox.fr", "menara.ma",
    "zoho.com", "tutanota.com", "tuta.io", "fastmail.com", "hey.com", "mail.com", "email.com", "rediffmail.com",
    "naver.com", "daum.net", "seznam.cz", "libero.it", "virgilio.it", "tiscali.it", "btinternet.com",
    "sky.com", "comcast.net", "verizon.net", "att.net", "yahoo.com.eg", "hotmail.co.jp", "maktoob.com",
})


def domain_of(address: str | None) -> str:
    """The lower-case domain of ``address``, or "" when it has none."""
    if not address or "@" not in address:
        return ""
    return address.rsplit("@", 1)[1].strip().strip(">").lower().rstrip(".")


def is_freemail(domain: str) -> bool:
    return domain in FREEMAIL_DOMAINS


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
