"""Several watched addresses: one poller each, tickets record their mailbox, replies go out from it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from mediadesk.settings import SettingsError, load_settings

pytestmark = pytest.mark.integration

MEDIADESK = Path(sys.executable).parent / "mediadesk"


def test_each_mailbox_inherits_what_it_does_not_override():
    settings = load_settings(imap_host="imap.example.org", imap_user="media@example.org", media_address="media@example.org",
                             signature="Press Office", mailboxes=[
                                 {"name": "presse", "imap_user": "presse@example.org", "imap_password": "s3cret",
                                  "media_address": "presse@example.org", "signature": "Le service de presse",
                                  "default_language": "fr"}])
    [presse] = settings.each_mailbox()
    assert presse.imap_host == "imap.example.org" and presse.imap_user == "presse@example.org"
    assert presse.media_address == "presse@example.org" and presse.fallback_languages == ["fr"]
    assert presse.imap_password.get_secret_value() == "s3cret" and "s3cret" not in repr(presse)
    assert settings.for_mailbox_key(presse.mailbox_key).signature == "Le service de presse"
    assert settings.for_mailbox_key("someone@else/INBOX").signature == "Press Office"
    assert {"presse@example.org", "media@example.org"} <= settings.our_addresses
    with pytest.raises(SettingsError, match="no mailbox named 'nope'"):
        settings.for_mailbox("nope")


def inquiry(sender: str, to: str, subject: str, msgid: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Message-ID"] = sender, to, subject, msgid
    msg["Date"] = "Tue, 24 Nov 2026 10:00:00 +0300"
    msg.set_content("Could you send us high-resolution photos and the logo for our article? Thanks.")
    return msg.as_bytes()


def test_two_mailboxes_polled_concurrently_and_answered_from_their_own_address(
        mediadesk_env, mediadesk_cli, worker_factory, smtp_server, dovecot, tmp_path):
    media, presse = dovecot.add_user(), dovecot.add_user()
    boxes = [{"name": name, "imap_user": acct.user, "imap_password": acct.password, "media_address": acct.user,
              "signature": f"signed {name}"} for name, acct in (("media", media), ("presse", presse))]
    env = {**mediadesk_env, **smtp_server.env(), "MEDIADESK_MAILBOXES": json.dumps(boxes),
           "MEDIADESK_AUTO_SEND_CATEGORIES": '["media_assets"]', "MEDIADESK_POLL_INTERVAL": "5"}
    assert mediadesk_cli("db", "upgrade", env=env).returncode == 0
    worker_factory(env, concurrency=1)
    poller = subprocess.Popen([str(MEDIADESK), "poll"], env=env, cwd=tmp_path,
                              stdout=open(tmp_path / "poller.log", "wb"), stderr=subprocess.STDOUT)
    try:
        dovecot.append(media.user, "INBOX", [inquiry("Ana <ana@ledger.example>", media.user, "Photos please",
                                                     "<m1@ledger.example>")])
        dovecot.append(presse.user, "INBOX", [inquiry("Luc <luc@courrier.example>", presse.user, "Photos SVP",
                                                      "<p1@courrier.example>")])
        mails = smtp_server.wait_for(2, timeout=90)
    finally:
        poller.send_signal(signal.SIGTERM)
        poller.wait(30)
    log = (tmp_path / "poller.log").read_text()
    assert media.user in log and presse.user in log  # both watched by one command
    sent_from = {m.rcpt_tos[0]: (m.mail_from, m.message["From"].addresses[0].addr_spec) for m in mails}
    assert sent_from["ana@ledger.example"] == (media.user, media.user)
    assert sent_from["luc@courrier.example"] == (presse.user, presse.user)
    bodies = {m.rcpt_tos[0]: m.message.get_body(("plain",)).get_content() for m in mails}
    assert "signed media" in bodies["ana@ledger.example"] and "signed presse" in bodies["luc@courrier.example"]
    tickets = {t["requester"]: t["mailbox"] for t in json.loads(mediadesk_cli("list", "--all", "--json", env=env).stdout)}
    assert tickets["ana@ledger.example"].startswith(media.user) and tickets["luc@courrier.example"].startswith(presse.user)
