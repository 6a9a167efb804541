"""The test harness itself, against the real servers: if these fail, nothing else can be trusted."""

from __future__ import annotations

import smtplib
import ssl
import textwrap
import time
from email.message import EmailMessage

import pytest
import sqlalchemy
from imapclient import IMAPClient

from harness import HOST, CeleryWorker, Postgres, to_crlf, unverified_tls_context

pytestmark = pytest.mark.integration


def make_message(i: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Reporter {i} <reporter{i}@news.example>"
    msg["To"] = "media@mediadesk.test"
    msg["Subject"] = f"Interview request #{i} — مقابلة"
    msg["Message-ID"] = f"<harness-{i}@news.example>"
    msg.set_content(f"Message {i}\nCould we speak to your spokesperson?\n" + "x" * (i * 37))
    return to_crlf(msg.as_bytes())


def test_append_50_and_read_back_byte_identical(dovecot, imap_account):
    sent = [make_message(i) for i in range(50)]
    started = time.monotonic()
    uids = dovecot.append(imap_account.user, "INBOX", sent)
    print(f"appended 50 messages in {time.monotonic() - started:.3f}s")
    assert len(uids) == 50 and uids == sorted(uids)
    assert dovecot.uids(imap_account.user) == uids

    with IMAPClient(HOST, port=imap_account.port, ssl=False, timeout=10) as c:
        c.login(imap_account.user, imap_account.password)
        c.select_folder("INBOX", readonly=True)
        fetched = c.fetch(uids, ["BODY.PEEK[]"])
    assert [fetched[u][b"BODY[]"] for u in uids] == sent


def test_append_to_new_folder_and_fetch(dovecot, imap_account):
    uids = dovecot.append(imap_account.user, "Archive", [make_message(1), make_message(2)])
    assert dovecot.fetch(imap_account.user, "Archive", uids[1:]) == {uids[1]: make_message(2)}
    assert dovecot.uids(imap_account.user, "INBOX") == []


def test_idle_notifies_exists_within_3s(dovecot, imap_account):
    with IMAPClient(HOST, port=imap_account.port, ssl=False, timeout=10) as idler:
        idler.login(imap_account.user, imap_account.password)
        idler.select_folder("INBOX")
        idler.idle()
        started = time.monotonic()
        dovecot.append(imap_account.user, "INBOX", [make_message(1)])  # a second connection
        latency = None
        while time.monotonic() - started < 3:
            responses = idler.idle_check(timeout=0.2)
            if any(r[1] == b"EXISTS" for r in responses if len(r) > 1):
                latency = time.monotonic() - started
                break
        idler.idle_done()
    print(f"IDLE EXISTS latency: {latency if latency is None else f'{latency:.3f}s'}")
    assert latency is not None, "no EXISTS within 3 s of an APPEND"


def test_restart_keeps_mail_and_uidvalidity_can_change(dovecot, imap_account):
    uids = dovecot.append(imap_account.user, "INBOX", [make_message(7)])
    before = dovecot.uidvalidity(imap_account.user)
    dovecot.restart()
    assert dovecot.uids(imap_account.user) == uids
    dovecot.set_uidvalidity(imap_account.user, "INBOX", before + 1000)
    assert dovecot.uidvalidity(imap_account.user) == before + 1000


def test_tls_works_unverified_and_fails_with_default_verification(dovecot, imap_account):
    """The certificate is self-signed: a client that verifies by default must refuse it.
    This is why the product's TLS verification on by default matters."""
    a = imap_account

    with IMAPClient(HOST, port=a.ssl_port, ssl=True, ssl_context=unverified_tls_context(), timeout=10) as c:
        c.login(a.user, a.password)
    with IMAPClient(HOST, port=a.port, ssl=False, timeout=10) as c:
        assert c.has_capability("STARTTLS")
        c.starttls(unverified_tls_context())
        c.login(a.user, a.password)

    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient(HOST, port=a.ssl_port, ssl=True, ssl_context=ssl.create_default_context(), timeout=10)
    with IMAPClient(HOST, port=a.port, ssl=False, timeout=10) as c:
        with pytest.raises(ssl.SSLCertVerificationError):
            c.starttls(ssl.create_default_context())

    # Verification itself is fine once the certificate is trusted (its SAN covers 127.0.0.1).
    trusted = ssl.create_default_context(cafile=str(a.cert_path))
    with IMAPClient(HOST, port=a.ssl_port, ssl=True, ssl_context=trusted, timeout=10) as c:
        c.login(a.user, a.password)


def test_account_env_names(imap_account):
    env = imap_account.env()
    assert env["MEDIADESK_IMAP_SSL"] == "false" and env["MEDIADESK_IMAP_PORT"] == str(imap_account.port)
    ssl_env = imap_account.env(ssl=True)
    assert ssl_env["MEDIADESK_IMAP_SSL"] == "true" and ssl_env["MEDIADESK_IMAP_PORT"] == str(imap_account.ssl_port)


def test_redis_answers(redis_server):
    client = redis_server.client()
    assert client.ping()
    client.set("harness", "ok")
    assert client.get("harness") == b"ok"
    assert redis_server.url.startswith(f"redis://{HOST}:")


def test_private_redis_restarts(private_redis):
    assert private_redis.private and private_redis.port != 6379
    private_redis.restart()
    assert private_redis.client().ping()


def test_smtp_sink_receives(smtp_server):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "media@mediadesk.test", "reporter@news.example", "Re: hello"
    msg.set_content("Thank you for your message.")
    with smtplib.SMTP(HOST, smtp_server.port, timeout=10) as smtp:
        smtp.send_message(msg)
    [received] = smtp_server.wait_for(1, timeout=5)
    assert received.mail_from == "media@mediadesk.test"
    assert received.rcpt_tos == ["reporter@news.example"]
    assert received.message["Subject"] == "Re: hello"
    with pytest.raises(TimeoutError):
        smtp_server.wait_for(2, timeout=0.2)


@pytest.mark.postgres
def test_postgres_create_and_drop(pg_url):
    engine = sqlalchemy.create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(sqlalchemy.text("select 1")).scalar() == 1
    engine.dispose()

    db = Postgres().start()
    assert Postgres.exists(db.name)
    lingering = sqlalchemy.create_engine(db.url).connect()  # DROP ... WITH (FORCE) must not wait on it
    db.stop()
    lingering.invalidate()
    assert not Postgres.exists(db.name)


def test_celery_worker_process_runs_tasks_and_dies(tmp_path, redis_server):
    """The worker harness against a tiny app of our own, so it is tested before mediadesk's exists."""
    (tmp_path / "harness_app.py").write_text(textwrap.dedent(f"""
        from celery import Celery
        app = Celery("harness_app", broker="{redis_server.url}", backend="{redis_server.url}")
        app.conf.task_default_queue = "mediadesk"

        @app.task
        def add(a, b):
            return a + b
    """))
    worker = CeleryWorker({}, workdir=tmp_path, app="harness_app", concurrency=1)
    try:
        worker.start().wait_ready(60)
        import importlib.util

        spec = importlib.util.spec_from_file_location("harness_app", tmp_path / "harness_app.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert module.add.delay(2, 3).get(timeout=20) == 5

        worker.kill()  # SIGKILL the whole group, as a crash would
        assert not worker.alive
        worker.restart(60)
        assert module.add.delay(4, 5).get(timeout=20) == 9
        module.app.close()
    finally:
        worker.stop()
    assert not worker.alive


def test_mediadesk_worker_boots(worker_factory, mediadesk_env):
    """The real Celery app starts with the harness environment (skips until it exists, not in CI)."""
    worker = worker_factory(mediadesk_env, concurrency=1)
    assert worker.alive
    assert "mediadesk" in worker.log_text()
