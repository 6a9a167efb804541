"""A forwarded inquiry: the original message inside a colleague's forward. A pure function.

Staff forward a journalist's mail to the media address. The inquiry is the journalist's: their
address, their words, their date (a "tomorrow" counts from when they wrote). The original is
read from an attached message (message/rfc822) or from the inline block the mail clients write:

- Gmail: ``---------- Forwarded message ---------`` / ``Message transféré`` / ``رسالة مُعاد توجيهها``,
  then From/Date/Subject/To;
- Outlook: a rule of underscores (or ``-----Original Message-----``), then From/Sent/To/Subject
  (De/Envoyé/À/Objet, من/تم الإرسال/إلى/الموضوع);
- Apple Mail: ``Begin forwarded message:`` / ``Début du message réexpédié :``, a blank line, then
  From/Subject/Date/To;
- Thunderbird: ``-------- Forwarded Message --------`` / ``Message transféré``, then
  Subject/Date/From/To, the values often after a tab.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr, parsedate_to_datetime

from mediadesk.worker.forms import mailer_headers_dropped
from mediadesk.worker.parsing import ParsedMessage, parse_message
from mediadesk.worker.triage.text import is_forward

_MARKER_RE = re.compile(
    r"""^[\s>]*(?:
        -{2,}\s*(?:forwarded\s+message|message\s+transf[ée]r[ée]|mensaje\s+reenviado|weitergeleitete\s+nachricht
                 |رسالة\s+(?:مُ?عاد|معاد)\s+توجيهها|الرسالة\s+(?:الم[ُ]?عاد|المعاد)\s+توجيهها
                 |original\s+message|message\s+d['’]origine|message\s+original|الرسالة\s+الأصلية)\s*-{2,}
      | begin\s+forwarded\s+message\s*:
      | d[ée]but\s+du\s+message\s+(?:r[ée]exp[ée]di[ée]|transf[ée]r[ée])\s*:
      | _{10,}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
_FORWARD_WORD_RE = re.compile(r"forward|transf[ée]r[ée]|r[ée]exp[ée]di[ée]|reenviad|weitergeleitet|توجيه", re.IGNORECASE)
_FIELD_RE = re.compile(r"^[\s>]*\**\s*([^\s:*][^:*]{0,24}?)\s*\**\s*:\s*\**\s*(.*)$")
# Header names as the clients write them, in the languages we see most, by what they mean.
_FIELDS = {
    "from": "from", "de": "from", "von": "from", "من": "from", "المرسل": "from", "de la part de": "from",
    "subject": "subject", "objet": "subject", "sujet": "subject", "betreff": "subject", "asunto": "subject",
    "الموضوع": "subject",
    "date": "date", "sent": "date", "envoyé": "date", "envoye": "date", "envoyé le": "date", "gesendet": "date",
    "enviado": "date", "fecha": "date", "التاريخ": "date", "تم الإرسال": "date", "تم الارسال": "date",
    "أرسلت": "date", "أرسل": "date", "datum": "date",
    "to": "to", "à": "to", "a": "to", "pour": "to", "an": "to", "para": "to", "إلى": "to", "الى": "to",
    "cc": "cc", "message-id": "message-id",
}
_BIDI_RE = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MAILTO_RE = re.compile(r"\[mailto:([^\]\s]+)\]", re.IGNORECASE)


@dataclass(frozen=True)
class Forwarded:
    """The original inquiry inside a forward."""

    from_email: str
    from_name: str | None
    subject: str
    text: str
    date: datetime | None
    message_id: str | None
    how: str  # "attached" or "inline"; "form" for a website form's submission (worker/forms.py)


def _address(value: str) -> tuple[str | None, str | None]:
    value = _BIDI_RE.sub("", value).strip()
    value = _MAILTO_RE.sub(r"<\1>", value)  # Outlook: "Name [mailto:a@b]"
    name, addr = parseaddr(value)
    if not addr or "@" not in addr:
        match = re.search(r"[^\s<>\"']+@[^\s<>\"']+", value)
        if not match:
            return None, None
        addr, name = match.group(0), value[: match.start()].strip(" <\"'")
    return (name.strip().strip('"') or None), addr.strip().strip("<>").lower()


def _date(value: str, fallback: datetime | None) -> datetime | None:
    """The forwarded message's date; a zone it does not name is taken to be the forward's."""
    value = _BIDI_RE.sub("", value).strip()
    found = None
    if value:
        try:
            found = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            try:
                import dateparser

                cleaned = re.sub(r"\s(?:at|à|um|a las|في)\s", " ", value)
                found = dateparser.parse(cleaned, languages=["en", "fr", "ar", "de", "es"],
                                         settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"})
            except Exception:
                found = None
    if found is None:
        return fallback
    if found.tzinfo is None and fallback is not None and fallback.tzinfo is not None:
        found = found.replace(tzinfo=fallback.tzinfo)
    return found


_FROM_LINE_RE = re.compile(r"^[\s>]*\**\s*(?:from|de|von|من|المرسل)\s*\**\s*:", re.IGNORECASE | re.MULTILINE)


def _starts(text: str, forward_subject: bool) -> list[int]:
    """Where a forwarded header block may start: after a marker line that says "forwarded";
    for a "Fwd:" subject, also after Outlook's rule or "Original Message" (which open a quoted
    reply just as well) and at a bare From line (the rule is often lost when HTML becomes text).
    A reply quoting the journalist's mail is the colleague's own message, not a forward."""
    starts = [m.end() for m in _MARKER_RE.finditer(text)
              if forward_subject or _FORWARD_WORD_RE.search(m.group())]
    if forward_subject:
        starts += [m.start() for m in _FROM_LINE_RE.finditer(text)]
    return sorted(set(starts))


def _inline(text: str, fallback_date: datetime | None, forward_subject: bool) -> Forwarded | None:
    """The first inline forwarded block with a sender address, else None."""
    for start in _starts(text, forward_subject):
        lines = text[start:].split("\n")
        if lines and not lines[0].strip():
            lines = lines[1:]  # the rest of the marker's line
        fields: dict[str, str] = {}
        i = 0
        while i < len(lines) and not lines[i].strip():  # Apple Mail leaves a blank line first
            i += 1
        while i < len(lines):
            match = _FIELD_RE.match(lines[i])
            key = _FIELDS.get(_BIDI_RE.sub("", match.group(1)).strip().lower()) if match else None
            if key is None:
                break
            fields.setdefault(key, _BIDI_RE.sub("", match.group(2)).strip())
            i += 1
        if "from" not in fields or len(fields) < 2:
            continue
        name, address = _address(fields["from"])
        if not address:
            continue
        body = "\n".join(line[2:] if line.startswith("> ") else line for line in lines[i:]).strip()
        return Forwarded(address, name, fields.get("subject", ""), body, _date(fields.get("date", ""), fallback_date),
                         None, "inline")
    return None


def find_forwarded(parsed: ParsedMessage) -> Forwarded | None:
    """The original message ``parsed`` forwards, or None when it forwards none we can read."""
    for raw in parsed.attached_messages:
        inner = parse_message(raw)
        if inner.from_email:
            return Forwarded(inner.from_email.lower(), inner.from_name, inner.subject, inner.text, inner.date,
                             inner.message_id, "attached")
    return _inline(parsed.text, parsed.date, is_forward(parsed.subject))


def as_original(parsed: ParsedMessage, forwarded: Forwarded) -> ParsedMessage:
    """The forward seen as the original inquiry: its sender, subject, date and words (for triage and
    the acknowledgement); the forward's own headers and attachments stay."""
    # A form mailer's "auto-generated" and bulk marks are not the submitter's.
    headers = mailer_headers_dropped(parsed.headers) if forwarded.how == "form" else parsed.headers
    return dataclasses.replace(
        parsed, headers=headers, message_id=forwarded.message_id, in_reply_to=None, references=(),
        subject=forwarded.subject or parsed.subject, from_email=forwarded.from_email, from_name=forwarded.from_name,
        reply_to=None, to=(), cc=(), date=forwarded.date or parsed.date, text=forwarded.text, attached_messages=(),
    )


__all__ = ["Forwarded", "as_original", "find_forwarded"]
