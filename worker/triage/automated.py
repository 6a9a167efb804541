"""Is the message from a machine? Auto-replies, bounces and bulk mail are never acknowledged.

Evidence comes in three strengths:

* decisive headers and structure: a delivery-status or feedback report, X-Failed-Recipients,
  a MAILER-DAEMON/postmaster sender, RFC 3834 Auto-Submitted (any value but ``no``),
  X-Autoreply/X-Autorespond, ``Precedence: auto_reply``;
* an auto-reply subject ("Automatic reply:", "Réponse automatique :", "الرد التلقائي:") that is
  not a person's "Re:" to one, or out-of-office body phrases in a message that asks for nothing;
* bulk-mail headers (List-Id, List-Unsubscribe, Precedence bulk/list/junk, campaign headers,
  no-reply senders) and newsletter body markers, which add up: a single ``Precedence: bulk``
  is not enough, and a genuine request sent through a mailing tool (it asks us something and
  reads like one person's letter) stays human.

Each rule that fires adds a human-readable reason to the explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mediadesk.worker.parsing import ParsedMessage
from mediadesk.worker.triage.rules import Rules
from mediadesk.worker.triage.text import head_and_tail, signed_off

_MASS_MAILERS = re.compile(
    r"mailchimp|campaign\s*monitor|createsend|sendinblue|brevo|mailerlite|mailjet|sendgrid|constant\s*contact|"
    r"phplist|mailman|sympa|listserv|hubspot|marketo|salesforce\s+marketing|exacttarget|acoustic|getresponse|"
    r"aweber|klaviyo|mailgun|sparkpost|amazon\s*ses|newsletter|emarsys|dotdigital|substack|mailpoet|acymailing|"
    r"infusion|mime::lite|php\s*mailer\s+list|massmail|bulk\s*mail|e-?mail\s+marketing",
    re.IGNORECASE,
)
_LIST_SENDER = re.compile(r"^(?:owner-|.*-(?:owner|request|bounces?)@)|^bounces?[+-]|@bounces?\.", re.IGNORECASE)
_AUTOREPLY_FLAG_NO = ("no", "false", "0", "off")
# The spam score from which a message's own words are spam enough to outweigh a mail-system
# display name (phishing signs as "Mail Administrator") and to make mass mail spam, not bulk.
SURE_SPAM_WORDING = 4.0
# A post to a discussion list (mailing-list software's own headers) is list mail unless its
# spam wording is this strong: list members discuss spam, spyware and "to be removed" footers,
# and sell each other old printer cartridges. Either way it stays out of the queue.
LIST_SPAM_WORDING = 8.0
# A platform's relay of one person's message is their letter only when it clearly asks us something.
RELAYED_INQUIRY = 6.0
_LIST_POST_HEADERS = ("list-id", "list-post", "x-mailman-version", "x-beenthere", "mailing-list", "x-mailing-list")


def _mass_mailer(headers: dict[str, str]) -> str | None:
    """The campaign tool the message was sent with (its X-Mailer or User-Agent), if it names one."""
    mailer = (headers.get("x-mailer", "") + " " + headers.get("user-agent", "")).strip()
    return mailer if _MASS_MAILERS.search(mailer) else None


def is_list_post(headers: dict[str, str]) -> bool:
    """The message carries a discussion list's own headers (lower-case names)."""
    return any(name in headers for name in _LIST_POST_HEADERS)

# Return-Path domains of e-mail service providers that send bulk mail for their customers.
_ESP_DOMAIN = re.compile(
    r"@(?:[\w.-]+\.)?(?:amazonses\.com|sendgrid\.net|mailgun\.(?:org|net)|mcsv\.net|mcdlv\.net|rsgsv\.net|mandrillapp\.com|"
    r"cmail\d*\.com|createsend\d*\.com|sparkpostmail\.com|infusionmail\.com|sendinblue\.com|mailjet\.com|"
    r"constantcontact\.com|exacttarget\.com|hubspotemail\.net|mktomail\.com|emsend\d*\.com|bounce\.[\w.-]+)$",
    re.IGNORECASE,
)
# A person telling us they received an out-of-office reply.
_GOT_AN_AUTO_REPLY = re.compile(
    r"\b(?:received|got|get|getting|keep\s+getting)\s+(?:an?\s+|your\s+|his\s+|her\s+)?(?:automatic|auto-?|automated\s+)?"
    r"(?:reply|response|out[- ]of[- ]office)|\b(?:re[çc]u|recevons)\s+(?:une\s+|sa\s+|votre\s+)?r[ée]ponse\s+automatique|"
    r"(?:وصلني|وصلتني|وصلنا|جاني|جاتني|تلقيت|تلقينا|استلمت)\s+(?:ال)?(?:رد|رساله)\s+(?:ال)?(?:تلقائي|تلقائيه|الي|اليه)")
# Newsletter wording that is a mailing tool's footer, which it adds to every message it sends.
_FOOTER_TERM = re.compile(
    r"unsubscri|opt[- ]out|preferences|subscription|receiv|subscribed|signed\s+up|abonn|d[ée]sinscri|d[ée]sabonn|recevez|"
    r"abbestellen|abmelden|baja|suscripci|الاشتراك|لاشتراك|تصل|وصلت|القائمه\s+البريديه", re.IGNORECASE)


def mailing_footer(rules: Rules, text: str) -> list[str]:
    """A mailing tool's footer in normalised ``text`` ("unsubscribe", "you are receiving this because", "se
    désabonner", "إلغاء الاشتراك"): the newsletter terms of rules.yaml that are the footer's."""
    return [term for _, term in rules.newsletter_body.matches(text) if _FOOTER_TERM.search(term)]


_MACHINE_ACCOUNTS = {
    "www-data", "apache", "nobody", "daemon", "cron", "jenkins", "git", "svn", "httpd", "nginx", "wordpress",
    # Monitoring and issue trackers write from these; people do not.
    "nagios", "icinga", "zabbix", "alertmanager", "grafana", "prometheus", "sentry", "monitoring", "jira", "redmine",
    "bugzilla", "trac", "gitlab", "github", "bitbucket", "confluence",
}


@dataclass
class AutomatedVerdict:
    """What automated-mail detection found; ``kind`` None means a person wrote it."""

    kind: str | None
    reasons: list[str] = field(default_factory=list)
    bulk_score: float = 0.0
    newsletter_terms: list[str] = field(default_factory=list)
    rescued: bool = False  # bulk-looking, kept human because it reads as a personal request
    # Bulk-looking with spam wording: spam if the category scoring agrees, else still bulk.
    bulk_unless_spam: bool = False
    confidence: float = 0.99  # decisive headers; wording alone is less sure

    @property
    def newsletter_content(self) -> list[str]:
        """The newsletter wording that is not a mailing tool's footer ("this week's stories", "in this issue")."""
        return [t for t in self.newsletter_terms if not _FOOTER_TERM.search(t)]


# A calendar's answer to an invitation, as the client titles it (normalised subject).
_CALENDAR_REPLY_RE = re.compile(
    r"^\s*(?:accepted|declined|tentative(?:ly\s+accepted)?|accept[ée]|refus[ée]|provisoire|angenommen|abgelehnt|mit\s+vorbehalt"
    r"|aceptado|rechazado|provisional|(?:تم\s+)?(?:القبول|قبول|الرفض|رفض)|مقبول|مرفوض|مبدئي)\s*:", re.IGNORECASE)


def _report_type(msg: ParsedMessage) -> str:
    ctype = msg.headers.get("content-type", "")
    m = re.search(r"report-type\s*=\s*\"?([\w-]+)", ctype, re.IGNORECASE)
    return m.group(1).lower() if m else ""


def _bounce_evidence(msg: ParsedMessage, rules: Rules, subject: str, body: str, reasons: list[str], *,
                     wording: bool = True) -> bool:
    report = _report_type(msg)
    types = set(msg.part_types)
    if report in ("delivery-status", "feedback-report") or types & {"message/delivery-status", "message/feedback-report", "message/global-delivery-status"}:
        reasons.append(f"delivery report ({report or 'message/delivery-status'})" if "feedback" not in report and "message/feedback-report" not in types
                       else "abuse/complaint feedback report (multipart/report)")
        return True
    if "x-failed-recipients" in msg.headers:
        reasons.append("X-Failed-Recipients header")
        return True
    if not wording:
        return False
    body_score, body_terms = rules.bounce_body.score(body[:6000])
    subject_hits = [t for _, t in rules.bounce_subject.matches(subject)]
    if subject_hits and (body_score >= 1 or "message/rfc822" in msg.part_types or "text/rfc822-headers" in msg.part_types):
        reasons.append(f"bounce subject {subject_hits[0]!r} and body ({', '.join(repr(t) for t in body_terms[:3])})")
        return True
    if body_score >= rules.bounce_body_threshold:
        reasons.append(f"bounce text in body ({', '.join(repr(t) for t in body_terms[:3])})")
        return True
    return False


_FORWARD_RE = re.compile(r"^\s*(?:fwd?|tr|wg|rv|enc|doorst|vs|i|توجيه|اعاده\s+توجيه)\s*:", re.IGNORECASE)


# The reasons a report's structure gives (a bounce whatever its words say).
_STRUCTURAL = ("delivery report", "abuse", "X-Failed")


def _daemon_sender(msg: ParsedMessage, rules: Rules) -> str | None:
    """The mail-system address the message comes from (From, else Return-Path), if any."""
    for address in (msg.from_email, None if msg.from_email else msg.headers.get("return-path", "").strip("<> ")):
        local = (address or "").split("@")[0].lower()
        if local and rules.daemon_senders.search(local):
            return address
    if msg.from_name and rules.daemon_names.search(msg.from_name):
        return msg.from_name
    return None


def detect_automated(
    msg: ParsedMessage,
    rules: Rules,
    *,
    subject: str,
    own: str,
    body: str,
    inquiry_score: float,
    asks: bool,
    spam_score: float,
) -> AutomatedVerdict:
    """Decide whether a machine sent ``msg``.

    Args:
        msg: the parsed message (headers, part types, sender).
        rules: compiled rules.
        subject: normalised subject.
        own: normalised text the sender wrote (no quoted history).
        body: normalised whole body (report parts included), for bounce text.
        inquiry_score: best score of an inquiry category: how much it reads like a request to us.
        asks: the text asks us for something (request cues).
        spam_score: the spam category score (spam with bulk headers is spam, not bulk).
    """
    h = msg.headers
    reasons: list[str] = []

    # 1. Delivery failures and reports.
    daemon = _daemon_sender(msg, rules)
    null_return = "return-path" in h and h["return-path"].strip() in ("<>", "")
    # "Fwd: Undelivered Mail…" above "my message bounced, could you pass it on?": a person forwards
    # a bounce with a request of their own; only a report's structure would make it one.
    # So is a letter whose own words hold no bounce wording above the failure it quotes ("my request to presse@ was
    # rejected, error below").
    by_hand = bool(_FORWARD_RE.match(subject)) and asks and inquiry_score >= 2 and daemon is None
    bounce = _bounce_evidence(msg, rules, subject, body, reasons)
    if bounce and asks and inquiry_score >= 2 and daemon is None and not reasons[-1].startswith(_STRUCTURAL) and (
            by_hand or rules.bounce_body.score(own[:6000])[0] < rules.bounce_body_threshold):
        bounce, by_hand = False, True
        reasons.clear()
    if _report_type(msg) == "disposition-notification" or "message/disposition-notification" in msg.part_types:
        return AutomatedVerdict("auto_reply", ["read receipt (message/disposition-notification)"])
    if "text/calendar" in msg.part_types and _CALENDAR_REPLY_RE.match(subject) and len(own.split()) < 8:
        # "Accepted: Press briefing rehearsal" with nothing written: the calendar's answer to an invitation, a
        # button pressed, not a letter (a note typed above it is one).
        return AutomatedVerdict("bulk", [f"a calendar's reply to an invitation ({subject[:40]!r}) with no note"])
    if bounce:
        if daemon:
            reasons.append(f"sender {daemon}")
        structural = any(r.startswith(_STRUCTURAL) for r in reasons)
        return AutomatedVerdict("bounce", reasons, confidence=0.99 if structural or daemon else 0.9)
    if daemon and daemon == msg.from_name and spam_score >= SURE_SPAM_WORDING:
        # "IT Service Desk", "Mail Administrator": a display name anyone can write, and phishing
        # does, over a link to "verify your account". Without a report or bounce wording the
        # words decide: spam.
        daemon = None
    if daemon and not daemon.lower().startswith("postmaster"):
        # MAILER-DAEMON never writes by hand; a postmaster sometimes does, so it needs more.
        return AutomatedVerdict("bounce", [f"sender {daemon} is a mail system"])
    if daemon and (null_return or rules.bounce_subject.matches(subject) or rules.bounce_body.score(body[:6000])[0] >= 1):
        return AutomatedVerdict("bounce", [f"sender {daemon} with delivery-failure wording"], confidence=0.95)

    # 2. Auto-replies by header.
    auto_submitted = h.get("auto-submitted", "").strip().lower()
    auto_submitted_kind = auto_submitted.split(";")[0].split("(")[0].strip()
    own_ends = head_and_tail(own)
    ooo_score, ooo_terms = rules.auto_reply_body.score(own_ends)
    if ooo_score and _GOT_AN_AUTO_REPLY.search(own[:2000]):
        # "I got an auto-reply from your colleague, so I am writing here": a person says it.
        ooo_score, ooo_terms = 0.0, []
    replying = bool(rules.human_reply_prefix.search(subject))
    subject_hits = [] if replying else [t for _, t in rules.auto_reply_subject.matches(subject)]
    bulk_score, bulk_reasons, newsletter_terms = _bulk_evidence(msg, rules, own, letter=asks or replying or inquiry_score >= 2)

    relayed = rules.relayed_request.matches(own[:3000]) if asks and inquiry_score >= RELAYED_INQUIRY \
        and spam_score < SURE_SPAM_WORDING and not subject_hits else []
    if relayed and not signed_off(own[-2_000:]) and (rules.auto_reply_declared.matches(own_ends)
                                                     or rules.notification_declared.matches(own_ends)):
        # "Requester: the media office … this is an automated message": a system's notice about a request, which nobody
        # signed; a person's relayed letter under the system's "do not reply" ends with their sign-off.
        relayed = []
    if relayed:
        # A platform relays one person's request ("Message from Aisha: …"): the person wrote it, to us.
        return AutomatedVerdict(None, [f"relayed by a platform ({relayed[0][1]!r}): one person's request to the office"],
                                bulk_score, newsletter_terms, rescued=True)
    if auto_submitted and auto_submitted_kind not in rules.human_auto_submitted:
        reasons.append(f"Auto-Submitted: {h['auto-submitted']}")
        if auto_submitted_kind == "auto-replied" or ooo_score or subject_hits:
            return AutomatedVerdict("auto_reply", reasons + _terms("auto-reply", subject_hits, ooo_terms))
        if bulk_score >= 2:
            return AutomatedVerdict("bulk", reasons + bulk_reasons, bulk_score, newsletter_terms)
        return AutomatedVerdict("auto_reply", reasons)
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder"):
        if name in h and h[name].strip().lower() not in _AUTOREPLY_FLAG_NO:
            return AutomatedVerdict("auto_reply", [f"{name.title()}: {h[name]}"])
    precedence = h.get("precedence", h.get("x-precedence", "")).strip().lower()
    if precedence in ("auto_reply", "auto-reply"):
        return AutomatedVerdict("auto_reply", [f"Precedence: {precedence}"])
    messageclass = h.get("x-post-messageclass", "")
    if re.search(r"autorespon|auto-?reply|out\s*of\s*office", messageclass, re.IGNORECASE):
        return AutomatedVerdict("auto_reply", [f"X-POST-MessageClass: {messageclass}"])
    if "x-ms-exchange-generated-message-source" in h:
        return AutomatedVerdict("auto_reply", [f"generated by Exchange ({h['x-ms-exchange-generated-message-source']})"])

    # 3. Auto-replies by subject or body: the message asks for nothing of its own, or says that a
    # machine wrote it (a person who got such a reply and quotes it says so: _GOT_AN_AUTO_REPLY).
    declared = rules.auto_reply_declared.matches(own_ends)
    machine_said = spam_score < SURE_SPAM_WORDING and not by_hand and not _GOT_AN_AUTO_REPLY.search(own[:2000])
    if declared and bulk_score < 2 and machine_said:
        return AutomatedVerdict("auto_reply", [f"says a machine wrote it: {declared[0][1]!r}"], confidence=0.95)
    notification = [] if declared or not machine_said else rules.notification_declared.matches(own_ends)
    if notification:
        return AutomatedVerdict("bulk", [f"a system's notification: {notification[0][1]!r}"] + bulk_reasons,
                                bulk_score, newsletter_terms, confidence=0.9)
    # "Absent du bureau jusqu'au 20 — question urgente" over a request, "خارج المكتب" over "…لكن نحتاج
    # تعليقكم": a person mentioning their absence while asking, without a reply's full wording.
    asking_person = asks and inquiry_score >= 2 and ooo_score < rules.auto_reply_body_threshold
    if subject_hits and (ooo_score or inquiry_score < 6) and not asking_person:
        return AutomatedVerdict("auto_reply", _terms("auto-reply", subject_hits, ooo_terms),
                                confidence=0.95 if ooo_score else 0.85)
    # "سأكون في إجازة حتى ١٨ يناير … فور عودتي" under "أرغب في التسجيل لتغطية الندوة": a person who asks
    # and names their leave in two phrases is still writing a letter; a reply's fuller wording is not.
    inquiry_bar = 3 if asks and ooo_score < rules.auto_reply_body_threshold + 2 else 4
    if ooo_score >= rules.auto_reply_body_threshold and inquiry_score < inquiry_bar and spam_score < SURE_SPAM_WORDING:
        # ("This is an automated message" under "verify your mailbox now": phishing, not a reply.)
        return AutomatedVerdict("auto_reply", _terms("out-of-office", [], ooo_terms),
                                confidence=min(0.95, 0.6 + 0.05 * ooo_score))
    if null_return:
        # People's mail always has an envelope sender; only machines send with a null one.
        if bulk_score >= 2:
            return AutomatedVerdict("bulk", ["null Return-Path <>"] + bulk_reasons, bulk_score, newsletter_terms)
        return AutomatedVerdict("auto_reply", ["null Return-Path <> (machine-generated)"])
    if "x-auto-response-suppress" in h:
        bulk_score += 1.5
        bulk_reasons.append(f"X-Auto-Response-Suppress: {h['x-auto-response-suppress']}")

    # 4. Bulk: headers and newsletter markers add up; a personal request stays human.
    # A newsletter the office subscribes to may say "register now": its own markers outweigh
    # a little spam wording.
    newsletter = len(newsletter_terms) >= 3 and spam_score < SURE_SPAM_WORDING + 2
    list_post = spam_score < LIST_SPAM_WORDING and is_list_post(h)
    # A mailing tool's footer ("unsubscribe", "you are receiving this because") under a
    # letter that asks us something clearly (an inquiry score of 6) is a person's use of the tool.
    # A mailing service's headers come together (X-Mc-User, List-Unsubscribe, Precedence:
    # bulk, its X-Mailer): past the first few they say the same thing once more, so they
    # raise the bar a little. A discussion list's post is list mail however it is worded.
    # A campaign tool stamps its own List-Id on a one-off letter too: only a discussion list's post (no
    # campaign tool's mark) raises the bar with every header. (Elsewhere a campaign's List-Id still counts as a
    # list's: newsletters and their prices read as list mail, not as a person's marketing.)
    discussion = is_list_post(h) and _mass_mailer(h) is None
    headers = max(0.0, bulk_score - 3) if discussion else min(1.0, max(0.0, bulk_score - 3))
    # The tool's own footer ("unsubscribe", "you are receiving this because") is one piece
    # of evidence however many of its phrases it has: a one-off letter carries it too.
    content = [t for t in newsletter_terms if not _FOOTER_TERM.search(t)]
    terms = len(content) + (len(content) < len(newsletter_terms))
    personal = not declared and asks and inquiry_score >= 4 + headers / 2 and (
        terms <= 1 or (terms <= 2 and inquiry_score >= 6 + headers))
    if bulk_score >= 2 and (spam_score < SURE_SPAM_WORDING or newsletter or list_post):
        if personal:
            return AutomatedVerdict(None, [f"bulk-mail signals ({'; '.join(bulk_reasons)}) but it reads as a personal request"],
                                    bulk_score, newsletter_terms, rescued=True)
        if declared and not is_list_post(h) and not content:
            # A system's acknowledgement from a no-reply address, not a newsletter.
            return AutomatedVerdict("auto_reply", [f"says a machine wrote it: {declared[0][1]!r}"] + bulk_reasons,
                                    bulk_score, newsletter_terms, confidence=0.95)
        return AutomatedVerdict("bulk", bulk_reasons, bulk_score, newsletter_terms,
                                confidence=min(0.99, 0.6 + 0.08 * bulk_score))
    local = (msg.from_email or "").split("@")[0].lower()
    if bulk_score >= 2 and personal and _mass_mailer(h) is not None and not (local and rules.noreply_senders.search(local)):
        # Spam wording beside a personal request sent with a mailing tool ("Apologies that this comes from our mailing
        # platform", its "unsubscribe" footer): the words decide between spam and the request, not the headers. (Not from
        # a no-reply address: a "shared file" or a meeting's notice there is a machine's, however personal it reads.)
        return AutomatedVerdict(None, [f"bulk-mail signals ({'; '.join(bulk_reasons)}) but it reads as a personal request"],
                                bulk_score, newsletter_terms, rescued=True)
    if bulk_score >= 2:
        return AutomatedVerdict(None, bulk_reasons, bulk_score, newsletter_terms, bulk_unless_spam=True,
                                confidence=min(0.99, 0.6 + 0.08 * bulk_score))
    return AutomatedVerdict(None, [], bulk_score, newsletter_terms)


def _terms(what: str, subject_hits: list[str], body_terms: list[str]) -> list[str]:
    out = []
    if subject_hits:
        out.append(f"{what} subject {subject_hits[0]!r}")
    if body_terms:
        out.append(f"{what} phrases in body: " + ", ".join(repr(t) for t in body_terms[:3]))
    return out


def _bulk_evidence(msg: ParsedMessage, rules: Rules, own: str, *, letter: bool) -> tuple[float, list[str], list[str]]:
    """``letter``: it asks us something or answers us (a shared mailbox's letter, not its bulletin)."""
    h = msg.headers
    score = 0.0
    reasons: list[str] = []
    for name, weight in rules.bulk_headers.items():
        if name in h:
            score += weight
            reasons.append(f"{name.title()} header")
    precedence = h.get("precedence", h.get("x-precedence", "")).strip().lower()
    if precedence in ("bulk", "list", "junk"):
        # "bulk" alone is not enough: forwarders and vacation responders stamp it on people's mail.
        score += 1 if precedence == "bulk" else 2
        reasons.append(f"Precedence: {precedence}")
    if mailer := _mass_mailer(h):
        score += 1
        reasons.append(f"sent with a mass-mailing tool ({mailer[:40]})")
    for header in ("sender", "return-path"):
        address = h.get(header, "").strip().strip("<>").strip()
        if not address or address.upper().startswith(("SRS0=", "SRS1=")):  # forwarding, not a list
            continue
        if _LIST_SENDER.search(address) or _ESP_DOMAIN.search(address):
            score += 1
            reasons.append(f"{header.title()} of a list or mailing service ({address[:60]})")
            break
    local = (msg.from_email or "").split("@")[0].lower()
    if local and (rules.noreply_senders.search(local) or (not letter and rules.shared_senders.search(local))):
        score += 2
        reasons.append(f"no-reply sender {msg.from_email}")
    machine = h.get("return-path", "").strip("<> ").split("@")[0].lower()
    if machine in _MACHINE_ACCOUNTS or local in _MACHINE_ACCOUNTS:
        score += 2
        reasons.append(f"sent by a system account ({machine if machine in _MACHINE_ACCOUNTS else local})")
    recipients = len(msg.to) + len(msg.cc)
    if recipients >= 5:
        score += 1
        reasons.append(f"{recipients} recipients")
    newsletter_score, newsletter_terms = rules.newsletter_body.score(head_and_tail(own, 3_000, 1_000))
    if newsletter_score:
        score += min(newsletter_score, 4) * 0.75
        reasons.append("newsletter wording: " + ", ".join(repr(t) for t in newsletter_terms[:3]))
    return score, reasons, newsletter_terms


__all__ = ["AutomatedVerdict", "detect_automated", "is_list_post"]
