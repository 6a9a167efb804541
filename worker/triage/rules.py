"""Load the triage rules data file and compile it once.

The default rules ship as ``rules.yaml`` beside this module; ``MEDIADESK_RULES_FILE``
(``Settings.rules_file``) points at an administrator's copy instead. Compiled rules are cached
by path and modification time, so an edited file is picked up by the next triage call.
"""

from __future__ import annotations

import dataclasses
import operator
import re
import re._constants as _sre
import re._parser as _sre_parse
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mediadesk.settings import CATEGORIES
from mediadesk.worker.triage.text import lower_pattern, normalize_pattern

DEFAULT_RULES_FILE = Path(__file__).with_name("rules.yaml")
INQUIRY_CATEGORIES = tuple(c for c in CATEGORIES if c not in ("general", "spam", "automated"))
SCORED_CATEGORIES = (*INQUIRY_CATEGORIES, "general", "spam")


class RulesError(ValueError):
    """The rules file is unreadable or malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Rule:
    """One weighted pattern; ``label`` is how explanations name it.

    ``regex`` is the pattern as written. Searching uses a faster equivalent: the branches that
    start with ``\\b`` are searched without it (so the regex engine can skip ahead by their
    first characters) and the word boundary is checked on each hit; the rest as they are.
    Matching text is normalised (lower-case), so the patterns are lower-cased and compiled
    without IGNORECASE, which is several times slower on Unicode text.
    """

    regex: re.Pattern
    weight: float
    label: str
    bounded: re.Pattern | None = None  # branches that began with \b, without it
    plain: re.Pattern | None = None    # the other branches
    required: tuple[str, ...] | None = None  # every match contains one of these (a prefilter)
    indexed: bool = False  # ``required`` is in LITERALS' automaton

    def search(self, text: str, present: frozenset[str] | None = None) -> re.Match | None:
        """``present``: ``LITERALS.present`` of ``text`` (or of a text containing it), when the
        caller asks many rules about one text."""
        # Most rules match no message: skip the regex scan when none of the substrings every
        # match contains is in the text (one Aho-Corasick pass per text answers all rules).
        if self.required is not None:
            if self.indexed:
                if (LITERALS.present(text) if present is None else present).isdisjoint(self.required):
                    return None
            elif not any(s in text for s in self.required):
                return None
        found = None
        if self.bounded is not None:
            m = self.bounded.search(text)
            while m is not None:
                s = m.start()
                if s == 0 or not (text[s - 1].isalnum() or text[s - 1] == "_"):
                    found = m
                    break
                m = self.bounded.search(text, s + 1)
        if self.plain is not None:
            # The earliest match, as the whole pattern would give: where it is (the subject or the body) weighs it.
            m = self.plain.search(text)
            if m is not None and (found is None or m.start() < found.start()):
                return m
        return found


@dataclass(frozen=True)
class WeightedRules:
    rules: tuple[Rule, ...]
    # Which rules a text can reach: those without an indexed prefilter always, the others
    # through the literals found in the text (most of hundreds of rules are never called).
    _always: tuple[int, ...] = dataclasses.field(init=False, repr=False, compare=False)
    _by_literal: dict[str, tuple[int, ...]] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_literal: dict[str, list[int]] = {}
        always = []
        for i, rule in enumerate(self.rules):
            if rule.indexed:
                for literal in rule.required:
                    by_literal.setdefault(literal, []).append(i)
            else:
                always.append(i)
        object.__setattr__(self, "_always", tuple(always))
        object.__setattr__(self, "_by_literal", {k: tuple(v) for k, v in by_literal.items()})

    def candidates(self, present: frozenset[str]) -> list[Rule]:
        """The rules that may match a text whose ``LITERALS.present`` is ``present``, in order."""
        by_literal = self._by_literal
        reached = set(self._always)
        if len(present) < len(by_literal):
            for literal in present:
                hit = by_literal.get(literal)
                if hit:
                    reached.update(hit)
        else:
            for literal, hit in by_literal.items():
                if literal in present:
                    reached.update(hit)
        return [self.rules[i] for i in sorted(reached)]

    def matches(self, text: str, present: frozenset[str] | None = None) -> list[tuple[Rule, str]]:
        """Every rule that matches normalised ``text``, with the text it matched.

        ``present``: ``LITERALS.present`` of ``text`` or of a text that contains it (a superset
        only lets more rules reach their regex), to spare another pass."""
        found = []
        if present is None:
            present = LITERALS.present(text)
        for rule in self.candidates(present):
            m = rule.search(text, present)
            if m:
                found.append((rule, m.group(0).strip()))
        return found

    def score(self, text: str) -> tuple[float, list[str]]:
        found = self.matches(text)
        return sum(r.weight for r, _ in found), [term for _, term in found]


@dataclass(frozen=True)
class Rules:
    source: str
    subject_weight: float
    preferred_languages: tuple[str, ...]
    min_letters: int
    min_score: float
    human_auto_submitted: tuple[str, ...]
    daemon_senders: re.Pattern
    daemon_names: re.Pattern
    noreply_senders: re.Pattern
    shared_senders: re.Pattern
    human_reply_prefix: re.Pattern
    auto_reply_subject: WeightedRules
    auto_reply_body: WeightedRules
    auto_reply_body_threshold: float
    bounce_subject: WeightedRules
    bounce_body: WeightedRules
    bounce_body_threshold: float
    bulk_headers: dict[str, float]
    newsletter_body: WeightedRules
    request_cues: WeightedRules
    categories: dict[str, WeightedRules]
    media_identity: WeightedRules
    urgency: WeightedRules
    urgency_exceptions: WeightedRules
    # The sender asks whether an offer made in the office's name is genuine, or calls it a scam:
    # the spam wording they quote is evidence they report, not an offer to us.
    scam_report: WeightedRules = dataclasses.field(default_factory=lambda: WeightedRules(()))
    # A body that says a machine wrote it ("This is an automated acknowledgement", "Automated
    # response:"): an auto-reply however much it speaks of interviews and accreditation.
    auto_reply_declared: WeightedRules = dataclasses.field(default_factory=lambda: WeightedRules(()))
    # A body that says a system sent it as a notification ("your press badge is ready", "You are
    # receiving this reminder because you are an attendee"): bulk, whatever event it names.
    notification_declared: WeightedRules = dataclasses.field(default_factory=lambda: WeightedRules(()))
    # A platform that relays one person's message to us ("Message from Aisha:", "on behalf of:", "reply to this message to
    # reach the requester"): the person's request is the letter, whatever headers the platform sends it with.
    relayed_request: WeightedRules = dataclasses.field(default_factory=lambda: WeightedRules(()))
    # A price quoted in a mass mailing ("249,000 روپے", "$149", "Rp 12.500.000"): marketing, which the schema calls spam.
    bulk_price: re.Pattern | None = None
    # A notice that threatens to expire a link within hours or to delete an account: phishing in a machine's form.
    expiry_threat: re.Pattern | None = None
    # The office's own acronyms, the words of its own name, and what a letter that spells an acronym
    # out as another body's name adds to "general" (worker/triage/acronym.py).
    own_acronyms: tuple[str, ...] = ()
    own_words: re.Pattern | None = None
    other_body_weight: float = 0.0
    # Another body's own business (a patient's appointment, a tenant's lease, a supplier's delivery): what it adds
    # to "general" for a sender who does not present as press and names nothing of the office's subject matter.
    other_business: WeightedRules = dataclasses.field(default_factory=lambda: WeightedRules(()))
    other_business_unless: re.Pattern | None = None
    # The office's own name as a letter addresses it ("Islamic Military Counter Terrorism Coalition"): it names the
    # addressee, not the letter's subject, so `unless` does not read it.
    office_name: re.Pattern | None = None
    other_business_weight: float = 0.0
    # A customer's grievance about another body's service (a lost bag, a debit from a bank account, a refund from a
    # shop): where a complaint's wording leads, the complaint is that body's, and the letter general.
    other_grievance: WeightedRules = dataclasses.field(default_factory=lambda: WeightedRules(()))
    # A supplier's paperwork for the office's own order: a letter that names the office's request, order or agreement
    # (`references`) and carries a quotation's or an invoice's terms (`paperwork`), unless it changes a bank account
    # (`unless`). Read even where the letter names journalists (a press breakfast's catering): the sender is the
    # supplier, not the press.
    order_references: re.Pattern | None = None
    order_paperwork: re.Pattern | None = None
    order_unless: re.Pattern | None = None


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE | re.MULTILINE) -> re.Pattern:
    try:
        return re.compile(normalize_pattern(pattern), flags)
    except re.error as exc:
        raise RulesError(f"{where}: bad pattern {pattern!r}: {exc}") from None


def _top_level_branches(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|`` (not inside groups or classes)."""
    branches, current, depth, in_class, i = [], [], 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append("".join(current))
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    branches.append("".join(current))
    return branches


class Literals:
    """Which registered substrings occur in a text: one Aho-Corasick pass over the text finds
    every rule's substrings at once (pyahocorasick), remembered for the last few texts, since
    triage asks about the same text for hundreds of rules."""

    CACHE = 32
    MIN_LENGTH = 3  # two-letter words ("en", "la") hit hundreds of times per letter: tested with `in`

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._automaton = None
        self._cache: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()

    def register(self, words) -> None:
        with self._lock:
            if not set(words) <= self._words:
                self._words.update(words)
                self._automaton, self._cache = None, {}

    def present(self, text: str) -> frozenset[str]:
        found = self._cache.get(text)
        if found is None:
            automaton = self._automaton or self._build()
            # map + itemgetter: the hits are collected in C, not one Python frame per hit.
            found = frozenset(map(_VALUE, automaton.iter(text))) if text else frozenset()
            if len(self._cache) >= self.CACHE:
                self._cache = {}
            self._cache[text] = found
        return found

    def _build(self):
        import ahocorasick

        with self._lock:
            automaton = ahocorasick.Automaton()
            for word in self._words:
                automaton.add_word(word, word)
            automaton.make_automaton()
            self._automaton = automaton
        return automaton


_VALUE = operator.itemgetter(1)
LITERALS = Literals()
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_MAX_ALTERNATIVES = 48


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two necessary-substring sets (longest shortest member, then fewest)."""
    if not a:
        return b or None
    if not b:
        return a
    key = lambda s: (min(map(len, s)), -len(s))  # noqa: E731
    return a if key(a) >= key(b) else b


def _required(items) -> frozenset[str] | None:
    """Substrings of which every match of the parsed sequence ``items`` contains at least one.

    Walks runs of literals (small character classes like ``[ée]`` expand them), looks through
    groups, alternations and repeats of at least one; None when nothing is certain.
    """
    best: frozenset[str] | None = None
    run: set[str] = {""}

    def flush():
        nonlocal best, run
        if run != {""}:
            best = _better(best, frozenset(run))
        run = {""}

    for op, av in items:
        if op == _sre.LITERAL:
            run = {r + chr(av) for r in run}
        elif op == _sre.IN and len(av) <= 4 and all(o == _sre.LITERAL for o, _ in av) \
                and len(run) * len(av) <= _MAX_ALTERNATIVES:
            run = {r + chr(c) for r in run for _, c in av}
        elif op in _ZERO_WIDTH:
            continue  # consumes nothing: the literal run goes on across it
        else:
            flush()
            if op == _sre.SUBPATTERN:
                best = _better(best, _required(av[-1]))
            elif op == _sre.BRANCH:
                alternatives = [_required(branch) for branch in av[1]]
                if all(alternatives):
                    union = frozenset().union(*alternatives)
                    if len(union) <= _MAX_ALTERNATIVES:
                        best = _better(best, union)
            elif op in _REPEATS and av[0] >= 1:
                best = _better(best, _required(av[2]))
    flush()
    return best


def required_substrings(*patterns: re.Pattern | None) -> tuple[str, ...] | None:
    """A prefilter for the union of ``patterns``: None when it cannot be derived safely."""
    found: set[str] = set()
    for pattern in patterns:
        if pattern is None:
            continue
        if pattern.flags & re.IGNORECASE:
            return None
        try:
            needed = _required(_sre_parse.parse(pattern.pattern, pattern.flags))
        except Exception:  # an exotic construct: no prefilter, the regex alone decides
            return None
        if not needed:
            return None
        found |= needed
    return tuple(sorted(found, key=len, reverse=True)) if found else None


def _rule(pattern: str, weight: float, where: str) -> Rule:
    regex = _compile(pattern, where)
    fast = lower_pattern(normalize_pattern(pattern))
    bounded, plain = [], []
    for branch in _top_level_branches(fast):
        (bounded if branch.startswith("\\b") and len(branch) > 2 else plain).append(branch)
    try:
        bounded_re = re.compile("|".join(b[2:] for b in bounded), re.MULTILINE) if bounded else None
        plain_re = re.compile("|".join(plain), re.MULTILINE) if plain else None
        required = required_substrings(bounded_re, plain_re)
        indexed = bool(required) and min(map(len, required)) >= Literals.MIN_LENGTH
        if indexed:
            LITERALS.register(required)
        return Rule(regex, weight, where, bounded_re, plain_re, required, indexed)
    except re.error as exc:
        raise RulesError(f"{where}: bad pattern {pattern!r}: {exc}") from None


def _weighted(items: Any, where: str) -> WeightedRules:
    if items is None:
        return WeightedRules(())
    if not isinstance(items, list):
        raise RulesError(f"{where}: expected a list of patterns")
    rules = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            pattern, weight = item, 1.0
        elif isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str):
            pattern, weight = item[0], float(item[1])
        else:
            raise RulesError(f"{where}[{i}]: expected a pattern or [pattern, weight]")
        rules.append(_rule(pattern, weight, f"{where}[{i}]"))
    return WeightedRules(tuple(rules))


def parse_rules(data: dict[str, Any], source: str = "<rules>") -> Rules:
    """Validate and compile a rules mapping (the content of a rules file)."""
    if not isinstance(data, dict):
        raise RulesError(f"{source}: the rules file must be a mapping")
    auto = data.get("automated") or {}
    language = data.get("language") or {}
    categories = data.get("categories") or {}
    unknown = sorted(set(categories) - set(SCORED_CATEGORIES))
    if unknown:
        raise RulesError(f"{source}: unknown categories {unknown}; rules exist for {list(SCORED_CATEGORIES)}")
    media = data.get("media_identity") or {}
    media_weight = float(media.get("weight", 1.0))
    own = data.get("own_acronyms") or {}
    if own and not isinstance(own, dict):
        raise RulesError(f"{source}: own_acronyms must be a mapping (acronyms, own_words, weight)")
    acronyms = own.get("acronyms") or []
    # A bare string would be read letter by letter, and one-letter "acronyms" spell half of every letter.
    if not isinstance(acronyms, list) or not all(isinstance(a, str) and len(a) >= 2 for a in acronyms):
        raise RulesError(f"{source}: own_acronyms.acronyms must be a list of acronyms, e.g. [IMCTC, CIMCT]")
    if acronyms and not own.get("own_words"):
        raise RulesError(f"{source}: own_acronyms.own_words is needed with acronyms: the office's own name spells them out too")
    business = data.get("other_business") or {}
    if not isinstance(business, dict) or (business and not isinstance(business.get("patterns"), list)):
        raise RulesError(f"{source}: other_business must be a mapping with a list of patterns (and weight, unless, office_name, "
                         "grievances, orders)")
    orders = business.get("orders") or {}
    if orders and (not isinstance(orders, dict) or not orders.get("references") or not orders.get("paperwork")):
        raise RulesError(f"{source}: other_business.orders must be a mapping with references and paperwork (and unless)")
    return Rules(
        source=source,
        subject_weight=float(data.get("subject_weight", 1.5)),
        preferred_languages=tuple(language.get("preferred", ("ar", "en", "fr"))),
        min_letters=int(language.get("min_letters", 25)),
        min_score=float(data.get("min_score", 2.0)),
        human_auto_submitted=tuple(str(v).lower() for v in auto.get("human_auto_submitted", ["no"])),
        daemon_senders=_compile(auto.get("daemon_senders", r"^(?:mailer-daemon|postmaster)$"), "automated.daemon_senders"),
        daemon_names=_compile(auto.get("daemon_names", r"mailer-daemon"), "automated.daemon_names"),
        noreply_senders=_compile(auto.get("noreply_senders", r"^no-?reply$"), "automated.noreply_senders"),
        shared_senders=_compile(auto.get("shared_senders", r"^news$"), "automated.shared_senders"),
        human_reply_prefix=_compile(auto.get("human_reply_prefix", r"^\s*re\s*:"), "automated.human_reply_prefix"),
        auto_reply_subject=_weighted(auto.get("auto_reply_subject"), "automated.auto_reply_subject"),
        auto_reply_body=_weighted(auto.get("auto_reply_body"), "automated.auto_reply_body"),
        auto_reply_body_threshold=float(auto.get("auto_reply_body_threshold", 3)),
        bounce_subject=_weighted(auto.get("bounce_subject"), "automated.bounce_subject"),
        bounce_body=_weighted(auto.get("bounce_body"), "automated.bounce_body"),
        bounce_body_threshold=float(auto.get("bounce_body_threshold", 3)),
        bulk_headers={str(k).lower(): float(v) for k, v in (auto.get("bulk_headers") or {}).items()},
        newsletter_body=_weighted(auto.get("newsletter_body"), "automated.newsletter_body"),
        request_cues=_weighted(data.get("request_cues"), "request_cues"),
        categories={c: _weighted(categories.get(c), f"categories.{c}") for c in SCORED_CATEGORIES},
        media_identity=WeightedRules(tuple(
            dataclasses.replace(r, weight=media_weight)
            for r in _weighted(media.get("patterns"), "media_identity").rules
        )),
        urgency=_weighted(data.get("urgency"), "urgency"),
        urgency_exceptions=_weighted(data.get("urgency_exceptions"), "urgency_exceptions"),
        scam_report=_weighted(data.get("scam_report"), "scam_report"),
        auto_reply_declared=_weighted(auto.get("auto_reply_declared"), "automated.auto_reply_declared"),
        notification_declared=_weighted(auto.get("notification_declared"), "automated.notification_declared"),
        relayed_request=_weighted(auto.get("relayed_request"), "automated.relayed_request"),
        bulk_price=_compile(auto["bulk_price"], "automated.bulk_price") if auto.get("bulk_price") else None,
        expiry_threat=_compile(auto["expiry_threat"], "automated.expiry_threat") if auto.get("expiry_threat") else None,
        own_acronyms=tuple(acronyms),
        own_words=_compile(own["own_words"], "own_acronyms.own_words") if own.get("own_words") else None,
        other_body_weight=float(own.get("weight", 0)),
        other_business=_weighted(business.get("patterns"), "other_business.patterns"),
        other_business_unless=(_compile(business["unless"], "other_business.unless") if business.get("unless")
                               else None),
        office_name=_compile(business["office_name"], "other_business.office_name") if business.get("office_name") else None,
        other_business_weight=float(business.get("weight", 0)),
        other_grievance=_weighted(business.get("grievances"), "other_business.grievances"),
        order_references=_compile(orders["references"], "other_business.orders.references") if orders else None,
        order_paperwork=_compile(orders["paperwork"], "other_business.orders.paperwork") if orders else None,
        order_unless=_compile(orders["unless"], "other_business.orders.unless") if orders.get("unless") else None,
    )


_cache: dict[str, tuple[float, Rules]] = {}
_lock = threading.Lock()


def load_rules(path: Path | str | None = None) -> Rules:
    """The compiled rules of ``path`` (default: the shipped rules.yaml), cached by mtime."""
    path = Path(path) if path else DEFAULT_RULES_FILE
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise RulesError(f"cannot read the rules file {path} (MEDIADESK_RULES_FILE): {exc.strerror}") from None
    cached = _cache.get(str(path))
    if cached is not None and cached[0] == mtime:
        return cached[1]
    with _lock:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise RulesError(f"{path}: not valid YAML: {exc}") from None
        rules = parse_rules(data, str(path))
        _cache[str(path)] = (mtime, rules)
    return rules


__all__ = [
    "DEFAULT_RULES_FILE",
    "INQUIRY_CATEGORIES",
    "Rule",
    "Rules",
    "RulesError",
    "SCORED_CATEGORIES",
    "WeightedRules",
    "load_rules",
    "parse_rules",
]
