"""Contacts on a real database (SQLite, and PostgreSQL where it runs): ``link_contact`` on tickets
made from real messages, merging, the office's registry (import, unknown domains)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from sqlmodel import Session, select

from mediadesk.settings import load_settings
from mediadesk.storage.contacts import Contact, ContactAddress, OutletDomain, addresses_of
from mediadesk.storage.contacts import Outlet as OutletRow
from mediadesk.storage.db import make_engine, upgrade
from mediadesk.storage.models import Ticket, utcnow
from mediadesk.worker.contacts import service
from mediadesk.worker.contacts.outlets import Outlet
from mediadesk.worker.parsing import parse_message


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path):
    return load_settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}", data_dir=tmp_path / "data",
                         media_address="media@gims.example")


def message(sender: str, body: str, subject: str = "A question", date: str | None = None):
    msg = EmailMessage()
    if date:
        msg["Date"] = date
    msg["From"] = sender
    msg["To"] = "media@gims.example"
    msg["Subject"] = subject
    msg.set_content(body)
    return parse_message(msg.as_bytes(policy=SMTP))


def ticket_for(session: Session, parsed, language: str | None = "en") -> Ticket:
    ticket = Ticket(requester_email=parsed.from_email, requester_name=parsed.from_name, subject=parsed.subject,
                    language=language)
    session.add(ticket)
    session.flush()
    ticket.ref = f"MR-{ticket.id}"
    return ticket


REUTERS_BODY = ("Dear team,\n\nCould you send the report?\n\nBest regards,\nJohn Smith\n"
                "Senior Correspondent | Reuters\nTel: +971 4 123 4567\n")


def link(engine, settings, sender, body, *, language="en", now=None):
    with Session(engine, expire_on_commit=False) as session:
        parsed = message(sender, body)
        ticket = ticket_for(session, parsed, language)
        linked = service.link_contact(session, ticket, parsed, settings, now=now)
        session.commit()
        return ticket, linked


def outlet_name(engine, contact_id):
    with Session(engine) as session:
        contact = session.get(Contact, contact_id)
        return session.get(OutletRow, contact.outlet_id).name if contact.outlet_id else None


def test_a_new_requester_becomes_a_contact_with_outlet_role_phone_and_language(engine, settings):
    ticket, linked = link(engine, settings, "John Smith <John.Smith@Dubai.Reuters.com>", REUTERS_BODY)
    assert linked.created and linked.recognition.via == "domain"
    with Session(engine) as session:
        contact = session.get(Contact, ticket.contact_id)
        assert session.get(Ticket, ticket.id).contact_id == contact.id
        assert (contact.name, contact.role, contact.phone, contact.languages, contact.outlet_via) == (
            "John Smith", "Senior Correspondent", "+97141234567", "en", "domain")
        assert addresses_of(session, contact.id) == ["john.smith@dubai.reuters.com"]
    assert outlet_name(engine, ticket.contact_id) == "Reuters"


def test_the_same_address_is_the_same_contact_and_its_history_grows(engine, settings):
    first = utcnow() - timedelta(days=3)
    t1, l1 = link(engine, settings, "John Smith <john.smith@reuters.com>", REUTERS_BODY, now=first)
    t2, l2 = link(engine, settings, "JOHN.SMITH@REUTERS.COM", "Bonjour,\n\nUne question.\n\nJohn\n", language="fr")
    assert not l2.created and t1.contact_id == t2.contact_id
    with Session(engine) as session:
        contact = session.get(Contact, t1.contact_id)
        assert contact.languages == "en,fr"
        assert contact.first_seen < contact.last_seen and contact.first_seen == first
        assert session.exec(select(ContactAddress)).all()[0].email == "john.smith@reuters.com"
        assert len(session.exec(select(Contact)).all()) == 1


def test_free_mail_takes_the_outlet_from_the_signature_or_none(engine, settings):
    body = ("السلام عليكم،\n\nأرجو تزويدي بالبيانات.\n\nمع التحية،\nأحمد علي\nصحفي – العربية\n"
            "جوال: +966 50 123 4567\n")
    ticket, linked = link(engine, settings, "Ahmed Ali <ahmed.ali.press@gmail.com>", body, language="ar")
    assert linked.recognition.via == "signature"
    assert outlet_name(engine, ticket.contact_id) == "Al Arabiya"
    ticket, linked = link(engine, settings, "Lina <lina1990@hotmail.fr>", "Bonjour,\n\nUne question.\n\nMerci,\nLina\n")
    assert linked.recognition.outlet is None and outlet_name(engine, ticket.contact_id) is None


def test_a_later_message_without_signature_keeps_the_outlet(engine, settings):
    t1, _ = link(engine, settings, "nadia@gmail.com", "Hi,\n\nQ.\n\nBest,\nNadia Haddad\nCorrespondent, AFP\n")
    t2, _ = link(engine, settings, "nadia@gmail.com", "Hi again,\n\nAnother question.\n")
    assert t1.contact_id == t2.contact_id
    assert outlet_name(engine, t2.contact_id) == "Agence France-Presse"


def test_an_outlet_set_by_the_office_is_kept(engine, settings):
    ticket, _ = link(engine, settings, "omar@reuters.com", REUTERS_BODY)
    with Session(engine) as session:
        contact = session.get(Contact, ticket.contact_id)
        contact.outlet_id = service.outlet_row(session, "BBC").id
        contact.outlet_via = service.OFFICE
        session.add(contact)
        session.commit()
    link(engine, settings, "omar@reuters.com", REUTERS_BODY)
    assert outlet_name(engine, ticket.contact_id) == "BBC"


def test_our_own_address_and_no_address_make_no_contact(engine, settings):
    _, linked = link(engine, settings, "Media <media@gims.example>", "Internal note")
    assert linked is None
    with Session(engine) as session:
        parsed = message("x@y.example", "b")
        ticket = ticket_for(session, parsed)
        ticket.requester_email = None
        assert service.link_contact(session, ticket, dataclasses.replace(parsed, from_email=None), settings) is None
        assert session.exec(select(Contact)).all() == []


def test_merge_moves_addresses_and_tickets(engine, settings):
    t1, _ = link(engine, settings, "Sara <sara@aljazeera.net>", "Hi,\n\nQ.\n\nSara\n", language="en")
    t2, _ = link(engine, settings, "sara.k@gmail.com", "مرحبا\n\nسؤال.\n\nسارة\nمراسلة الجزيرة\n", language="ar")
    assert t1.contact_id != t2.contact_id
    with Session(engine) as session:
        keep, other = session.get(Contact, t1.contact_id), session.get(Contact, t2.contact_id)
        service.merge_contacts(session, keep, other)
        session.commit()
    with Session(engine) as session:
        assert len(session.exec(select(Contact)).all()) == 1
        assert sorted(addresses_of(session, t1.contact_id)) == ["sara.k@gmail.com", "sara@aljazeera.net"]
        assert {t.contact_id for t in session.exec(select(Ticket)).all()} == {t1.contact_id}
        assert session.get(Contact, t1.contact_id).languages == "en,ar"
        with pytest.raises(service.ContactError):
            contact = session.get(Contact, t1.contact_id)
            service.merge_contacts(session, contact, contact)
    # The next message from the second address finds the merged contact.
    t3, linked = link(engine, settings, "sara.k@gmail.com", "Hello again")
    assert t3.contact_id == t1.contact_id and not linked.created


def test_imported_outlets_are_used_at_once_and_can_take_a_domain_over(engine, settings):
    ticket, _ = link(engine, settings, "jo@gulfledger.example", "Hi,\n\nQ.\n\nJo\nPicture desk, Gulf Ledger\n")
    assert outlet_name(engine, ticket.contact_id) is None
    with Session(engine) as session:
        unknown = service.unknown_domains(session, settings)
        assert unknown == [{"domain": "gulfledger.example", "tickets": 1, "senders": 1}]
        added, updated = service.import_outlets(session, [
            Outlet(name="Gulf Ledger", domains=("gulfledger.example", "bbc.com"), aliases=("غلف ليدجر",),
                   country="AE", kind="newspaper", tier=1)])
        session.commit()
        assert (added, updated) == (1, 0)
        assert session.exec(select(OutletDomain.outlet_id).where(OutletDomain.domain == "bbc.com")).one() == \
            service.outlet_row(session, "Gulf Ledger").id
    ticket, linked = link(engine, settings, "jo@gulfledger.example", "Hi")
    assert outlet_name(engine, ticket.contact_id) == "Gulf Ledger"
    ticket, _ = link(engine, settings, "sam@gmail.com", "Hi,\n\nQ.\n\nSam\nمراسل غلف ليدجر\n")
    assert outlet_name(engine, ticket.contact_id) == "Gulf Ledger"
    with Session(engine) as session:
        assert service.unknown_domains(session, settings) == []
        _, updated = service.import_outlets(session, [Outlet(name="Gulf Ledger", domains=("gulfledger.example",),
                                                             kind="newspaper", tier=2)])
        session.commit()
        assert updated == 1 and service.outlet_row(session, "Gulf Ledger").tier == 2
        assert session.exec(select(OutletDomain).where(OutletDomain.domain == "bbc.com")).first() is None


def test_unknown_domains_most_frequent_first_without_free_mail_or_known_outlets(engine, settings):
    for sender in ["a@uni.example", "b@uni.example", "c@uni.example", "d@ngo.example", "e@gmail.com",
                   "f@reuters.com", "g@ngo.example", "d@ngo.example", "h@solo.example"]:
        link(engine, settings, sender, "Hello")
    with Session(engine) as session:
        found = service.unknown_domains(session, settings)
    # Ties in tickets go to the domain with more senders.
    assert found == [{"domain": "uni.example", "tickets": 3, "senders": 3},
                     {"domain": "ngo.example", "tickets": 3, "senders": 2},
                     {"domain": "solo.example", "tickets": 1, "senders": 1}]


def test_machines_become_no_contacts_and_no_unknown_domains(engine, settings):
    _, linked = link(engine, settings, "MAILER-DAEMON@mx.bank.example", "Delivery failed")
    assert linked is None
    _, linked = link(engine, settings, "no-reply@alerts.ngo.example", "Your weekly digest")
    assert linked is None
    with Session(engine) as session:
        parsed = message("Newsletter <news@shop.example>", "Big sale")
        ticket = ticket_for(session, parsed)
        ticket.automated_kind = "bulk"
        assert service.link_contact(session, ticket, parsed, settings) is None
        session.commit()
        assert session.exec(select(Contact)).all() == []
        assert service.unknown_domains(session, settings) == []


def test_linking_leaves_the_callers_pending_rows_unflushed(engine, settings):
    """Ingest writes a batch's rows in one flush: linking a new ticket must not flush it early."""
    with Session(engine) as session:
        for sender in ("John Smith <john.smith@reuters.com>", "john.smith@reuters.com", "nadia@gmail.com"):
            parsed = message(sender, REUTERS_BODY)
            ticket = Ticket(requester_email=parsed.from_email, subject=parsed.subject, language="en")
            session.add(ticket)
            linked = service.link_contact(session, ticket, parsed, settings)
            assert ticket in session.new and ticket.id is None
            assert ticket.contact_id == linked.contact.id
        session.commit()
        tickets = session.exec(select(Ticket).order_by(Ticket.id)).all()
        assert tickets[0].contact_id == tickets[1].contact_id != tickets[2].contact_id
        assert len(session.exec(select(Contact)).all()) == 2


def test_first_and_last_seen_come_from_the_mail_and_language_may_be_given(engine, settings):
    with Session(engine) as session:
        old = message("lea@uni.example", "Hi", date="Mon, 02 Mar 2026 09:30:00 +0100")
        future = message("lea@uni.example", "Hi", date="Thu, 01 Jan 2099 09:00:00 +0000")
        first = service.link_contact(session, ticket_for(session, old, language=None), old, settings, language="fr")
        service.link_contact(session, ticket_for(session, future, language=None), future, settings)
        session.commit()
        contact = session.get(Contact, first.contact.id)
        assert contact.first_seen == datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)
        assert contact.first_seen < contact.last_seen <= utcnow()  # a date in the future counts as now
        assert contact.languages == "fr"
