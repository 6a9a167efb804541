"""Sending acknowledgements through a real SMTP server (aiosmtpd on 127.0.0.1): at most once."""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import socket
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mediadesk.settings import Settings
from mediadesk.storage.db import engine_for, upgrade
from mediadesk.storage.models import Draft, Message, Ticket, TicketEvent, utcnow
from mediadesk.worker import sending
from mediadesk.worker.drafting import approve_draft, build_email, create_draft
from mediadesk.worker.drafting.testing import inquiry_bytes, stand_in_from_bytes
from mediadesk.worker.sending import TransientSendError, resolve_uncertain, send_draft

MSGID_RE = re.compile(r"^<mediadesk\.MR-\d+\.[0-9a-f]{16}@imctc\.example>$")
EXPECTED_HEADERS = {"from", "to", "subject", "date", "message-id", "in-reply-to", "references", "auto-submitted",
                    "x-auto-response-suppress", "precedence", "content-language", "mime-version", "content-type"}


def make_settings(tmp_path, port: int, **extra) -> Settings:
    return Settings(_env_file=None, media_address="media@imctc.example", organisation="IMCTC Media Centre",
                    signature="Media Relations Team", database_url=f"sqlite:///{tmp_path / 'md.db'}",
                    smtp_host="127.0.0.1", smtp_port=port, smtp_tls="none", **extra)


@pytest.fixture
def settings(tmp_path, smtp_server) -> Settings:
    return make_settings(tmp_path, smtp_server.port)


@pytest.fixture
def engine(settings):
    upgrade(settings.database_url)
    return engine_for(settings.database_url)


def approved_draft(engine, settings, raw: bytes | None = None, **triage) -> int:
    with Session(engine, expire_on_commit=False) as session:
        ticket, message, parsed = stand_in_from_bytes(session, raw or inquiry_bytes(), **triage)
        draft, reason = create_draft(session, ticket, message, parsed, settings)
        assert draft is not None, reason
        approve_draft(session, draft, "amal")
        session.commit()
        return draft.id


def lease_runs_out(engine, draft_id: int) -> None:
    """Move the draft's send lease into the past, as if SEND_LEASE had gone by."""
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        draft.send_lease_until = utcnow() - timedelta(seconds=1)
        session.add(draft)
        session.commit()


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def header_names(msg) -> set[str]:
    return {name.lower() for name in msg.keys()}


def test_approved_draft_is_delivered_once_threaded_and_acknowledges_the_ticket(engine, settings, smtp_server):
    draft_id = approved_draft(engine, settings, category="interview_request")
    assert send_draft(engine, draft_id, settings) == "sent"
    assert send_draft(engine, draft_id, settings) == "already_sent"
    [mail] = smtp_server.wait_for(1)
    assert len(smtp_server.messages) == 1
    assert mail.mail_from == "media@imctc.example" and mail.rcpt_tos == ["lama@asharq.example"]
    msg = parse(mail.data)
    assert header_names(msg) == EXPECTED_HEADERS
    assert msg["From"] == "IMCTC Media Centre <media@imctc.example>"
    assert msg["To"] == "Lama Al-Fahad <lama@asharq.example>"
    assert re.fullmatch(r"Re: Interview request \[MR-\d+\]", msg["Subject"])
    assert msg["In-Reply-To"] == "<inq-1@asharq.example>"
    assert msg["References"] == "<inq-1@asharq.example>"
    assert MSGID_RE.match(msg["Message-ID"])
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["Precedence"] == "auto_reply"
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "spokesperson's office" in plain and 'dir="ltr"' in html and 'lang="en"' in html
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        ticket = session.get(Ticket, draft.ticket_id)
        assert draft.status == "sent" and draft.sent_at is not None and draft.send_attempts == 1
        assert ticket.status == "acknowledged" and ticket.acknowledged_at is not None
        out = session.exec(select(Message).where(Message.ticket_id == ticket.id, Message.direction == "out")).one()
        assert out.message_id == msg["Message-ID"] and out.subject == msg["Subject"]
        assert out.to == "Lama Al-Fahad <lama@asharq.example>" and "spokesperson" in out.body_text
        kinds = [(e.kind, e.to_status) for e in session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id))]
        assert ("send", None) in kinds and ("status", "acknowledged") in kinds


def test_arabic_acknowledgement_is_right_to_left(engine, settings, smtp_server):
    raw = inquiry_bytes(subject="طلب صور", sender="=?utf-8?b?2YTZhdmJINin2YTZgdmH2K8=?= <lama@asharq.example>")
    draft_id = approved_draft(engine, settings, raw, category="media_assets", language="ar")
    assert send_draft(engine, draft_id, settings) == "sent"
    msg = parse(smtp_server.wait_for(1)[0].data)
    assert msg["Content-Language"] == "ar"
    assert msg["To"] == "لمى الفهد <lama@asharq.example>"
    assert re.fullmatch(r"Re: طلب صور \[MR-\d+\]", msg["Subject"])
    html = msg.get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html and 'dir="rtl" lang="ar"' in html
    assert "الأستاذ/ة لمى الفهد" in msg.get_body(("plain",)).get_content()


INJECTION = "Eve\r\nBcc: victim@evil.example\r\nX-Injected: yes"


def test_crlf_in_subject_or_display_name_never_makes_a_header(engine, settings, smtp_server):
    # Through the parser: an encoded-word hiding CR/LF in the display name and the subject.
    raw = (b"From: =?utf-8?q?Eve=0D=0ABcc=3A_victim?= <eve@asharq.example>\r\n"
           b"To: media@imctc.example\r\n"
           b"Subject: =?utf-8?q?Hi=0D=0AX-Injected:_yes?=\r\n"
           b"Message-ID: <inq-1@asharq.example>\r\n"
           b"Date: Tue, 17 Sep 2019 10:00:00 +0300\r\n\r\nHello\r\n")
    first = approved_draft(engine, settings, raw)
    # Straight into a draft, bypassing every earlier cleaning step.
    second = approved_draft(engine, settings, inquiry_bytes(message_id="<inq-2@asharq.example>"))
    with Session(engine) as session:
        draft = session.get(Draft, second)
        draft.to_name, draft.subject = INJECTION, "Re: " + INJECTION + "\n\nbody?"
        draft.in_reply_to = "<inq-2@asharq.example>\r\nX-Injected: yes"
        session.add(draft)
        session.commit()
    assert send_draft(engine, first, settings) == "sent"
    assert send_draft(engine, second, settings) == "sent"
    mails = smtp_server.wait_for(2)
    for mail in mails:
        msg = parse(mail.data)
        assert header_names(msg) <= EXPECTED_HEADERS
        assert "bcc" not in header_names(msg) and "x-injected" not in header_names(msg)
        assert mail.rcpt_tos in (["eve@asharq.example"], ["lama@asharq.example"])
        assert not msg.defects
        head = mail.data.split(b"\r\n\r\n", 1)[0]
        assert not re.search(rb"^(Bcc|X-Injected):", head, re.MULTILINE | re.IGNORECASE)
    second_msg = parse(mails[1].data)
    assert second_msg["In-Reply-To"] == "<inq-2@asharq.example>"
    assert "\n" not in str(second_msg["Subject"]) and "X-Injected: yes" in str(second_msg["Subject"])


def test_an_address_hidden_in_an_encoded_display_name_does_not_become_the_recipient(engine, settings, smtp_server):
    raw = (b"From: =?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?= <eve@asharq.example>\r\n"
           b"Subject: Hi\r\nMessage-ID: <inq-3@asharq.example>\r\n\r\nHello\r\n")
    assert send_draft(engine, approved_draft(engine, settings, raw), settings) == "sent"
    assert smtp_server.wait_for(1)[0].rcpt_tos == ["eve@asharq.example"]


def test_crash_between_smtp_reply_and_commit_never_resends(engine, settings, smtp_server):
    draft_id = approved_draft(engine, settings)

    def crash():
        raise KeyboardInterrupt("worker killed after the server said 250")

    with pytest.raises(KeyboardInterrupt):
        send_draft(engine, draft_id, settings, before_record=crash)
    assert len(smtp_server.wait_for(1)) == 1
    with Session(engine) as session:
        assert session.get(Draft, draft_id).status == "sending"
    # The task is redelivered (acks_late) at once: the attempt's lease is alive, nothing happens.
    assert send_draft(engine, draft_id, settings) == "sending"
    lease_runs_out(engine, draft_id)
    # Run again, twice, after the lease ran out: no second delivery.
    assert send_draft(engine, draft_id, settings) == "uncertain"
    assert send_draft(engine, draft_id, settings) == "uncertain"
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft.status == "uncertain" and "may have been delivered" in draft.error
        assert session.get(Ticket, draft.ticket_id).status == "triaged"
    assert len(smtp_server.messages) == 1
    # A human checked the recipient's mailbox: it did arrive.
    assert resolve_uncertain(engine, draft_id, settings, delivered=True, actor="amal") == "sent"
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft.status == "sent" and session.get(Ticket, draft.ticket_id).status == "acknowledged"
    assert send_draft(engine, draft_id, settings) == "already_sent"
    assert len(smtp_server.messages) == 1


def test_uncertain_draft_is_resent_only_on_a_human_decision(engine, settings, smtp_server):
    draft_id = approved_draft(engine, settings)
    with pytest.raises(RuntimeError):
        send_draft(engine, draft_id, settings, before_record=lambda: (_ for _ in ()).throw(RuntimeError("db gone")))
    lease_runs_out(engine, draft_id)
    assert send_draft(engine, draft_id, settings) == "uncertain"
    assert resolve_uncertain(engine, draft_id, settings, delivered=False, actor="amal") == "approved"
    assert send_draft(engine, draft_id, settings) == "sent"
    assert len(smtp_server.wait_for(2)) == 2


def test_not_approved_drafts_are_not_sent(engine, settings, smtp_server):
    with Session(engine, expire_on_commit=False) as session:
        ticket, message, parsed = stand_in_from_bytes(session, inquiry_bytes())
        draft, _ = create_draft(session, ticket, message, parsed, settings)
        session.commit()
    assert send_draft(engine, draft.id, settings) == "not_approved"
    assert send_draft(engine, 999_999, settings) == "not_found"
    assert smtp_server.messages == []


# --------------------------------------------------------------------------- failures


class ScriptedHandler:
    """An SMTP server whose RCPT and DATA replies the test chooses."""

    def __init__(self):
        self.rcpt_reply: str | None = None
        self.data_reply: str | None = None
        self.data_delay = 0.0
        self.received: list[bytes] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_delay:
            self.received.append(envelope.original_content)  # taken, but the reply comes too late
            await asyncio.sleep(self.data_delay)
            return "250 OK"
        if self.data_reply:
            return self.data_reply
        self.received.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def scripted():
    from aiosmtpd.controller import Controller

    handler = ScriptedHandler()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=10, decode_data=False)
    controller.start()
    handler.port = port
    yield handler
    controller.stop()


@pytest.fixture
def scripted_setup(tmp_path, scripted):
    settings = make_settings(tmp_path, scripted.port, max_attempts=3)
    upgrade(settings.database_url)
    return engine_for(settings.database_url), settings


def draft_row(engine, draft_id) -> Draft:
    with Session(engine) as session:
        return session.get(Draft, draft_id)


def test_transient_failure_retries_then_sends(scripted_setup, scripted):
    engine, settings = scripted_setup
    draft_id = approved_draft(engine, settings)
    scripted.rcpt_reply = "451 4.3.0 try again later"
    with pytest.raises(TransientSendError):
        send_draft(engine, draft_id, settings)
    draft = draft_row(engine, draft_id)
    assert draft.status == "approved" and draft.send_attempts == 1 and "451" in draft.error
    scripted.rcpt_reply = None
    assert send_draft(engine, draft_id, settings) == "sent"
    assert len(scripted.received) == 1 and draft_row(engine, draft_id).send_attempts == 2


def test_permanent_failure_parks_the_draft(scripted_setup, scripted):
    engine, settings = scripted_setup
    draft_id = approved_draft(engine, settings)
    scripted.data_reply = "554 5.7.1 message rejected"
    assert send_draft(engine, draft_id, settings) == "failed"
    draft = draft_row(engine, draft_id)
    assert draft.status == "failed" and "554" in draft.error
    assert send_draft(engine, draft_id, settings) == "failed"  # not retried by itself
    assert scripted.received == []


def test_attempts_are_bounded(scripted_setup, scripted):
    engine, settings = scripted_setup
    draft_id = approved_draft(engine, settings)
    scripted.rcpt_reply = "421 4.4.5 busy"
    for _ in range(3):
        with pytest.raises(TransientSendError):
            send_draft(engine, draft_id, settings)
    assert send_draft(engine, draft_id, settings) == "failed"
    assert "gave up after 3 attempts" in draft_row(engine, draft_id).error


def test_server_unreachable_is_transient(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    settings = make_settings(tmp_path, port)
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    draft_id = approved_draft(engine, settings)
    with pytest.raises(TransientSendError):
        send_draft(engine, draft_id, settings)
    assert draft_row(engine, draft_id).status == "approved"


def test_lost_reply_after_data_is_uncertain_not_retried(scripted_setup, scripted, monkeypatch):
    engine, settings = scripted_setup
    monkeypatch.setattr(sending, "SMTP_TIMEOUT", 1.0)
    draft_id = approved_draft(engine, settings)
    scripted.data_delay = 3.0
    assert send_draft(engine, draft_id, settings) == "uncertain"
    assert send_draft(engine, draft_id, settings) == "uncertain"
    assert len(scripted.received) == 1 and draft_row(engine, draft_id).status == "uncertain"


def test_build_email_alone(tmp_path):
    settings = make_settings(tmp_path, 25)
    draft = Draft(ticket_id=1, to_email="a@b.example", to_name="A, B", subject="Re: x [MR-1]", body_text="Hello\n",
                  body_html=None, in_reply_to=None, references=None, message_id=None, language="fr")
    msg = build_email(draft, settings)
    assert msg.get_content_type() == "text/plain" and msg["To"] == '"A, B" <a@b.example>'
    assert MSGID_RE.match(msg["Message-ID"].replace("mediadesk.ack.", "mediadesk.MR-0."))
    assert "In-Reply-To" not in msg


# --------------------------------------------------------------------------- Sent folder


def test_copy_goes_to_the_sent_folder(tmp_path, smtp_server, imap_account, dovecot):
    settings = make_settings(tmp_path, smtp_server.port, sent_folder="Sent", imap_host=imap_account.host,
                             imap_port=imap_account.port, imap_ssl=False, imap_user=imap_account.user,
                             imap_password=imap_account.password)
    with dovecot.client(imap_account.user) as client:
        if not client.folder_exists("Sent"):
            client.create_folder("Sent")
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    draft_id = approved_draft(engine, settings)
    assert send_draft(engine, draft_id, settings) == "sent"
    [copy] = dovecot.fetch(imap_account.user, "Sent").values()
    assert parse(copy)["Message-ID"] == parse(smtp_server.wait_for(1)[0].data)["Message-ID"]


def test_sent_folder_failure_is_not_fatal(tmp_path, smtp_server):
    settings = make_settings(tmp_path, smtp_server.port, sent_folder="Sent", imap_host="127.0.0.1", imap_port=1,
                             imap_ssl=False, imap_user="x", imap_password="y")
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    assert send_draft(engine, approved_draft(engine, settings), settings) == "sent"
