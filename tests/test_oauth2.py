"""OAuth2 (XOAUTH2) for IMAP and SMTP against local servers only: a token endpoint
(tests/harness/oauth.py), Dovecot 2.3's oauth2 passdb asking that endpoint to introspect each
token, and an SMTP server checking XOAUTH2 tokens against the same endpoint. Tokens live a few
seconds, so the real poller and worker must renew them mid-run. Secrets never reach the logs."""

from __future__ import annotations

import json
import os
import signal
import smtplib
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
import structlog
from imapclient.exceptions import LoginError
from sqlalchemy import func
from sqlmodel import Session, select

from conftest import unavailable
from harness import Unavailable, free_port, run_cli, wait_until
from harness.oauth import AuthSMTPServer, OAuthDovecot, OAuthServer
from mediadesk import logs, oauth2
from mediadesk.imap import imap_connect
from mediadesk.metrics import read_engine
from mediadesk.oauth2 import OAuth2Error, OAuth2Unavailable, TokenProvider
from mediadesk.settings import Settings
from mediadesk.storage.models import Draft, InboundMessage
from mediadesk.worker.sending import PermanentSendError, TransientSendError, smtp_send

MEDIADESK = Path(sys.executable).parent / "mediadesk"
AUTO_SEND = ["interview_request", "information_request", "media_assets", "event_accreditation",
             "correction_complaint", "partnership_speaking", "general"]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def oauth():
    with OAuthServer(lifetime=4) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_providers():
    oauth2.reset_providers()
    yield
    oauth2.reset_providers()


@pytest.fixture
def oauth_dovecot(oauth):
    """A private Dovecot with the oauth2 passdb asking ``oauth``. One per test: Dovecot delays
    logins from an address after failed ones (auth penalty, up to 15 s), which would outlast
    the tests' few-second tokens."""
    server = OAuthDovecot(oauth)
    try:
        server.start()
    except Unavailable as exc:
        server.cleanup()
        unavailable(str(exc))
    yield server
    server.cleanup()


def settings_for(oauth: OAuthServer, client, **extra) -> Settings:
    fields = {"_env_file": None, "oauth2_token_url": oauth.token_url, "oauth2_client_id": client.client_id,
              "oauth2_client_secret": client.client_secret, "oauth2_refresh_token": client.refresh_token,
              "oauth2_scope": "mail"}
    return Settings(**fields | extra)


def mail(to: str = "reporter@outlet.example") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "media@mediadesk.test", to, "Your request"
    msg["Message-ID"] = make_msgid(domain="mediadesk.test")
    msg.set_content("We have your request.")
    return msg


# --------------------------------------------------------------------------- the token provider


def test_client_credentials_token_is_cached_and_renewed_before_expiry(oauth):
    client = oauth.add_client("media@mediadesk.test")
    clock = Clock()
    provider = TokenProvider(oauth.token_url, client.client_id, client_secret=client.client_secret, clock=clock)
    first = provider.token()
    assert provider.token() == first and oauth.stats.token_requests == 1
    assert oauth.validate(first) == "media@mediadesk.test"
    clock.now += 1.9  # a 4 s token is renewed half-way (the 60 s margin is longer than its life)
    assert provider.token() == first
    clock.now += 0.2
    second = provider.token()
    assert second != first and oauth.stats.token_requests == 2
    assert oauth.stats.grants == ["client_credentials", "client_credentials"]

    oauth.lifetime = 3600  # a normal token: renewed 60 s before it expires
    provider.invalidate()
    third = provider.token()
    clock.now += 3539
    assert provider.token() == third
    clock.now += 2
    assert provider.token() != third and oauth.stats.token_requests == 4


def test_refresh_token_flow_keeps_the_rotated_refresh_token():
    with OAuthServer(lifetime=4, rotate_refresh_tokens=True) as oauth:
        client = oauth.add_client("presse@mediadesk.test", refresh_token=True)
        provider = TokenProvider(oauth.token_url, client.client_id, client_secret=client.client_secret,
                                 refresh_token=client.refresh_token, scope="mail")
        tokens = set()
        for _ in range(3):  # each renewal spends the previous refresh token
            tokens.add(provider.token())
            provider.invalidate()
        assert len(tokens) == 3 and oauth.stats.refused == 0
        assert oauth.stats.grants == ["refresh_token"] * 3
        # The configured refresh token was rotated away: a new process with it is refused.
        stale = TokenProvider(oauth.token_url, client.client_id, client_secret=client.client_secret,
                              refresh_token=client.refresh_token)
        with pytest.raises(OAuth2Error, match="invalid_grant") as refused:
            stale.token()
        assert not isinstance(refused.value, OAuth2Unavailable)


def test_concurrent_callers_share_one_request(oauth):
    client = oauth.add_client("media@mediadesk.test")
    provider = TokenProvider(oauth.token_url, client.client_id, client_secret=client.client_secret)
    got, start = [], threading.Barrier(16)

    def call():
        start.wait()
        got.append(provider.token())

    threads = [threading.Thread(target=call) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(got) == 16 and len(set(got)) == 1
    assert oauth.stats.token_requests == 1


def test_refusal_is_permanent_outage_is_transient_and_no_secret_shows(oauth):
    client = oauth.add_client("media@mediadesk.test")
    wrong = TokenProvider(oauth.token_url, client.client_id, client_secret="not-the-secret-1234")
    with pytest.raises(OAuth2Error) as refused:
        wrong.token()
    assert not isinstance(refused.value, OAuth2Unavailable)
    assert "401" in str(refused.value) and "invalid_client" in str(refused.value)
    assert "not-the-secret-1234" not in str(refused.value) and "not-the-secret-1234" not in repr(wrong)

    provider = TokenProvider(oauth.token_url, client.client_id, client_secret=client.client_secret)
    oauth.fail_next = [503]
    with pytest.raises(OAuth2Unavailable) as outage:
        provider.token()
    assert isinstance(outage.value, ConnectionError)  # the SMTP sender treats it as transient
    assert provider.token()  # and the next call recovers

    away = TokenProvider(f"http://127.0.0.1:{free_port()}/token", "x", client_secret="y-secret")
    with pytest.raises(OAuth2Unavailable, match="unreachable"):
        away.token()
    with pytest.raises(OAuth2Error, match="CLIENT_SECRET"):
        TokenProvider(oauth.token_url, "x")


def test_tokens_and_secrets_never_reach_the_logs(oauth, capsys):
    client = oauth.add_client("media@mediadesk.test")
    logs.configure("INFO", json=True)
    try:
        provider = TokenProvider(oauth.token_url, client.client_id, client_secret=client.client_secret)
        token = provider.token()
        log = structlog.get_logger("test")
        log.warning("login_failed", error=f"server said: bad token {token} for secret {client.client_secret}")
        log.info("config", oauth2_client_secret=client.client_secret, detail=[token])
        try:
            raise RuntimeError(f"boom {token}")
        except RuntimeError:
            log.exception("crashed")
    finally:
        logs.configure("WARNING")
    lines = capsys.readouterr().err.strip().splitlines()
    events = [json.loads(line) for line in lines]  # JSON when not on a terminal
    assert [e["event"] for e in events] == ["oauth2_token_fetched", "login_failed", "config", "crashed"]
    text = "\n".join(lines)
    assert token not in text and client.client_secret not in text
    assert "bad token *** for secret ***" in text
    assert events[0]["grant"] == "client_credentials" and events[0]["expires_in"] == 4


# --------------------------------------------------------------------------- IMAP on Dovecot, SMTP


def test_imap_xoauth2_on_dovecot_and_a_revoked_token_is_replaced(oauth_dovecot, oauth):
    oauth.lifetime = 60  # failed logins are answered 2 s late, and the next one waits out a penalty
    account = oauth_dovecot.add_user()
    client = oauth.add_client(account.user)
    settings = settings_for(oauth, client, imap_host=account.host, imap_port=account.port, imap_ssl=False,
                            imap_user=account.user, imap_auth="xoauth2")
    imap = imap_connect(settings, timeout=20)
    try:
        assert imap.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0
    finally:
        imap.logout()
    provider = oauth2.provider_for(settings)
    assert provider.fetches == 1

    oauth.revoke_all()  # the server forgets the token the client still caches
    checked = len(oauth.stats.introspected)
    imap = imap_connect(settings, timeout=20)
    imap.logout()
    assert provider.fetches == 2
    assert [ok for _, ok in oauth.stats.introspected[checked:]] == [False, True]

    # A token issued for another mailbox does not open this one.
    other = oauth.add_client(oauth_dovecot.add_user().user)
    with pytest.raises(LoginError):
        imap_connect(settings_for(oauth, other, imap_host=account.host, imap_port=account.port,
                                  imap_ssl=False, imap_user=account.user, imap_auth="xoauth2"), timeout=20)
    # Password logins still work beside XOAUTH2 (the harness seeds mail with them).
    with oauth_dovecot.client(account.user) as c:
        c.noop()


def test_smtp_xoauth2_renews_expired_tokens_and_classifies_failures(oauth):
    client = oauth.add_client("media@mediadesk.test")
    with AuthSMTPServer(oauth) as smtp:
        settings = settings_for(oauth, client, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_tls="none",
                                smtp_auth="xoauth2", smtp_user="media@mediadesk.test")
        for i in range(3):  # 4 s tokens, a send every 2.5 s: the token must be renewed on the way
            smtp_send(mail(f"r{i}@outlet.example"), settings)
            if i < 2:
                time.sleep(2.5)
        assert len(smtp.messages) == 3
        assert all(a.ok and a.mechanism == "XOAUTH2" and a.user == "media@mediadesk.test" for a in smtp.auths)
        assert len({a.token for a in smtp.auths}) >= 2

        oauth.revoke_all()  # rejected once, then a fresh token
        smtp_send(mail(), settings)
        assert [a.ok for a in smtp.auths[-2:]] == [False, True] and len(smtp.messages) == 4

        oauth.fail_next = [503, 503]  # endpoint down: retry later, nothing sent
        oauth2.provider_for(settings).invalidate()
        with pytest.raises(TransientSendError):
            smtp_send(mail(), settings)
        oauth.fail_next = []

        wrong = settings_for(oauth, client, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_tls="none",
                             smtp_auth="xoauth2", smtp_user="media@mediadesk.test",
                             oauth2_client_secret="wrong-secret-5678")
        with pytest.raises(PermanentSendError, match="MEDIADESK_OAUTH2") as refused:
            smtp_send(mail(), wrong)
        assert "wrong-secret-5678" not in str(refused.value) and len(smtp.messages) == 4

        # A token for another user is refused by the server: permanent too.
        stranger = oauth.add_client("someone@else.test")
        with pytest.raises(PermanentSendError):
            smtp_send(mail(), settings_for(oauth, stranger, smtp_host="127.0.0.1", smtp_port=smtp.port,
                                           smtp_tls="none", smtp_auth="xoauth2", smtp_user="media@mediadesk.test"))


def test_the_smtp_server_rejects_a_wrong_password_with_535(oauth):
    with AuthSMTPServer(oauth, passwords={"media@mediadesk.test": "right-pw-1"}) as smtp:
        client = smtplib.SMTP("127.0.0.1", smtp.port, timeout=10)
        client.ehlo()
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login("media@mediadesk.test", "wrong-pw-1")
        client.login("media@mediadesk.test", "right-pw-1")
        client.quit()


# --------------------------------------------------------------------------- end to end


def _inquiry(i: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = f"Reporter {i} <reporter{i}@outlet{i}.example>", "media@mediadesk.test"
    msg["Subject"] = f"Figures for our report {i}"
    msg["Message-ID"] = make_msgid(domain=f"outlet{i}.example")
    msg["Date"] = "Tue, 24 Nov 2026 10:00:00 +0300"
    msg.set_content("Hello, could you send me the figures from yesterday's report? Thank you.")
    return msg.as_bytes()


@pytest.mark.integration
def test_poller_and_worker_use_xoauth2_across_token_refreshes(oauth_dovecot, oauth, redis_server,
                                                               worker_factory, tmp_path):
    account = oauth_dovecot.add_user()
    client = oauth.add_client(account.user)
    with AuthSMTPServer(oauth) as smtp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_") and k != "PYTHONPATH"}
        env |= {
            "MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'mediadesk.db'}",
            "MEDIADESK_DATA_DIR": str(tmp_path / "data"), "MEDIADESK_REDIS_URL": redis_server.url,
            "MEDIADESK_MEDIA_ADDRESS": account.user, "MEDIADESK_POLL_INTERVAL": "2",
            "MEDIADESK_AUTO_SEND_CATEGORIES": json.dumps(AUTO_SEND),
            **account.env(), **oauth.env(client, imap=True, smtp=True), **smtp.env(),
        }
        assert run_cli(["db", "upgrade"], env, tmp_path).returncode == 0
        doctor = run_cli(["doctor", "--json", "--only", "imap,smtp"], env, tmp_path)
        checks = {c["check"]: c for c in json.loads(doctor.stdout)["checks"]}
        assert doctor.returncode == 0, doctor.stdout
        assert "xoauth2" in checks["imap"]["detail"] and f"AUTH as {account.user}" in checks["smtp"]["detail"]

        refused = run_cli(["doctor", "--json", "--only", "imap,smtp"],
                          {**env, "MEDIADESK_OAUTH2_CLIENT_SECRET": "wrong-secret-2468"}, tmp_path)
        checks = {c["check"]: c for c in json.loads(refused.stdout)["checks"]}
        assert refused.returncode == 1
        assert checks["imap"]["status"] == "fail" and "invalid_client" in checks["imap"]["detail"]
        assert "MEDIADESK_OAUTH2" in checks["imap"]["hint"] and "MEDIADESK_OAUTH2" in checks["smtp"]["hint"]
        assert "wrong-secret-2468" not in refused.stdout + refused.stderr

        worker = worker_factory(env)
        log = open(tmp_path / "poller.log", "wb")
        poller = subprocess.Popen([str(MEDIADESK), "poll"], env=env, cwd=tmp_path, stdout=log,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        engine = read_engine(env["MEDIADESK_DATABASE_URL"])

        def counts():
            with Session(engine) as s:
                done = s.exec(select(func.count()).select_from(InboundMessage)
                              .where(InboundMessage.state == "done")).one()
                sent = s.exec(select(func.count()).select_from(Draft).where(Draft.status == "sent")).one()
            return done, sent

        try:
            oauth_dovecot.append(account.user, "INBOX", [_inquiry(i) for i in range(3)])
            wait_until(lambda: counts() == (3, 3), 120, interval=0.3, what="3 ingested and acknowledged")
            imap_tokens = {t for t, ok in oauth.stats.introspected if ok} - {a.token for a in smtp.auths}
            time.sleep(oauth.lifetime + 1)  # every cached token is past its time now
            oauth_dovecot.kick(account.user)  # the server drops the poller; it must log in again
            oauth_dovecot.append(account.user, "INBOX", [_inquiry(i) for i in range(3, 6)])
            wait_until(lambda: counts() == (6, 6), 120, interval=0.3, what="3 more after the token expired")
        finally:
            poller.send_signal(signal.SIGTERM)
            poller.wait(30)
        worker.stop()

        assert len(smtp.messages) == 6 and all(a.ok for a in smtp.auths)
        smtp_tokens = {a.token for a in smtp.auths}
        assert len(smtp_tokens) >= 2, "the worker never renewed its SMTP token"
        imap_tokens_after = {t for t, ok in oauth.stats.introspected if ok} - smtp_tokens
        assert imap_tokens and imap_tokens_after > imap_tokens, "the poller never renewed its IMAP token"
        dovecot_log = oauth_dovecot.log.read_text(errors="replace")
        assert dovecot_log.count(f"user=<{account.user}>, method=XOAUTH2") >= 2
        output = (tmp_path / "poller.log").read_text(errors="replace") + worker.log_text()
        issued = {t for t, _ in oauth.stats.introspected}
        assert client.client_secret not in output and not any(t in output for t in issued)
        print(f"\nXOAUTH2 run: {oauth.stats.tokens_issued} tokens issued, {len(imap_tokens_after)} used by the poller, "
              f"{len(smtp_tokens)} for SMTP (doctor and workers), 6 messages in, 6 acknowledgements out")


@pytest.mark.integration
def test_a_failed_imap_login_never_shows_the_password_in_the_poller_output(mediadesk_env, mediadesk_cli, tmp_path):
    password = "Sekr1t-Pw-9d8e7f"
    env = {**mediadesk_env, "MEDIADESK_IMAP_PASSWORD": password}
    assert mediadesk_cli("db", "upgrade").returncode == 0
    log = open(tmp_path / "poller.log", "wb")
    proc = subprocess.Popen([str(MEDIADESK), "poll"], env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    log.close()
    try:
        wait_until(lambda: "poll_error" in (tmp_path / "poller.log").read_text(errors="replace"), 60,
                   what="the poller to report the failed login")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    output = (tmp_path / "poller.log").read_text(errors="replace")
    assert password not in output
    events = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    errors = [e for e in events if e["event"] == "poll_error"]
    assert errors and "AUTHENTICATIONFAILED" in errors[0]["error"] or "LoginError" in errors[0]["error"]
