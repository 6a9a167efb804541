"""Who may receive an acknowledgement: the loop-proof rules, as pure functions with reasons.

An acknowledgement goes only to a human. ``eligibility`` applies the hard rules (any one
refuses a draft); ``review_flags`` lists softer bulk-mail signals that still allow a draft but
keep it for a human (a journalist writing through Mailchimp is a person; a newsletter is not,
and triage decides which it is). ``auto_send_decision`` is the per-category auto-send policy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address
from typing import Iterable, Mapping

# Local parts that are machines by convention (RFC 3834 §2, RFC 2142), compared without
# separators so "no-reply", "no_reply" and "noreply" are one rule.
MACHINE_LOCAL_PARTS = frozenset({
    "mailerdaemon", "postmaster", "noreply", "donotreply", "donotrespond", "noresponse",
    "bounce", "bounces", "mailer", "listserv", "majordomo", "autoreply", "autoresponder",
    "notifications", "notification", "daemon", "root", "nobody",
})
MACHINE_PREFIXES = ("owner-", "bounce-", "bounces-", "noreply-", "no-reply-", "do-not-reply-", "mailer-daemon")
MACHINE_SUFFIXES = ("-request", "-owner", "-bounces", "-noreply", "-no-reply")
SOFT_PRECEDENCE = ("bulk", "list", "junk")
LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post", "list-help")
SUPPRESS_TOKENS = ("all", "autoreply", "oof")
REPORT_TYPES = ("multipart/report", "message/delivery-status", "message/disposition-notification",
                "message/feedback-report")
_CTRL_RE = re.compile(r"[\x00-\x1f\x7f]")
_ADDR_RE = re.compile(r"[^\s<>\"',;:]+@[^\s<>\"',;]+")


@dataclass(frozen=True)
class AckFacts:
    """What the rules look at, gathered from the ticket, its message and the parsed mail."""

    recipient: str | None
    from_email: str | None = None
    category: str | None = None
    automated_kind: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    part_types: tuple[str, ...] = ()
    already_acknowledged: bool = False


# The common case, a dot-atom address with a dotted domain: valid without the full RFC 5322
# parser (which costs more than the rest of drafting).
_PLAIN_ADDRESS_RE = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                               r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def valid_address(value: str | None) -> bool:
    """A single plain addr-spec with nothing that could break a header."""
    if not value or len(value) > 320 or _CTRL_RE.search(value) or any(c in value for c in " <>,;\"()"):
        return False
    if _PLAIN_ADDRESS_RE.fullmatch(value):
        return True
    try:
        address = Address(addr_spec=value)
    except (HeaderParseError, ValueError, IndexError, TypeError):
        return False
    return bool(address.username) and "." in address.domain


def machine_sender(address: str) -> str | None:
    """The reason an address looks like a machine (MAILER-DAEMON, no-reply, list owner...)."""
    local = address.rsplit("@", 1)[0].lower()
    compact = re.sub(r"[-_.+]", "", local.split("+", 1)[0])
    if compact in MACHINE_LOCAL_PARTS:
        return f"machine sender ({local})"
    if local.startswith(MACHINE_PREFIXES) or local.endswith(MACHINE_SUFFIXES):
        return f"machine sender ({local})"
    return None


def _machine_headers(headers: Mapping[str, str], part_types: Iterable[str]) -> str | None:
    auto = headers.get("auto-submitted", "").strip().lower()
    if auto and not auto.startswith("no"):
        return f"Auto-Submitted: {auto[:40]}"
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder"):
        if name in headers:
            return f"{name} header"
    suppress = headers.get("x-auto-response-suppress", "").lower()
    if any(token in re.split(r"[\s,]+", suppress) for token in SUPPRESS_TOKENS):
        return f"X-Auto-Response-Suppress: {suppress[:40]}"
    return_path = headers.get("return-path")
    if return_path is not None and return_path.strip() in ("<>", ""):
        return "null sender (Return-Path <>)"
    # A mailer daemon as envelope sender or Sender. (Not VERP "bounces+…" addresses: mailing
    # services use those for genuine mail a person sent through them.)
    for name in ("return-path", "sender"):
        match = _ADDR_RE.search(headers.get(name, ""))
        local = match.group(0).rsplit("@", 1)[0].lower() if match else ""
        if re.sub(r"[-_.]", "", local) in ("mailerdaemon", "postmaster"):
            return f"mailer daemon in {name} ({local})"
    if headers.get("precedence", "").strip().lower() == "junk":
        return "Precedence: junk"
    if "x-failed-recipients" in headers:
        return "delivery failure (X-Failed-Recipients)"
    for ptype in part_types:
        if ptype.lower() in REPORT_TYPES:
            return f"report ({ptype.lower()})"
    return None


def eligibility(facts: AckFacts, our_addresses: Iterable[str]) -> tuple[bool, str]:
    """Whether an acknowledgement may be drafted, and why (the reason is stored as an event).

    Returns ``(True, "eligible")`` or ``(False, reason)``; the first refusing rule wins.
    """
    ours = {a.lower() for a in our_addresses}
    if facts.automated_kind or facts.category == "automated":
        return False, f"automated mail ({facts.automated_kind or 'automated'})"
    if facts.category == "spam":
        return False, "spam"
    if facts.already_acknowledged:
        return False, "ticket already has an acknowledgement"
    if not facts.recipient:
        return False, "no sender address to reply to"
    if not valid_address(facts.recipient):
        return False, "sender address is not usable"
    for address in dict.fromkeys(a for a in (facts.recipient, facts.from_email) if a):
        if address.lower() in ours:
            return False, f"own address ({address.lower()})"
        reason = machine_sender(address)
        if reason:
            return False, reason
    loop = facts.headers.get("x-loop", "").lower()
    if loop and any(a in loop for a in ours):
        return False, "X-Loop names our address"
    reason = _machine_headers(facts.headers, facts.part_types)
    if reason:
        return False, reason
    return True, "eligible"


def review_flags(headers: Mapping[str, str]) -> list[str]:
    """Bulk-mail signals that keep a draft for human review instead of auto-sending."""
    flags = []
    precedence = headers.get("precedence", "").strip().lower()
    if precedence in SOFT_PRECEDENCE:
        flags.append(f"Precedence: {precedence}")
    flags.extend(f"{name} header" for name in LIST_HEADERS if name in headers)
    match = _ADDR_RE.search(headers.get("sender", ""))
    if match and machine_sender(match.group(0)):
        flags.append(f"Sender {match.group(0).lower()}")
    return flags


def auto_send_decision(category: str | None, needs_review: bool, headers: Mapping[str, str],
                       auto_send_categories: Iterable[str]) -> tuple[bool, str]:
    """The per-category auto-send policy (off unless the category is listed)."""
    if not category or category not in set(auto_send_categories):
        return False, f"category {category or 'unknown'} waits for review"
    if needs_review:
        return False, "triage asked for review"
    flags = review_flags(headers)
    if flags:
        return False, "bulk-mail signals: " + ", ".join(flags)
    return True, f"auto-send on for {category}"


def headers_of(parsed=None, message=None) -> dict[str, str]:
    """The triage headers by lower-case name, from the parsed mail or the stored message JSON."""
    if parsed is not None:
        return dict(parsed.headers)
    raw = getattr(message, "headers", None)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    if isinstance(data, dict):
        return {str(k).lower(): str(v) for k, v in data.items()}
    return {}
