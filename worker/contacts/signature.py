"""Read a signature block: the sender's name, role, outlet and phone number.

``read_signature(body, registry)`` is pure. It looks only at the end of what the sender wrote
(quoted history is cut first, as triage cuts it), because an outlet named in the letter itself
("I saw your interview on Al Jazeera") says nothing about who is writing.

The lines of a signature are split into parts at the separators people use between a role and
an outlet ("Senior Correspondent | Reuters", "صحفي – العربية", "Journaliste, Le Monde"); a part
with a role word gives the role, an outlet name found by the registry gives the outlet, a line
with a phone label or an international number gives the phone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mediadesk.worker.contacts.outlets import Outlet, Registry

MAX_SIGNATURE_LINES = 10
MAX_LINE_CHARS = 100

# Between a role and an outlet, or an outlet and a place: | • · – — / , ، ; : ( ) and a spaced hyphen.
_SEPARATOR_RE = re.compile(r"\s*(?:[|•·–—/;،()]|\s-\s|,(?!\d)|:\s)\s*")
# A line that names outlets the writer does not work for: a PR firm's coverage, an agency's clients.
_MENTIONS_RE = re.compile(
    r"^\W*(?:(?:as\s+)?(?:featured|seen|heard|quoted|published|mentioned)\s+(?:in|on|by)|our\s+clients|clients?\s*:"
    r"|press\s+coverage|(?:tel\s+que\s+)?vu(?:e|s)?\s+(?:dans|sur)|cit[ée]e?s?\s+(?:dans|par)|nos\s+clients|ils\s+parlent\s+de\s+nous"
    r"|(?:كما\s+)?(?:ظهر|نشر|ذكر)(?:نا|ت)?\s+في|عملاؤنا)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})", re.IGNORECASE)
_DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# A role: the words journalists put under their name, in the languages we see most.
_ROLE_RE = re.compile(
    r"""(?<!\w)(?:
        journalist|reporter|correspondent|editor|producer|presenter|anchor|host|photographer|photojournalist
      | columnist|writer|contributor|freelancer?|stringer|cameraman|videographer|researcher|fact-?checker
      | bureau\s+chief|head\s+of|chief\b|news\s+desk|desk\s+editor|broadcaster|podcaster
      | journaliste|reporter|reportrice|correspondante?|r[ée]dacteur|r[ée]dactrice|chroniqueu(?:r|se)
      | pr[ée]sentat(?:eur|rice)|product(?:eur|rice)|pigiste|photographe|envoy[ée]e?\s+sp[ée]ciale?
      | [ée]ditorialiste|r[ée]alisat(?:eur|rice)|cheffe?\s+d[eu]|directeur|directrice|journaliste\s+ind[ée]pendante?
      | صح(?:ا)?في(?:ة)?|مراسل(?:ة)?|محرر(?:ة)?|مذيع(?:ة)?|منتج(?:ة)?|مصور(?:ة)?|كاتب(?:ة)?|مقدم(?:ة)?
      | رئيس(?:ة)?\s+(?:تحرير|قسم)|مدير(?:ة)?\s+(?:تحرير|مكتب|الأخبار|الاخبار)|معد(?:ة)?|مندوب(?:ة)?|باحث(?:ة)?
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_FREELANCE_RE = re.compile(
    r"(?<!\w)(?:free-?lance(?:r)?|independent\s+journalist|pigiste|journaliste\s+ind[ée]pendante?|ind[ée]pendante?"
    r"|صح(?:ا)?في(?:ة)?\s+(?:حر|حرة|مستقل|مستقلة)|مستقل(?:ة)?)(?!\w)",
    re.IGNORECASE,
)
# Phone: a label, or a number in international form (+971 …, 00 33 …).
_PHONE_LABEL_RE = re.compile(
    r"(?<!\w)(?:tel|tél|téléphone|telephone|phone|mob(?:ile)?|cell|portable|port|gsm|whatsapp|direct|office|fixe"
    r"|هاتف|الهاتف|جوال|الجوال|موبايل|محمول|واتساب|واتس|ت|م|[TMP])\.?\s*[:.]?\s*",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"(?:\+|00)\s?\d[\d\s().\-/]{6,22}\d|\(?0\d[\d\s().\-/]{6,16}\d")
_CLOSING_RE = re.compile(
    r"^(?:best|kind|warm|many|with|regards|sincerely|cheers|thanks?|thank\s+you|yours|cordialement|bien|merci"
    r"|salutations|respectueusement|veuillez|recevez|je\s+vous\s+prie|mit\s+freundlichen"
    r"|مع|شكرا|تحياتي|وتقبلوا|تقبلوا|ولكم|وشكرا)\b",
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[\u0600-\u06ff]+|(?:al|el|de|du|la|le|ben|bin|van|von|da)-?)$")


@dataclass(frozen=True)
class Signature:
    """What a signature says about its writer. Any field may be None."""

    name: str | None = None
    role: str | None = None
    outlet: Outlet | None = None
    outlet_text: str | None = None  # the words that named the outlet, as written
    phone: str | None = None
    freelance: bool = False
    lines: tuple[str, ...] = ()


def signature_lines(body: str, subject: str = "") -> list[str]:
    """The last lines of what the sender wrote: after a sign-off or "--" when there is one,
    else the last block, at most MAX_SIGNATURE_LINES non-empty lines."""
    from mediadesk.worker.triage.text import split_body

    parts = split_body(body or "", subject)
    own = parts.own.split("\n")
    core = parts.core
    start = 0
    if core and core != parts.own:
        core_last = [ln for ln in core.split("\n") if ln.strip()]
        if core_last:
            # The signature starts after the core's last line (found from the end of ``own``).
            last = core_last[-1].strip()
            for i in range(len(own) - 1, -1, -1):
                if own[i].strip() == last:
                    start = i + 1
                    break
    else:
        # No sign-off found: the last block of short lines, if it looks like a card.
        own = parts.own.strip().split("\n")
        blocks = re.split(r"\n\s*\n", parts.own.strip())
        start = len(own) - len(blocks[-1].split("\n")) if len(blocks) >= 2 else max(0, len(own) - 4)
    lines = [ln.strip() for ln in own[start:] if ln.strip()]
    lines = [ln for ln in lines if ln not in ("--", "—", "__")]
    return lines[-MAX_SIGNATURE_LINES:]


def _is_prose(line: str) -> bool:
    """A sentence, not a card line: long, or several words ending in a full stop or a question mark."""
    return len(line) > MAX_LINE_CHARS or (len(line.split()) > 4 and re.search(r"[.!?؟]\s*$", line) is not None)


def normalise_phone(text: str) -> str | None:
    """``+971 50 123 4567`` → ``+971501234567``; ``+33 (0)1 …`` drops the trunk 0; a national
    number keeps its leading 0. None when fewer than 7 digits."""
    text = text.translate(_DIGIT_MAP)
    international = text.lstrip().startswith(("+", "00"))
    text = re.sub(r"\(0\)", "", text)
    digits = re.sub(r"\D", "", text)
    if international and digits.startswith("00"):
        digits = digits[2:]
    if len(digits) < 7 or len(digits) > 15:
        return None
    return ("+" if international else "") + digits


def find_phone(lines: list[str]) -> str | None:
    """The first phone number in the lines: any international number, or a national one after a label."""
    for line in lines:
        text = line.translate(_DIGIT_MAP)
        for m in _PHONE_RE.finditer(text):
            number = m.group()
            labelled = _PHONE_LABEL_RE.search(text[max(0, m.start() - 14):m.start()]) is not None
            if number.lstrip().startswith(("+", "00")) or labelled:
                found = normalise_phone(number)
                if found:
                    return found
    return None


def _looks_like_name(line: str) -> bool:
    if any(ch.isdigit() for ch in line) or "@" in line or "://" in line or _CLOSING_RE.match(line):
        return False
    words = line.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or _ROLE_RE.search(line):
        return False
    return all(_NAME_WORD_RE.match(w) for w in words)


def _clean_role(text: str) -> str | None:
    text = re.sub(r"^[\s,.:;|–—-]+|[\s,.:;|–—-]+$", "", text)
    # A trailing connector left where the outlet was cut out: "Correspondent at", "مراسل في".
    text = re.sub(r"(?:\s+(?:at|for|with|of|à|au|aux|chez|pour|de|du|des|auprès\s+de|في|لدى|من|ب|قناة|صحيفة|جريدة|"
                  r"موقع|وكالة|لقناة|لصحيفة|لجريدة|لموقع|لوكالة))+$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:à|a|in|في)$", "", text.strip())
    text = text.strip(" ,.:;|–—-")
    return text[:120] or None


def read_signature(body: str, registry: Registry, *, subject: str = "") -> Signature:
    """Name, role, outlet and phone from the signature at the end of ``body``."""
    lines = [ln for ln in signature_lines(body, subject) if not _is_prose(ln)]
    name = role = outlet_text = None
    outlet: Outlet | None = None
    freelance = False
    for line in lines:
        if _FREELANCE_RE.search(line):
            freelance = True
        if _MENTIONS_RE.match(line):
            continue
        if _CLOSING_RE.match(line) and not re.search(r"[|•–—]", line):
            continue  # "Veuillez agréer l'expression …": a formula, not a card ("Best, Tom | Reuters" is one)
        parts = [p for p in _SEPARATOR_RE.split(line) if p and p.strip()]
        for part in parts:
            matches = [] if outlet is not None else registry.find_names(part)
            if matches:
                outlet, outlet_text = matches[0].outlet, part[matches[0].start:matches[0].end]
            if role is None and _ROLE_RE.search(part):
                if matches:  # the role is on the side of the outlet's name that has the role word
                    before, after = part[:matches[0].start], part[matches[0].end:]
                    part = before if _ROLE_RE.search(before) else after
                role = _clean_role(part)
        if outlet is None:
            for m in list(_EMAIL_RE.finditer(line)) + list(_URL_RE.finditer(line)):
                found = registry.by_domain(m.group(1))
                if found is not None:
                    outlet, outlet_text = found, m.group(0)
                    break
        if name is None and _looks_like_name(line) and not registry.find_names(line):
            name = line.strip(" ,")
    return Signature(name=name, role=role, outlet=outlet, outlet_text=outlet_text, phone=find_phone(lines),
                     freelance=freelance, lines=tuple(lines))


__all__ = ["Signature", "find_phone", "normalise_phone", "read_signature", "signature_lines"]
