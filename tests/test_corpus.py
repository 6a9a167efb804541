"""Every real-world message in ../shared/corpus ingests, and its subject and sender decode as expected."""

from __future__ import annotations

import json
import re
from pathlib import Path


from harness import needs
from sqlmodel import Session, select

from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import InboundMessage, Message, Ticket
from mediadesk.worker import pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"

# Subjects whose expected text cannot be recovered from the bytes: raw 8-bit Cyrillic with no
# charset anywhere in the message (we read undeclared bytes as Arabic windows-1256 before
# Cyrillic, the right bet for this office), a broken quoted-printable tail, and a character
# Python's iso-2022-jp codecs lack. Each still yields a non-empty subject.
UNRECOVERABLE_SUBJECTS = {
    "django-mailbox/messages/message_with_single_byte_extended_subject_encoding.eml",
    "request-tracker/messages/emails__russian-subject-no-content-type.eml",
    "alaveteli/messages/subject-bad-utf-8-trailing-quoted-printable.eml",
    "php-mime-mail-parser/messages/issue116.eml",
}

# Unquoted display names that look like an address ("alice@x <bob@y>"): the curator's derived
# expectation takes the name; we take the angle address, as RFC 5322 and mail clients do, so a
# reply can never be steered by text in a display name.
ANGLE_ADDRESS_WINS = {
    "mimekit/messages/messages__issue358.eml": "jang.abcdef@xyzlinux12345678.it",
    "spamscope-mail-parser/messages/mail_test_19.eml": "bob@example.com",
}


def corpus_cases():
    if not CORPUS.is_dir():
        return []
    cases = []
    for expectations in sorted(CORPUS.glob("*/expectations.json")):
        for record in json.loads(expectations.read_text()):
            cases.append((expectations.parent, record))
    return cases


def norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text).strip()


@needs(CORPUS, "../shared/corpus")
def test_every_corpus_message_ingests_with_expected_subject_and_sender(tmp_path):
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    upgrade(url)
    settings = load_settings(database_url=url, data_dir=tmp_path / "data")
    engine = engine_for(url)
    cases = corpus_cases()
    assert cases, f"no messages in {CORPUS}"
    raws = [(source / record["file"]).read_bytes() for source, record in cases]
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="corpus", source="test")
    assert len(ids) == len(set(raws))
    by_sha = {}
    for inbound_id in ids:
        pipeline.ingest(engine, inbound_id, settings)  # must not raise
    subject_misses, sender_misses = [], []
    with Session(engine) as session:
        states = {row.state for row in session.exec(select(InboundMessage)).all()}
        assert states == {"done"}
        for row in session.exec(select(InboundMessage)).all():
            by_sha[row.sha256] = row
        for (source, record), raw in zip(cases, raws):
            from mediadesk.worker.parsing import sha256_hex

            inbound = by_sha[sha256_hex(raw)]
            message = session.exec(select(Message).where(Message.inbound_id == inbound.id)).first()
            if message is None:  # a duplicate Message-ID: threaded onto the first copy
                assert session.get(Ticket, inbound.ticket_id) is not None
                continue
            key = f"{source.name}/{record['file']}"
            expected = norm(record.get("subject"))
            if expected is not None and key not in UNRECOVERABLE_SUBJECTS:
                got = norm(message.subject)
                if not (got == expected or (len(got) >= 1000 and expected.startswith(got))):
                    subject_misses.append((key, expected[:60], got[:60]))
            if key in UNRECOVERABLE_SUBJECTS:
                assert message.subject
            if key in ANGLE_ADDRESS_WINS:
                assert message.from_email == ANGLE_ADDRESS_WINS[key]
            elif (record.get("from") or None) != message.from_email:
                sender_misses.append((key, record.get("from"), message.from_email))
    print(f"\ncorpus: {len(cases)} messages ingested; subject misses {len(subject_misses)}, "
          f"sender misses {len(sender_misses)}, known-unrecoverable subjects {len(UNRECOVERABLE_SUBJECTS)}")
    assert subject_misses == []
    assert sender_misses == []
