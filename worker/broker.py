"""The Redis broker transport, hardened against a worker crash when Redis goes away.

When the worker loses Redis, Celery tears the connection down in two steps: ``collect()``
detaches the transport from its connection (``client = None``) and can leave a channel open;
``close()`` then closes that channel, whose last act is to put the worker's unacknowledged
messages back on the queue. With the transport detached, kombu's Redis channel cannot build a
connection pool and raises ``AttributeError`` instead of a connection error, which Celery
treats as unrecoverable: the worker exits instead of reconnecting. (Seen under load, about one
Redis restart in six; tests/test_broker.py builds that state directly.)

This channel reports that state as the connection error it is, so Celery goes on to reconnect.
The unacknowledged messages are not lost: kombu keeps them in Redis itself (restored after the
visibility timeout), and the outbox sweep re-enqueues anything stored but never processed.
"""

from __future__ import annotations

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(kombu_redis.Channel):
    def _connparams(self, asynchronous: bool = False) -> dict:
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("the broker connection was closed after a connection loss")
        return super()._connparams(asynchronous=asynchronous)


class Transport(kombu_redis.Transport):
    Channel = Channel


TRANSPORT = f"{__name__}:Transport"


def transport_for(url: str) -> str | None:
    """The transport for ``url``: this one for redis:// and rediss://, kombu's own otherwise
    (sentinel:// and the rest keep their transport)."""
    scheme = url.partition("://")[0].lower()
    return TRANSPORT if scheme in ("redis", "rediss") else None
