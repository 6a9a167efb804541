"""Free-mail and ISP domains: an address there says nothing about the sender's employer.

A journalist writing from Gmail may work for any outlet or none; only a signature can say which.
``is_free_mail`` knows the big international providers under every country domain they use
(``yahoo.fr``, ``hotmail.co.uk``, ``outlook.sa``), and the consumer ISPs and webmail services
of the countries we hear from most (France, Belgium, Switzerland, Germany, Russia, China, the
Gulf and the Maghreb).
"""

from __future__ import annotations

import re

# Providers that hand out addresses under many country domains: yahoo.com.eg, hotmail.fr, ...
_BRANDS = frozenset({
    "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "windowslive", "aol", "icloud",
    "protonmail", "proton", "gmx", "yandex", "zoho", "tutanota", "rediffmail", "libero",
})
# What may follow a brand: a country or generic top-level domain, at most two short labels
# (com, fr, co.uk, com.eg), never a brand's corporate domain (yahooinc.com) or a lookalike.
_PUBLIC_SUFFIX_RE = re.compile(r"^(?:[a-z]{2,3}|co|com|net|org)(?:\.[a-z]{2})?$")

FREE_MAIL_DOMAINS = frozenset({
    # International webmail
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
    "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com", "icloud.com", "me.com", "mac.com",
    "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com",
    "zoho.com", "zohomail.com", "mail.com", "email.com", "usa.com", "fastmail.com", "fastmail.fm", "hushmail.com",
    "hey.com", "duck.com", "mailfence.com", "posteo.de", "posteo.net", "mailbox.org", "disroot.org", "riseup.net",
    "lycos.com", "excite.com", "inbox.com", "gmx.com", "gmx.net", "gmx.de", "gmx.fr", "gmx.at", "gmx.ch",
    "maktoob.com",
    # Russia and neighbours
    "yandex.ru", "yandex.com", "yandex.ua", "yandex.by", "yandex.kz", "ya.ru", "mail.ru", "bk.ru", "inbox.ru",
    "list.ru", "internet.ru", "rambler.ru", "ukr.net", "i.ua",
    # China, Korea, Japan, India
    "163.com", "126.com", "yeah.net", "qq.com", "foxmail.com", "sina.com", "sina.cn", "sohu.com", "aliyun.com",
    "139.com", "naver.com", "daum.net", "hanmail.net", "yahoo.co.jp", "rediffmail.com",
    # France
    "laposte.net", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "bbox.fr", "numericable.fr",
    "club-internet.fr", "aliceadsl.fr", "voila.fr", "libertysurf.fr", "tiscali.fr", "cegetel.net", "noos.fr",
    "caramail.com", "netcourrier.com",
    # Belgium, Switzerland, Luxembourg, Germany, Austria, Italy, Spain, Netherlands, Poland, Czechia
    "skynet.be", "telenet.be", "proximus.be", "voo.be", "bluewin.ch", "sunrise.ch", "hispeed.ch", "pt.lu",
    "web.de", "t-online.de", "freenet.de", "arcor.de", "aon.at", "chello.at",
    "libero.it", "virgilio.it", "tiscali.it", "alice.it", "tin.it", "telefonica.net", "terra.es",
    "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "seznam.cz",
    # United Kingdom, North America, Brazil
    "btinternet.com", "sky.com", "virginmedia.com", "ntlworld.com", "talktalk.net", "blueyonder.co.uk",
    "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "cox.net", "charter.net", "earthlink.net",
    "videotron.ca", "sympatico.ca", "bell.net", "rogers.com", "shaw.ca", "telus.net",
    "uol.com.br", "bol.com.br", "terra.com.br",
    # Gulf, Levant, Maghreb, West Africa
    "emirates.net.ae", "eim.ae", "qatar.net.qa", "omantel.net.om", "batelco.com.bh",
    "menara.ma", "iam.net.ma", "topnet.tn", "gnet.tn", "planet.tn", "djaweb.dz", "orange.sn", "orange.tn",
})


def domain_of(address: str | None) -> str | None:
    """The lower-cased domain of an e-mail address, or None when there is none."""
    if not address or "@" not in address:
        return None
    domain = address.rsplit("@", 1)[1].strip().strip(">").strip().rstrip(".").lower()
    return domain or None


def is_free_mail(domain_or_address: str | None) -> bool:
    """True when the domain (or the address's domain) is a free-mail or consumer ISP domain.

    A subdomain counts as its parent (``mx.orange.fr`` is ``orange.fr``).
    """
    domain = domain_of(domain_or_address) if "@" in (domain_or_address or "") else (domain_or_address or "").lower()
    domain = domain.strip().rstrip(".")
    if not domain:
        return False
    labels = domain.split(".")
    for i in range(len(labels) - 1):
        if ".".join(labels[i:]) in FREE_MAIL_DOMAINS:
            return True
    # A brand under a country domain: the brand must be the registrable name, e.g. hotmail.co.uk.
    return labels[0] in _BRANDS and _PUBLIC_SUFFIX_RE.match(".".join(labels[1:])) is not None


__all__ = ["FREE_MAIL_DOMAINS", "domain_of", "is_free_mail"]
