"""The worker's Redis transport on a real redis-server: a broker loss must leave the worker
reconnecting, never exiting, and must lose no message."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import kombu
import pytest

from mediadesk.worker import broker

pytestmark = pytest.mark.integration


def _unacked_delivery(url: str, transport: str | None) -> tuple[kombu.Connection, object]:
    """A connection whose channel holds one delivered, unacknowledged message (a running task
    under late acks)."""
    conn = kombu.Connection(url, transport=transport)
    queue = kombu.Queue("mediadesk-broker-test", routing_key="mediadesk-broker-test")
    with conn.Producer() as producer:
        producer.publish({"inbound_ids": [1]}, routing_key=queue.routing_key, declare=[queue])
    channel = conn.default_channel
    message = channel.basic_get(queue.name, no_ack=False)
    assert message is not None
    return conn, channel


def test_closing_after_a_broker_loss_is_a_connection_error_not_a_crash(private_redis):
    """Celery's teardown after a connection loss (collect(), which detaches the transport, then
    close()) reaches the channel's restore of unacknowledged messages with no transport: kombu's
    channel raises AttributeError there, which Celery treats as unrecoverable and the worker
    exits. Ours reports a connection error, which Celery ignores before reconnecting."""
    stock, _ = _unacked_delivery(private_redis.url, None)
    stock._do_close_transport()  # the state collect() leaves when the channel's close timed out
    try:
        stock.close()
    except AttributeError:
        pass  # the failure this transport exists for
    else:
        pytest.fail("kombu's own Redis channel closes cleanly now: worker/broker.py may be dropped")

    conn, channel = _unacked_delivery(private_redis.url, broker.TRANSPORT)
    conn._do_close_transport()
    conn.close()  # no exception: the connection error is ignored as Celery ignores it
    assert channel.closed


def test_the_unacknowledged_message_comes_back_after_the_visibility_timeout(private_redis):
    conn, _ = _unacked_delivery(private_redis.url, broker.TRANSPORT)
    conn._do_close_transport()
    conn.close()

    again = kombu.Connection(private_redis.url, transport=broker.TRANSPORT,
                             transport_options={"visibility_timeout": 1})
    try:
        channel = again.default_channel
        assert channel.basic_get("mediadesk-broker-test", no_ack=True) is None  # still held
        time.sleep(1.2)
        channel.qos.restore_visible()
        message = channel.basic_get("mediadesk-broker-test", no_ack=True)
        assert message is not None and message.decode() == {"inbound_ids": [1]}
    finally:
        again.close()


@pytest.mark.parametrize("url, expected", [
    ("redis://localhost:6379/0", broker.TRANSPORT),
    ("rediss://cache.example:6380/0?ssl_cert_reqs=required", broker.TRANSPORT),
    ("REDIS://localhost", broker.TRANSPORT),
    ("sentinel://localhost:26379", None),  # kombu's sentinel transport stays
    ("memory://", None),
])
def test_transport_by_url_scheme(url, expected):
    assert broker.transport_for(url) == expected


@pytest.mark.parametrize("url, transport", [
    ("redis://127.0.0.1:6379/0", "mediadesk.worker.broker.Transport"),
    ("sentinel://127.0.0.1:26379", "kombu.transport.redis.SentinelTransport"),
])
def test_the_worker_app_uses_the_transport_its_url_calls_for(url, transport):
    """In a process of its own: importing the Celery app here would configure it for every
    later test in this session."""
    script = ("from mediadesk.worker.app import app\n"
              "t = type(app.connection_for_read().transport)\n"
              "print(f'{t.__module__}.{t.__qualname__}')")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_")} | {"MEDIADESK_REDIS_URL": url}
    env.pop("PYTHONPATH", None)
    out = subprocess.run([sys.executable, "-P", "-c", script], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == transport
