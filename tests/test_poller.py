"""The poller against a real Dovecot: batches, cursor, UIDVALIDITY, processed-mail policies, TLS, lock."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from mediadesk.mailgen import generate
from mediadesk.storage.db import make_engine
from mediadesk.storage.models import InboundMessage, MailboxCursor

pytestmark = pytest.mark.integration


def stored(env) -> list[InboundMessage]:
    engine = make_engine(env["MEDIADESK_DATABASE_URL"])
    try:
        with Session(engine) as s:
            return list(s.exec(select(InboundMessage).order_by(InboundMessage.uid)).all())
    finally:
        engine.dispose()


@pytest.fixture
def env(mediadesk_env, mediadesk_cli):
    assert mediadesk_cli("db", "upgrade").returncode == 0
    return {**mediadesk_env, "MEDIADESK_FETCH_BATCH": "7"}


def test_fetches_in_batches_above_the_cursor_and_never_twice(env, mediadesk_cli, dovecot, imap_account):
    messages = [m.raw for m in generate(20, seed=21, min_kb=2, max_kb=4)]
    dovecot.append(imap_account.user, "INBOX", messages[:15])
    first = mediadesk_cli("poll", "--once", env=env)
    assert first.returncode == 0, first.stderr
    assert "stored 15 new message(s) in 3 batch(es)" in first.stderr
    dovecot.append(imap_account.user, "INBOX", messages[15:])
    second = mediadesk_cli("poll", "--once", env=env)
    assert "stored 5 new message(s)" in second.stderr
    rows = stored(env)
    assert [r.uid for r in rows] == list(range(1, 21))
    assert len({r.sha256 for r in rows}) == 20 and all(r.state == "pending" for r in rows)
    assert mediadesk_cli("poll", "--once", env=env).stderr.count("stored 0 new") == 1


def test_uidvalidity_change_refetches_without_duplicates(env, mediadesk_cli, dovecot, imap_account):
    messages = [m.raw for m in generate(8, seed=22, min_kb=2, max_kb=3)]
    dovecot.append(imap_account.user, "INBOX", messages[:5])
    assert mediadesk_cli("poll", "--once", env=env).returncode == 0
    old = dovecot.uidvalidity(imap_account.user)
    dovecot.set_uidvalidity(imap_account.user, "INBOX", old + 1000)
    dovecot.append(imap_account.user, "INBOX", messages[5:])
    result = mediadesk_cli("poll", "--once", env=env)
    assert result.returncode == 0, result.stderr
    assert "stored 3 new message(s)" in result.stderr  # the 5 already stored are recognised
    rows = stored(env)
    assert len(rows) == 8 and len({r.sha256 for r in rows}) == 8
    engine = make_engine(env["MEDIADESK_DATABASE_URL"])
    with Session(engine) as s:
        cursor = s.exec(select(MailboxCursor)).one()
    engine.dispose()
    assert cursor.uidvalidity == old + 1000


def assert_processed(policy: str, dovecot, account, count: int) -> None:
    """All ``count`` messages are flagged \\Seen in INBOX, or moved to Processed."""
    if policy == "seen":
        flags = dovecot.flags(account.user, "INBOX")
        assert len(flags) == count and all(b"\\Seen" in f for f in flags.values())
    else:
        assert dovecot.uids(account.user, "INBOX") == []
        assert len(dovecot.uids(account.user, "Processed")) == count


@pytest.mark.parametrize("policy", ["seen", "move"])
def test_processed_mail_policy(policy, env, mediadesk_cli, dovecot, imap_account):
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generate(4, seed=23, min_kb=2, max_kb=3)])
    result = mediadesk_cli("poll", "--once", env={**env, "MEDIADESK_PROCESSED_POLICY": policy,
                                                  "MEDIADESK_PROCESSED_FOLDER": "Processed"})
    assert result.returncode == 0, result.stderr
    assert_processed(policy, dovecot, imap_account, 4)
    assert len(stored(env)) == 4


@pytest.mark.parametrize("policy", ["seen", "move"])
def test_policy_applied_after_a_crash_between_storing_and_flagging(policy, env, mediadesk_cli, dovecot, imap_account):
    """Killed after the first batch was stored and enqueued, before its flag/move: the cursor
    has moved past it, so the next start must still apply the policy to it."""
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generate(10, seed=25, min_kb=2, max_kb=3)])
    policy_env = {**env, "MEDIADESK_PROCESSED_POLICY": policy, "MEDIADESK_PROCESSED_FOLDER": "Processed"}
    killed = mediadesk_cli("poll", "--once", env={**policy_env, "MEDIADESK_FAULT_POINT": "after_enqueue"})
    assert killed.returncode != 0
    assert len(stored(env)) == 7  # the first batch (MEDIADESK_FETCH_BATCH = 7), then the kill
    if policy == "seen":
        assert not any(b"\\Seen" in f for f in dovecot.flags(imap_account.user, "INBOX").values())
    else:
        assert len(dovecot.uids(imap_account.user, "INBOX")) == 10
    again = mediadesk_cli("poll", "--once", env=policy_env)
    assert again.returncode == 0, again.stderr
    assert len(stored(env)) == 10
    assert_processed(policy, dovecot, imap_account, 10)


def test_seen_catch_up_leaves_older_mail_marked_unread_alone(env, mediadesk_cli, dovecot, imap_account):
    """After a restart only the last batch below the cursor is flagged again: a message from an
    earlier batch that a person marked unread stays unread."""
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generate(14, seed=26, min_kb=2, max_kb=3)])
    seen_env = {**env, "MEDIADESK_PROCESSED_POLICY": "seen"}
    assert mediadesk_cli("poll", "--once", env=seen_env).returncode == 0
    assert_processed("seen", dovecot, imap_account, 14)
    with dovecot.client(imap_account.user) as client:  # UID 2 (first batch) and 12 (the last) read again
        client.select_folder("INBOX")
        client.remove_flags([2, 12], [b"\\Seen"], silent=True)
    assert mediadesk_cli("poll", "--once", env=seen_env).returncode == 0
    unread = [uid for uid, f in dovecot.flags(imap_account.user, "INBOX").items() if b"\\Seen" not in f]
    assert unread == [2]  # 12 was in the last batch (UIDs 8-14), which a crash could have left


def test_leave_policy_touches_nothing(env, mediadesk_cli, dovecot, imap_account):
    dovecot.append(imap_account.user, "INBOX", [m.raw for m in generate(3, seed=24, min_kb=2, max_kb=3)])
    assert mediadesk_cli("poll", "--once", env=env).returncode == 0
    flags = dovecot.flags(imap_account.user, "INBOX")
    assert len(flags) == 3 and not any(b"\\Seen" in f for f in flags.values())


def test_tls_is_verified_by_default(env, mediadesk_cli, imap_account):
    tls = {**env, **imap_account.env(ssl=True)}
    tls.pop("MEDIADESK_IMAP_VERIFY_TLS")
    refused = mediadesk_cli("poll", "--once", env=tls)
    assert refused.returncode != 0 and "CERTIFICATE_VERIFY_FAILED" in refused.stderr
    assert imap_account.password not in refused.stderr + refused.stdout
    accepted = mediadesk_cli("poll", "--once", env={**tls, "MEDIADESK_IMAP_VERIFY_TLS": "false"})
    assert accepted.returncode == 0, accepted.stderr


def test_second_poller_waits_while_the_lock_is_held(env, mediadesk_cli, redis_server, imap_account):
    key = f"mediadesk:poller:{imap_account.user}@{imap_account.host}/INBOX"
    client = redis_server.client()
    client.set(key, "otherhost:1:token", ex=30)  # held by a live poller elsewhere
    try:
        result = mediadesk_cli("poll", "--once", env=env)
        assert result.returncode == 0 and "stored 0 new" in result.stderr
        assert stored(env) == []
    finally:
        client.delete(key)


def _big(i: int, size: int) -> bytes:
    head = (f"From: Photo desk <photos{i}@agency.example>\r\nTo: media@imctc.example\r\nSubject: Raw footage {i}\r\n"
            f"Message-ID: <big{i}@agency.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
            f"boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nFootage attached.\r\n--b\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n").encode()
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n"
    return head + line * (size // len(line)) + b"--b--\r\n"


def test_large_messages_are_fetched_alone_and_oversized_ones_only_up_to_the_limit(env, mediadesk_cli, dovecot,
                                                                                 imap_account, tmp_path):
    """Sizes first: six 12 MB messages among small ones never sit in the poller's memory
    together, and what is over MEDIADESK_MAX_MESSAGE_BYTES is fetched only up to it (stored cut,
    flagged, with its real size). Peak memory of the `mediadesk poll --once` process, measured."""
    import json
    import subprocess
    import sys

    from harness import cli_path

    small = [m.raw for m in generate(4, seed=31, min_kb=2, max_kb=4)]
    big = [_big(i, 12 * 1024 * 1024) for i in range(6)]
    dovecot.append(imap_account.user, "INBOX", small[:2] + big + small[2:])
    env = {**env, "MEDIADESK_FETCH_BATCH": "200", "MEDIADESK_MAX_MESSAGE_BYTES": str(4 * 1024 * 1024)}
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.stderr, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, str(cli_path()), "poll", "--once"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    code, peak_kb = map(int, done.stdout.split())
    assert code == 0, done.stderr
    rows = stored(env)
    assert len(rows) == 10
    cut = [r for r in rows if r.truncated]
    assert len(cut) == 6 and all(len(r.raw) == 4 * 1024 * 1024 and r.size > 12 * 1024 * 1024 for r in cut)
    assert all("cut to 4194304 (MEDIADESK_MAX_MESSAGE_BYTES)" in r.error for r in cut)
    print(json.dumps({"poller peak RSS MB": round(peak_kb / 1024)}))
    # Whole, the six would be 72 MB of bytes held at once (several times that in Python objects).
    assert peak_kb < 200 * 1024, f"poller peak RSS {peak_kb / 1024:.0f} MB"
