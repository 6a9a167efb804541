"""One ticket per inquirer, through the real pipeline (SQLite and PostgreSQL): replies to a release
are as many tickets as repliers; a follow-up, a colleague's reply-all and a copied participant
join the inquirer's ticket; a stranger in someone's thread opens a related ticket; the office's
own answers are recorded as the team's reply; forwarded inquiries belong to the original sender.
Every scenario also in reverse order, and one message at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from harness.threading_cases import INTERNAL, MEDIA, conversations, eml, traffic
from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import make_engine, session_scope, upgrade
from mediadesk.storage.models import Draft, Message, Ticket, TicketEvent
from mediadesk.worker import pipeline, sweeps

FORWARDS = Path(__file__).parent / "data" / "forwards"


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, tmp_path):
    url = f"sqlite:///{tmp_path / 't.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data", ack_rate_limit=1_000_000,
                             media_address=MEDIA, internal_domains=INTERNAL,
                             auto_send_categories=["interview_request", "information_request"])
    yield settings, engine
    engine.dispose()


def store(engine, raws: list[bytes]) -> list[int]:
    with session_scope(engine) as session:
        return repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="t", source="test")


def run(settings, engine, raws: list[bytes], *, one_by_one: bool = False) -> None:
    ids = store(engine, raws)
    if one_by_one:
        for inbound_id in ids:
            pipeline.process_inbound(engine, inbound_id, settings)
    else:
        pipeline.process_batch(engine, ids, settings)


def tickets_by_message(engine) -> dict[str, Ticket]:
    with Session(engine) as session:
        tickets = {t.id: t for t in session.exec(select(Ticket)).all()}
        return {m.message_id: tickets[m.ticket_id] for m in session.exec(select(Message)).all()}


def assert_one_ticket_per_conversation(engine, mails) -> dict[str, Ticket]:
    on = tickets_by_message(engine)
    groups = conversations(mails)
    ticket_of = {}
    for name, ids in groups.items():
        found = {on[i].id for i in ids}
        assert len(found) == 1, f"conversation {name} is spread over tickets {found}"
        ticket_of[name] = on[next(iter(ids))]
    assert len({t.id for t in ticket_of.values()}) == len(groups), "two conversations share a ticket"
    with Session(engine) as session:
        assert len(session.exec(select(Ticket)).all()) == len(groups)
    return ticket_of


@pytest.mark.parametrize("order", ["as_received", "reversed", "one_by_one"])
def test_a_release_and_its_replies_give_one_ticket_per_inquirer(env, order):
    settings, engine = env
    mails = traffic()
    raws = [m.raw for m in mails]
    run(settings, engine, raws[::-1] if order == "reversed" else raws, one_by_one=order == "one_by_one")
    ticket_of = assert_one_ticket_per_conversation(engine, mails)

    # Each replier is the requester of their own ticket, and each inquirer got an acknowledgement.
    assert ticket_of["j1"].requester_email == "lina@waha-daily.example"
    assert ticket_of["j3"].requester_email == "omar@alakhbar.example"  # not the colleague, whichever came first
    assert ticket_of["j5"].requester_email == "sara.nilsson@gmail.com"
    assert ticket_of["j4"].requester_email == "ben@globewire.example"  # not the spokesperson
    with Session(engine) as session:
        drafts = {d.ticket_id: d for d in session.exec(select(Draft)).all()}
        for key in ("j1", "j2", "j3", "j5", "j6"):
            assert drafts[ticket_of[key].id].to_email == ticket_of[key].requester_email, key
        # Out-of-office replies are ignored, each on a ticket of its own, never acknowledged.
        for key in ("ooo1", "ooo2"):
            assert ticket_of[key].status == "ignored" and ticket_of[key].id not in drafts
        # The stranger in j5's thread: a new ticket of their own, related to j5's.
        assert ticket_of["x5"].requester_email == "tom.holt@gmail.com"
        assert ticket_of["x5"].related_ticket_id == ticket_of["j5"].id
        assert ticket_of["x5"].id in drafts
        # The spokesperson's reply-all: the team's answer on Ben's ticket, not an inquiry.
        j4 = ticket_of["j4"]
        [answer] = session.exec(select(Message).where(Message.message_id == "<s4@imctc.org>")).all()
        assert answer.direction == "out" and answer.from_email == "sam@imctc.org"
        assert j4.acknowledged_at is not None
        kinds = [e.kind for e in session.exec(select(TicketEvent).where(TicketEvent.ticket_id == j4.id))]
        assert "team_reply" in kinds
        j4_draft = drafts.get(j4.id)
        assert j4_draft is None or j4_draft.status == "rejected"  # never acknowledged after the answer
        assert j4.status == "waiting" and j4.category == "media_assets"  # triaged on Ben's words either way
        if order != "reversed":  # Ben's ticket was triaged and drafted first: the draft was withdrawn
            assert j4_draft is not None
        else:  # the answer came first: Ben's mail gets no acknowledgement at all
            assert j4_draft is None


def test_a_stranger_replying_to_a_forwarded_acknowledgement_opens_a_related_ticket(env, smtp_server):
    settings, engine = env
    settings = settings.model_copy(update={"smtp_host": smtp_server.host, "smtp_port": smtp_server.port,
                                           "smtp_tls": "none", "auto_send_categories": []})
    from mediadesk.worker.drafting import approve_draft
    from mediadesk.worker.sending import send_draft

    run(settings, engine, [eml("<q1@mail.example>", "Lina Haddad <lina@waha-daily.example>", "Interview request",
                               "Could your director speak to us on Thursday?")])
    with session_scope(engine) as session:
        draft = session.exec(select(Draft)).one()
        approve_draft(session, draft, "officer")
        draft_id, ack_id = draft.id, draft.message_id
    assert send_draft(engine, draft_id, settings) == "sent"
    # Lina forwards our acknowledgement to a colleague elsewhere, who answers us.
    run(settings, engine, [
        eml("<q2@other.example>", "Paul Roy <paul@other-paper.example>", "Re: [MR-1] Interview request",
            "Could I join the interview?", in_reply_to=ack_id, references=f"<q1@mail.example> {ack_id}"),
        # Lina's own answer to our acknowledgement stays on her ticket.
        eml("<q3@mail.example>", "Lina Haddad <lina@waha-daily.example>", "Re: [MR-1] Interview request",
            "Thank you, we wait.", in_reply_to=ack_id, references=f"<q1@mail.example> {ack_id}"),
    ])
    on = tickets_by_message(engine)
    assert on["<q3@mail.example>"].id == on["<q1@mail.example>"].id
    paul = on["<q2@other.example>"]
    assert paul.id != on["<q1@mail.example>"].id
    assert paul.requester_email == "paul@other-paper.example" and paul.related_ticket_id == on["<q1@mail.example>"].id


def test_the_subject_tag_admits_only_the_requester(env):
    settings, engine = env
    run(settings, engine, [eml("<a1@mail.example>", "Lina <lina@waha-daily.example>", "Interview", "Thursday?")])
    ref = tickets_by_message(engine)["<a1@mail.example>"].ref
    run(settings, engine, [
        eml("<a2@mail.example>", "Lina <lina@waha-daily.example>", f"Re: [{ref}] Interview", "Any news?"),
        eml("<a3@mail.example>", "Mallory <mallory@elsewhere.example>", f"Re: [{ref}] Interview", "Add me."),
        # Even a colleague at the same outlet: the tag is the requester's.
        eml("<a4@mail.example>", "Huda <huda@waha-daily.example>", f"[{ref}] Interview", "Me too."),
    ])
    on = tickets_by_message(engine)
    assert on["<a2@mail.example>"].id == on["<a1@mail.example>"].id
    assert on["<a3@mail.example>"].id != on["<a1@mail.example>"].id
    assert on["<a4@mail.example>"].id != on["<a1@mail.example>"].id


def _forward(name: str, subject: str) -> bytes:
    body = (FORWARDS / f"{name}.txt").read_text()
    return eml(f"<fwd-{name}@imctc.org>", "Sam Spokes <sam@imctc.org>", subject, body,
               date="Wed, 25 Nov 2026 09:00:00 +0300")


FORWARD_CASES = [  # (file, subject, original sender, language)
    ("gmail_en", "Fwd: Interview request about the water summit", "lina@waha-daily.example", "en"),
    ("gmail_fr", "Fwd: Demande d'entretien", "claire.martin@lequotidien.example", "fr"),
    ("gmail_ar", "Fwd: طلب مقابلة", "omar@alakhbar.example", "ar"),
    ("outlook_en", "FW: Interview request about the water summit", "lina@waha-daily.example", "en"),
    ("outlook_fr", "TR: Demande d'entretien", "claire.martin@lequotidien.example", "fr"),
    ("outlook_ar", "إعادة توجيه: طلب مقابلة", "omar@alakhbar.example", "ar"),
    ("apple_en", "Fwd: Interview request about the water summit", "lina@waha-daily.example", "en"),
    ("apple_fr", "Fwd: Demande d'entretien", "claire.martin@lequotidien.example", "fr"),
    ("thunderbird_en", "Fwd: Interview request about the water summit", "lina@waha-daily.example", "en"),
    ("thunderbird_fr", "Tr: Demande d'entretien", "claire.martin@lequotidien.example", "fr"),
    ("thunderbird_ar", "Fwd: طلب مقابلة", "omar@alakhbar.example", "ar"),
]


@pytest.mark.parametrize("name,subject,original,language", FORWARD_CASES, ids=[c[0] for c in FORWARD_CASES])
def test_a_forwarded_inquiry_belongs_to_its_original_sender(env, name, subject, original, language):
    settings, engine = env
    run(settings, engine, [_forward(name, subject)])
    with Session(engine) as session:
        [ticket] = session.exec(select(Ticket)).all()
        assert ticket.requester_email == original
        assert ticket.language == language and ticket.category == "interview_request"  # the original's words
        assert ticket.needs_review and "forwarded by sam@imctc.org" in ticket.review_reason
        [draft] = session.exec(select(Draft)).all()
        assert draft.to_email == original and draft.language == language
        assert draft.status == "pending"  # interview requests auto-send here, but not a forward
        assert "Fwd" not in draft.subject and "TR:" not in draft.subject
        notes = [e.note for e in session.exec(select(TicketEvent).where(TicketEvent.kind == "forwarded"))]
        assert notes and "sam@imctc.org" in notes[0]
        [message] = session.exec(select(Message)).all()
        assert message.from_email == "sam@imctc.org"  # the mail as it came, kept


def test_a_forward_as_attachment_keeps_the_original_message_id(env):
    settings, engine = env
    original = eml("<orig-att@waha-daily.example>", "Lina Haddad <lina@waha-daily.example>", "Interview request",
                   "Could your director speak to us before Thursday 5pm?", to="sam@imctc.org")
    outer = (b"From: Sam Spokes <sam@imctc.org>\r\nTo: media@imctc.org\r\nSubject: Fwd: Interview request\r\n"
             b"Date: Wed, 25 Nov 2026 09:00:00 +0300\r\nMessage-ID: <fwd-att@imctc.org>\r\nMIME-Version: 1.0\r\n"
             b"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
             b"Can you take this?\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n" + original + b"\r\n--b1--\r\n")
    run(settings, engine, [outer])
    # Lina follows up on her own mail, straight to the media address: the same ticket.
    run(settings, engine, [eml("<orig-att-2@waha-daily.example>", "Lina Haddad <lina@waha-daily.example>",
                               "Re: Interview request", "Any news?", in_reply_to="<orig-att@waha-daily.example>")])
    on = tickets_by_message(engine)
    assert on["<fwd-att@imctc.org>"].requester_email == "lina@waha-daily.example"
    assert on["<orig-att-2@waha-daily.example>"].id == on["<fwd-att@imctc.org>"].id
    with Session(engine) as session:
        draft = session.exec(select(Draft)).one()
        assert draft.in_reply_to == "<orig-att@waha-daily.example>"  # threads in Lina's mail client


def test_a_forward_from_outside_the_office_changes_nobody(env):
    """Only the office's own domains can hand a ticket to someone else: a stranger's "forward",
    or a look-alike domain, is an inquiry of its sender."""
    settings, engine = env
    body = (FORWARDS / "gmail_en.txt").read_text()
    run(settings, engine, [
        eml("<f1@evil.example>", "Mallory <mallory@evil.example>", "Fwd: Interview request", body),
        eml("<f2@evil.example>", "Sam <sam@imctc.org.evil.example>", "Fwd: Interview request", body),
    ])
    on = tickets_by_message(engine)
    assert on["<f1@evil.example>"].requester_email == "mallory@evil.example"
    assert on["<f2@evil.example>"].requester_email == "sam@imctc.org.evil.example"


def test_without_internal_domains_a_colleagues_mail_is_an_inquiry(env):
    """MEDIADESK_INTERNAL_DOMAINS unset: nothing is taken for the office's answer or a forward."""
    settings, engine = env
    settings = settings.model_copy(update={"internal_domains": []})
    run(settings, engine, [m.raw for m in traffic() if m.key in ("j4", "s4")])
    on = tickets_by_message(engine)
    assert on["<s4@imctc.org>"].id != on["<j4@mail.example>"].id
    assert on["<s4@imctc.org>"].related_ticket_id == on["<j4@mail.example>"].id


def test_show_lists_related_tickets(env):
    settings, engine = env
    mails = [m for m in traffic() if m.key in ("j5", "x5")]
    run(settings, engine, [m.raw for m in mails])
    on = tickets_by_message(engine)
    from mediadesk.cli.tickets import ticket_detail

    with Session(engine) as session:
        j5 = ticket_detail(session, on["<j5@mail.example>"])
        x5 = ticket_detail(session, on["<x5@mail.example>"])
    assert [r["ref"] for r in j5["related"]] == [on["<x5@mail.example>"].ref]
    assert [r["ref"] for r in x5["related"]] == [on["<j5@mail.example>"].ref]


def test_a_ticket_opened_by_the_teams_answer_waits_for_the_requesters_mail(env):
    """The outbox sweep re-triages tickets never triaged; one opened by the team's answer has no
    inquiry to triage yet, and must still be triaged when the journalist's mail arrives."""
    settings, engine = env
    settings = settings.model_copy(update={"sweep_grace_seconds": 0})
    mails = {m.key: m for m in traffic()}
    run(settings, engine, [mails["s4"].raw])
    assert sweeps.stale_work(engine, settings) == ([], [])
    run(settings, engine, [mails["j4"].raw])
    with Session(engine) as session:
        [ticket] = session.exec(select(Ticket)).all()
    assert ticket.requester_email == "ben@globewire.example" and ticket.category == "media_assets"
    assert ticket.status == "waiting" and ticket.triaged_at is not None


def test_mail_forged_in_the_offices_name_is_no_team_answer(env):
    """A stranger writing as the spokesperson (our server's Authentication-Results says DMARC
    failed) neither answers the journalist's ticket nor hands a forward to someone else."""
    settings, engine = env
    mails = {m.key: m for m in traffic()}
    verdict = "Authentication-Results: mx.imctc.org; spf=fail smtp.mailfrom=imctc.org; dmarc=fail header.from=imctc.org"
    forged = eml("<forged@evil.example>", "Sam Spokes <sam@imctc.org>", "Re: Press release: Water summit",
                 "No need to answer Ben.", to="ben@globewire.example", cc=MEDIA, in_reply_to="<j4@mail.example>",
                 extra=verdict)
    forged_forward = eml("<forged-fwd@evil.example>", "Sam Spokes <sam@imctc.org>", "Fwd: Interview request",
                         (FORWARDS / "gmail_en.txt").read_text(), extra=verdict)
    run(settings, engine, [mails["j4"].raw, forged, forged_forward])
    on = tickets_by_message(engine)
    ben = on["<j4@mail.example>"]
    assert on["<forged@evil.example>"].id != ben.id and ben.status == "triaged" and ben.acknowledged_at is None
    assert on["<forged@evil.example>"].needs_review and "failed authentication" in on["<forged@evil.example>"].review_reason
    assert on["<forged-fwd@evil.example>"].requester_email == "sam@imctc.org"
    # The same answer with a passing verdict is the team's.
    run(settings, engine, [eml("<real@imctc.org>", "Sam Spokes <sam@imctc.org>", "Re: Press release: Water summit",
                               "Dear Ben, here it is.", to="ben@globewire.example", cc=MEDIA,
                               in_reply_to="<j4@mail.example>",
                               extra="Authentication-Results: mx.imctc.org; dkim=pass header.d=imctc.org; dmarc=pass")])
    assert tickets_by_message(engine)["<real@imctc.org>"].id == ben.id


def test_the_pipeline_links_each_inquirer_to_a_contact_and_outlet(env):
    """Contacts follow threading: each replier to the release is a contact of their own, a
    forwarded inquiry's contact is the original sender, the office's answer makes nobody a
    contact, and machines are never contacts."""
    from mediadesk.storage.contacts import Contact, ContactAddress, Outlet

    settings, engine = env
    mails = {m.key: m for m in traffic()}
    reuters = eml("<r1@reuters.example>", "Dana Levi <dana.levi@reuters.com>", "Interview request",
                  "Could your director speak to us on Thursday?\n\nDana Levi\nCorrespondent | Reuters\n")
    run(settings, engine, [reuters, mails["j4"].raw, mails["s4"].raw, mails["ooo1"].raw,
                           _forward("gmail_en", "Fwd: Interview request about the water summit")])
    with Session(engine) as session:
        addresses = {a.email: a.contact_id for a in session.exec(select(ContactAddress)).all()}
        assert set(addresses) == {"dana.levi@reuters.com", "ben@globewire.example", "lina@waha-daily.example"}
        dana = session.get(Contact, addresses["dana.levi@reuters.com"])
        assert session.get(Outlet, dana.outlet_id).name == "Reuters" and dana.languages.startswith("en")
        for ticket in session.exec(select(Ticket)).all():
            expected = addresses.get(ticket.requester_email)
            assert ticket.contact_id == expected, ticket.requester_email


def test_mail_forged_in_a_journalists_name_joins_no_conversation(env):
    """A stranger writing as the journalist, or as a colleague at their outlet, whose mail our
    server found forged (DMARC failed), gets a ticket of its own: the journalist's is untouched."""
    settings, engine = env
    verdict = "Authentication-Results: mx.imctc.org; dkim=none; dmarc=fail header.from=waha-daily.example"
    run(settings, engine, [eml("<l1@mail.example>", "Lina <lina@waha-daily.example>", "Interview", "Thursday?")])
    ref = tickets_by_message(engine)["<l1@mail.example>"].ref
    run(settings, engine, [
        eml("<f1@evil.example>", "Lina <lina@waha-daily.example>", "Re: Interview", "Cancel it.",
            in_reply_to="<l1@mail.example>", extra=verdict),
        eml("<f2@evil.example>", "Huda <huda@waha-daily.example>", f"Re: [{ref}] Interview", "Cancelled.",
            extra=verdict),
    ])
    on = tickets_by_message(engine)
    lina = on["<l1@mail.example>"]
    assert on["<f1@evil.example>"].id != lina.id and on["<f2@evil.example>"].id != lina.id
    assert on["<f1@evil.example>"].related_ticket_id == lina.id


def test_threading_locks_only_the_conversations_that_meet(pg_url):
    """On PostgreSQL two transactions threading unrelated mail proceed side by side; two that
    share a conversation key (a reply and its parent, two replies to one release) wait for
    each other, so they cannot both open a ticket."""
    import threading

    from sqlmodel import Session as Plain

    from mediadesk.worker import thread as core
    from mediadesk.worker.steps.thread import lock_conversations

    upgrade(pg_url)
    engine = make_engine(pg_url)
    release = core.Facts(message_id="<a1@x>", refs=("<release@imctc.org>",), sender="a@x")
    sibling = core.Facts(message_id="<b1@y>", refs=("<release@imctc.org>",), sender="b@y")
    unrelated = core.Facts(message_id="<c1@z>", refs=(), sender="c@z")

    def second_waits(other: core.Facts) -> bool:
        with Plain(engine) as holder:
            lock_conversations(holder, [release])
            done = threading.Event()

            def contender():
                with Plain(engine) as session:
                    lock_conversations(session, [other])
                    done.set()
                    session.rollback()

            worker = threading.Thread(target=contender)
            worker.start()
            waited = not done.wait(1.0)
            holder.rollback()  # releases the transaction's advisory locks
            worker.join(10)
            assert done.is_set()
            return waited

    assert second_waits(sibling) is True
    assert second_waits(unrelated) is False
    engine.dispose()


def test_a_colleagues_reply_quoting_a_journalist_is_no_forward(env):
    """Outlook opens a quoted reply with the same rule and From/Sent/To/Subject block as a
    forward: a colleague's "RE:" to the media address stays the colleague's own message."""
    settings, engine = env
    body = (FORWARDS / "outlook_en.txt").read_text().replace("FYI - can the media team answer?", "I told her yes.")
    run(settings, engine, [eml("<re-1@imctc.org>", "Sam Spokes <sam@imctc.org>", "RE: Interview request", body)])
    assert tickets_by_message(engine)["<re-1@imctc.org>"].requester_email == "sam@imctc.org"


def test_a_bounce_from_the_offices_own_server_is_no_forward(env):
    """A delivery report our own server sends attaches a message too: a machine's notice."""
    settings, engine = env
    original = eml("<o-1@waha-daily.example>", "Lina <lina@waha-daily.example>", "Interview", "Thursday?")
    report = (b"From: MAILER-DAEMON@mx.imctc.org\r\nTo: media@imctc.org\r\nSubject: Undelivered Mail\r\n"
              b"Message-ID: <bounce-1@mx.imctc.org>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
              b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n--r\r\n"
              b"Content-Type: text/plain\r\n\r\nDelivery failed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n"
              b"Final-Recipient: rfc822; x@y.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--r\r\n"
              b"Content-Type: message/rfc822\r\n\r\n" + original + b"\r\n--r--\r\n")
    run(settings, engine, [report])
    ticket = tickets_by_message(engine)["<bounce-1@mx.imctc.org>"]
    assert ticket.requester_email.lower() == "mailer-daemon@mx.imctc.org" and ticket.category == "automated"


def _form(reply_to: str | None, msgid: str) -> bytes:
    extra = "Auto-Submitted: auto-generated\nX-Mailer: WPForms Notifications"
    if reply_to:
        extra += f"\nReply-To: {reply_to}"
    body = ('A new submission was received from the form "Media enquiries" on imctc.org.\n\n'
            "Submitted: 25/11/2026 09:12\nName: Lina Haddad\nOutlet: Waha Daily\n"
            "Email: lina@waha-daily.example\nRequest type: Interview\n\nMessage:\n"
            "Could your director give us a 15-minute phone interview about the water summit? "
            "We publish on Friday, so I would need an answer by Thursday 26 November.\n\n"
            "Consent to data processing: Yes\n--\nThis notification was generated automatically by the website form system.")
    return eml(msgid, "IMCTC Website <noreply@imctc.org>", "[Media enquiries] New submission - Interview", body,
               extra=extra, date="Wed, 25 Nov 2026 09:12:00 +0300")


def test_a_website_forms_notification_is_the_submitters_inquiry(env):
    """The office's contact form mails the media address from a no-reply sender, marked
    auto-generated: what it carries is a journalist's request, triaged as theirs and
    acknowledged at the Reply-To the form mailer sets to them."""
    settings, engine = env
    run(settings, engine, [_form("Lina Haddad <lina@waha-daily.example>", "<form-1@imctc.org>"),
                           _form(None, "<form-2@imctc.org>")])  # a form mailer that sets no Reply-To
    with Session(engine) as session:
        tickets = session.exec(select(Ticket).order_by(Ticket.id)).all()
        assert len(tickets) == 2
        for ticket in tickets:
            assert ticket.category == "interview_request" and ticket.automated_kind is None
            assert ticket.requester_email == "lina@waha-daily.example"
            assert ticket.deadline is not None and ticket.deadline.day == 26
            # The address was typed into a web page: a person approves the acknowledgement.
            assert ticket.needs_review and "website form" in ticket.review_reason
        drafts = session.exec(select(Draft)).all()
        assert [d.to_email for d in drafts] == ["lina@waha-daily.example"] * 2
        assert all(d.status == "pending" for d in drafts)  # interview requests auto-send here, not these
        assert "New submission" not in drafts[0].body_text


def test_a_strangers_form_notification_changes_nobody(env):
    """Only the office's own website hands a ticket to a typed address: the same notification from
    outside is its sender's mail, and a typed address of the office's own is nobody's."""
    settings, engine = env
    outside = _form(None, "<form-x@evil.example>").replace(b"<noreply@imctc.org>", b"<noreply@evil.example>")
    ours = _form(None, "<form-y@imctc.org>").replace(b"lina@waha-daily.example", b"media@imctc.org")
    run(settings, engine, [outside, ours])
    on = tickets_by_message(engine)
    assert on["<form-x@evil.example>"].requester_email == "noreply@evil.example"
    assert on["<form-y@imctc.org>"].requester_email != "media@imctc.org"
    with Session(engine) as session:
        assert not [d for d in session.exec(select(Draft)).all() if d.to_email in ("noreply@evil.example", "media@imctc.org")]
