"""Triage one message written in a test: a subject and a body from a plain sender."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from mediadesk.settings import load_settings
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage import triage

SETTINGS = load_settings(_env_file=None)


def decide(subject: str, body: str, *, sent: datetime, sender: str = "Sam <sam@example.org>", settings=None,
           headers: dict[str, str] | None = None):
    """The triage decision for a person's message to the media address, sent at ``sent`` (as shipped
    unless ``settings`` say otherwise, e.g. the rules alone)."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "media@imctc.org", subject
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = "<written@example.org>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return triage(parse_message(msg.as_bytes()), settings=settings or SETTINGS)
