"""The product's own processes for one test, and an audit of what they made of a mailbox.

``Stack`` runs `mediadesk poll` subprocesses, a Celery worker and CLI commands against one
environment, and reads the database directly. ``audit`` compares the database (and, when
given, the SMTP sink) with the generated messages: lost, duplicated, mis-threaded, double
sends. Used by the fault-injection suite (tests/test_faults.py); adapted from the lead's
helper in tests/test_e2e_ingest.py, which cannot be imported under --import-mode=importlib.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import func
from sqlmodel import Session, select

from mediadesk.storage.db import make_engine
from mediadesk.storage.models import Draft, InboundMessage, Message, Ticket

MEDIADESK = Path(sys.executable).parent / "mediadesk"
TAG_RE = re.compile(r"\[(MR-\d+)\]")


class Stack:
    """Poller(s), worker, CLI and a database view for one test."""

    def __init__(self, env: dict[str, str], tmp_path: Path, worker_factory: Callable, cli: Callable):
        self.env, self.tmp, self.worker_factory, self.cli = env, tmp_path, worker_factory, cli
        self.pollers: list[subprocess.Popen] = []
        self.engine = make_engine(env["MEDIADESK_DATABASE_URL"])
        self.worker = None
        self._bg_sweep: subprocess.Popen | None = None
        from mediadesk.storage.db import upgrade

        upgrade(env["MEDIADESK_DATABASE_URL"])  # what `mediadesk db upgrade` does, without a process start

    # -- processes

    def start_worker(self, concurrency: int = 2, memory_mb: int | None = None):
        self.worker = self.worker_factory(self.env, concurrency=concurrency, memory_mb=memory_mb)
        return self.worker

    def start_poller(self, memory_mb: int | None = None, **extra_env: str) -> subprocess.Popen:
        from harness.servers import capped

        log = open(self.tmp / f"poller-{len(self.pollers)}.log", "wb")
        proc = subprocess.Popen([str(MEDIADESK), "poll"], env={**self.env, **extra_env}, cwd=self.tmp,
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                preexec_fn=capped(memory_mb))
        log.close()
        self.pollers.append(proc)
        return proc

    def stop_pollers(self) -> None:
        for proc in self.pollers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()

    def poller_logs(self, chars: int = 2000) -> str:
        return "\n".join(f"--- poller {i}\n" + (self.tmp / f"poller-{i}.log").read_text(errors="replace")[-chars:]
                         for i in range(len(self.pollers)))

    def sweep(self) -> None:
        """`mediadesk sweep --grace 0`, waited for."""
        swept = self.cli("sweep", "--grace", "0")
        assert swept.returncode == 0, swept.stderr

    def sweep_in_background(self) -> None:
        """Start `mediadesk sweep --grace 0` unless one still runs (what beat does, periodically)."""
        if self._bg_sweep is not None and self._bg_sweep.poll() is None:
            return
        self._bg_sweep = subprocess.Popen([str(MEDIADESK), "sweep", "--grace", "0"], env=self.env, cwd=self.tmp,
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)

    def wait_quiet(self, seconds: float = 2.0, timeout: float = 60) -> dict:
        """Wait until the counts stop changing for ``seconds`` (the workers ran out of work)."""
        last, since = None, time.monotonic()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                counts = self.counts()
            except Exception:
                counts = None
            if counts != last:
                last, since = counts, time.monotonic()
            elif time.monotonic() - since >= seconds:
                break
            time.sleep(0.3)
        return last

    # -- the database

    def counts(self) -> dict:
        with Session(self.engine) as s:
            states = dict(s.exec(select(InboundMessage.state, func.count()).group_by(InboundMessage.state)).all())
            drafts = dict(s.exec(select(Draft.status, func.count()).group_by(Draft.status)).all())
            return {
                "inbound": sum(states.values()), "done": states.get("done", 0), "parked": states.get("parked", 0),
                "tickets": s.exec(select(func.count()).select_from(Ticket)).one(),
                "messages": s.exec(select(func.count()).select_from(Message).where(Message.direction == "in")).one(),
                "triaged": s.exec(select(func.count()).select_from(Ticket).where(Ticket.triaged_at.is_not(None))).one(),
                "drafts": drafts,
            }

    def wait(self, predicate, timeout: float = 120, what: str = "", tick: Callable[[], None] | None = None,
             tick_every: float = 15, interval: float = 0.3) -> dict:
        """Poll the counts every ``interval`` s until ``predicate`` holds; ``tick`` runs every
        ``tick_every`` s meanwhile (e.g. a sweep, as beat would run it)."""
        deadline = time.monotonic() + timeout
        next_tick = time.monotonic() + tick_every
        while True:
            try:
                counts = self.counts()
            except Exception:  # the database may be down on purpose
                counts = None
            if counts is not None and predicate(counts):
                return counts
            if time.monotonic() > deadline:
                worker_log = self.worker.log_text()[-6000:] if self.worker else ""
                alive = "alive" if self.worker and self.worker.alive else "not running"
                raise AssertionError(f"timed out waiting for {what}: {counts}\npoller:\n{self.poller_logs()}"
                                     f"\nworker ({alive}):\n{worker_log}")
            if tick is not None and time.monotonic() > next_tick:
                tick()
                next_tick = time.monotonic() + tick_every
            time.sleep(interval)

    def thread_map(self) -> dict[str, list[int]]:
        """Message-ID → the ticket(s) its inbound copies sit on."""
        out: dict[str, list[int]] = {}
        with Session(self.engine) as s:
            for mid, ticket in s.exec(select(Message.message_id, Message.ticket_id).where(Message.direction == "in")).all():
                out.setdefault(mid, []).append(ticket)
        return out

    def close(self) -> None:
        self.stop_pollers()
        if self.worker is not None:
            self.worker.stop(timeout=5)  # whatever it still holds is not under test any more
        if self._bg_sweep is not None and self._bg_sweep.poll() is None:
            self._bg_sweep.kill()
            self._bg_sweep.wait()
        self.engine.dispose()


def settled(n_inbound: int, *, drafts_done: bool = True):
    """Every message processed, every ticket triaged and (optionally) no send in flight."""
    def check(c: dict) -> bool:
        busy = c["drafts"].get("approved", 0) + c["drafts"].get("sending", 0)
        return (c["inbound"] >= n_inbound and c["done"] + c["parked"] == c["inbound"]
                and c["triaged"] == c["tickets"] and (busy == 0 or not drafts_done))
    return check


@dataclass
class Audit:
    """What a fault left behind, compared with what was sent to the mailbox."""

    fault: str
    messages: int
    tickets: int
    expected_tickets: int
    lost: int
    duplicated: int
    misthreaded: int
    double_sends: int
    sent: int
    uncertain: int
    stuck_acks: int = 0  # still approved at the end: never delivered, never retried
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.misthreaded or self.double_sends
                    or self.tickets != self.expected_tickets)


def audit(stack: Stack, generated, fault: str, smtp=None) -> Audit:
    """Compare the database with ``generated`` (mailgen messages) and the SMTP sink's deliveries."""
    from mediadesk.mailgen import expected_threads

    tickets_of = stack.thread_map()
    notes: list[str] = []
    lost = [m.message_id for m in generated if m.message_id not in tickets_of]
    duplicated = sum(len(t) - 1 for t in tickets_of.values())
    misthreaded = 0
    for m in generated:
        mine, roots = tickets_of.get(m.message_id), tickets_of.get(generated[m.thread].message_id)
        if mine and roots and mine[0] != roots[0]:
            misthreaded += 1
    with Session(stack.engine) as s:
        n_tickets = s.exec(select(func.count()).select_from(Ticket)).one()
        n_inbound = s.exec(select(func.count()).select_from(InboundMessage)).one()
        drafts = s.exec(select(Draft.status, Ticket.ref).join(Ticket, Ticket.id == Draft.ticket_id)).all()
    duplicated += max(0, n_inbound - len(generated))
    if lost:
        notes.append(f"lost: {lost[:5]}")
    double_sends = sent = uncertain = 0
    if smtp is not None:
        deliveries = Counter()
        for mail in list(smtp.messages):
            match = TAG_RE.search(str(mail.message["Subject"]))
            deliveries[match.group(1) if match else "?"] += 1
        double_sends = sum(1 for ref, n in deliveries.items() if n > 1)
        for status, ref in drafts:
            if status == "sent":
                sent += 1
                if deliveries.get(ref, 0) != 1:
                    double_sends += 1
                    notes.append(f"{ref} sent but delivered {deliveries.get(ref, 0)} times")
            elif status in ("uncertain", "sending"):
                # "sending" after a crash mid-conversation: it may have gone out, so it is never
                # retried (at most once); a human decides, as for "uncertain".
                uncertain += 1
            elif deliveries.get(ref, 0):
                notes.append(f"{ref} delivered while its draft is {status}")
    stuck = [ref for status, ref in drafts if status == "approved"]
    if stuck:
        notes.append(f"approved but never sent: {', '.join(stuck[:5])}{' …' if len(stuck) > 5 else ''}")
    return Audit(fault, len(generated), n_tickets, expected_threads(generated), len(lost), duplicated,
                 misthreaded, double_sends, sent, uncertain, len(stuck), notes)


def format_table(rows: list[Audit]) -> str:
    head = ("fault", "messages", "tickets", "expected", "lost", "duplicated", "misthreaded", "double sends",
            "acks sent", "uncertain", "acks stuck", "result")
    body = [(r.fault, r.messages, r.tickets, r.expected_tickets, r.lost, r.duplicated, r.misthreaded,
             r.double_sends, r.sent, r.uncertain, r.stuck_acks, "ok" if r.ok else "FAILED") for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    line = lambda cells: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    out = [line(head), "  ".join("-" * w for w in widths), *(line(b) for b in body)]
    for r in rows:
        out += [f"  {r.fault}: {note}" for note in r.notes]
    return "\n".join(out)
