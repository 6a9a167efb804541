"""Prometheus metrics, computed from the database and Redis at scrape time.

Celery runs prefork workers on any number of hosts, so in-process counters would each see a
slice. Every number here is read from the shared state instead (``mediadesk metrics`` serves
them), which is correct across processes and hosts and survives restarts.
"""

from __future__ import annotations

import time

BEAT_KEY = "mediadesk:beat:last"


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
