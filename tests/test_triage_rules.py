"""Triage rules on small messages built here: each automated-mail rule, the hard negatives,
language on short and mixed text, and relative deadlines in Arabic, English and French."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from mediadesk.settings import load_settings
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage import TriageDecision, triage
from mediadesk.worker.triage.deadline import find_deadline
from mediadesk.worker.triage.language import detect_language
from mediadesk.worker.triage.rules import RulesError, load_rules, parse_rules
from mediadesk.worker.triage.text import split_body

SETTINGS = load_settings(_env_file=None)
LANGS = tuple(SETTINGS.languages)
# Tuesday 17 September 2019, 15:00 in Riyadh.
SENT = datetime(2019, 9, 17, 15, 0, tzinfo=timezone(timedelta(hours=3)))


def eml(body: str, subject: str = "Question", *, sender: str = "Jane Reporter <jane@news.example>",
        date: datetime | None = SENT, headers: dict[str, str] | None = None, **extra) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "media@office.example"
    msg["Subject"] = subject
    if date is not None:
        msg["Date"] = format_datetime(date)
    msg["Message-ID"] = "<t1@news.example>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes()


def run(body: str, subject: str = "Question", **kw) -> TriageDecision:
    return triage(parse_message(eml(body, subject, **kw)), settings=SETTINGS)


INQUIRY = ("Dear press office,\n\nI am a reporter with The Daily Example. Could you tell me how many member "
           "countries the coalition has, and send me a statement on the new programme?\n\nBest,\nJane")


# --------------------------------------------------------------------------- automated mail


@pytest.mark.parametrize("name, value, kind", [
    ("Auto-Submitted", "auto-replied", "auto_reply"),
    ("Auto-Submitted", "auto-generated", "auto_reply"),
    ("X-Autoreply", "yes", "auto_reply"),
    ("X-Autorespond", "Yes", "auto_reply"),
    ("Precedence", "auto_reply", "auto_reply"),
    ("X-Failed-Recipients", "someone@example.org", "bounce"),
    ("List-Id", "Weekly digest <digest.lists.example.org>", "bulk"),
    ("Precedence", "junk", "bulk"),
    ("Precedence", "list", "bulk"),
])
def test_automated_headers(name, value, kind):
    d = run("Some text that carries no request of its own.", "Hello", headers={name: value})
    assert (d.category, d.automated_kind, d.priority, d.deadline) == ("automated", kind, "low", None)
    assert any(name.lower() in line.lower() for line in d.explanation)


def test_auto_submitted_no_is_human():
    d = run(INQUIRY, headers={"Auto-Submitted": "no"})
    assert d.automated_kind is None


def test_x_auto_response_suppress_with_list_unsubscribe_is_bulk():
    d = run("Our monthly news.", "News", headers={"X-Auto-Response-Suppress": "All",
                                                  "List-Unsubscribe": "<https://example.org/u>"})
    assert d.automated_kind == "bulk"


def test_precedence_bulk_alone_stays_human():
    # Forwarders stamp "Precedence: bulk" on people's mail; on its own it decides nothing.
    d = run(INQUIRY, "Re: Fwd: budget", headers={"Precedence": "bulk"})
    assert d.automated_kind is None and d.category == "information_request"


def test_null_return_path():
    d = run("Your message about the workshop was received.", "Re: workshop", headers={"Return-Path": "<>"})
    assert d.category == "automated" and d.automated_kind == "auto_reply"


def test_mailer_daemon_sender_is_bounce():
    d = run("Delivery to the following recipient failed permanently:\n\n  editor@paper.example\n",
            "Delivery Status Notification (Failure)", sender="Mail Delivery Subsystem <mailer-daemon@googlemail.com>")
    assert d.automated_kind == "bounce"


def test_postmaster_needs_bounce_wording():
    human = run(INQUIRY, "Question about the budget", sender="Postmaster <postmaster@paper.example>")
    assert human.automated_kind is None
    bounce = run("Your message could not be delivered: mailbox full.", "Undeliverable: hello",
                 sender="postmaster@paper.example")
    assert bounce.automated_kind == "bounce"


def test_plain_text_bounce_without_headers():
    body = ("Hi. This is the qmail-send program at mail.example.net.\nI'm afraid I wasn't able to deliver "
            "your message to the following addresses.\nThis is a permanent error; I've given up.\n\n"
            "<desk@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)\n")
    assert run(body, "failure notice", sender="someone@mail.example.net").automated_kind == "bounce"


def test_multipart_report_delivery_status():
    raw = (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        b"To: media@office.example\r\nSubject: Delayed Mail (still being retried)\r\n"
        b"Date: Tue, 17 Sep 2019 15:00:00 +0300\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
        b"--b1\r\nContent-Type: text/plain\r\n\r\nThis is the mail system at host mx.example.org.\r\n"
        b"THIS IS A WARNING ONLY.\r\n"
        b"--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
        b"Final-Recipient: rfc822; desk@paper.example\r\nAction: delayed\r\nStatus: 4.4.1\r\n"
        b"--b1--\r\n"
    )
    d = triage(parse_message(raw), settings=SETTINGS)
    assert d.automated_kind == "bounce"
    assert any("delivery report" in line or "delivery-status" in line for line in d.explanation)


def test_read_receipt_is_an_auto_reply():
    raw = (
        b"From: Joe <joe@example.org>\r\nTo: media@office.example\r\nSubject: Read: invitation\r\n"
        b"Date: Tue, 17 Sep 2019 15:00:00 +0300\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b2\"\r\n\r\n"
        b"--b2\r\nContent-Type: text/plain\r\n\r\nYour message was displayed.\r\n"
        b"--b2\r\nContent-Type: message/disposition-notification\r\n\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n"
        b"--b2--\r\n"
    )
    assert triage(parse_message(raw), settings=SETTINGS).automated_kind == "auto_reply"


@pytest.mark.parametrize("subject, body", [
    ("Automatic reply: Query about the workshop", "I am away and will reply when I am back."),
    ("Out of Office", "Thank you for your mail. I am on annual leave until 21 July and will respond on my return."),
    ("Réponse automatique : votre message", "Je suis absente jusqu'au 26 août."),
    ("Absence du bureau", "Merci pour votre message. Je vous répondrai dès mon retour."),
    ("رد آلي: استفسار", "شكرا على رسالتك."),
    ("خارج المكتب", "أنا حالياً في إجازة حتى 14 نوفمبر، وسيتم الاطلاع على بريدكم عند عودتي."),
    ("Re: your mail", "Je suis en congés jusqu'au 26 août, avec un accès très limité à mes e-mails. "
                      "Je vous répondrai dès mon retour."),
    ("RE: Invitation", "شكراً لتواصلكم، تم استلام رسالتكم وسيتم الرد عليكم في أقرب وقت ممكن."),
    ("Re: Request", "Thank you for contacting us. We have received your message and will get back to you "
                    "within two business days."),
    # Travelling, and "will reply when I'm back" (set AS).
    ("Re: Invitation to the briefing", "Thanks for your message. I'm travelling from Monday 7 December to Friday 11 "
                                       "December and will reply when I'm back. If it's urgent, please call my colleague Lina."),
    # A ticket system's tag before its acknowledgement (set AT).
    ("[Case #20931] We have received your request", "Your case number is 20931. Our team will answer within "
                                                   "3 working days. Please do not reply to this email."),
    # Under a reply's subject that names a conference: the subject is the letter replied to (set BF).
    ("رد: استفسار", "شكراً لرسالتك. لن أتمكن من الرد حتى ٢٢ ديسمبر. للأمور المستعجلة يرجى الاتصال بمكتب المركز."),
    ("رد: مؤتمر التحالف", "شكراً لرسالتك.\nأنا في إجازة حتى ٢٢ ديسمبر ولن أتمكن من الرد قبل ذلك. للأمور المستعجلة يرجى التواصل مع مكتب المركز."),
])
def test_auto_replies_without_headers(subject, body):
    d = run(body, subject)
    assert (d.category, d.automated_kind) == ("automated", "auto_reply"), d.explanation


# Acknowledgements that say a machine wrote them, while naming the interviews, accreditation and
# corrections they cannot take (set CW's class, in words written here).
@pytest.mark.parametrize("subject, body, sender", [
    ("Received: Press release on the regional workshop",
     "This is an automated acknowledgement from the newsdesk. We receive thousands of releases and cannot answer each "
     "one.\n\n * Interview requests with our correspondents: interviews@wire.example\n * Accreditation for our "
     "events: events@wire.example", "Newsdesk <desk@wire.example>"),
    ("Re: Interview request - training in the Sahel",
     "Automated response:\n\nOn assignment in the field until 30 November with no reliable connection. I will "
     "get back to you about the interview when I return.", "Moussa <moussa@radio.example>"),
    ("Case 4471: your message has been received",
     "Your message has been logged as case 4471. Please note that this mailbox cannot handle interview requests "
     "or press accreditation; please write to the section editor.\n\nThis is an automatically generated email.",
     "Reader Services <noreply@paper.example>"),
    ("[Ticket #5521] We received your request",
     "Thank you for contacting us. Your request regarding \"Correction - report aired 16 November\" has been logged as "
     "ticket #5521. Our standards team will respond within 3 business days. Please keep the ticket number in the "
     "subject when replying.", "Audience Services <support@tv.example>"),
    ("[SC-4482] Re: Op-ed invitation",
     "Thank you for contacting Reader Services. Your request has been logged under reference #SC-4482 and our team "
     "aims to respond within 2 working days. This mailbox is not monitored for editorial submissions.",
     "Reader Services <readers@paper.example>"),
    ("إشعار استلام طلب",
     "تم استلام طلبكم لتغطية المؤتمر الصحفي وتصوير الفعالية، وسيتم الرد خلال ثلاثة أيام عمل. "
     "هذه رسالة تلقائية، يرجى عدم الرد عليها.", "بوابة الطلبات <noreply@portal.example>"),
])
def test_a_body_that_says_a_machine_wrote_it_is_an_auto_reply(subject, body, sender):
    d = run(body, subject, sender=sender)
    assert (d.category, d.automated_kind) == ("automated", "auto_reply"), d.explanation
    assert d.deadline is None


def test_a_person_who_quotes_an_automated_acknowledgement_stays_human():
    body = ("Hello,\n\nI got an automated response from your portal saying 'This is an automated acknowledgement, "
            "your request will be answered within three working days', but our crew films tomorrow. Could you "
            "confirm our accreditation for the press conference today?\n\nLeila, Gulf TV")
    d = run(body, "Accreditation for tomorrow's press conference")
    assert d.automated_kind is None and d.category == "event_accreditation", d.explanation


def test_newsletter_with_list_headers_is_bulk():
    body = ("In this issue:\n- Sahel: new attack\n- Gulf security forum\n\nRead more on our site.\n\n"
            "You are receiving this email because you subscribed to our newsletter. Unsubscribe.")
    d = run(body, "The weekly briefing", sender="News <newsletter@think.example>",
            headers={"List-Id": "<weekly.think.example>", "List-Unsubscribe": "<https://think.example/u>",
                     "Precedence": "bulk"})
    assert d.automated_kind == "bulk"


def test_a_numbered_newsletter_that_invites_replies_is_bulk_not_a_request():
    # Set CK (words written here): a trade newsletter's "tell us - reply by Friday" over its list
    # headers; the issue number and the forwarded-reader line are the newsletter's own.
    body = ("Good morning, and welcome to issue #87.\n\nTHIS WEEK\n- A regional channel is hiring a news editor.\n"
            "- Podcasts keep growing.\n\nQUESTION OF THE WEEK\nPress offices now book podcast interviews online. Is "
            "that good for reporters? Tell us - reply by Friday and we may quote you.\n\nForwarded this email? Subscribe at brief.example\nUnsubscribe: https://brief.example/u")
    d = run(body, "The Media Brief #87: hiring, podcasts and phone interviews", sender="The Media Brief <newsletter@brief.example>",
            headers={"List-Id": "<brief.example>", "List-Unsubscribe": "<https://brief.example/u>", "Precedence": "bulk"})
    assert (d.category, d.automated_kind, d.deadline) == ("automated", "bulk", None), d.explanation


def test_a_booking_tools_reauthentication_threat_is_spam():
    # Set CK: phishing that borrows a scheduling tool's "interview bookings" and counts hours.
    body = ("Hello,\n\nWe could not verify your calendar connection. Your upcoming interview bookings (2) will be "
            "cancelled unless you re-authenticate within 12 hours.\n\nRe-authenticate now\n\nBookly Trust & Safety")
    d = run(body, "Action needed: your calendar will be disconnected", sender="Bookly <security@bookly-accounts.example>")
    assert (d.category, d.deadline) == ("spam", None), d.explanation


def test_spam_with_list_unsubscribe_is_spam_not_bulk():
    body = ("Boost your followers! Buy 10,000 real followers for your account, limited time offer, "
            "order now. Unsubscribe here.")
    d = run(body, "Grow your audience", sender="Sales <sales@growth.example>",
            headers={"List-Unsubscribe": "<https://growth.example/u>", "Precedence": "bulk"})
    assert (d.category, d.automated_kind, d.priority) == ("spam", None, "low")


def test_phishing_is_spam():
    d = run("Accounting shared a file with you.\n\nPaiement.pdf\n\nOpen. Verify your account to view it.",
            "Accounting shared a document with you", sender="OneDrive <share@docs-secure.example>")
    assert d.category == "spam" and d.deadline is None


# --------------------------------------------------------------------------- hard negatives


def test_journalist_mentioning_out_of_office_stays_human():
    body = ("Good afternoon,\n\nI'd like to be accredited, with my camera operator, for the forum next week. "
            "My press card is attached. I'll be out of office on Sunday, so please treat this as our formal "
            "application.\n\nThanks,\nArjun")
    d = run(body, "Accreditation request - forum")
    assert d.automated_kind is None and d.category == "event_accreditation"


def test_a_travelling_journalist_who_asks_stays_human():
    body = ("Hello,\n\nI'm travelling from Monday to Wednesday and will read mail when I'm back, so could you "
            "send me the forum's programme and two photos of the venue before then? If it's urgent, call me.\n\nMaya, "
            "reporter, Gulf Ledger")
    d = run(body, "Programme and photos")
    assert d.automated_kind is None and d.category in ("media_assets", "information_request"), d.explanation


def test_journaliste_absente_du_bureau_stays_human():
    body = ("Bonjour,\n\nJe serai absente du bureau lundi, mais pourriez-vous m'envoyer d'ici là le logo en "
            "haute définition et deux photos de la conférence ?\n\nMerci,\nClaire")
    d = run(body, "Demande de logo et photos")
    assert d.automated_kind is None and d.category == "media_assets"


def test_human_reply_to_an_automatic_reply_stays_human():
    body = ("I understand from your automatic reply that the office is closed. Could someone nevertheless "
            "send me the number of participants? I need it by tomorrow noon.\n\n"
            "-----Original Message-----\nFrom: Media <media@office.example>\nSent: Monday\nTo: Deepa\n"
            "Subject: Automatic reply: Query\n\nThe office is closed today. We will respond after the holiday.")
    d = run(body, "Re: Automatic reply: Query - participants")
    assert d.automated_kind is None and d.category == "information_request"
    assert d.priority == "urgent"  # tomorrow noon from Tuesday 15:00 is 21 h


def test_real_inquiry_sent_through_mailchimp_stays_human():
    body = ("Dear Media Office,\n\nWe would be delighted if your organisation could contribute a keynote to our "
            "annual conference on strategic communications (March, Geneva). We will cover travel and "
            "accommodation.\n\nWe would be grateful for your reply by 31 October 2019.\n\nUpdate your "
            "preferences or unsubscribe.")
    d = run(body, "Invitation to speak - annual conference", sender="Programmes <programmes@centre.example>",
            headers={"List-Unsubscribe": "<https://centre.us1.list-manage.com/u>", "Precedence": "bulk",
                     "X-Mailer": "MailChimp Mailer - **CID12345**"})
    assert d.automated_kind is None and d.category == "partnership_speaking", d.explanation
    assert d.deadline is not None and d.deadline.date().isoformat() == "2019-10-31"


def test_attachment_names_count_towards_the_category():
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Amira <amira@mail.example>", "media@office.example", "Application"
    msg["Date"] = format_datetime(SENT)
    msg.set_content("Dear Sir or Madam,\n\nPlease find my application attached.\n\nAmira")
    msg.add_attachment(b"%PDF-1.4 stub", maintype="application", subtype="pdf", filename="Amira_Haddad_CV.pdf")
    d = triage(parse_message(msg.as_bytes()), settings=SETTINGS)
    assert d.category == "general" and "cv" in d.explanation[0].lower()


def test_human_removal_request_is_a_complaint_not_bulk():
    d = run("Bonjour,\n\nJe reçois vos communiqués sans les avoir demandés. Merci de retirer mon adresse de "
            "votre liste de diffusion.\n\nCordialement", "Merci de me retirer de votre liste")
    assert d.automated_kind is None and d.category == "correction_complaint"


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize("text, code", [
    ("Who is the spokesperson?", "en"),
    ("Qui est le porte-parole ?", "fr"),
    ("من هو المتحدث الرسمي؟", "ar"),
    ("Merci !", "fr"),
    ("¿Quién es el portavoz de la coalición?", "es"),
])
def test_language_on_short_text(text, code):
    guess = detect_language(text, LANGS)
    assert guess.code == code and 0 < guess.confidence <= 1


def test_mixed_arabic_english_goes_to_the_dominant_language():
    text = ("نعمل في الشرق للأخبار على breaking story حول تقارير عن انضمام دول جديدة إلى التحالف. هل يمكن "
            "تزويدنا بـ statement رسمي يؤكد أو ينفي ذلك؟")
    assert detect_language(text, LANGS).code == "ar"


def test_quoted_history_and_signature_do_not_decide_the_language():
    body = ("شكراً جزيلاً. سؤال أخير: كم عدد الدول التي شاركت في الورشة؟\n\n"
            "Hiba Mansour\nSenior Producer | CNN Arabic\nAbu Dhabi Media Zone, UAE\n\n"
            "On Mon, 24 Jun 2019 at 10:12, Media Office <media@office.example> wrote:\n"
            + "".join(f"> We are pleased to inform you that the workshop took place in Riyadh, line {i}.\n" for i in range(15)))
    parts = split_body(body)
    assert "workshop took place" not in parts.own and "Senior Producer" not in parts.core
    d = run(body, "Re: workshop")
    assert d.language == "ar" and d.language_confidence > 0.5


def test_french_outlook_header_block_is_history():
    body = ("Pouvez-vous confirmer ?\n\nDe : Bureau de presse <media@office.example>\nEnvoyé : lundi 3 juin\n"
            "À : Claire\nObjet : Communiqué\n\nPlease find attached our press release in English, with many words.")
    parts = split_body(body)
    assert parts.own == "Pouvez-vous confirmer ?" and "press release" in parts.history


@pytest.mark.parametrize("block", [
    "-----Oorspronkelijk bericht-----\nVan: Media Office <media@office.example>\nVerzonden: maandag 15 januari 2024 12:05\n"
    "Aan: Sophie\nOnderwerp: Your inquiry has been received\n",
    "De: Media Office <media@office.example>\nEnviado: lunes, 15 de enero de 2024 12:05\nPara: Lucía\n"
    "Asunto: Your inquiry has been received\n",
    "Da: Media Office <media@office.example>\nInviato: lunedì 15 gennaio 2024 12:05\nA: Giulia\n"
    "Oggetto: Your inquiry has been received\n",
    "Kimden: Media Office <media@office.example>\nGönderildi: 15 Ocak 2024 Pazartesi 12:05\nKime: Elif\n"
    "Konu: Your inquiry has been received\n",
], ids=["Dutch", "Spanish", "Italian", "Turkish"])
def test_outlook_header_blocks_in_other_languages_are_history(block):
    """A reply above the office's acknowledgement quoted in Dutch, Spanish, Italian or Turkish Outlook: the quoted
    "logged under reference" is the office's machine, not the sender's letter (stop 42, set GC)."""
    body = ("Thank you for the reference number. Could you tell me how many programmes took place in Africa? My deadline "
            "is Wednesday.\n\nKind regards,\nSophie\n\n" + block + "\nThank you for contacting the Media Office. Your "
            "inquiry has been logged under reference MO-2024-0412.\n")
    parts = split_body(body)
    assert "logged under reference" in parts.history and "logged under reference" not in parts.own
    d = run(body, "RE: [MO-2024-0412] Your inquiry has been received")
    assert d.category == "information_request", d.explanation


QUOTED_REPLY = ("On 01/12/2026 07:31, Media Office <media@office.example> wrote:\n"
                "> Dear Owen,\n>\n> The spokesperson is travelling this week. He may be available next week;\n"
                "> we will come back to you.\n>\n> On 30/11/2026 16:05, Owen wrote:\n"
                "> > Would your spokesperson be available for a phone interview next week?\n\n")


def test_a_reply_written_below_its_quote_is_the_senders():
    """Bottom-posted (stop 44, set GT): "On … wrote:", the quote, then the reply. The words under the quote are the
    sender's (its request and by-when); the quote is history. At the start of the stop all of it was history and
    the letter had no deadline."""
    body = QUOTED_REPLY + ("Hi,\n\nCould we record a short clip this afternoon instead? I'd need it by 4pm at the "
                           "latest for our main bulletin.\n\nOwen\n")
    parts = split_body(body, "Re: Interview request")
    assert "record a short clip" in parts.own and "record a short clip" not in parts.history
    assert "travelling this week" in parts.history and "travelling" not in parts.own
    d = run(body, "Re: Interview request")
    assert d.category == "interview_request" and d.deadline is not None and d.deadline.hour == 16, d.explanation


def test_a_letter_that_quotes_a_passage_goes_on_under_it():
    """"The release states:", a ">" passage, then the rest of the letter (stop 46, set HQ): what follows the passage is the
    sender's, request and by-when included; a reply with "On … wrote:" over its quote is unchanged (above)."""
    body = ("Dear Sir or Madam,\n\nI write about your press release of 31 July on the regional workshop. The release "
            "states:\n\n> \"Civil society partners have endorsed the coalition's approach,\" said Dr Helen Barker.\n\n"
            "Dr Barker did not make this statement. We ask that the release be corrected within five working days.\n\n"
            "Yours faithfully,\nTom Whitfield\n")
    parts = split_body(body, "Misattributed quote in your press release")
    assert "did not make this statement" in parts.own and "Civil society partners" in parts.history
    d = run(body, "Misattributed quote in your press release")
    assert d.category == "correction_complaint" and d.deadline is not None, d.explanation


@pytest.mark.parametrize("tail", ["", "\n-- \nOwen\n", "\n_______________\nList footer: unsubscribe\n"],
                         ids=["nothing", "signature", "footer"])
def test_a_quote_with_only_a_short_tail_stays_history(tail):
    """A top-posted reply, or a quote with a signature or a list footer under it: nothing is read as written below."""
    body = "Thanks, that works for us.\n\n" + QUOTED_REPLY + tail
    parts = split_body(body, "Re: Interview request")
    assert parts.own.startswith("Thanks, that works") and "travelling this week" in parts.history


CHASED = ("> Dear press office,\n>\n> I am a reporter with The Daily Example. How many trainees took part in the "
          "programme this year, and from which countries?\n>\n> We need the answer by Thursday 19 September.\n>\n> Jane\n")


@pytest.mark.parametrize("attribution, chaser, expected", [
    ("On Mon, 16 Sep 2019 at 11:02, Jane Reporter <jane@news.example> wrote:", "Any update? 🙏", "2019-09-19"),
    ("في الاثنين، 16 سبتمبر 2019 في 11:02 ص Jane Reporter <jane@news.example> كتبت:", "اي جديد؟؟", "2019-09-19"),
    # The office's own letter quoted under a thank-you: its date was never the sender's.
    ("On Mon, 16 Sep 2019 at 11:02, Media Office <media@office.example> wrote:", "Got it, many thanks!", None),
    # Nor when the thank-you is signed with the sender's own address above the office's quoted letter.
    ("On Mon, 16 Sep 2019 at 11:02, Media Office <media@office.example> wrote:",
     "Got it, many thanks!\nJane Reporter | jane@news.example", None),
    # A reply that says more than a line is read on its own words.
    ("On Mon, 16 Sep 2019 at 11:02, Jane Reporter <jane@news.example> wrote:",
     "Following up on my note below: my editor has moved the piece, so there is no fixed date any more, but the figures "
     "would still help whenever you have them.", None),
], ids=["chaser", "arabic chaser", "office's letter", "office's letter, signed", "a letter of its own"])
def test_a_chaser_over_the_sender_s_own_request_keeps_its_deadline(attribution, chaser, expected):
    """"Any update?" over the sender's own quoted request: the request's by-when, still ahead, still holds."""
    d = run(f"{chaser}\n\n{attribution}\n{CHASED}", "Re: Trainee figures")
    assert (d.deadline.date().isoformat() if d.deadline else None) == expected, d.explanation


# --------------------------------------------------------------------------- deadlines


def _deadline(text: str, language: str, sent: datetime = SENT):
    found = find_deadline(text, sent, language=language)
    return found.at if found else None


@pytest.mark.parametrize("text, language, expected, has_time", [
    ("I need the figures by tomorrow 5pm, thanks.", "en", "2019-09-18T17:00", True),
    ("Could you reply no later than Monday?", "en", "2019-09-23T23:59", False),
    ("Our deadline is Friday, Sept. 20, at noon.", "en", "2019-09-20T12:00", True),
    ("I would appreciate a response within 24 hours.", "en", "2019-09-18T15:00", True),
    ("Please let me know by end of day Wednesday.", "en", "2019-09-18T23:59", False),
    ("Merci de répondre avant vendredi 17h.", "fr", "2019-09-20T17:00", True),
    ("J'aurais besoin de ces éléments demain avant 14h.", "fr", "2019-09-18T14:00", True),
    ("Merci de nous répondre au plus tard le 10.", "fr", "2019-10-10T23:59", False),
    ("Une réponse d'ici le mercredi 25 septembre serait utile.", "fr", "2019-09-25T23:59", False),
    ("نرجو الرد قبل نهاية الأسبوع.", "ar", "2019-09-19T23:59", False),  # the Gulf working week ends on Thursday
    ("نأمل إفادتنا في موعد أقصاه 30 سبتمبر.", "ar", "2019-09-30T23:59", False),
    ("نأمل الإفادة خلال يومين من تاريخه.", "ar", "2019-09-19T23:59", False),
    ("نحتاج الرد اليوم قبل الساعة 6 مساءً.", "ar", "2019-09-17T18:00", True),
    ("أرجو الرد غداً.", "ar", "2019-09-18T23:59", False),
    ("نرجو تزويدنا بالتعليق قبل الساعة العاشرة صباحاً غداً.", "ar", "2019-09-18T10:00", True),
    ("Could you reply by 3 p.m. next Thursday?", "en", "2019-09-19T15:00", True),
    ("Réponse souhaitée dans les 48 heures.", "fr", "2019-09-19T15:00", True),
])
def test_relative_deadlines(text, language, expected, has_time):
    found = find_deadline(text, SENT, language=language)
    assert found is not None, text
    assert found.at.strftime("%Y-%m-%dT%H:%M") == expected
    assert found.has_time is has_time


@pytest.mark.parametrize("text, language, local, zone", [
    ("Merci de répondre aujourd'hui avant 15h (heure de Paris).", "fr", "2019-09-17T15:00+02:00", "Europe/Paris"),
    ("Could you send it by noon ET on Friday?", "en", "2019-09-20T12:00-04:00", "America/New_York"),
    ("Please reply by 3pm GMT tomorrow.", "en", "2019-09-18T15:00+00:00", "UTC"),
    ("نرجو الرد قبل الساعة الثالثة عصرا بتوقيت القاهرة غدا.", "ar", "2019-09-18T15:00+02:00", "Africa/Cairo"),
    ("Merci de répondre avant vendredi 17h.", "fr", "2019-09-20T17:00+03:00", None),  # the sender's own offset
    ("I would appreciate a response within 24 hours.", "en", "2019-09-18T15:00+03:00", None),
])
def test_a_deadline_keeps_the_senders_terms(text, language, local, zone):
    """``at`` is in the zone the sender named, else in their Date header's offset, and ``zone``
    says which one they named: what a draft restates."""
    found = find_deadline(text, SENT, language=language)
    assert found is not None, text
    assert found.at.isoformat(timespec="minutes") == local
    assert found.zone == zone and found.has_time


@pytest.mark.parametrize("text, language", [
    ("We'd tape by phone on Thursday or Friday.", "en"),           # "by phone", not "by Thursday"
    ("The programme is recorded on Wednesday 25 September.", "en"),  # an event date, not a deadline
    ("La visite est annoncée pour la fin du mois.", "fr"),
    ("في الموعد الذي يناسبكم خلال الأسابيع القادمة", "ar"),        # "within the coming weeks": vague
    ("Je suis absente jusqu'au 26 août.", "fr"),                     # "until" outside a request
    ("The workshop takes place in 3 days in Riyadh.", "en"),          # a duration, but no request
    ("ستعقد الورشة خلال 3 أيام في الرياض.", "ar"),
])
def test_not_deadlines(text, language):
    assert _deadline(text, language) is None


def test_forwarded_request_deadline_counts_from_the_forwarded_date():
    forwarded = ("Re-sending my request below in case it got lost.\n\n-------- Original Message --------\n"
                 "Subject: interview request\nDate: Fri, 13 Sep 2019 12:02:55 +0100\nFrom: Rachel <r@tv.example>\n\n"
                 "We would like to record an interview with a spokesperson. We need your answer by Friday at the latest.")
    d = run(forwarded, "Fwd: interview request")
    assert d.category == "interview_request"
    # "by Friday" written on Friday 13 September means Friday 20 September, three days after the forward.
    assert d.deadline is not None and d.deadline.date().isoformat() == "2019-09-20"
    stale = forwarded.replace("by Friday at the latest", "by tomorrow")
    assert run(stale, "Fwd: interview request").deadline is None  # that day has passed


def test_stated_zone_wins():
    found = find_deadline("Can you join us live today at 16:00 GMT?", SENT, language="en")
    assert found.at.utcoffset() == timedelta(0) and found.at.hour == 16
    assert (found.at - SENT) == timedelta(hours=4)


def test_french_et_is_not_eastern_time():
    found = find_deadline("Répondez avant 17h et merci.", SENT, language="fr")
    assert found.at.utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize("body, priority", [
    ("Could you send me the budget figures by tomorrow 5pm?", "high"),   # 26 h
    ("Could you send me the budget figures by tomorrow noon?", "urgent"),  # 21 h
    ("Could you send me the budget figures by Friday?", "normal"),        # ~81 h: counted to 23:59
    ("Could you send me the budget figures by Thursday?", "high"),        # ~57 h
    ("Could you send me the budget figures ASAP?", "urgent"),
    ("Could you send me the budget figures? For urgent matters call my mobile.", "normal"),
])
def test_priority_counts_hours_to_the_deadline(body, priority):
    d = run(body, "Budget question")
    assert d.category == "information_request" and d.priority == priority, d.explanation


def test_asap_without_date_is_urgent_with_no_deadline():
    d = run("Could you confirm the number of member states as soon as possible?", "Quick question")
    assert d.priority == "urgent" and d.deadline is None


def test_low_priority_categories_have_no_deadline():
    d = run("Congratulations! You have been nominated for an award. Pay the participation fee of USD 2,950 "
            "within 24 hours.", "Award nomination", sender="Awards <awards@prize.example>")
    assert d.category == "spam" and d.priority == "low" and d.deadline is None


def test_no_date_header_counts_from_now():
    now = datetime(2020, 1, 6, 9, 0, tzinfo=timezone.utc)
    msg = parse_message(eml("Could you tell me the budget figures? Please reply by tomorrow noon.", "Figures", date=None))
    d = triage(msg, settings=SETTINGS, now=now)
    assert d.deadline is not None and d.deadline.date().isoformat() == "2020-01-07"


# --------------------------------------------------------------------------- decision and rules file


def test_to_json_keys_and_iso_deadline():
    d = run("Could you send me the budget figures by tomorrow 5pm?")
    data = d.to_json()
    assert set(data) == {"category", "confidence", "automated_kind", "language", "language_confidence",
                         "deadline", "priority", "explanation"}
    assert datetime.fromisoformat(data["deadline"]).utcoffset() is not None
    assert all(isinstance(line, str) for line in data["explanation"])


def test_explanation_names_the_deciding_terms():
    d = run("We would like to interview your spokesperson on our programme next week.", "Interview request")
    assert d.category == "interview_request"
    assert "interview" in d.explanation[0]


def test_admin_rules_file_overrides_the_default(tmp_path):
    import yaml

    data = yaml.safe_load(open(load_rules().source, encoding="utf-8"))
    data["categories"]["media_assets"].append(["\\bzorblax\\b", 20])
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    settings = load_settings(_env_file=None, rules_file=path)
    msg = parse_message(eml("Could you tell me about the zorblax?", "Question"))
    assert triage(msg, settings=SETTINGS).category != "media_assets"
    assert triage(msg, settings=settings).category == "media_assets"


def test_an_admin_rule_naming_its_term_in_one_branch_explains_either_branch(tmp_path):
    """A rule may name the words to show (``(?P<term>…)``) in one branch only: a match of another branch names its own
    words, and the rule never fails to explain itself."""
    import yaml

    data = yaml.safe_load(open(load_rules().source, encoding="utf-8"))
    data["categories"]["media_assets"].append(["\\bzorblax\\b|\\A(?:[^\\n]*\\n\\n)?\\s*(?P<term>quuxly)\\s*\\Z", 20])
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    settings = load_settings(_env_file=None, rules_file=path)
    one = triage(parse_message(eml("Could you tell me about the zorblax?", "Question")), settings=settings)
    other = triage(parse_message(eml("quuxly", "Re: our release")), settings=settings)
    assert one.category == other.category == "media_assets"
    assert "'zorblax'" in one.explanation[0] and "matched 'quuxly'" in other.explanation[0], (one.explanation, other.explanation)


def test_bad_rules_are_refused_with_the_entry_named():
    with pytest.raises(RulesError, match=r"categories.spam\[0\]"):
        parse_rules({"categories": {"spam": ["(unclosed"]}})
    with pytest.raises(RulesError, match="unknown categories"):
        parse_rules({"categories": {"gossip": ["x"]}})


def test_a_rule_matches_where_its_earliest_branch_matches():
    """A rule's branches that begin with \\b are searched apart from the others (for speed); the match is still the
    earliest, as the whole pattern's would be, so a term in the subject weighs as the subject's even when another
    branch matches later in the body."""
    rule = parse_rules({"categories": {"media_assets": [["zorblax|\\bquuxly\\b", 3]]}}).categories["media_assets"].rules[0]
    assert rule.search("zorblaxen first, quuxly later").start() == 0
    assert rule.search("quuxly first, zorblaxen later").start() == 0
    body = ("Sehr geehrte Damen und Herren,\n\nich bin freier Fotojournalist aus Hamburg.\n\nFolgende Fragen hätte ich noch:\n"
            "1. Gibt es ein Podest für Fotografen?\n2. Darf ich mich mit dem Presseausweis frei bewegen?\n\n"
            "Mit freundlichen Grüßen\nJonas Feldmann")
    d = triage(parse_message(eml(body, "Akkreditierung Fotograf - Konferenz 20./21. Oktober")), settings=SETTINGS)
    assert d.category == "event_accreditation", d.explanation
