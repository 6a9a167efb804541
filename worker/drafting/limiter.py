"""The per-sender acknowledgement rate limit: a sliding window in Redis, or the database.

Redis keeps one sorted set per sender (member = one acknowledgement, score = its time); a Lua
script trims the window, counts and adds in one atomic step, so a burst of concurrent workers
cannot overshoot. When Redis is unreachable the caller passes no limiter and drafting counts
the drafts to that sender in the database instead (``count_recent_drafts``).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from mediadesk.storage.models import Draft, utcnow

# KEYS[1] = the sender's set; ARGV = now (ms), window (ms), limit, member.
_ALLOW_LUA = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""
# The same for several senders in turn, in one round trip: ARGV = now, window, limit, members.
_RESERVE_LUA = """
local granted = {}
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[1] - ARGV[2])
  if redis.call('ZCARD', key) >= tonumber(ARGV[3]) then
    granted[i] = 0
  else
    redis.call('ZADD', key, ARGV[1], ARGV[3 + i])
    redis.call('PEXPIRE', key, ARGV[2])
    granted[i] = 1
  end
end
return granted
"""


class RedisAckLimiter:
    """At most ``limit`` acknowledgements per sender in ``window_seconds`` (0 = no limit).

    Raises redis errors from ``allow`` when Redis fails mid-way; ``create_draft`` then falls
    back to the database count.
    """

    def __init__(self, redis_url: str, limit: int, window_seconds: int, *, prefix: str = "mediadesk:ack:",
                 client=None) -> None:
        import redis

        self.limit = limit
        self.window_ms = int(window_seconds * 1000)
        self.prefix = prefix
        self.client = client or redis.Redis.from_url(redis_url, socket_timeout=5, socket_connect_timeout=5)
        self._allow = self.client.register_script(_ALLOW_LUA)
        self._reserve = self.client.register_script(_RESERVE_LUA)

    def key(self, sender: str) -> str:
        # Hashed: addresses are personal data and may hold characters awkward in keys.
        return self.prefix + hashlib.sha256(sender.strip().lower().encode()).hexdigest()[:32]

    def allow(self, sender: str) -> bool:
        """Count one acknowledgement to ``sender`` if it is within the limit; atomic."""
        if self.limit <= 0:
            return True
        now_ms = int(time.time() * 1000)
        member = f"{now_ms}-{secrets.token_hex(6)}"
        return bool(self._allow(keys=[self.key(sender)], args=[now_ms, self.window_ms, self.limit, member]))

    def reserve(self, senders: list[str]) -> "Reservations":
        """Count one acknowledgement to each of ``senders`` in turn, as ``allow`` would, in one
        round trip: a batch does this before its write transaction instead of once per draft
        inside it."""
        now_ms = int(time.time() * 1000)
        members = [f"{now_ms}-{secrets.token_hex(6)}" for _ in senders]
        keys = [self.key(s) for s in senders]
        if self.limit <= 0:
            granted = [1] * len(senders)
        else:
            granted = self._reserve(keys=keys, args=[now_ms, self.window_ms, self.limit, *members])
        return Reservations(self, list(zip(keys, members, map(bool, granted))))

    def release(self, held: list[tuple[str, str]]) -> None:
        """Give back counted acknowledgements (key, member) that were never drafted."""
        if held:
            pipe = self.client.pipeline(transaction=False)
            for key, member in held:
                pipe.zrem(key, member)
            pipe.execute()

    def reset(self, sender: str) -> None:
        self.client.delete(self.key(sender))


class Reservations:
    """A batch's acknowledgements counted ahead (``RedisAckLimiter.reserve``), used as the
    limiter while the batch is written: ``allow`` answers from them in order, and asks Redis
    only about a sender not reserved for. ``release`` gives back those not drafted (a message
    that joined an existing ticket, or a rolled-back batch), so they do not count."""

    def __init__(self, limiter: RedisAckLimiter, held: list[tuple[str, str, bool]]) -> None:
        self.limiter = limiter
        self._queues: dict[str, list[tuple[str, bool]]] = {}
        for key, member, granted in held:
            self._queues.setdefault(key, []).append((member, granted))
        self._used: list[tuple[str, str]] = []

    def allow(self, sender: str) -> bool:
        key = self.limiter.key(sender)
        queue = self._queues.get(key)
        if not queue:
            return self.limiter.allow(sender)
        member, granted = queue.pop(0)
        if granted:
            self._used.append((key, member))
        return granted

    def release(self, *, used_too: bool = False) -> None:
        """Give back the reservations not used (and, with ``used_too``, those used as well)."""
        unused = [(key, member) for key, queue in self._queues.items() for member, granted in queue if granted]
        self._queues = {}
        if used_too:
            unused, self._used = unused + self._used, []
        try:
            self.limiter.release(unused)
        except Exception:  # Redis went away: they expire with the window
            pass


def count_recent_drafts(session: Session, sender: str, window_seconds: int) -> int:
    """Acknowledgements addressed to ``sender`` created within the window (the fallback count;
    a reply with a statement is a human's decision, not counted)."""
    since = utcnow() - timedelta(seconds=window_seconds)
    query = select(func.count()).select_from(Draft).where(
        func.lower(Draft.to_email) == sender.strip().lower(), Draft.created_at >= since, Draft.kind == "ack")
    return int(session.exec(query).one())
