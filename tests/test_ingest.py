"""Ingest on a real SQLite database: threading, duplicates, review flags, attachments, parking."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Attachment, InboundMessage, Message, Ticket, TicketEvent, utcnow
from mediadesk.worker import pipeline, sweeps, workflow


def eml(subject="Interview request", sender="Lina Haddad <lina@waha-daily.example>", msgid=None, extra="",
        body="Could your spokesperson speak to us tomorrow?\n", in_reply_to=None) -> bytes:
    lines = [f"From: {sender}", "To: media@gims.example", f"Subject: {subject}",
             "Date: Tue, 24 Nov 2026 10:00:00 +0300"]
    if msgid:
        lines.append(f"Message-ID: {msgid}")
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    if extra:
        lines.append(extra.rstrip("\n"))
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


@pytest.fixture
def env(tmp_path):
    url = f"sqlite:///{tmp_path / 'md.db'}"
    upgrade(url)
    settings = load_settings(database_url=url, data_dir=tmp_path / "data", max_attachment_bytes=2000,
                             max_message_bytes=50_000)
    return settings, engine_for(url)


def put(engine, *raws, settings=None) -> list[int]:
    with session_scope(engine) as session:
        return repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="t", source="test",
                                  max_bytes=settings.max_message_bytes if settings else None)


def ingest_all(engine, settings, ids):
    return [pipeline.ingest(engine, i, settings) for i in ids]


def tickets(engine):
    with Session(engine) as session:
        return session.exec(select(Ticket).order_by(Ticket.id)).all()


def test_new_message_opens_ticket_with_ref_and_event(env):
    settings, engine = env
    [result] = ingest_all(engine, settings, put(engine, eml(msgid="<a1@waha.example>")))
    assert result.new_ticket
    [ticket] = tickets(engine)
    assert ticket.ref == f"MR-{ticket.id}" and ticket.status == "new"
    assert ticket.requester_email == "lina@waha-daily.example" and ticket.requester_name == "Lina Haddad"
    with Session(engine) as session:
        inbound = session.get(InboundMessage, result.inbound_id)
        assert inbound.state == "done" and inbound.ticket_id == ticket.id and inbound.processed_at
        events = session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)).all()
        assert [e.kind for e in events] == ["created"]


def test_ingest_twice_is_harmless(env):
    settings, engine = env
    [inbound_id] = put(engine, eml(msgid="<a1@waha.example>"))
    first = pipeline.ingest(engine, inbound_id, settings)
    again = pipeline.ingest(engine, inbound_id, settings)
    assert again.already_done and again.ticket_id == first.ticket_id
    assert len(tickets(engine)) == 1


def test_same_bytes_stored_once_and_same_message_id_threads_as_duplicate(env):
    settings, engine = env
    raw = eml(msgid="<same@waha.example>")
    assert len(put(engine, raw)) == 1
    assert put(engine, raw) == []  # identical bytes: not stored again
    # Another copy of the same message (a different Received trail) is recognised by Message-ID.
    ids = put(engine, b"Received: from relay2.example\r\n" + raw)
    results = ingest_all(engine, settings, [1, *ids])
    assert results[1].duplicate and results[1].ticket_id == results[0].ticket_id
    assert len(tickets(engine)) == 1


def test_reply_by_in_reply_to_and_by_tag_from_same_requester(env):
    settings, engine = env
    [first] = ingest_all(engine, settings, put(engine, eml(msgid="<q1@waha.example>")))
    ref = tickets(engine)[0].ref
    reply = eml(subject="Re: Interview request", msgid="<q2@waha.example>", in_reply_to="<q1@waha.example>",
                body="Any news?")
    tagged = eml(subject=f"Follow-up [{ref}]", msgid="<q3@waha.example>", body="Adding a question.")
    stranger = eml(subject=f"Hijack [{ref}]", sender="eve@elsewhere.example", msgid="<q4@else.example>")
    results = ingest_all(engine, settings, put(engine, reply, tagged, stranger))
    assert [r.ticket_id for r in results[:2]] == [first.ticket_id, first.ticket_id]
    assert results[2].new_ticket and results[2].ticket_id != first.ticket_id
    with Session(engine) as session:
        assert len(session.exec(select(Message).where(Message.ticket_id == first.ticket_id)).all()) == 3


def test_reply_to_closed_ticket_reopens_it(env):
    settings, engine = env
    [first] = ingest_all(engine, settings, put(engine, eml(msgid="<c1@waha.example>")))
    with session_scope(engine) as session:
        ticket = session.get(Ticket, first.ticket_id)
        workflow.transition(session, ticket, "resolved", actor="amal")
        workflow.transition(session, ticket, "closed", actor="amal")
    ingest_all(engine, settings, put(engine, eml(subject="Re: Interview request", msgid="<c2@waha.example>",
                                                 in_reply_to="<c1@waha.example>", body="One more thing")))
    [ticket] = tickets(engine)
    assert ticket.status == "in_progress" and ticket.closed_at is None
    with Session(engine) as session:
        last = session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id.desc())).first()
    assert (last.from_status, last.to_status, last.actor) == ("closed", "in_progress", "system")


def test_oversized_and_senderless_mail_is_kept_and_flagged_for_review(env):
    settings, engine = env
    huge = eml(msgid="<big@x.example>", body="x" * 80_000)
    senderless = b"Subject: no sender\r\n\r\nhello\r\n"
    results = ingest_all(engine, settings, put(engine, huge, senderless, settings=settings))
    big, anon = tickets(engine)
    assert big.needs_review and "MEDIADESK_MAX_MESSAGE_BYTES" in big.review_reason
    assert anon.needs_review and "sender" in anon.review_reason
    with Session(engine) as session:
        row = session.get(InboundMessage, results[0].inbound_id)
        assert row.truncated and row.size == len(huge) and len(row.raw) == settings.max_message_bytes


ATTACHED = b"""From: Sam <sam@radio-horizon.example>\r
To: media@gims.example\r
Subject: CV\r
Message-ID: <att@radio.example>\r
MIME-Version: 1.0\r
Content-Type: multipart/mixed; boundary="b"\r
\r
--b\r
Content-Type: text/plain\r
\r
My CV is attached.\r
--b\r
Content-Type: application/pdf\r
Content-Disposition: attachment; filename="../../etc/CON.pdf"\r
Content-Transfer-Encoding: base64\r
\r
JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK\r
--b\r
Content-Type: application/octet-stream\r
Content-Disposition: attachment; filename="big\\x01.bin"\r
Content-Transfer-Encoding: base64\r
\r
""" + (b"QUFB" * 1000) + b"""\r
--b--\r
"""


def test_attachments_stored_by_hash_with_safe_names_and_size_limit(env):
    settings, engine = env
    ingest_all(engine, settings, put(engine, ATTACHED))
    with Session(engine) as session:
        small, big = session.exec(select(Attachment).order_by(Attachment.id)).all()
    assert small.filename == "_CON.pdf" and small.stored_path
    path = settings.attachments_dir / small.sha256[:2] / small.sha256
    assert str(path) == small.stored_path and path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert big.stored_path is None and "MEDIADESK_MAX_ATTACHMENT_BYTES" in big.skipped_reason
    assert "/" not in big.filename and "\x01" not in big.filename


def test_failures_park_after_max_attempts_and_redrive(env):
    settings, engine = env
    [inbound_id] = put(engine, eml(msgid="<p@x.example>"))
    for attempt in range(settings.max_attempts):
        parked = pipeline.record_failure(engine, inbound_id, RuntimeError("boom"), settings.max_attempts)
    assert parked
    assert sweeps.stale_work(engine, settings.model_copy(update={"sweep_grace_seconds": 0}))[0] == []
    assert pipeline.redrive(engine, [inbound_id]) == [inbound_id]
    assert sweeps.stale_work(engine, settings.model_copy(update={"sweep_grace_seconds": 0}))[0] == [inbound_id]


def test_sweep_finds_stored_but_unprocessed_after_grace(env):
    settings, engine = env
    ids = put(engine, eml(msgid="<s1@x.example>"), eml(msgid="<s2@x.example>", subject="Other"))
    pipeline.ingest(engine, ids[0], settings)
    assert sweeps.stale_work(engine, settings)[0] == []  # still within the grace period
    later = utcnow() + timedelta(seconds=settings.sweep_grace_seconds + 1)
    inbound, untriaged = sweeps.stale_work(engine, settings, now=later)
    assert inbound == [ids[1]]
    assert untriaged == [tickets(engine)[0].id]  # ingested but never triaged


def test_overdue_marked_once_with_controlled_clock(env):
    settings, engine = env
    ingest_all(engine, settings, put(engine, eml(msgid="<o@x.example>")))
    with session_scope(engine) as session:
        ticket = session.exec(select(Ticket)).one()
        ticket.due_at = utcnow() + timedelta(hours=2)
        session.add(ticket)
    assert sweeps.mark_overdue(engine) == []
    ref = tickets(engine)[0].ref
    assert sweeps.mark_overdue(engine, now=utcnow() + timedelta(hours=3)) == [ref]
    assert sweeps.mark_overdue(engine, now=utcnow() + timedelta(hours=4)) == []  # recorded once
    assert tickets(engine)[0].overdue


def test_full_text_search_over_subject_body_and_sender(env):
    from mediadesk.storage.search import matching_ticket_ids

    settings, engine = env
    ingest_all(engine, settings, put(engine,
        eml(subject="Accréditation presse", msgid="<f1@x.example>", body="Je souhaite couvrir le forum."),
        eml(subject="طلب مقابلة", sender="Omar <omar@sawt.example>", msgid="<f2@x.example>", body="نرغب في مقابلة المتحدث الرسمي"),
        eml(subject="Photos", sender="Jo <jo@ledger.example>", msgid="<f3@x.example>", body="High-resolution images please")))
    reply = eml(subject="Re: Photos", sender="Jo <jo@ledger.example>", msgid="<f4@x.example>",
                in_reply_to="<f3@x.example>", body="Also the B-roll footage")

    ingest_all(engine, settings, put(engine, reply))

    def refs(query):
        with Session(engine) as session:
            ids = session.exec(select(Ticket.ref).where(Ticket.id.in_(matching_ticket_ids(session, query)))).all()
        return sorted(ids)

    [fr, ar, en] = [t.ref for t in tickets(engine)]
    assert refs("accreditation") == [fr]  # diacritics folded, prefix match
    assert refs("المتحدث") == [ar]
    assert refs("ledger") == [en]
    assert refs("footage") == [en]  # a later message on the thread is searchable too
    assert refs("images") == [en]  # and the first one still is
    assert refs("footage images") == [en]  # every word on the ticket, in different messages
    assert refs("footage accreditation") == []  # not on one ticket
    assert refs('x" OR * NEAR(') == []  # user text is never query syntax


def test_sweep_finds_approved_acknowledgements_whose_send_was_lost(env):
    from mediadesk.storage.models import Draft

    settings, engine = env
    ingest_all(engine, settings, put(engine, eml(msgid="<d1@x.example>"), eml(msgid="<d2@x.example>", subject="B"),
                                     eml(msgid="<d3@x.example>", subject="C")))
    now = utcnow()
    with session_scope(engine) as session:
        t1, t2, t3 = session.exec(select(Ticket).order_by(Ticket.id)).all()
        never_tried = Draft(ticket_id=t1.id, status="approved", to_email="a@x.example", subject="s", body_text="b",
                            approved_at=now - timedelta(minutes=5))
        retrying = Draft(ticket_id=t2.id, status="approved", to_email="b@x.example", subject="s", body_text="b",
                         approved_at=now - timedelta(minutes=5), send_attempts=1, send_started_at=now - timedelta(minutes=1))
        crashed = Draft(ticket_id=t3.id, status="sending", to_email="c@x.example", subject="s", body_text="b",
                        approved_at=now - timedelta(minutes=5), send_attempts=1, send_started_at=now - timedelta(minutes=1))
        session.add_all([never_tried, retrying, crashed])
    grace = settings.model_copy(update={"sweep_grace_seconds": 60})
    assert sweeps.unsent_approved(engine, grace, now=now) == [never_tried.id]  # a retry may still be pending
    later = sweeps.unsent_approved(engine, grace, now=now + timedelta(minutes=20))
    assert later == [never_tried.id, retrying.id, crashed.id]  # the crashed one will be marked uncertain


def test_a_message_without_message_id_is_stored_under_one_minted_from_its_bytes(env):
    settings, engine = env
    raw = eml(msgid=None)
    [inbound_id] = put(engine, raw)
    result = pipeline.ingest(engine, inbound_id, settings)
    import hashlib

    with Session(engine) as session:
        message = session.get(Message, result.message_id)
    assert message.message_id == f"<{hashlib.sha256(raw).hexdigest()[:32]}@mediadesk.invalid>"
