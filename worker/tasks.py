"""Celery tasks: thin shells that call the pipeline (worker/pipeline.py), the sweeps or sending, and enqueue what follows."""

from __future__ import annotations

from functools import lru_cache

import structlog
from sqlalchemy.exc import DBAPIError, OperationalError

from mediadesk import logs
from mediadesk.backoff import backoff
from mediadesk.metrics import record_beat
from mediadesk.settings import get_settings
from mediadesk.storage.db import engine_for
from mediadesk.worker import pipeline, sweeps
from mediadesk.worker.app import app

log = structlog.get_logger("mediadesk.tasks")

# Worth retrying: the database or Redis is away for a moment.
TRANSIENT: tuple[type[BaseException], ...] = (OperationalError, ConnectionError, TimeoutError)
try:
    import redis.exceptions

    TRANSIENT += (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
except ImportError:  # pragma: no cover
    pass
MAX_TRANSIENT_RETRIES = 30


def _is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TRANSIENT) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


@lru_cache(maxsize=1)
def _limiter():
    settings = get_settings()
    try:
        from mediadesk.worker.drafting import RedisAckLimiter

        return RedisAckLimiter(settings.redis_url, settings.ack_rate_limit, settings.ack_rate_window_seconds)
    except Exception:  # no Redis: drafting falls back to counting drafts in the database
        return None


def _engine():
    return engine_for(get_settings().database_url)


# A soft time limit turns a message that hangs the parser into a counted failure (and, after
# MEDIADESK_MAX_ATTEMPTS, a parked message) instead of a worker held forever.
@app.task(bind=True, name="mediadesk.ingest", max_retries=None, soft_time_limit=300, time_limit=360)
def ingest(self, inbound_id: int) -> int | None:
    """Inbound message → ticket (→ triage → draft for a new ticket)."""
    logs.bind(task="ingest", inbound_id=inbound_id)  # every event of this task carries the id
    settings = get_settings()
    # A first run counts the delivery before any work: a message that kills the worker is parked
    # after MEDIADESK_MAX_ATTEMPTS deliveries. Our own retries (after an error we saw) count there.
    first = self.request.retries == 0
    if first and not pipeline.deliver(_engine(), [inbound_id], settings.max_attempts).process:
        return None  # parked now, or done already
    try:
        result = pipeline.process_inbound(_engine(), inbound_id, settings, limiter=_limiter(),
                                          enqueue_send=lambda draft_id: send.delay(draft_id))
        return result.ticket_id
    except Exception as exc:
        if _is_transient(exc) and self.request.retries < MAX_TRANSIENT_RETRIES:
            # Left pending if this runs out: the sweep re-enqueues it later.
            raise self.retry(exc=exc, countdown=backoff(self.request.retries, cap=30))
        if _is_transient(exc):
            raise
        parked = pipeline.record_failure(_engine(), inbound_id, exc, settings.max_attempts, counted=first)
        if parked:
            log.error("parked", inbound_id=inbound_id, error=str(exc)[:300])
            return None
        raise self.retry(exc=exc, countdown=backoff(self.request.retries, cap=30))


@app.task(bind=True, name="mediadesk.ingest_batch", max_retries=MAX_TRANSIENT_RETRIES, soft_time_limit=600,
          time_limit=720)
def ingest_batch(self, inbound_ids: list[int]) -> int:
    """Several stored messages → tickets in one transaction (the backlog path).

    A batch handed to a worker before that never finished it (the process died: a message too
    large for its memory, say), and any failure other than a passing outage, hands each message
    to its own ``ingest`` task, which counts deliveries and attempts and parks the one that
    fails: a poison message never holds back the rest of its batch, and nothing is written
    twice (ingest skips what is done).
    """
    logs.bind(task="ingest_batch", inbound_ids=f"{inbound_ids[0]}..{inbound_ids[-1]}" if inbound_ids else "")
    settings = get_settings()
    if self.request.retries == 0:
        seen = pipeline.deliver(_engine(), inbound_ids, settings.max_attempts, unless_redelivered=True)
        if seen.redelivered:
            log.warning("batch_split", count=len(seen.process), error="delivered before and never finished")
            for inbound_id in seen.process:
                ingest.delay(inbound_id)
            return 0
        inbound_ids = seen.process
    try:
        results = pipeline.process_batch(_engine(), inbound_ids, settings, limiter=_limiter(),
                                         enqueue_send=lambda draft_id: send.delay(draft_id))
        return len(results)
    except Exception as exc:
        if _is_transient(exc) and self.request.retries < MAX_TRANSIENT_RETRIES:
            raise self.retry(exc=exc, countdown=backoff(self.request.retries, cap=30))
        log.warning("batch_split", count=len(inbound_ids), error=f"{type(exc).__name__}: {exc}"[:300])
        for inbound_id in inbound_ids:
            ingest.delay(inbound_id)
        return 0


@app.task(bind=True, name="mediadesk.triage", max_retries=10)
def triage(self, ticket_id: int) -> None:
    """Re-run triage and drafting for a ticket (reprocess, or a sweep after a crash)."""
    logs.bind(task="triage", ticket_id=ticket_id)
    try:
        draft_id = pipeline.triage_and_draft(_engine(), ticket_id, get_settings(), limiter=_limiter())
    except Exception as exc:
        if _is_transient(exc):
            raise self.retry(exc=exc, countdown=backoff(self.request.retries, cap=30))
        raise
    if draft_id is not None:
        send.delay(draft_id)


@app.task(bind=True, name="mediadesk.send", max_retries=8)
def send(self, draft_id: int) -> str:
    """Deliver an approved acknowledgement, at most once."""
    from mediadesk.worker.sending import TransientSendError, send_draft

    logs.bind(task="send", draft_id=draft_id)
    try:
        return send_draft(_engine(), draft_id, get_settings())
    except TransientSendError as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries, base=5, cap=300))


@app.task(name="mediadesk.sweep")
def sweep() -> dict:
    """Re-enqueue what was stored but never processed (the outbox sweep)."""
    record_beat(get_settings().redis_url)  # beat is alive: `mediadesk doctor` checks the age
    inbound_ids, ticket_ids = sweeps.stale_work(_engine(), get_settings())
    enqueue_ingest(inbound_ids)
    for ticket_id in ticket_ids:
        triage.delay(ticket_id)
    draft_ids = sweeps.unsent_approved(_engine(), get_settings())
    for draft_id in draft_ids:
        send.delay(draft_id)
    if inbound_ids or ticket_ids or draft_ids:
        log.info("sweep", inbound=len(inbound_ids), tickets=len(ticket_ids), drafts=len(draft_ids))
    return {"inbound": len(inbound_ids), "tickets": len(ticket_ids), "drafts": len(draft_ids)}


@app.task(name="mediadesk.sla_sweep")
def sla_sweep() -> list[str]:
    """Notify: record the overdue event once per open ticket past its due time (readers compute
    overdue themselves)."""
    return sweeps.mark_overdue(_engine())


def enqueue_ingest(inbound_ids: list[int]) -> None:
    """Hand stored messages to the workers (used by the poller, imports and the sweep).

    In chunks of MEDIADESK_INGEST_BATCH, so that a backlog costs one transaction per chunk
    and two workers still share a fetched batch; a single new message goes alone.
    """
    size = get_settings().ingest_batch
    for start in range(0, len(inbound_ids), size):
        chunk = list(inbound_ids[start:start + size])
        if len(chunk) == 1:
            ingest.delay(chunk[0])
        else:
            ingest_batch.delay(chunk)
