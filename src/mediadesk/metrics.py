"""Prometheus metrics, computed from the database and Redis at scrape time.

Celery runs prefork workers on any number of hosts, so in-process counters would each see a
slice of the work and lose it on restart. Every number here is read from the shared state
instead: ``mediadesk metrics`` serves them over HTTP (127.0.0.1:9464 by default), and they
are right however many workers, pollers and hosts there are.

Counters (``*_total``) are counts of rows that only ever grow (inbound messages processed,
drafts created, send attempts recorded in the audit trail); gauges are current states.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.parse
from functools import lru_cache
from typing import Iterable, Iterator

BEAT_KEY = "mediadesk:beat:last"
QUEUE = "mediadesk"
# kombu's Redis transport keeps one list per priority step: "mediadesk", "mediadesk\x06\x163", ...
QUEUE_KEYS = [QUEUE] + [f"{QUEUE}\x06\x16{p}" for p in (3, 6, 9)]
POLLER_LOCK_PREFIX = "mediadesk:poller:"

# Seconds from the poller storing a message (received_at) to the worker turning it into a
# ticket message (processed_at).
LATENCY_BUCKETS = (0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 86400)

# The outcomes of send attempts as the audit trail records them (``TicketEvent.outcome``, kind
# "send"; worker/sending.py). "late": an outcome reported after the draft had moved on.
SEND_OUTCOMES = ("sent", "deferred", "failed", "uncertain", "late")


def record_beat(redis_url: str) -> None:
    """Note in Redis that the beat-scheduled sweep ran now (``doctor`` checks its age).

    Never raises: a heartbeat must not fail the sweep it rides on.
    """
    try:
        import redis

        client = redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
        client.set(BEAT_KEY, f"{time.time():.3f}", ex=7 * 86400)
    except Exception:
        pass


def beat_age(redis_client) -> float | None:
    """Seconds since the last sweep heartbeat, or None when there has been none."""
    raw = redis_client.get(BEAT_KEY)
    if not raw:
        return None
    try:
        return max(0.0, time.time() - float(raw))
    except ValueError:
        return None


def queue_depth(redis_client) -> int:
    """Tasks waiting in the mediadesk queue (all priority lists)."""
    return sum(int(redis_client.llen(key)) for key in QUEUE_KEYS)


@lru_cache(maxsize=4)
def read_engine(url: str):
    """An engine for reading only. On SQLite it opens the file read-only and never takes the
    write lock (the product's engines begin every transaction IMMEDIATE), so scrapes and health
    checks cannot hold up the workers; elsewhere it is the shared engine."""
    from sqlalchemy.engine import make_url

    if not url.startswith("sqlite"):
        from mediadesk.storage.db import engine_for

        return engine_for(url)
    import sqlite3

    from sqlmodel import create_engine

    path = make_url(url).database
    if not path or path == ":memory:":
        raise ValueError("an in-memory SQLite database cannot be read from another connection")
    if not os.path.exists(path):
        raise FileNotFoundError(f"no database file at {path}")
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, timeout=30,
                                                                      check_same_thread=False))


# --------------------------------------------------------------------------- the collector


def _latency_seconds(dialect: str):
    from sqlalchemy import extract, func

    from mediadesk.storage.models import InboundMessage as IM

    if dialect == "sqlite":
        return (func.julianday(IM.processed_at) - func.julianday(IM.received_at)) * 86400.0
    return extract("epoch", IM.processed_at - IM.received_at)


class MediadeskCollector:
    """A prometheus_client collector reading the database and Redis on each scrape.

    Scrapes closer together than ``min_interval`` seconds get the previous answer, so a busy
    scraper cannot load the database.
    """

    def __init__(self, database_url: str, redis_url: str | None, *, min_interval: float = 5.0):
        self.database_url = database_url
        self.redis_url = redis_url
        self.min_interval = min_interval
        self._lock = threading.Lock()
        self._cached: list = []
        self._cached_at = float("-inf")

    def describe(self) -> Iterable:
        return []  # unchecked collector: families are built per scrape

    def collect(self) -> Iterator:
        with self._lock:
            if time.monotonic() - self._cached_at >= self.min_interval:
                self._cached = self._scrape()
                self._cached_at = time.monotonic()
            return iter(list(self._cached))

    # -- reading

    def _scrape(self) -> list:
        from prometheus_client.core import GaugeMetricFamily

        started = time.monotonic()
        families: list = []
        up = GaugeMetricFamily("mediadesk_up", "1 when the exporter could read this component", labels=["component"])
        try:
            families += self._database()
            up.add_metric(["database"], 1)
        except Exception as exc:
            up.add_metric(["database"], 0)
            _log_failure("database", exc)
        if self.redis_url:
            try:
                families += self._redis()
                up.add_metric(["redis"], 1)
            except Exception as exc:
                up.add_metric(["redis"], 0)
                _log_failure("redis", exc)
        families.append(up)
        took = GaugeMetricFamily("mediadesk_scrape_duration_seconds", "Time the exporter took to read everything")
        took.add_metric([], time.monotonic() - started)
        families.append(took)
        return families

    def _database(self) -> list:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
        from prometheus_client.utils import floatToGoString
        from sqlalchemy import case, func
        from sqlmodel import select

        from mediadesk.storage.db import read_scope
        from mediadesk.storage.models import Draft, InboundMessage as IM, Ticket, TicketEvent, utcnow
        from mediadesk.storage.repo import overdue_clause

        engine = read_engine(self.database_url)
        with read_scope(engine) as session:
            inbound = session.exec(select(IM.state, IM.mailbox, func.count()).group_by(IM.state, IM.mailbox)).all()
            retrying = session.exec(select(func.count()).select_from(IM)
                                    .where(IM.state == "pending", IM.attempts > 0)).one()
            oldest = session.exec(select(func.min(IM.received_at)).where(IM.state == "pending")).one()
            tickets = session.exec(select(Ticket.status, func.count()).group_by(Ticket.status)).all()
            categories = session.exec(select(Ticket.category, func.count()).where(Ticket.triaged_at.is_not(None))
                                      .group_by(Ticket.category)).all()
            overdue = session.exec(select(func.count()).select_from(Ticket).where(overdue_clause())).one()
            drafts = session.exec(select(Draft.status, func.count()).group_by(Draft.status)).all()
            sends = session.exec(select(TicketEvent.outcome, func.count())
                                 .where(TicketEvent.kind == "send", TicketEvent.outcome.is_not(None))
                                 .group_by(TicketEvent.outcome)).all()
            latency = _latency_seconds(engine.dialect.name)
            done = (IM.state == "done", IM.processed_at.is_not(None))
            row = session.exec(select(func.count(), func.coalesce(func.sum(latency), 0.0),
                                      *[func.coalesce(func.sum(case((latency <= le, 1), else_=0)), 0)
                                        for le in LATENCY_BUCKETS]).where(*done)).one()

        families = []
        ingested = CounterMetricFamily("mediadesk_messages_ingested", "Inbound messages turned into ticket messages",
                                       labels=["mailbox"])
        by_state = GaugeMetricFamily("mediadesk_inbound_messages", "Stored inbound messages by state "
                                     "(pending: waiting for a worker, done, parked: failed too often)", labels=["state"])
        states = {"pending": 0, "done": 0, "parked": 0}
        mailboxes: dict[str, int] = {}
        for state, mailbox, n in inbound:
            states[state] = states.get(state, 0) + n
            if state == "done":
                mailboxes[mailbox or ""] = mailboxes.get(mailbox or "", 0) + n
        for mailbox, n in sorted(mailboxes.items()):
            ingested.add_metric([mailbox], n)
        for state, n in sorted(states.items()):
            by_state.add_metric([state], n)
        families += [ingested, by_state]

        g = GaugeMetricFamily("mediadesk_inbound_retrying", "Pending inbound messages that already failed at least once")
        g.add_metric([], retrying)
        families.append(g)
        g = GaugeMetricFamily("mediadesk_oldest_pending_seconds", "Age of the oldest inbound message not processed yet "
                              "(0 when none)")
        g.add_metric([], _age(oldest, utcnow()))
        families.append(g)

        g = GaugeMetricFamily("mediadesk_tickets", "Tickets by status", labels=["status"])
        for status, n in sorted(tickets):
            g.add_metric([status], n)
        families.append(g)
        g = GaugeMetricFamily("mediadesk_triaged_tickets", "Triaged tickets by their current category", labels=["category"])
        for category, n in sorted(categories, key=lambda r: r[0] or ""):
            g.add_metric([category or "none"], n)
        families.append(g)
        g = GaugeMetricFamily("mediadesk_tickets_overdue", "Open tickets past their due time")
        g.add_metric([], overdue)
        families.append(g)

        created = CounterMetricFamily("mediadesk_drafts_created", "Acknowledgement drafts created")
        created.add_metric([], sum(n for _, n in drafts))
        g = GaugeMetricFamily("mediadesk_drafts", "Acknowledgement drafts by status", labels=["status"])
        for status, n in sorted(drafts):
            g.add_metric([status], n)
        families += [created, g]

        c = CounterMetricFamily("mediadesk_send_attempts", "SMTP send attempts by outcome (from the audit trail)",
                                labels=["outcome"])
        counts = {name: 0 for name in SEND_OUTCOMES}
        for name, n in sends:
            counts[name] = counts.get(name, 0) + n
        for name, n in sorted(counts.items()):
            c.add_metric([name], n)
        families.append(c)

        total, seconds, *cumulative = row
        buckets = [(floatToGoString(le), int(n)) for le, n in zip(LATENCY_BUCKETS, cumulative)]
        buckets.append(("+Inf", int(total)))
        families.append(HistogramMetricFamily(
            "mediadesk_ingest_latency_seconds", "Seconds from storing an inbound message to its ticket message",
            buckets=buckets, sum_value=float(seconds or 0.0)))
        return families

    def _redis(self) -> list:
        import redis
        from prometheus_client.core import GaugeMetricFamily

        client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=3, socket_timeout=3)
        families = []
        g = GaugeMetricFamily("mediadesk_queue_depth", "Tasks waiting in the mediadesk Celery queue")
        g.add_metric([], queue_depth(client))
        families.append(g)
        age = beat_age(client)
        if age is not None:
            g = GaugeMetricFamily("mediadesk_beat_age_seconds", "Seconds since beat's outbox sweep last ran")
            g.add_metric([], age)
            families.append(g)
        g = GaugeMetricFamily("mediadesk_pollers", "Mailboxes whose poller holds its lock")
        g.add_metric([], sum(1 for _ in client.scan_iter(match=POLLER_LOCK_PREFIX + "*", count=100)))
        families.append(g)
        return families


def _age(value, now) -> float:
    from datetime import timezone

    if value is None:
        return 0.0
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)  # SQLite hands back naive UTC
    return max(0.0, (now - value).total_seconds())


def _log_failure(component: str, exc: Exception) -> None:
    import structlog

    structlog.get_logger("mediadesk.metrics").warning("scrape_failed", component=component,
                                                      error=f"{type(exc).__name__}: {exc}"[:300])


def registry_for(database_url: str, redis_url: str | None, *, min_interval: float = 5.0):
    """A CollectorRegistry holding only mediadesk's collector."""
    from prometheus_client import CollectorRegistry

    registry = CollectorRegistry(auto_describe=False)
    registry.register(MediadeskCollector(database_url, redis_url, min_interval=min_interval))
    return registry


def render(registry) -> bytes:
    """The text exposition of ``registry`` (what a scrape returns)."""
    from prometheus_client import generate_latest

    return generate_latest(registry)


def serve(registry, host: str, port: int):
    """Serve ``registry`` on http://host:port/metrics in a background thread; returns the server."""
    from prometheus_client import start_http_server

    server, _thread = start_http_server(port, addr=host, registry=registry)
    return server
