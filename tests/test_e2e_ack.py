"""Acknowledged end to end without a human: IMAP in → poller → worker → triage → draft → SMTP out."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

MEDIADESK = Path(sys.executable).parent / "mediadesk"


def inquiry(subject: str, body: str, sender: str, msgid: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "media@gims.example", subject
    msg["Message-ID"], msg["Date"] = msgid, "Tue, 24 Nov 2026 10:00:00 +0300"
    msg.set_content(body)
    return msg.as_bytes()


def test_auto_send_category_is_acknowledged_end_to_end(mediadesk_env, mediadesk_cli, worker_factory, smtp_server,
                                                        dovecot, imap_account, tmp_path):
    env = {**mediadesk_env, **smtp_server.env(), "MEDIADESK_AUTO_SEND_CATEGORIES": '["media_assets"]',
           "MEDIADESK_SENT_FOLDER": "Sent", "MEDIADESK_POLL_INTERVAL": "30", "MEDIADESK_ORGANISATION": "GIMS"}
    assert mediadesk_cli("db", "upgrade", env=env).returncode == 0
    worker_factory(env, concurrency=1)
    poller = subprocess.Popen([str(MEDIADESK), "poll"], env=env, cwd=tmp_path,
                              stdout=open(tmp_path / "poller.log", "wb"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while b'"connected"' not in (tmp_path / "poller.log").read_bytes():  # then it idles
            assert time.monotonic() < deadline, "the poller did not connect"
            time.sleep(0.1)
        time.sleep(0.5)
        started = time.monotonic()
        dovecot.append(imap_account.user, "INBOX", [inquiry(
            "High-resolution photos of the exhibition",
            "Hello,\n\nCould you send us high-resolution photos and the logo for our article? Thanks.\n\nPriya",
            "Priya Nair <priya@gulfledger.example>", "<photos-1@gulfledger.example>")])
        [mail] = smtp_server.wait_for(1, timeout=60)
        elapsed = time.monotonic() - started
        # A second inquiry of a category that waits for review must not go out.
        dovecot.append(imap_account.user, "INBOX", [inquiry(
            "Interview request", "Could your spokesperson join our programme tomorrow?",
            "Omar <omar@radio.example>", "<interview-1@radio.example>")])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            drafts = json.loads(mediadesk_cli("draft", "list", "--status", "all", "--json", env=env).stdout)
            if len(drafts) == 2:
                break
            time.sleep(0.5)
    finally:
        poller.send_signal(signal.SIGTERM)
        poller.wait(20)
    print(f"\nIMAP append → acknowledgement delivered over SMTP: {elapsed:.2f}s")
    assert elapsed < 15
    msg = mail.message
    assert mail.rcpt_tos == ["priya@gulfledger.example"]
    assert msg["Subject"] == "Re: High-resolution photos of the exhibition [MR-1]"
    assert msg["In-Reply-To"] == "<photos-1@gulfledger.example>"
    assert msg["Auto-Submitted"] == "auto-replied" and msg["X-Auto-Response-Suppress"] == "All"
    assert msg["Message-ID"].startswith("<mediadesk.MR-1.")
    ticket = json.loads(mediadesk_cli("show", "MR-1", "--json", env=env).stdout)
    assert ticket["status"] == "acknowledged"
    assert [m["direction"] for m in ticket["messages"]] == ["in", "out"]
    assert {d["ref"]: d["status"] for d in drafts} == {"MR-1": "sent", "MR-2": "pending"}
    assert len(smtp_server.messages) == 1
    sent_copy = dovecot.fetch(imap_account.user, "Sent")
    assert len(sent_copy) == 1 and b"[MR-1]" in next(iter(sent_copy.values()))
