#!/usr/bin/env python3
"""Benchmark of the press team's read commands on 100,000 tickets (issue 5, acceptance 3).

Run (from the repo root; -P keeps the root off sys.path so `import mailbox` stays the stdlib's):

    .venv/bin/python -P scripts/bench_cli.py                       # SQLite + PostgreSQL, ~4-5 min
    .venv/bin/python -P scripts/bench_cli.py --db sqlite --runs 7  # SQLite only
    .venv/bin/python -P scripts/bench_cli.py --tickets 20000 --explain
    .venv/bin/python -P scripts/bench_cli.py --db sqlite --keep /tmp/bench   # keep the SQLite file
    .venv/bin/python -P scripts/bench_cli.py --startup              # start-up on the demo database, ~1 min

--startup (issue 18) measures something else: whole-process wall time of `mediadesk --help`,
`mediadesk --version` and `mediadesk list` (piped, on the demo database: `mediadesk demo` run
first in a temp folder, or --database URL) against `python -c pass`, all four interleaved
round by round in the same run so that they share the machine's load, after a warm-up run
that writes the bytecode caches (as any installed program has them). It prints the median
and best seconds, the median CPU seconds, and each median as a multiple of `python -c pass`.

What it does:
  1. Seeds N tickets (default 100,000) with realistic sizes, fast: tickets spread over three years,
     ~10% still open (most of them recent, some stale), 20% automated/spam (ignored); 1-3 messages
     each (inbound 1-5 KB bodies in Arabic, English or French, outbound acknowledgements), 4-9
     events, a draft for every human inquiry, attachment rows on 5% of messages; due times from
     the SLA table (so many open ones are past due and flagged overdue, as the beat task would
     have left them; closed tickets that once breached keep the flag). Rows go in with SQLAlchemy
     Core insert() executemany in chunks (SQLAlchemy batches them into multi-row VALUES on
     PostgreSQL); the full-text rows are folded and written as the pipeline writes them
     (storage.search.index_where: one document per inbound message).
     Raw inbound bytes (inbound_message) are not seeded: none of the timed commands reads them.
     SQLite: a temp file, no ANALYZE (the application never runs one, so the planner sees what
     users get). PostgreSQL: a temp database on 127.0.0.1:5432 (user postgres), ANALYZEd (as
     autovacuum would), dropped at the end.
  2. Times `list`, `list --search WORD` (a selective and a common word, and an Arabic one),
     `list --overdue` and `show REF`:
       - in-process: the real command through Typer's CliRunner (settings, the migration check,
         the queries, formatting; no interpreter start-up), one warm-up then --runs runs;
       - subprocess: the installed `mediadesk` console script, wall time, --subprocess-runs runs;
     and the start-up floor (`python -c "import mediadesk.cli.main"`).
  3. Prints medians per command per database against the target (<= 0.3 s on SQLite), and with
     --explain the query plans (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console(stderr=True)
TARGET_SECONDS = 0.3
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
CLI = str(Path(sys.executable).parent / "mediadesk")

# --------------------------------------------------------------------------- realistic text

EN = [
    "We are preparing a feature on the media literacy report published by your organisation last week.",
    "Could your spokesperson give us a short interview, in studio or by video link, before our deadline?",
    "Our editor would like to confirm the figures quoted in the executive summary, especially the regional breakdown.",
    "I am writing on behalf of the news desk regarding the accreditation process for the annual forum.",
    "Please let us know whether photographers and a camera crew may attend the opening session.",
    "We would be grateful for high-resolution images of the exhibition with captions and photo credits.",
    "The programme airs live at seven in the evening and the segment lasts about eight minutes.",
    "Our readers have asked how the survey sample was selected and how many respondents took part.",
    "Could you share the methodology annex and the questionnaire used for the fieldwork?",
    "We noticed that a quotation attributed to your director appears to have been taken out of context.",
    "Kindly send us the official biography and portrait of the speaker for our conference brochure.",
    "The documentary team would like to film B-roll footage on the campus and in the archive.",
    "Is there an embargo on the findings, and if so, when does it lift?",
    "I teach media studies and would like to invite a member of your team to speak to my students.",
    "We would appreciate a written statement in response to the criticism published this morning.",
    "Please confirm receipt of this request and tell us who will be our contact person.",
    "The podcast episode will be recorded next Tuesday and published the following week.",
    "Our agency represents several partners interested in sponsoring the next edition of the forum.",
    "We are updating our database of press contacts and would like to include your media office.",
    "Could you clarify whether the report will also be published in French and Arabic?",
]
FR = [
    "Nous préparons un dossier sur le rapport consacré à l'éducation aux médias publié la semaine dernière.",
    "Votre porte-parole pourrait-il nous accorder un entretien, en studio ou par visioconférence ?",
    "La rédaction souhaite vérifier les chiffres cités dans la synthèse, notamment la répartition régionale.",
    "Je vous écris au nom de la rédaction au sujet de la procédure d'accréditation pour le forum annuel.",
    "Merci de nous indiquer si des photographes et une équipe de tournage peuvent assister à l'ouverture.",
    "Nous aurions besoin de photographies en haute définition de l'exposition, avec légendes et crédits.",
    "L'émission est diffusée en direct à dix-neuf heures et la séquence dure environ huit minutes.",
    "Nos lecteurs demandent comment l'échantillon de l'enquête a été constitué.",
    "Pourriez-vous nous transmettre l'annexe méthodologique et le questionnaire utilisé ?",
    "Une citation attribuée à votre directrice semble avoir été sortie de son contexte.",
    "Pourriez-vous nous envoyer la biographie officielle et le portrait de l'intervenante ?",
    "L'équipe du documentaire aimerait filmer des plans de coupe sur le campus et dans les archives.",
    "Les résultats sont-ils sous embargo et, le cas échéant, jusqu'à quand ?",
    "J'enseigne les sciences de l'information et souhaiterais inviter un membre de votre équipe.",
    "Nous souhaiterions obtenir une déclaration écrite en réponse aux critiques publiées ce matin.",
    "Merci de bien vouloir accuser réception de cette demande et de nous indiquer un interlocuteur.",
]
AR = [
    "نعمل على إعداد تقرير صحفي حول تقرير الدراية الإعلامية الذي نشرتموه الأسبوع الماضي.",
    "هل يمكن للمتحدث الرسمي إجراء مقابلة قصيرة معنا في الاستوديو أو عبر الاتصال المرئي؟",
    "يرغب المحرر في التحقق من الأرقام الواردة في الملخص التنفيذي ولا سيما التوزيع حسب المنطقة.",
    "أكتب إليكم نيابة عن قسم الأخبار بخصوص إجراءات الاعتماد الإعلامي للملتقى السنوي.",
    "نرجو إفادتنا بإمكانية حضور المصورين وطاقم التصوير للجلسة الافتتاحية.",
    "نحتاج إلى صور عالية الدقة للمعرض مع التعليقات وأسماء المصورين.",
    "يُبث البرنامج على الهواء مباشرة في السابعة مساءً وتستغرق الفقرة نحو ثماني دقائق.",
    "يسأل قراؤنا عن كيفية اختيار عينة الاستبيان وعدد المشاركين فيه.",
    "هل يمكنكم تزويدنا بملحق المنهجية والاستبانة المستخدمة في العمل الميداني؟",
    "لاحظنا أن تصريحاً منسوباً إلى مديركم قد اقتُطع من سياقه.",
    "نرجو إرسال السيرة الذاتية الرسمية والصورة الشخصية للمتحدثة لنشرها في كتيب المؤتمر.",
    "يرغب فريق الفيلم الوثائقي في تصوير لقطات داخل الحرم الجامعي وفي الأرشيف.",
    "هل النتائج خاضعة لحظر النشر، ومتى ينتهي هذا الحظر؟",
    "أدرّس الإعلام وأود دعوة أحد أعضاء فريقكم للحديث إلى طلابي.",
    "نأمل الحصول على بيان مكتوب رداً على الانتقادات المنشورة صباح اليوم.",
    "نرجو تأكيد استلام هذا الطلب وتحديد الشخص المسؤول عن التواصل معنا.",
]
TEXT = {"en": EN, "fr": FR, "ar": AR}
GREETING = {"en": "Dear media team,\n\n", "fr": "Madame, Monsieur,\n\n", "ar": "السلام عليكم ورحمة الله،\n\n"}
SIGN = {"en": "\n\nBest regards,\n{name}\n{outlet}\n", "fr": "\n\nCordialement,\n{name}\n{outlet}\n",
        "ar": "\n\nمع خالص الشكر،\n{name}\n{outlet}\n"}
ACK = {"en": "Thank you for your message. We have received your request [{ref}] and will reply as soon as possible.",
       "fr": "Nous vous remercions de votre message. Votre demande [{ref}] a bien été reçue.",
       "ar": "شكراً لتواصلكم. تلقينا طلبكم [{ref}] وسنرد عليكم في أقرب وقت ممكن."}
SUBJECTS = {
    "interview_request": {"en": "Interview request: {topic}", "fr": "Demande d'entretien – {topic}", "ar": "طلب مقابلة: {topic}"},
    "information_request": {"en": "Question about {topic}", "fr": "Demande d'informations – {topic}", "ar": "استفسار حول {topic}"},
    "media_assets": {"en": "Hi-res images for {topic}", "fr": "Photos HD pour {topic}", "ar": "طلب صور عالية الدقة: {topic}"},
    "event_accreditation": {"en": "Press accreditation: {topic}", "fr": "Accréditation presse – {topic}", "ar": "طلب اعتماد إعلامي: {topic}"},
    "correction_complaint": {"en": "Correction request: {topic}", "fr": "Demande de rectification – {topic}", "ar": "طلب تصحيح: {topic}"},
    "partnership_speaking": {"en": "Speaking invitation: {topic}", "fr": "Invitation à intervenir – {topic}", "ar": "دعوة للمشاركة: {topic}"},
    "general": {"en": "{topic}", "fr": "{topic}", "ar": "{topic}"},
    "spam": {"en": "Boost your traffic: {topic}", "fr": "Offre SEO : {topic}", "ar": "عرض خاص: {topic}"},
    "automated": {"en": "Automatic reply: {topic}", "fr": "Réponse automatique : {topic}", "ar": "رد آلي: {topic}"},
}
TOPICS = {"en": ["the media literacy report", "Media Futures Forum 2026", "Headlines in Ink exhibition",
                 "the annual survey", "the spokesperson's statement", "the regional figures"],
          "fr": ["le rapport sur l'éducation aux médias", "Forum Médias du Futur 2026", "l'exposition Titres à l'encre",
                 "l'enquête annuelle", "la déclaration de la porte-parole"],
          "ar": ["تقرير الدراية الإعلامية", "منتدى مستقبل الإعلام 2026", "معرض عناوين بالحبر", "الاستبيان السنوي",
                 "بيان المتحدثة الرسمية"]}
NAMES = {"en": ["Helen Rowe", "Priya Nair", "Tom Baker", "Dana Whitfield", "Brian Okafor", "Sarah Lee"],
         "fr": ["Claire Vasseur", "Jean-Marc Delorme", "Élodie Garnier", "Lucie Fontaine", "Karim Benali"],
         "ar": ["سارة العتيبي", "نواف السبيعي", "ريم القحطاني", "عبدالله الغامدي", "ليلى حداد", "خالد منصور"]}
OUTLETS = ["gen-tv", "gulfledger", "alwaha-daily", "radiohorizon", "hebdo-meridien", "sawt-almadina", "alufuq-tv",
           "sirocco-presse", "samar-podcast", "northlight-docs", "coastal-uni", "mirador-global"]
# Place names, Zipf-distributed (the most common in ~1 ticket in 4, the rarest in ~1 in 120):
# each inquiry names one, so a search for a place is selective, unlike the common words above.
CITIES = [("Riyadh", "الرياض"), ("Jeddah", "جدة"), ("Dubai", "دبي"), ("Paris", "باريس"), ("Cairo", "القاهرة"),
          ("London", "لندن"), ("Doha", "الدوحة"), ("Amman", "عمّان"), ("Dammam", "الدمام"), ("Casablanca", "الدار البيضاء"),
          ("Beirut", "بيروت"), ("Kuwait", "الكويت"), ("Manama", "المنامة"), ("Muscat", "مسقط"), ("Rabat", "الرباط"),
          ("Tunis", "تونس"), ("Algiers", "الجزائر"), ("Geneva", "جنيف"), ("Brussels", "بروكسل"), ("Marseille", "مرسيليا"),
          ("Lyon", "ليون"), ("Montreal", "مونتريال"), ("Dakar", "داكار"), ("Abuja", "أبوجا"), ("Nairobi", "نيروبي"),
          ("Istanbul", "إسطنبول"), ("Islamabad", "إسلام آباد"), ("Jakarta", "جاكرتا"), ("Kuala Lumpur", "كوالالمبور"),
          ("Marrakech", "مراكش")]
CITY_WEIGHTS = [1 / (rank + 1) for rank in range(len(CITIES))]
PLACE = {"en": "Our correspondent in {city} will cover the story for the regional edition.",
         "fr": "Notre correspondant à {city} couvrira le sujet pour l'édition régionale.",
         "ar": "سيتولى مراسلنا في {city} تغطية الموضوع للطبعة الإقليمية."}
TEAM = ["amal", "omar", "nadia", "yousef", "lina", "karim"]
CATEGORY_WEIGHTS = {"interview_request": 18, "information_request": 22, "media_assets": 10, "event_accreditation": 10,
                    "correction_complaint": 4, "partnership_speaking": 8, "general": 8, "spam": 8, "automated": 12}
LANG_WEIGHTS = {"ar": 45, "en": 38, "fr": 17}
PRIORITIES = {"urgent": 5, "high": 15, "normal": 60, "low": 20}
RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
SLA = {"urgent": (2, 24), "high": (8, 72), "normal": (24, 120), "low": (72, 240)}


class Generator:
    """Rows for chunks of tickets; deterministic for a seed."""

    def __init__(self, n: int, now: datetime, seed: int = 42, open_share: float = 0.10):
        self.n, self.now, self.rng, self.open_share = n, now, random.Random(seed), open_share
        self.message_id = self.event_id = self.draft_id = self.attachment_id = 0
        self.categories, self.cat_w = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
        self.langs, self.lang_w = list(LANG_WEIGHTS), list(LANG_WEIGHTS.values())
        self.prios, self.prio_w = list(PRIORITIES), list(PRIORITIES.values())

    def body(self, lang: str, name: str, outlet: str, size: int, city: str | None = None) -> str:
        sentences, parts, length = TEXT[lang], [GREETING[lang]], 0
        if city:
            parts.append(PLACE[lang].format(city=city) + " ")
        while length < size:
            para = " ".join(self.rng.choices(sentences, k=self.rng.randint(2, 5)))
            parts.append(para + "\n\n")
            length += len(para) + 2
        parts.append(SIGN[lang].format(name=name, outlet=outlet))
        return "".join(parts)

    def chunk(self, first_id: int, count: int) -> dict[str, list[dict]]:
        rng, now = self.rng, self.now
        rows: dict[str, list[dict]] = {"ticket": [], "message": [], "ticket_event": [], "draft": [], "attachment": []}
        for tid in range(first_id, first_id + count):
            category = rng.choices(self.categories, self.cat_w)[0]
            lang = rng.choices(self.langs, self.lang_w)[0]
            ignored = category in ("spam", "automated")
            priority = "low" if ignored else rng.choices(self.prios, self.prio_w)[0]
            open_ = not ignored and rng.random() < self.open_share / 0.8
            if open_:
                age = min(timedelta(days=365), timedelta(days=rng.expovariate(1 / 7)))  # mostly recent, some stale
            else:
                age = timedelta(seconds=rng.uniform(3600, 3 * 365 * 86400))
            created = now - age
            first_h, resolution_h = SLA[priority]
            first_due, due = created + timedelta(hours=first_h), created + timedelta(hours=resolution_h)
            deadline = None
            if not ignored and rng.random() < 0.12:
                deadline = created + timedelta(hours=rng.uniform(3, 96))
                first_due, due = min(first_due, deadline), min(due, deadline)
            place = rng.choices(CITIES, CITY_WEIGHTS)[0][1 if lang == "ar" else 0]
            name = rng.choice(NAMES[lang])
            outlet = rng.choice(OUTLETS)
            email = f"{''.join(c for c in name.lower() if c.isascii() and c.isalpha())[:10] or 'press'}{tid % 997}@{outlet}.example"
            subject = SUBJECTS[category][lang].format(topic=rng.choice(TOPICS[lang]))
            if ignored:
                status = "ignored"
            elif open_:
                status = rng.choices(["new", "triaged", "acknowledged", "in_progress", "waiting"], [3, 35, 25, 27, 10])[0]
            else:
                status = rng.choices(["resolved", "closed"], [25, 75])[0]
            acked = status in ("acknowledged", "in_progress", "waiting", "resolved", "closed")
            acknowledged_at = created + timedelta(hours=rng.uniform(0.2, first_h * 1.5)) if acked else None
            resolved_at = created + timedelta(hours=rng.uniform(1, resolution_h * 1.4)) if status in ("resolved", "closed") else None
            if resolved_at and resolved_at > now:
                resolved_at = now
            closed_at = min(now, resolved_at + timedelta(days=rng.uniform(0, 10))) if status == "closed" else None
            overdue = (not ignored) and ((open_ and due < now) or (resolved_at is not None and resolved_at > due))
            updated = max(x for x in (created, acknowledged_at, resolved_at, closed_at) if x is not None)
            triaged = status != "new"
            rows["ticket"].append(dict(
                id=tid, ref=f"MR-{tid}", mailbox="INBOX", requester_email=email, requester_name=name, subject=subject,
                status=status, needs_review=rng.random() < 0.02, review_reason=None,
                assignee=rng.choice(TEAM) if acked and rng.random() < 0.6 else None, merged_into_id=None,
                category=category if triaged else None, category_confidence=round(rng.uniform(0.3, 0.99), 4) if triaged else None,
                language=lang if triaged else None, language_confidence=round(rng.uniform(0.6, 1.0), 4) if triaged else None,
                automated_kind=rng.choice(["auto_reply", "bounce", "bulk"]) if category == "automated" else None,
                deadline=deadline, priority=priority if triaged else None, priority_rank=RANK[priority] if triaged else 2,
                explanation=json.dumps([f"category: {category} (rules)", f"language: {lang} (confidence 0.98)",
                                        f"priority: {priority}"], ensure_ascii=False) if triaged else None,
                triaged_at=created + timedelta(seconds=5) if triaged else None,
                first_response_due_at=first_due if triaged else None, due_at=due if triaged else None,
                overdue=overdue and triaged, created_at=created, updated_at=updated, last_message_at=created,
                acknowledged_at=acknowledged_at, resolved_at=resolved_at, closed_at=closed_at,
            ))
            n_messages = rng.choices([1, 2, 3], [55, 30, 15])[0]
            at = created
            for i in range(n_messages):
                self.message_id += 1
                outbound = i == 1 and acked
                size = rng.randint(600, 1500) if outbound else rng.randint(1000, 5000)  # bytes of UTF-8
                size //= 2 if lang == "ar" else 1  # Arabic letters take two bytes each
                text = (ACK[lang].format(ref=f"MR-{tid}") + "\n\n" + self.body(lang, "GIMS Media Office", "media@gims.example", size)
                        if outbound else self.body(lang, name, outlet, size, place if i == 0 else None))
                at = at + timedelta(minutes=rng.uniform(5, 3000)) if i else created
                rows["message"].append(dict(
                    id=self.message_id, ticket_id=tid, inbound_id=None, direction="out" if outbound else "in",
                    message_id=f"<{tid}.{i}.{secrets.token_hex(4)}@{'gims' if outbound else outlet}.example>",
                    in_reply_to=None, references=None,
                    from_email="media@gims.example" if outbound else email, from_name=None if outbound else name,
                    reply_to=None, to=email if outbound else "media@gims.example", cc=None,
                    subject=("Re: " if i else "") + subject, date=at, body_text=text, headers="{}", defects=None,
                    created_at=at,
                ))
                if not outbound and rng.random() < 0.05:
                    self.attachment_id += 1
                    rows["attachment"].append(dict(
                        id=self.attachment_id, message_id=self.message_id, filename=f"press-card-{tid}.pdf",
                        content_type="application/pdf", size=rng.randint(20_000, 2_000_000),
                        sha256=hashlib.sha256(str(tid).encode()).hexdigest(), stored_path=None, skipped_reason=None))
            events = [("system", "created", None, None, "from inbound (imap)", created)]
            if triaged:
                events += [("system", "triage", None, None, f"{category}, language {lang}, priority {priority}", created),
                           ("system", "status", "new", "ignored" if ignored else "triaged", "by triage", created)]
            if not ignored and triaged:
                events.append(("system", "draft", None, None, f"pending draft ({lang}) to {email}", created))
            actor = rng.choice(TEAM)
            previous = "triaged"
            for to, when in (("acknowledged", acknowledged_at), ("resolved", resolved_at), ("closed", closed_at)):
                if when is not None:
                    events.append((actor, "status", previous, to, None, when))
                    previous = to
            if status in ("in_progress", "waiting"):
                events.append((actor, "status", previous, status, "on it", updated))
            if overdue and triaged:
                events.append(("system", "overdue", None, None, f"due {due.isoformat()}", due))
            for actor_, kind, from_s, to_s, note, when in events:
                self.event_id += 1
                rows["ticket_event"].append(dict(id=self.event_id, ticket_id=tid, at=when, actor=actor_, kind=kind,
                                                 from_status=from_s, to_status=to_s, note=note))
            if not ignored and triaged:
                self.draft_id += 1
                sent = acked and rng.random() < 0.9
                rows["draft"].append(dict(
                    id=self.draft_id, ticket_id=tid, status="sent" if sent else ("pending" if not acked else "rejected"),
                    language=lang, to_email=email, to_name=name, subject=f"Re: {subject} [MR-{tid}]",
                    body_text=ACK[lang].format(ref=f"MR-{tid}") + "\n\n" + self.body(lang, "GIMS", "media", 700),
                    body_html=None, in_reply_to=None, references=None, message_id=f"<ack.{tid}@gims.example>",
                    created_at=created, edited_by=None, approved_by=actor if sent else None,
                    approved_at=acknowledged_at if sent else None, send_attempts=1 if sent else 0,
                    send_started_at=None, sent_at=acknowledged_at if sent else None, error=None))
        return rows


# --------------------------------------------------------------------------- seeding

TABLES = ("ticket", "message", "ticket_event", "draft", "attachment")


def _columns(table: str) -> list:
    from mediadesk.storage import models

    by_name = {m.__tablename__: m for m in (models.Ticket, models.Message, models.TicketEvent, models.Draft,
                                             models.Attachment)}
    return list(by_name[table].__table__.columns)


class Loader:
    """Bulk rows into one database, through its driver (see the module docstring for why)."""

    def __init__(self, name: str, url: str):
        from mediadesk.storage import db

        self.name, self.url = name, url
        db.upgrade(url)
        self.engine = db.make_engine(url)
        self.sqlite = self.engine.dialect.name == "sqlite"
        self.raw = self.engine.raw_connection()
        self.conn = self.raw.driver_connection
        self.statements: dict[str, tuple[str, list]] = {}
        self.defaults: dict[str, dict] = {}
        if self.sqlite:
            self.conn.execute("PRAGMA synchronous=OFF")  # this connection only: a bench load, not live data
        else:
            with self.conn.cursor() as cur:
                cur.execute("SET synchronous_commit TO off")
                cur.execute("DROP INDEX IF EXISTS ix_message_search_document")  # built once after the load
            self.conn.commit()
        for table in TABLES:
            columns = _columns(table)
            names = ", ".join(f'"{c.name}"' for c in columns)
            if self.sqlite:
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
            else:
                sql = f'COPY "{table}" ({names}) FROM STDIN'
            self.statements[table] = (sql, [c.name for c in columns])
            # Columns the generator leaves out (added since) get their model default, or NULL.
            self.defaults[table] = {c.name: c.default.arg for c in columns
                                    if c.default is not None and c.default.is_scalar}
        self.seconds = 0.0

    def load(self, rows: dict[str, list[dict]]) -> None:
        started = time.perf_counter()
        if self.sqlite:
            cur = self.conn.cursor()
            cur.execute("BEGIN")
            for table in TABLES:
                sql, names = self.statements[table]
                fill = self.defaults[table]
                cur.executemany(sql, [tuple(_sqlite_value(r.get(n, fill.get(n))) for n in names) for r in rows[table]])
            cur.execute("COMMIT")
        else:
            with self.conn.cursor() as cur:
                for table in TABLES:
                    sql, names = self.statements[table]
                    with cur.copy(sql) as copy:
                        fill = self.defaults[table]
                        for r in rows[table]:
                            copy.write_row(tuple(r.get(n, fill.get(n)) for n in names))
            self.conn.commit()
        self.seconds += time.perf_counter() - started

    def index_text(self) -> float:
        """The full-text rows, folded and written as the pipeline writes them."""
        from sqlalchemy import text

        from mediadesk.storage.search import index_where

        started = time.perf_counter()
        self.raw.close()
        with self.engine.begin() as conn:
            if self.sqlite:
                index_where(conn, "1 = 1")
            else:
                top = conn.execute(text("SELECT coalesce(max(id), 0) FROM message")).scalar_one()
                middle = top // 2

                def part(bounds):  # to_tsvector is the slow part: two backends share it
                    with self.engine.begin() as other:
                        index_where(other, f"m.id > {bounds[0]} AND m.id <= {bounds[1]}")

                with ThreadPoolExecutor(max_workers=2) as pool:
                    list(pool.map(part, [(0, middle), (middle, top)]))
                conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
                conn.execute(text("CREATE INDEX ix_message_search_document ON message_search USING GIN (document)"))
                for table in TABLES:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                      f"(SELECT coalesce(max(id), 1) FROM {table}))"))
        if not self.sqlite:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        return time.perf_counter() - started

    def check(self, expected: dict) -> None:
        """What the application reads back is what was generated (types, times, flags)."""
        from sqlmodel import Session

        from mediadesk.storage.models import Ticket

        with Session(self.engine) as session:
            ticket = session.get(Ticket, expected["id"])
            got = {k: getattr(ticket, k) for k in expected}
        if got != expected:
            diff = {k: (got[k], v) for k, v in expected.items() if got[k] != v}
            raise RuntimeError(f"{self.name}: seeded ticket reads back differently: {diff}")

    def size(self) -> int:
        if self.sqlite:
            path = Path(self.url.removeprefix("sqlite:///"))
            return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def _sqlite_value(value):
    # What SQLAlchemy's UTCDateTime/DateTime would store on SQLite: naive UTC, microseconds.
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def seed(loaders: list[Loader], n: int, chunk: int, open_share: float) -> dict:
    """Generate once, load into every database; then the full-text rows."""
    from mediadesk.storage.models import utcnow

    gen = Generator(n, utcnow(), open_share=open_share)
    counts = dict.fromkeys(TABLES, 0)
    first_ticket = None
    generating = 0.0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as progress, ThreadPoolExecutor(max_workers=2) as pool:
        task = progress.add_task(f"seeding {' + '.join(l.name for l in loaders)}", total=n)
        for first in range(1, n + 1, chunk):
            t0 = time.perf_counter()
            rows = gen.chunk(first, min(chunk, n + 1 - first))
            generating += time.perf_counter() - t0
            first_ticket = first_ticket or dict(rows["ticket"][0])
            # Both databases at once: the drivers release the GIL while the database works.
            list(pool.map(lambda loader: loader.load(rows), loaders))
            for table in TABLES:
                counts[table] += len(rows[table])
            progress.advance(task, len(rows["ticket"]))
        task = progress.add_task(f"full-text index: {' + '.join(l.name for l in loaders)}", total=None)
        fts = dict(zip([l.name for l in loaders], pool.map(lambda loader: loader.index_text(), loaders)))
        progress.update(task, total=1, completed=1)
    expected = {k: first_ticket[k] for k in ("id", "ref", "status", "priority_rank", "overdue", "created_at", "due_at",
                                            "deadline", "subject", "needs_review")}
    for loader in loaders:
        loader.check(expected)
    return {"counts": counts, "generate_s": generating, "load_s": {l.name: l.seconds for l in loaders}, "fts_s": fts}


def pg_create() -> tuple[str, str]:
    import psycopg

    name = f"mediadesk_bench_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def pg_drop(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------- timing


SEARCHES = [("Marrakech", "a rare place"), ("report", "a common word"), ("media", "in most tickets"),
            ("الاعتماد", "Arabic")]


def pick_targets(url: str) -> dict:
    """A show REF worth showing (in progress, three messages) and what the searches match."""
    from sqlalchemy import func
    from sqlmodel import Session, select

    from mediadesk.storage import db
    from mediadesk.storage.models import Message, Ticket
    from mediadesk.storage.repo import overdue_clause
    from mediadesk.storage.search import matching_ticket_ids

    engine = db.make_engine(url)
    with Session(engine) as session:
        tid = session.exec(select(Message.ticket_id).join(Ticket, Ticket.id == Message.ticket_id)
                           .where(Ticket.status == "in_progress").group_by(Message.ticket_id)
                           .having(func.count() == 3).order_by(Message.ticket_id.desc()).limit(1)).first()
        counts = dict(session.exec(select(Ticket.status, func.count()).group_by(Ticket.status)).all())
        overdue_open = session.exec(select(func.count()).select_from(Ticket).where(overdue_clause())).one()
        matches = {}
        for word, _ in SEARCHES:
            ids = matching_ticket_ids(session, word).subquery()
            matches[word] = session.exec(select(func.count()).select_from(ids)).one()
    engine.dispose()
    return {"show_ref": f"MR-{tid}", "by_status": counts, "overdue_open": overdue_open, "matches": matches}


def commands(show_ref: str) -> list[tuple[str, list[str]]]:
    return [
        ("list", ["list"]),
        *[(f"list --search {word} ({what})", ["list", "--search", word]) for word, what in SEARCHES],
        ("list --overdue", ["list", "--overdue"]),
        ("show REF (3 messages)", ["show", show_ref]),
    ]


def env_for(url: str, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIADESK_", "PYTHONPATH", "FORCE_COLOR"))}
    return env | {"MEDIADESK_DATABASE_URL": url, "MEDIADESK_DATA_DIR": str(workdir / "data"),
                  "MEDIADESK_USER": "bench", "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0"}


def time_in_process(url: str, workdir: Path, cmds, runs: int) -> dict[str, dict]:
    from typer.testing import CliRunner

    from mediadesk.cli.main import app
    from mediadesk.settings import reset_settings_cache

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env_for(url, workdir))
    reset_settings_cache()
    runner, results = CliRunner(), {}
    try:
        for label, args in cmds:
            times, lines = [], 0
            for i in range(runs + 1):  # the first run warms caches and is not counted
                t0 = time.perf_counter()
                result = runner.invoke(app, args)
                elapsed = time.perf_counter() - t0
                if result.exit_code != 0:
                    raise RuntimeError(f"{args} exited {result.exit_code}: {result.stderr[-500:]}")
                lines = len(result.stdout.splitlines())
                if i:
                    times.append(elapsed)
            results[label] = {"median": statistics.median(times), "min": min(times), "max": max(times), "lines": lines}
    finally:
        os.environ.clear()
        os.environ.update(saved)
        reset_settings_cache()
    return results


def time_subprocess(url: str, workdir: Path, cmds, runs: int) -> dict[str, dict]:
    env, results = env_for(url, workdir), {}
    for label, args in [("(start-up: import only)", None), *cmds]:
        argv = [sys.executable, "-c", "import mediadesk.cli.main"] if args is None else [CLI, *args]
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.run(argv, env=env, cwd=workdir, capture_output=True, stdin=subprocess.DEVNULL, timeout=300)
            times.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise RuntimeError(f"{argv} exited {proc.returncode}: {proc.stderr[-500:]!r}")
        results[label] = {"median": statistics.median(times), "min": min(times), "max": max(times)}
    return results


def explain(url: str, show_ref: str) -> None:
    """The plans of the queries behind the timed commands."""
    from sqlalchemy import text
    from sqlmodel import Session, select

    from mediadesk.storage import db
    from mediadesk.storage.models import Ticket
    from mediadesk.storage.repo import overdue_clause
    from mediadesk.storage.search import matching_ticket_ids
    from mediadesk.worker.workflow import OPEN_STATUSES

    engine = db.make_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    with Session(engine) as session:
        base = select(Ticket).where(Ticket.merged_into_id.is_(None), Ticket.status.in_(OPEN_STATUSES))
        order = (Ticket.priority_rank, Ticket.due_at.is_(None), Ticket.due_at, Ticket.id)
        queries = {
            "list": base.order_by(*order).limit(100),
            "list --search media": base.join(matches := matching_ticket_ids(session, "media").subquery("matches"),
                                             matches.c.id == Ticket.id).order_by(*order).limit(100),
            "list --search Marrakech": base.join(rare := matching_ticket_ids(session, "Marrakech").subquery("rare"),
                                                 rare.c.id == Ticket.id).order_by(*order).limit(100),
            "list --overdue": base.where(overdue_clause()).order_by(*order).limit(100),
        }
        for label, query in queries.items():
            compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
            sql = ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ") + str(compiled)
            rows = session.exec(text(sql)).all()
            console.print(f"[bold]{label}[/] ({engine.dialect.name})")
            for row in rows:
                console.print("   " + (str(row[-1]) if sqlite else str(row[0])), highlight=False, markup=False)
    engine.dispose()


# --------------------------------------------------------------------------- main


STARTUP_COMMANDS = [("python -c pass", None), ("mediadesk --help", ["--help"]),
                    ("mediadesk --version", ["--version"]), ("mediadesk list (demo database)", ["list"])]


def startup(runs: int, database: str | None) -> int:
    """Whole-process start-up of the daily commands against `python -c pass` (see the docstring)."""
    import importlib.metadata

    workdir = Path(tempfile.mkdtemp(prefix="mediadesk-startup-"))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MEDIADESK_", "PYTHONPATH", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE"))}
    env |= {"MEDIADESK_DATABASE_URL": database or f"sqlite:///{workdir / 'demo.db'}",
            "MEDIADESK_DATA_DIR": str(workdir / "data"), "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0"}
    try:
        if database is None:
            console.print("seeding the demo database (`mediadesk demo`) …")
            subprocess.run([CLI, "demo"], env=env, cwd=workdir, check=True, capture_output=True, timeout=900)
        argvs = {label: [sys.executable, "-c", "pass"] if args is None else [CLI, *args]
                 for label, args in STARTUP_COMMANDS}
        for argv in argvs.values():  # warm-up: bytecode caches written, files in the page cache
            subprocess.run(argv, env=env, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls: dict[str, list[float]] = {label: [] for label in argvs}
        cpus: dict[str, list[float]] = {label: [] for label in argvs}
        load_before = os.getloadavg()[0]
        for _ in range(runs):  # interleaved: each round runs all four under the same load
            for label, argv in argvs.items():
                before, t0 = os.times(), time.perf_counter()
                proc = subprocess.run(argv, env=env, cwd=workdir, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=120)
                walls[label].append(time.perf_counter() - t0)
                after = os.times()
                cpus[label].append(after.children_user - before.children_user
                                   + after.children_system - before.children_system)
                if proc.returncode != 0:
                    raise RuntimeError(f"{argv} exited {proc.returncode}: {proc.stderr[-500:]!r}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    floor = statistics.median(walls["python -c pass"])
    table = Table(title=f"start-up, whole process: {runs} interleaved runs each (typer "
                        f"{importlib.metadata.version('typer')}, Python {sys.version.split()[0]}, "
                        f"load average {load_before:.2f} → {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)")
    for column in ("command", "median s", "best s", "median CPU s", "× python -c pass", "≤ 0.3 s"):
        table.add_column(column, justify="left" if column == "command" else "right")
    over = []
    for label in argvs:
        median = statistics.median(walls[label])
        if label != "python -c pass" and median > TARGET_SECONDS:
            over.append(label)
        table.add_row(label, f"{median:.3f}", f"{min(walls[label]):.3f}", f"{statistics.median(cpus[label]):.3f}",
                      f"{median / floor:.1f}", "" if label == "python -c pass" else ("yes" if median <= TARGET_SECONDS
                                                                                    else "no"))
    Console(width=140).print(table)
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--startup", action="store_true",
                        help="time the start-up of --help, --version and list against `python -c pass` instead")
    parser.add_argument("--database", help="with --startup: this database instead of a fresh demo one")
    parser.add_argument("--startup-runs", type=int, default=15, help="with --startup: timed runs of each command")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=2_000, help="tickets per load transaction")
    parser.add_argument("--open-share", type=float, default=0.10, help="share of tickets still open")
    parser.add_argument("--runs", type=int, default=5, help="timed in-process runs per command (after a warm-up)")
    parser.add_argument("--subprocess-runs", type=int, default=3, help="timed console-script runs per command")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--keep", type=Path, help="keep the SQLite database in this directory")
    args = parser.parse_args()
    if args.startup:
        return startup(args.startup_runs, args.database)

    workdir = Path(tempfile.mkdtemp(prefix="mediadesk-bench-"))
    wanted = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results: dict[str, dict] = {}
    pg_name = None
    console.print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
    loaders: list[Loader] = []
    try:
        if "sqlite" in wanted:
            folder = args.keep or workdir
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "bench.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            loaders.append(Loader("sqlite", f"sqlite:///{path}"))
        if "postgres" in wanted:
            try:
                pg_name, url = pg_create()
            except Exception as exc:
                console.print(f"[yellow]PostgreSQL on 127.0.0.1:5432 is not available ({exc}); skipped[/]")
            else:
                loaders.append(Loader("postgres", url))
        info = seed(loaders, args.tickets, args.chunk, args.open_share)
        console.print(f"seeded {info['counts']}: generated in {info['generate_s']:.0f} s; loaded in "
                      + ", ".join(f"{k} {v:.0f} s" for k, v in info["load_s"].items()) + "; full-text index "
                      + ", ".join(f"{k} {v:.0f} s" for k, v in info["fts_s"].items()), highlight=False)
        for loader in loaders:
            name, url = loader.name, loader.url
            targets = pick_targets(url)
            console.print(f"{name}: {loader.size() / 1e6:,.0f} MB; statuses {targets['by_status']}; open and overdue "
                          f"{targets['overdue_open']}; search matches {targets['matches']}", highlight=False)
            loader.engine.dispose()
            cmds = commands(targets["show_ref"])
            if args.explain:
                explain(url, targets["show_ref"])
            console.print(f"{name}: timing in-process ({args.runs} runs after a warm-up) …")
            inproc = time_in_process(url, workdir, cmds, args.runs)
            console.print(f"{name}: timing the console script ({args.subprocess_runs} runs) …")
            sub = time_subprocess(url, workdir, cmds, args.subprocess_runs)
            results[name] = {"in": inproc, "sub": sub, "cmds": cmds, "targets": targets}
    finally:
        from mediadesk.storage.db import engine_for

        for loader in loaders:
            loader.engine.dispose()
        engine_for.cache_clear()
        if pg_name:
            pg_drop(pg_name)
        shutil.rmtree(workdir, ignore_errors=True)  # the SQLite file too, unless --keep put it elsewhere

    table = Table(title=f"mediadesk CLI on {args.tickets:,} tickets — median seconds "
                        f"(in-process: {args.runs} runs after a warm-up; console script: {args.subprocess_runs} runs)")
    table.add_column("command")
    for name in results:
        table.add_column(f"{name}\nin-process", justify="right")
        table.add_column(f"{name}\nconsole script", justify="right")
    table.add_column("target\n(SQLite)", justify="right")
    first = next(iter(results.values()), None)
    labels = ["(start-up: import only)"] + ([label for label, _ in first["cmds"]] if first else [])
    for i, label in enumerate(labels):
        row = [label]
        for name, res in results.items():
            inproc = res["in"].get(label)
            row.append("" if inproc is None else _fmt(inproc["median"], name == "sqlite"))
            row.append(f"{res['sub'][label]['median']:.3f}")
        row.append("" if i == 0 else f"≤ {TARGET_SECONDS}")
        table.add_row(*row)
    Console(width=160).print(table)
    missed = [label for label, _ in results.get("sqlite", {}).get("cmds", [])
              if results["sqlite"]["in"][label]["median"] > TARGET_SECONDS]
    console.print(f"load average after: {os.getloadavg()[0]:.2f}")
    if "sqlite" in results:
        console.print("SQLite in-process: " + ("every command within the target" if not missed else
                                               f"[red]over the target: {', '.join(missed)}[/]"))
    return 1 if missed else 0


def _fmt(seconds: float, sqlite: bool) -> str:
    text = f"{seconds:.3f}"
    return f"[red]{text}[/]" if sqlite and seconds > TARGET_SECONDS else text


if __name__ == "__main__":
    sys.exit(main())
