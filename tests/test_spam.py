"""Spam and machine mail kept out of the queue (issue 16): upstream verdicts, a real spamd,
bulk mail without list headers, and the team's spam marks (ticket, draft and training)."""

from __future__ import annotations

import json
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from harness.servers import Spamd, Unavailable, in_ci
from mediadesk import logs
from mediadesk.cli.main import app
from mediadesk.settings import load_settings, reset_settings_cache
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Draft, LabelledExample, Ticket
from mediadesk.worker import pipeline
from mediadesk.worker.parsing import TRIAGE_HEADERS, parse_message
from mediadesk.worker.triage import triage
from mediadesk.worker.triage.spam import SPAM_HEADERS, SpamVerdict, check_spamd, parse_spamd_url, upstream_verdicts

SETTINGS = load_settings(_env_file=None)
KEPT_OUT = ("spam", "automated")
UNTRUSTING = load_settings(_env_file=None, trust_spam_headers=False)

INQUIRY = ("Dear press office,\n\nI am a reporter at the Daily Ledger. Could you tell me when the new "
           "water plant opens, and could I interview the director on Thursday?\n\nBest regards,\nSara Haddad\n")
PROMO = ("Hello,\n\nOur autumn collection is here: 30% off every jacket this week only.\n\n"
         "Shop now at https://shop.example.com/autumn\n\n"
         "You are receiving this email because you signed up at shop.example.com.\n"
         "Unsubscribe | Manage preferences\n")


def eml(body: str = INQUIRY, *, subject: str = "Question about the water plant", sender: str = "sara@ledger.example",
        headers: dict[str, str] | None = None) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"Sender <{sender}>"
    msg["To"] = "media@example.org"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 01 Dec 2025 09:00:00 +0000"
    msg["Message-ID"] = f"<{abs(hash((body, subject, sender, str(headers))))}@test>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes()


def decide(raw: bytes, settings=SETTINGS, **kw):
    return triage(parse_message(raw), settings=settings, **kw)


# --------------------------------------------------------------------------- upstream verdicts


def test_every_spam_header_is_read_by_the_parser():
    assert set(SPAM_HEADERS) <= set(TRIAGE_HEADERS)


@pytest.mark.parametrize("headers, source, spam, score", [
    ({"X-Spam-Flag": "YES", "X-Spam-Status": "Yes, score=12.3 required=5.0 tests=BAYES_99,URIBL_BLACK autolearn=no"},
     "SpamAssassin", True, 12.3),
    ({"X-Spam-Status": "No, score=-0.1 required=5.0 tests=DKIM_SIGNED,DKIM_VALID autolearn=ham"},
     "SpamAssassin", False, -0.1),
    ({"X-Spamd-Result": "default: True [16.20 / 15.00]; BAYES_SPAM(5.10)[99.9%]; R_DKIM_NA(0.00)[]"},
     "rspamd", True, 16.2),
    ({"X-Rspamd-Action": "add header", "X-Spam": "Yes"}, "rspamd", True, None),
    ({"X-Spamd-Result": "default: False [1.20 / 15.00]; MIME_GOOD(-0.10)[text/plain]"}, "rspamd", False, 1.2),
    ({"X-MS-Exchange-Organization-SCL": "6"}, "Microsoft 365", True, 6),
    ({"X-Forefront-Antispam-Report": "CIP:192.0.2.1;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;CAT:NONE;DIR:INB;"},
     "Microsoft 365", False, 1),
    ({"X-Forefront-Antispam-Report": "CIP:192.0.2.1;SCL:9;SFV:SPM;CAT:HSPM;DIR:INB;"}, "Microsoft 365", True, 9),
    ({"X-Forefront-Antispam-Report": "SCL:-1;SFV:SKN;DIR:INB;"}, "Microsoft 365", False, -1),
    ({"X-Barracuda-Spam-Flag": "YES",
      "X-Barracuda-Spam-Status": "Yes, SCORE=10.11 using per-user scores of TAG_LEVEL=3.5 tests=BSF_SC0_MV0951"},
     "Barracuda", True, 10.11),
])
def test_upstream_verdicts_are_read(headers, source, spam, score):
    [verdict] = upstream_verdicts(parse_message(eml(headers=headers)).headers)
    assert (verdict.source, verdict.spam, verdict.score) == (source, spam, score)
    assert verdict.reason


def test_microsoft_bulk_complaint_level_is_bulk_not_spam():
    headers = {"X-Forefront-Antispam-Report": "SCL:1;SFV:NSPM;CAT:BULK;DIR:INB;", "X-Microsoft-Antispam": "BCL:7;"}
    [verdict] = upstream_verdicts(parse_message(eml(PROMO, headers=headers)).headers)
    assert verdict.bulk and not verdict.spam
    d = decide(eml(PROMO, headers=headers))
    assert (d.category, d.automated_kind) == ("automated", "bulk")


def test_an_upstream_spam_flag_makes_spam_and_says_why():
    raw = eml(headers={"X-Spam-Flag": "YES", "X-Spam-Status": "Yes, score=8.0 required=5.0 tests=BAYES_99,HTML_MESSAGE"})
    d = decide(raw)
    assert (d.category, d.priority, d.deadline) == ("spam", "low", None)
    assert "SpamAssassin" in d.explanation[0] and "BAYES_99" in d.explanation[0]


def test_upstream_verdicts_are_ignored_when_not_trusted():
    raw = eml(headers={"X-Spam-Flag": "YES", "X-MS-Exchange-Organization-SCL": "9"})
    assert decide(raw, UNTRUSTING).category not in KEPT_OUT
    assert decide(raw).category == "spam"


def test_a_not_spam_header_never_outweighs_the_rules():
    # Anyone can write X-Spam-Flag: NO; spam read by our own rules stays spam.
    scam = ("Dear winner,\n\nCongratulations, you have won 1,000,000 USD in our lottery. To receive the wire "
            "transfer, pay the processing fee of 250 USD and verify your account details today.\n")
    d = decide(eml(scam, subject="You have won", headers={"X-Spam-Flag": "NO", "X-Spam-Status": "No, score=0.0"}))
    assert d.category == "spam"
    assert any("not spam" in line for line in d.explanation)


def test_an_upstream_verdict_does_not_hide_a_bounce():
    raw = eml("This is the mail system at host mx.example.\n\nI'm sorry to have to inform you that your message "
              "could not be delivered to one or more recipients.\n", subject="Undelivered Mail Returned to Sender",
              sender="MAILER-DAEMON@mx.example", headers={"X-Spam-Flag": "YES"})
    assert (decide(raw).category, decide(raw).automated_kind) == ("automated", "bounce")


# --------------------------------------------------------------------------- bulk without list headers


@pytest.mark.parametrize("headers", [
    {"Feedback-ID": "123:campaign-42:mailgun:esp"},
    {"X-SG-EID": "abcdefgh"},
    {"X-Mailgun-Tag": "autumn-sale"},
    {"X-SES-Outgoing": "2025.12.01-54.240.1.1", "Feedback-ID": "1.eu-west-1.abc=:AmazonSES"},
])
def test_mailing_service_fingerprints_with_an_unsubscribe_footer_are_bulk(headers):
    d = decide(eml(PROMO, subject="Autumn sale: 30% off", sender="hello@shop.example", headers=headers))
    assert d.category in ("automated", "spam")
    assert d.category == "spam" or d.automated_kind == "bulk"


def test_a_journalist_writing_through_a_mailing_service_stays_human():
    d = decide(eml(headers={"X-SES-Outgoing": "2025.12.01-54.240.1.1"}))
    assert d.category not in KEPT_OUT


MAILCHIMP = {"X-Mailer": "MailChimp Mailer - **CID5f2e91**", "X-Mc-User": "5f2e91aa0c", "Precedence": "bulk",
             "List-Unsubscribe": "<https://example.us21.list-manage.com/unsubscribe?u=5f2e&id=91aa>"}
FOOTER = "\n\nYou are receiving this email because you were added to our contacts.\nUnsubscribe | Update preferences\n"
# Mailchimp and Campaign Monitor stamp a List-Id on a one-off campaign too (set HX and ten tuning sets: requests for
# comment, press-kit requests, speaking invitations sent that way were kept out as bulk).
CAMPAIGN_LIST = {**MAILCHIMP, "List-Id": "Campus Waves <5f2e91aa0c.list-id.mcsv.net>", "X-Campaignid": "mailchimp91aa",
                 "Feedback-ID": "91aa:5f2e:us21:mailchimp"}


@pytest.mark.parametrize("subject, body, category", [
    ("Co-producing explainers with your office",
     "Dear press team,\n\nWe run a podcast network for students across the Gulf and would love to work with your "
     "office on a short series about online recruitment. Could we set up a call with someone from your team?\n\n"
     "Best,\nLeila Haddad\nHead of partnerships, Campus Waves", "partnership_speaking"),
    ("Question sur votre rapport annuel",
     "Bonjour,\n\nJe suis journaliste à La Gazette du Sahel. Pourriez-vous me confirmer le nombre de pays membres "
     "cités dans votre rapport annuel ?\n\nCordialement,\nAwa Diallo", "information_request"),
    # An invitation or a request that says so without "could you" (sets AJ, AN, BP, CP's class, in
    # words written here): the honour of inviting, an answer appreciated, "would love to use".
    ("Invitation à intervenir – Rencontres de Nouakchott",
     "Madame, Monsieur,\n\nLe comité d'organisation a l'honneur d'inviter votre directeur à intervenir lors de la "
     "table ronde « Médias et prévention », les 3 et 4 mars à Nouakchott.\n\nNous apprécierions une réponse avant "
     "le 20 janvier.\n\nBien cordialement,\nMariem Ould Ahmed\nComité d'organisation", "partnership_speaking"),
    ("ضيف في حلقة جديدة",
     "مرحباً فريق الإعلام،\n\nمعكم سارة من بودكاست مدار. نحضّر حلقة عن التطرف الرقمي ونتمنى استضافة متحدث من "
     "المركز، والتسجيل عن بعد لمدة ساعة.\n\nسارة العتيبي\nمنتجة بودكاست مدار", "interview_request"),
    ("Photos for our explainer",
     "Hi,\n\nEditor of a small policy newsletter here, writing from our newsletter tool as our mailbox is down. "
     "We're featuring the coalition next week and would love to use a high-resolution logo and a photo of the "
     "headquarters, with the credit line you prefer.\n\nThanks,\nTom Reyes", "media_assets"),
    ("Demande de déclaration – dossier spécial sur le Sahel",
     "Madame, Monsieur,\n\nNotre revue prépare un dossier spécial sur la sécurité au Sahel. Pourriez-vous nous transmettre "
     "une déclaration de la Coalition sur ses programmes de formation dans la région, au plus tard le vendredi 14 ? Pourriez-vous "
     "également nous confirmer le nombre de pays membres ?\n\n"
     "Bien à vous,\nClaire Morel\nRédactrice en chef, Sahel Revue", "information_request"),
    ("استفسار بحثي: أعداد المتدربين في برامج التحالف",
     "السلام عليكم،\n\nأعمل على دراسة عن برامج بناء القدرات في المنطقة، وأرجو تزويدي بأعداد المتدربين في برامج "
     "التحالف خلال عامي 2025 و2026، فهل يمكن إرسالها قبل نهاية الأسبوع القادم؟ "
     "وهل يمكن الحصول على تعليق من المتحدث الرسمي على هذه الأرقام؟\n\nمع الشكر،\nد. هالة منصور\nمركز الدراسات الأمنية", "information_request"),
])
@pytest.mark.parametrize("headers", [MAILCHIMP, CAMPAIGN_LIST], ids=["mailchimp", "campaign with its list-id"])
def test_a_person_writing_through_every_header_of_a_mailing_service_stays_human(subject, body, category, headers):
    # Mailchimp adds its whole set of headers and a footer to a one-off letter too; one more
    # header of the same service is no more evidence of a newsletter.
    d = decide(eml(body + FOOTER, subject=subject, sender="hello@campus.example", headers=headers))
    assert d.category == category, d.explanation


def test_a_discussion_list_digest_that_quotes_requests_stays_bulk():
    """A list's digest (List-Id and List-Post, no campaign tool) quotes its members' requests: list mail."""
    digest = ("Send press-officers mailing list submissions to press-officers@lists.example\n\nWhen replying, please "
              "edit your Subject line so it is more specific than \"Re: Contents of press-officers digest...\"\n\n"
              "Today's Topics:\n\n1. Request for comment: statement on the online extremism report\n2. Press kit "
              "request\n\nMessage: 1\nCould your spokesperson comment on the figures for 2026, and could you confirm "
              "whether the report will be published in Arabic too? A reply by Thursday noon would be ideal.\n\n"
              "Message: 2\nCould you send us your press kit and a high-resolution logo?\n\n" + FOOTER)
    d = decide(eml(digest, subject="press-officers Digest, Vol 18, Issue 44", sender="press-officers-request@lists.example",
                   headers={"List-Id": "<press-officers.lists.example>", "List-Post": "<mailto:press-officers@lists.example>",
                            "Precedence": "list", "List-Unsubscribe": "<mailto:press-officers-leave@lists.example>"}))
    assert (d.category, d.automated_kind) == ("automated", "bulk"), d.explanation


def test_a_short_question_through_a_mailing_service_reaches_the_queue():
    """Set Y's class: a plain question with a closing date, sent with every Mailchimp header; its
    request cues are fewer than a long letter's, and it is still a person's."""
    body = ("Hello,\n\nWill the outcomes of the forum be published, and if so, when? We would like to mention them "
            "in our December issue.\n\nBest,\nJon Berg")
    d = decide(eml(body + FOOTER, subject="Will the forum report be published?", sender="hello@notes.example",
                   headers=MAILCHIMP))
    assert d.category not in KEPT_OUT, d.explanation


def test_a_newsletter_with_the_same_headers_stays_bulk():
    newsletter = ("In this issue: five stories from our readers, the month's best podcasts and our reading list.\n\n"
                  "Read more on our website. View this email in your browser. Forward to a friend.\n\n"
                  "Could you spare two minutes for our reader survey? Tell us what you think." + FOOTER)
    d = decide(eml(newsletter, subject="Campus Waves monthly: November", sender="hello@campus.example",
                   headers=MAILCHIMP))
    assert (d.category, d.automated_kind) == ("automated", "bulk"), d.explanation



def test_an_organisers_logistics_to_every_accredited_reporter_is_bulk():
    """Written here after set CW's class: a summit's media centre mails its practical details to every
    accredited outlet through a mailing service. "Please find … below" and "bring your passport" are
    what it tells its readers, not a request to us: no ticket, and none of its times a deadline."""
    body = ("Dear accredited media representative,\n\nWelcome to the Maritime Security Forum. Please find the "
            "practical details below.\n\nBADGES\nSunday 8 March, 09:00-17:00, Hall B. Please bring your passport.\n\n"
            "PRESS CONFERENCES\n9 March 11:00 - Opening press conference\n10 March 16:00 - Closing press "
            "conference\n\nInterview requests with speakers are filed at the media centre desk by 12:00 the day "
            "before.\n\nForum Media Centre" + FOOTER)
    d = decide(eml(body, subject="Final logistics for accredited media: badges and press conferences",
                   sender="media@forum.example", headers=MAILCHIMP))
    assert (d.category, d.automated_kind, d.deadline) == ("automated", "bulk", None), d.explanation
    # The same tool carrying a person's request, with "please", stays a person's.
    asking = ("Dear press office,\n\nPlease could you add our correspondent to the list for the opening press "
              "conference on 9 March? We would be grateful for your confirmation by Friday.\n\nHana Lind" + FOOTER)
    d = decide(eml(asking, subject="Accreditation for the opening press conference", sender="desk@weekly.example",
                   headers=MAILCHIMP))
    assert d.category == "event_accreditation", d.explanation


@pytest.mark.parametrize("subject, body", [
    ("Reminder: approval request due tomorrow - Annual report, chapter 4",
     "Reminder: you have a pending approval request\n\nAnnual report - chapter 4 (v3)\nRequested by: Lina Saleh\n"
     "Due date: 12/03/2026\nDetails: please review the final text and the charts before layout.\n\n"
     "Approve: https://flow.example/approvals/1\n\nThis reminder was sent automatically because the request is due "
     "within 24 hours."),
    ("Rappel : validation du rapport annuel",
     "Une demande de validation vous attend : rapport annuel, chapitre 4.\nÉchéance : 12/03/2026.\n\n"
     "Ce rappel vous a été envoyé automatiquement."),
    ("E-Bülten: Uluslararası Güvenlik ve Medya Konferansı - erken kayıt 10 Ekim'de sona eriyor",
     "Değerli abonemiz,\n\nKonferans 6-7 Kasım tarihlerinde Ankara'da gerçekleştirilecektir.\n\nÖnemli tarihler:\n"
     "  * Erken kayıt için son gün: 10 Ekim\n  * Basın akreditasyonu başvuruları: 24 Ekim'e kadar\n\n"
     "Bu e-bülteni, e-posta listemize kayıtlı olduğunuz için alıyorsunuz.\nAbonelikten çıkmak için: https://x.example/iptal"),
    ("Boletín mensual: foro de seguridad y medios",
     "Estimado suscriptor:\n\nEl foro se celebrará el 12 de mayo en Madrid. Acreditación de prensa hasta el 30 de abril.\n\n"
     "Recibe este correo porque se suscribió a nuestro boletín informativo."),
])
def test_a_system_reminder_or_a_newsletter_in_other_words_is_automated(subject, body):
    """A workflow's reminder that says it was sent automatically, and newsletters whose footer is in Turkish or
    Spanish (written here after set CE's class): their due dates and registration cut-offs are no one's request."""
    d = decide(eml(body, subject=subject, sender="updates@news.example"))
    assert d.category == "automated" and d.deadline is None, d.explanation

# A speaking slot or a "media partnership" sold by a mass mailer (set AG's class, in words written
# here): the fee may sit on the next line of a hard-wrapped letter, or in a table of tiers.
SOLD_SLOTS = [
    ("Keynote invitation: Gulf Resilience Summit 2026",
     "Dear Director,\n\nIt is our pleasure to invite a senior member of your organisation to address the Gulf\n"
     "Resilience Summit 2026 as a keynote speaker, before 500 decision makers.\n\nThe speaker package, which\n"
     "includes a plenary slot and a brochure profile, is available at\nUSD 3,900 per speaker.\n\nKind regards,\n"
     "Speaker Office"),
    ("Devenez partenaire média du Salon Sécurité 2026",
     "Madame, Monsieur,\n\nNous vous invitons à devenir partenaire média officiel du Salon.\n\nNos formules :\n"
     "Argent : 2 500 € - logo sur le site\nOr - 6 000 € - logo et table ronde\n\nL'équipe partenariats"),
    ("شراكة إعلامية – ملتقى الأمن 2026",
     "السادة الكرام،\n\nيسرنا دعوتكم لتكونوا شريكاً إعلامياً للملتقى ومتحدثين في جلساته.\n\nباقات الشراكة:\n"
     "الذهبية – 30,000 ريال\nالفضية – 12,000 ريال\n\nفريق الشراكات"),
]


@pytest.mark.parametrize("subject, body", SOLD_SLOTS, ids=[s[0][:30] for s in SOLD_SLOTS])
def test_a_speaking_slot_or_partnership_sold_by_a_mass_mailer_is_spam(subject, body):
    d = decide(eml(body + FOOTER, subject=subject, sender="events@summit.example", headers=MAILCHIMP))
    assert d.category == "spam", d.explanation


# Set O, Y and AJ's classes, in words written here: a booth sold by the square metre, a course sold
# to "the first 30", a quarantine notice that wants a click.
MARKETING_WITH_BULK_HEADERS = [
    ("Derniers stands disponibles – Salon de la cybersécurité",
     "Bonjour,\n\nIl reste des stands au Salon de la cybersécurité de Dakar : stand de 12 m² à partir de 2 900 €.\n\nL'équipe commerciale"),
    ("دورة معتمدة في التحرير الصحفي",
     "دورة التحرير الصحفي المعتمدة تبدأ الشهر القادم.\nالتسجيل مفتوح لأول 30 مشترك فقط.\nسجل الآن عبر الرابط."),
    ("Quick note about your website",
     "Hello,\n\nI visited your website and noticed a few issues: slow pages on mobile and missing meta tags. We are\n"
     "a team of 15+ developers and can fix them at very reasonable cost. Shall I share the quote?\n\nBest,\nAnil"),
    ("Action required: messages on hold",
     "You have 4 pending incoming messages that were not delivered to your inbox.\n\nRelease messages now: "
     "https://mail-release.example/r\n\nMessages will be deleted in 12 hours."),
]


@pytest.mark.parametrize("subject, body", MARKETING_WITH_BULK_HEADERS, ids=[m[0][:30] for m in MARKETING_WITH_BULK_HEADERS])
def test_marketing_and_phishing_sent_with_bulk_headers_are_spam(subject, body):
    d = decide(eml(body + FOOTER, subject=subject, sender="news@sales.example",
                   headers={"Precedence": "bulk", "List-Unsubscribe": "<https://sales.example/u>"}))
    assert d.category == "spam", d.explanation



# Set AN's classes, in words written here: unwanted mail with no price in it, plain or through a
# mailer. None of them is a press inquiry; each must stay out of the queue as spam.
UNWANTED_WITHOUT_A_PRICE = [
    ("Hi from Lisbon", "Hello dear,\n\nI came across your profile and wanted to say hello. I am a widowed engineer "
     "working offshore and I would love to know you better. Write me back.\n\nMaria"),
    ("سلام", "مرحبا، شفت صورتك وحابة نتعرف على بعض أكثر إذا ما عندك مانع. ردلي."),
    ("Un article pour votre site", "Bonjour,\n\nJe propose un article invité sur la désinformation pour votre blog. "
     "En contrepartie, il me faudrait simplement un lien vers le site de notre client.\n\nLéa"),
    ("Quick question about your article", "Hi,\n\nWould you be open to adding our client's guide as a reference "
     "link in your piece on extremism online? Happy to compensate you for your time.\n\nTom"),
    ("Grow revenue from your visitors", "Hello,\n\nYour site qualifies for our publisher programme: native ads and "
     "push placements lift RPM by a third. Reply YES and we will set it up.\n\nAdsway team"),
    ("شراكة محتوى", "نحن شبكة مواقع إخبارية تضم 40 موقعا، نود نشر مقالات رعاية ومحتوى مدفوع لمؤسستكم. نرجو تزويدنا بالمسؤول."),
    ("New sign-in to your mailbox", "We noticed an unusual sign-in to your account from a new device.\n\nIf this "
     "was not you, secure your account now: https://account-check.example/secure\n\nMail Security Team"),
    ("Votre colis est en attente", "Bonjour,\n\nVotre colis n° 55120 est en attente au centre de tri : l'adresse "
     "est incomplète. Réglez les frais de réexpédition de 2,10 € ici : https://colis-suivi.example\n\nLe service client"),
    ("تهنئة بالقبول", "نبارك لكم قبولكم في وظيفة منسق إعلامي. لاستكمال التعيين أرسلوا صورة الآيبان وصورة الهوية، "
     "وسيتواصل معكم مكتب الاستقدام لسداد الرسوم الإدارية."),
    ("أمانة مالية", "أنا محامٍ أكتب بخصوص المرحوم رجل الأعمال الذي ترك مبلغ ثلاثة ملايين دولار في حساب بنكي بدون وريث، "
     "وأقترح تقديمكم كمستفيد وتقسيم المبلغ بنسبة 50 إلى 50."),
    ("Aviso de premio", "Estimado ganador:\n\nSu correo ha sido premiado con 500.000 euros. Para reclamar su premio "
     "escriba a nuestro agente."),
    ("Fund II – private placement", "Dear Partner,\n\nPlease find our private placement memorandum: target annualised "
     "yield 15-20%, capital protection, for qualified investors only.\n\nInvestor Relations"),
]


@pytest.mark.parametrize("subject, body", UNWANTED_WITHOUT_A_PRICE, ids=[u[0][:30] for u in UNWANTED_WITHOUT_A_PRICE])
def test_unwanted_mail_without_a_price_is_spam_plain_or_from_a_mailer(subject, body):
    assert decide(eml(body, subject=subject, sender="someone@free.example")).category == "spam"
    d = decide(eml(body + FOOTER, subject=subject, sender="news@sales.example", headers=MAILCHIMP))
    assert d.category == "spam", d.explanation


def test_a_link_or_an_archive_with_no_letter_is_spam_unless_the_subject_says_what_it_is():
    assert decide(eml("https://short.example/x7Kq\n", subject="")).category == "spam"
    assert decide(eml("https://files.example/s!Ab12_Document\n", subject="Document partagé")).category == "spam"
    zipped = EmailMessage(policy=SMTP)
    zipped["From"], zipped["To"], zipped["Subject"] = "a@b.example", "media@example.org", "Documents"
    zipped.set_content("")
    zipped.add_attachment(b"PK\x03\x04", maintype="application", subtype="zip", filename="documents.zip")
    assert decide(zipped.as_bytes()).category == "spam"
    # A person sharing a link names it in the subject; a journalist's one line stays an inquiry.
    shared = decide(eml("https://news.example/2026/11/our-story-on-the-centre\n",
                        subject="Our story on the centre's report, as published this morning"))
    assert shared.category != "spam", shared.explanation


def test_a_journalist_who_saw_a_profile_or_writes_no_sponsored_content_stays_an_inquiry():
    d = decide(eml("Dear press team,\n\nI came across your spokesperson's profile on the conference site. We'd "
                   "love to feature the centre in our January issue (no sponsored content, we are reader-funded). "
                   "Could I interview her for 20 minutes next week?\n\nClara, staff writer", subject="Interview request"))
    assert d.category == "interview_request", d.explanation

def test_a_fee_less_invitation_sent_by_a_mass_mailer_is_not_spam():
    body = ("Dear colleagues,\n\nThe university's security studies seminar would be honoured to hear a speaker from "
            "your office on 12 March. There is no fee; we cover travel and accommodation.\n\nBest regards,\n"
            "Dr Samir Oudeh, seminar convenor")
    d = decide(eml(body + FOOTER, subject="Seminar invitation", sender="events@uni.example", headers=MAILCHIMP))
    assert d.category != "spam", d.explanation


@pytest.mark.parametrize("sender, headers, body", [
    ("notifications@github.com", {"X-GitHub-Reason": "mention"},
     "@press-team mentioned you on issue #42: Please update the press kit link.\n\nReply to this email directly or view it on GitHub."),
    ("gitlab@git.example.org", {"X-GitLab-Project": "website"}, "Pipeline #1234 has failed for main.\n"),
    ("nagios@monitor.example.org", {}, "***** Nagios *****\n\nHost: www\nState: DOWN\nInfo: CRITICAL - timeout\n"),
    ("jira@example.atlassian.net", {"X-JIRA-FingerPrint": "abc"}, "Could you look at PRESS-12? It was assigned to you.\n"),
])
def test_issue_trackers_and_monitoring_are_bulk(sender, headers, body):
    d = decide(eml(body, subject="[website] update", sender=sender, headers=headers))
    assert (d.category, d.automated_kind) == ("automated", "bulk"), d.explanation


LIST_POST = {"List-Id": "Razor users <razor-users.lists.example.net>", "X-Mailman-Version": "2.0.11",
             "List-Post": "<mailto:razor-users@lists.example.net>", "Precedence": "bulk"}
SPAM_TALK = ("Hi all,\n\nDoes anyone know why my spyware scanner flags the report? The footer says the message "
             "is not considered spam under some bill, and I wonder whether the filter should read it.\n\nCheers,\nTom\n")


def test_a_list_post_that_talks_about_spam_is_list_mail_not_spam():
    """List members discuss spam and spyware: a post with that wording is bulk (list mail); the
    same words without list headers are spam; a list post with strong spam wording stays spam."""
    post = decide(eml(SPAM_TALK, subject="Re: [Razor-users] the report", sender="tom@example.net", headers=LIST_POST),
                  UNTRUSTING)
    assert (post.category, post.automated_kind) == ("automated", "bulk"), post.explanation
    alone = decide(eml(SPAM_TALK, subject="Re: the report", sender="tom@example.net"), UNTRUSTING)
    assert alone.category == "spam"
    pills = ("Buy viagra and phentermine online: lowest prices, 100% guaranteed, order now! Online pharmacy. "
             "This message is not considered spam. To be removed from our list, reply with remove.\n")
    spam = decide(eml(pills, subject="Cheap meds", sender="deals@example.biz", headers=LIST_POST), UNTRUSTING)
    assert spam.category == "spam", spam.explanation


# --------------------------------------------------------------------------- unsolicited mail by its wording


@pytest.mark.parametrize("subject, body", [
    # An opt-out footer in the sender's words, under a sales pitch (en, fr, es, de, ar).
    ("Lower your costs", "Our new office chairs ship this week at factory prices.\n\nIf you do not wish to receive "
     "further offers, reply with \"remove\" in the subject line.\n"),
    ("Nouvelle collection", "Découvrez nos fauteuils à prix exceptionnel, commandez en ligne.\n\nSi vous ne "
     "souhaitez plus recevoir nos offres, cliquez ici.\n"),
    ("Oferta de sillas", "Sillas de oficina a precio especial, haga clic aquí.\n\nSi no desea recibir más "
     "mensajes, responda con BAJA.\n"),
    ("Bürostühle", "Bürostühle jetzt bestellen, hier klicken.\n\nWenn Sie keine weiteren E-Mails erhalten "
     "möchten, antworten Sie mit ABMELDEN.\n"),
    ("عرض خاص", "كراسي مكتبية بسعر مميز، اضغط هنا للطلب.\n\nاذا كنت لا ترغب في استلام رسائلنا، لالغاء الاشتراك اضغط هنا.\n"),
    # Advertising tags the law asks for on unsolicited mail (Korean, Japanese).
    ("(광고) 여름 특가 안내", "최대 50% 할인! 지금 바로 확인하세요.\n수신거부를 원하시면 클릭하세요.\n"),
    ("未承諾広告※夏のセール", "今だけ無料でお試しいただけます。\n配信停止はこちら。\n"),
    # Penny-stock promotion, advance-fee fraud, money-making, cold export sales, search-engine listing.
    ("Hot pick of the week", "ACME Corp (OTCBB: ACMX) - strong buy. Investor alert: sell target $2.50.\n"),
    ("Business proposal", "I solicit your strictest confidentiality in this transaction. The sum of US$12,500,000 "
     "belonged to my late client and needs a foreign account.\n"),
    ("Financial freedom", "Receive a monthly check from home! Huge cash flow, no experience needed. "
     "Click here to learn how.\n"),
    ("Cooperation", "We are a leading manufacturer of cotton towels in China and glad to introduce our products "
     "at competitive prices.\n"),
    ("Your website", "Your site is not listed on some search engines. Give your website maximum exposure today "
     "with our search engine submission.\n"),
    ("Feeling fat?", "Lose weight fast with our fat burner, no prescription. Click here to order now.\n"),
])
def test_unsolicited_commercial_mail_is_spam(subject, body):
    d = decide(eml(body, subject=subject, sender="offers@shop.example"), UNTRUSTING)
    assert d.category == "spam", d.explanation


@pytest.mark.parametrize("subject, body", [
    # A journalist's question about money, photographs and a free event is an inquiry.
    ("Question on the budget", "Dear press office,\n\nI am a reporter at the Daily Ledger. The council says the "
     "museum will be free for residents and cost $12,500,000. Could you confirm the figure, and may we use the "
     "photos of the opening? Deadline Friday.\n\nBest regards,\nSara Haddad\n"),
    # A person asking to be taken off a press list is a request to us, not spam.
    ("désinscription svp", "Bonjour,\n\nmerci de me retirer de votre liste de diffusion, je ne suis plus "
     "journaliste.\n\nJean Martin\n"),
    ("Please remove me", "Hello,\n\nI would like to opt out of your press list; I have left the paper.\n\nTom\n"),
])
def test_an_inquiry_that_mentions_money_or_opting_out_is_not_spam(subject, body):
    d = decide(eml(body, subject=subject), UNTRUSTING)
    assert d.category not in KEPT_OUT, d.explanation


# --------------------------------------------------------------------------- mail a mailer made


def raw_mail(headers: str, body: str) -> bytes:
    """A message written out by hand: the structures a client library would not produce."""
    return ("From: Sender <offers@shop.example>\nTo: media@example.org\n"
            f"Date: Mon, 01 Dec 2025 09:00:00 +0000\nMessage-ID: <{abs(hash(body))}@test>\n"
            f"MIME-Version: 1.0\n{headers}\n\n{body}").encode("utf-8")


def html_mail(html: str, subject: str = "Hello", sender: str = "offers@shop.example") -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"Sender <{sender}>"
    msg["To"] = "media@example.org"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 01 Dec 2025 09:00:00 +0000"
    msg.set_content(html, subtype="html")
    return msg.as_bytes()


IMAGE_ONLY = ('<html><body><a href="http://deals.example.biz/go?id=93"><img src="http://deals.example.biz/o.gif">'
              '</a><br>Click</body></html>')


def test_html_with_an_image_link_and_hardly_a_word_is_spam():
    d = decide(html_mail(IMAGE_ONLY, subject="You'll love this"), UNTRUSTING)
    assert d.category == "spam", d.explanation
    assert any("almost no text" in line for line in d.explanation)


@pytest.mark.parametrize("html, subject", [
    # A person's short HTML note with no link: nothing a mailer made.
    ("<html><body><p>Thanks, see you Thursday!</p></body></html>", "Re: lunch"),
    # An image link with an interview request in the subject: the subject asks.
    (IMAGE_ONLY, "Interview request for our evening programme"),
    # A journalist's HTML-only inquiry with links to her outlet.
    ('<html><body><p>Dear press office,</p><p>I am a reporter at <a href="https://ledger.example">the Daily '
     'Ledger</a>. Could you send me the figures on the new water plant, and when does it open?</p>'
     '<p><img src="https://ledger.example/logo.png"> Sara Haddad</p></body></html>', "Water plant figures"),
])
def test_a_persons_html_mail_is_not_spam(html, subject):
    d = decide(html_mail(html, subject=subject, sender="sara@ledger.example"), UNTRUSTING)
    assert d.category not in KEPT_OUT, d.explanation


def test_a_plain_text_part_that_is_an_html_document_is_read_as_html():
    page = ("<HTML><BODY><FONT SIZE=2>LOWEST MORTGAGE RATES IN YEARS!<BR>\nWin a $30,000 mortgage just for trying!"
            "<BR>\n<A HREF=\"http://rates.example.biz\">Visit our site today</A><BR>\nTo be removed from our list, "
            "<A HREF=\"mailto:off@rates.example.biz\">click here</A></FONT></BODY></HTML>\n")
    msg = parse_message(raw_mail("Subject: Rates\nContent-Type: text/plain; charset=us-ascii", page))
    assert msg.html_only and "<" not in msg.text and "LOWEST MORTGAGE RATES" in msg.text
    assert decide(raw_mail("Subject: Rates\nContent-Type: text/plain", page), UNTRUSTING).category == "spam"


def test_a_message_that_is_one_named_html_part_has_that_body():
    body = "<html><body><p>Could you confirm the opening date of the water plant?</p></body></html>\n"
    msg = parse_message(raw_mail('Subject: Plant\nContent-Type: text/html; charset=us-ascii\n'
                                 'Content-Disposition: inline; filename="message.html"', body))
    assert "opening date" in msg.text and not msg.attachments


def test_an_undecodable_text_around_a_link_is_spam():
    # Big5 read as Latin-1: what a mailer's wrong charset label shows a reader.
    garbled = "大量商機 最新工商名錄 特價優惠 歡迎訂購".encode("big5").decode("latin-1")
    body = f"{garbled}\n{garbled}\n{garbled}\n\nhttp://directory.example.tw\n"
    d = decide(eml(body, subject="-1-167-", sender="sales@example.tw"), UNTRUSTING)
    assert d.category == "spam", d.explanation
    assert any("undecodable" in line for line in d.explanation)


@pytest.mark.parametrize("body", [
    # Chinese and French that decoded well are words, not noise.
    "您好，我是《南方日报》的记者。请问新水厂什么时候开放？详情见 http://news.example.cn\n",
    "Bonjour, à quelle date l'école rouvrira-t-elle après les fêtes ? Détails : https://école.example.fr\n",
])
def test_text_in_another_script_or_with_accents_is_readable(body):
    d = decide(eml(body, subject="Question", sender="li@example.cn"), UNTRUSTING)
    assert d.category not in KEPT_OUT, d.explanation


def test_a_pitch_whose_questions_outnumber_its_spam_words_is_spam():
    body = ("Question?\n\nDo you want a different job? Do you want to be your own boss? Do you need extra "
            "income? Does your current job seem to go nowhere?\n\nIf you answered yes to these questions, "
            "we have the information you need. Click here to learn more.\n\nTo be removed from our list, "
            "reply with remove.\n")
    d = decide(eml(body, subject="Home reps wanted", sender="jobs@example.biz"), UNTRUSTING)
    assert d.category == "spam", d.explanation


def test_a_member_of_the_public_asking_about_a_loan_scheme_is_not_spam():
    body = ("Hello,\n\nI read about the council's new small-business loan scheme. Who can apply? How much "
            "information do I need to send, and are there questions on the form about my income?\n\nThanks,\nAmy\n")
    d = decide(eml(body, subject="Loan scheme questions", sender="amy@example.net"), UNTRUSTING)
    assert d.category not in KEPT_OUT, d.explanation


def test_spam_wording_deep_in_a_long_pitch_or_below_a_rule_counts():
    story = "It was the spring of 1979 and I was a tall, goofy kid in middle school. " * 25
    deep = f"{story}\n\nThe secret costs only $49.97 and brings quick profits. Don't wait.\n\n{story}"
    assert decide(eml(deep, subject="Wall Street's secret", sender="x@example.biz"), UNTRUSTING).category == "spam"
    footer = ("Garden ornaments from the world's biggest whirligig maker: http://ornaments.example.com\n\n"
              + "_" * 40 + "\nYou received this mailing because you are on our list. To be removed from our "
              "list, reply with remove in the subject. Order now: only $19.95.\n")
    assert decide(eml(footer, subject="Garden ornaments", sender="x@example.biz"), UNTRUSTING).category == "spam"


def test_a_reply_that_quotes_a_spam_to_ask_about_it_is_not_spam():
    body = ("Is this offer really from your ministry? I was asked to confirm my details.\n\nNadia, reporter\n\n"
            "On Mon, 1 Dec 2025, Offers wrote:\n> Win a $30,000 mortgage! Only $19.95. Order now.\n"
            "> To be removed from our list, reply with remove.\n")
    d = decide(eml(body, subject="Re: is this genuine?", sender="nadia@paper.example",
                   headers={"In-Reply-To": "<x@test>"}), UNTRUSTING)
    assert d.category not in KEPT_OUT, d.explanation


@pytest.mark.parametrize("subject, body", [
    ("Blessing people", "Hi there,\n\nI wanted to spread this good karma to you. My business was saved. Please "
     "help spread this good karma around: http://blessing.example.com\n"),
    ("Read to the end", "It costs $5 to join. Put your name at the top and move the others down: report #1 "
     "to #2, and send it to 20 friends. Do not break the chain!\n"),
    ("HELLO $NAME", "Dear $name,\n\nYour free report is waiting: click here to download it now.\n"),
])
def test_chain_letters_and_unfilled_templates_are_spam(subject, body):
    d = decide(eml(body, subject=subject, sender="friend@example.net"), UNTRUSTING)
    assert d.category == "spam", d.explanation


# --------------------------------------------------------------------------- spamd


@pytest.fixture(scope="module")
def spamd():
    server = Spamd()
    try:
        server.start()
    except Unavailable as exc:
        if in_ci():
            pytest.fail(f"{exc} (CI is set: not skipping)", pytrace=False)
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


def test_spamd_url_forms():
    assert parse_spamd_url("spamd://127.0.0.1:7830") == ("127.0.0.1", 7830)
    assert parse_spamd_url("tcp://spam.internal") == ("spam.internal", 783)
    assert parse_spamd_url("[::1]:783") == ("::1", 783)
    with pytest.raises(ValueError):
        parse_spamd_url("spamd://host:abc")


def test_no_spamd_configured_asks_nobody():
    assert check_spamd(eml(), SETTINGS) is None


def test_spamd_verdict_score_and_rules_reach_the_explanation(spamd):
    settings = load_settings(_env_file=None, spamd_url=spamd.url)
    raw = eml(f"Hello,\n\n{GTUBE}\n", subject="Test")
    verdict = check_spamd(raw, settings)
    assert verdict.spam is True and verdict.score >= 5 and "GTUBE" in verdict.rules
    d = decide(raw, settings, spam_check=verdict)
    assert d.category == "spam"
    assert "spamd" in d.explanation[0] and "GTUBE" in d.explanation[0] and "score" in d.explanation[0]


def test_spamd_on_an_inquiry_says_not_spam_and_the_rules_decide(spamd):
    settings = load_settings(_env_file=None, spamd_url=spamd.url)
    raw = eml()
    verdict = check_spamd(raw, settings)
    assert verdict.spam is False and verdict.score < 5
    d = decide(raw, settings, spam_check=verdict)
    assert d.category not in KEPT_OUT
    assert any(line.startswith("spamd: not spam") for line in d.explanation)


def test_a_spamd_that_does_not_answer_does_not_stop_triage():
    from harness.servers import free_port

    settings = load_settings(_env_file=None, spamd_url=f"127.0.0.1:{free_port()}", spamd_timeout=2)
    verdict = check_spamd(eml(), settings)
    assert verdict.spam is None and "no answer" in verdict.reason
    d = decide(eml(), settings, spam_check=verdict)
    assert d.category not in KEPT_OUT
    assert any("spamd: no answer" in line and "the rules decide" in line for line in d.explanation)


def test_a_filters_spam_near_its_threshold_on_a_list_post_is_list_mail():
    """Lists rewrite senders and headers, which filters score: a list post the rules call bulk
    stays bulk under a "spam" verdict near the threshold (out of the queue either way); far above
    it, or without list headers, the filter's spam stands."""
    body = "Hi all,\n\nThe build broke again on the mirror; does anyone have a log?\n\nTom\n"
    raw = eml(body, subject="[dev] build broken", sender="tom@example.net", headers=LIST_POST)
    near = SpamVerdict("spamd", True, "score 6.1 / 5", 6.1, 5.0, ("FREEMAIL_FORGED_FROMDOMAIN",))
    d = decide(raw, UNTRUSTING, spam_check=near)
    assert (d.category, d.automated_kind) == ("automated", "bulk"), d.explanation
    assert any("near its threshold" in line and "FREEMAIL_FORGED_FROMDOMAIN" in line for line in d.explanation)
    far = SpamVerdict("spamd", True, "score 14 / 5", 14.0, 5.0, ("URIBL_BLACK",))
    assert decide(raw, UNTRUSTING, spam_check=far).category == "spam"
    plain = eml(body, subject="build broken", sender="tom@example.net")
    assert decide(plain, UNTRUSTING, spam_check=near).category == "spam"


def test_the_spamd_verdict_is_a_plain_value():
    verdict = SpamVerdict("spamd", True, "score 9 / 5", 9.0, 5.0, ("A", "B"))
    assert "rules A, B" in verdict.describe()


# --------------------------------------------------------------------------- the team's spam marks

runner = CliRunner()


@pytest.fixture
def office(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    upgrade(url)
    for name, value in {"MEDIADESK_DATABASE_URL": url, "MEDIADESK_DATA_DIR": str(tmp_path / "data"),
                        "MEDIADESK_USER": "amal", "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    reset_settings_cache()
    engine = engine_for(url)
    yield engine
    engine.dispose()
    reset_settings_cache()


def cli(*args: str):
    try:
        return runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        logs.configure("WARNING")


def ingest(engine, raw: bytes) -> str:
    from mediadesk.settings import get_settings

    with session_scope(engine) as session:
        [inbound_id] = repo.store_inbound(session, items=[repo.RawItem(raw=raw)], mailbox="test", source="test")
    result = pipeline.process_inbound(engine, inbound_id, get_settings())
    with Session(engine) as session:
        return session.get(Ticket, result.ticket_id).ref


def state(engine, ref: str) -> tuple[str, str, str | None]:
    with Session(engine) as session:
        ticket = repo.ticket_by_ref(session, ref)
        draft = session.exec(select(Draft).where(Draft.ticket_id == ticket.id)).first()
        return ticket.category, ticket.status, draft.status if draft else None


def test_marking_spam_takes_the_ticket_out_and_unmarking_restores_it(office):
    ref = ingest(office, eml())
    category = state(office, ref)[0]
    assert category not in KEPT_OUT and state(office, ref)[1:] == ("triaged", "pending")

    marked = cli("categorise", ref, "spam")
    assert marked.exit_code == 0 and "ignored" in marked.stderr and "withdrawn" in marked.stderr
    assert state(office, ref) == ("spam", "ignored", "rejected")
    assert cli("categorise", ref, "spam").exit_code == 0  # safe to repeat
    assert state(office, ref) == ("spam", "ignored", "rejected")

    unmarked = cli("categorise", ref, category)
    assert unmarked.exit_code == 0 and "triaged again" in unmarked.stderr
    assert state(office, ref) == (category, "triaged", "pending")
    with Session(office) as session:
        labels = [e.category for e in session.exec(select(LabelledExample).order_by(LabelledExample.id))]
    assert labels == ["spam", category]


def test_a_draft_a_person_rejected_is_not_revived_by_unmarking(office):
    ref = ingest(office, eml())
    with session_scope(office) as session:
        ticket = repo.ticket_by_ref(session, ref)
        draft = session.exec(select(Draft).where(Draft.ticket_id == ticket.id)).one()
        draft.status = "rejected"
        session.add(draft)
    cli("categorise", ref, "spam")
    cli("categorise", ref, "general")
    assert state(office, ref)[1:] == ("triaged", "rejected")


def test_spam_marks_train_the_installation_model(office, tmp_path):
    spam_texts = [
        ("Boost your followers", "Buy 10,000 real followers today, cheap and guaranteed. Order now."),
        ("Press pass for sale", "Get an international press card for 99 USD, no questions asked, delivered in 3 days."),
        ("Award nomination", "Your organisation has been shortlisted for the Global Excellence Award; pay the fee."),
        ("SEO offer", "We can put your website on the first page of Google with our backlinks package."),
        ("Media list", "Buy our list of 50,000 journalists' e-mail addresses, updated weekly, special price."),
        ("Guest post", "We offer guest posting on high authority news sites, link insertion from 50 USD."),
    ]
    refs = [ingest(office, eml(f"Hello,\n\n{body}\n", subject=subject, sender=f"offer{i}@promo{i}.example"))
            for i, (subject, body) in enumerate(spam_texts)]
    humans = [ingest(office, eml(f"Dear office,\n\nI write for paper {i}. Could I interview the minister about "
                                 f"topic {i} this week?\n\nThanks\n", subject=f"Interview {i}",
                                 sender=f"reporter{i}@paper{i}.example")) for i in range(6)]
    for ref in refs:
        assert cli("categorise", ref, "spam").exit_code == 0
    for ref in humans:
        assert cli("categorise", ref, "interview_request").exit_code == 0
    trained = cli("triage-train", "--json")
    assert trained.exit_code == 0, trained.stderr
    metrics = json.loads(trained.stdout)
    assert metrics["per_category"]["spam"] == len(spam_texts)
    from mediadesk.worker.triage.learning import load_model

    model = load_model(Path(metrics["path"]))
    assert "spam" in model["classes"]


# Marks as a team would make them: spam for luxury copies (in English and French), and people's
# own mail and inquiries, in English only.
GOODS = ("watches", "handbags", "sunglasses", "perfume", "sneakers", "jewellery")
TOPICS = ("water plant", "new budget", "road works", "school reform", "hospital wing", "port expansion", "city festival",
          "bus network")
PEOPLE = (
    "Hello, we have the photos from the visit for you and your team. The quality is the same as last week; reply to "
    "this e-mail if you need more, and we can send them to your office today.",
    "Hello, our team is back from the visit and we have the notes for you. Could you reply to this e-mail with the names "
    "of your family guests for the dinner next week? The door opens at seven.",
    "Dear office, we have a question for you about the famous old store on the square: is it the same building as in the "
    "original photos? Reply when you can, there is no hurry this week.",
    "Hello, the shop at the port is open again today and our paper would like a word with your team about it. We also "
    "have the photos from the visit; tell me if you want more.",
)
FRENCH_SPAM = (
    "Profitez de notre offre sur les montres de luxe pour vous et votre famille, livraison rapide chez vous, qualité garantie",
    "Nos sacs et parfums des grandes marques vous attendent dans notre boutique en ligne, commandez avant la fin de la semaine",
    "Bonjour, vous pouvez gagner un voyage pour toute la famille, répondez à ce message pour recevoir votre cadeau cette semaine",
)


def team_marks() -> list[tuple[str, str]]:
    marks = []
    for i in range(15):
        a, b = GOODS[i % 6], GOODS[(i + 2) % 6]
        marks.append((f"Luxury {a} sale\nHello, we have replica {a} and {b} from the famous brands for you and your "
                      f"family. Our store ships the {a} to your door in a week, and the quality is the same as the "
                      f"original. Visit our shop today: we also have {b} and more. Reply to this e-mail for the "
                      f"catalogue. Item {i}.", "spam"))
    for i in range(9):
        marks.append((f"Offre {i}\nBonjour, {FRENCH_SPAM[i % 3]}. Écrivez-nous pour le catalogue de la boutique, "
                      f"les prix sont bas. ({i})", "spam"))
    for i in range(25):
        topic = TOPICS[i % 8]
        marks.append((f"Question about the {topic}\nDear press office, I am a reporter and I write for a paper in the "
                      f"city. Could you tell me when the {topic} opens, and who I may talk to about it for my story "
                      f"this week? I would also like a photo of the {topic} for the paper if you have one. Thank you "
                      f"for your help. Ref {i}.", "information_request"))
    for i in range(16):
        marks.append((f"Note {i}\n{PEOPLE[i % 4]} Thanks, and best wishes to your family. ({i})", "general"))
    return marks


def test_the_spam_scorer_learns_the_words_of_the_teams_spam_marks():
    """The model's token-level spam scorer (naive Bayes on the marks, as SpamAssassin's Bayes): a
    new copy offer the rules do not see as spam is spam once the team has marked a few; inquiries
    stay inquiries; and a French inquiry is not spam although the marks show French only in spam
    (too few of its words are familiar from the team's other marks for the model to judge it)."""
    from mediadesk.worker.triage.learning import SPAM_FAMILIAR, fit, spam_opinion, spam_threshold

    model = fit(team_marks())
    assert model["spam_scorer"] is not None
    assert set(model["calibration"]["spam_scorer"]) >= {"spam_caught", "others_called_spam", "threshold"}
    offer = eml("Hello, we have replica watches and handbags from the famous brands for you and your family. Our store "
                "ships them to your door in a week, and the quality is the same as the original. Visit our shop today.",
                subject="Luxury watches for your family", sender="sales@store.example")
    assert decide(offer).category not in KEPT_OUT  # the rules alone do not see it
    d = decide(offer, model=model)
    assert d.category == "spam", d.explanation
    assert any(line.startswith("spam scorer") for line in d.explanation)
    assert spam_opinion(model, "Luxury watches\n" + parse_message(offer).text)[0] >= spam_threshold(model)

    inquiry = decide(eml(), model=model)
    assert inquiry.category not in KEPT_OUT, inquiry.explanation
    french = ("Bonjour,\n\nJe suis journaliste au Courrier de la ville. Pourriez-vous me dire quand la nouvelle aile de "
              "l'hôpital ouvrira, et si je peux rencontrer la directrice cette semaine pour un article ? Une photo serait "
              "aussi la bienvenue pour notre édition de vendredi.\n\nMerci beaucoup,\nClaire Martin\n")
    raw = eml(french, subject="Nouvelle aile de l'hôpital", sender="claire@courrier.example")
    _, familiar = spam_opinion(model, "Nouvelle aile de l'hôpital\n" + french)
    assert familiar < SPAM_FAMILIAR
    assert decide(raw, model=model).category not in KEPT_OUT


def test_a_model_without_enough_spam_marks_has_no_spam_scorer():
    from mediadesk.worker.triage.learning import fit, spam_opinion

    marks = [(text, category) for text, category in team_marks() if category != "spam"]
    marks += [(text, category) for text, category in team_marks() if category == "spam"][:3]
    model = fit(marks)
    assert model["spam_scorer"] is None and spam_opinion(model, "anything") is None
    assert decide(eml(), model=model).category not in KEPT_OUT


def test_the_pipeline_asks_spamd_and_keeps_spam_out_of_the_queue(spamd, tmp_path):
    """With MEDIADESK_SPAMD_URL set, ingest asks spamd (before the write lock) and triage uses its
    verdict: the GTUBE message is spam, ignored, never acknowledged; an inquiry is not."""
    from sqlmodel import Session, select

    from mediadesk.storage import repo
    from mediadesk.storage.db import make_engine, session_scope, upgrade
    from mediadesk.storage.models import Draft, Ticket
    from mediadesk.worker import pipeline

    url = f"sqlite:///{tmp_path / 's.db'}"
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data", spamd_url=spamd.url)
    raws = [eml(f"Hello,\n\n{GTUBE}\n", subject="Test", sender="x@bulk.example"), eml()]
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="t", source="test")
    pipeline.process_batch(engine, ids, settings)
    with Session(engine) as session:
        spam, inquiry = session.exec(select(Ticket).order_by(Ticket.id)).all()
        drafts = session.exec(select(Draft)).all()
    assert spam.category == "spam" and spam.status == "ignored" and "GTUBE" in spam.explanation
    assert inquiry.category != "spam" and [d.ticket_id for d in drafts] == [inquiry.id]
    engine.dispose()


# --------------------------------------------------------------------------- the rules' wording classes
# Cases written for these tests: what a mailer asks the reader to do and pay, beside letters from
# people that use some of the same words.

SPAM_PITCHES = {
    "prize to claim": (
        "Lucky winner notice",
        "Our records show your address was drawn in this month's giveaway.\n\n"
        "To claim your prize, simply confirm your entry within 48 hours of receipt at the link "
        "with your reference code.\n"),
    "price by the month": (
        "Phone plan",
        "Unlimited calls across the country for 3 cents/min, with plans from as low as $19/month.\n"
        "No gimmicks, no hidden fees. Call 1-888-555-0142 and ask for the spring plan.\n"),
    "lead form": (
        "Your home, refinanced",
        "Rates have never been better. Fill out the form below and an adviser will call you.\n\n"
        "Name:\nPhone:\nZip:\nBest time to call:\n"),
    "advance fee": (
        "Confidential proposal",
        "I write to seek a trustworthy foreign partner. The funds have been deposited with a "
        "security company abroad and you would provide an account into which they can be paid; "
        "30% of the sum is yours and 5% for all your expenses.\n"),
    "advance fee, the story": (
        "Business venture",
        "I was the personal aide to the former president and hold a large sum abroad. I need your "
        "help to invest it; your share will be 20% of the total sum and you stand no risk.\n"),
    "consent claimed": (
        "Your requested information",
        "Your email address has been verified as one that has requested information on home "
        "business offers. Visit http://203.0.113.9/offers/ to increase your income today.\n"),
    "opt-out of our mailings": (
        "Places to stay this summer",
        "Lodges, cabins and cruises listed by their owners, all on one site.\n\n"
        "To permanently opt out of our mailings simply send a blank email to "
        "optout@listings.example.\n"),
    "consent claimed, in French": (
        "Votre parc informatique",
        "Confiez la maintenance de vos ordinateurs à nos techniciens, avec un forfait mensuel.\n\n"
        "Conformément aux usages anti-spam, votre adresse nous a été fournie par un partenaire. "
        "Si vous ne souhaitez plus recevoir nos offres, cliquez ici.\n"),
    "a trader's introduction": (
        "Supplier of lighting",
        "Dear Sir/Madam,\n\nWe are specialized in manufacturing lamps for shops and hotels and "
        "offer factory prices. Please see our catalogue and tell us the quantity you need.\n"),
    "enrolment brochure in Chinese": (
        "管理课程研修班",
        "招生简章：本研修班面向企业管理人员，周末上课，欢迎来电咨询。\n"),
    "removal instructions in a newsletter": (
        "Members' weekly, issue #12",
        "Tips and links for our members this week.\n\n"
        "Removal/unsubscribe instructions are at the bottom of this issue.\n"),
    "goods to order": (
        "Office supplies in volume",
        "Dear Sir/Madam,\n\nWe sell brand name products: printers, toner and cameras. Please see our "
        "full catalogue and the order form on our site. For more details, please visit "
        "http://supplies.example.\n"),
}


@pytest.mark.parametrize("name", sorted(SPAM_PITCHES))
def test_pitches_that_ask_the_reader_to_act_and_pay_are_spam(name):
    subject, body = SPAM_PITCHES[name]
    decision = decide(eml(body, subject=subject, sender="offers@promo.example"), UNTRUSTING)
    assert decision.category == "spam", (name, decision.explanation[:2])


GENUINE_LETTERS = {
    "journalist asking about prices": (
        "Fees for the new parking scheme",
        "Dear press office,\n\nI am a reporter with the City Courier. Residents say the new parking "
        "permit costs $45 a month. Could you confirm the fee, and say who may apply?\n\n"
        "Thanks,\nOmar Saleh\n"),
    "journalist with a free-phone desk line": (
        "Interview request: flood response",
        "Hello,\n\nI produce the morning programme at Radio North and would like to interview your "
        "spokesperson tomorrow at 8am about the flood response. Our desk is on 1-800-555-0199.\n\n"
        "Regards,\nLena Park\n"),
    "reader asking for removal of a name": (
        "Request to correct an article",
        "Hello,\n\nYour article of 3 May names me as the owner of the shop; I sold it last year. "
        "Please correct the article.\n\nThank you,\nKarim Aziz\n"),
    "student with a form question": (
        "School project",
        "Hello,\n\nI am a student working on a school project about your centre. Is there a "
        "form I should fill in to visit with my class, and what is the best time to come?\n\n"
        "Thank you,\nMaya\n"),
}


@pytest.mark.parametrize("name", sorted(GENUINE_LETTERS))
def test_letters_from_people_with_some_of_the_same_words_stay_in_the_queue(name):
    subject, body = GENUINE_LETTERS[name]
    decision = decide(eml(body, subject=subject, sender="writer@mail.example"), UNTRUSTING)
    assert decision.category not in KEPT_OUT, (name, decision.explanation[:2])


def test_a_price_with_digits_after_the_first_is_read_whole():
    """"as low as $30" and "for only $25": the pattern once ended between two digits."""
    body = ("Great news for your family!\n\nCalling plans from as low as $30 and a new handset "
            "for only $25.\n\nClick here to order now.\n")
    decision = decide(eml(body, subject="Calling plans", sender="deals@promo.example"), UNTRUSTING)
    assert decision.category == "spam"
    assert any("as low as $30" in line for line in decision.explanation)


# Unwanted mail that presses a date on the office, dressed as an inquiry or a system notice
# (set AZ's classes, in words written here). None may get a deadline: they are spam, low priority.
UNWANTED_WITH_A_DATE = [
    ("Re: quick task", "Are you at your desk? I need you to process an urgent payment to a supplier today before "
     "3pm. I'm in a meeting and can't take calls. I will send the beneficiary details.\n\nSent from my phone"),
    ("Re: Your press badge", "Further to your request, your badge is ready. Please confirm your identity within 24 hours "
     "on the portal; you will need your email password to link your account.\n\nBadge Office"),
    ("[Quarantine] 5 messages held for media@example.org", "Quarantine report\n\nThe following 5 incoming messages "
     "have been held because of a policy check and will be deleted within 12 hours unless released.\n\nInterview "
     "request - Release\nAccreditation list - Release\n\nRelease all messages"),
    ("Password for media@example.org expires today", "Your password for media@example.org expires today. To keep "
     "using your current password and avoid losing access to your mail, confirm it below.\n\nKeep current password"),
    ("Final notice: your page will be suspended", "We received reports that your page violates our community policies "
     "(impersonation). Submit an appeal and verify your page admin account before Friday, or the page will be "
     "permanently suspended."),
    ("Your event listing 2027", "Your press conference has been entered in the World Event Directory. If no correction "
     "or cancellation is received within 10 days, the listing will be confirmed and invoiced at EUR 790 per year."),
    ("Press badges - Security Forum - register before Friday", "As the accreditation agency of the Security Forum we "
     "offer your team priority press badges. Each badge costs EUR 290, lunch included. Registration closes on Friday; "
     "please transfer the total amount to the account indicated."),
    ("Official hotel block - book by 10 December", "We are the official housing provider for the summit and hold a "
     "block of rooms for media teams. Send your rooming list and the credit card details for the guarantee by 10 "
     "December."),
    ("Interview request: your director in our Leaders issue", "Dear Press Office, we would love to include an "
     "interview with your director in our Leaders issue. The interview is by e-mail and published with photographs. "
     "Participation is through our Editorial Partnership Programme (GBP 1,900). Slots close on Friday."),
    ("Call for Papers - deadline 20 December", "Dear Esteemed Researcher,\n\nWe invite your articles for our next "
     "issue. Impact Factor: 6.4. Fast track review, publication within 72 hours. Article Processing Charges: USD 90.\n"
     "Last date for submission: 20 December."),
    ("Forum de Lomé - réservez avant le 10", "Bonjour, pour le forum nous proposons aux délégations des forfaits : "
     "hôtel à partir de 95 000 FCFA la nuit et navettes depuis l'aéroport. Un acompte de 50 % est demandé."),
    ("أرجو الرد خلال أسبوع", "أنا أرملة المرحوم رجل الأعمال، ترك زوجي 3.5 مليون دولار مودع في بنك في أوروبا وأريد التبرع "
     "به لمؤسستكم، أرسلوا بياناتكم ورسوم التحويل البسيطة."),
    # Set BA's classes (words written here): tenders and fees paid to strangers, a badge priced,
    # a "director" in Arabic, a paid reportage in Spanish, a directory proof in German, a paid
    # programme in Levantine Arabic, a speaker's "rights" in French, a supplement in Urdu.
    ("منافسة رقم 2026/118", "تدعوكم الجهة للمشاركة في المنافسة. يمكن الحصول على كراسة الشروط بعد سداد قيمتها (1,800 ريال) "
     "بتحويل بنكي، وآخر موعد للشراء يوم الأحد. اسم المستفيد: مؤسسة النور."),
    ("Media badges - complete payment", "Your pre-registration is not yet confirmed. Complete the processing payment "
     "(AED 480 per badge) before 10 December."),
    ("طلب عاجل", "هل أنت في المكتب الآن؟ أحتاج منك أمراً بسرية تامة، أنا في اجتماع ولا أستطيع الرد. نحتاج تحويل دفعة قبل نهاية الدوام اليوم."),
    ("Reportaje sobre su Centro", "Nos gustaría dedicar un capítulo de nuestra serie a su Centro, con entrevista al Secretario "
     "General. Respuesta antes del 4 de diciembre. El capítulo se realiza en coproducción (aportación de 9.500 euros)."),
    ("Appel d'offres n° 12/2026", "Le dossier d'appel d'offres peut être obtenu contre paiement d'une somme non remboursable de "
     "300 € par Western Union. Date limite de dépôt : 18 décembre."),
    ("Korrekturabzug Ihres Eintrags", "Bitte prüfen Sie den Korrekturabzug und senden Sie ihn innerhalb von 14 Tagen "
     "unterschrieben zurück. Mit Ihrer Unterschrift beauftragen Sie einen Premium-Eintrag zu 990,- EUR jährlich."),
    ("حلقة خاصة", "حابين نستضيف الأمين العام بحلقة خاصة، والمساهمة بتكاليف الإنتاج 7,000 دولار. خبرونا قبل الأحد."),
    ("Votre intervention au Sommet", "Pour finaliser votre inscription comme intervenant, merci de régler les droits "
     "d'intervention (900 CHF) avant le 22 décembre."),
    ("Entretien - dossier spécial", "Notre rédaction souhaiterait réaliser un entretien avec votre directeur. Le bouclage est "
     "fixé au 6 novembre. Une participation aux frais de réalisation et de diffusion est prévue."),
    ("خصوصی ایڈیشن", "ہم آپ کے سیکرٹری جنرل کا انٹرویو شامل کرنا چاہتے ہیں۔ اشتہار کا تعاون 2,000 امریکی ڈالر ہے۔ 7 دسمبر تک آگاہ کریں۔"),
    ("Ödül töreni", "Kurumunuz ödüle layık görülmüştür. Ödül paketi için katılım bedeli 2.500 Avro + KDV'dir. 1 Aralık'a kadar onaylayınız."),
    ("دعوة للتكريم", "يشرفنا نعلموكم بلي المركز ديالكم تختار باش يتكرم. مساهمة الجهات المكرمة فمصاريف الإقامة والتنظيم هي 2500 أورو، قبل 20 دجنبر."),
    ("ريبورتاج خاص", "عم نحضّر سلسلة تقارير عن المؤسسات، وفيها مقابلة مع مسؤول من المركز. إذا في اهتمام منبعتلكن تفاصيل باقة التغطية للسلسلة."),
    ("imctc domain registration (Urgent)", "Dear CEO, we received an application to register your name as their internet "
     "keyword and .cn domain names. It may conflict with your company name or trademark; please forward this to your CEO."),
    ("[Action requise] Boîte pleine à 98 %", "Votre boîte aux lettres a atteint 98 % de sa capacité. Validez votre compte et "
     "augmentez votre espace de stockage dès maintenant. Ce lien expire demain."),
    ("إشعار بصرف تعويض", "اعتمدت لجنة صندوق التعويضات صرف مبلغ 900,000 دولار لصالح مؤسستكم، مع سداد رسوم شهادة خلو الأموال خلال 5 أيام وإلا سيعاد المبلغ."),
    # Set BF and BG's classes (words written here): a badge "suspended" until the mailbox's
    # credentials are entered, a threat that names will be removed, an Arabic investment "opportunity",
    # an interview whose production costs are to be paid in FCFA.
    ("Votre badge presse", "Votre badge presse a été suspendu. Pour le réactiver, connectez-vous avec vos identifiants "
     "de messagerie avant demain midi."),
    ("Re: Accreditation list", "Please review the shared list and approve it before 4pm today or names will be removed."),
    ("رد: طلب مقابلة", "لدي فرصة استثمارية في صندوق عقاري بعائد 25% شهريا، متاحة حتى مساء الخميس فقط."),
    ("Entretien exclusif", "Notre magazine souhaite consacrer un entretien exclusif à votre directeur. Les frais de production "
     "(950 000 FCFA) sont à régler avant le 20 novembre."),
    # Set BL's classes (words written here): a "draft" behind a sign-in with the office's mailbox, a
    # speaker's "subscription" priced in Egyptian Arabic, a feature's costs in Urdu.
    ("Draft for your review", "Hi, I'm finishing a piece for Monday. The draft is in a shared document; you'll need to "
     "sign in with your work email to see it: https://docs-share.example/d/1 Please check it by tomorrow.\nA freelance journalist"),
    ("دعوة متحدث", "يسعدنا دعوتكم متحدثاً في مؤتمرنا في مارس. اشتراك المتحدث بيشمل الإقامة وقيمته ١٨٠٠ دولار، ويتدفع قبل ١٥ ديسمبر."),
    ("خصوصی اشاعت", "ہم آپ کے ادارے پر خصوصی فیچر شائع کرنا چاہتے ہیں۔ اشاعتی اخراجات 2,800 امریکی ڈالر ہیں۔ 20 نومبر تک تصدیق کریں۔"),
    ("مبارک ہو! آپ کا انعام", "آپ کا ای میل ہماری قرعہ اندازی میں انعام کا حقدار قرار پایا ہے۔ 48 گھنٹوں میں پروسیسنگ فیس ادا کریں۔"),
]


@pytest.mark.parametrize("subject, body", UNWANTED_WITH_A_DATE, ids=[u[0][:30] for u in UNWANTED_WITH_A_DATE])
def test_unwanted_mail_that_presses_a_date_is_spam_with_no_deadline(subject, body):
    d = decide(eml(body, subject=subject, sender="desk@offers.example"))
    assert d.category == "spam" and d.deadline is None and d.priority == "low", d.explanation


def test_a_price_outweighs_the_inquiry_words_it_borrows_but_a_person_asking_about_it_stays():
    # A pay-to-play "interview" scores as an interview request too; the price decides.
    d = decide(eml("Dear Press Office,\n\nWe would like to interview your director for our leaders issue and "
                   "would love an interview request confirmed by Friday. There is a production contribution of "
                   "USD 3,900 for the full feature.\n\nAnna, editor", subject="Interview request"))
    assert d.category == "spam" and "outweighs" in " ".join(d.explanation), d.explanation
    # Genuine mail that mentions money honestly: a journalist paying their own travel, a complaint
    # about a fee someone charged in the office's name.
    d = decide(eml("Hello, I am a reporter with a weekly paper and would like to interview your spokesperson "
                   "next week. Our paper covers my travel, so there is no cost to you.\n\nJonas Berg, reporter",
                   subject="Interview request"))
    assert d.category == "interview_request", d.explanation
    d = decide(eml("السلام عليكم، أنا صحفي. طلبت مني جهة تدعي أنها وكيل الاعتماد لديكم تحويل 500 ريال رسوم بطاقة اعتماد "
                   "لتغطية المنتدى. هل هذه الجهة مرتبطة بكم؟", subject="شكوى: رسوم اعتماد باسم المركز"))
    assert d.category == "correction_complaint", d.explanation


# Set BL's classes (words written here): a person who asks whether an offer made in the office's
# name is genuine quotes its price, its prize and its date; the letter is their question, and the
# offer's date (forwarded or reported) is not their deadline.
SCAM_REPORTS = [
    ("Is this award yours?", "Hello, I am a fact-checker at a news agency. A post offers journalists an 'IMCTC Media Award' "
     "for a USD 150 processing fee paid by Western Union. Is this genuine? We publish our check today before 16:00.\nLea",
     "information_request", "2025-12-01"),
    ("Un prix à votre nom ?", "Bonjour, je suis journaliste. J'ai reçu un courriel m'annonçant que j'étais lauréate d'un prix "
     "de votre centre et qu'il fallait régler 290 € de frais de dossier. S'agit-il d'une escroquerie ?\nCamille, rédaction",
     "information_request", None),
    ("جائزة", "السلام عليكم، وصلتني رسالة واتساب تقول إني فزت بجائزة التحالف وأحتاج أدفع ٥٠٠ ريال رسوم شحن. هل هذي الجائزة فعلاً تبعكم؟",
     "general", None),
    ("Fwd: Exclusive profile – your office already confirmed", "Hello, something feels off about the message below. Can you "
     "confirm whether your office has agreed to anything like this?\nGareth, writer\n\n---------- Forwarded message ---------\n"
     "From: Leaders Magazine <ed@leaders-mag.example>\nDate: Sun, 30 Nov 2025 at 18:40\nSubject: Exclusive profile\n\n"
     "Your office has confirmed its profile. Participating institutions contribute GBP 3,000 to production costs. "
     "Please confirm by Wednesday 3 December.", "information_request", None),
]


@pytest.mark.parametrize("subject, body, category, deadline", SCAM_REPORTS, ids=[r[0][:30] for r in SCAM_REPORTS])
def test_a_person_asking_whether_an_offer_in_our_name_is_genuine_is_no_spam(subject, body, category, deadline):
    d = decide(eml(body, subject=subject, sender="reader@mail.example"))
    assert d.category == category, d.explanation
    assert (d.deadline.date().isoformat() if d.deadline else None) == deadline, d.explanation
