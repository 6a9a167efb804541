"""The acknowledgement as an RFC 5322 message: threaded, marked as an auto-reply, injection-proof.

Everything that came from a sender (display name, subject, message ids) is reduced to one clean
line before it reaches a header, and addresses go through ``email.headerregistry.Address``, so
CR/LF or other control characters can never start a header of their own.
"""

from __future__ import annotations

import re
import secrets
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from mediadesk.storage.models import utcnow
from mediadesk.worker.drafting.render import RTL_LANGUAGES, clean_line

# Reply and forward-reply prefixes in the office's languages and common clients, stacked or not:
# "Re:", "RE :", "Ré :", "Réf.", "Re[2]:", "AW:", "SV:", "Antw:", "رد:", "ردّ:"...
_REPLY_PREFIX_RE = re.compile(
    r"^\s*(?:(?:re|ré|réponse|aw|sv|antw|odp|rif|رد|ردّ|جواب)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]"
    r"|(?:réf|ref)\s*(?:\.\s*[:：]?|[:：]))\s*",
    re.IGNORECASE,
)
_MSGID_RE = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>")
MAX_REFERENCES = 20


def tag(ref: str) -> str:
    return f"[{ref}]"


def reply_subject(original: str | None, ref: str) -> str:
    """``Re: <original> [MR-42]``: one ``Re:``, the ticket tag once, on one clean line."""
    subject = clean_line(original or "", 900)
    if ref.lower() in subject.lower():  # else no pattern to compile: a new ticket's subject has no tag yet
        subject = re.sub(r"\s*\[\s*" + re.escape(ref) + r"\s*\]\s*", " ", subject, flags=re.IGNORECASE)
    subject = subject.strip()
    while True:
        stripped = _REPLY_PREFIX_RE.sub("", subject, count=1)
        if stripped == subject:
            break
        subject = stripped
    return f"Re: {subject} {tag(ref)}" if subject else f"Re: {tag(ref)}"


def media_domain(media_address: str) -> str:
    domain = media_address.rsplit("@", 1)[-1].strip().lower()
    return re.sub(r"[^a-z0-9.-]", "", domain) or "mediadesk.invalid"


def new_message_id(ref: str, media_address: str) -> str:
    """``<mediadesk.MR-42.<random>@<media domain>>``: threading recognises our own mail by it."""
    safe_ref = re.sub(r"[^A-Za-z0-9-]", "", ref) or "ticket"
    return f"<mediadesk.{safe_ref}.{secrets.token_hex(8)}@{media_domain(media_address)}>"


def is_our_message_id(message_id: str | None) -> bool:
    return bool(message_id) and message_id.strip().startswith("<mediadesk.")


def clean_msgid(value: str | None) -> str | None:
    match = _MSGID_RE.search(value or "")
    return match.group(0) if match else None


def references_for(inquiry_id: str | None, earlier: list[str] | tuple[str, ...] | str | None) -> str | None:
    """References: the inquiry's own chain plus the inquiry, bounded (first and latest kept)."""
    if isinstance(earlier, str):
        earlier = _MSGID_RE.findall(earlier)
    ids = [i for i in (clean_msgid(x) for x in (earlier or ())) if i]
    if inquiry_id and clean_msgid(inquiry_id):
        ids.append(clean_msgid(inquiry_id))
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_REFERENCES:
        ids = ids[:1] + ids[-(MAX_REFERENCES - 1):]
    return " ".join(ids) or None


def header_text(value: str | None, limit: int = 998) -> str:
    """Sender-supplied text made safe for a header we write.

    The email package decodes RFC 2047 words inside header values it is given, so an encoded
    CR/LF ("=?utf-8?q?Eve=0D=0ABcc:…?=") would come back as a real line break. Decode such
    words ourselves (repeatedly, for double encoding), reduce the result to one clean line, and
    break any encoded-word opener that is left.
    """
    text = value or ""
    for _ in range(4):
        if "=?" not in text:
            break
        try:
            decoded = str(make_header(decode_header(text)))
        except Exception:
            break
        if decoded == text:
            break
        text = decoded
    return clean_line(text, limit).replace("=?", "= ?")


def address(email: str, name: str | None = None) -> Address:
    """An Address object with a display name that is one clean line (or none)."""
    display = header_text(name, 200).replace('"', "'")
    username, _, domain = email.strip().rpartition("@")
    return Address(display_name=display, username=username, domain=domain)


def build_email(draft, settings, *, date=None) -> EmailMessage:
    """The message to send for ``draft``: headers from the draft, text plus HTML alternative.

    Raises ValueError when the draft's recipient is not a usable address.
    """
    msg = EmailMessage(policy=SMTP)
    msg["From"] = address(settings.media_address, settings.organisation)
    msg["To"] = address(draft.to_email, draft.to_name)
    msg["Subject"] = header_text(draft.subject)
    msg["Date"] = format_datetime(date or utcnow())
    msg["Message-ID"] = clean_msgid(draft.message_id) or new_message_id("ack", settings.media_address)
    in_reply_to = clean_msgid(draft.in_reply_to)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    references = references_for(None, draft.references)
    if references:
        msg["References"] = references
    # RFC 3834: mark the acknowledgement as automatic so well-behaved responders stay silent. A
    # reply with a statement is a person's answer (not auto-submitted), but twenty out-of-office
    # replies to it are still unwanted.
    if getattr(draft, "kind", "ack") != "reply":
        msg["Auto-Submitted"] = "auto-replied"
        msg["Precedence"] = "auto_reply"
    msg["X-Auto-Response-Suppress"] = "All"
    # Base64 for non-ASCII text: safe through any server, 8BITMIME or not.
    msg.set_content(draft.body_text, subtype="plain", charset="utf-8", cte=_cte(draft.body_text))
    if draft.body_html:
        msg.add_alternative(draft.body_html, subtype="html", charset="utf-8", cte=_cte(draft.body_html))
    # After the body: set_content() clears every Content-* header.
    language = (draft.language or "en").split("+", 1)[0]
    if re.fullmatch(r"[a-z]{2,3}", language):
        msg["Content-Language"] = language
    return msg


def _cte(text: str) -> str:
    return "7bit" if text.isascii() and max(map(len, text.splitlines() or [""])) <= 900 else "base64"


def is_rtl(language: str | None) -> bool:
    return (language or "").split("+", 1)[0] in RTL_LANGUAGES
