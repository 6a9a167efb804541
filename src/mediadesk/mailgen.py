"""Realistic synthetic inquiries for load tests and benchmarks (ar/en/fr, 2–50 KB, some attachments).

Deterministic for a seed. Each message says which thread it belongs to, so a test can compute
exactly which tickets must exist afterwards.
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

OPENINGS = {
    "en": [
        ("Interview request: {topic}", "Dear press office,\n\nI am a reporter with {outlet} and would like to interview your spokesperson about {topic}. Could we arrange a 20-minute call before {day}?"),
        ("Request for comment on {topic}", "Hello,\n\nWe are preparing a piece on {topic} and would welcome a statement from your organisation. Our deadline is {day} at 5pm."),
        ("High-resolution photos of {topic}", "Hi,\n\nCould you send us high-resolution photos and the logo for our article on {topic}? Many thanks."),
        ("Press accreditation: {topic}", "Good morning,\n\nI would like to request press accreditation to cover {topic}. I work for {outlet}."),
    ],
    "fr": [
        ("Demande d'interview : {topic}", "Madame, Monsieur,\n\nJe suis journaliste à {outlet} et je souhaiterais interviewer votre porte-parole au sujet de {topic}. Serait-ce possible avant {day} ?"),
        ("Demande de réaction sur {topic}", "Bonjour,\n\nNous préparons un article sur {topic} et aimerions obtenir une déclaration de votre part avant {day} 17h."),
        ("Photos haute définition : {topic}", "Bonjour,\n\nPourriez-vous nous transmettre des photos en haute définition pour notre article sur {topic} ?"),
    ],
    "ar": [
        ("طلب مقابلة: {topic}", "السلام عليكم،\n\nأنا صحفي في {outlet} وأرغب في إجراء مقابلة مع المتحدث الرسمي حول {topic}. هل يمكن ترتيب ذلك قبل {day}؟"),
        ("طلب تعليق حول {topic}", "تحية طيبة،\n\nنعد تقريراً عن {topic} ونود الحصول على تصريح رسمي منكم قبل نهاية الأسبوع."),
        ("طلب صور عالية الدقة: {topic}", "مرحباً،\n\nنرجو تزويدنا بصور عالية الدقة والشعار لتقريرنا عن {topic}. شكراً لكم."),
    ],
}
TOPICS = {
    "en": ["the media literacy report", "the Media Futures Forum", "the new spokesperson", "the photography exhibition"],
    "fr": ["le rapport sur l'éducation aux médias", "le Forum Media Futures", "la nouvelle porte-parole", "l'exposition de photographie"],
    "ar": ["تقرير التربية الإعلامية", "منتدى مستقبل الإعلام", "المتحدث الرسمي الجديد", "معرض التصوير"],
}
DAYS = {"en": ["Thursday", "Friday", "Monday"], "fr": ["jeudi", "vendredi", "lundi"], "ar": ["الخميس", "الجمعة", "الاثنين"]}
OUTLETS = ["Al-Waha Daily", "Radio Horizon", "The Gulf Ledger", "Le Courrier du Golfe", "Sahel Weekly"]
FILLER = {
    "en": "Our readers follow this subject closely and we want to give them accurate figures and context. ",
    "fr": "Nos lecteurs suivent ce sujet de près et nous souhaitons leur donner des chiffres exacts et du contexte. ",
    "ar": "يتابع قراؤنا هذا الموضوع باهتمام ونرغب في تقديم أرقام دقيقة وسياق واضح لهم. ",
}
REPLIES = {"en": "Following up on my message below: any news?", "fr": "Je me permets de relancer ma demande ci-dessous.",
           "ar": "أتابع رسالتي أدناه، هل من جديد؟"}


@dataclass(frozen=True)
class Generated:
    raw: bytes
    message_id: str
    thread: int  # index of the first message of its thread


def generate(n: int, *, seed: int = 7, reply_ratio: float = 0.25, attachment_ratio: float = 0.1,
             min_kb: int = 2, max_kb: int = 50, domain: str = "synthetic.example") -> list[Generated]:
    """``n`` messages; about ``reply_ratio`` of them reply (In-Reply-To) to an earlier one."""
    rng = random.Random(seed)
    out: list[Generated] = []
    start = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=3)))
    for i in range(n):
        lang = rng.choice(["ar", "ar", "en", "en", "fr"])
        message_id = f"<gen-{seed}-{i}@{domain}>"
        person = f"reporter{rng.randrange(10_000)}"
        parent = out[rng.randrange(len(out))] if out and rng.random() < reply_ratio else None
        threading: dict[str, str] = {}
        if parent is not None:
            first = out[parent.thread]
            lang_first = _lang_of(first.raw)
            lang = lang_first
            subject = "Re: " + _subject_of(first.raw)
            body = REPLIES[lang]
            sender = _from_of(first.raw)
            threading = {"In-Reply-To": parent.message_id,
                         "References": " ".join(dict.fromkeys([first.message_id, parent.message_id]))}
            thread = parent.thread
        else:
            subject_t, body_t = rng.choice(OPENINGS[lang])
            topic, day = rng.choice(TOPICS[lang]), rng.choice(DAYS[lang])
            subject = subject_t.format(topic=topic)
            body = body_t.format(topic=topic, day=day, outlet=rng.choice(OUTLETS))
            sender = f"{person}@{rng.choice(['waha-daily', 'radio-horizon', 'gulf-ledger', 'courrier'])}.example"
            thread = i
        target = rng.randint(min_kb, max_kb) * 1024
        # An attachment, when there is one, takes at most three quarters of the message's size.
        attachment = None
        if rng.random() < attachment_ratio:
            budget = (target - 2_048) * 3 // 4 * 3 // 4  # raw bytes whose base64 fits the share
            if budget >= 1_000:
                attachment = (rng.randbytes(min(rng.randint(5_000, 30_000), budget)), f"press-card-{i}.pdf")
        headers = {**threading, "From": f"{person.title()} <{sender}>", "To": "media@gims.example",
                   "Subject": subject, "Date": format_datetime(start + timedelta(minutes=7 * i)),
                   "Message-ID": message_id, "X-Mediadesk-Lang": lang}
        raw = _sized(headers, body, "-- \n" + person.title() + "\n", _paragraph(lang), attachment, target)
        out.append(Generated(raw, message_id, thread))
    return out


def _paragraph(lang: str) -> str:
    """Padding as people write it: paragraphs of a few sentences, not one endless line."""
    return (FILLER[lang] * 4).rstrip() + "\n\n"


def _build(headers: dict[str, str], text: str, attachment: tuple[bytes, str] | None) -> bytes:
    msg = EmailMessage()
    for name, value in headers.items():
        msg[name] = value
    msg.set_content(text)
    if attachment is not None:
        msg.add_attachment(attachment[0], maintype="application", subtype="pdf", filename=attachment[1])
    return msg.as_bytes()


def _sized(headers: dict[str, str], body: str, signature: str, filler: str,
           attachment: tuple[bytes, str] | None, target: int) -> bytes:
    """The message padded with filler paragraphs so that its encoded size is close to ``target``.

    Transfer encoding (base64 for Arabic, quoted-printable for French) changes what a paragraph
    costs, so the cost is measured once per filler and the padding sized from it."""
    bare = _build(headers, body + "\n\n" + signature, attachment)
    units = max(0, round((target - len(bare)) / _filler_cost(filler)))
    if units == 0:
        return bare
    return _build(headers, body + "\n\n" + filler * units + "\n\n" + signature, attachment)


_COSTS: dict[str, float] = {}


def _filler_cost(filler: str) -> float:
    """Encoded bytes one filler paragraph adds to a message."""
    if filler not in _COSTS:
        headers = {"Subject": "x"}
        short, long = (len(_build(headers, "x\n\n" + filler * k, None)) for k in (10, 210))
        _COSTS[filler] = (long - short) / 200
    return _COSTS[filler]


def _header_value(raw: bytes, name: str) -> str:
    import email
    from email import policy

    return str(email.message_from_bytes(raw, policy=policy.default)[name])


def _subject_of(raw: bytes) -> str:
    return _header_value(raw, "Subject")


def _from_of(raw: bytes) -> str:
    from email.utils import parseaddr

    return parseaddr(_header_value(raw, "From"))[1]


def _lang_of(raw: bytes) -> str:
    return _header_value(raw, "X-Mediadesk-Lang")


def expected_threads(messages: list[Generated]) -> int:
    """How many tickets the messages must become."""
    return len({m.thread for m in messages})


__all__ = ["Generated", "generate", "expected_threads", "base64"]
