"""Hostile and broken input: one test (or more) per class, on the real code paths.

- every message of ../shared/corpus through parse + triage (test_corpus.py ingests them);
- size limits for whole messages and attachments, with a clear record of what was cut;
- attachment filenames that traverse, are absolute, reserved on Windows, or carry control
  and bidi characters: stored safely (owner-only files under the data dir, never outside);
- HTML reduced to text with no script or style, and no remote content ever fetched (a local
  socket server counts connections);
- header injection impossible in the acknowledgements we send (build_email, and a real
  send to an SMTP sink whose envelope we inspect);
- NUL bytes and absurd Message-IDs stored and ingested on SQLite and PostgreSQL.

The property-based tests (hypothesis) are in tests/test_fuzz.py.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import stat
import threading
import time
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from harness import needs
from sqlmodel import Session, select

from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Attachment, Draft, InboundMessage, Message, Ticket
from mediadesk.worker import pipeline
from mediadesk.worker.attachments import sanitise_filename
from mediadesk.worker.parsing import html_to_text, parse_message

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
GENUINE = ["interview_request", "information_request", "media_assets", "event_accreditation",
           "correction_complaint", "partnership_speaking", "general"]


def _triage():
    try:
        from mediadesk.worker.triage import triage
    except ImportError as exc:  # being finished by another engineer
        pytest.skip(f"triage is not importable yet: {exc}")
    return triage


@pytest.fixture
def db(tmp_path):
    """A migrated SQLite database and settings with small limits, in tmp_path."""
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    upgrade(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data",
                             max_message_bytes=20_000, max_attachment_bytes=2_000)
    yield settings, engine_for(url)
    engine_for(url).dispose()


def store(engine, settings, *raws: bytes) -> list[int]:
    with session_scope(engine) as session:
        return repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="hostile",
                                  source="test", max_bytes=settings.max_message_bytes)


def _eml(subject: str, body: str, *, sender: str = "Rana <rana@ledger.example>", extra: str = "",
         msgid: str = "<hostile-1@ledger.example>", ctype: str = "text/plain; charset=utf-8") -> bytes:
    head = [f"From: {sender}", "To: media@gims.example", f"Subject: {subject}", f"Message-ID: {msgid}",
            "Date: Tue, 24 Nov 2026 10:00:00 +0300", "MIME-Version: 1.0", f"Content-Type: {ctype}"]
    if extra:
        head.append(extra)
    return ("\r\n".join(head) + "\r\n\r\n" + body).encode()


# --------------------------------------------------------------------------- the shared corpus


def _corpus_files() -> list[tuple[str, Path]]:
    index = CORPUS / "index.json"
    if not index.exists():
        return []
    return [(rec["file"], CORPUS / rec["file"]) for rec in json.loads(index.read_text())]


@needs(CORPUS, "../shared/corpus")
def test_every_corpus_message_parses_and_triages_without_error_in_bounded_time():
    """test_corpus.py ingests the corpus; here each message also goes through triage, and no
    message may take long (a regex blow-up on hostile text would show here)."""
    from mediadesk.settings import CATEGORIES, PRIORITIES

    triage = _triage()
    settings = load_settings(_env_file=None)
    files = _corpus_files()
    assert len(files) > 300
    triage(parse_message(_eml("warm-up", "Loading the language models takes a while, once.")), settings=settings)
    slowest, failures, total = (0.0, ""), [], 0.0
    for name, path in files:
        raw = path.read_bytes()
        started = time.perf_counter()
        try:
            decision = triage(parse_message(raw), settings=settings)
        except Exception as exc:  # collect all, report together
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        spent = time.perf_counter() - started
        total += spent
        slowest = max(slowest, (spent, name))
        assert decision.category in CATEGORIES and decision.priority in PRIORITIES, name
        assert decision.explanation, f"{name}: a decision without a reason"
    print(f"\ncorpus: {len(files)} messages parsed + triaged in {total:.1f}s; "
          f"slowest {slowest[0] * 1000:.0f} ms ({slowest[1]})")
    assert failures == []
    assert slowest[0] < 5.0, f"{slowest[1]} took {slowest[0]:.1f}s"


# --------------------------------------------------------------------------- size limits


def test_oversized_message_is_cut_flagged_and_says_what_was_cut(db, tmp_path):
    settings, engine = db
    big = b"QUJD" * 15_000  # 60 KB of base64: the cut lands inside it
    raw = _eml("Photos for tomorrow's piece", "", ctype='multipart/mixed; boundary="b"').rstrip(b"\r\n") + (
        b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nPhotos attached.\r\n--b\r\n"
        b"Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"a.jpg\"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + big + b"\r\n--b--\r\n")
    [inbound_id] = store(engine, settings, raw)
    result = pipeline.ingest(engine, inbound_id, settings)
    with Session(engine) as session:
        inbound = session.get(InboundMessage, inbound_id)
        ticket = session.get(Ticket, result.ticket_id)
        assert inbound.truncated and inbound.size == len(raw) and len(inbound.raw) == settings.max_message_bytes
        assert inbound.sha256 == repo.hashlib.sha256(raw).hexdigest()  # the hash is of the original
        assert inbound.state == "done"
        assert ticket.needs_review
        record = ticket.review_reason
    assert f"message of {len(raw)} bytes cut to {settings.max_message_bytes}" in record
    assert "MEDIADESK_MAX_MESSAGE_BYTES" in record
    assert ticket.subject == "Photos for tomorrow's piece"  # what survived the cut is still used


def test_oversized_attachment_is_recorded_with_its_size_and_never_written(db):
    settings, engine = db
    limit = settings.max_attachment_bytes
    parts = []
    for name, size in (("at-limit.bin", limit), ("over.bin", limit + 1), ("huge.bin", 50 * limit)):
        data = bytes([size % 251]) * size
        import base64

        parts.append(f"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
                     f"filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                     + base64.encodebytes(data).decode().replace("\n", "\r\n"))
    raw = _eml("Files", "", ctype='multipart/mixed; boundary="b"', msgid="<att-limits@x.example>").rstrip(b"\r\n") \
        + b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThree files.\r\n" + "".join(parts).encode() + b"--b--\r\n"
    settings = settings.model_copy(update={"max_message_bytes": 10_000_000})
    [inbound_id] = store(engine, settings, raw)
    pipeline.ingest(engine, inbound_id, settings)
    with Session(engine) as session:
        rows = {a.filename: a for a in session.exec(select(Attachment)).all()}
    assert set(rows) == {"at-limit.bin", "over.bin", "huge.bin"}
    assert rows["at-limit.bin"].stored_path and rows["at-limit.bin"].skipped_reason is None
    for name in ("over.bin", "huge.bin"):
        row = rows[name]
        assert row.stored_path is None and row.sha256 is None
        assert row.size > limit
        assert row.skipped_reason == (f"{row.size} bytes is over the limit of {limit} "
                                      "(MEDIADESK_MAX_ATTACHMENT_BYTES); not stored")
    written = [p for p in settings.attachments_dir.rglob("*") if p.is_file()]
    assert [p.stat().st_size for p in written] == [limit]  # only the one within the limit


def test_hostile_mime_structure_is_parsed_in_bounded_time():
    """Parser costs grow with the bytes of structured fields and with the number of parts:
    huge Content-Type fields, thousands of parts each with a hostile Content-Type, and a
    "parts bomb" are all cut to bounds before parsing, and say so in the defects."""
    hostile_ct = "text/plain; " + "a;" * 4000
    cases = {
        "8 KB Content-Type": f"From: a@b.example\r\nContent-Type: {hostile_ct}\r\n\r\nbody\r\n".encode(),
        "2,500 parts with hostile Content-Type": (
            b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + (b"--b\r\nContent-Type: text/plain; " + b"(a) " * 200 + b"\r\n\r\nx\r\n") * 2500 + b"--b--\r\n"),
        "parts bomb (20,000 parts)": (
            b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" * 20_000 + b"--b--\r\n"),
        "1 MB Subject": b"From: a@b.example\r\nSubject: " + b"a " * 500_000 + b"\r\n\r\nbody\r\n",
    }
    for name, raw in cases.items():
        started = time.perf_counter()
        parsed = parse_message(raw)
        spent = time.perf_counter() - started
        print(f"\n{name}: {len(raw):,} bytes parsed in {spent:.2f}s; {parsed.defects[-1:]}")
        assert spent < 30, name  # was minutes to hours before the bounds (linear in the size)
        assert parsed.from_email == "a@b.example" and any("cut" in d or "parts" in d or "boundary" in d
                                                           for d in parsed.defects), (name, parsed.defects)


# --------------------------------------------------------------------------- attachment filenames

HOSTILE_NAMES = [
    "../../../../etc/passwd",
    "..\\..\\..\\Windows\\win.ini",
    "/etc/shadow",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "\\\\server\\share\\payload.exe",
    "CON", "con.txt", "Aux.pdf", "NUL.tar.gz", "com1", "LPT9.doc", "prn.",
    "..", ".", "...", " ", "",
    "report\x00.pdf.exe",
    "line\r\nContent-Type: text/html\r\n.pdf",
    "bell\x07tab\tesc\x1b[31m.txt",
    "invoice\u202efdp.exe",  # RIGHT-TO-LEFT OVERRIDE: shows as "invoiceexe.pdf"
    "\u200f\u2066cv\u2069.docx",  # RLM and isolates
    "zero\u200bwidth\ufeff.pdf",
    "a" * 1000 + ".pdf",
    "photo." + "x" * 300,
    ".bashrc",
    "تقرير/../../الأرقام.pdf",
    "résumé:final?*<>|\".pdf",
    "line\u2028separator\u2029.pdf",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda n: repr(n)[:40])
def test_sanitised_filename_is_one_safe_component(name):
    safe = sanitise_filename(name)
    assert safe and safe not in (".", "..") and not safe.startswith(".")
    assert "/" not in safe and "\\" not in safe and ":" not in safe
    assert all(unicodedata.category(ch)[0] != "C" and unicodedata.category(ch) not in ("Zl", "Zp")
               for ch in safe), repr(safe)
    assert not any(ord(ch) in (0x200B, 0x200E, 0x200F, 0xFEFF) for ch in safe), repr(safe)
    stem = safe.split(".")[0].lower()
    assert stem not in {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                        *(f"lpt{i}" for i in range(1, 10))}
    assert len(safe) <= 255 and not safe.endswith((" ", "."))
    assert Path("/base", safe).resolve().parent == Path("/base")


def _with_attachments(names: list[str]) -> bytes:
    parts = []
    for i, name in enumerate(names):
        encoded = quote(name.encode("utf-8"), safe="")  # RFC 2231: any byte, CR and NUL included
        parts.append(f"--b\r\nContent-Type: application/octet-stream\r\n"
                     f"Content-Disposition: attachment; filename*=utf-8''{encoded}\r\n"
                     f"Content-Transfer-Encoding: base64\r\n\r\nZmlsZS17aX0=\r\n".replace("{i}", str(i)))
    body = "--b\r\nContent-Type: text/plain\r\n\r\nFiles attached.\r\n" + "".join(parts) + "--b--\r\n"
    return _eml("Attachments", body, ctype='multipart/mixed; boundary="b"', msgid="<names@x.example>")


def test_hostile_attachment_names_are_stored_owner_only_under_the_data_dir_and_nowhere_else(db, tmp_path):
    settings, engine = db
    names = [n for n in HOSTILE_NAMES if n]
    raw = _with_attachments(names)
    before = {p for p in tmp_path.rglob("*")}
    [inbound_id] = store(engine, settings, raw)
    pipeline.ingest(engine, inbound_id, settings)
    root = settings.attachments_dir.resolve()
    with Session(engine) as session:
        rows = session.exec(select(Attachment).order_by(Attachment.id)).all()
    assert len(rows) == len(names)
    for row in rows:
        assert row.filename == sanitise_filename(row.filename)  # stable: already safe
        path = Path(row.stored_path).resolve()
        assert path.is_relative_to(root) and path.name == row.sha256  # named by content, not by sender
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        for folder in (path.parent, root):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    created = {p for p in tmp_path.rglob("*")} - before
    outside = [p for p in created if not p.resolve().is_relative_to(root)
               and not p.name.startswith("hostile.db") and p != settings.data_dir and p != root]
    assert outside == [], outside
    assert not any(Path(p).exists() for p in ("/etc/passwd.pdf", "/tmp/payload.exe"))


# --------------------------------------------------------------------------- HTML, no remote content


class ConnectionCounter:
    """A TCP listener on 127.0.0.1 that counts every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.count += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    counter = ConnectionCounter()
    yield counter
    counter.close()


def _hostile_html(port: int) -> str:
    url = f"http://127.0.0.1:{port}"
    return f"""<!DOCTYPE html><html><head>
<title>TITLE-SHOULD-NOT-APPEAR</title>
<meta http-equiv="refresh" content="0; url={url}/refresh">
<link rel="stylesheet" href="{url}/style.css"><link rel="prefetch" href="{url}/prefetch">
<style>@import url("{url}/import.css"); body {{ background: url({url}/bg.png) }} .x::after {{ content: "STYLE-TEXT" }}</style>
<script src="{url}/evil.js"></script>
<script>fetch("{url}/beacon"); document.write("SCRIPT-TEXT");</script>
</head><body background="{url}/body.png" onload="fetch('{url}/onload')">
<p>Dear press office,</p>
<p>Could your spokesperson <b>comment</b> on the&nbsp;report before Friday?</p>
<img src="{url}/pixel.gif" width="1" height="1"><img srcset="{url}/a.png 1x, {url}/b.png 2x">
<iframe src="{url}/frame"></iframe><object data="{url}/obj"></object><embed src="{url}/embed">
<video poster="{url}/poster.jpg"><source src="{url}/v.mp4"></video><audio src="{url}/a.mp3"></audio>
<svg><image href="{url}/svg.png"/><script>SVG-SCRIPT</script></svg>
<noscript>NOSCRIPT-TEXT</noscript><template>TEMPLATE-TEXT</template>
<form action="{url}/form"><input type="image" src="{url}/input.png"></form>
<a href="{url}/link">our site</a>
</body></html>"""


def test_html_the_parser_rejects_is_still_read_not_dropped():
    # "<![" without a name makes html.parser give up on the whole document; a browser shows the
    # rest (the bogus section ends at the next ">"), so the inquiry below must survive it.
    for junk in ("<![", "<![<b>", "<![ if gte mso 9 ]", "<!x"):
        body = (f"<html><body>{junk}<p>Could your spokesperson comment before Friday?</p>"
                "<script>SCRIPT-TEXT</script></body></html>")
        parsed = parse_message(_eml("Request for comment", body, ctype="text/html; charset=utf-8"))
        assert "Could your spokesperson comment before Friday?" in parsed.text, junk
        assert "SCRIPT-TEXT" not in parsed.text and "<p>" not in parsed.text, junk


def test_html_becomes_text_without_script_style_or_any_fetch(listener, db):
    settings, engine = db
    html = _hostile_html(listener.port)
    raw = _eml("Request for comment", html, ctype="text/html; charset=utf-8", msgid="<html@x.example>")

    parsed = parse_message(raw)
    text = parsed.text
    assert parsed.html_only
    assert "Could your spokesperson comment on the report before Friday?" in " ".join(text.split())
    for hidden in ("TITLE-SHOULD-NOT-APPEAR", "STYLE-TEXT", "SCRIPT-TEXT", "fetch(", "SVG-SCRIPT", "NOSCRIPT-TEXT",
                   "TEMPLATE-TEXT", "@import", "<", "background"):
        assert hidden not in text, hidden
    assert html_to_text("<script>alert(1)</script><style>p{}</style>ok") == "ok"

    # The whole pipeline (ingest, triage, drafting) over the same mail: still no connection.
    settings = settings.model_copy(update={"auto_send_categories": GENUINE})
    [inbound_id] = store(engine, settings, raw)
    pipeline.process_inbound(engine, inbound_id, settings)
    try:
        triage = _triage()
        triage(parsed, settings=settings)
    except pytest.skip.Exception:
        pass
    time.sleep(0.5)  # anything asynchronous would have connected by now
    assert listener.count == 0, f"{listener.count} connection(s) to the remote-content server"
    # (the listener works: a real connection is counted)
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    time.sleep(0.5)
    assert listener.count == 1


# --------------------------------------------------------------------------- header injection

INJECTIONS = [
    "Eve\r\nBcc: victim@evil.example",
    "Eve\nBcc: victim@evil.example",
    "Eve\rBcc: victim@evil.example",
    "Eve\r\n\r\nInjected body",
    "Eve\x00\r\nX-Evil: 1",
    "Eve\u2028Bcc: victim@evil.example",
    "Eve\u0085Bcc: victim@evil.example",
    "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?=",
    "=?utf-8?b?RXZlDQpCY2M6IHZpY3RpbUBldmlsLmV4YW1wbGU=?=",
    '"Eve" <victim@evil.example>, other@evil.example',
    "Eve\tBcc: victim@evil.example",
]
EXPECTED_HEADERS = {"From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Auto-Submitted",
                    "X-Auto-Response-Suppress", "Precedence", "MIME-Version", "Content-Type", "Content-Language"}


def _draft(**overrides) -> Draft:
    values = dict(ticket_id=1, status="approved", language="en", to_email="eve@ledger.example", to_name="Eve",
                  subject="Re: Interview [MR-1]", body_text="Thank you for your message.\n",
                  body_html="<p>Thank you for your message.</p>", in_reply_to="<q1@ledger.example>",
                  references="<q0@ledger.example> <q1@ledger.example>",
                  message_id="<mediadesk.MR-1.abc@gims.example>")
    values.update(overrides)
    return Draft(**values)


def _check_no_injection(msg, recipient: str | None = "eve@ledger.example") -> None:
    """Every header line is a field we set or a continuation, one To, nothing injected."""
    data = msg.as_bytes() if hasattr(msg, "as_bytes") else msg
    head = data.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    names = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            continue
        name, colon, _ = line.partition(b":")
        assert colon, line
        names.append(name.decode("ascii", "replace"))
    assert set(names) <= EXPECTED_HEADERS, set(names) - EXPECTED_HEADERS
    assert len(names) == len(set(names)), names
    back = email.message_from_bytes(data, policy=email.policy.default)
    assert len(back.get_all("To")) == 1 and back.get("Bcc") is None and back.get("Cc") is None
    addresses = [a.addr_spec for a in back["To"].addresses]
    assert len(addresses) == 1, addresses
    if recipient is not None:
        assert addresses == [recipient]


# An RFC 2047 encoded word in a value we put in a header would be decoded by the email package
# when the header is set, turning an encoded CR/LF into a real line break; a sender reaches it
# by double-encoding the Subject or the From display name. build_email decodes and cleans such
# words itself (drafting.message.header_text).


def _cases():
    for field in ["to_name", "subject", "in_reply_to", "references", "message_id", "language"]:
        for evil in INJECTIONS:
            yield pytest.param(field, evil, id=f"{field}-{evil!r:.30}")


@pytest.mark.parametrize("field,evil", list(_cases()))
def test_build_email_cannot_be_made_to_inject_a_header(field, evil):
    from mediadesk.worker.drafting import build_email  # noqa: F401 - another engineer's; tested only
    from mediadesk.worker.drafting.message import build_email as build

    settings = load_settings(_env_file=None, media_address="media@gims.example")
    _check_no_injection(build(_draft(**{field: evil}), settings))


@pytest.mark.parametrize("evil", ["eve@ledger.example\r\nBcc: victim@evil.example", "eve@ledger.example, victim@evil.example",
                                  "eve@ledger.example\x00", "<eve@ledger.example>\nBcc: v@evil.example"])
def test_build_email_refuses_a_recipient_that_is_not_one_address(evil):
    from mediadesk.worker.drafting.message import build_email

    settings = load_settings(_env_file=None, media_address="media@gims.example")
    try:
        msg = build_email(_draft(to_email=evil), settings)
    except (ValueError, TypeError, IndexError):
        return  # refused: send_draft marks the draft failed
    _check_no_injection(msg, recipient=None)  # at most one (odd) address, no new header


def _double_encoded(text: str) -> str:
    """An encoded word whose decoded text is itself an encoded word."""
    import base64

    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def _send_hostile(db, smtp_server, subject: str, sender: str):
    from mediadesk.worker.sending import send_draft

    settings, engine = db
    settings = settings.model_copy(update={
        "auto_send_categories": GENUINE, "media_address": "media@gims.example",
        "smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_tls": "none"})
    raw = _eml(subject, "Could your spokesperson give us an interview on Thursday about the report?\r\n",
               sender=sender, extra="Reply-To: =?utf-8?q?x=0D=0ACc:_cc@evil.example?= <eve@ledger.example>",
               msgid="<inject@ledger.example>")
    [inbound_id] = store(engine, settings, raw)
    pipeline.process_inbound(engine, inbound_id, settings)
    with Session(engine) as session:
        draft = session.exec(select(Draft)).one()
        draft_id = draft.id
        if draft.status != "approved":  # triage kept it for review: approve as a human would
            draft.status = "approved"
            session.add(draft)
            session.commit()
    assert send_draft(engine, draft_id, settings) == "sent"
    [mail] = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ["eve@ledger.example"]
    _check_no_injection(mail.data)


def test_hostile_inquiry_is_acknowledged_to_its_sender_only_over_real_smtp(db, smtp_server):
    """From display name, Subject and Reply-To carry encoded CR/LF + Bcc/Cc: the acknowledgement
    that goes over SMTP has one recipient in its envelope and no injected header."""
    _send_hostile(db, smtp_server, "=?utf-8?q?Interview_request=0D=0ABcc:_victim@evil.example?=",
                  "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?= <eve@ledger.example>")


def test_double_encoded_subject_and_name_cannot_inject_into_the_acknowledgement(db, smtp_server):
    _send_hostile(db, smtp_server, _double_encoded("=?utf-8?q?Interview=0D=0ABcc:_victim@evil.example?="),
                  _double_encoded("=?utf-8?q?Eve=0D=0AX-Evil:_1?=") + " <eve@ledger.example>")


# --------------------------------------------------------------------------- NUL bytes, absurd ids

NASTY = [
    b"From: a\x00b <nul@x.example>\r\nSubject: nul\x00 here\r\nMessage-ID: <n\x00ul@y.example>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nhel\x00lo\r\n",
    b"From: long@x.example\r\nSubject: long id\r\nMessage-ID: <" + b"x" * 1500 + b"@y.example>\r\n\r\nhello\r\n",
    b"From: refs@x.example\r\nSubject: refs\r\nIn-Reply-To: <" + b"r" * 3000 + b"@y>\r\nReferences: "
    + b" ".join(b"<%d-%s@y>" % (i, b"z" * 200) for i in range(300)) + b"\r\n\r\nhello\r\n",
    b"From: " + b"N" * 400 + b" <name@x.example>\r\nSubject: " + b"S" * 20_000 + b"\r\nTo: "
    + b", ".join(b"u%d@x.example" % i for i in range(500)) + b"\r\n\r\nhi\r\n",
    b"\x00\x00\x00\r\n\r\n\x00",
    b"Subject: =?x-unknown?q?=00=FF?= =?utf-8?b?AAAA?=\r\nContent-Type: text/plain; charset=\"\x00\"\r\n\r\n\xff\xfe\x00",
]


def _ingest_nasty(url: str, tmp_path: Path) -> None:
    upgrade(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data")
    engine = engine_for(url)
    try:
        with session_scope(engine) as session:  # one batch, as the poller stores it
            ids = repo.store_inbound(session, items=[repo.RawItem(raw=r, uid=i + 1) for i, r in enumerate(NASTY)],
                                     mailbox="nasty", source="imap", uidvalidity=1)
        assert len(ids) == len(NASTY)
        for inbound_id in ids:
            pipeline.process_inbound(engine, inbound_id, settings)
        with Session(engine) as session:
            assert {r.state for r in session.exec(select(InboundMessage)).all()} == {"done"}
            assert len(session.exec(select(Message)).all()) == len(NASTY)
    finally:
        engine.dispose()


def test_nul_bytes_and_absurd_ids_on_sqlite(tmp_path):
    _ingest_nasty(f"sqlite:///{tmp_path / 'nasty.db'}", tmp_path)


@pytest.mark.postgres
def test_nul_bytes_and_absurd_ids_on_postgresql(pg_url, tmp_path):
    """PostgreSQL text cannot hold NUL and checks varchar widths: a Message-ID with a NUL made
    the poller's whole batch fail (the mailbox stalled on it), and one of 1,500 characters
    parked the message. Both are fixed; this keeps them fixed."""
    _ingest_nasty(pg_url, tmp_path)


@pytest.mark.parametrize("label", ["unicode_escape", "raw-unicode-escape", "punycode", "idna"])
def test_a_codec_that_is_no_charset_leaves_the_body_as_written(label):
    """Python would decode with these codecs, reinterpreting the body's backslashes; they name
    no character set, so the body is read as the text it is."""
    body = "Files are on \\\\press\\new\\2026 (see \\x41 and xn--caf-dma)."
    parsed = parse_message(_eml("Paths in the body", body, ctype=f"text/plain; charset={label}"))
    assert body in parsed.text
