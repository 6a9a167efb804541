"""Batch ingest (one transaction per chunk of stored messages) must give exactly what ingesting
one message at a time gives: the same tickets, threads, triage, drafts, audit trail and search
index, on SQLite and PostgreSQL; and the batch's own hard cases (a reply stored before its parent,
a duplicate, a malformed message, in one batch)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlmodel import Session, select

from mediadesk.mailgen import expected_threads, generate
from mediadesk.settings import load_settings
from mediadesk.storage import repo, search
from mediadesk.storage.db import make_engine, session_scope, upgrade
from mediadesk.storage.models import Draft, InboundMessage, Message, MessageReference, Ticket, TicketEvent
from mediadesk.worker import pipeline


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A factory of fresh, migrated databases of one kind."""
    made = []

    def make(name: str):
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / (name + '.db')}"
        else:
            url = request.getfixturevalue("pg_url") if not made else _second_pg(request)
        upgrade(url)
        engine = make_engine(url)
        made.append(engine)
        settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / f"data-{name}",
                                 ack_rate_limit=1_000_000)
        return settings, engine

    yield make
    for engine in made:
        engine.dispose()


def _second_pg(request):
    from harness import Postgres

    db = Postgres().start()
    request.addfinalizer(db.stop)
    return db.url


def store(engine, raws: list[bytes]) -> list[int]:
    with session_scope(engine) as session:
        return repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="t", source="test")


def snapshot(engine) -> dict:
    """Everything a user sees, keyed by Message-IDs (ids may differ between runs)."""
    with Session(engine) as session:
        messages = session.exec(select(Message).where(Message.direction == "in")).all()
        by_ticket: dict[int, list[str]] = {}
        for m in messages:
            by_ticket.setdefault(m.ticket_id, []).append(m.message_id)
        tickets = {t.id: t for t in session.exec(select(Ticket)).all()}
        events = Counter((e.ticket_id, e.kind, e.to_status) for e in session.exec(select(TicketEvent)).all())
        drafts = {d.ticket_id: (d.language, d.status, d.to_email) for d in session.exec(select(Draft)).all()}
        states = Counter(session.exec(select(InboundMessage.state)).all())
        out = {}
        for ticket_id, ids in by_ticket.items():
            t = tickets[ticket_id]
            key = min(ids)
            out[key] = {
                "messages": sorted(ids), "status": t.status, "category": t.category, "language": t.language,
                "priority": t.priority, "deadline": t.deadline, "review": t.needs_review,
                "draft": drafts.get(ticket_id),
                "events": sorted((kind, to) for (tid, kind, to), n in events.items() if tid == ticket_id for _ in range(n)),
                "found": ticket_id in set(session.execute(search.matching_ticket_ids(session, t.subject)).scalars()),
            }
    return {"tickets": out, "states": dict(states), "ticket_count": len(tickets)}


def test_batches_give_exactly_what_one_at_a_time_gives(database):
    messages = generate(90, seed=21, reply_ratio=0.3, max_kb=12)
    raws = [m.raw for m in messages]
    settings_a, one = database("one")
    ids = store(one, raws)
    for inbound_id in ids:
        pipeline.process_inbound(one, inbound_id, settings_a)
    settings_b, batched = database("batched")
    ids = store(batched, raws)
    for start in range(0, len(ids), 25):
        pipeline.process_batch(batched, ids[start:start + 25], settings_b)

    a, b = snapshot(one), snapshot(batched)
    assert a["ticket_count"] == b["ticket_count"] == expected_threads(messages)
    assert b["states"] == {"done": 90}
    assert a["tickets"] == b["tickets"]
    first = next(iter(b["tickets"].values()))
    assert {"created", "triage", "draft"} <= {kind for kind, _ in first["events"]}
    assert all(t["found"] for t in b["tickets"].values())  # the deferred search index was written


def test_a_batch_run_twice_adds_nothing(database):
    settings, engine = database("twice")
    ids = store(engine, [m.raw for m in generate(30, seed=3, reply_ratio=0.3, max_kb=4)])
    pipeline.process_batch(engine, ids, settings)
    before = snapshot(engine)
    again = pipeline.process_batch(engine, ids, settings)
    assert all(r.already_done for r in again)
    assert snapshot(engine) == before


def eml(msgid: str, subject: str, body: str, *, in_reply_to: str | None = None, received: str = "") -> bytes:
    lines = ([f"Received: {received}"] if received else []) + [
        "From: Lina Haddad <lina@waha-daily.example>", "To: media@gims.example", f"Subject: {subject}",
        "Date: Tue, 24 Nov 2026 10:00:00 +0300", f"Message-ID: {msgid}"]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    lines += ["Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


def test_reply_stored_before_its_parent_in_one_batch_joins_one_ticket(database):
    settings, engine = database("order")
    reply = eml("<r1@waha.example>", "Re: Interview request", "Any news?", in_reply_to="<p1@waha.example>")
    sibling = eml("<r2@waha.example>", "Re: Interview request", "Still waiting.", in_reply_to="<p1@waha.example>")
    parent = eml("<p1@waha.example>", "Interview request", "Could your director speak to us on Thursday?")
    ids = store(engine, [reply, sibling, parent])  # the parent has the highest id
    results = pipeline.process_batch(engine, ids, settings)
    assert len({r.ticket_id for r in results}) == 1
    with Session(engine) as session:
        refs = session.exec(select(MessageReference.ref)).all()
    assert refs.count("<p1@waha.example>") == 2  # both replies indexed for threading


def test_duplicate_and_malformed_messages_in_one_batch(database):
    settings, engine = database("hard")
    first = eml("<d1@waha.example>", "Interview request", "Could we talk on Thursday?", received="from a")
    copy = eml("<d1@waha.example>", "Interview request", "Could we talk on Thursday?", received="from b")
    broken = b"\x00\xff garbage without headers \r\n\r\n\xfe"
    other = eml("<o1@waha.example>", "Photos please", "Could you send high-resolution photos?")
    ids = store(engine, [first, copy, broken, other])
    assert len(ids) == 4  # different bytes: stored separately
    results = pipeline.process_batch(engine, ids, settings)
    assert [r.duplicate for r in results] == [False, True, False, False]
    with Session(engine) as session:
        tickets = session.exec(select(Ticket).order_by(Ticket.id)).all()
        raw = session.get(InboundMessage, ids[2]).raw
    assert len(tickets) == 3
    assert tickets[1].needs_review and "sender" in tickets[1].review_reason
    assert raw == broken  # the bytes are kept for a human
    assert tickets[0].category == "interview_request" and tickets[2].category == "media_assets"
