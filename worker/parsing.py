"""Parse raw RFC 5322 bytes into a frozen ``ParsedMessage``, tolerating whatever arrives.

Uses the standard library's ``email`` package with ``policy.default``. Nothing here raises on
bad input: broken headers, unknown charsets and malformed MIME degrade to best-effort text and
are listed in ``defects`` so a human can review the message.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.policy import EmailPolicy
from email.header import decode_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

# Headers that triage and threading look at, kept on the parsed message by lower-case name.
TRIAGE_HEADERS = (
    "auto-submitted", "x-auto-response-suppress", "x-autoreply", "x-autorespond", "x-autoresponder",
    "precedence", "list-id", "list-unsubscribe", "list-post", "list-help", "return-path",
    "x-failed-recipients", "x-mailer", "x-campaign", "x-mailchimp-campaign", "feedback-id",
    "x-ms-exchange-generated-message-source", "x-ms-exchange-inbox-rules-loop", "x-precedence",
    "x-post-messageclass", "x-loop", "x-spam-flag", "x-spam-status", "content-type", "user-agent",
    "reply-to", "sender", "organization",
    # More list and mass-mailing markers, read by triage's bulk-mail detection.
    "mailing-list", "x-mailman-version", "list-archive", "list-subscribe", "list-owner", "x-beenthere",
    "x-mailing-list", "x-csa-complaints", "x-report-abuse", "x-sg-eid", "x-mc-user", "x-mailgun-sid",
    "x-campaignid", "x-mailer-recptid",
    # Upstream spam filters' verdicts (worker/triage/spam.py): SpamAssassin, rspamd, Microsoft 365,
    # Barracuda; trusted only with MEDIADESK_TRUST_SPAM_HEADERS.
    "x-spam", "x-spamd-result", "x-rspamd-action", "x-ms-exchange-organization-scl",
    "x-forefront-antispam-report", "x-microsoft-antispam", "x-barracuda-spam-flag", "x-barracuda-spam-status",
    # Mailing services and notification systems without list headers (bulk detection).
    "x-mailgun-tag", "x-mailgun-variables", "x-mandrill-user", "x-ses-outgoing", "x-sib-id", "x-mj-mid",
    "x-msfbl", "x-sfmc-stack", "x-github-reason", "x-gitlab-project", "x-redmine-project",
    "x-bugzilla-product", "x-jira-fingerprint", "x-trac-project",
    # The receiving server's verdict on the sender (SPF, DKIM, DMARC): threading trusts mail that
    # claims the office's own domain only when it did not fail.
    "authentication-results",
)

# Fallback charsets, in the order tried, for text whose declared charset is missing or wrong.
FALLBACK_CHARSETS = ("utf-8", "windows-1256", "windows-1252")
CHARSET_ALIASES = {
    "unknown-8bit": "utf-8", "x-unknown": "utf-8", "iso-8859-8-i": "iso-8859-8",
    "ks_c_5601-1987": "cp949", "x-mac-cyrillic": "mac-cyrillic", "unicode-1-1-utf-7": "utf-7",
    "windows-874": "cp874", "ansi_x3.4-1968": "ascii",
    # As browsers do (WHATWG): Latin-1 labels mean windows-1252, whose 0x80-0x9f are printable.
    "iso-8859-1": "windows-1252", "latin1": "windows-1252", "latin-1": "windows-1252", "iso-8859-9": "windows-1254",
}
MAX_HEADER_CHARS = 16_384
MAX_PARTS = 500
MAX_DEPTH = 20


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str | None
    content_type: str
    data: bytes
    declared_size: int


@dataclass(frozen=True)
class ParsedMessage:
    """A message reduced to what the pipeline needs. Strings are always ``str``, never ``None``."""

    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    subject: str
    from_email: str | None
    from_name: str | None
    reply_to: str | None
    to: tuple[str, ...]
    cc: tuple[str, ...]
    date: datetime | None
    headers: dict[str, str]
    content_type: str
    part_types: tuple[str, ...]
    text: str
    html_only: bool
    attachments: tuple[ParsedAttachment, ...]
    defects: tuple[str, ...] = field(default=())
    # An HTML-only body's links and images on the web (not the ones it carries itself).
    html_remote: int = 0
    # Raw bytes of attached messages (message/rfc822): a forward "as attachment" carries the
    # original inquiry, its sender and its Message-ID.
    attached_messages: tuple[bytes, ...] = field(default=())

    @property
    def sender(self) -> str | None:
        """Where a reply goes: Reply-To when it names an address, else From."""
        return self.reply_to or self.from_email


_MSGID_RE = re.compile(r"<[^<>\s]+>")
_ADDRESS_HEADERS = frozenset({"from", "sender", "reply-to", "to", "cc"})
# Read as raw text, not through policy.default's structured parsers: message ids are taken out
# with a regex and the Date goes to parsedate_to_datetime, so a parse tree (Date: parsed,
# formatted and parsed again) would be built only to be turned back into the same text.
_VERBATIM_HEADERS = frozenset({"message-id", "in-reply-to", "references", "date"})
_UTF7_RE = re.compile(r"\+[A-Za-z0-9/+]{2,}-")
_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: str, limit: int = MAX_HEADER_CHARS) -> str:
    """Unfold, strip control characters and bound a header value."""
    value = re.sub(r"\r?\n[ \t]+", " ", value)  # unfold
    value = _CTRL_RE.sub("", value.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    return value.strip()[:limit]


def _decode_raw_header(raw: str) -> str:
    """Decode RFC 2047 words ourselves, so aliases (iso-8859-8-i, utf-7...) and bad bytes survive."""
    try:
        chunks = decode_header(raw)
    except Exception:
        return raw
    out = []
    for data, charset in chunks:
        if isinstance(data, str):
            out.append(data)
        else:
            cs = CHARSET_ALIASES.get((charset or "").lower(), charset)
            out.append(decode_bytes(data, cs))
    return "".join(out)


def _raw_headers(msg: EmailMessage) -> dict[str, str]:
    """The first raw value of each header field, by lower-case name."""
    found: dict[str, str] = {}
    for key, raw in msg.raw_items():
        found.setdefault(key.lower(), str(raw))
    return found


def _header(msg: EmailMessage, name: str, raws: dict[str, str], defects: list[str],
            charsets: tuple[str, ...] = ()) -> str | None:
    """A decoded header value; never raises (policy.default can on malformed values).

    Raw 8-bit bytes in a header (no RFC 2047 encoding) are decoded as UTF-8, else with the
    charsets the body declares, else the fallbacks, instead of becoming replacement marks.
    ``raws``: from ``_raw_headers``, read once for all the fields of a message.
    """
    raw = raws.get(name)
    if raw is None:
        return None  # absent: most of the fields triage looks for
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        data = raw.encode("ascii", "surrogateescape")
        words = (lambda v: v) if name in _ADDRESS_HEADERS else _decode_raw_header  # see _address
        try:  # raw UTF-8 in headers is common and allowed (RFC 6532)
            return _clean(words(data.decode("utf-8")))
        except UnicodeDecodeError:
            defects.append(f"header {name}: undeclared 8-bit text")
        return _clean(words(decode_bytes(data, None, charsets)))
    if name in _VERBATIM_HEADERS:
        return _clean(raw)
    if name in _ADDRESS_HEADERS:
        # The structured address parser drops addresses after odd display names; read raw text.
        # It stays RFC 2047-encoded here, so an address hidden in an encoded display name can
        # never pass for the real one (see _address).
        return _clean(raw)
    try:
        value = msg.get(name)
        if value is None:
            return None
        text = str(value)
        if "\ufffd" in text or "=?" in text:
            text = _decode_raw_header(raw)
        if "utf-7" in charsets and _UTF7_RE.search(text):
            # Some clients write headers in the body's UTF-7 without encoded words.
            try:
                text = text.encode("ascii").decode("utf-7")
            except (UnicodeError, ValueError):
                pass
        return _clean(text)
    except Exception as exc:  # malformed header: fall back to the raw text
        defects.append(f"header {name}: {type(exc).__name__}")
        return _clean(_decode_raw_header(raw))


_ANGLE_ADDR_RE = re.compile(r"<([^<>@\s]+@[^<>@\s]+)>")
_TRAILING_ANGLE_RE = re.compile(r"<([^<>@\s,;]+@[^<>@\s,;]+)>\s*$")
# Matches start only at a token boundary (the lookbehind): otherwise a long run of token
# characters without "@" is retried from every offset, quadratic (16 KB took 1.7 s).
_BARE_ADDR_RE = re.compile(r"(?<![^\s<>@,;:\"()\[\]])[^\s<>@,;:\"()\[\]]+@[^\s<>@,;:\"()\[\]]+\.[^\s<>@,;:\"()\[\]]+")


def _address(value: str | None) -> tuple[str | None, str | None]:
    """(display name, address) of the first mailbox in a raw, still RFC 2047-encoded header.

    A trailing ``<addr>`` is authoritative: parseaddr is misled by odd display names
    ("Foo [X] <a@b>", or an encoded word hiding "Bcc: victim@…"), and the address must come
    from the angle brackets, never from text inside the name.
    """
    if not value:
        return None, None
    match = _TRAILING_ANGLE_RE.search(value)
    if match:
        name, addr = value[: match.start()].strip().strip('"'), match.group(1)
    else:
        try:
            name, addr = parseaddr(value)
        except Exception:
            name, addr = "", ""
        if not addr or "@" not in addr or " " in addr.strip():
            angle = _ANGLE_ADDR_RE.search(value)
            bare = _BARE_ADDR_RE.search(value)
            if angle:
                addr, name = angle.group(1), value[: angle.start()].strip().strip('"')
            elif bare:  # "a@x b@y": several bare addresses; the first is the author
                addr, name = bare.group(0), ""
    addr = addr.strip().strip("<>") or None
    if name and "=?" in name:
        name = _decode_raw_header(name)
    if addr and ("@" not in addr or len(addr) > 320 or " " in addr):
        addr = None
    return (_clean(name, 255) or None), addr


def _addresses(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    try:
        return tuple(a for _, a in getaddresses([value]) if a and "@" in a)[:100]
    except Exception:
        return ()


MAX_MSGID_CHARS = 998  # RFC 5322's line limit; also the width of the message_id columns


def _msgids(value: str | None) -> tuple[str, ...]:
    """Message ids in a header; absurdly long ones (hostile or broken) are dropped."""
    return tuple(m for m in _MSGID_RE.findall(value or "") if len(m) <= MAX_MSGID_CHARS)[:200]


def _charset(part) -> str | None:
    try:
        cs = part.get_content_charset()
    except Exception:
        return None
    if not cs:
        return None
    cs = cs.strip().strip('"').lower()
    return CHARSET_ALIASES.get(cs, cs)


CHARSET_FAMILY = {"iso-2022-jp": ("iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_3"), "gb2312": ("gb18030",), "euc-kr": ("cp949",), "shift_jis": ("cp932",)}
_LATIN_RE = re.compile(r"[A-Za-z]")


def _mixed_words(text: str) -> int:
    """Words mixing ASCII letters with other scripts: the mark of a wrong single-byte charset."""
    return sum(
        1 for word in text.split()
        if _LATIN_RE.search(word) and any(ch.isalpha() and ord(ch) > 0x24F for ch in word)
    )


_CHARSET_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+-]{0,63}")
# Python text codecs that are not character sets: a label naming one would have the body's
# backslashes and "xn--" runs reinterpreted instead of read as the text they are.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"})


def _names_a_charset(label: str) -> bool:
    if not _CHARSET_NAME_RE.fullmatch(label):
        return False  # "\x00", quotes, spaces...: a hostile or broken label names no codec
    try:
        return codecs.lookup(label).name not in _NOT_CHARSETS
    except LookupError:
        return True  # unknown: decode_bytes falls back by itself


def decode_bytes(data: bytes, charset: str | None, hints: tuple[str, ...] = ()) -> str:
    """Bytes to text: the declared charset when it decodes cleanly, else hints, else fallbacks.

    A declared charset with a stray bad byte keeps that charset (with a replacement mark);
    undeclared single-byte text takes the candidate whose words do not mix scripts.
    """
    if charset and not _names_a_charset(charset):
        charset = None
    if charset:
        for cs in (charset, *CHARSET_FAMILY.get(charset, ())):
            try:
                return data.decode(cs)
            except UnicodeDecodeError:
                continue
            except (LookupError, ValueError, TypeError):  # unknown, or not a text codec
                break
        try:
            text = data.decode(charset, errors="replace")
            if text.count("\ufffd") <= max(2, len(data) // 200):
                return text
        except (LookupError, ValueError, TypeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for cs in dict.fromkeys([*hints, *FALLBACK_CHARSETS, "windows-1251"]):
        try:
            candidates.append(data.decode(cs))
        except (LookupError, UnicodeDecodeError):
            continue
    if candidates:
        return min(candidates, key=_mixed_words)  # min is stable: earlier candidates win ties
    return data.decode("utf-8", errors="replace")


def _part_bytes(part) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        if isinstance(raw, str):
            return raw.encode("utf-8", errors="replace")
        return b""
    return payload


def part_text(part) -> str:
    """The text of a leaf part, robust to wrong or unknown charsets."""
    charset = _charset(part)
    if charset in (None, "us-ascii", "ascii", "utf-8"):
        try:
            content = part.get_content()
            if isinstance(content, str):
                return content
        except Exception:
            pass
    return decode_bytes(_part_bytes(part), charset)


# "<![" that does not open a well-formed marked section: a browser reads it as a bogus comment
# that ends at the next ">", html.parser rejects the whole document.
_BOGUS_SECTION_RE = re.compile(r"<!\[(?!CDATA\[)[^>]*>?", re.IGNORECASE)


def _soup(html: str):
    from bs4 import BeautifulSoup
    from bs4.exceptions import ParserRejectedMarkup

    try:
        return BeautifulSoup(html, "html.parser")
    except ParserRejectedMarkup:
        pass
    try:
        return BeautifulSoup(_BOGUS_SECTION_RE.sub("", html), "html.parser")
    except ParserRejectedMarkup:
        # Still rejected: every declaration is shown as text, tags (and so scripts) still read.
        return BeautifulSoup(html.replace("<!", "&lt;!"), "html.parser")


def html_to_text(html: str) -> str:
    """Visible text of an HTML body: scripts, styles and remote content are dropped, never fetched."""
    soup = _soup(html)
    for tag in soup(["script", "style", "head", "title", "meta", "link", "iframe", "object", "embed", "noscript", "template", "svg"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = soup.get_text("\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


_TAG_RE = re.compile(r"<(?:!doctype|/?(?:html|body|head|font|table|tr|td|div|p|br|a\s|img|center|b|span|meta)\b)"
                     r"[^>]{0,500}>", re.IGNORECASE)
# A link or an image that points to the web (a cid: image or a mailto: link is not fetched).
_REMOTE_RE = re.compile(r"<(?:a|img|area|form)\s[^>]{0,500}?\b(?:href|src|action)\s*=\s*[\"']?\s*(?:https?:|www\.)",
                        re.IGNORECASE)


def _is_markup(text: str) -> bool:
    """A text that is mostly HTML markup (tags, not words): an HTML document sent as plain text."""
    sample = text[:20_000]
    tags = _TAG_RE.findall(sample)
    if len(tags) < 5:
        return False
    starts = sample.lstrip()[:200].lower()
    return (starts.startswith(("<html", "<!doctype", "<head", "<body"))
            or sum(map(len, tags)) >= 0.3 * len(sample.strip()))


def _filename(part) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if name is None:
        try:
            name = part.get_param("name")
            if isinstance(name, tuple):  # RFC 2231 triple
                name = decode_bytes((name[2] or "").encode("latin-1", "replace"), name[0])
        except Exception:
            name = None
    return _decode_raw_header(str(name)) if name else None


MAX_ATTACHED_MESSAGES = 3


def _attached_bytes(part) -> bytes:
    """The bytes of the message inside a message/rfc822 part (b"" when it cannot be had)."""
    try:
        inner = part.get_payload(0)
        return inner.as_bytes(policy=PARSE_POLICY.clone(linesep="\r\n"))
    except Exception:
        return b""


def _walk(msg, defects: list[str], attached: list[bytes] | None = None):
    """Leaf parts, depth- and count-bounded so hostile nesting cannot exhaust us.

    ``attached`` collects the first attached messages (message/rfc822) whole.
    """
    stack = [(msg, 0)]
    count = 0
    while stack:
        part, depth = stack.pop()
        count += 1
        if count > MAX_PARTS:
            defects.append(f"more than {MAX_PARTS} MIME parts: the rest ignored")
            return
        try:
            is_multi = part.is_multipart()
        except Exception:
            is_multi = False
        if is_multi:
            if depth >= MAX_DEPTH:
                defects.append(f"MIME nesting deeper than {MAX_DEPTH}: inner parts ignored")
                continue
            if attached is not None and depth > 0 and len(attached) < MAX_ATTACHED_MESSAGES:
                try:
                    if part.get_content_type() == "message/rfc822":
                        attached.append(_attached_bytes(part))
                except Exception:
                    pass
            try:
                children = list(part.iter_parts())
            except Exception:
                children = []
            stack.extend((child, depth + 1) for child in reversed(children))
        else:
            yield part


def _declared_charsets(msg) -> tuple[str, ...]:
    found: list[str] = []
    try:
        for i, part in enumerate(msg.walk()):
            if i > 50:
                break
            cs = _charset(part)
            if cs and cs not in ("us-ascii", "ascii", "utf-8") and cs not in found:
                cs = CHARSET_ALIASES.get(cs, cs)
                found.append(cs)
    except Exception:
        pass
    return tuple(found)


def strip_mbox_from_line(raw: bytes) -> bytes:
    if raw.startswith(b"From "):
        nl = raw.find(b"\n")
        return raw[nl + 1 :] if nl >= 0 else b""
    return raw


_HEADER_LINE_RE = re.compile(rb"^([\x21-\x39\x3b-\x7e]+:|[ \t])")


def repair_header_block(raw: bytes) -> tuple[bytes, int]:
    """Drop lines in the header block that are neither a field nor a continuation.

    The standard parser ends the headers at the first such line and reads the rest as body,
    losing From and Subject; mail clients skip the line instead.
    """
    match = re.search(rb"\r?\n\r?\n", raw)
    if not match:
        return raw, 0
    lines = raw[: match.start()].splitlines(keepends=True)
    kept = [line for line in lines if _HEADER_LINE_RE.match(line)]
    dropped = len(lines) - len(kept)
    if not dropped or not kept:
        return raw, 0
    return b"".join(kept) + raw[match.start():], dropped


MAX_FIELD_BYTES = 2 * MAX_HEADER_CHARS  # room for encoded words that decode to MAX_HEADER_CHARS


def bound_header_fields(raw: bytes, limit: int = MAX_FIELD_BYTES) -> tuple[bytes, int]:
    """Cut every header field (with its continuation lines) to ``limit`` bytes; return how many.

    The standard library's header parsing is super-linear in a field's length (a 750 KB
    Subject took 23 s): one hostile message must not hold a worker for minutes. Nothing
    downstream keeps more than MAX_HEADER_CHARS of a header anyway.
    """
    match = re.search(rb"\r?\n\r?\n", raw)
    end = match.start() if match else len(raw)
    if end <= limit:
        return raw, 0
    fields: list[list[bytes]] = []
    for line in raw[:end].splitlines(keepends=True):
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1].append(line)
        else:
            fields.append([line])
    out, cut = [], 0
    for lines in fields:
        data = b"".join(lines)
        if len(data) > limit:
            ending = data[len(data.rstrip(b"\r\n")):]  # keep the field's own line ending
            data = data[:limit].rstrip(b"\r\n") + ending
            cut += 1
        out.append(data)
    return b"".join(out) + raw[end:], cut


MAX_MIME_FIELD_BYTES = 1024
MIME_FIELDS_BUDGET = 64 * 1024
MAX_DELIMITERS = MAX_PARTS + 100  # a few "--" lines of text besides the MIME delimiters
_MIME_FIELD_RE = re.compile(rb"^content-(?:type|disposition|transfer-encoding)[ \t]*:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*",
                            re.IGNORECASE | re.MULTILINE)
_DELIMITER_RE = re.compile(rb"^--", re.MULTILINE)


def bound_mime_fields(raw: bytes, limit: int = MAX_MIME_FIELD_BYTES) -> tuple[bytes, int]:
    """Cut Content-Type/-Disposition/-Transfer-Encoding fields (of the message and of every
    part) to ``limit`` bytes, and to 64 once MIME_FIELDS_BUDGET bytes of them were kept.

    The standard library parses these structured fields at 15-70 µs a byte (hostile ones,
    "a;a;a;…" or nested comments, at up to a millisecond: 32 KB took 21 s), again on every
    access and for every part. Real ones, long RFC 2231 filenames included, fit the limit.
    """
    cut, kept = 0, 0
    out, done, pos = [], 0, 0
    lowered = raw.lower()  # ASCII only, same offsets: find() is far faster than a ^-anchored scan
    while (pos := lowered.find(b"content-", pos)) >= 0:
        match = _MIME_FIELD_RE.match(raw, pos)  # anchored: only at the start of a line
        if match is None:
            pos += 8
            continue
        field = match.group(0)
        room = limit if kept < MIME_FIELDS_BUDGET else 64
        if len(field) > room:
            cut += 1
            field = field[:room].rstrip(b"\r\n")
        kept += len(field)
        out += [raw[done:pos], field]
        done = pos = match.end()
    return (b"".join(out) + raw[done:] if out else raw), cut


def bound_parts(raw: bytes) -> tuple[bytes, bool]:
    """Stop at the MAX_DELIMITERS-th line starting with "--": the parser reads every part of
    a message before we walk (at most MAX_PARTS of) them, so a "parts bomb" of thousands of
    tiny parts would otherwise cost time in proportion to its size."""
    if raw.count(b"\n--") + raw.startswith(b"--") <= MAX_DELIMITERS:  # the usual case, counted fast
        return raw, False
    for i, match in enumerate(_DELIMITER_RE.finditer(raw)):
        if i == MAX_DELIMITERS:
            return raw[: match.start()], True
    return raw, False


MAX_CONTAINERS = 200
_CONTAINER_RE = re.compile(rb"content-type[ \t]*:[ \t\r\n]*(?:message|multipart)/", re.IGNORECASE)


def bound_nesting(raw: bytes, limit: int = MAX_CONTAINERS) -> tuple[bytes, bool]:
    """Stop before the ``limit``-th Content-Type naming a container (message/*, multipart/*).

    The standard library's parser descends one level of recursion per nested container, before
    ``_walk`` can apply MAX_DEPTH: message/rfc822 parts nested a thousand deep raise
    RecursionError inside the parser, and the message would lose even its own From and Subject.
    Depth cannot exceed the number of containers, so bounding their count before parsing bounds
    the recursion; real mail (a digest of 150 messages included) stays well below the limit.
    """
    lowered = raw.lower()  # ASCII only, same offsets
    if lowered.count(b"content-type") < limit:  # the usual case, counted fast
        return raw, False
    seen, pos = 0, 0
    while (pos := lowered.find(b"content-type", pos)) >= 0:
        at_line_start = pos == 0 or raw[pos - 1:pos] == b"\n"
        if at_line_start and _CONTAINER_RE.match(raw, pos):
            seen += 1
            if seen == limit:
                return raw[:pos], True
        pos += 12
    return raw, False


class _CachingPolicy(EmailPolicy):
    """``policy.default``, remembering parsed header values.

    The standard library parses a header again on every access, and one message reads
    Content-Type and friends dozens of times (every part, charset, filename, disposition).
    A parsed header depends only on its name and raw value, and is immutable, so the result
    is reused. The cache is bounded and shared by all messages of a process.
    """

    def header_fetch_parse(self, name, value):
        if hasattr(value, "name") or len(value) > _HEADER_CACHE_MAX_VALUE:
            return super().header_fetch_parse(name, value)
        key = (name, value)  # exact name: the parsed header keeps its spelling
        cached = _header_cache.get(key)
        if cached is None:
            cached = super().header_fetch_parse(name, value)
            if len(_header_cache) >= _HEADER_CACHE_SIZE:
                _header_cache.clear()
            _header_cache[key] = cached
        return cached


_HEADER_CACHE_SIZE = 4096
_HEADER_CACHE_MAX_VALUE = 4096
_header_cache: dict[tuple[str, str], object] = {}
PARSE_POLICY = _CachingPolicy()


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse raw bytes. Never raises for malformed mail; see ``defects``."""
    defects: list[str] = []
    raw = strip_mbox_from_line(raw.lstrip(b"\xef\xbb\xbf"))
    raw, dropped = repair_header_block(raw)
    if dropped:
        defects.append(f"{dropped} malformed header line(s) skipped")
    raw, cut = bound_header_fields(raw)
    if cut:
        defects.append(f"{cut} header field(s) longer than {MAX_FIELD_BYTES} bytes cut")
    raw, cut = bound_mime_fields(raw)
    if cut:
        defects.append(f"{cut} Content-* field(s) longer than {MAX_MIME_FIELD_BYTES} bytes cut")
    raw, cut = bound_parts(raw)
    if cut:
        defects.append(f"more than {MAX_DELIMITERS} MIME boundary lines: the rest not parsed")
    raw, cut = bound_nesting(raw)
    if cut:
        defects.append(f"more than {MAX_CONTAINERS} nested or attached MIME containers: the rest not parsed")
    try:
        msg: EmailMessage = BytesParser(policy=PARSE_POLICY).parsebytes(raw)
    except RecursionError:  # a caller with a deep stack already: keep the outer MAX_DEPTH levels
        raw, _ = bound_nesting(raw, MAX_DEPTH)
        defects.append(f"MIME nesting too deep to parse: cut after {MAX_DEPTH} containers")
        msg = BytesParser(policy=PARSE_POLICY).parsebytes(raw)
    for d in getattr(msg, "defects", []) or []:
        defects.append(type(d).__name__)

    hints = _declared_charsets(msg)
    raws = _raw_headers(msg)
    headers: dict[str, str] = {}
    for name in TRIAGE_HEADERS:
        value = _header(msg, name, raws, defects, hints)
        if value is not None:
            headers[name] = value

    from_raw = _header(msg, "from", raws, defects, hints)
    from_name, from_email = _address(from_raw)
    if from_raw is None:  # Sender stands in only when there is no From at all
        from_name, from_email = _address(headers.get("sender"))
    _, reply_to = _address(headers.get("reply-to"))

    date = None
    date_raw = _header(msg, "date", raws, defects)
    if date_raw:
        try:
            date = parsedate_to_datetime(date_raw)
            if date.tzinfo is None:
                date = date.replace(tzinfo=timezone.utc)
        except Exception:
            defects.append("unparseable Date")

    try:
        content_type = msg.get_content_type()
    except Exception:
        content_type = "text/plain"

    part_types: list[str] = []
    plain: list[str] = []
    html: list[str] = []
    attachments: list[ParsedAttachment] = []
    attached: list[bytes] = []
    for part in _walk(msg, defects, attached):
        try:
            ctype = part.get_content_type()
        except Exception:
            ctype = "application/octet-stream"
        part_types.append(ctype)
        try:
            disposition = part.get_content_disposition()
        except Exception:
            disposition = None
        filename = _filename(part)
        # A message that is one text part is its body, even when its mailer named it a file.
        body_part = part is msg and disposition != "attachment"
        if ctype in ("text/plain", "text/html") and disposition != "attachment" and (not filename or body_part):
            content = part_text(part)
            # A "plain text" part that is an HTML document was written by a mailer: read what it shows.
            (html if ctype == "text/html" or _is_markup(content) else plain).append(content)
        elif ctype.startswith("message/") or ctype in ("text/rfc822-headers",):
            # Report bodies (delivery-status, rfc822-headers) are kept as text for triage.
            plain.append(part_text(part)[:20_000])
        elif ctype.startswith("multipart/"):
            continue
        else:
            data = _part_bytes(part)
            attachments.append(ParsedAttachment(filename, ctype, data, len(data)))

    # The walk skips container types; record them for report detection.
    try:
        containers = [p.get_content_type() for p in msg.walk() if p.is_multipart()][:MAX_PARTS]
    except Exception:
        containers = []

    text = "\n\n".join(t for t in plain if t.strip())
    html_only = not text.strip() and bool(html)
    html_remote = 0
    if html_only:
        text = "\n\n".join(html_to_text(h) for h in html)
        html_remote = sum(len(_REMOTE_RE.findall(h[:200_000])) for h in html)
    text = text.replace("\x00", "").replace("\r\n", "\n")

    return ParsedMessage(
        message_id=(_msgids(_header(msg, "message-id", raws, defects)) or (None,))[0],
        in_reply_to=(_msgids(_header(msg, "in-reply-to", raws, defects)) or (None,))[0],
        references=_msgids(_header(msg, "references", raws, defects)),
        subject=_header(msg, "subject", raws, defects, hints) or "",
        from_email=from_email,
        from_name=from_name,
        reply_to=reply_to,
        to=_addresses(_header(msg, "to", raws, defects)),
        cc=_addresses(_header(msg, "cc", raws, defects)),
        date=date,
        headers=headers,
        content_type=content_type,
        part_types=tuple(dict.fromkeys(containers + part_types)),
        text=text,
        html_only=html_only,
        html_remote=html_remote,
        attachments=tuple(attachments),
        defects=tuple(dict.fromkeys(defects)),
        attached_messages=tuple(a for a in attached if a),
    )


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def minted_message_id(sha256: str, domain: str = "mediadesk.invalid") -> str:
    """A stable Message-ID for mail that has none, from the digest of its bytes (the inbound
    row's ``sha256``): every stored message has one to be named by and found under."""
    return f"<{sha256[:32]}@{domain}>"
