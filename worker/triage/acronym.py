"""Another body's name behind the office's acronym.

Acronyms are shared: "IMCTC" is also the Isle of Man Classic Toy Collectors, "CIMCT" a thoracic
medicine centre in Tunis and a congress on composite materials. A letter that spells the acronym out
as another body's name ("Centre International de Médecine et Chirurgie Thoracique (CIMCT)") was
meant for that body, whatever it asks for and by when.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
# Words an expansion skips ("Centre International DE Médecine ET Chirurgie").
_SKIPPED = frozenset("""
of and the for on in at to de du des et la le les sur en à au aux y el los las del für und der die das dem den di e da do dos
""".split())
_ELIDED_RE = re.compile(r"^(?:d|l|qu)['’]", re.IGNORECASE)
_SENDERS_OWN_RE = re.compile(r"\b(?:our|on\s+behalf\s+of(?:\s+the)?|notre|nos|au\s+nom\s+(?:du|de\s+la|de\s+l')|unser\w*)\s+(?:\w+\s+){0,2}$",
                             re.IGNORECASE)
REACH = 200  # how far from the acronym its spelled-out name is looked for


def _bracketed(text: str, start: int, end: int, acronym: str) -> bool:
    """The name and the acronym side by side, one in brackets: "NAME (ACRONYM" or "ACRONYM (NAME"."""
    return bool(re.match(rf"\s*\(\s*{re.escape(acronym)}\b", text[end:end + 20])
                or re.search(rf"\b{re.escape(acronym)}(?:\s+\d{{4}})?\s*\(\s*$", text[max(0, start - 20):start]))


def _initials(word: str) -> str:
    """"Cardio-Thoracic" -> "CT", "d'Informatique" -> "I"."""
    return "".join(part[0] for part in _ELIDED_RE.sub("", word).split("-") if part)


def other_body(text: str, acronyms: tuple[str, ...], own_words: re.Pattern) -> str | None:
    """The name another body spells one of ``acronyms`` out as near it in ``text``, if any
    (``own_words`` matches the office's own name, which spells it out too)."""
    for acronym in acronyms:
        for m in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            low = max(0, m.start() - REACH)
            window = text[low:m.end() + REACH]
            words = list(_WORD_RE.finditer(window))
            for i, first in enumerate(words):
                # A name begins with a capitalised word of some length: not "I", not the acronym itself.
                if len(first.group()) < 4 or not first.group()[0].isupper() or first.group() == acronym:
                    continue
                initials, j = "", i
                while j < len(words) and len(initials) < len(acronym):
                    word = words[j].group()
                    if word.lower() not in _SKIPPED:
                        if len(word) < 3:
                            break
                        initials += _initials(word)
                    j += 1
                if initials.upper() == acronym.upper() and j - i >= len(acronym) - 1:
                    name = window[first.start():words[j - 1].end()]
                    content = [w.group() for w in words[i:j] if w.group().lower() not in _SKIPPED]
                    if not all(w[0].isupper() for w in content) and not _bracketed(window, first.start(), words[j - 1].end(), acronym):
                        continue  # lower-case words spell a name only beside the acronym: "Colloque … (CIMCT 2025)"
                    before = window[max(0, first.start() - 40):first.start()]
                    # "on behalf of the International Media … Centre (IMCTC)": the sender's own body,
                    # writing to the office, not mail meant for another.
                    if not own_words.search(name) and not _SENDERS_OWN_RE.search(before):
                        return name
    return None



# "Dear UNHCR Press Office", "Dear Arabian Heritage Festival press team", "to the press office of the Louvre": a greeting
# that names the body whose press office it writes to.
_NAME = r"[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+|de\s+|du\s+|des\s+)?[A-Z][\w&'’.-]*){0,5}"
_OFFICE = r"(?:press|media|communications?|news)\s+(?:office|team|department|desk|relations(?:\s+team)?|service)"
_GREETING_RE = re.compile(
    rf"^[ \t]*(?i:dear|hello|hi|good\s+(?:morning|afternoon|evening)|to)\s+(?:the\s+)?(?P<a>{_NAME})\s+(?i:{_OFFICE})\b"
    rf"|^[ \t]*(?i:dear|hello|hi|to)\s+(?:the\s+)?(?i:{_OFFICE})\s+(?:at|of)\s+(?:the\s+)?(?P<b>{_NAME})"
    rf"|^[ \t]*(?i:(?:au|cher|chère|chers)\s+)?(?i:service\s+(?:de\s+)?presse|service\s+(?:de\s+la\s+)?communication|[ée]quipe\s+presse)"
    rf"\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+)?(?P<c>{_NAME})",
    re.MULTILINE)
# Words of a greeting that name nobody.
_GENERIC = frozenset("""
the dear sir sirs madam madame monsieur media press communication communications team office colleagues colleague friends all
hello hi good morning afternoon evening respected esteemed honourable honorable distinguished news relations department
""".split())


def addressed_elsewhere(text: str, acronyms: tuple[str, ...], own_words: re.Pattern) -> str | None:
    """The body named in the greeting of ``text`` (its first lines) when it is another's press office: "Dear UNHCR Press
    Office", not "Dear IMCTC media team" or "Dear Press Office"."""
    head = "\n".join(text.lstrip()[:600].split("\n")[:3])
    m = _GREETING_RE.search(head)
    if m is None:
        return None
    name = (m.group("a") or m.group("b") or m.group("c")).strip(" .,")
    words = [w for w in re.findall(r"[\w&'’.-]+", name) if w.lower().strip(".") not in _GENERIC and len(w) > 1]
    if not words or any(w.strip(".").upper() in acronyms for w in words) or own_words.search(name.lower()):
        return None
    return name


__all__ = ["addressed_elsewhere", "other_body"]
