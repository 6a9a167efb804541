"""End to end on real servers: Dovecot → `mediadesk poll` → Redis → Celery worker → tickets.

Each test appends mail over IMAP to a fresh Dovecot user, runs the real poller and worker
processes, and checks the database: every message stored once, every thread one ticket.
"""

from __future__ import annotations

import signal
import time
from email.message import EmailMessage
from email.utils import make_msgid

import pytest

from harness.stack import Stack
from mediadesk.mailgen import expected_threads, generate

pytestmark = pytest.mark.integration


def assert_threads(stack: Stack, generated) -> None:
    """Every generated message sits, once, on the ticket of its thread's first message."""
    tickets_of = stack.thread_map()
    assert len(tickets_of) == len(generated)
    for message in generated:
        [ticket] = tickets_of[message.message_id]
        assert [ticket] == tickets_of[generated[message.thread].message_id], message.message_id


def all_in(n_inbound: int, n_tickets: int):
    return lambda c: c["inbound"] == n_inbound and c["done"] == n_inbound and c["tickets"] == n_tickets \
        and c["triaged"] == n_tickets


def test_200_messages_become_exactly_the_expected_tickets_and_restarts_add_nothing(stack, dovecot, imap_account):
    generated = generate(200, seed=11, min_kb=2, max_kb=12)
    expected = expected_threads(generated)
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generated])
    stack.start_worker()
    stack.start_poller()
    started = time.monotonic()
    counts = stack.wait(all_in(200, expected), what="200 messages ingested")
    print(f"\n200 messages → {expected} tickets in {time.monotonic() - started:.1f}s: {counts}")
    assert_threads(stack, generated)
    for _ in range(2):  # restart the poller twice, then sweep: nothing new may appear
        stack.stop_pollers()
        stack.start_poller()
        time.sleep(3)
    swept = stack.cli("sweep", "--grace", "0")
    assert swept.returncode == 0, swept.stderr
    time.sleep(3)
    assert stack.counts() == counts


def _inquiry(sender: str, subject: str, *, body: str = "Could you send me the report's figures?") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "media@gims.example", subject
    msg["Message-ID"] = make_msgid(domain="outlet.example")
    msg["Date"] = "Tue, 24 Nov 2026 10:00:00 +0300"
    msg.set_content(body)
    return msg.as_bytes()


def test_tagged_reply_and_reopening_over_imap(stack, dovecot, imap_account):
    stack.start_worker()
    stack.start_poller()
    dovecot.append(imap_account.user, "INBOX", [_inquiry("Nadia <nadia@ledger.example>", "Figures for the report")])
    stack.wait(all_in(1, 1), timeout=60, what="first inquiry")
    for status in ("resolved", "closed"):
        assert stack.cli("status", "MR-1", status).returncode == 0
    # Only the tag links this reply: no In-Reply-To, no References.
    dovecot.append(imap_account.user, "INBOX", [_inquiry("nadia@ledger.example", "One more question [MR-1]",
                                                         body="And the 2025 figures?")])
    stack.wait(all_in(2, 1), timeout=60, what="tagged reply on MR-1")
    shown = stack.cli("show", "MR-1", "--json")
    import json

    detail = json.loads(shown.stdout)
    assert detail["status"] == "in_progress" and len(detail["messages"]) == 2
    assert any(e["from"] == "closed" and e["to"] == "in_progress" and e["actor"] == "system" for e in detail["events"])


def test_poller_killed_between_commit_and_enqueue_loses_nothing(stack, dovecot, imap_account):
    generated = generate(60, seed=12, min_kb=2, max_kb=6)
    expected = expected_threads(generated)
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generated])
    stack.start_worker()
    crashed = stack.start_poller(MEDIADESK_FAULT_POINT="after_commit", MEDIADESK_FETCH_BATCH="20")
    assert crashed.wait(60) == -signal.SIGKILL
    stored = stack.counts()
    assert stored["inbound"] == 20 and stored["done"] == 0  # stored, never enqueued
    stack.start_poller(MEDIADESK_FETCH_BATCH="20")  # carries on from the cursor
    stack.wait(lambda c: c["inbound"] == 60 and c["done"] == 40, timeout=120, what="the other 40")
    assert stack.cli("sweep", "--grace", "0").returncode == 0  # the outbox sweep finds the 20
    counts = stack.wait(all_in(60, expected), timeout=120, what="swept messages")
    assert counts["messages"] == 60
    assert_threads(stack, generated)


def test_worker_killed_mid_batch_loses_and_duplicates_nothing(stack, dovecot, imap_account):
    # Enough work (about a second at full speed) that the kill lands mid-way; looked at often.
    n = 500
    generated = generate(n, seed=13, min_kb=2, max_kb=8)
    expected = expected_threads(generated)
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generated])
    worker = stack.start_worker()
    stack.start_poller()
    stack.wait(lambda c: c["done"] >= 30, timeout=120, what="a first part of the batch", interval=0.02)
    worker.kill(signal.SIGKILL)
    at_kill = stack.counts()
    assert at_kill["done"] < n, "the worker finished before it could be killed; the test proves nothing"
    worker.restart()
    assert stack.cli("sweep", "--grace", "0").returncode == 0
    counts = stack.wait(all_in(n, expected), what="recovery after SIGKILL")
    print(f"\nkilled the worker at {at_kill['done']}/{n}; after restart + sweep: {counts}")
    assert counts["messages"] == n
    assert_threads(stack, generated)


def test_idle_push_turns_a_message_into_a_ticket_well_before_the_poll_interval(stack, dovecot, imap_account):
    stack.env["MEDIADESK_POLL_INTERVAL"] = "60"
    stack.start_worker()
    stack.start_poller()
    dovecot.append(imap_account.user, "INBOX", [_inquiry("warm@up.example", "Warm-up")])
    stack.wait(all_in(1, 1), timeout=60, what="warm-up message")
    time.sleep(1.0)  # the poller is idling now
    latencies = []
    for i in range(3):
        sent = time.monotonic()
        dovecot.append(imap_account.user, "INBOX", [_inquiry(f"r{i}@radio.example", f"Live interview {i}")])
        stack.wait(all_in(i + 2, i + 2), timeout=30, what="pushed message")
        latencies.append(time.monotonic() - sent)
    print(f"\nIDLE push, append → triaged ticket: {', '.join(f'{x:.2f}s' for x in latencies)} (poll interval 60s)")
    assert max(latencies) < 10


@pytest.mark.postgres
def test_pipeline_on_postgresql(stack_factory, pg_url, dovecot, imap_account):
    stack = stack_factory(MEDIADESK_DATABASE_URL=pg_url, MEDIADESK_FETCH_BATCH="200")
    try:
        generated = generate(80, seed=14, min_kb=2, max_kb=8)
        expected = expected_threads(generated)
        dovecot.append(imap_account.user, "INBOX", [m.raw for m in generated])
        stack.start_worker()
        stack.start_poller()
        stack.wait(all_in(80, expected), what="80 messages on PostgreSQL")
        assert_threads(stack, generated)
        listed = stack.cli("list", "--all", "--json")
        import json

        assert len(json.loads(listed.stdout)) == expected
    finally:
        stack.close()
