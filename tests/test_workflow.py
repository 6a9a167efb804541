"""The status transition table, exhaustively: every legal move works, every illegal one changes nothing."""

from __future__ import annotations

import itertools

import pytest
from sqlmodel import Session, select

from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Ticket, TicketEvent
from mediadesk.worker.workflow import STATUSES, TRANSITIONS, TransitionError, transition


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('wf') / 'wf.db'}"
    upgrade(url)
    return engine_for(url)


def _ticket(engine, status: str) -> int:
    with session_scope(engine) as session:
        ticket = Ticket(subject="t", status=status)
        session.add(ticket)
        session.flush()
        ticket.ref = f"MR-{ticket.id}"
        return ticket.id


@pytest.mark.parametrize("src,dst", [(s, d) for s, d in itertools.product(STATUSES, STATUSES) if s != d])
def test_every_pair(engine, src, dst):
    ticket_id = _ticket(engine, src)
    legal = dst in TRANSITIONS[src]
    if legal:
        with session_scope(engine) as session:
            assert transition(session, session.get(Ticket, ticket_id), dst, actor="amal", note="n")
    else:
        with pytest.raises(TransitionError, match=f"cannot go from {src} to {dst}"):
            with session_scope(engine) as session:
                transition(session, session.get(Ticket, ticket_id), dst, actor="amal")
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        events = session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket_id)).all()
    if legal:
        assert ticket.status == dst
        assert [(e.actor, e.from_status, e.to_status, e.note) for e in events] == [("amal", src, dst, "n")]
    else:
        assert ticket.status == src and events == []


def test_repeating_a_move_is_a_no_op(engine):
    ticket_id = _ticket(engine, "resolved")
    with session_scope(engine) as session:
        assert transition(session, session.get(Ticket, ticket_id), "resolved", actor="amal") is False
    with Session(engine) as session:
        assert session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket_id)).all() == []


def test_unknown_status_is_a_clear_error(engine):
    ticket_id = _ticket(engine, "new")
    with pytest.raises(TransitionError, match="unknown status 'done'"):
        with session_scope(engine) as session:
            transition(session, session.get(Ticket, ticket_id), "done", actor="amal")
