"""Spam verdicts from outside triage: the filters upstream of the mailbox, and spamd.

Two sources, both optional:

* **Upstream headers** (pure): the verdict a filter in front of the mailbox wrote into the
  message: SpamAssassin (``X-Spam-Flag``, ``X-Spam-Status``), rspamd (``X-Spam``,
  ``X-Spamd-Result``, ``X-Rspamd-Action``), Microsoft 365 / Exchange Online Protection
  (``X-MS-Exchange-Organization-SCL``, ``X-Forefront-Antispam-Report`` SCL/SFV/CAT,
  ``X-Microsoft-Antispam`` BCL) and Barracuda (``X-Barracuda-Spam-Flag``/``-Status``).
  They mean something only when the office's own mail server wrote them: anyone can put
  ``X-Spam-Flag: NO`` in a message, so a "not spam" header never outweighs our own rules, and
  trusting the "spam" ones at all is the setting ``MEDIADESK_TRUST_SPAM_HEADERS``.
* **spamd** (I/O, beside triage): ``check_spamd(raw, settings)`` asks SpamAssassin's spamd
  through ``aiospamc`` and returns a ``SpamVerdict`` that the caller passes to
  ``triage(..., spam_check=verdict)``; triage itself stays pure. A spamd that does not answer
  gives a verdict with ``spam=None`` and the reason, and the rules decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Microsoft 365 spam confidence levels: 5-6 spam, 7-8 not used, 9 high confidence spam.
SCL_SPAM = 5
# Bulk complaint level: 7 is Microsoft's default "high" threshold for bulk mail.
BCL_BULK = 7
# X-Forefront-Antispam-Report CAT values that mean spam, phishing or malware (BULK is bulk).
_SPAM_CATEGORIES = {"SPM", "HSPM", "PHSH", "HPHSH", "HPHISH", "MALW", "SPOOF", "DIMP", "GIMP", "UIMP", "OSPM", "AMP", "SAP"}
_RSPAMD_SPAM_ACTIONS = {"reject", "add header", "add_header", "rewrite subject", "rewrite_subject"}
_YES = ("yes", "true", "1")
_SCORE_RE = re.compile(r"\b(?:score|hits)\s*=\s*(-?\d+(?:\.\d+)?)", re.IGNORECASE)
_REQUIRED_RE = re.compile(r"\brequired\s*=\s*(-?\d+(?:\.\d+)?)", re.IGNORECASE)
_TESTS_RE = re.compile(r"\btests\s*=\s*([\w,\s]*?)(?:\s+\w+=|$)", re.IGNORECASE)
_RSPAMD_RESULT_RE = re.compile(r"^\s*\w+\s*:\s*(true|false)\s*\[\s*(-?[\d.]+)\s*/\s*(-?[\d.]+)\s*\]", re.IGNORECASE)
_RSPAMD_SYMBOL_RE = re.compile(r"([A-Z][A-Z0-9_]{2,})\((-?[\d.]+)\)")
_FIELD_RE = re.compile(r"(?:^|;)\s*([A-Z]{2,6})\s*:\s*([^;]*)")

# Header names read here (worker/parsing.py keeps them among TRIAGE_HEADERS).
SPAM_HEADERS = (
    "x-spam-flag", "x-spam-status", "x-spam", "x-spamd-result", "x-rspamd-action",
    "x-ms-exchange-organization-scl", "x-forefront-antispam-report", "x-microsoft-antispam",
    "x-barracuda-spam-flag", "x-barracuda-spam-status",
)


@dataclass(frozen=True)
class SpamVerdict:
    """One filter's opinion of a message.

    ``spam``: True spam, False not spam, None no opinion (the filter did not answer).
    ``bulk``: the filter calls it bulk mail (legitimate but mass-sent), not spam.
    """

    source: str
    spam: bool | None
    reason: str
    score: float | None = None
    threshold: float | None = None
    rules: tuple[str, ...] = field(default=())
    bulk: bool = False

    def describe(self) -> str:
        parts = [f"{self.source}: {self.reason}"]
        if self.rules:
            parts.append("rules " + ", ".join(self.rules[:8]) + (" …" if len(self.rules) > 8 else ""))
        return "; ".join(parts)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _spamassassin(headers: dict[str, str], name: str, flag_name: str, source: str) -> SpamVerdict | None:
    status = headers.get(name, "")
    flag = headers.get(flag_name, "").strip().lower()
    if not status and not flag:
        return None
    score = _float((_SCORE_RE.search(status) or [None, None])[1])
    required = _float((_REQUIRED_RE.search(status) or [None, None])[1])
    tests_match = _TESTS_RE.search(status)
    tests = tuple(t.strip() for t in tests_match.group(1).split(",") if t.strip()) if tests_match else ()
    spam = flag.startswith(_YES) or status.strip().lower().startswith("yes")
    shown = f"{flag_name.title()}: {headers[flag_name]}" if flag else f"{name.title()}: {status[:60]}"
    if score is not None:
        shown += f" (score {score:g}" + (f" / {required:g})" if required is not None else ")")
    return SpamVerdict(source, spam, shown, score, required, tests)


def _rspamd(headers: dict[str, str]) -> SpamVerdict | None:
    result = headers.get("x-spamd-result", "")
    action = headers.get("x-rspamd-action", "").strip().lower()
    flag = headers.get("x-spam", "").strip().lower()
    if not (result or action or flag):
        return None
    m = _RSPAMD_RESULT_RE.match(result)
    score = _float(m.group(2)) if m else None
    threshold = _float(m.group(3)) if m else None
    symbols = sorted(((float(w), s) for s, w in _RSPAMD_SYMBOL_RE.findall(result)), reverse=True)
    rules = tuple(s for w, s in symbols if w > 0)
    reasons = []
    spam = False
    if flag:
        reasons.append(f"X-Spam: {headers['x-spam']}")
        spam = spam or flag.startswith(_YES)
    if action:
        reasons.append(f"X-Rspamd-Action: {action}")
        spam = spam or action in _RSPAMD_SPAM_ACTIONS
    if m:
        reasons.append(f"X-Spamd-Result: {m.group(1)} [{m.group(2)} / {m.group(3)}]")
        # "True" means the metric's action was reached; the score against the reject threshold.
        spam = spam or m.group(1).lower() == "true"
    return SpamVerdict("rspamd", spam, ", ".join(reasons), score, threshold, rules)


def _microsoft(headers: dict[str, str]) -> SpamVerdict | None:
    report = headers.get("x-forefront-antispam-report", "")
    fields = {k.upper(): v.strip() for k, v in _FIELD_RE.findall(report)}
    antispam = {k.upper(): v.strip() for k, v in _FIELD_RE.findall(headers.get("x-microsoft-antispam", ""))}
    scl_text = headers.get("x-ms-exchange-organization-scl", "").strip() or fields.get("SCL", "")
    scl = _float(scl_text)
    bcl = _float(antispam.get("BCL") or fields.get("BCL"))
    sfv = fields.get("SFV", "").upper()
    cat = fields.get("CAT", "").upper()
    if scl is None and not sfv and not cat and bcl is None:
        return None
    reasons = []
    if scl is not None:
        reasons.append(f"SCL {scl:g}")
    if sfv:
        reasons.append(f"SFV:{sfv}")
    if cat and cat != "NONE":
        reasons.append(f"CAT:{cat}")
    if bcl is not None:
        reasons.append(f"BCL {bcl:g}")
    if sfv in ("SFE", "SKA", "SKN") or (scl is not None and scl < 0):
        # A safe sender, an allow list or a mail-flow rule that skipped filtering: no opinion.
        return SpamVerdict("Microsoft 365", False, ", ".join(reasons) + " (filtering skipped by the tenant)", scl, SCL_SPAM)
    spam = (scl is not None and scl >= SCL_SPAM) or sfv in ("SPM", "BLK", "SKS", "SKB") or cat in _SPAM_CATEGORIES
    bulk = not spam and (cat == "BULK" or (bcl is not None and bcl >= BCL_BULK))
    return SpamVerdict("Microsoft 365", spam, ", ".join(reasons), scl, SCL_SPAM, bulk=bulk)


def upstream_verdicts(headers: dict[str, str]) -> list[SpamVerdict]:
    """The verdicts that filters upstream wrote into ``headers`` (lower-case names), if any."""
    if not any(name in headers for name in SPAM_HEADERS):
        return []
    found = [
        _spamassassin(headers, "x-spam-status", "x-spam-flag", "SpamAssassin"),
        _rspamd(headers),
        _microsoft(headers),
        _spamassassin(headers, "x-barracuda-spam-status", "x-barracuda-spam-flag", "Barracuda"),
    ]
    return [v for v in found if v is not None]


# --------------------------------------------------------------------------- spamd (I/O)

def parse_spamd_url(url: str) -> tuple[str, int]:
    """``spamd://host:port``, ``tcp://host:port`` or ``host[:port]`` → (host, port); 783 by default.

    Raises:
        ValueError: the URL names no host or a port that is not a number.
    """
    rest = re.sub(r"^(?:spamd|spamc|tcp)://", "", url.strip(), flags=re.IGNORECASE).rstrip("/")
    if rest.startswith("["):  # [::1]:783
        host, _, port = rest[1:].partition("]")
        port = port.lstrip(":")
    else:
        host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
    if not host:
        raise ValueError(f"no host in spamd URL {url!r}")
    if port and not port.isdigit():
        raise ValueError(f"port {port!r} of spamd URL {url!r} is not a number")
    return host, int(port or 783)


def check_spamd(raw: bytes, settings) -> SpamVerdict | None:
    """Ask spamd (``settings.spamd_url``) about ``raw``; None when no spamd is configured.

    Never raises for spamd's sake: a refused connection, a timeout or a protocol error gives a
    verdict with ``spam=None`` whose reason says what happened, so triage explains it and lets
    the rules decide.
    """
    url = getattr(settings, "spamd_url", None)
    if not url:
        return None
    try:
        host, port = parse_spamd_url(url)
    except ValueError as exc:
        return SpamVerdict("spamd", None, f"not asked: {exc}")
    try:
        import asyncio

        import aiospamc
    except ImportError:
        return SpamVerdict("spamd", None, "not asked: the aiospamc package is not installed (pip install aiospamc)")
    timeout = float(getattr(settings, "spamd_timeout", 10.0))

    async def ask():
        # REPORT is not needed: SYMBOLS gives the score and the names of the rules that hit.
        return await aiospamc.symbols(raw, host=host, port=port, timeout=aiospamc.Timeout(total=timeout))

    try:
        response = asyncio.run(asyncio.wait_for(ask(), timeout + 1))
    except Exception as exc:  # any failure of the filter: explained, never fatal to triage
        detail = f"{type(exc).__name__}: {str(exc)[:80]}" if str(exc) else type(exc).__name__
        return SpamVerdict("spamd", None, f"no answer from {host}:{port} ({detail})")
    header = response.headers.spam  # "Spam: True ; 15.2 / 5.0"
    score, threshold = float(header.score), float(header.threshold)
    limit = settings.spamd_threshold if getattr(settings, "spamd_threshold", None) is not None else threshold
    body = response.body.decode("ascii", "replace") if response.body else ""
    rules = tuple(r.strip() for r in body.split(",") if r.strip())
    spam = score >= limit
    return SpamVerdict("spamd", spam, f"score {score:g} / {limit:g}", score, limit, rules)


__all__ = ["SPAM_HEADERS", "SpamVerdict", "check_spamd", "parse_spamd_url", "upstream_verdicts"]
