"""Prometheus metrics: the exporter scraped over HTTP after a real ingest run (Dovecot → poller
→ Redis → Celery worker → SMTP), and the collector's arithmetic on hand-made rows, on SQLite
and PostgreSQL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func
from sqlmodel import Session, select

from harness import free_port, wait_until
from mediadesk import metrics
from mediadesk.mailgen import expected_threads, generate
from mediadesk.storage import db
from mediadesk.storage.db import make_engine
from mediadesk.storage.models import Draft, InboundMessage, Ticket, TicketEvent, utcnow

MEDIADESK = Path(sys.executable).parent / "mediadesk"
AUTO_SEND = ["interview_request", "information_request", "media_assets", "event_accreditation",
             "correction_complaint", "partnership_speaking", "general"]


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, ((label, value), ...)): value} from a text exposition."""
    found = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            found[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return found


def value(found: dict, name: str, **labels) -> float:
    return found[(name, tuple(sorted(labels.items())))]


def scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        assert response.status == 200
        return response.read().decode()


@pytest.mark.integration
def test_scrape_after_a_real_ingest_run_finds_the_expected_counts(mediadesk_env, mediadesk_cli, smtp_server,
                                                                   worker_factory, dovecot, imap_account, tmp_path):
    env = {**mediadesk_env, **smtp_server.env(), "MEDIADESK_POLL_INTERVAL": "2",
           "MEDIADESK_AUTO_SEND_CATEGORIES": json.dumps(AUTO_SEND)}
    assert mediadesk_cli("db", "upgrade", env=env).returncode == 0
    generated = generate(24, seed=21, min_kb=2, max_kb=6)
    threads = expected_threads(generated)
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generated])
    worker_factory(env)
    procs = []
    try:
        for name, args in (("poller", ["poll"]), ("exporter", ["metrics", "--port", str(port := free_port()),
                                                                "--min-interval", "0"])):
            log = open(tmp_path / f"{name}.log", "wb")
            procs.append(subprocess.Popen([str(MEDIADESK), *args], env=env, cwd=tmp_path, stdout=log,
                                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL))
            log.close()
        engine = metrics.read_engine(env["MEDIADESK_DATABASE_URL"])  # reads never take SQLite's write lock

        def settled():
            with Session(engine) as s:
                done = s.exec(select(func.count()).select_from(InboundMessage).where(InboundMessage.state == "done")).one()
                untriaged = s.exec(select(func.count()).select_from(Ticket).where(Ticket.triaged_at.is_(None))).one()
                in_flight = s.exec(select(func.count()).select_from(Draft)
                                   .where(Draft.status.in_(("approved", "sending")))).one()
            return done == 24 and untriaged == 0 and in_flight == 0

        wait_until(settled, 240, interval=0.5, what="24 messages ingested, triaged and acknowledged")
        with Session(engine) as s:
            by_category = dict(s.exec(select(Ticket.category, func.count()).group_by(Ticket.category)).all())
            drafts = s.exec(select(func.count()).select_from(Draft)).one()
            sent = s.exec(select(func.count()).select_from(Draft).where(Draft.status == "sent")).one()
        engine.dispose()

        text = wait_until(lambda: _try_scrape(port), 30, interval=0.2, what="the exporter to answer")
        found = samples(text)
        mailbox = f"{imap_account.user}@{imap_account.host}/INBOX"
        assert value(found, "mediadesk_messages_ingested_total", mailbox=mailbox) == 24
        assert value(found, "mediadesk_inbound_messages", state="done") == 24
        assert value(found, "mediadesk_inbound_messages", state="pending") == 0
        assert value(found, "mediadesk_inbound_messages", state="parked") == 0
        assert sum(v for (name, _), v in found.items() if name == "mediadesk_tickets") == threads
        for category, n in by_category.items():
            assert value(found, "mediadesk_triaged_tickets", category=category) == n
        assert sum(v for (name, _), v in found.items() if name == "mediadesk_triaged_tickets") == threads
        assert value(found, "mediadesk_drafts_created_total") == drafts > 0
        # Every acknowledgement the SMTP sink received is counted, and nothing else.
        assert sent > 0 and len(smtp_server.messages) == sent
        assert value(found, "mediadesk_send_attempts_total", outcome="sent") == sent
        assert value(found, "mediadesk_send_attempts_total", outcome="failed") == 0
        assert value(found, "mediadesk_ingest_latency_seconds_count") == 24
        assert value(found, "mediadesk_ingest_latency_seconds_bucket", le="+Inf") == 24
        assert 0 < value(found, "mediadesk_ingest_latency_seconds_sum") < 24 * 240
        assert value(found, "mediadesk_queue_depth") == 0
        assert value(found, "mediadesk_pollers") == 1
        assert value(found, "mediadesk_up", component="database") == 1
        assert value(found, "mediadesk_up", component="redis") == 1
        print(f"\nscraped after 24 messages → {threads} tickets, {drafts} drafts, {sent} sent; "
              f"latency sum {value(found, 'mediadesk_ingest_latency_seconds_sum'):.1f}s")
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert procs[1].returncode == 0  # the exporter stops cleanly on SIGTERM


def _try_scrape(port: int) -> str | None:
    try:
        return scrape(port)
    except OSError:
        return None


def _seed(url: str) -> None:
    """Rows with known latencies, states, statuses, drafts and send events."""
    db.upgrade(url)
    engine = make_engine(url)
    now = utcnow()
    with Session(engine) as s:
        for i, latency in enumerate((0.3, 3.0, 45.0, 7200.0)):
            s.add(InboundMessage(sha256=f"{i:064d}", raw=b"x", mailbox="media@x/INBOX", state="done",
                                 received_at=now - timedelta(hours=3), processed_at=now - timedelta(hours=3)
                                 + timedelta(seconds=latency)))
        s.add(InboundMessage(sha256="p" * 64, raw=b"x", mailbox="presse@x/INBOX", state="pending", attempts=2,
                             received_at=now - timedelta(seconds=600)))
        s.add(InboundMessage(sha256="q" * 64, raw=b"x", mailbox="media@x/INBOX", state="parked", attempts=5))
        tickets = [Ticket(ref=f"MR-{i}", subject="s", status=st, category=cat, triaged_at=now if cat else None,
                          due_at=due)
                   for i, (st, cat, due) in enumerate([("triaged", "interview_request", now - timedelta(hours=1)),
                                                       ("acknowledged", "interview_request", None),
                                                       ("ignored", "automated", None),
                                                       ("new", None, None)], start=1)]
        s.add_all(tickets)
        s.flush()
        for t, status in zip(tickets[:3], ("sent", "failed", "pending")):
            s.add(Draft(ticket_id=t.id, status=status, to_email="a@b", subject="s", body_text="b"))
        for note, outcome in (("acknowledgement sent to a@b (<1@x>)", "sent"), ("send deferred (attempt 1): 421", "deferred"),
                              ("send failed: 550 no", "failed"), ("send outcome uncertain: lost", "uncertain"),
                              ("acknowledgement confirmed delivered by a human to a@b", "sent")):
            s.add(TicketEvent(ticket_id=tickets[0].id, kind="send", note=note, outcome=outcome))
        s.add(TicketEvent(ticket_id=tickets[0].id, kind="note", note="send failed: not a send event"))
        s.commit()
    engine.dispose()


def _check_seeded(url: str) -> None:
    registry = metrics.registry_for(url, None, min_interval=0)
    found = samples(metrics.render(registry).decode())
    assert value(found, "mediadesk_messages_ingested_total", mailbox="media@x/INBOX") == 4
    assert value(found, "mediadesk_inbound_messages", state="parked") == 1
    assert value(found, "mediadesk_inbound_retrying") == 1
    assert 590 <= value(found, "mediadesk_oldest_pending_seconds") < 900
    assert value(found, "mediadesk_tickets", status="triaged") == 1
    assert value(found, "mediadesk_triaged_tickets", category="interview_request") == 2
    assert value(found, "mediadesk_triaged_tickets", category="automated") == 1
    assert value(found, "mediadesk_tickets_overdue") == 1
    assert value(found, "mediadesk_drafts_created_total") == 3
    assert value(found, "mediadesk_drafts", status="failed") == 1
    assert {o: value(found, "mediadesk_send_attempts_total", outcome=o)
            for o in ("sent", "deferred", "failed", "uncertain")} == {"sent": 2, "deferred": 1, "failed": 1,
                                                                       "uncertain": 1}
    buckets = {le: value(found, "mediadesk_ingest_latency_seconds_bucket", le=le)
               for le in ("0.25", "0.5", "5.0", "30.0", "60.0", "3600.0", "14400.0", "+Inf")}
    assert buckets == {"0.25": 0, "0.5": 1, "5.0": 2, "30.0": 2, "60.0": 3, "3600.0": 3, "14400.0": 4, "+Inf": 4}
    assert value(found, "mediadesk_ingest_latency_seconds_sum") == pytest.approx(7248.3, abs=0.5)
    assert value(found, "mediadesk_up", component="database") == 1


def test_collector_arithmetic_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    _seed(url)
    _check_seeded(url)


@pytest.mark.postgres
def test_collector_arithmetic_on_postgresql(pg_url):
    _seed(pg_url)
    try:
        _check_seeded(pg_url)
    finally:
        db.engine_for(pg_url).dispose()


def test_unreachable_database_and_redis_are_reported_not_raised(tmp_path):
    registry = metrics.registry_for("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "redis://127.0.0.1:1/0",
                                    min_interval=0)
    started = time.monotonic()
    found = samples(metrics.render(registry).decode())
    assert time.monotonic() - started < 30
    assert value(found, "mediadesk_up", component="database") == 0
    assert value(found, "mediadesk_up", component="redis") == 0
