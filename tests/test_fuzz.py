"""Property-based fuzzing (hypothesis) of the MIME parser, triage, HTML reduction and filenames.

Malformed MIME, huge and folded headers, deep multipart nesting, bad base64 and
quoted-printable, invalid charsets, NUL bytes and mutated real-world mail: ``parse_message``
and ``triage`` must never raise and must stay bounded in time.

Profiles: "ci" (the default here, ~200 examples per test) and "long" (thousands; the
documented longer run is ``scripts/fuzz.sh``). Choose with MEDIADESK_FUZZ_PROFILE=long.
"""

from __future__ import annotations

import base64
import json
import os
import random
import time
from pathlib import Path

import pytest

from harness import needs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mediadesk.settings import CATEGORIES, PRIORITIES, load_settings
from mediadesk.worker.attachments import sanitise_filename
from mediadesk.worker.parsing import MAX_DEPTH, ParsedMessage, html_to_text, parse_message

settings.register_profile("ci", max_examples=200, deadline=None, derandomize=False, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=int(os.environ.get("MEDIADESK_FUZZ_EXAMPLES", "5000")),
                          deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("MEDIADESK_FUZZ_PROFILE", "ci")
FUZZ = settings(settings.get_profile(PROFILE))
# Inputs of megabytes or hundreds of MIME levels cost ~0.5 s each: a quarter of the examples.
FUZZ_HEAVY = settings(FUZZ, max_examples=max(20, FUZZ.max_examples // 4))
# Per-input budget, generous for a loaded 2-core CI machine: pathological (super-linear)
# behaviour on the sizes generated here shows up as tens of seconds, not a few.
BUDGET_S = float(os.environ.get("MEDIADESK_FUZZ_BUDGET", "8"))
SETTINGS = load_settings(_env_file=None)
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

try:
    from mediadesk.worker.triage import triage as _triage_fn
except ImportError:  # being finished by another engineer
    _triage_fn = None
needs_triage = pytest.mark.skipif(_triage_fn is None, reason="mediadesk.worker.triage is not importable yet")


def parse_bounded(raw: bytes) -> ParsedMessage:
    started = time.perf_counter()
    parsed = parse_message(raw)
    spent = time.perf_counter() - started
    assert spent < BUDGET_S, f"parse took {spent:.1f}s on {len(raw)} bytes"
    assert isinstance(parsed.subject, str) and isinstance(parsed.text, str)
    assert "\x00" not in parsed.text and "\x00" not in parsed.subject
    assert "\n" not in parsed.subject and "\r" not in parsed.subject
    assert parsed.message_id is None or len(parsed.message_id) <= 998
    assert parsed.from_email is None or ("@" in parsed.from_email and len(parsed.from_email) <= 320)
    for value in parsed.headers.values():
        assert "\n" not in value and "\x00" not in value
    return parsed


def triage_bounded(parsed: ParsedMessage) -> None:
    if _triage_fn is None:
        return
    started = time.perf_counter()
    decision = _triage_fn(parsed, settings=SETTINGS)
    spent = time.perf_counter() - started
    assert spent < BUDGET_S, f"triage took {spent:.1f}s"
    assert decision.category in CATEGORIES and decision.priority in PRIORITIES
    assert 0.0 <= decision.confidence <= 1.0


@pytest.fixture(scope="module", autouse=True)
def _warm_up():
    """Load triage's language models once, outside any example's time budget."""
    if _triage_fn is not None:
        _triage_fn(parse_message(b"From: a@b.example\r\nSubject: hello\r\n\r\nWarm-up text for the models.\r\n"),
                   settings=SETTINGS)


# --------------------------------------------------------------------------- strategies

HEADER_NAMES = ["From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References", "Date", "Reply-To",
                "Sender", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version",
                "Auto-Submitted", "Precedence", "List-Id", "List-Unsubscribe", "X-Autoreply", "Return-Path",
                "X-Mailer", "Received", "X-Spam-Flag", "Content-Language"]
CHARSETS = ["utf-8", "us-ascii", "iso-8859-1", "iso-8859-6", "windows-1256", "windows-1252", "unknown-8bit",
            "utf-7", "utf-16", "utf-32", "iso-2022-jp", "gb2312", "koi8-r", "x-unknown", "bogus", "", "\x00",
            "utf-8\x00", "'utf-8'", '"', "zlib", "base64", "rot13", "hex", "idna", "punycode", "unicode_escape",
            "utf8;charset=utf8", "a" * 300, "iso-8859-8-i", "ks_c_5601-1987", "x-mac-cyrillic", "cp1256 "]
ENCODINGS = ["7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "bogus", "", "BASE64 "]
SUBTYPES = ["mixed", "alternative", "related", "report", "signed", "digest", "bogus", ""]

nasty_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\r", "\n", "\r\n", "\t", " ", "=?", "?=", "?q?", "?b?", "=0D=0A", "\u202e",
                         "\ufeff", "<", ">", "@", ",", ";", ":", '"', "\\", "=", "--", "boundary="]),
    ),
    max_size=120,
).map("".join)


@st.composite
def encoded_words(draw) -> str:
    charset = draw(st.sampled_from(CHARSETS))
    enc = draw(st.sampled_from(["q", "b", "Q", "B", "x", ""]))
    payload = draw(st.one_of(
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh0123456789+/=_?%", max_size=60),
        st.binary(max_size=40).map(lambda b: base64.b64encode(b).decode()),
        st.binary(max_size=40).map(lambda b: "".join(f"={x:02X}" for x in b)),
    ))
    return f"=?{charset}?{enc}?{payload}?="


header_values = st.one_of(
    nasty_text,
    encoded_words(),
    st.lists(st.one_of(nasty_text, encoded_words()), max_size=6).map(" ".join),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),  # raw 8-bit
)


@st.composite
def folded(draw, value: str) -> str:
    """Insert folds (CRLF + WSP), bare CRs and LFs at random places."""
    if not value:
        return value
    cuts = sorted(draw(st.lists(st.integers(0, len(value)), max_size=8)))
    out, last = [], 0
    for cut in cuts:
        out.append(value[last:cut])
        out.append(draw(st.sampled_from(["\r\n ", "\r\n\t", "\n ", "\r", "\n", "\r\n"])))
        last = cut
    out.append(value[last:])
    return "".join(out)


@st.composite
def header_block(draw, content_type: str | None = None) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        name = draw(st.one_of(st.sampled_from(HEADER_NAMES), st.text(min_size=0, max_size=20)))
        value = draw(folded(draw(header_values)))
        lines.append(f"{name}: {value}")
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    return newline.join(lines).encode("utf-8", "surrogateescape") + newline.encode()


@st.composite
def leaf_body(draw) -> tuple[str, bytes]:
    """(Content-Transfer-Encoding, body): often broken on purpose."""
    cte = draw(st.sampled_from(ENCODINGS))
    data = draw(st.binary(max_size=600))
    if cte.strip().lower() == "base64":
        text = base64.b64encode(data).decode()
        text = draw(st.sampled_from([text, text[:-1], text + "!!", text.replace("A", "*"), "====", "Zg", text + "\x00"]))
        return cte, text.encode("latin-1", "replace")
    if cte == "quoted-printable":
        body = "".join(draw(st.lists(st.sampled_from(["=ZZ", "=", "=0", "=\r\n", "=3D", "abc", "=C3=A9", "\x00", "é"]),
                                     max_size=40)))
        return cte, body.encode("utf-8")
    return cte, data


def _leaf(draw) -> bytes:
    ctype = draw(st.sampled_from(["text/plain", "text/html", "application/octet-stream", "image/png",
                                  "message/rfc822", "message/delivery-status", "text/rfc822-headers", "bogus", ""]))
    charset = draw(st.sampled_from(CHARSETS))
    cte, body = draw(leaf_body())
    extra = draw(st.sampled_from(["", "; name=\"../../etc/passwd\"", "; name*=utf-8''%00%0D%0A.exe", "; format=flowed"]))
    disposition = draw(st.sampled_from(["", "Content-Disposition: attachment; filename=\"a\x00b.pdf\"\r\n",
                                        "Content-Disposition: inline\r\n", "Content-Disposition: attachment; filename*0=a; filename*1=b\r\n"]))
    head = f"Content-Type: {ctype}; charset=\"{charset}\"{extra}\r\nContent-Transfer-Encoding: {cte}\r\n{disposition}"
    return head.encode("utf-8", "surrogateescape") + b"\r\n" + body


@st.composite
def mime_part(draw, depth: int = 0) -> bytes:
    if depth >= 4 or draw(st.integers(0, 3)) == 0:
        return _leaf(draw)
    boundary = draw(st.sampled_from(["b", "", "=_x", "a" * 80, "--", "b\x00", "same"]))
    children = draw(st.lists(mime_part(depth + 1), max_size=4))
    subtype = draw(st.sampled_from(SUBTYPES))
    closing = draw(st.sampled_from([f"--{boundary}--\r\n", "", f"--{boundary}\r\n", "--wrong--\r\n"]))
    body = b"".join(f"--{boundary}\r\n".encode("utf-8", "surrogateescape") + child + b"\r\n" for child in children)
    preamble = draw(st.sampled_from([b"", b"This is a multi-part message.\r\n", b"\x00\xff"]))
    return (f"Content-Type: multipart/{subtype}; boundary=\"{boundary}\"\r\n\r\n".encode("utf-8", "surrogateescape")
            + preamble + body + closing.encode("utf-8", "surrogateescape"))


@st.composite
def hostile_message(draw) -> bytes:
    head = draw(header_block())
    part = draw(mime_part())
    prefix = draw(st.sampled_from([b"", b"From MAILER-DAEMON Mon Jan  1 00:00:00 2026\n", b"\xef\xbb\xbf", b"\x00"]))
    return prefix + head + part


# --------------------------------------------------------------------------- parser properties


@FUZZ
@given(st.binary(max_size=4096))
@example(b"")
@example(b"\x00" * 100)
@example(b"Content-Type: text/plain; charset=\"\x00\"\r\n\r\n\xff\xfe")
@example(b"Content-Type: multipart/mixed\r\n\r\n--\r\n")
def test_parse_never_raises_on_random_bytes(raw):
    parse_bounded(raw)


@FUZZ
@given(hostile_message())
def test_parse_and_triage_never_raise_on_malformed_mime(raw):
    triage_bounded(parse_bounded(raw))


@FUZZ_HEAVY
@given(st.integers(1, 250), st.sampled_from(SUBTYPES), st.booleans())
def test_deep_multipart_nesting_is_bounded(depth, subtype, closed):
    raw = b"From: deep@x.example\r\nSubject: deep\r\n"
    for level in range(depth):
        raw += f"Content-Type: multipart/{subtype}; boundary=\"b{level}\"\r\n\r\n--b{level}\r\n".encode()
    raw += b"Content-Type: text/plain\r\n\r\nthe innermost text\r\n"
    if closed:
        raw += b"".join(f"--b{level}--\r\n".encode() for level in reversed(range(depth)))
    parsed = parse_bounded(raw)
    triage_bounded(parsed)
    if depth > MAX_DEPTH + 1:
        assert any("nesting" in d for d in parsed.defects)


@FUZZ_HEAVY
@given(st.integers(1, 2_000_000), st.sampled_from(["Subject", "From", "References", "X-Long", "Content-Type", "To"]),
       st.sampled_from(["a", "a ", "\r\n a", "=?utf-8?q?=C3=A9?= ", "<x@y> ", "x@y.example, "]))
def test_huge_and_folded_headers_are_bounded(size, name, unit):
    value = (unit * (size // len(unit) + 1))[: max(size, 1)]
    raw = f"{name}: {value}\r\nFrom: big@x.example\r\n\r\nbody\r\n".encode()
    parsed = parse_bounded(raw)
    assert len(parsed.subject) <= 16_384
    triage_bounded(parsed)


@FUZZ
@given(st.sampled_from(CHARSETS), st.binary(max_size=2000), st.sampled_from(ENCODINGS), st.booleans())
def test_any_charset_and_transfer_encoding_decode_to_text(charset, payload, cte, html):
    body = payload
    if cte.strip().lower() == "base64":
        body = base64.encodebytes(payload)[: random.Random(len(payload)).randint(0, len(payload) + 4)]
    raw = (f"From: cs@x.example\r\nSubject: =?{charset}?b?{base64.b64encode(payload[:30]).decode()}?=\r\n"
           f"Content-Type: text/{'html' if html else 'plain'}; charset=\"{charset}\"\r\n"
           f"Content-Transfer-Encoding: {cte}\r\n\r\n").encode("utf-8", "surrogateescape") + body
    triage_bounded(parse_bounded(raw))


def _corpus() -> list[bytes]:
    index = CORPUS / "index.json"
    if not index.exists():
        return []
    return [(CORPUS / rec["file"]).read_bytes() for rec in json.loads(index.read_text())]


CORPUS_RAWS = _corpus()


@st.composite
def mutated_corpus_message(draw) -> bytes:
    raw = bytearray(draw(st.sampled_from(CORPUS_RAWS)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["truncate", "flip", "nul", "dup", "delete", "crlf", "boundary"]))
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        if kind == "truncate":
            del raw[at:]
        elif kind == "flip":
            raw[at] ^= draw(st.integers(1, 255))
        elif kind == "nul":
            raw[at:at] = b"\x00" * draw(st.integers(1, 8))
        elif kind == "dup":
            raw[at:at] = raw[: min(len(raw), 2000)]
        elif kind == "delete":
            del raw[at:at + draw(st.integers(1, 200))]
        elif kind == "crlf":
            raw[at:at] = draw(st.sampled_from([b"\r", b"\n", b"\r\n\r\n", b"\n\n--"]))
        else:
            raw[at:at] = b"\r\n--" + draw(st.binary(max_size=20)) + b"\r\n"
    return bytes(raw)


@needs(CORPUS, "../shared/corpus")
@FUZZ
@given(mutated_corpus_message())
def test_mutated_real_world_mail_parses_and_triages(raw):
    triage_bounded(parse_bounded(raw))


# --------------------------------------------------------------------------- triage on its own


@needs_triage
@FUZZ
@given(subject=header_values, body=st.text(max_size=5000), headers=st.dictionaries(
    st.sampled_from([h.lower() for h in HEADER_NAMES]), header_values, max_size=6))
def test_triage_never_raises_on_any_parsed_message(subject, body, headers):
    parsed = ParsedMessage(
        message_id=None, in_reply_to=None, references=(), subject=subject, from_email="x@y.example", from_name=None,
        reply_to=None, to=(), cc=(), date=None, headers=headers, content_type="text/plain", part_types=("text/plain",),
        text=body, html_only=False, attachments=(), defects=())
    triage_bounded(parsed)


# --------------------------------------------------------------------------- HTML and filenames


HTML_PIECES = ["<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<img src=x onerror=1>",
               "<svg><script>", "<p>", "</p>", "<br>", "&nbsp;", "&#0;", "&#x110000;", "<title>", "<noscript>",
               "<iframe>", "<template>", "<", ">", "\x00", "<scr<script>ipt>", "<?", "<!", "</"]
SAFE_PIECES = ["<p>", "</p>", "<br>", "<b>", "</b>", "<img src=x onerror=1>", "&nbsp;", "&#0;", "&amp;", "<div>", "</div>"]
text_without_markup = st.text(max_size=40).map(lambda t: t.replace("<", "").replace(">", "").replace("&", ""))


@FUZZ
@given(st.lists(st.one_of(nasty_text, st.sampled_from(HTML_PIECES)), max_size=60).map("".join))
@example("<![")  # a marked section without a name: html.parser rejects the whole document
@example("<![if !mso]><![endif]><!x")
def test_html_to_text_never_raises_on_any_markup(fragment):
    started = time.perf_counter()
    text = html_to_text(f"<html><body>{fragment}<p>visible</p></body></html>")
    assert time.perf_counter() - started < BUDGET_S
    assert isinstance(text, str)


@FUZZ
@given(st.lists(st.one_of(text_without_markup, st.sampled_from(SAFE_PIECES)), max_size=40).map("".join))
def test_html_to_text_drops_script_and_style_bodies(fragment):
    # Only closed markup around them: an open comment, "<?", "<!" or a half tag would swallow
    # the <script> start tag, and then its body is text in a browser too.
    marker = "SECRET-SCRIPT-BODY"
    html = (f"<html><head><style>{marker}</style><script>{marker}</script></head><body>{fragment}"
            f"<script>{marker}</script><style>{marker}</style><p>visible</p></body></html>")
    text = html_to_text(html)
    assert marker not in text
    assert "visible" in text


_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@FUZZ
@given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from(
    ["..", ".", "/", "\\", "C:", "CON", "nul", "LPT1", "\x00", "\r\n", "\u202e", "\u2066", "\u200f", "\ufeff", "a",
     ".pdf", " ", "~", "$", "é", "ف"]), max_size=30).map("".join)))
@example(". . .")  # once came out empty: dots behind spaces
def test_sanitise_filename_always_gives_one_safe_component(name):
    safe = sanitise_filename(name)
    assert safe and safe not in (".", "..") and len(safe) <= 255
    assert not any(sep in safe for sep in ("/", "\\", ":", "\x00"))
    import unicodedata

    assert not any(unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp") for ch in safe), \
        repr(safe)
    assert safe.split(".")[0].lower() not in _RESERVED
    assert Path("/data", safe).resolve().parent == Path("/data")


_ATEXT = "abcXYZ019!#$%&'*+/=?^_`{|}~-."
_DOMAIN = "abz09-."


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ATEXT, min_size=1, max_size=20), st.text(alphabet=_DOMAIN, min_size=1, max_size=20))
@example("jane.doe", "example.org")
@example("a..b", "example.org")
@example("a", "-x.org")
def test_the_fast_address_check_agrees_with_the_rfc_parser(local, domain):
    """Drafting accepts common addresses without the RFC 5322 parser: wherever that shortcut
    says yes, the parser must say yes too."""
    from mediadesk.worker.drafting import rules

    address = f"{local}@{domain}"
    if rules._PLAIN_ADDRESS_RE.fullmatch(address):
        parsed = rules.Address(addr_spec=address)
        assert parsed.username and "." in parsed.domain and parsed.addr_spec == address


def _bound_mime_fields_by_regex(raw: bytes, limit: int) -> tuple[bytes, int]:
    """The guard's definition, one regex substitution (slower: the fast one must agree)."""
    from mediadesk.worker import parsing

    cut, kept = 0, 0

    def shorten(match):
        nonlocal cut, kept
        field = match.group(0)
        room = limit if kept < parsing.MIME_FIELDS_BUDGET else 64
        if len(field) > room:
            cut += 1
            field = field[:room].rstrip(b"\r\n")
        kept += len(field)
        return field

    return parsing._MIME_FIELD_RE.sub(shorten, raw), cut


_MIME_PIECES = [b"Content-Type: text/plain; charset=utf-8", b"CONTENT-disposition:", b"content-transfer-encoding :",
                b"content-", b"Content-Typo: x", b"\r\n", b"\n", b" ", b"\t", b"a;", b"--", b"--b\r\n", b"x" * 40,
                b"name=\"r\xc3\xa9sum\xc3\xa9.pdf\"", b"\r\n\tcontinued", b"Subject: hi"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MIME_PIECES), max_size=60), st.sampled_from([16, 64, 1024]))
def test_the_fast_mime_guards_agree_with_their_regex_definitions(pieces, limit):
    """The parser's guards against hostile MIME fields and part bombs find field and boundary
    lines with bytes.find/count instead of a line-anchored regex scan; they must cut exactly
    what the regex definitions cut."""
    from mediadesk.worker import parsing

    raw = b"".join(pieces)
    assert parsing.bound_mime_fields(raw, limit) == _bound_mime_fields_by_regex(raw, limit)
    lines = len(parsing._DELIMITER_RE.findall(raw))
    assert parsing.bound_parts(raw)[1] == (lines > parsing.MAX_DELIMITERS)


def test_a_part_bomb_is_cut_at_the_same_line_as_before():
    from mediadesk.worker import parsing

    raw = b"Subject: x\r\n\r\n" + b"--b\r\nx\r\n" * (parsing.MAX_DELIMITERS + 5)
    kept, cut = parsing.bound_parts(raw)
    assert cut and kept.count(b"\n--") == parsing.MAX_DELIMITERS and raw.startswith(kept)


@pytest.mark.parametrize("extra", [0, 1])
def test_the_part_bomb_limit_counts_a_boundary_on_the_first_line(extra):
    from mediadesk.worker import parsing

    raw = b"--b" + b"\n--b" * (parsing.MAX_DELIMITERS - 1 + extra)  # MAX_DELIMITERS lines, then one more
    assert parsing.bound_parts(raw)[1] is bool(extra)
