"""One ticket per inquirer on real servers: a release's replies, follow-ups, a colleague's
reply-all, a stranger in someone's thread and a spokesperson's answer reach Dovecot in reverse
order, and two worker processes take them one message per task, on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from harness.threading_cases import INTERNAL, MEDIA, conversations, traffic
from mediadesk.storage.models import Message, Ticket

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


def test_two_workers_thread_reversed_traffic_one_ticket_per_inquirer(stack_factory, pg_url, dovecot, imap_account):
    mails = traffic()
    stack = stack_factory(MEDIADESK_DATABASE_URL=pg_url, MEDIADESK_INGEST_BATCH="1", MEDIADESK_FETCH_BATCH="1",
                          MEDIADESK_INTERNAL_DOMAINS=INTERNAL, MEDIADESK_MEDIA_ADDRESS=MEDIA)
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in reversed(mails)])
    stack.start_worker(concurrency=2)
    stack.start_poller()
    groups = conversations(mails)
    stack.wait(lambda c: c["done"] == len(mails) and c["tickets"] == len(groups), what="the traffic threaded")
    with Session(stack.engine) as session:
        tickets = {t.id: t for t in session.exec(select(Ticket)).all()}
        on = {m.message_id: tickets[m.ticket_id] for m in session.exec(select(Message)).all()}
    for name, ids in groups.items():
        assert len({on[i].id for i in ids}) == 1, f"{name} spread over {[on[i].ref for i in ids]}"
    assert len(tickets) == len(groups)
    assert on["<j3@mail.example>"].requester_email == "omar@alakhbar.example"
    assert on["<j4@mail.example>"].requester_email == "ben@globewire.example"
    assert on["<x5@mail.example>"].related_ticket_id == on["<j5@mail.example>"].id
