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


# --------------------------------------------------------------------------- rate limit, reserved ahead


@pytest.fixture
def ack_limiter(redis_server):
    from mediadesk.worker.drafting import RedisAckLimiter

    limiter = RedisAckLimiter(redis_server.url, 2, 86_400, prefix="mediadesk-test:batch-ack:")
    yield limiter
    limiter.reset("lama@asharq.example")


def _drafts_to(engine, address: str) -> int:
    with Session(engine) as session:
        return len(session.exec(select(Draft).where(Draft.to_email == address)).all())


def test_a_batch_counts_only_the_acknowledgements_it_drafts(tmp_path, ack_limiter):
    """The batch counts its acknowledgements in Redis before its write transaction. A message
    that turns out not to open a ticket (here a second copy of one already stored) must not use
    up the sender's allowance: the limit of 2 lets exactly one more acknowledgement through, as
    one message at a time would, and Redis counts only the drafts that exist."""
    from mediadesk.worker.drafting.testing import inquiry_bytes

    url = f"sqlite:///{tmp_path / 'limit.db'}"
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data", ack_rate_limit=2)
    first = inquiry_bytes(message_id="<one@asharq.example>")
    pipeline.process_batch(engine, store(engine, [first]), settings, limiter=ack_limiter)
    copy = first.replace(b"this week?", b"this week??")  # other bytes, same Message-ID
    batch = [copy] + [inquiry_bytes(subject=f"Question {i}", message_id=f"<q{i}@asharq.example>") for i in (2, 3)]
    results = pipeline.process_batch(engine, store(engine, batch), settings, limiter=ack_limiter)

    assert [r.duplicate for r in results] == [True, False, False]
    assert _drafts_to(engine, "lama@asharq.example") == 2
    assert ack_limiter.client.zcard(ack_limiter.key("lama@asharq.example")) == 2
    with Session(engine) as session:
        limited = session.exec(select(TicketEvent).where(TicketEvent.note.contains("rate-limited"))).all()
    assert len(limited) == 1 and "(redis)" in limited[0].note
    engine.dispose()


def test_an_acknowledgement_counted_but_not_drafted_is_given_back(tmp_path, ack_limiter):
    """Two copies of one inquiry in one batch: both are counted ahead, one ticket is drafted,
    and the other count is given back, so the sender's next inquiry is still acknowledged."""
    from mediadesk.worker.drafting.testing import inquiry_bytes

    url = f"sqlite:///{tmp_path / 'given-back.db'}"
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data", ack_rate_limit=2)
    original = inquiry_bytes(message_id="<twice@asharq.example>")
    pipeline.process_batch(engine, store(engine, [original, original.replace(b"week?", b"week??")]), settings,
                           limiter=ack_limiter)
    assert ack_limiter.client.zcard(ack_limiter.key("lama@asharq.example")) == 1
    pipeline.process_batch(engine, store(engine, [inquiry_bytes(subject="Next", message_id="<next@asharq.example>")]),
                           settings, limiter=ack_limiter)
    assert _drafts_to(engine, "lama@asharq.example") == 2
    engine.dispose()


def test_a_failed_batch_gives_its_reservations_back(tmp_path, ack_limiter, monkeypatch):
    from mediadesk.worker.drafting.testing import inquiry_bytes

    url = f"sqlite:///{tmp_path / 'fail.db'}"
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data", ack_rate_limit=2)
    ids = store(engine, [inquiry_bytes(subject=f"Question {i}", message_id=f"<f{i}@asharq.example>") for i in (1, 2)])

    def broken(batch):
        raise RuntimeError("disk full")

    from mediadesk.worker.batch import Batch

    monkeypatch.setattr(Batch, "write", broken)
    with pytest.raises(RuntimeError):
        pipeline.process_batch(engine, ids, settings, limiter=ack_limiter)
    assert ack_limiter.client.zcard(ack_limiter.key("lama@asharq.example")) == 0
    monkeypatch.undo()
    pipeline.process_batch(engine, ids, settings, limiter=ack_limiter)  # the retry drafts both
    assert _drafts_to(engine, "lama@asharq.example") == 2
    engine.dispose()


def test_a_batch_numbers_its_new_tickets_without_gaps(database):
    """Ticket ids (and so the MR- references people quote) are drawn before the rows are
    written, on PostgreSQL several from the sequence at once: a batch of new inquiries still
    numbers them one after the other, in arrival order, and the next batch goes on from there."""
    settings, engine = database("numbers")
    for start in (0, 10):
        ids = store(engine, [m.raw for m in generate(10, seed=31 + start, reply_ratio=0.0)])
        pipeline.process_batch(engine, ids, settings)
    with Session(engine) as session:
        tickets = session.exec(select(Ticket).order_by(Ticket.id)).all()
        first_message = {m.ticket_id: m.inbound_id for m in session.exec(select(Message)).all()}
    refs = [t.ref for t in tickets]
    first = tickets[0].id
    assert refs == [f"MR-{first + i}" for i in range(20)]
    assert [first_message[t.id] for t in tickets] == sorted(first_message.values())


def test_every_message_of_a_thread_stays_searchable_across_batches(database):
    """Every inbound message of a ticket is found by its words: a parent and its reply written
    in one batch, and a later reply in the next batch."""
    from mediadesk.worker.drafting.testing import inquiry_bytes

    settings, engine = database("search")
    parent = inquiry_bytes(subject="Photos", message_id="<p@ledger.example>", body="Could you send the drone photographs?")
    reply = inquiry_bytes(subject="Re: Photos", message_id="<r1@ledger.example>", references="<p@ledger.example>",
                          body="Also the logo in vector format.")
    later = inquiry_bytes(subject="Re: Photos", message_id="<r2@ledger.example>", references="<r1@ledger.example>",
                          body="And a portrait of the curator.")
    pipeline.process_batch(engine, store(engine, [parent, reply]), settings)
    pipeline.process_batch(engine, store(engine, [later]), settings)
    with Session(engine) as session:
        [ticket_id] = session.exec(select(Ticket.id)).all()
        for word in ("drone", "vector", "curator", "photos"):
            assert list(session.execute(search.matching_ticket_ids(session, word)).scalars()) == [ticket_id], word


def test_a_batch_is_counted_in_one_write_unless_a_message_of_it_came_before(tmp_path):
    """``deliver(unless_redelivered=True)``, as ``ingest_batch`` calls it: a fresh batch is counted
    (one delivery each); a batch holding a message delivered before is only looked at, so that
    its messages are split off and each counted by its own task, never counted twice."""
    url = f"sqlite:///{tmp_path / 'd.db'}"
    upgrade(url)
    engine = make_engine(url)
    ids = store(engine, [m.raw for m in generate(3)])

    fresh = pipeline.deliver(engine, ids[:2], 4, unless_redelivered=True)
    assert fresh.process == ids[:2] and not fresh.redelivered and not fresh.parked

    mixed = pipeline.deliver(engine, ids, 4, unless_redelivered=True)
    assert mixed.redelivered and mixed.process == ids and not mixed.parked
    with Session(engine) as session:
        attempts = {row.id: row.attempts for row in session.exec(select(InboundMessage)).all()}
    assert attempts == {ids[0]: 1, ids[1]: 1, ids[2]: 0}  # the look counted nothing
    engine.dispose()
