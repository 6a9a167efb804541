"""A website form's notification: a person's inquiry that a machine delivered. A pure function.

Many press inquiries reach the media address through the contact form on the office's website (or
a form service): the mail comes from a no-reply sender with ``Auto-Submitted: auto-generated``, and
the person's name, address and words are fields of its body::

    A new submission was received from the form "Media enquiries".
    Name: Tomasz Wierzbicki
    Outlet: Baltic Security Review
    Email: t.wierzbicki@balticsecreview.pl
    Message:
    I would like to interview a senior official …

Read as mail, it is a machine's; read as what it carries, it is the submitter's inquiry. Triage
reads the submitter's fields (``as_submitted``); the machine's headers that say "bulk" or
"auto-generated" are the form's, not the person's, and are set aside. Spam filters' verdicts stay:
forms are a spammer's door too. When the notification comes from the office's own domains
(``MEDIADESK_INTERNAL_DOMAINS``), the pipeline also makes the ticket the submitter's, as for a
colleague's forward (``worker/steps/parse.py``): the address was typed into a web page, unverified,
so the acknowledgement waits for a person's approval.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from mediadesk.worker.parsing import ParsedMessage

# The line a form mailer opens with ("A new submission was received from the form …", "Nouvelle
# soumission du formulaire « Contact presse »", "تم استلام طلب جديد عبر نموذج التواصل").
_MARKER_RE = re.compile(
    r"\b(?:new\s+(?:form\s+)?(?:submission|entry|enquiry|inquiry|message|request)\b"
    r"|(?:submitted|sent)\s+(?:via|through|from|on|using)\s+(?:the\s+|your\s+)?(?:[\w\"“”«» -]{0,40}\s)?(?:contact\s+|web\s*|media\s+|press\s+)?form"
    r"|(?:from|via)\s+the\s+(?:form|contact\s+form)\b"
    r"|nouvel(?:le)?\s+(?:soumission|demande|message|entr[ée]e)\b[^\n]{0,40}\bformulaire|formulaire\s+(?:de\s+contact|«|\")"
    r"|nuevo\s+(?:mensaje|env[íi]o)\s+(?:del|desde\s+el)\s+formulario"
    # WordPress Contact Form 7's default footer, under the message: "This e-mail was sent from a contact form on …".
    r"|(?:e-?mail|message)\s+was\s+sent\s+from\s+a\s+contact\s+form\b|(?:e-?mail|message)\s+(?:a\s+[ée]t[ée]\s+)?envoy[ée]\s+(?:depuis|via)\s+(?:un|le)\s+formulaire)"
    r"|(?:تم\s+(?:استلام|ارسال|إرسال)\s+(?:طلب|رساله|رسالة|نموذج)\s+(?:جديد|جديدة|جديده)?\s*(?:عبر|من|في)\s+(?:ال)?نموذج|رسال[ةه]\s+جديد[ةه]\s+(?:من|عبر)\s+(?:ال)?(?:نموذج|موقع)"
    # "وردت رسالة جديدة عبر نموذج التواصل", and the footer "تم إرسال هذه الرسالة عبر نموذج «اتصل بنا»".
    r"|(?:وردت|وصلت|وصلتكم|لديكم|لديك)\s+(?:رسال[ةه]|طلب)\s+جديد[ةه]?\s+(?:عبر|من|في)\s+(?:ال)?(?:نموذج|موقع)"
    r"|تم\s+(?:ارسال|إرسال)\s+هذه\s+(?:ال)?رسال[ةه]\s+(?:عبر|من|من\s+خلال)\s+(?:ال)?نموذج)",
    re.IGNORECASE,
)
_FIELD_RE = re.compile(r"^[ \t]*\**[ \t]*([^\n:：*]{1,40}?)[ \t]*\**[ \t]*[:：][ \t]*(.*)$", re.MULTILINE)
EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# Field names by what they hold, as form builders and offices label them (en, fr, es, ar).
_EMAIL_LABELS = {"email", "e-mail", "email address", "e-mail address", "your email", "courriel", "adresse e-mail",
                 "adresse électronique", "adresse email", "correo", "correo electrónico", "البريد الإلكتروني",
                 "البريد الالكتروني", "البريد"}
# Contact Form 7 gives the submitter as one field, "From: Name <address>" ("De : …").
_SENDER_LABELS = {"from", "de", "sender", "expéditeur", "المرسل", "من"}
_NAME_LABELS = {"name", "full name", "your name", "nom", "nom complet", "nombre", "الاسم", "الاسم الكامل"}
_SUBJECT_LABELS = {"subject", "objet", "sujet", "asunto", "الموضوع", "عنوان الطلب"}
_MESSAGE_LABELS = {"message", "message body", "corps du message", "your message", "comments", "comment", "enquiry",
                   "inquiry", "details", "request details", "question", "votre message", "commentaire", "demande", "mensaje",
                   "الرسالة", "نص الرسالة", "رسالتك", "الاستفسار", "تفاصيل الطلب", "نص الطلب"}
# The form's own bookkeeping, not the submitter's words.
_NOISE_LABELS = {"date", "submitted", "page", "url", "ip", "ip address", "user agent", "consent", "consent to data processing",
                 "phone", "téléphone", "tel", "teléfono", "الهاتف", "رقم الهاتف", "التاريخ", "الجوال", "country", "pays",
                 "país", "الدولة", "البلد"}
# The mailer's footer under the message ("--", "This notification was generated automatically").
_FOOTER_RE = re.compile(r"^\s*(?:--\s*|[—–]\s*|_{5,}|consent\b.*|this\s+(?:notification|e-?mail|message)\s+was\s+(?:generated|sent)\b.*"
                        r"|message\s+g[ée]n[ée]r[ée]\s+automatiquement\b.*|هذه\s+رسال[ةه]\s+آلي[ةه].*"
                        r"|.*\bhas\s+been\s+sent\s+automatically\b.*|.*\ba\s+[ée]t[ée]\s+envoy[ée]\s+automatiquement\b.*"
                        r"|.*هذه\s+الرسال[ةه]\s+تلقائي.*)$", re.IGNORECASE | re.MULTILINE)
# The form's bookkeeping after the message ("Submission ID: …", "IP: …") ends it.
_TRAILER_RE = re.compile(r"\n[ \t]*\n[ \t]*(?:submission\s+id|entry\s+id|ip|ip\s+address|user\s+agent|page|url|referr?er|consent[^:\n]{0,40})[ \t]*:",
                         re.IGNORECASE)
# Headers that speak for the form mailer only (its bulk and auto-generated marks, its tracking).
# (Its envelope too: "Return-Path: <wordpress@…>" is the site's system account, not the submitter.)
_MAILER_HEADERS = {"return-path", "sender", "auto-submitted", "precedence", "x-auto-response-suppress", "x-mailer",
                   "feedback-id", "x-autoreply", "x-autorespond", "x-mc-user", "x-campaign", "x-mailgun-tag", "x-ses-outgoing",
                   "x-sg-eid"}


@dataclass(frozen=True)
class Submission:
    """What a person typed into a form: their address and name as given, and their words."""

    email: str | None
    name: str | None
    subject: str | None
    text: str


def _label(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.strip().strip("*").strip()).lower()


def find_submission(parsed: ParsedMessage) -> Submission | None:
    """The submission a form notification carries, or None when ``parsed`` is not one (it needs
    the mailer's opening line, an address field and a message field)."""
    text = parsed.text[:20_000]
    if not (_MARKER_RE.search(text[:600]) or _MARKER_RE.search(parsed.subject) or _MARKER_RE.search(text[-600:])):
        return None
    fields = list(_FIELD_RE.finditer(text))
    email = name = subject = None
    message_at = None
    kept: list[str] = []
    for m in fields:
        label, value = _label(m.group(1)), m.group(2).strip()
        if label in _SENDER_LABELS and email is None and (found := EMAIL_RE.search(value)):
            email = found.group(0).lower()
            given = value[:found.start()].strip(" <\"'")
            name = name or (given[:120] or None)
        elif label in _EMAIL_LABELS and email is None:
            found = EMAIL_RE.search(value)
            email = found.group(0).lower() if found else None
        elif label in _NAME_LABELS and name is None and value:
            name = value[:120]
        elif label in _SUBJECT_LABELS and subject is None and value:
            subject = value[:200]
            kept.append(f"{m.group(1).strip()}: {value}")
        elif label in _MESSAGE_LABELS and message_at is None:
            message_at = m
        elif message_at is None and label not in _NOISE_LABELS and value and not EMAIL_RE.fullmatch(value):
            kept.append(f"{m.group(1).strip()}: {value}")  # "Outlet: …", "Request type: Interview"
    if email is None and parsed.reply_to:
        email = parsed.reply_to.lower()  # a form with no address field: its mailer's Reply-To is the submitter
    if email is None or message_at is None:
        return None
    body = (message_at.group(2) + "\n" + text[message_at.end():]).strip()
    for end in (_TRAILER_RE.search(body), _FOOTER_RE.search(body)):
        if end:
            body = body[:end.start()].rstrip()
    if not body:
        return None
    return Submission(email, name, subject, "\n".join([*kept, "", body]).strip())


def mailer_headers_dropped(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` without the form mailer's own marks (auto-generated, bulk, list, tracking)."""
    return {k: v for k, v in headers.items() if k not in _MAILER_HEADERS and not k.startswith("list-")}


def as_submitted(parsed: ParsedMessage, submission: Submission, *, subject: str | None = None) -> ParsedMessage:
    """The notification seen as the submitter's letter: their address, name and words (and ``subject``,
    when given); the form mailer's own headers set aside."""
    return dataclasses.replace(parsed, from_email=submission.email, from_name=submission.name,
                               subject=parsed.subject if subject is None else subject,
                               headers=mailer_headers_dropped(parsed.headers),
                               text=submission.text, html_only=False, html_remote=0, attached_messages=())


# Google Drive's share notification carries the sharer's note: "X (address) has invited you to comment on the
# following document:", the document's title, the note, "Open", Google's footer. Sent from Google's own no-reply
# senders, with the sharer as Reply-To and links only to Google: a look-alike notice fails one of those and
# stays what its words make it (phishing dressed as a share).
_SHARE_SENDERS = frozenset({"drive-shares-dm-noreply@google.com", "drive-shares-noreply@google.com"})
_INVITED_RE = re.compile(r"\([^()\s]+@[^()\s]+\)\s+(?:has\s+invited\s+you|vous\s+a\s+invit[ée]e?|hat\s+sie\s+eingeladen|te\s+ha\s+invitado|"
                         r"دعاك|قام\s+بدعوتك|يدعوك)", re.IGNORECASE)
_URL_HOST_RE = re.compile(r"https?://([^/\s:?#]+)", re.IGNORECASE)
_SHARE_BOILERPLATE_RE = re.compile(
    r"^\s*(?:open|ouvrir|öffnen|abrir|فتح)\s*:?\s*(?:https?://\S+)?\s*$|^\s*https?://\S+\s*$|^\s*google\s+llc\b|"
    r"^\s*(?:you\s+have\s+received\s+this|vous\s+avez\s+re[çc]u\s+cet|if\s+you\s+don.t\s+want\s+to\s+receive|"
    r"si\s+vous\s+ne\s+souhaitez\s+plus|logo\s+for\s+google|تلقيت\s+هذه\s+الرسال)", re.IGNORECASE)


def find_share_note(parsed: ParsedMessage) -> Submission | None:
    """The note a person wrote when sharing a Google document with the office, as their letter (the
    document's title as its subject), or None: not Google's share notice, a link off Google, a sharer
    from the mailbox's own domain (a colleague's file), or no note at all."""
    if (parsed.from_email or "").lower() not in _SHARE_SENDERS or not parsed.reply_to:
        return None
    sharer = parsed.reply_to.lower()
    own = {a.rpartition("@")[2].lower() for a in parsed.to if "@" in a}
    if sharer.rpartition("@")[2] in own:
        return None
    text = parsed.text[:20_000]
    if any(not (h.lower() == "google.com" or h.lower().endswith(".google.com")) for h in _URL_HOST_RE.findall(text)):
        return None
    lines = text.splitlines()
    invited = next((i for i, line in enumerate(lines) if _INVITED_RE.search(line)), None)
    if invited is None:
        return None
    rest = [line.strip() for line in lines[invited + 1:] if line.strip()]
    if not rest:
        return None
    title, note_lines = rest[0], [line for line in rest[1:] if not _SHARE_BOILERPLATE_RE.search(line)]
    note = "\n".join(note_lines).strip().strip("«»\"“” ").strip()
    if not note:
        return None
    name = re.sub(r"\s*\((?:via\s+)?google\s+\w+\)\s*$", "", parsed.from_name or "", flags=re.IGNORECASE).strip() or None
    return Submission(sharer, name, title[:200], note)


__all__ = ["EMAIL_RE", "Submission", "as_submitted", "find_share_note", "find_submission", "mailer_headers_dropped"]
