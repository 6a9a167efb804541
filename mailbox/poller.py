"""Watch one IMAP folder and store every new message exactly once, then hand it on.

Order of effects per batch (the outbox pattern): raw bytes + cursor advance in ONE
transaction → enqueue ``ingest`` → apply the processed-mail policy. A crash anywhere leaves
either nothing stored (the batch is fetched again) or rows the sweep will enqueue.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

import structlog
from imapclient import IMAPClient
from sqlalchemy.engine import Engine
from sqlmodel import select

from mediadesk.backoff import backoff
from mediadesk.imap import imap_connect
from mediadesk.settings import Settings
from mediadesk.storage import repo
from mediadesk.storage.db import read_scope, session_scope
from mediadesk.storage.models import MailboxCursor

log = structlog.get_logger("mediadesk.poller")

IDLE_MAX_SECONDS = 25 * 60  # RFC 2177: servers may drop IDLE after 29 minutes
LOCK_TTL_SECONDS = 60


class LeaseLost(RuntimeError):
    """This poller's lease on the mailbox ran out and another poller may hold it now."""


def fault_point(name: str) -> None:
    """Die here when MEDIADESK_FAULT_POINT names this point (fault-injection tests only)."""
    if os.environ.get("MEDIADESK_FAULT_POINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


LARGE_MESSAGE_BYTES = 2 * 1024 * 1024  # fetched alone, not in a batch
FETCH_BYTES = 16 * 1024 * 1024  # small messages per FETCH, by their sizes: memory stays bounded


@dataclass
class PollStats:
    stored: int = 0
    batches: int = 0
    reconnects: int = 0
    last_error: str | None = None
    uids_seen: list[int] = field(default_factory=list)


class Poller:
    """One mailbox folder → InboundMessage rows → ``enqueue(ids)``."""

    def __init__(self, settings: Settings, engine: Engine, enqueue: Callable[[list[int]], None], *,
                 redis_client=None, connect: Callable[[Settings], IMAPClient] = imap_connect):
        self.settings = settings
        self.engine = engine
        self.enqueue = enqueue
        self.redis = redis_client
        self.connect = connect
        self.mailbox = settings.mailbox_key
        self.stop_event = threading.Event()
        self.stats = PollStats()
        self._lock = None
        self.fence: int | None = None  # the fencing number of the lease held, for the logs
        self._session = None  # our own Redis connection while we hold the lease: our liveness
        self._policy_caught_up = False

    # ------------------------------------------------------------------ one sync pass

    def sync(self, client: IMAPClient) -> int:
        """Fetch everything above the cursor, in batches; returns how many were new."""
        folder = self.settings.imap_folder
        info = client.select_folder(folder, readonly=False)
        uidvalidity = int(info[b"UIDVALIDITY"])
        with session_scope(self.engine) as session:
            cursor = repo.get_cursor(session, mailbox=self.mailbox)
            if cursor.uidvalidity != uidvalidity:
                if cursor.uidvalidity:
                    # The server renumbered the folder: read it all again; content hashes
                    # keep what we already have from being stored twice.
                    log.warning("uidvalidity_changed", mailbox=self.mailbox, old=cursor.uidvalidity, new=uidvalidity)
                cursor.uidvalidity, cursor.last_uid = uidvalidity, 0
                session.add(cursor)
            last_uid = cursor.last_uid
        uids = sorted(u for u in client.search(["UID", f"{last_uid + 1}:*"]) if u > last_uid)
        new_total = 0
        batch_size = self.settings.fetch_batch
        for start in range(0, len(uids), batch_size):
            batch = uids[start : start + batch_size]
            items = self._fetch(client, batch)
            fault_point("after_fetch")
            self._refresh_lock()  # still the holder? A poller paused past its lease stops here
            with session_scope(self.engine) as session:
                new_ids = repo.store_inbound(session, items=items, mailbox=self.mailbox, source="imap",
                                             uidvalidity=uidvalidity, max_bytes=self.settings.max_message_bytes)
                cursor = repo.get_cursor(session, mailbox=self.mailbox)
                cursor.last_uid = max(cursor.last_uid, batch[-1])
                session.add(cursor)
            fault_point("after_commit")
            if new_ids:
                self.enqueue(new_ids)
            fault_point("after_enqueue")
            self._apply_policy(client, batch)
            self.stats.stored += len(new_ids)
            self.stats.batches += 1
            new_total += len(new_ids)
            self._refresh_lock()
            log.info("stored", mailbox=self.mailbox, new=len(new_ids), last_uid=batch[-1])
        return new_total

    def _fetch(self, client: IMAPClient, batch: list[int]) -> list[repo.RawItem]:
        """The messages of ``batch``, memory-bounded: sizes first (RFC822.SIZE); small ones
        fetched together, large ones one at a time, and one over MEDIADESK_MAX_MESSAGE_BYTES
        only up to that limit (stored cut and flagged), never whole beside the rest."""
        limit = self.settings.max_message_bytes
        sizes = {uid: int(data.get(b"RFC822.SIZE", 0)) for uid, data in client.fetch(batch, ["RFC822.SIZE"]).items()}
        small = [uid for uid in batch if sizes.get(uid, 0) <= LARGE_MESSAGE_BYTES]
        items: list[repo.RawItem] = []
        chunks: list[list[int]] = []
        held = 0
        for uid in small:  # chunks of at most FETCH_BYTES: a batch of 200 small messages is one
            if not chunks or held + sizes.get(uid, 0) > FETCH_BYTES:
                chunks.append([])
                held = 0
            chunks[-1].append(uid)
            held += sizes.get(uid, 0)
        for chunk in chunks:
            fetched = client.fetch(chunk, ["BODY.PEEK[]"])
            items += [repo.RawItem(raw=bytes(data[b"BODY[]"]), uid=uid) for uid, data in fetched.items()
                      if b"BODY[]" in data]
        for uid in (u for u in batch if sizes.get(u, 0) > LARGE_MESSAGE_BYTES):
            if sizes[uid] > limit:  # only what will be kept: the rest is never held in memory
                fetched = client.fetch([uid], [f"BODY.PEEK[]<0.{limit + 1}>"])
                data = fetched.get(uid, {})
                raw = next((v for k, v in data.items() if k.startswith(b"BODY[]")), None)
            else:
                raw = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {}).get(b"BODY[]")
            if raw is not None:
                items.append(repo.RawItem(raw=bytes(raw), uid=uid, size=sizes[uid]))
                log.info("fetched_large", mailbox=self.mailbox, uid=uid, size=sizes[uid], cut=sizes[uid] > limit)
        return sorted(items, key=lambda item: item.uid)

    def catch_up_policy(self, client: IMAPClient) -> int:
        """Apply the processed-mail policy to what a crash left: the cursor moves past a batch
        when it is stored, so a poller killed before flagging or moving it never looked at that
        batch again. Once, when the process starts.

        ``move``: whatever is still in the folder at or below the cursor (a message moved back
        by hand comes back with a new UID, above it). ``seen``: only the last batch below the
        cursor, the only one a crash can have left, so that older mail a person marked unread
        again stays unread. Returns how many messages it flagged or moved.
        """
        policy = self.settings.processed_policy
        if policy not in ("seen", "move") or self._policy_caught_up:
            return 0
        info = client.select_folder(self.settings.imap_folder, readonly=False)
        with read_scope(self.engine) as session:
            cursor = session.exec(select(MailboxCursor.uidvalidity, MailboxCursor.last_uid)
                                  .where(MailboxCursor.mailbox == self.mailbox)).first()
        uids: list[int] = []
        if cursor is not None and cursor[0] == int(info[b"UIDVALIDITY"]) and cursor[1] > 0:
            last_uid, size = cursor[1], self.settings.fetch_batch
            uids = sorted(u for u in client.search(["UID", f"1:{last_uid}"]) if u <= last_uid)
            if policy == "seen":
                unseen = set(client.search(["UID", f"1:{last_uid}", "UNSEEN"]))
                uids = [u for u in uids[-size:] if u in unseen]
            for start in range(0, len(uids), size):
                self._apply_policy(client, uids[start:start + size])
        if uids:
            log.info("policy_caught_up", mailbox=self.mailbox, policy=policy, count=len(uids))
        self._policy_caught_up = True
        return len(uids)

    def _apply_policy(self, client: IMAPClient, uids: list[int]) -> None:
        policy = self.settings.processed_policy
        if policy == "seen":
            client.add_flags(uids, [b"\\Seen"], silent=True)
        elif policy == "move":
            folder = self.settings.processed_folder
            if not client.folder_exists(folder):
                client.create_folder(folder)
            if client.has_capability("MOVE"):
                client.move(uids, folder)
            else:  # COPY then mark deleted would delete: we never delete, so copy + seen only
                client.copy(uids, folder)
                client.add_flags(uids, [b"\\Seen"], silent=True)

    # ------------------------------------------------------------------ the loop

    # The lock is a lease: the key holds a token and expires after LOCK_TTL_SECONDS unless its
    # holder renews it (every batch and every wait, at most LOCK_TTL_SECONDS / 3 apart), with a
    # compare-and-extend that fails once the token is no longer ours (LeaseLost: stop).
    #
    # Nobody judges a holder dead by its host and pid: containers share hostnames and each has
    # its own pid namespace, so a live poller elsewhere looked dead. The holder's liveness is a
    # Redis connection of its own, held as long as the lease, whose client id is in the token:
    # when a holder dies its kernel closes that connection and Redis forgets the id, so the next
    # poller takes over at once (a crash costs no TTL); while the id is connected, the lease is
    # left alone whatever host or pid it names. A token without an id runs out with its TTL.
    #
    # The token starts with a fencing number, one more at every acquisition and never reused
    # ("lease:fence:client-id:host:pid:random"); host and pid are for the people reading it.

    @property
    def lock_key(self) -> str:
        return f"mediadesk:poller:{self.mailbox}"

    @property
    def fence_key(self) -> str:
        return f"mediadesk:poller-fence:{self.mailbox}"  # outside the lock prefix that doctor counts

    def _acquire_lock(self) -> bool:
        if self.redis is None:
            return True
        if self._lock is not None:
            try:  # still ours after a reconnect?
                self._lock.reacquire()
                return True
            except Exception:
                self._lock = None
        if self.redis.exists(self.lock_key) and not self._take_over_if_holder_gone():
            return False
        client_id = self._open_session()
        fence = int(self.redis.incr(self.fence_key))
        token = f"lease:{fence}:{client_id}:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex}"
        lock = self.redis.lock(self.lock_key, timeout=LOCK_TTL_SECONDS, blocking=False, thread_local=False)
        if not lock.acquire(blocking=False, token=token):
            return False
        self._lock, self.fence = lock, fence
        log.info("lease_acquired", mailbox=self.mailbox, fence=fence, ttl=LOCK_TTL_SECONDS)
        return True

    def _open_session(self) -> str:
        """Our own connection to Redis (not from the shared pool), kept open while we hold the
        lease; returns its client id, or "-" where CLIENT is not allowed (some managed Redis):
        that lease is then judged by its TTL alone."""
        import redis

        if self._session is None:
            pool = self.redis.connection_pool
            self._session = redis.Redis(connection_pool=redis.ConnectionPool(
                connection_class=pool.connection_class, **pool.connection_kwargs), single_connection_client=True)
        try:
            return str(int(self._session.client_id()))
        except redis.exceptions.ResponseError:
            return "-"

    def _close_session(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception:
                pass
            self._session = None

    def _holder_connected(self, client_id: str) -> bool:
        from redis.exceptions import ResponseError

        try:
            return bool(self.redis.client_list(client_id=[client_id]))
        except ResponseError:  # Redis before 6.2: no CLIENT LIST ID
            try:
                return any(str(c.get("id")) == client_id for c in self.redis.client_list())
            except ResponseError:  # CLIENT not allowed: cannot tell, so it is alive
                return True

    def _take_over_if_holder_gone(self) -> bool:
        """Drop the lease if its holder's Redis connection is gone (compare-and-delete)."""
        held = self.redis.get(self.lock_key)
        if held is None:
            return True
        parts = held.decode(errors="replace").split(":")
        if len(parts) < 3 or parts[0] != "lease" or not parts[2].isdigit() or self._holder_connected(parts[2]):
            return False  # alive, or not a lease we can judge: it runs out with its TTL
        script = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
        if self.redis.eval(script, 1, self.lock_key, held):
            log.warning("stale_lease_taken_over", mailbox=self.mailbox, fence=parts[1], holder=":".join(parts[2:5]))
        return True

    def _refresh_lock(self) -> None:
        """Extend the lease; LeaseLost when it is no longer ours (it ran out, another took it)."""
        if self._lock is None:
            return
        from redis.exceptions import LockError

        try:
            self._lock.reacquire()
        except LockError:
            self._lock = None
            log.warning("lease_lost", mailbox=self.mailbox, fence=self.fence)
            raise LeaseLost(f"the lease on {self.mailbox} (fence {self.fence}) ran out") from None

    def _release_lock(self) -> None:
        if self._lock is not None:
            try:
                self._lock.release()
            except Exception:
                pass
            self._lock = None
        self._close_session()

    def _wait_for_mail(self, client: IMAPClient, use_idle: bool) -> None:
        """Block until the server reports new mail or the poll interval passes."""
        interval = min(self.settings.poll_interval, LOCK_TTL_SECONDS / 3, IDLE_MAX_SECONDS)
        if not use_idle:
            self.stop_event.wait(interval)
            client.noop()
            return
        client.idle()
        try:
            deadline = time.monotonic() + interval
            while not self.stop_event.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                responses = client.idle_check(timeout=min(1.0, remaining))
                if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                    break
        finally:
            client.idle_done()

    def run(self, *, once: bool = False) -> PollStats:
        """Poll until stopped; reconnect with jittered exponential backoff on any error.

        The lease is released however this ends (``once`` included), so the next poller need
        not wait for it to run out."""
        try:
            return self._run(once)
        finally:
            self._release_lock()

    def _run(self, once: bool) -> PollStats:
        attempt = 0
        while not self.stop_event.is_set():
            client = None
            try:
                if not self._acquire_lock():
                    log.info("lock_busy", mailbox=self.mailbox, hint="another poller holds this mailbox")
                    if once:
                        return self.stats
                    self.stop_event.wait(LOCK_TTL_SECONDS / 3)
                    continue
                client = self.connect(self.settings)
                use_idle = self.settings.imap_idle and client.has_capability("IDLE")
                log.info("connected", mailbox=self.mailbox, idle=use_idle)
                attempt = 0
                self.catch_up_policy(client)
                while not self.stop_event.is_set():
                    self.sync(client)
                    if once:
                        return self.stats
                    self._refresh_lock()
                    self._wait_for_mail(client, use_idle)
            except Exception as exc:
                if once:
                    raise
                self.stats.reconnects += 1
                self.stats.last_error = f"{type(exc).__name__}: {exc}"
                delay = backoff(attempt, cap=60)
                attempt += 1
                log.warning("poll_error", mailbox=self.mailbox, error=self.stats.last_error, retry_in=round(delay, 2))
                self.stop_event.wait(delay)
            finally:
                if client is not None:
                    try:
                        client.logout()
                    except Exception:
                        pass
        return self.stats

    def stop(self) -> None:
        self.stop_event.set()


def run_pollers(pollers: list["Poller"], *, once: bool = False) -> list[str]:
    """Run each poller in a thread of its own until all stop (``once``: after one pass); SIGTERM
    and SIGHUP (a service manager, a closed terminal) and Ctrl-C stop them. Returns the errors."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: [p.stop() for p in pollers])
    errors: list[str] = []

    def run_one(poller: Poller) -> None:
        try:
            poller.run(once=once)
        except Exception as exc:
            errors.append(f"polling {poller.mailbox} failed: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=run_one, args=(p,), name=f"poller-{p.mailbox}", daemon=True) for p in pollers]
    for thread in threads:
        thread.start()
    try:
        while any(t.is_alive() for t in threads):
            for thread in threads:
                thread.join(0.5)
    except KeyboardInterrupt:
        for poller in pollers:
            poller.stop()
        for thread in threads:
            thread.join(30)
    return errors
