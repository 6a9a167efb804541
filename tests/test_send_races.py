"""At most one delivery when two send attempts meet (issue 17): a slow SMTP server, duplicate
send tasks, a human's resend during the send, a refusal after a concurrent claim, and approve
racing reject on PostgreSQL.

Real parts throughout: the harness's aiosmtpd sink answering DATA after ``SLOW`` seconds, SQLite
or PostgreSQL, Redis and a Celery worker where tasks are involved, the console script for the
CLI. Each test ends by counting the DATA commands the server saw for the draft's Message-ID
and reading the audit trail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from harness import SMTPServer, run_cli, wait_until
from sqlalchemy import update
from sqlmodel import Session, select

from mediadesk.cli.common import ExitCode
from mediadesk.settings import Settings
from mediadesk.storage.db import engine_for, make_engine, upgrade
from mediadesk.storage.models import Draft, Ticket, TicketEvent, utcnow
from mediadesk.worker.drafting import DraftStateError, approve_draft, create_draft, reject_draft
from mediadesk.worker.drafting.testing import inquiry_bytes, stand_in_from_bytes
from mediadesk.worker.sending import resolve_uncertain, send_draft

SLOW = 7.0  # seconds the sink takes to answer DATA: an attempt is "alive" for that long
RECIPIENT = "lama@asharq.example"
# mediadesk.worker.app's queue; not imported, as importing the app here would bind it to this
# process's settings (and so to another broker than a later test's).
QUEUE = "mediadesk"


def make_settings(database_url: str, port: int) -> Settings:
    return Settings(_env_file=None, media_address="media@imctc.example", organisation="IMCTC Media Centre",
                    signature="Media Relations Team", database_url=database_url, smtp_host="127.0.0.1",
                    smtp_port=port, smtp_tls="none")


def new_draft(engine, settings, *, approve: bool = True) -> Draft:
    with Session(engine, expire_on_commit=False) as session:
        ticket, message, parsed = stand_in_from_bytes(session, inquiry_bytes())
        draft, reason = create_draft(session, ticket, message, parsed, settings)
        assert draft is not None, reason
        if approve:
            approve_draft(session, draft, "amal")
        session.commit()
        return draft


def row(engine, draft_id: int) -> Draft:
    with Session(engine) as session:
        return session.get(Draft, draft_id)


def trail(engine, ticket_id: int, kinds=("send",)) -> list[str]:
    """The audit trail's notes of these kinds, oldest first."""
    with Session(engine) as session:
        return list(session.exec(select(TicketEvent.note).where(TicketEvent.ticket_id == ticket_id,
                                                                TicketEvent.kind.in_(kinds))
                                 .order_by(TicketEvent.id)))


def ticket_status(engine, ticket_id: int) -> str:
    with Session(engine) as session:
        return session.get(Ticket, ticket_id).status


def cli_env(tmp_path, sink: SMTPServer, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_")}
    env.pop("PYTHONPATH", None)  # never the repo root on a child's sys.path
    return env | {"MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'md.db'}",
                  "MEDIADESK_DATA_DIR": str(tmp_path / "data"), "MEDIADESK_MEDIA_ADDRESS": "media@imctc.example",
                  "MEDIADESK_ORGANISATION": "IMCTC Media Centre", "MEDIADESK_USER": "amal", **sink.env(), **extra}


@pytest.fixture
def slow_sink():
    with SMTPServer(data_delay=SLOW) as server:
        yield server


@pytest.fixture
def setup(tmp_path, slow_sink):
    settings = make_settings(f"sqlite:///{tmp_path / 'md.db'}", slow_sink.port)
    upgrade(settings.database_url)
    return engine_for(settings.database_url), settings


# --------------------------------------------------------------------------- duplicate tasks


@pytest.mark.integration
def test_second_approve_and_a_swept_duplicate_task_deliver_once(tmp_path, slow_sink, redis_server, worker_factory):
    """`draft approve` twice while no worker runs queues one send task; a second task for the
    same draft (as the outbox sweep would add) runs beside the first while the server takes
    SLOW seconds to answer DATA: it leaves the draft alone instead of calling it uncertain."""
    env = cli_env(tmp_path, slow_sink, MEDIADESK_REDIS_URL=redis_server.url)
    settings = make_settings(env["MEDIADESK_DATABASE_URL"], slow_sink.port)
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    draft = new_draft(engine, settings, approve=False)
    ref = f"MR-{draft.ticket_id}"

    first = run_cli(["draft", "approve", ref], env, tmp_path, timeout=60)
    second = run_cli(["draft", "approve", ref], env, tmp_path, timeout=60)
    assert first.returncode == 0 and "approved" in first.stderr and "queued" in first.stderr, first.stderr
    assert second.returncode == 0 and "already approved" in second.stderr, second.stderr
    assert redis_server.client().llen(QUEUE) == 1  # the second approve did not enqueue

    enqueue = subprocess.run([sys.executable, "-c", f"from mediadesk.worker.tasks import send; send.delay({draft.id})"],
                             env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert enqueue.returncode == 0, enqueue.stderr
    assert redis_server.client().llen(QUEUE) == 2

    worker = worker_factory(env, concurrency=2)
    slow_sink.wait_for_data(1, timeout=60)
    wait_until(lambda: worker.log_text().count("mediadesk.send[") >= 2 and "succeeded" in worker.log_text()
               and row(engine, draft.id).status == "sent", timeout=60, what="the draft sent")
    wait_until(lambda: worker.log_text().count("succeeded in") >= 2, timeout=30, what="both send tasks done")
    log = worker.log_text()
    assert "'sent'" in log and "'sending'" in log  # the duplicate saw a live attempt and stood aside
    time.sleep(1)  # a second DATA, were there one, would have arrived by now
    message_id = row(engine, draft.id).message_id
    assert slow_sink.deliveries(message_id) == 1 and len(slow_sink.data_received) == 1
    assert trail(engine, draft.ticket_id) == [f"acknowledgement sent to {RECIPIENT} ({message_id})"]
    assert ticket_status(engine, draft.ticket_id) == "acknowledged"


def test_a_duplicate_task_during_a_slow_send_stands_aside(setup, slow_sink):
    engine, settings = setup
    draft = new_draft(engine, settings)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(send_draft, engine, draft.id, settings)
        slow_sink.wait_for_data(1)  # the data is at the server, its reply SLOW seconds away
        assert send_draft(engine, draft.id, settings) == "sending"
        assert row(engine, draft.id).status == "sending"
        assert first.result(timeout=60) == "sent"
    assert send_draft(engine, draft.id, settings) == "already_sent"
    assert slow_sink.deliveries(draft.message_id) == 1
    assert trail(engine, draft.ticket_id) == [f"acknowledgement sent to {RECIPIENT} ({draft.message_id})"]


# --------------------------------------------------------------------------- resend during sending


def test_resend_is_refused_while_the_attempt_is_alive(tmp_path, setup, slow_sink):
    """`draft resolve --resend` (and `approve --resend`) while the draft is visibly `sending`:
    refused, nothing sent a second time; the attempt records its own outcome."""
    engine, settings = setup
    draft = new_draft(engine, settings)
    ref = f"MR-{draft.ticket_id}"
    env = cli_env(tmp_path, slow_sink)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(send_draft, engine, draft.id, settings)  # the worker's attempt
        slow_sink.wait_for_data(1)
        resend = run_cli(["draft", "resolve", ref, "--resend", "--now"], env, tmp_path, timeout=60)
        assert resend.returncode == ExitCode.CONFLICT, resend.stderr
        assert "being sent" in resend.stderr
        again = run_cli(["draft", "approve", ref, "--resend", "--now"], env, tmp_path, timeout=60)
        assert again.returncode == 0 and "being sent" in again.stderr, again.stderr
        with pytest.raises(ValueError, match="being sent"):  # nor recorded as delivered
            resolve_uncertain(engine, draft.id, settings, delivered=True, actor="amal")
        assert not first.done(), f"the machine is too slow for this test: the send ended within {SLOW}s"
        assert first.result(timeout=60) == "sent"
    time.sleep(1)
    assert slow_sink.deliveries(draft.message_id) == 1
    assert trail(engine, draft.ticket_id) == [f"acknowledgement sent to {RECIPIENT} ({draft.message_id})"]
    assert row(engine, draft.id).status == "sent"


def test_an_attempt_is_uncertain_only_once_its_lease_ran_out(setup, slow_sink):
    """A worker killed between the server's 250 and the commit: the redelivered task leaves the
    draft alone while the attempt's lease lasts, and calls it uncertain once it ran out."""
    engine, settings = setup
    draft = new_draft(engine, settings)
    slow_sink.data_delay = 0

    def killed():
        raise KeyboardInterrupt("worker killed after the server said 250")

    with pytest.raises(KeyboardInterrupt):
        send_draft(engine, draft.id, settings, before_record=killed)
    assert send_draft(engine, draft.id, settings) == "sending"  # the lease is alive: not uncertain
    assert trail(engine, draft.ticket_id) == []
    with pytest.raises(ValueError, match="being sent"):
        resolve_uncertain(engine, draft.id, settings, delivered=False, actor="amal")
    with Session(engine) as session:  # ... the lease's time passes
        session.exec(update(Draft).where(Draft.id == draft.id)
                     .values(send_lease_until=utcnow() - timedelta(seconds=1)))
        session.commit()
    assert send_draft(engine, draft.id, settings) == "uncertain"
    assert send_draft(engine, draft.id, settings) == "uncertain"
    [note] = trail(engine, draft.ticket_id)
    assert note.startswith("send outcome uncertain: attempt 1") and "lease ran out" in note
    assert resolve_uncertain(engine, draft.id, settings, delivered=True, actor="amal") == "sent"
    assert slow_sink.deliveries(draft.message_id) == 1
    assert ticket_status(engine, draft.ticket_id) == "acknowledged"


def test_a_late_outcome_still_belongs_to_its_attempt(setup, slow_sink):
    """The attempt outlived its lease (the server took longer than promised) and another task
    called the draft uncertain meanwhile: the server's 250 is still recorded, by that attempt."""
    engine, settings = setup
    draft = new_draft(engine, settings)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(send_draft, engine, draft.id, settings)
        slow_sink.wait_for_data(1)
        with Session(engine) as session:
            session.exec(update(Draft).where(Draft.id == draft.id)
                         .values(send_lease_until=utcnow() - timedelta(seconds=1)))
            session.commit()
        assert send_draft(engine, draft.id, settings) == "uncertain"
        assert first.result(timeout=60) == "sent"
    assert row(engine, draft.id).status == "sent"
    notes = trail(engine, draft.ticket_id)
    assert len(notes) == 2 and notes[0].startswith("send outcome uncertain: attempt 1")
    assert notes[1] == f"acknowledgement sent to {RECIPIENT} ({draft.message_id})"
    assert slow_sink.deliveries(draft.message_id) == 1


# --------------------------------------------------------------------------- refusal after a concurrent claim


def test_a_refusal_after_a_concurrent_claim_is_recorded(tmp_path, slow_sink):
    slow_sink.data_reply = "554 5.7.1 message refused"
    settings = make_settings(f"sqlite:///{tmp_path / 'md.db'}", slow_sink.port)
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    draft = new_draft(engine, settings)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(send_draft, engine, draft.id, settings)
        slow_sink.wait_for_data(1)
        assert send_draft(engine, draft.id, settings) == "sending"  # the duplicate task
        assert first.result(timeout=60) == "failed"
    failed = row(engine, draft.id)
    assert failed.status == "failed" and "554" in failed.error
    [note] = trail(engine, draft.ticket_id)
    assert note.startswith("send failed:") and "554" in note
    assert ticket_status(engine, draft.ticket_id) == "triaged"  # nothing reached the journalist
    assert slow_sink.messages == [] and slow_sink.deliveries(draft.message_id) == 1


# --------------------------------------------------------------------------- approve racing reject


@pytest.mark.parametrize("first", ["approve", "reject"])
def test_racing_approve_and_reject_on_postgresql_exactly_one_wins(pg_url, tmp_path, smtp_server, first):
    """Two reviewers, two sessions, both read the draft `pending`; one writes first and commits
    half a second later, while the other's write waits for the row. Exactly one succeeds."""
    settings = make_settings(pg_url, smtp_server.port)
    upgrade(pg_url)
    engine = make_engine(pg_url)
    try:
        draft = new_draft(engine, settings, approve=False)
        both_read, first_wrote = threading.Barrier(2), threading.Event()

        def review(action: str):
            with Session(engine, expire_on_commit=False) as session:
                mine = session.get(Draft, draft.id)
                assert mine.status == "pending"
                both_read.wait(10)
                if action != first:
                    assert first_wrote.wait(10)
                try:
                    if action == "approve":
                        result = approve_draft(session, mine, "amal")
                    else:
                        result = reject_draft(session, mine, "badr", "not this one")
                except DraftStateError as exc:
                    result = exc
                if action == first:
                    session.flush()  # the row is now locked by this transaction
                    first_wrote.set()
                    time.sleep(0.5)  # the other reviewer's write waits for the row meanwhile
                session.commit()
                return result

        with ThreadPoolExecutor(2) as pool:
            futures = {action: pool.submit(review, action) for action in ("approve", "reject")}
            results = {action: future.result(timeout=30) for action, future in futures.items()}
        other = "reject" if first == "approve" else "approve"
        assert results[first] is True
        assert isinstance(results[other], DraftStateError) and "meanwhile" in str(results[other])
        final = row(engine, draft.id)
        assert final.status == ("approved" if first == "approve" else "rejected")
        notes = trail(engine, draft.ticket_id, kinds=("draft",))
        assert notes[1:] == ["draft approved" if first == "approve" else "draft rejected: not this one"]
        outcome = send_draft(engine, draft.id, settings)
        assert outcome == ("sent" if first == "approve" else "not_approved")
        time.sleep(0.5)
        assert smtp_server.deliveries(draft.message_id) == (1 if first == "approve" else 0)
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_reviewer_acting_on_what_they_read_cannot_undo_the_other(request, tmp_path, smtp_server, backend):
    """Badr read the draft `pending`; Amal approved it since. Badr's reject, written from what
    he read, is refused (it would have withdrawn an approval he never saw); and Amal's approve,
    had she read before Badr rejected, likewise."""
    url = f"sqlite:///{tmp_path / 'md.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    settings = make_settings(url, smtp_server.port)
    upgrade(url)
    engine = make_engine(url)
    try:
        for winner, loser in (("approve", "reject"), ("reject", "approve")):
            draft = new_draft(engine, settings, approve=False)
            with Session(engine, expire_on_commit=False) as late:
                stale = late.get(Draft, draft.id)
                late.commit()  # what was read stays on screen; the transaction is over
                with Session(engine) as early:
                    mine = early.get(Draft, draft.id)
                    assert (approve_draft(early, mine, "amal") if winner == "approve"
                            else reject_draft(early, mine, "amal")) is True
                    early.commit()
                with pytest.raises(DraftStateError, match="meanwhile"):
                    approve_draft(late, stale, "badr") if loser == "approve" else reject_draft(late, stale, "badr")
                late.rollback()
            assert row(engine, draft.id).status == ("approved" if winner == "approve" else "rejected")
            assert trail(engine, draft.ticket_id, kinds=("draft",))[1:] == [
                "draft approved" if winner == "approve" else "draft rejected"]
    finally:
        engine.dispose()
