"""A story answered with one statement, end to end (issue 21): twenty inquiries about one story in
Arabic, English and French go through the real pipeline into one story; one statement in three
language versions is registered, approved, and answered to the story from the console script;
`draft approve --story` queues twenty sends for a real Celery worker, which is killed (SIGKILL)
in the middle and started again. The SMTP sink then holds twenty separate deliveries, each to
one requester alone, in that requester's language, each exactly once; the one whose attempt the
kill interrupted is settled by a human as the protocol asks (`draft resolve`)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from harness import SMTPServer, run_cli, wait_until
from sqlalchemy import update
from sqlmodel import Session, select

from mediadesk.settings import Settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Draft, Ticket, utcnow
from mediadesk.worker import pipeline

TEXT = {"en": "The Office confirms its teams reached Derna on Monday.",
        "fr": "Le Bureau confirme que ses équipes sont arrivées à Derna lundi.",
        "ar": "يؤكد المكتب أن فرقه وصلت إلى درنة يوم الاثنين."}
ASKED = {
    "en": ("Derna dam collapse", "Can you confirm that 27 people were killed when the Derna dam collapsed in the floods?"),
    "fr": ("Barrage de Derna", "Pouvez-vous confirmer les 27 morts après la rupture du barrage de Derna et les inondations ?"),
    "ar": ("انهيار سد درنة", "هل يمكنكم تأكيد مقتل ٢٧ شخصا بعد انهيار سد درنة بسبب الفيضانات؟"),
}
LANGS = ["en"] * 8 + ["fr"] * 6 + ["ar"] * 6


def inquiry(i: int, lang: str) -> bytes:
    subject, body = ASKED[lang]
    return "\r\n".join([
        f"From: Reporter {i} <reporter{i}@outlet{i}.example>", "To: media@imctc.example", f"Subject: {subject}",
        "Date: Tue, 24 Nov 2026 10:00:00 +0300", f"Message-ID: <q{i}@outlet{i}.example>", "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8", "", f"{body}\n\nReporter {i}"]).encode()


@pytest.mark.integration
def test_twenty_inquiries_one_statement_twenty_deliveries_once_each_through_a_killed_worker(
        tmp_path, redis_server, worker_factory):
    with SMTPServer(data_delay=0.3) as sink:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_")}
        env.pop("PYTHONPATH", None)
        env |= {"MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'md.db'}", "MEDIADESK_DATA_DIR": str(tmp_path / "data"),
                "MEDIADESK_MEDIA_ADDRESS": "media@imctc.example", "MEDIADESK_ORGANISATION": "IMCTC Media Centre",
                "MEDIADESK_USER": "amal", "MEDIADESK_REDIS_URL": redis_server.url,
                "MEDIADESK_SWEEP_GRACE_SECONDS": "0", **sink.env()}
        settings = Settings(_env_file=None, database_url=env["MEDIADESK_DATABASE_URL"], data_dir=tmp_path / "data",
                            media_address="media@imctc.example", organisation="IMCTC Media Centre",
                            smtp_host="127.0.0.1", smtp_port=sink.port, smtp_tls="none")
        upgrade(settings.database_url)
        engine = engine_for(settings.database_url)
        with session_scope(engine) as session:
            ids = repo.store_inbound(session, items=[repo.RawItem(raw=inquiry(i, lang)) for i, lang in enumerate(LANGS)],
                                     mailbox="t", source="test")
        pipeline.process_batch(engine, ids[:10], settings)  # the real pipeline, in two batches
        pipeline.process_batch(engine, ids[10:], settings)
        with Session(engine) as session:
            tickets = session.exec(select(Ticket).order_by(Ticket.id)).all()
            assert {t.story_id for t in tickets} == {1}, [t.explanation for t in tickets]
            assert [t.language for t in tickets] == LANGS
            requester = {t.id: (t.requester_email, t.language) for t in tickets}

        def cli(*args, input=None):
            result = run_cli(list(args), env, tmp_path, timeout=120, input=input)
            assert result.returncode == 0, result.stderr
            return result

        for lang, text in TEXT.items():
            (tmp_path / f"{lang}.txt").write_text(text, encoding="utf-8")
        cli("statement", "add", "--title", "Derna: our teams", "--lang", "en", str(tmp_path / "en.txt"))
        cli("statement", "add", "--to", "1", "--lang", "fr", str(tmp_path / "fr.txt"))
        cli("statement", "add", "--to", "1", "--lang", "ar", str(tmp_path / "ar.txt"))
        cli("statement", "approve", "1")
        answered = cli("story", "answer", "S-1", "--statement", "1")
        assert "20 reply drafts with statement 1 (ar 6, en 8, fr 6)" in answered.stderr, answered.stderr

        approved = cli("draft", "approve", "--story", "S-1", "--yes")
        assert "20 replies will go, each to its requester alone (ar 6, en 8, fr 6)" in approved.stderr
        assert "reporter7@outlet7.example" in approved.stderr and "20 approved" in approved.stderr

        worker = worker_factory(env, concurrency=1)
        sink.wait_for_data(6, timeout=90)
        worker.kill()  # SIGKILL mid-way: tasks prefetched and the one in flight are not acknowledged
        killed_at = len(sink.data_received)
        assert killed_at < 20
        worker.restart()
        # The outbox sweep re-enqueues the approved replies whose tasks died with the worker.
        sweep = subprocess.run([sys.executable, "-c", "from mediadesk.worker.tasks import sweep; sweep.delay()"],
                               env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert sweep.returncode == 0, sweep.stderr

        def statuses():
            with Session(engine) as session:
                return [d.status for d in session.exec(select(Draft).where(Draft.kind == "reply"))]

        wait_until(lambda: statuses().count("sent") + statuses().count("sending") == 20 and
                   statuses().count("sent") >= 19, timeout=120, what="the replies sent")
        with Session(engine) as session:
            interrupted = session.exec(select(Draft).where(Draft.kind == "reply", Draft.status == "sending")).all()
        for draft in interrupted:  # its attempt died with the worker: uncertain once its lease ran out
            with Session(engine) as session:
                session.exec(update(Draft).where(Draft.id == draft.id)
                             .values(send_lease_until=utcnow() - timedelta(seconds=1)))
                session.commit()
            from mediadesk.worker.sending import send_draft

            assert send_draft(engine, draft.id, settings) == "uncertain"
            ref = f"MR-{draft.ticket_id}"
            if sink.deliveries(draft.message_id):  # the server had it: a human records it as sent
                cli("draft", "resolve", ref, "--sent")
            else:
                cli("draft", "resolve", ref, "--resend", "--now")

        with Session(engine) as session:
            drafts = session.exec(select(Draft).where(Draft.kind == "reply").order_by(Draft.id)).all()
        assert [d.status for d in drafts] == ["sent"] * 20
        assert len(sink.data_received) == 20  # nothing twice, nothing else (acknowledgements were not approved)
        for draft in drafts:
            assert sink.deliveries(draft.message_id) == 1
            [mail] = [m for m in sink.data_received if m.message["Message-ID"] == draft.message_id]
            email, lang = requester[draft.ticket_id]
            assert mail.rcpt_tos == [email]  # to the requester alone
            assert mail.message["To"].addresses[0].addr_spec == email and mail.message["Cc"] is None
            assert mail.message["Content-Language"] == lang
            assert TEXT[lang] in mail.message.get_body(("plain",)).get_content()
            assert mail.message["In-Reply-To"] == f"<q{draft.ticket_id - 1}@outlet{draft.ticket_id - 1}.example>"
        register = cli("statement", "show", "1")
        assert register.stdout.count("\tsent\t") == 20
