"""Poison that kills the worker (out of memory on a huge message, a crash in C code) instead of
raising: counted per delivery, parked with its reason after MEDIADESK_MAX_ATTEMPTS deliveries,
and never holding back the genuine mail of its batch. Real Dovecot, poller, Redis and Celery
worker; the kill is a SIGKILL of the worker process at the moment it reads the message, as the
kernel's OOM killer would do it (MEDIADESK_FAULT_POINT=poison)."""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import Session, select

from mediadesk.storage.models import InboundMessage, Ticket

pytestmark = pytest.mark.integration


def _mail(i: int, poison: bool) -> bytes:
    head = [f"From: Reporter {i} <r{i}@daily{i}.example>", "To: media@imctc.example",
            f"Subject: {'Huge attachment' if poison else 'Interview request'} {i}",
            "Date: Tue, 24 Nov 2026 10:00:00 +0300", f"Message-ID: <m{i}@daily{i}.example>"]
    if poison:
        head.append("X-Mediadesk-Test: poison")
    return ("\r\n".join(head) + "\r\n\r\nCould your director speak to us on Thursday?\r\n").encode()


def test_messages_that_kill_the_worker_are_parked_and_the_rest_of_their_batch_goes_through(
        stack_factory, dovecot, imap_account):
    stack = stack_factory(MEDIADESK_FAULT_POINT="poison", MEDIADESK_MAX_ATTEMPTS="3", MEDIADESK_INGEST_BATCH="25")
    raws = [_mail(i, poison=i in (3, 7, 11)) for i in range(13)]
    dovecot.append(imap_account.user, "INBOX", raws)  # one fetch, one batch task of 13
    stack.start_worker(concurrency=2)
    stack.start_poller()
    stack.wait(lambda c: c["inbound"] == 13 and c["done"] == 10 and c["parked"] == 3, timeout=180,
               what="10 genuine messages ticketed, 3 poison parked")
    time.sleep(3)  # nothing more may happen: no endless redelivery
    counts = stack.counts()
    assert counts["done"] == 10 and counts["parked"] == 3 and counts["tickets"] == 10
    with Session(stack.engine) as session:
        parked = session.exec(select(InboundMessage).where(InboundMessage.state == "parked")).all()
        subjects = sorted(t.subject for t in session.exec(select(Ticket)).all())
    assert all(p.attempts == 4 and "handed to a worker 3 times without finishing" in p.error for p in parked)
    assert not any("Huge" in s for s in subjects) and len(subjects) == 10
    assert stack.worker.alive  # the pool replaced its killed processes; the worker itself runs on
    listed = json.loads(stack.cli("list", "--status", "error", "--json").stdout)
    assert len(listed) == 3 and all("without finishing" in (row.get("error") or "") for row in listed)
