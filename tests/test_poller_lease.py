"""The poller's lock is a lease, not a guess about process ids (issue 17).

It judged a holder dead when the holder's hostname was its own and the holder's pid did not
exist here. Two containers can share a hostname (``hostname:`` in compose, host networking) and
each has its own pid namespace, so a live poller in one looked dead from the other, which took
its lock: two pollers on one mailbox. Now the lock is a lease (a token with a TTL, renewed by
its holder) with a fencing number that grows with every acquisition, and the holder's liveness
is its own Redis connection, named in the token: a live lease is never taken whatever host or
pid it names, a crashed holder's is taken at once, one nobody can judge runs out, and a poller
that lost its lease stops before it stores anything more. Real Dovecot, Redis, `mediadesk poll`.
"""

from __future__ import annotations

import os
import socket
import time

import pytest
from sqlmodel import Session, select

from mediadesk.mailgen import generate
from mediadesk.storage.db import make_engine
from mediadesk.storage.models import InboundMessage

pytestmark = pytest.mark.integration


def stored(env) -> list[InboundMessage]:
    engine = make_engine(env["MEDIADESK_DATABASE_URL"])
    try:
        with Session(engine) as s:
            return list(s.exec(select(InboundMessage)).all())
    finally:
        engine.dispose()


@pytest.fixture
def env(mediadesk_env, mediadesk_cli, dovecot, imap_account):
    assert mediadesk_cli("db", "upgrade").returncode == 0
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generate(3, seed=41, min_kb=2, max_kb=3)])
    return mediadesk_env


def _key(imap_account) -> str:
    return f"mediadesk:poller:{imap_account.user}@{imap_account.host}/INBOX"


def _pid_not_here() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


def test_a_live_poller_in_another_container_with_the_same_hostname_keeps_its_lock(
        env, mediadesk_cli, redis_server, imap_account):
    """Its hostname is ours and its pid does not exist in our pid namespace: it is alive all
    the same (it renews its lease), and this poller must wait."""
    client = redis_server.client()
    client.set(_key(imap_account), f"{socket.gethostname()}:{_pid_not_here()}:token-of-the-other", ex=30)
    result = mediadesk_cli("poll", "--once", env=env)
    assert result.returncode == 0, result.stderr
    assert stored(env) == [], "the lock of a live poller was taken: two pollers on one mailbox"
    assert client.get(_key(imap_account)) == f"{socket.gethostname()}:{_pid_not_here()}:token-of-the-other".encode()


def _holder(env, redis_server):
    """A poller in this process holding the mailbox's lease, as one in another container would."""
    from mediadesk.mailbox.poller import Poller
    from mediadesk.settings import load_settings

    settings = load_settings(_env_file=None, **{k[len("MEDIADESK_"):].lower(): v for k, v in env.items()
                                                if k.startswith("MEDIADESK_")})
    engine = make_engine(settings.database_url)
    poller = Poller(settings, engine, lambda ids: None, redis_client=redis_server.client())
    assert poller._acquire_lock()
    return poller, engine


def test_a_live_lease_naming_our_host_and_a_pid_we_cannot_see_is_left_alone(
        env, mediadesk_cli, redis_server, imap_account):
    poller, engine = _holder(env, redis_server)
    client = redis_server.client()
    try:
        lease, fence, client_id, _host, _pid, rand = client.get(poller.lock_key).decode().split(":")
        as_seen_from_elsewhere = f"{lease}:{fence}:{client_id}:{socket.gethostname()}:{_pid_not_here()}:{rand}"
        client.set(poller.lock_key, as_seen_from_elsewhere, ex=30)
        result = mediadesk_cli("poll", "--once", env=env)
        assert result.returncode == 0, result.stderr
        assert stored(env) == [] and client.get(poller.lock_key).decode() == as_seen_from_elsewhere
    finally:
        poller._release_lock()
        engine.dispose()


def test_the_lease_of_a_holder_that_died_is_taken_over_at_once(env, mediadesk_cli, redis_server, imap_account):
    """A holder killed mid-run releases nothing, but its connection closes with it: no TTL to wait."""
    poller, engine = _holder(env, redis_server)
    try:
        poller._session.connection.disconnect()  # what the kernel does for a killed process
        started = time.monotonic()
        result = mediadesk_cli("poll", "--once", env=env)
        assert result.returncode == 0, result.stderr
        assert len(stored(env)) == 3 and time.monotonic() - started < 30
        assert "stale_lease_taken_over" in result.stderr or "stale_lease_taken_over" in result.stdout
    finally:
        engine.dispose()


def test_an_abandoned_lease_runs_out_and_the_next_poller_takes_over_with_a_higher_fence(
        env, mediadesk_cli, redis_server, imap_account):
    client = redis_server.client()
    client.set(_key(imap_account), "a-poller-that-crashed", ex=60)  # nobody renews it: no client id to judge
    assert mediadesk_cli("poll", "--once", env=env).returncode == 0
    assert stored(env) == []
    client.pexpire(_key(imap_account), 100)  # its TTL comes to an end
    deadline = time.monotonic() + 10
    while client.exists(_key(imap_account)) and time.monotonic() < deadline:
        time.sleep(0.05)
    first = mediadesk_cli("poll", "--once", env=env)
    assert first.returncode == 0, first.stderr
    assert len(stored(env)) == 3
    fence = int(client.get(f"mediadesk:poller-fence:{imap_account.user}@{imap_account.host}/INBOX"))
    assert mediadesk_cli("poll", "--once", env=env).returncode == 0
    assert int(client.get(f"mediadesk:poller-fence:{imap_account.user}@{imap_account.host}/INBOX")) > fence
    assert client.get(_key(imap_account)) is None  # released when --once ends


def test_a_poller_that_lost_its_lease_stores_nothing_more(env, redis_server, imap_account):
    """Between fetching a batch and storing it the lease is checked: a holder paused past its
    TTL (its lease taken by another) stops there instead of storing and moving mail."""
    from mediadesk.mailbox.poller import LeaseLost, Poller, imap_connect
    from mediadesk.settings import load_settings

    settings = load_settings(_env_file=None, **{k[len("MEDIADESK_"):].lower(): v for k, v in env.items()
                                                if k.startswith("MEDIADESK_")})
    engine = make_engine(settings.database_url)
    client = redis_server.client()
    poller = Poller(settings, engine, lambda ids: None, redis_client=client)
    assert poller._acquire_lock()
    held = client.get(poller.lock_key)
    client.set(poller.lock_key, b"the-next-holder")  # our lease ran out; another poller holds it now
    imap = imap_connect(settings)
    try:
        with pytest.raises(LeaseLost):
            poller.sync(imap)
    finally:
        imap.logout()
        engine.dispose()
    assert stored(env) == [] and held != b"the-next-holder"
    assert client.get(poller.lock_key) == b"the-next-holder"
