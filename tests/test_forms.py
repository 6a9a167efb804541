"""A website form's notification is read as the submitter's letter (worker/forms.py), in the
office's three languages; a person's letter that happens to carry "Name:" lines is not one."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from mediadesk.settings import load_settings
from mediadesk.worker.forms import find_share_note, find_submission
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage import triage

RULES_ONLY = load_settings(_env_file=None, base_model_weight=0)


def notification(subject: str, body: str, *, sender: str = "Site <noreply@office.example>", reply_to: str | None = None):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "media@office.example", subject
    msg["Date"] = "Tue, 24 Nov 2026 10:00:00 +0300"
    msg["Auto-Submitted"] = "auto-generated"
    if reply_to:
        msg["Reply-To"] = reply_to
    msg.set_content(body)
    return parse_message(msg.as_bytes())


FORMS = [
    ("[Press] New submission", "A new submission was received from the form \"Press\".\n\nName: Ana Ruiz\nOutlet: "
     "Diario Sur\nEmail: ana.ruiz@diariosur.example\nPhone: +34 600 000 000\n\nMessage:\nCould your spokesperson give "
     "us a short interview by phone on Thursday?\n\nConsent: yes\n--\nThis notification was generated automatically.",
     "ana.ruiz@diariosur.example", "interview_request"),
    ("Nouveau message – Contact presse", "Nouvelle soumission du formulaire « Contact presse »\n\nNom : Hélène Roy\n"
     "Média : Radio Ouest\nE-mail : h.roy@radioouest.example\n\nMessage :\nPourriez-vous me communiquer le nombre de "
     "pays membres de la coalition ?\n\n--\nMessage généré automatiquement par le site.",
     "h.roy@radioouest.example", "information_request"),
    ("طلب جديد: مواد إعلامية", "تم استلام طلب جديد عبر نموذج التواصل الإعلامي في الموقع\n\nالاسم: ريم الزهراني\n"
     "البريد الإلكتروني: reem@afaq.example\n\nنص الرسالة:\nنرجو تزويدنا بشعار التحالف بدقة عالية وصور الاجتماع.\n\n--\n"
     "هذه رسالة آلية من نظام نماذج الموقع.", "reem@afaq.example", "media_assets"),
    # "وردت رسالة جديدة عبر نموذج التواصل", and a form whose only mark is its footer (sets IT, IP).
    ("[نموذج التواصل] رسالة جديدة من الموقع", "وردت رسالة جديدة عبر نموذج التواصل في موقع التحالف.\n\nالاسم: فهد العنزي\n"
     "البريد الإلكتروني: fahad@school.example\n\nالرسالة:\nهل يمكن للجمهور زيارة مقر التحالف؟ أنا معلم وأرغب في تنظيم زيارة "
     "لطلابي.\n\n--\nتاريخ الإرسال: 18/12/2026", "fahad@school.example", "general"),
    ("[التحالف] أسئلة لمشروع تخرج", "من: شهد القرني <shahad@student.example>\nالموضوع: أسئلة لمشروع تخرج\nنص الرسالة:\n"
     "السلام عليكم، أنا طالبة في كلية الإعلام وأعمل على مشروع تخرج عن التحالفات الدولية. متى تأسس التحالف؟\n\n--\n"
     "تم إرسال هذه الرسالة عبر نموذج \"اتصل بنا\" في موقع التحالف", "shahad@student.example", "general"),
    # A footer after an em dash that says the site sent it automatically and not to reply (set PN): the mailer's, not hers.
    ("رسالة جديدة من نموذج تواصل معنا", "تم استلام رسالة جديدة عبر نموذج «تواصل معنا» في الموقع الإلكتروني\n\nالاسم: منى الحربي\n"
     "البريد الإلكتروني: mona@akhbar.example\n\nنص الرسالة:\nأعد تقريرا عن برامج التدريب. هل يمكن تزويدي بعدد الدورات التي "
     "نُظمت هذا العام؟\n\n—\nأُرسلت هذه الرسالة تلقائياً من الموقع – يرجى عدم الرد على هذا العنوان.", "mona@akhbar.example",
     "information_request"),
]


@pytest.mark.parametrize("subject, body, email, category", FORMS, ids=["en", "fr", "ar", "ar-new-message", "ar-footer", "ar-dash-footer"])
def test_a_form_notification_is_triaged_as_the_submitters_letter(subject, body, email, category):
    msg = notification(subject, body)
    found = find_submission(msg)
    assert found is not None and found.email == email
    assert "generated automatically" not in found.text and "آلية" not in found.text and "تلقائيا" not in found.text
    # (the mailer's footer is not theirs)
    d = triage(msg, settings=RULES_ONLY)
    assert (d.category, d.automated_kind) == (category, None), d.explanation
    assert any("website form" in e for e in d.explanation)


def test_a_form_with_no_address_field_is_its_reply_tos():
    body = ("New submission: Press accreditation\n\nFull name: Marta Nowak\nMedia outlet: Gazeta\nMessage: I would like "
            "to be accredited for the forum on 27 April.\n\nSubmission ID: 6191887\nIP: 83.24.17.1")
    found = find_submission(notification("Press accreditation", body, reply_to="Marta <marta@gazeta.example>"))
    assert found.email == "marta@gazeta.example" and "Submission ID" not in found.text


def test_wordpress_contact_form_7s_default_notification_is_the_submitters_letter():
    """Contact Form 7's default template (set IC, seven letters): "From: Name <address>", "Message Body:", its footer
    under the message, sent by the site's own system account — the person's words, not a machine's."""
    body = ("From: Lucía Fernández <lfernandez@agencia.example>\nOrganisation: Agencia Iberoárabe, Madrid\nCountry: España\n"
            "Phone: +34 611 204 873\nSubject: Fotografías de la firma\n\nMessage Body:\nBuenos días:\n\nLes solicitamos "
            "fotografías en alta resolución de la firma del memorando de ayer para ilustrar nuestra crónica. Las "
            "necesitaríamos hoy antes de las 18:00.\n\nLucía Fernández\nRedactora\n\n--\nThis e-mail was sent from a "
            "contact form on IMCTC (https://www.imctc.example)")
    msg = notification("[IMCTC Website] Fotografías de la firma", body, sender="IMCTC Website <wordpress@imctc.example>",
                       reply_to="Lucía Fernández <lfernandez@agencia.example>")
    msg.headers["return-path"] = "<wordpress@imctc.example>"
    found = find_submission(msg)
    assert (found.email, found.name) == ("lfernandez@agencia.example", "Lucía Fernández")
    assert "contact form" not in found.text and "Country" not in found.text
    d = triage(msg, settings=RULES_ONLY)
    assert (d.category, d.automated_kind) == ("media_assets", None), d.explanation


@pytest.mark.parametrize("subject, body", [
    # A person's letter with its own "Name:" and "Email:" lines, no form mailer's opening line.
    ("Interview", "Hello,\n\nName: Ana Ruiz\nEmail: ana@diariosur.example\nMessage: could we talk on Thursday?"),
    # A newsletter that mentions a form.
    ("Weekly digest", "In this issue: how to fill in the new form for grants.\nUnsubscribe: https://x.example/u"),
])
def test_other_mail_is_no_form_notification(subject, body):
    assert find_submission(notification(subject, body)) is None


GOOGLE_SHARE = ("{name} shared a document\n\n{name} ({email}) has invited you to comment on the following document:\n\n"
                "Written interview - questions for the Secretary-General\n"
                "https://docs.google.com/document/d/1bXq9Lm2Tz7Rf0Yp4Wc8sKd3VhE6aN5uJ1g/edit?usp=sharing_eil_m\n\n"
                "\"{note}\"\n\nOpen: {link}\n\nGoogle LLC, 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA\n"
                "You have received this email because {email} shared a document with you from Google Docs.")
NOTE = ("Hello, as agreed on the phone, here are the eight questions for the written interview with the "
        "Secretary-General. Answers can go straight into the document. We would need them by 20 January. Hannah")
DOC = "https://docs.google.com/document/d/1bXq9Lm2Tz7Rf0Yp4Wc8sKd3VhE6aN5uJ1g/edit?usp=sharing_eip_m"


def share(email: str, note: str = NOTE, link: str = DOC):
    body = GOOGLE_SHARE.format(name="Hannah Whitcombe", email=email, note=note, link=link)
    msg = notification('Document shared with you: "Written interview - questions for the Secretary-General"', body,
                       sender='"Hannah Whitcombe (via Google Docs)" <drive-shares-dm-noreply@google.com>',
                       reply_to=f"Hannah Whitcombe <{email}>")
    return msg


def test_a_note_on_a_shared_google_document_is_the_sharers_letter():
    """Google Drive's share notice (sets CE, HM, HX, IC, IP: interview questions, a dataset to check, a folder for photos)
    carries the sharer's note: it is their letter, the document's title its subject, not a "shared with you" phishing."""
    msg = share("hannah@review.example")
    found = find_share_note(msg)
    assert (found.email, found.name) == ("hannah@review.example", "Hannah Whitcombe")
    assert found.subject == "Written interview - questions for the Secretary-General"
    assert found.text.startswith("Hello, as agreed") and "Google LLC" not in found.text and "https://" not in found.text
    d = triage(msg, settings=RULES_ONLY)
    assert (d.category, d.deadline.date().isoformat()) == ("interview_request", "2027-01-20"), d.explanation


@pytest.mark.parametrize("msg", [
    # A link off Google's domains: a notice dressed as a share, whose note is the bait.
    share("hannah@review.example", link="https://docs-google.com.login-verify.example/open"),
    # A colleague's file (the mailbox's own domain): an internal notice, not an inquiry.
    share("omar@office.example"),
    # No note: nothing a person wrote.
    share("hannah@review.example", note=""),
], ids=["look-alike link", "colleague", "no note"])
def test_other_share_notices_carry_no_letter(msg):
    assert find_share_note(msg) is None


def test_a_look_alike_share_with_a_note_stays_out_of_the_queue():
    msg = share("hannah@review.example", note="Please review the attached invoice and sign in with your Microsoft 365 "
                "account to open it.", link="https://docs-google.com.login-verify.example/open")
    assert triage(msg, settings=RULES_ONLY).category in ("spam", "automated")
