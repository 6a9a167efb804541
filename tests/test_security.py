"""Secrets and access: passwords only from settings/env and never shown; TLS verified by
default for IMAP and SMTP; owner-only database and attachment files; every CLI action audited
with its actor (MEDIADESK_USER).

Real processes and servers: the `mediadesk` console script against the harness Dovecot (its
IMAPS port has a self-signed certificate), Redis, and aiosmtpd servers speaking SMTPS and
STARTTLS with a self-signed certificate made here.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import sqlite3
import stat
import subprocess
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from pydantic import SecretStr

from harness import cli_path, free_port, run_cli
from harness.servers import find_binary
from mediadesk.settings import Settings, load_settings


def _secret(kind: str) -> str:
    return f"{kind}-S3cr3t-{secrets.token_hex(6)}"


def _assert_hidden(secret: str, *outputs: str) -> None:
    for text in outputs:
        assert secret not in (text or ""), f"the secret {secret!r} leaked:\n{text[-3000:]}"


# --------------------------------------------------------------------------- passwords


def test_passwords_are_secret_settings_read_from_env_only(monkeypatch):
    imap, smtp = _secret("imap"), _secret("smtp")
    monkeypatch.setenv("MEDIADESK_IMAP_PASSWORD", imap)
    monkeypatch.setenv("MEDIADESK_SMTP_PASSWORD", smtp)
    settings = load_settings(_env_file=None)
    assert isinstance(settings.imap_password, SecretStr) and settings.imap_password.get_secret_value() == imap
    assert isinstance(settings.smtp_password, SecretStr) and settings.smtp_password.get_secret_value() == smtp
    for shown in (repr(settings), str(settings), settings.model_dump_json(), str(settings.model_dump())):
        _assert_hidden(imap, shown)
        _assert_hidden(smtp, shown)


def test_no_command_takes_a_password_on_the_command_line(tmp_path):
    """A password on argv is visible to every user in `ps`: settings and env only."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "COLUMNS": "200"}
    top = run_cli(["--help"], env, tmp_path)
    listing = top.stdout.split("\nCommands:\n", 1)[1]  # plain help: "  name  what it does" lines
    commands = [line.split()[0] for line in listing.splitlines() if line.startswith("  ") and line.strip()]
    assert {"poll", "list", "draft"} <= set(commands), top.stdout
    for command in commands:
        helped = run_cli([command, "--help"], env, tmp_path)
        options = [line for line in helped.stdout.splitlines() if "--" in line]
        assert not any("password" in line.lower() or "secret" in line.lower() for line in options), \
            f"`mediadesk {command}` takes a secret as an option:\n{helped.stdout}"


def test_wrong_imap_password_never_appears_in_poller_output(mediadesk_env, tmp_path, dovecot, imap_account):
    wrong = _secret("imap")
    env = {**mediadesk_env, "MEDIADESK_IMAP_PASSWORD": wrong, "MEDIADESK_LOG_LEVEL": "DEBUG"}
    assert run_cli(["db", "upgrade"], env, tmp_path).returncode == 0
    once = run_cli(["-v", "poll", "--once"], env, tmp_path, timeout=120)
    assert once.returncode != 0
    assert "auth" in (once.stderr + once.stdout).lower(), once.stderr  # it does say why
    _assert_hidden(wrong, once.stdout, once.stderr)

    # The long-running poller retries with backoff and logs each failure: never the password.
    log = tmp_path / "poller.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([cli_path(), "-v", "poll"], env=env, cwd=tmp_path,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while "poll_error" not in log.read_text(errors="replace") and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    text = log.read_text(errors="replace")
    assert "poll_error" in text, text[-2000:]
    _assert_hidden(wrong, text)


def _unreachable_env(tmp_path, db_secret: str, redis_secret: str) -> dict:
    return {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path),
            "MEDIADESK_DATABASE_URL": f"postgresql+psycopg://mediadesk:{db_secret}@127.0.0.1:{free_port()}/nope",
            "MEDIADESK_REDIS_URL": f"redis://:{redis_secret}@127.0.0.1:{free_port()}/0"}


@pytest.mark.parametrize("args", [
    ["list"], ["list", "--json"], ["db", "upgrade"], ["stats", "--json"], ["show", "MR-1", "--json"],
    ["db", "status"],
], ids=" ".join)
def test_unreachable_database_error_names_the_setting_and_masks_the_password(tmp_path, args):
    db_secret, redis_secret = _secret("db"), _secret("redis")
    result = run_cli(args, _unreachable_env(tmp_path, db_secret, redis_secret), tmp_path, timeout=60)
    assert result.returncode != 0
    _assert_hidden(db_secret, result.stdout, result.stderr)
    _assert_hidden(redis_secret, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "MEDIADESK_DATABASE_URL" in result.stderr, result.stderr


def test_redis_and_imap_passwords_are_masked_in_poller_errors(tmp_path):
    redis_secret, imap_secret = _secret("redis"), _secret("imap")
    env = {**_unreachable_env(tmp_path, "x", redis_secret), "MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'md.db'}",
           "MEDIADESK_IMAP_HOST": "127.0.0.1", "MEDIADESK_IMAP_USER": "u", "MEDIADESK_IMAP_PASSWORD": imap_secret}
    assert run_cli(["db", "upgrade"], env, tmp_path).returncode == 0
    polled = run_cli(["poll", "--once"], env, tmp_path, timeout=60)  # Redis is unreachable
    assert polled.returncode != 0 and "MEDIADESK_REDIS_URL" in polled.stderr
    _assert_hidden(redis_secret, polled.stdout, polled.stderr)
    _assert_hidden(imap_secret, polled.stdout, polled.stderr)


def test_json_output_never_contains_secrets(mediadesk_env, tmp_path, dovecot, imap_account):
    smtp_secret = _secret("smtp")
    env = {**mediadesk_env, "MEDIADESK_SMTP_HOST": "127.0.0.1", "MEDIADESK_SMTP_PORT": str(free_port()),
           "MEDIADESK_SMTP_USER": "press", "MEDIADESK_SMTP_PASSWORD": smtp_secret, "MEDIADESK_SMTP_TLS": "none"}
    imap_secret = env["MEDIADESK_IMAP_PASSWORD"]
    assert run_cli(["db", "upgrade"], env, tmp_path).returncode == 0
    outputs = []
    for args in (["doctor", "--json"], ["list", "--all", "--json"], ["stats", "--json"], ["draft", "list", "--json"]):
        result = run_cli(args, env, tmp_path, timeout=180)
        if args[0] == "doctor" and "No such command" in result.stderr:
            continue
        if result.stdout.strip():
            json.loads(result.stdout)  # it is JSON
        outputs.append((args, result))
    assert outputs
    for args, result in outputs:
        _assert_hidden(imap_secret, result.stdout, result.stderr)
        _assert_hidden(smtp_secret, result.stdout, result.stderr)


# --------------------------------------------------------------------------- TLS: IMAP


def test_settings_verify_tls_by_default():
    settings = Settings(_env_file=None)
    assert settings.imap_ssl is True and settings.imap_verify_tls is True
    assert settings.smtp_tls in ("starttls", "ssl") and settings.smtp_verify_tls is True


@pytest.fixture
def imaps_env(mediadesk_env, imap_account):
    """mediadesk_env for IMAPS on the harness Dovecot, with no verification setting at all."""
    env = {**mediadesk_env, **imap_account.env(ssl=True)}
    env.pop("MEDIADESK_IMAP_VERIFY_TLS")
    return env


def test_imap_certificate_is_verified_by_default(imaps_env, tmp_path, dovecot, imap_account):
    dovecot.append(imap_account.user, "INBOX", [b"From: a@b.example\r\nSubject: tls\r\n\r\nhello\r\n"])
    assert run_cli(["db", "upgrade"], imaps_env, tmp_path).returncode == 0

    refused = run_cli(["poll", "--once"], imaps_env, tmp_path, timeout=120)
    assert refused.returncode != 0
    assert "CERTIFICATE_VERIFY_FAILED" in refused.stderr or "certificate" in refused.stderr.lower(), refused.stderr

    # STARTTLS on the plain port is verified just the same.
    starttls = {**imaps_env, "MEDIADESK_IMAP_SSL": "false", "MEDIADESK_IMAP_STARTTLS": "true",
                "MEDIADESK_IMAP_PORT": str(imap_account.port)}
    refused = run_cli(["poll", "--once"], starttls, tmp_path, timeout=120)
    assert refused.returncode != 0 and "certificate" in refused.stderr.lower(), refused.stderr

    # Trusting the server's certificate (as a private CA would be) passes verification,
    # hostname check included: verification is real, not a blanket refusal.
    trusted = run_cli(["poll", "--once"], {**imaps_env, "SSL_CERT_FILE": str(imap_account.cert_path)}, tmp_path,
                      timeout=120)
    assert trusted.returncode == 0, trusted.stderr
    assert "stored 1 new message" in trusted.stderr

    # Switched off explicitly, it connects to the self-signed server.
    dovecot.append(imap_account.user, "INBOX", [b"From: a@b.example\r\nSubject: tls 2\r\n\r\nhello\r\n"])
    unverified = run_cli(["poll", "--once"], {**imaps_env, "MEDIADESK_IMAP_VERIFY_TLS": "false"}, tmp_path,
                         timeout=120)
    assert unverified.returncode == 0, unverified.stderr
    assert "stored 1 new message" in unverified.stderr


# --------------------------------------------------------------------------- TLS: SMTP


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> tuple[Path, Path]:
    openssl = find_binary("openssl")
    if not openssl:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=30)
    return cert, key


@pytest.fixture(params=["ssl", "starttls"])
def tls_smtp(request, self_signed):
    """(mode, port, received): an aiosmtpd server with a self-signed certificate."""
    import ssl

    from aiosmtpd.controller import Controller

    cert, key = self_signed
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.original_content)
            return "250 OK"

    port = free_port()
    if request.param == "ssl":
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, ssl_context=context, ready_timeout=10)
    else:
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context,
                                require_starttls=True, ready_timeout=10)
    controller.start()
    yield request.param, port, received
    controller.stop()


def _ack() -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "media@gims.example", "nadia@ledger.example", "Re: figures [MR-1]"
    msg.set_content("Thank you.")
    return msg


def test_smtp_certificate_is_verified_by_default(tls_smtp, self_signed, monkeypatch):
    from mediadesk.worker.sending import PermanentSendError, smtp_send

    mode, port, received = tls_smtp
    settings = load_settings(_env_file=None, smtp_host="127.0.0.1", smtp_port=port, smtp_tls=mode,
                             media_address="media@gims.example")
    assert settings.smtp_verify_tls is True
    with pytest.raises(PermanentSendError, match="(?i)certificate"):
        smtp_send(_ack(), settings)
    assert received == []

    monkeypatch.setenv("SSL_CERT_FILE", str(self_signed[0]))  # a trusted CA: verification passes
    smtp_send(_ack(), settings)
    monkeypatch.delenv("SSL_CERT_FILE")
    smtp_send(_ack(), settings.model_copy(update={"smtp_verify_tls": False}))
    assert len(received) == 2


# --------------------------------------------------------------------------- file permissions


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_attachments_are_owner_only(tmp_path):
    """`mediadesk demo` in a fresh directory with a permissive umask: the SQLite database (and
    its WAL/SHM files) 0600; the attachment store's directories 0700 and files 0600."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "MEDIADESK_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    old = os.umask(0o022)
    try:
        result = run_cli(["demo"], env, tmp_path, timeout=300)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    db = tmp_path / "mediadesk.db"
    assert _mode(db) == 0o600
    with sqlite3.connect(db) as conn:  # make sure the WAL files exist, then look at them
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS _probe (x)")
        for side in (tmp_path / "mediadesk.db-wal", tmp_path / "mediadesk.db-shm"):
            if side.exists():
                assert _mode(side) == 0o600, side
    store = tmp_path / "mediadesk-data" / "attachments"
    files = [p for p in store.rglob("*") if p.is_file()]
    assert files, "the demo inbox has attachments; none were stored"
    for path in files:
        assert _mode(path) == 0o600, path
    for folder in [store, *(p for p in store.rglob("*") if p.is_dir())]:
        assert _mode(folder) == 0o700, folder
    assert _mode(tmp_path / "mediadesk-data") == 0o700


# --------------------------------------------------------------------------- audit


def _events(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT t.ref, e.actor, e.kind, e.to_status FROM ticket_event e "
                            "JOIN ticket t ON t.id = e.ticket_id ORDER BY e.id").fetchall()


def test_every_cli_action_is_audited_with_its_actor(tmp_path, smtp_server):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "MEDIADESK_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
           "MEDIADESK_USER": "setup", **smtp_server.env()}
    assert run_cli(["demo"], env, tmp_path, timeout=300).returncode == 0
    db = tmp_path / "mediadesk.db"
    with sqlite3.connect(db) as conn:
        with_draft = [r for (r,) in conn.execute("SELECT t.ref FROM draft d JOIN ticket t ON t.id = d.ticket_id "
                                                 "WHERE d.status = 'pending' ORDER BY t.id")]
        refs = [r for (r,) in conn.execute("SELECT ref FROM ticket WHERE id NOT IN (SELECT ticket_id FROM draft) "
                                           "ORDER BY id")]
    assert len(with_draft) >= 2 and len(refs) >= 3
    actor = "amal.k@press.example"
    env = {**env, "MEDIADESK_USER": actor, "EDITOR": "sed -i -e '1s/^/Edited by hand. /'"}
    actions = [
        (["status", refs[0], "in_progress", "--note", "on it"], refs[0], "status"),
        (["assign", refs[0], "omar"], refs[0], "assign"),
        (["note", refs[0], "called the reporter"], refs[0], "note"),
        (["categorise", refs[0], "media_assets"], refs[0], "categorise"),
        (["reprocess", refs[1]], refs[1], "reprocess"),
        (["merge", refs[2], refs[1]], refs[1], "merge"),
        (["draft", "edit", with_draft[0]], with_draft[0], None),
        (["draft", "approve", with_draft[0]], with_draft[0], None),
        (["draft", "reject", with_draft[1], "--note", "not for us"], with_draft[1], None),
    ]
    missing = []
    for args, ref, kind in actions:
        before = len(_events(db))
        result = run_cli(args, env, tmp_path, timeout=120)
        assert result.returncode == 0, (args, result.stderr)
        new = _events(db)[before:]
        mine = [e for e in new if e[1] == actor and e[0] == ref and (kind is None or e[2] == kind)]
        if not mine:
            missing.append((args, new))
    assert missing == [], f"CLI actions without an audit event by {actor}: {missing}"
    with sqlite3.connect(db) as conn:
        approved_by, edited_by = conn.execute(
            "SELECT approved_by, edited_by FROM draft d JOIN ticket t ON t.id = d.ticket_id WHERE t.ref = ?",
            (with_draft[0],)).fetchone()
    assert approved_by == actor and edited_by == actor
