"""Split a message body into what its sender wrote now, what it forwards, and what it quotes.

Triage must judge a message by its own words: quoted history (``>`` lines, "On … wrote:",
"-----Original Message-----", an Outlook "From: … Sent: …" block) and the signature must not
decide its language or its category. A forwarded request is different: when the sender forwards
an earlier message (``Fwd:``), the forwarded part carries the real request and its deadline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A line that opens quoted or forwarded history, in the languages we see most.
_SEPARATOR_RE = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:original\s+message|message\s+d['’]origine|message\s+original|mensaje\s+original
                 |urspr[üu]ngliche\s+nachricht|الرسالة\s+الأصلية|الرسالة\s+الاصلية|orijinal\s+ileti
                 |oorspronkelijk\s+bericht|messaggio\s+originale|mensagem\s+original|pesan\s+asli
                 |message\s+(?:renvoy[ée]|retourn[ée])|returned\s+message)\s*-{2,}
      | -{2,}\s*(?:forwarded\s+message|message\s+transf[ée]r[ée]|mensaje\s+reenviado|weitergeleitete\s+nachricht
                 |رسالة\s+(?:مُ?عاد|معاد)\s+توجيهها|الرسالة\s+المعاد\s+توجيهها|[İi]letilen\s+(?:mesaj|ileti)
                 |pesan\s+(?:yang\s+)?diteruskan|messaggio\s+inoltrato|mensagem\s+encaminhada)\s*-{2,}
      | begin\s+forwarded\s+message\s*:
      | d[ée]but\s+du\s+message\s+(?:r[ée]exp[ée]di[ée]|transf[ée]r[ée])\s*:
      | _{10,}\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_FORWARD_SEPARATOR_RE = re.compile(
    r"forwarded|transf[ée]r[ée]|r[ée]exp[ée]di[ée]|reenviado|weitergeleitet|توجيه|iletilen|diteruskan|inoltrato|encaminhada", re.IGNORECASE
)
# "On Mon, 3 Jun 2019, Jane <j@x> wrote:" and its siblings (may wrap onto two lines).
_ATTRIBUTION_RE = re.compile(
    r"""^\s*>?\s*(?:
        on\b.{0,200}\bwrote\s*:
      | le\b.{0,200}\ba\s+[ée]crit\s*:
      | am\b.{0,200}\bschrieb.{0,40}:
      | el\b.{0,200}\bescribi[óo]\s*:
      | (?:في|بتاريخ)\b.{0,200}\bكتب\b.{0,200}:
      | .{0,200}\bكتب\s*:
      | .{0,120}<[^<>@\s]+@[^<>\s]+>\s*(?:wrote|a\s+[ée]crit|كتب)\s*:
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# An Outlook-style header block in the languages of the mail we get (Dutch "Van: … Verzonden: … Aan: … Onderwerp:",
# Spanish "De: … Enviado: … Para: … Asunto:", Italian "Da: … Inviato: … A: … Oggetto:", Turkish "Kimden: … Konu:").
_HEADER_FROM_RE = re.compile(r"^\s*\**\s*(?:from|de|von|van|da|kimden|dari|от|de\s*la\s*part\s*de|من|المرسل)\s*\**\s*:", re.IGNORECASE)
_HEADER_NEXT_RE = re.compile(
    r"^\s*\**\s*(?:sent|date|envoy[ée]|gesendet|enviado|fecha|to|[àa]|objet|subject|cc|an|betreff|datum|verzonden|aan|onderwerp"
    r"|para|asunto|inviato|data|oggetto|enviada|assunto|g[öo]nderildi|tarih|kime|konu|dikirim|tanggal|kepada|perihal|subjek"
    r"|отправлено|дата|кому|тема|أرسل(?:ت)?|مرسل|التاريخ|الموضوع|إلى)\s*\**\s*:",
    re.IGNORECASE,
)
_FORWARD_SUBJECT_RE = re.compile(r"^\s*(?:(?:re|aw|r|sv|رد)\s*:\s*)*(?:fwd?|tr|wg|rv|enc|fw|إعادة\s+توجيه|توجيه|محول)\s*:", re.IGNORECASE)

# Signature delimiters and mobile footers.
_SIG_DELIM_RE = re.compile(r"^(?:--|—|__)\s*$")
_MOBILE_RE = re.compile(
    r"^\s*(?:sent\s+from\s+my|envoy[ée]\s+(?:de|depuis)\s+mon|get\s+outlook\s+for|enviado\s+desde\s+mi|von\s+meinem"
    r"|(?:أُ|ا|أ)?رسلت\s+من|مرسل\s+من)\b",
    re.IGNORECASE,
)
# A closing formula: what follows it is the signature block.
_CLOSING_RE = re.compile(
    r"""^\s*(?:
        (?:best|kind|warm|warmest|many|with\s+best)?\s*(?:regards|wishes)\b.{0,30}
      | best\b.{0,20} | cheers\b.{0,10} | (?:many\s+)?thanks?(?:\s+(?:you|so\s+much|again|in\s+advance))?\b.{0,40}
      | sincerely\b.{0,20} | yours\b.{0,30} | respectfully\b.{0,10} | with\s+thanks\b.{0,20}
      | cordialement\b.{0,20} | bien\s+(?:à|a)\s+(?:vous|toi)\b.{0,10} | bien\s+cordialement\b.{0,10}
      | (?:avec\s+)?(?:mes|nos)\s+(?:remerciements|salutations)\b.{0,40} | merci\b.{0,30}
      | salutations\b.{0,30} | respectueusement\b.{0,10} | veuillez\s+agr[ée]er\b.{0,120}
      | mit\s+freundlichen\s+gr[üu](?:ß|ss)en\b.{0,10} | (?:un\s+)?saludo(?:s)?\b.{0,30} | atentamente\b.{0,10}
      | muchas\s+gracias\b.{0,30} | terima\s+kasih\b.{0,20} | te[şs]ekk[üu]r(?:ler)?\b.{0,40} | saygılarımla\b.{0,10}
      | مع\s+(?:خالص|أطيب|اطيب|وافر)?\s*(?:الشكر|التحية|التحيات|التقدير|الاحترام)\b.{0,30}
      | (?:و\s*)?(?:تقبلوا|تفضلوا\s+بقبول)\b.{0,60} | شكرا?ً?\s*(?:جزيلا?ً?)?\s*[.،!]?\s* | ولكم\s+(?:خالص|جزيل)\b.{0,30}
      | وشكرا?ً?.{0,20} | تحياتي\b.{0,20} | مع\s+الشكر\s+الجزيل.{0,10}
    )\s*[,.!،]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

_ARABIC_DIACRITICS_RE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF_RE = re.compile(r"[أإآٱ]")
# Invisible characters a sender slips inside words ("ver\u200bify", "249\u200b000") to slip past the rules: soft
# hyphen, zero-width space, direction marks and overrides, word joiners, the BOM. (Not ZWNJ and ZWJ, which Persian
# and Urdu spelling needs.)
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalize(text: str) -> str:
    """Lower-case, NFKC, no invisible characters, Arabic without diacritics or tatweel and with one alef: for
    matching rules."""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text)).lower()
    text = _ARABIC_DIACRITICS_RE.sub("", text)
    text = _ALEF_RE.sub("ا", text)
    return text.replace("ى", "ي").replace("ة", "ه").replace("’", "'").replace("\u00a0", " ")


def normalize_pattern(pattern: str) -> str:
    """The Arabic part of ``normalize`` applied to a regex (case is left to re.IGNORECASE)."""
    pattern = unicodedata.normalize("NFKC", pattern)
    pattern = _ARABIC_DIACRITICS_RE.sub("", pattern)
    pattern = _ALEF_RE.sub("ا", pattern)
    return pattern.replace("ى", "ي").replace("ة", "ه").replace("’", "'")


def lower_pattern(pattern: str) -> str:
    """Lower-case the letters of a regex, leaving escapes (\\S, \\B, \\W, \\D) alone."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every index unchanged (a few letters, like "İ", lower to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def is_forward(subject: str) -> bool:
    return bool(_FORWARD_SUBJECT_RE.match(subject or ""))


@dataclass(frozen=True)
class BodyParts:
    """The body cut into the sender's own words (``own``), without signature (``core``), and the rest."""

    own: str        # text above the first quote/forward marker (or written below a ">" quote), signature included
    core: str       # ``own`` without the signature block: what language detection sees
    history: str    # quoted or forwarded text below the marker
    forwarded: bool  # the history is a forwarded message (its request counts)


# Every line the loop below can stop at contains an attribution verb or starts like a separator,
# a quote or a header block (a superset of its rules), so the lines before the first such line
# are skipped in a few scans of the lower-cased text instead of five regexes per line.
_VERBS = ("wrote", "crit", "schrieb", "escribi", "كتب")
# After a newline (a literal prefix the regex engine skips to quickly, where ^ with MULTILINE
# is tried at every character).
# The header block's first line is the header rule itself (so the two cannot drift apart).
_LINE_START_RE = re.compile(
    r"\n[^\S\n]*(?:>|--|_{10}|begin\s+forwarded|d[ée]but\s+du|" + _HEADER_FROM_RE.pattern.removeprefix(r"^\s*") + ")"
)


def _first_candidate(lines: list[str]) -> int:
    """The line before the first line that may open history (an attribution can wrap onto the
    line after its start), or len(lines) when none can."""
    text = "\n" + "\n".join(lines).lower()
    found = [i for i in map(text.find, _VERBS) if i >= 0]
    m = _LINE_START_RE.search(text)
    if m is not None:
        found.append(m.start() + 1)
    if not found:
        return len(lines)
    line = text.count("\n", 0, min(found)) - 1  # the newline put in front is not a line break
    return max(0, line - 1)


def _first_history_line(lines: list[str], start: int | None = None) -> tuple[int, bool]:
    """Index of the first line of quoted/forwarded history, and whether it is a forward.

    ``start``: the first line to look at (default: the first candidate line)."""
    for i in range(_first_candidate(lines) if start is None else start, len(lines)):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            continue
        if _SEPARATOR_RE.match(stripped):
            return i, bool(_FORWARD_SEPARATOR_RE.search(stripped))
        if stripped.startswith(">"):
            # A single ">" line in the middle of prose is rare; a run of them is a quote.
            run = sum(1 for nxt in lines[i:i + 3] if nxt.strip().startswith(">") or not nxt.strip())
            if run >= 2 or i == len(lines) - 1:
                j = i - 1
                while j >= 0 and not lines[j].strip():
                    j -= 1
                if j >= 0 and _ATTRIBUTION_RE.match(lines[j]):
                    return j, False
                return i, False
        if _ATTRIBUTION_RE.match(stripped) and len(stripped) < 300:
            return i, False
        # "On Mon, 3 Jun 2019 at 10:12, Jane Doe <jane@x>" wrapped before "wrote:".
        if i + 1 < len(lines) and len(stripped) < 200 and _ATTRIBUTION_RE.match(stripped + " " + lines[i + 1].strip()):
            return i, False
        if _HEADER_FROM_RE.match(stripped):
            following = [ln for ln in lines[i + 1:i + 5] if ln.strip()]
            if sum(1 for ln in following if _HEADER_NEXT_RE.match(ln)) >= 2:
                return i, False
    return len(lines), False


def signed_off(text: str) -> bool:
    """A closing formula ("Kind regards", "Veuillez agréer …", "مع خالص التحية") in the last lines (a signature's):
    a person signed it."""
    lines = [ln for ln in text.rstrip().split("\n") if ln.strip()][-8:]
    return any(_CLOSING_RE.match(ln) and len(ln.strip()) <= 80 for ln in lines)


def strip_signature(text: str) -> str:
    """The text without its signature block: after "-- ", a mobile footer, or a closing formula."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _SIG_DELIM_RE.match(line.rstrip()) and i > 0:
            lines = lines[:i]
            break
    lines = [ln for ln in lines if not _MOBILE_RE.match(ln)]
    # The last closing formula in the lower part of the text ends the message proper.
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(content) >= 2:
        lower_bound = content[max(0, len(content) // 3)]
        for i in reversed(content):
            if i < lower_bound:
                break
            if _CLOSING_RE.match(lines[i]) and len(lines[i].strip()) <= 80:
                if any(lines[j].strip() for j in range(0, i)):
                    return "\n".join(lines[:i]).strip()
                break
    return _drop_trailing_card("\n".join(lines).strip())


def _drop_trailing_card(text: str) -> str:
    """Without a closing formula, a last block of a few short lines (name, title, outlet) is a signature."""
    blocks = re.split(r"\n\s*\n", text)
    if len(blocks) < 2:
        return text
    card = [ln.strip() for ln in blocks[-1].split("\n") if ln.strip()]
    if 1 <= len(card) <= 6 and all(len(ln) <= 60 and not ln.endswith(("?", "؟", ":")) for ln in card):
        if not any(re.search(r"[.!]\s*$", ln) and len(ln.split()) > 5 for ln in card):
            return "\n\n".join(blocks[:-1]).strip()
    return text


# Triage, its deadline reading, the story terms and the contact's signature all cut the same
# body: the cut is kept for the last few bodies (a batch's), not made four times. A long body is
# cut again rather than kept: the cache must not hold megabytes of text per entry.
CACHED_BODY_CHARS = 100_000


def split_body(text: str, subject: str = "") -> BodyParts:
    """Cut a body into own words, signature-free core, and history (quoted or forwarded)."""
    if len(text or "") > CACHED_BODY_CHARS:
        return _split_body(text, subject)
    return _split_body_cached(text, subject)


@lru_cache(maxsize=32)
def _split_body_cached(text: str, subject: str) -> BodyParts:
    return _split_body(text, subject)


def _split_body(text: str, subject: str) -> BodyParts:
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut, fwd_marker = _first_history_line(lines)
    own = "\n".join(lines[:cut]).strip()
    introduced = bool(own) and own.rstrip().endswith(":") and not _ATTRIBUTION_RE.match(own.splitlines()[-1].strip())
    below = (_written_below_quote(lines, cut) if not fwd_marker and (len(own.split()) < BOTTOM_POST_OWN_WORDS or introduced)
             else None)
    if below is not None:
        # Bottom-posted ("On … wrote:", the quote, then the reply): the words under the quote are the sender's; so are
        # those under a passage the letter quotes itself ("The release states:", "> …", "Dr Barker did not say this").
        own = f"{own}\n\n{below[0]}".strip()
        history = below[1]
        return BodyParts(own=own, core=strip_signature(own), history=history, forwarded=False)
    history = "\n".join(ln.lstrip("> ") if ln.startswith(">") else ln for ln in lines[cut:]).strip()
    forwarded = bool(history) and (fwd_marker or is_forward(subject))
    return BodyParts(own=own, core=strip_signature(own), history=history, forwarded=forwarded)


# A reply with fewer words than this above its quote ("Hi Nourah,") may be written below it.
BOTTOM_POST_OWN_WORDS = 8
# Words under a ">" quote that make a reply written below it, not a footer or a lone sign-off.
BOTTOM_POST_MIN_WORDS = 6


def _written_below_quote(lines: list[str], cut: int) -> tuple[str, str] | None:
    """(the sender's words, the quote) when history from ``cut`` is a ">" quote with a reply under it.

    Only a ">" quote tells where the quoted text ends; an Outlook header block quotes without marks.
    """
    rest = lines[cut:]
    quoted = [i for i, ln in enumerate(rest) if ln.lstrip().startswith(">")]
    if not quoted:
        return None
    own_lines = [ln for ln in rest[:quoted[0]] if ln.strip() and not _ATTRIBUTION_RE.match(ln.strip())]
    if own_lines:
        return None  # an attribution wrapped over lines, or prose before the quote: not this shape
    below = rest[quoted[-1] + 1:]
    if len(" ".join(below).split()) < BOTTOM_POST_MIN_WORDS or _first_history_line(below, 0)[0] < len(below):
        return None  # a footer, or the tail holds history of its own (a forward under a quote)
    # Lines between quote blocks are answers written inline: the sender's too.
    inline = [ln for ln in rest[quoted[0]:quoted[-1] + 1] if not ln.lstrip().startswith(">")]
    quote = "\n".join(ln.lstrip().lstrip("> ") for ln in rest[quoted[0]:quoted[-1] + 1] if ln.lstrip().startswith(">"))
    words = "\n".join(inline + below).strip()
    return words, quote.strip()


# What the rules read of the sender's own words: the opening (the request) and the close (where
# a deadline or a sign-off often sits). Regex work grows with the text, so a 50 KB letter costs
# no more than a short one.
HEAD_CHARS = 1_000
TAIL_CHARS = 500


def is_attribution(line: str) -> bool:
    """Whether a line introduces a quoted letter ("On … wrote:", "Le …, Jean Dupont a écrit :"), quote marks aside."""
    return bool(_ATTRIBUTION_RE.match(line.lstrip("> ")))


def head_and_tail(text: str, head: int = HEAD_CHARS, tail: int = TAIL_CHARS) -> str:
    if len(text) <= head + tail:
        return text
    return f"{text[:head]}\n\n{text[-tail:]}"


__all__ = ["BodyParts", "head_and_tail", "is_attribution", "is_forward", "lower_pattern", "lower_same_length", "normalize", "normalize_pattern", "split_body", "strip_signature"]
