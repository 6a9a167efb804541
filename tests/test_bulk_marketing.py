"""A mass mailing that quotes a price sells: marketing, which the schema calls spam, not a newsletter the office
subscribes to (bulk). A newsletter that says it is one may quote a price in a story, and a discussion list's post is
list mail whatever it quotes (stop 42: 14 of 34 tuning spam letters with bulk headers quoted a price, none of 392
newsletters and notices did)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

import pytest

from mediadesk.settings import load_settings
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage.core import triage

SENT = datetime(2026, 12, 1, 10, 0, tzinfo=timezone(timedelta(hours=3)))
MAILING = {"List-Unsubscribe": "<https://mail.example/u?id=1>", "Precedence": "bulk"}


def decide(subject: str, body: str, headers: dict[str, str], settings):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Offers <offers@mailer.example>", "media@imctc.org", subject
    msg["Date"], msg["Message-ID"] = format_datetime(SENT), "<bulk@example.org>"
    for name, value in headers.items():
        msg[name] = value
    msg.set_content(body)
    return triage(parse_message(msg.as_bytes()), settings=settings)


SETTINGS = [load_settings(_env_file=None), load_settings(_env_file=None, base_model_weight=0)]


@pytest.mark.parametrize("settings", SETTINGS, ids=["shipped", "rules"])
@pytest.mark.parametrize("subject, body", [
    ("سستا عمرہ پیکج", "الحرمین ٹریولز پیش کرتا ہے: صرف ۲ لاکھ ۴۹ ہزار روپے میں ۱۵ دن، حرم سے ۵۰۰ میٹر ہوٹل۔ ابھی بکنگ کریں۔"),
    ("Pelatihan Juru Bicara 2027", "Yth. Pimpinan Lembaga, kelas pelatihan juru bicara kembali dibuka di Bali. Biaya: "
     "Rp 12.500.000 per peserta, termasuk hotel dan sertifikat. Kuota hanya 25 peserta."),
    ("Рассылка пресс-релизов", "Разошлём ваш пресс-релиз по 25 000 СМИ в 40 странах всего за 19 900 руб. Подробнее на сайте."),
], ids=["Urdu", "Indonesian", "Russian"])
def test_a_mass_mailing_that_quotes_a_price_is_spam(subject, body, settings):
    d = decide(subject, body, MAILING, settings)
    assert d.category == "spam", d.explanation
    assert "quotes a price" in d.explanation[0] and d.priority == "low" and d.deadline is None


@pytest.mark.parametrize("settings", SETTINGS, ids=["shipped", "rules"])
def test_a_newsletter_or_a_list_post_quoting_a_price_stays_bulk(settings):
    newsletter = decide("Security Review | Issue 318", "In this issue: this week's stories on regional cooperation. "
                        "Read more: the new training centre cost $4 million. You are receiving this newsletter because "
                        "you subscribed to Security Review. Unsubscribe.", MAILING, settings)
    assert (newsletter.category, newsletter.automated_kind) == ("automated", "bulk"), newsletter.explanation
    post = decide("Re: [media-officers] venue costs", "The hall costs $500 a day; anyone used it?",
                  {"List-Id": "<media-officers.lists.example>", "List-Post": "<mailto:media-officers@lists.example>",
                   "Precedence": "list"}, settings)
    assert post.category == "automated", post.explanation


def _calendar_reply(subject: str, note: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Huda Saleh <huda.saleh@imctc.example>", "media@imctc.org", subject
    msg["Date"], msg["Message-ID"] = format_datetime(SENT), "<calendar-reply@example.org>"
    msg.set_content(note)
    msg.add_alternative("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nSUMMARY:Press briefing rehearsal\r\n"
                        "END:VEVENT\r\nEND:VCALENDAR\r\n", subtype="calendar", params={"method": "REPLY"})
    return msg.as_bytes()


@pytest.mark.parametrize("settings", SETTINGS, ids=["shipped", "rules"])
def test_a_calendar_reply_without_a_note_is_a_notification(settings):
    """"Accepted: Press briefing rehearsal" with nothing written is a button pressed (bulk); a note typed above a
    "Declined:" is a person's letter (stop 42, set GC)."""
    accepted = triage(parse_message(_calendar_reply("Accepted: Press briefing rehearsal", "")), settings=settings)
    assert (accepted.category, accepted.automated_kind) == ("automated", "bulk"), accepted.explanation
    for subject in ("Accepté : Répétition du point presse", "تم القبول: بروفة الإحاطة الإعلامية"):
        d = triage(parse_message(_calendar_reply(subject, "")), settings=settings)
        assert d.category == "automated", (subject, d.explanation)
    declined = triage(parse_message(_calendar_reply(
        "Declined: Press briefing rehearsal", "I can't make it on Tuesday - could you send me the recording of the "
        "briefing and the photos afterwards, by Thursday if possible?")), settings=settings)
    assert declined.category == "media_assets", declined.explanation


@pytest.mark.parametrize("settings", SETTINGS, ids=["shipped", "rules"])
def test_invisible_characters_do_not_hide_a_price_or_a_phish(settings):
    """A zero-width space, a soft hyphen or a direction mark slipped inside a word ("249\\u200b000", "ver\\u200bify")
    is read through: the rules see the word the reader sees."""
    d = decide("Umrah package", "Only 249\u200b000 \u200bروپے for 15 days, hotel 500 m from the Haram.", MAILING, settings)
    assert d.category == "spam", d.explanation
    plain = decide("Mailbox notice", "Your mailbox is full. Verify your account within 24 hours or it will be closed.",
                   {}, settings)
    hidden = decide("Mailbox notice", "Your mail\u00adbox is full. Ver\u200bify your acc\u200bount within 24 hours or it "
                    "will be clo\u200esed.", {}, settings)
    assert (hidden.category, hidden.priority) == (plain.category, plain.priority) == ("spam", "low"), hidden.explanation


# Stop 43: a notice's form that threatens to expire or suspend within hours is phishing's pressure (71 tuning and 50
# unseen letters say it, all spam); an office closed for a holiday or a subscription's own notice is a machine's.
NOTICE = {"Auto-Submitted": "auto-generated", "Precedence": "bulk"}


@pytest.mark.parametrize("settings", SETTINGS, ids=["shipped", "rules"])
@pytest.mark.parametrize("subject, body", [
    ("Shared file: Interview questions.pdf", "You have received a secure document. This link expires in 24 hours: "
     "https://docs-share.example/open?id=5512. Sign in with your e-mail password to view it."),
    ("Mailbox storage notice", "Your mailbox has reached its storage limit. Your account will be permanently deleted "
     "unless you confirm your details at https://quota.example/verify."),
    ("Fichier partagé : photos HD de la conférence", "Un document vous a été transmis. Le lien expire dans 48 heures : "
     "https://transfert.example/t/8812"),
], ids=["link expires", "account deleted", "lien expire"])
def test_a_notice_that_threatens_within_hours_is_phishing(subject, body, settings):
    d = decide(subject, body, NOTICE, settings)
    assert d.category == "spam", d.explanation
    assert "threatens" in d.explanation[0] and d.priority == "low" and d.deadline is None


@pytest.mark.parametrize("settings", SETTINGS, ids=["shipped", "rules"])
def test_a_holiday_closure_notice_stays_automated(settings):
    d = decide("Automatic reply: your request", "Thank you for your message; your request has been received. Our office "
               "will be closed from 24 to 28 December and reopens on 29 December.", {"Auto-Submitted": "auto-replied"},
               settings)
    assert d.category == "automated", d.explanation
