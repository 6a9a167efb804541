"""The outlet registry: which outlet a mail domain or a name in a signature stands for.

An outlet has a name, aliases (other spellings, Arabic and French names, acronyms), mail and web
domains, a country, a kind and a tier the office sets. The registry shipped with mediadesk
(``outlets.csv`` beside this module, compiled from public facts) is the starting point; the
office edits its own copy in the database (``mediadesk outlet import/export``). Everything here
is pure: a ``Registry`` is built from a list of ``Outlet`` values and answers lookups.

Matching names in text is deliberately strict, because a signature is full of words that are
also outlet names ("العربية" is Al Arabiya and "Arabic"; "Le Point" is a magazine and "the
point"):
- names are compared as whole words, longest first;
- an acronym written in capitals in the registry (AP, AFP, WAM) matches only in capitals;
- an alias written ``=X`` in the CSV is *generic*: it counts only when it makes up a whole part
  of a line (between separators such as ``|``, ``–``, ``,``) or follows a role or outlet-type
  word ("مراسل العربية", "قناة العربية", "journaliste au Point"), and ends that part or is
  followed by a place ("… في دبي", "… à Rabat").
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, TextIO

KINDS = ("agency", "newspaper", "tv", "radio", "online", "freelance", "other")
CSV_FIELDS = ("domains", "name", "aliases", "country", "kind", "tier")
DEFAULT_TIER = 3


@dataclass(frozen=True)
class Outlet:
    """One outlet as the registry knows it."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # a leading "=" marks a generic alias (see the module docstring)
    country: str | None = None
    kind: str = "other"
    tier: int = DEFAULT_TIER
    source: str = "shipped"  # shipped | office


@dataclass(frozen=True)
class NameMatch:
    """An outlet name found in a line: which outlet, and the character span it covers."""

    outlet: Outlet
    start: int
    end: int
    alias: str


class RegistryError(ValueError):
    """A registry CSV row that cannot be read (the message names the line)."""


# --------------------------------------------------------------------------- text


_ARABIC_MARKS_RE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TOKEN_RE = re.compile(r"\w+")


def fold(text: str) -> str:
    """NFKC, case-folded, Arabic without diacritics or tatweel and with one alef and ya."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS).casefold()
    text = _ARABIC_MARKS_RE.sub("", text)
    text = re.sub(r"[أإآٱ]", "ا", text)
    return text.replace("ى", "ي").replace("ة", "ه").replace("’", "'")


def tokens(text: str) -> list[tuple[str, str, int, int]]:
    """Word tokens of ``text``: (folded, as written, start, end)."""
    text = unicodedata.normalize("NFKC", text)
    return [(fold(m.group()), m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


# Arabic clitics before the article: "للجزيرة" (for Al Jazeera), "بالعربية", "والشرق".
_CLITIC_ARTICLE_RE = re.compile(r"^(?:لل|[وبفك]ال|[وف]لل)")


def _unclitic(token: str) -> str | None:
    m = _CLITIC_ARTICLE_RE.match(token)
    if m is None or len(token) - m.end() < 2:
        return None
    return "ال" + token[m.end():]


# Words after which a generic alias counts (the last word before it in its part of the line),
# folded as ``fold`` does: roles, outlet types, and the connectors that join them to a name.
ROLE_WORDS = frozenset(fold(w) for w in """
    journalist reporter correspondent editor producer presenter anchor host photographer photojournalist
    columnist writer contributor freelance freelancer stringer cameraman videographer researcher
    chief head desk bureau deputy senior managing
    journaliste reporter reportrice correspondant correspondante rédacteur rédactrice rédac chef chroniqueur
    chroniqueuse présentateur présentatrice producteur productrice pigiste photographe envoyé envoyée
    spécial spéciale directeur directrice responsable adjoint adjointe éditorialiste
    صحفي صحفية صحافي صحافية مراسل مراسلة محرر محررة مذيع مذيعة منتج منتجة مصور مصورة كاتب كاتبة
    معد معدة مقدم مقدمة رئيس رئيسة مدير مديرة مندوب مندوبة
""".split())
TYPE_WORDS = frozenset(fold(w) for w in """
    قناة صحيفة جريدة موقع مجلة إذاعة اذاعة وكالة تلفزيون شبكة بوابة يومية
    journal magazine quotidien hebdomadaire chaîne chaine radio télévision television newspaper channel agency agence
""".split())
CONNECTORS = frozenset(fold(w) for w in """
    at for with of in à a au aux chez pour de du des la le les l auprès
    في لدى ل لـ ب من مع
""".split())
_PRECEDERS = ROLE_WORDS | TYPE_WORDS | CONNECTORS
# After a generic alias: nothing, or a place ("in Dubai", "à Rabat", "في الرياض").
_PLACE_INTRO = frozenset(fold(w) for w in "in à a en au في من bureau office desk مكتب".split())


def _is_acronym(alias: str) -> bool:
    return alias.isascii() and alias.isalpha() and alias.isupper() and len(alias) <= 5


def _alias_forms(alias: str) -> list[tuple[tuple[str, ...], bool]]:
    """(folded tokens, generic) for an alias and its French contracted forms: "Le Monde" is
    also "au Monde" / "du Monde" (generic: "Institut du monde arabe" is no newspaper)."""
    generic = alias.startswith("=")
    words = tuple(t[0] for t in tokens(alias.lstrip("=")))
    if not words:
        return []
    forms = [(words, generic)]
    if len(words) >= 2 and words[0] in ("le", "les"):
        for contracted in (("au", "du") if words[0] == "le" else ("aux", "des")):
            forms.append(((contracted, *words[1:]), True))
    return forms


# --------------------------------------------------------------------------- registry


class Registry:
    """Outlets by domain and by name. Build with ``Registry(outlets)``; immutable in use."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets: tuple[Outlet, ...] = tuple(outlets)
        self._by_domain: dict[str, Outlet] = {}
        # folded words of a name → (outlet, alias as written, generic, acronym)
        self._by_words: dict[tuple[str, ...], list[tuple[Outlet, str, bool, bool]]] = {}
        self._by_name: dict[str, Outlet] = {}
        self._longest = 1
        for outlet in self.outlets:
            for domain in outlet.domains:
                self._by_domain.setdefault(domain.lower().strip("."), outlet)
            self._by_name.setdefault(fold(outlet.name), outlet)
            generic_spellings = {a[1:] for a in outlet.aliases if a.startswith("=")}
            spellings = [outlet.name if outlet.name not in generic_spellings else "=" + outlet.name,
                         *[a for a in outlet.aliases if a.lstrip("=") != outlet.name]]
            for alias in spellings:
                self._by_name.setdefault(fold(alias.lstrip("=")), outlet)
                acronym = _is_acronym(alias)
                for words, generic in _alias_forms(alias):
                    self._by_words.setdefault(words, []).append((outlet, alias.lstrip("="), generic, acronym))
                    self._longest = max(self._longest, len(words))

    def __len__(self) -> int:
        return len(self.outlets)

    def by_domain(self, domain: str | None) -> Outlet | None:
        """The outlet of a domain or of any domain above it (``a.b.reuters.com`` → Reuters)."""
        if not domain:
            return None
        labels = domain.lower().strip().strip(".").split(".")
        for i in range(len(labels) - 1):
            found = self._by_domain.get(".".join(labels[i:]))
            if found is not None:
                return found
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The outlet with this exact name or alias (case and Arabic spelling folded)."""
        return self._by_name.get(fold(name.lstrip("=").strip()))

    def find_names(self, part: str) -> list[NameMatch]:
        """Outlet names in one part of a line (a line between separators), longest first at
        each position; generic aliases only where the module docstring allows them."""
        toks = tokens(part)
        titles = _quoted_titles(unicodedata.normalize("NFKC", part))
        found: list[NameMatch] = []
        i = 0
        while i < len(toks):
            match = self._match_at(toks, i)
            if match is None:
                i += 1
                continue
            outlet, alias, n = match
            start, end = toks[i][2], toks[i + n - 1][3]
            if not any(a <= start and end <= b and (a, b) != (start, end) for a, b in titles):
                found.append(NameMatch(outlet, start, end, alias))
            i += n
        return found

    def _match_at(self, toks, i: int) -> tuple[Outlet, str, int] | None:
        for n in range(min(self._longest, len(toks) - i), 0, -1):
            window = [t[0] for t in toks[i:i + n]]
            candidates = self._by_words.get(tuple(window), [])
            if not candidates and (bare := _unclitic(window[0])) is not None:
                candidates = self._by_words.get((bare, *window[1:]), [])
            for outlet, alias, generic, acronym in candidates:
                if acronym and [t[1] for t in toks[i:i + n]] != [t[1] for t in tokens(alias)]:
                    continue
                if generic and not _generic_fits(toks, i, n):
                    continue
                return outlet, alias, n
        return None

    def with_outlets(self, outlets: Iterable[Outlet]) -> "Registry":
        """This registry with ``outlets`` added or replacing those of the same name."""
        mine = {o.name: o for o in self.outlets}
        for outlet in outlets:
            mine[outlet.name] = outlet
        return Registry(mine.values())


# A name inside quotation marks with other words is a title, not the outlet: a producer of
# « Le Monde en direct » on Radio Horizon does not write for Le Monde.
_QUOTED_RE = re.compile(r"«\s*([^«»]+?)\s*»|“\s*([^“”]+?)\s*”|\"\s*([^\"]+?)\s*\"")


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """The spans of the words inside each quotation in ``text`` (quotes and spaces excluded)."""
    spans = []
    for m in _QUOTED_RE.finditer(text):
        group = next(g for g in range(1, 4) if m.group(g) is not None)
        spans.append((m.start(group), m.end(group)))
    return spans


def _generic_fits(toks, i: int, n: int) -> bool:
    before = [t[0] for t in toks[:i]]
    after = [t[0] for t in toks[i + n:]]
    if before and before[-1] not in _PRECEDERS and (_unclitic(before[-1]) or "") not in _PRECEDERS \
            and before[-1].lstrip("لب") not in TYPE_WORDS:
        return False
    return not after or (after[0] in _PLACE_INTRO and len(after) <= 3)


# --------------------------------------------------------------------------- CSV


def read_csv(stream: TextIO, *, source: str = "office") -> list[Outlet]:
    """Outlets from a registry CSV (``domains,name,aliases,country,kind,tier``; domains
    separated by spaces, aliases by ``|``). Raises RegistryError naming the bad line."""
    reader = csv.DictReader(stream)
    missing = {"name", "domains"} - set(reader.fieldnames or ())
    if missing:
        raise RegistryError(f"the CSV has no {', '.join(sorted(missing))} column (columns: {', '.join(CSV_FIELDS)})")
    outlets: list[Outlet] = []
    for row in reader:
        line = reader.line_num
        name = (row.get("name") or "").strip()
        if not name:
            raise RegistryError(f"line {line}: the name is empty")
        kind = (row.get("kind") or "other").strip().lower() or "other"
        if kind not in KINDS:
            raise RegistryError(f"line {line}: kind {kind!r} is not one of {', '.join(KINDS)}")
        tier_text = (row.get("tier") or "").strip()
        try:
            tier = int(tier_text) if tier_text else DEFAULT_TIER
        except ValueError:
            raise RegistryError(f"line {line}: tier {tier_text!r} is not a whole number") from None
        domains = tuple(d.lower().strip(".") for d in re.split(r"[\s;,]+", row.get("domains") or "") if d)
        bad = [d for d in domains if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", d)]
        if bad:
            raise RegistryError(f"line {line}: {bad[0]!r} is not a domain")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        country = (row.get("country") or "").strip().upper() or None
        outlets.append(Outlet(name=name, domains=domains, aliases=aliases, country=country, kind=kind,
                              tier=tier, source=source))
    return outlets


def write_csv(outlets: Iterable[Outlet], stream: TextIO) -> None:
    """The registry CSV that ``read_csv`` reads back."""
    writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for o in outlets:
        writer.writerow({"domains": " ".join(o.domains), "name": o.name, "aliases": "|".join(o.aliases),
                         "country": o.country or "", "kind": o.kind, "tier": o.tier})


def shipped_outlets() -> list[Outlet]:
    """The registry compiled for mediadesk (package data ``outlets.csv``)."""
    text = resources.files("mediadesk.worker.contacts").joinpath("outlets.csv").read_text(encoding="utf-8")
    return read_csv(io.StringIO(text), source="shipped")


@lru_cache(maxsize=1)
def shipped_registry() -> Registry:
    return Registry(shipped_outlets())


__all__ = ["CSV_FIELDS", "KINDS", "NameMatch", "Outlet", "Registry", "RegistryError", "fold", "read_csv",
           "shipped_outlets", "shipped_registry", "write_csv"]
