"""The triage decision for one parsed message: pure, fast, explained.

Order of work: split the body (own words / signature / quoted or forwarded history); decide
whether a machine sent it; weigh the spam filters' verdicts (upstream headers, and spamd's when
the caller passes it); detect the language of the sender's own words; score the categories
(rules, blended with a learned model when one is given); read the deadline; set the priority.
Each stage is a function below and appends the reasons that decided it to ``explanation``.
"""

from __future__ import annotations

import dataclasses

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from mediadesk.settings import Settings, get_settings
from mediadesk.worker.forms import EMAIL_RE, as_submitted, find_share_note, find_submission
from mediadesk.worker.parsing import ParsedMessage
from mediadesk.worker.triage.automated import AutomatedVerdict, detect_automated, is_list_post, mailing_footer
from mediadesk.worker.triage.acronym import addressed_elsewhere, other_body
from mediadesk.worker.triage.category import SURE_GENERAL, CategoryScores, combine, score_categories
from mediadesk.worker.triage.deadline import Deadline, find_deadline, find_deadline_other, history_date, says_no_date_at_all, says_no_rush
from mediadesk.worker.triage.deadline_east import find_deadline_east, find_deadline_relative
from mediadesk.worker.triage.impersonation import lookalike_domains, service_lookalike
from mediadesk.worker.triage.language import detect_language
from mediadesk.worker.triage.rules import INQUIRY_CATEGORIES, LITERALS, Rules, load_rules
from mediadesk.worker.triage.spam import SpamVerdict, upstream_verdicts
from mediadesk.worker.triage.text import HEAD_CHARS, TAIL_CHARS, head_and_tail, is_attribution, normalize, signed_off, split_body

LOW_CATEGORIES = ("general", "spam", "automated")
GRAMMAR_LANGUAGES = ("ar", "en", "fr")
_NON_LETTERS_RE = re.compile(r"[\W\d_]+")


@dataclass(frozen=True)
class TriageDecision:
    category: str
    confidence: float
    automated_kind: str | None
    language: str | None
    language_confidence: float
    deadline: datetime | None
    priority: str
    explanation: list[str] = field(default_factory=list)
    # The deadline as the sender stated it (date, time, zone named): drafting restates it in
    # their terms without reading the message again. Not part of the decision's value.
    stated: Deadline | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict:
        return {
            "category": self.category,
            "confidence": round(self.confidence, 3),
            "automated_kind": self.automated_kind,
            "language": self.language,
            "language_confidence": round(self.language_confidence, 3),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "priority": self.priority,
            "explanation": list(self.explanation),
        }



# The learned model's own spam probability from which it may call spam what the rules do not.
SURE_MODEL_SPAM = 0.85
# The rules' spam score from which the model cannot talk triage out of spam.
SURE_RULES_SPAM = 3.0
# What a domain dressed as the office's adds to spam: as much as the spam wording that outweighs the inquiry words
# a phish borrows (SPAM_OUTWEIGHS), so its "approved allowance scale" is not an accreditation.
LOOKALIKE_SPAM = 6.0
# The rules' spam score that no inquiry wording outweighs: a price (6) or two ordinary spam
# marks. Genuine letters of the tuning sets stay below 6 (a speaker's fee, "sponsored").
SPAM_OUTWEIGHS = 6.0
# The inquiry score from which the rules are sure enough of a press inquiry that the model
# alone (without the rules' spam wording) does not call it spam: a model trained on marks in
# which press inquiries are rare takes their wording ("please remove", "correction") for spam's.
SURE_INQUIRY = 6.0
# How far above its threshold a filter's "spam" on a discussion-list post must be to make it
# spam rather than list mail (bulk).
FILTER_LIST_MARGIN = 5.0
# What an HTML-only body adds to the spam score of a message that already has spam wording.
HTML_ONLY_SPAM = 1.5
# What a body that no person wrote as a letter adds to the spam score (when nothing asks us for
# anything): enough to be spam alone.
MACHINE_BODY_SPAM = 3.5
# An HTML body with fewer letters than this shows an image or a link, not a letter.
MIN_HTML_LETTERS = 40
# The share of a text's characters that, unreadable, make it a mailer's.
UNREADABLE_SHARE = 0.3
# Replacement characters, control bytes, and the Latin-1 signs and letters that a double-byte
# charset read as Latin-1 is made of (a Latin-script language uses some accents, not a third).
_UNREADABLE_RE = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xa1-\xbf\xc0-\xff]")
UNREADABLE = "(undecodable text)"
_LINK_RE = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
_URL_RE = re.compile(r"(?:https?://|\bwww\.)\S*", re.IGNORECASE)
# A letter has more words than a greeting: below this many letters beside a link or an archive,
# the link or the archive is the message.
MIN_LETTER_LETTERS = 15
# Attachments a stranger's empty letter carries to be opened: archives, web pages, programs.
_OPENED_ATTACHMENT_RE = re.compile(r"\.(?:zip|rar|7z|gz|tgz|iso|img|htm|html|shtml|js|exe|scr|bat|cmd|vbs|jar|lnk)$", re.IGNORECASE)
MAX_TEXT = 40_000
AUTOMATED_CHARS = 6_000


def _add(scores, category: str, weight: float, *terms: str):
    """``scores`` with ``weight`` more for ``category`` and the ``terms`` that earned it."""
    return dataclasses.replace(scores, scores={**scores.scores, category: scores.scores[category] + weight},
                               terms={**scores.terms, category: [*scores.terms[category], *terms]})


def _machine_body(msg: ParsedMessage, own: str) -> str | None:
    """Why the body is a mailer's, not a person's letter, if it is.

    * HTML with (almost) no visible words, links or images on the web and nothing attached:
      the image or the link is the message (image-only spam, markup broken on purpose);
    * text that is mostly undecodable (replacement characters, control bytes, a charset read
      as another: GB2312 or Big5 shown as Latin-1) around a web link;
    * a link, or an archive or web page attached, with hardly a word of a letter.
    """
    letters = len(_NON_LETTERS_RE.sub("", own))
    if (msg.html_only and letters < MIN_HTML_LETTERS and msg.html_remote
            and not any(a.filename for a in msg.attachments)):
        return "(HTML with almost no text)"
    if len(msg.subject.split()) <= 3 and len(_NON_LETTERS_RE.sub("", _URL_RE.sub(" ", own))) < MIN_LETTER_LETTERS:
        # A web address or an archive with no letter around it and a subject of a word or two
        # ("Document partagé", none): what phishing sends. A person who shares a link or a file
        # without a word says in the subject what it is.
        if _LINK_RE.search(own):
            return "(a link and no letter)"
        if any(a.filename and _OPENED_ATTACHMENT_RE.search(a.filename) for a in msg.attachments):
            return "(an archive or a web page attached, and no letter)"
    sample = "".join(own[:4_000].split())
    if (len(sample) >= 40 and _LINK_RE.search(own)
            and len(_UNREADABLE_RE.findall(sample)) >= UNREADABLE_SHARE * len(sample)):
        # A web address to go to, in a text nobody can read: what a mailer sends.
        return UNREADABLE
    return None


def _other_business(rules: Rules, text: str, present: frozenset[str], patterns=None) -> list[str]:
    """The words of another body's own business in ``text`` (a patient's appointment, a tenant's lease; or
    ``patterns``' words), unless the letter also names the office's subject matter: then it may be ours after all."""
    found = [term for _, term in (rules.other_business if patterns is None else patterns).matches(text, present)]
    if found and rules.other_business_unless is not None:
        # "السادة / التحالف الإسلامي العسكري لمحاربة الإرهاب": greeting the office by its name says nothing of the subject.
        if rules.other_business_unless.search(rules.office_name.sub(" ", text) if rules.office_name else text):
            return []
    return found


def _spam_decision(confidence: float, source: str, why: str, guess, explanation: list[str]) -> TriageDecision:
    """Spam decided before the category is scored (a filter's verdict, a phish's costume, a mass mailing's price)."""
    explanation.insert(0, f"category: spam ({confidence:g}, {source}) — {why}")
    explanation.append("priority: low (spam)")
    return TriageDecision("spam", confidence, None, guess.code, guess.confidence, None, "low", explanation)


def _office_order(rules: Rules, text: str) -> str | None:
    """The words by which a supplier's quotation or invoice names the office's own request, order or agreement
    ("vielen Dank für Ihre Anfrage vom"), when the letter carries such terms and changes no bank account."""
    if rules.order_references is None or rules.order_paperwork is None:
        return None
    found = rules.order_references.search(text)
    if not found or not rules.order_paperwork.search(text) or (rules.order_unless and rules.order_unless.search(text)):
        return None
    return found.group(0).strip()


def _lookalike(msg: ParsedMessage, parts, rules: Rules, settings: Settings, combined: str,
               present: frozenset[str]) -> list[str]:
    """Hosts dressed as the office's own in the sender's address, their Reply-To or their own words (not in
    what they forward or quote), unless the sender asks whether that offer is genuine."""
    if not rules.own_acronyms:
        return []
    internal = tuple(settings.internal_domains)
    found = lookalike_domains(f"{msg.from_email or ''}\n{msg.headers.get('reply-to', '')}", rules.own_acronyms, internal,
                              subdomains=True)
    found += [h for h in lookalike_domains(parts.own, rules.own_acronyms, internal) if h not in found]
    if found and rules.scam_report.matches(combined, present):
        return []  # "is imctc-awards.org yours?": the sender reports it
    return found


def _office_tz(settings: Settings):
    try:
        return ZoneInfo(settings.timezone)
    except Exception:  # an invalid zone name must not stop triage; UTC is explicit
        return timezone.utc


def message_text(msg: ParsedMessage) -> str:
    """The text a model learns from and classifies: subject and the sender's own words.

    Stored as ``LabelledExample.text`` when the team corrects a category, so training sees
    exactly what triage sees.
    """
    return _model_text(msg, split_body(msg.text, msg.subject))


def _model_text(msg: ParsedMessage, parts) -> str:
    body = parts.own + ("\n" + parts.history if parts.forwarded else "")
    return f"{msg.subject}\n{body}".strip()


def triage(
    msg: ParsedMessage,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    model=None,
    rules: Rules | None = None,
    spam_check: SpamVerdict | None = None,
) -> TriageDecision:
    """Triage one message.

    Args:
        msg: the parsed message.
        settings: office time zone, languages and rules file; ``get_settings()`` when None.
        now: the time relative deadlines count from when the message has no Date header.
        model: a model from ``learning.load_model``; its probabilities are blended with the rules.
        rules: compiled rules (default: ``settings.rules_file`` or the shipped rules.yaml).
        spam_check: spamd's verdict on this message (``spam.check_spamd``, run by the caller:
            triage does no I/O); one with ``spam=None`` (spamd did not answer) is explained only.
    """
    settings = settings or get_settings()
    rules = rules or load_rules(settings.rules_file)
    if len(msg.text) > MAX_TEXT:
        # What decides triage is in the first pages; bounding the text bounds the regex work.
        msg = dataclasses.replace(msg, text=msg.text[:MAX_TEXT])
    explanation: list[str] = []
    submission = find_submission(msg)
    if submission is not None:
        # A website form's notification: the person's fields are the letter, not the form mailer's headers.
        msg = as_submitted(msg, submission)
        explanation.append(f"a website form's notification: the submitter's own fields are read (from {submission.email})")
    elif (shared := find_share_note(msg)) is not None:
        # A person's note on a Google document shared with the office: the note is their letter, the title its subject.
        msg = as_submitted(msg, shared, subject=shared.subject)
        explanation.append(f"a document shared through Google Drive: the sharer's note is read (from {shared.email})")

    parts = split_body(msg.text, msg.subject)
    subject_n = normalize(msg.subject)
    # The rules read at most the first 3,000 and last 1,000 characters of the sender's words
    # (head_and_tail below and in detect_automated): only those are normalised, with a margin
    # for NFKC changing lengths.
    own_n = normalize(head_and_tail(parts.own, 3_200, 1_200))
    history_n = normalize(head_and_tail(parts.history, 1_200, 700)) if parts.history else ""
    request_n = own_n + ("\n" + history_n if parts.forwarded else "")
    if not own_n.strip() and parts.history:
        request_n = history_n
    names = [a.filename for a in msg.attachments if a.filename][:10]
    if names:
        # "CV.pdf", "carte_presse.pdf", "questions_interview.docx" say what the letter is about.
        request_n += "\n" + normalize(" ".join(re.sub(r"[_.\-]+", " ", n) for n in names))

    wide_n = request_n
    if parts.history and not parts.forwarded and not (msg.in_reply_to or msg.references
                                                      or rules.human_reply_prefix.search(subject_n)):
        # A message that answers none of ours quotes nothing: what follows its "____" rule or
        # "--" line is its own footer, where a mailer puts its opt-out and its prices.
        wide_n = normalize(head_and_tail(msg.text, 3_200, 1_200))
    request_n = head_and_tail(request_n)
    scores = score_categories(rules, subject_n, request_n, spam_text=wide_n)
    if (history_n and not parts.forwarded and scores.inquiry_score < rules.min_score and not scores.scores["spam"]
            and scores.scores["general"] < SURE_GENERAL and _quotes_own_letter(parts.history, msg)):
        # A follow-up above the sender's own request ("the editor moved it to tomorrow's issue: we need
        # the answers today", "any news?") continues that request: it is what they ask for.
        earlier = score_categories(rules, "", history_n)
        if earlier.inquiry_score >= rules.min_score:
            scores = CategoryScores({c: max(v, earlier.scores[c]) if c in INQUIRY_CATEGORIES else v
                                     for c, v in scores.scores.items()},
                                    {c: scores.terms[c] + earlier.terms[c] for c in scores.terms},
                                    scores.media_identity + earlier.media_identity, scores.hits + earlier.hits)
            explanation.append("a follow-up on the sender's own earlier request (quoted): its request counts")
    if rules.own_acronyms and rules.own_words is not None and rules.other_body_weight:
        other = other_body(msg.subject + "\n" + (parts.own or msg.text), rules.own_acronyms, rules.own_words)
        elsewhere = None if other else addressed_elsewhere(parts.own or msg.text, rules.own_acronyms
                                                           + _office_names(settings, msg.to), rules.own_words)
        if elsewhere:
            scores = _add(scores, "general", rules.other_body_weight, elsewhere)
            explanation.append(f"the greeting names another body's press office ({elsewhere!r}): mail meant for that body")
        if other:
            scores = _add(scores, "general", rules.other_body_weight, other)
            explanation.append(f"the office's acronym spelt out as another body's name ({other!r}): mail meant for that body")
    combined = combine(subject_n, request_n)
    present = LITERALS.present(combined)  # remembered from scoring; holds request_n's words too
    order = _office_order(rules, combined) if rules.other_business_weight else None
    if order:
        # A supplier's quotation or invoice for the office's own order: the supplier's business, whoever the letter
        # names (journalists at the breakfast it caters).
        scores = _add(scores, "general", rules.other_business_weight, order)
        explanation.append(f"a supplier's paperwork for the office's own order ({order!r})")
    elif rules.other_business_weight and not scores.media_identity:
        business = _other_business(rules, combined, present)
        if business:
            scores = _add(scores, "general", rules.other_business_weight, *business)
            explanation.append(f"another body's own business ({', '.join(repr(t) for t in business[:2])}): "
                               "mail meant for that body")
        complaint = scores.scores["correction_complaint"]
        if 0 < complaint >= max(scores.scores.values()) and (grievance := _other_business(rules, combined, present,
                                                                                          rules.other_grievance)):
            # "Lost baggage on flight FW 764 … compensation within 7 days": the complaint is about that body's
            # service, not about the office; its wording counts for general.
            scores = _add(scores, "general", complaint - scores.scores["general"] + rules.other_business_weight, *grievance)
            explanation.append(f"a customer's grievance about another body's service ({grievance[0]!r}): mail meant "
                               "for that body")
    if msg.html_only and scores.scores["spam"] > 0:
        # A letter with no text part at all is rare from a person, common from a spammer: it
        # adds to spam wording already found, never makes spam alone.
        scores = _add(scores, "spam", HTML_ONLY_SPAM, "(HTML only)")
    machine = _machine_body(msg, parts.own or msg.text)
    if machine and (machine == UNREADABLE or scores.inquiry_score < rules.min_score):
        # What a mailer made and no person wrote as a letter: spam, unless (for an HTML body
        # with hardly a word) the subject asks us for something; readable words in an
        # undecodable text still compete with it.
        scores = _add(scores, "spam", MACHINE_BODY_SPAM, machine)
    asks = bool(rules.request_cues.matches(request_n, present))
    lookalike = _lookalike(msg, parts, rules, settings, combined, present)
    if lookalike:
        scores = _add(scores, "spam", LOOKALIKE_SPAM, lookalike[0])
        explanation.append(f"from or linking to a domain dressed as the office's ({lookalike[0]!r}): phishing's mark")
    dressed = next(filter(None, (service_lookalike(a) for a in (msg.from_email or "", msg.headers.get("reply-to", "")))), None)
    if dressed and not rules.scam_report.matches(combined, present):
        # "DHL", "DocuSign", "LinkedIn" notices from a domain that is not the service's: phishing, whatever it says.
        scores = _add(scores, "spam", LOOKALIKE_SPAM, dressed)
        explanation.append(f"from a domain dressed as a known service's ({dressed!r}): phishing's mark")

    # 1. Automated? A person's letter above a mailing or ticketing tool's footer ("Sent with Brevo … unsubscribe",
    # a newsletter tool's "you are receiving this because"): the tool's footer is the tool's, not the sender's
    # words, so neither its opt-out nor its "you receive this because" counts as theirs.
    # Read so only when that makes it a person's letter: a mailing's own wording above the footer decides otherwise.
    body_n = normalize(msg.text[:AUTOMATED_CHARS])
    verdict = detect_automated(msg, rules, subject=subject_n, own=own_n, body=body_n, inquiry_score=scores.inquiry_score,
                               asks=asks, spam_score=scores.scores["spam"])
    letter = _above_tool_footer(rules, parts.own)
    footless = score_categories(rules, subject_n, normalize(head_and_tail(letter))) if letter is not None else None
    if footless is not None and not verdict.rescued:
        above = detect_automated(msg, rules, subject=subject_n, own=normalize(head_and_tail(letter, 3_200, 1_200)),
                                 body=body_n, inquiry_score=scores.inquiry_score, asks=asks,
                                 spam_score=min(scores.scores["spam"], footless.scores["spam"]))
        verdict = above if above.rescued else verdict

    # 2. Spam filters' verdicts.
    spam_verdicts, filter_notes = _filter_verdicts(msg, settings, spam_check)
    if verdict.kind is None and any(v.bulk for v in spam_verdicts):
        bulk = [v for v in spam_verdicts if v.bulk]
        verdict = AutomatedVerdict("bulk", ["filter upstream calls it bulk: " + "; ".join(v.describe() for v in bulk)],
                                   confidence=0.9)

    # 3. Language of the sender's own words.
    guess = _language(msg, parts, rules, settings)
    explanation.append(f"language: {guess.code} (confidence {guess.confidence:.2f})" if guess.code
                       else "language: undetermined (no text)")
    explanation.extend(filter_notes)

    # 4. Category.
    spam = [v for v in spam_verdicts if v.spam]
    if spam and verdict.kind == "bulk" and is_list_post(msg.headers) and all(
            v.score is not None and v.threshold is not None and v.score < v.threshold + FILTER_LIST_MARGIN for v in spam):
        # A list post the rules call bulk, a filter's "spam" near its threshold: lists rewrite
        # senders and headers, which filters score (FREEMAIL_FORGED_FROMDOMAIN). Bulk: out of the
        # queue either way, and not counted as a person's mail called spam.
        explanation.append("filter calls this list post spam, near its threshold: list mail (bulk) — "
                           + "; ".join(v.describe() for v in spam))
        spam = []
    if spam and verdict.kind in (None, "bulk"):
        # A filter's "spam" wins over bulk (both are ignored; spam is the stronger claim), not
        # over a bounce or an auto-reply, whose kind matters.
        return _spam_decision(0.99, "filter", "; ".join(v.describe() for v in spam), guess, explanation)
    if verdict.kind is not None and lookalike:
        # A "mailbox full" notice, a "shared file", a bounce listing held messages, from or linking to a
        # domain dressed as the office's: a machine's form is phishing's costume.
        return _spam_decision(0.95, "rules", f"a {verdict.kind} notice from or linking to a domain dressed as the "
                                             f"office's ({lookalike[0]!r})", guess, explanation)
    # What a notice or a mailing says of itself, for the checks below: its subject and its own words.
    notice = f"{subject_n}\n{own_n or normalize(head_and_tail(msg.text))}" if verdict.kind in ("auto_reply", "bulk") else ""
    if verdict.kind == "bulk" and rules.bulk_price is not None and not is_list_post(msg.headers) and len(
            verdict.newsletter_content) < 2 and (price := rules.bulk_price.search(notice)):
        # A newsletter informs, a notice notifies; a mass mailing that quotes a price sells (the schema's spam).
        # One that says it is a newsletter ("stories for …", "in this issue") may quote a price in a story.
        return _spam_decision(0.9, "rules", f"a mass mailing that quotes a price ({price.group(0).strip()!r}): marketing; "
                                            + "; ".join(verdict.reasons), guess, explanation)
    if notice and rules.expiry_threat is not None and (threat := rules.expiry_threat.search(notice)):
        # A notice's form that threatens to expire a link within hours or to delete an account: phishing's pressure.
        return _spam_decision(0.9, "rules", f"a notice that threatens ({threat.group(0).strip()!r}): phishing in a machine's "
                                            "form; " + "; ".join(verdict.reasons), guess, explanation)
    if verdict.kind is not None:
        explanation.insert(0, f"automated: {verdict.kind} — " + "; ".join(verdict.reasons))
        return TriageDecision("automated", verdict.confidence, verdict.kind, guess.code, guess.confidence, None, "low",
                              explanation)
    if verdict.rescued:
        explanation.extend(verdict.reasons)
        if footless is not None and footless.scores["spam"] < scores.scores["spam"]:
            # The sender's words decide spam, not the opt-out of the tool they sent it with.
            scores = CategoryScores(scores.scores | {"spam": footless.scores["spam"]},
                                    scores.terms | {"spam": footless.terms["spam"]}, scores.media_identity,
                                    tuple(h for h in scores.hits if h[0] != "spam")
                                    + tuple(h for h in footless.hits if h[0] == "spam"))
            explanation.append("the mailing tool's footer is the tool's: its opt-out is not the sender's")

    # The rules see a press inquiry: the sender presents as press, or an inquiry category scores
    # high. The model alone does not make that spam.
    inquiry = bool(scores.media_identity) or scores.inquiry_score >= SURE_INQUIRY
    category, confidence, source, model_spam = _category(msg, parts, scores, model, explanation, inquiry,
                                                         base_weight=settings.base_model_weight, language=guess.code)
    if verdict.bulk_unless_spam and category == "partnership_speaking":
        # A "speaking slot" or "media partnership" a mass mailer sends with a pitch's wording (a
        # price, "secure your slot") is sold, not offered: marketing, which the schema calls spam.
        explanation.append("a partnership or speaking offer from a mass mailer (" + "; ".join(verdict.reasons[:3])
                           + ") with spam wording: marketing")
        category, source = "spam", "rules"
    if verdict.bulk_unless_spam and category != "spam":
        # Mass mail whose spam wording did not make it spam: bulk, as its headers say.
        explanation.insert(0, "automated: bulk — " + "; ".join(verdict.reasons))
        return TriageDecision("automated", verdict.confidence, "bulk", guess.code, guess.confidence, None, "low",
                              explanation)
    explanation.insert(0, _category_reason(category, confidence, source, scores, rules, model_spam))
    if scores.media_identity and category in INQUIRY_CATEGORIES:
        explanation.append("sender presents as press: " + ", ".join(repr(t) for t in scores.media_identity[:2]))
    if category in LOW_CATEGORIES:
        explanation.append(f"priority: low ({category})")
        return TriageDecision(category, confidence, None, guess.code, guess.confidence, None, "low", explanation)

    # 5. Deadline and priority.
    found, priority = _deadline_and_priority(msg, parts, guess.code, settings, now, rules, combined, present,
                                                explanation)
    return TriageDecision(category, confidence, None, guess.code, guess.confidence, found.at if found else None,
                          priority, explanation, stated=found)


def _office_names(settings: Settings, to: tuple[str, ...]) -> tuple[str, ...]:
    """The office's own names beside the rules' acronyms, upper-cased: the words of MEDIADESK_ORGANISATION ("GIMS") and
    the domain names of its media address and of the addresses the letter was sent to ("imctc" of media@imctc.org)."""
    words = re.findall(r"[^\W\d_][\w&'’-]*", settings.organisation or "")
    words += [a.split("@", 1)[1].split(".")[0] for a in (settings.media_address or "", *to) if "@" in a]
    return tuple(w.upper() for w in words if len(w) > 2)


# Where a tool's footer starts: a rule line ("--", "-----", "=====", "_____"), else the last blank line.
_RULE_LINE = re.compile(r"^[ \t]*(?:--|__+|—+|-{3,}|={3,})[ \t]*$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The tool signs its footer: "Sent with Brevo", "Envoyé avec Sendinblue", "Enviado con Mailchimp", "أُرسلت عبر".
_TOOL_SIGNED = re.compile(r"\b(?:(?:sent|delivered|envoy[ée]e?|enviad[oa]|inviat[oa]|gesendet|verschickt|verzonden|"
                          r"أ?رسلت|ارسلت)\s+(?:with|via|using|through|avec|par|con|mit|über|por|met|عبر|باستخدام)|powered\s+by|"
                          r"propuls[ée]\s+par|r[ée]alis[ée]\s+avec)\s+\w", re.IGNORECASE)
FOOTER_CHARS = 1_500  # a tool's footer is a few lines; what starts further up is the mailing itself


def _above_tool_footer(rules: Rules, own: str) -> str | None:
    """The sender's letter above a mailing tool's footer (its last part, after a rule line or else a blank line,
    with the tool's opt-out wording), when the tool signs the footer or a person signed off just above it; None
    when the letter ends otherwise. (A pitch's own "you received this because …", with nobody's sign-off above
    it, is its sender's and stays.)"""
    own = own.rstrip()
    near = len(own) - FOOTER_CHARS
    starts = [m.start() for m in _RULE_LINE.finditer(own) if m.start() >= near] \
        or [m.start() for m in _BLANK_LINE.finditer(own) if m.start() >= near][-1:]
    for start in starts:  # the first rule line of the footer, which may have several
        head, tail = own[:start], own[start:]
        if head.strip() and mailing_footer(rules, normalize(tail)) and (_TOOL_SIGNED.search(tail) or signed_off(head[-2_000:])):
            return head
    return None


# The rules' lead (top category over the next, in pattern weight) from which the base model
# does not weigh in: one ordinary pattern (3). Chosen among 1, 1.5, 2, 3 and none on the
# unseen sets B, C, F, H, K, N and Q together; set R measures it (README, Triage figures).
RULES_CLEAR_MARGIN = 3.0
# Nor on a message shorter than this many words (chosen the same way among 0, 30, 40, 50).
BASE_MIN_WORDS = 30


def _category(msg: ParsedMessage, parts, scores, model, explanation: list[str],
              inquiry: bool = False, *, base_weight: float = 0.0,
              language: str | None = None) -> tuple[str, float, str, float]:
    """The category by the rules' scores, blended with the packaged base model (at
    ``base_weight``) and then with the team's model when there is one.

    ``inquiry``: the rules see a press inquiry; the model alone then never calls it spam (a
    model trained on marks in one language takes another language's words for spam's).
    ``language``: the detected language; the base model weighs in only on those it learnt.

    Returns (category, confidence, source, the model's own spam probability).
    """
    rule_probs = probs = scores.probabilities()
    rules_top = max(rule_probs, key=rule_probs.get)
    spam_score = scores.scores["spam"]
    if spam_score >= SPAM_OUTWEIGHS and rules_top not in ("spam", "general", "correction_complaint"):
        # A price quoted to the office, or several marks of unwanted mail: spam dressed as an
        # inquiry borrows an inquiry's words ("interview request", "accreditation"), so they do
        # not outweigh it. A person who quotes such mail to ask about it (general), or who asks
        # to be taken off a list or complains of a fee (a complaint), uses spam's words in turn.
        explanation.append(f"spam wording worth {spam_score:g} outweighs the {rules_top} wording it borrows")
        return "spam", max(rule_probs["spam"], 0.6), "rules", 0.0
    source = "rules"
    text = _model_text(msg, parts)
    base = None
    first, second = sorted(scores.scores.values(), reverse=True)[:2]
    if base_weight > 0 and rules_top != "spam" and first - second < RULES_CLEAR_MARGIN:
        # Where the rules are clear (ahead by an ordinary pattern's weight) they decide; where
        # they nearly tie, or nothing of theirs matched, the base model weighs in. Spam or not
        # stays the rules' call (tuned on public spam corpora as well as on press mail): the
        # base model weighs what a person is asking, never whether it is spam.
        from mediadesk.worker.triage.learning import base_model

        base = base_model()
        if base is not None and language not in base.get("languages", ()):
            base = None  # it learnt from too few letters in this language to judge them
        if base is not None and len(text.split()) < BASE_MIN_WORDS:
            base = None  # it learnt from letters: a line or two is the rules' to read
        if base is not None and rules_top == "general" and scores.scores["general"] >= SURE_GENERAL \
                and not scores.media_identity:
            base = None  # who is asking (a student, an applicant, a citizen) is the rules' to say
    if base is not None:
        from mediadesk.worker.triage.learning import blend, predict_proba

        # Phrasings no rule names yet: a text model trained on mediadesk's labelled sets weighs
        # the human categories (blend renormalises it over them); machines and spam stay with the rules.
        base_probs = {c: p for c, p in predict_proba(base, text).items() if c in probs and c != "spam"}
        if base_probs:
            total = sum(base_probs.values()) or 1.0
            probs = blend(probs, base_probs, base_weight)
            source = "rules + base model"
            top_base = max(base_probs, key=base_probs.get)
            explanation.append(f"base model: {top_base} ({base_probs[top_base] / total:.2f}, weight {base_weight:.2f})")
    model_spam = 0.0
    top_model = None
    scorer_sure = False
    familiar_words = True
    rules_spam = max(probs, key=probs.get) == "spam" and spam_score >= SURE_RULES_SPAM
    if model is not None:
        from mediadesk.worker.triage.learning import (MODEL_LEANS_SPAM, SPAM_FAMILIAR, blend, blend_weight,
                                                      predict_proba, spam_opinion, spam_threshold)

        # Automated detection stays with the rules: the model only weighs the human categories.
        model_probs = {c: p for c, p in predict_proba(model, text, rule_probs, scores=scores).items() if c in probs}
        if model_probs:
            weight = blend_weight(model)
            total = sum(model_probs.values()) or 1.0
            probs = blend(probs, model_probs, weight)
            source = "rules + model" if base is None else "rules + base model + model"
            model_spam = model_probs.get("spam", 0.0) / total
            top_model = max(model_probs, key=model_probs.get)
            explanation.append(f"model: {top_model} ({model_probs[top_model] / total:.2f}, weight {weight:.2f})")
        opinion = spam_opinion(model, text)
        if opinion is not None:
            bayes, familiar = opinion
            threshold = spam_threshold(model)
            explanation.append(f"spam scorer (the team's marks, word by word): {bayes:.3f} / {threshold:g},"
                               f" {familiar:.0%} of its words familiar from their other marks")
            # Two models agree: the scorer is sure and the category model leans to spam; and the
            # message is in words the team's other marks show people writing.
            familiar_words = familiar >= SPAM_FAMILIAR
            scorer_sure = bayes >= threshold and model_spam >= MODEL_LEANS_SPAM and familiar_words
    category = max(probs, key=probs.get)
    # In words the team's other marks never show people writing (another language), a model has
    # learnt them from spam only: it does not call spam alone.
    model_sure = (model_spam >= SURE_MODEL_SPAM and familiar_words) or scorer_sure
    if model_sure and inquiry and spam_score < SURE_RULES_SPAM and top_model != "spam":
        explanation.append("the spam scorer would call it spam, but the rules see a press inquiry and the"
                           " category model does not put spam first: not spam")
        model_sure = scorer_sure = False
    if category == "spam" and spam_score < 3 and (source == "rules" or not model_sure):
        # Weak spam wording alone, or a model that is not sure where the rules see no spam:
        # an inquiry wrongly ignored costs more than a spam the team marks by hand.
        category = max((c for c in probs if c != "spam"), key=probs.get)
    elif rules_spam:
        category = "spam"  # strong spam wording: a model trained on a few marks does not overturn it
    elif scorer_sure and category != "spam":
        # The words of the team's spam marks, and the category model agrees it may be spam.
        return "spam", max(probs["spam"], model_spam), source, bayes
    confidence = probs[category]
    if base is not None and category == rules_top:
        # The base model agreed with the rules: its spread-out probabilities do not make the
        # rules' answer less sure (nor send it to the review queue).
        confidence = max(confidence, rule_probs[category])
    return category, confidence, source, model_spam


def _category_reason(category: str, confidence: float, source: str, scores, rules: Rules, model_spam: float) -> str:
    terms = scores.terms.get(category, [])
    if category == "general" and not terms:
        reason = "no inquiry rule scored enough" if scores.inquiry_score < rules.min_score else "general"
        return f"category: general ({confidence:.2f}, {source}) — {reason}"
    if category == "spam" and not terms:
        return (f"category: spam ({confidence:.2f}, {source}) — the model trained on the team's"
                f" spam marks is sure ({model_spam:.2f})")
    shown = ", ".join(repr(t) for t in dict.fromkeys(terms))[:300]
    return f"category: {category} ({confidence:.2f}, {source}) — matched {shown}"


def _deadline_and_priority(msg: ParsedMessage, parts, language: str | None, settings: Settings,
                           now: datetime | None, rules: Rules, combined: str, present,
                           explanation: list[str]) -> tuple[Deadline | None, str]:
    """The deadline the sender gave (as stated), and the priority it (or explicit urgency) sets."""
    base = _deadline_base(msg, settings, now)
    found = _read_deadline(msg, parts, language, base, rules)
    deadline = found.at if found else None
    hours = (deadline - base).total_seconds() / 3600 if deadline else None
    if found:
        explanation.append(
            f"deadline: {deadline.isoformat()} from {found.phrase!r} ({hours:.0f} h after the Date header"
            + ("" if msg.date else ", no Date header: counted from now") + ")"
        )

    urgent_terms = _urgency(rules, combined, present)
    if urgent_terms:
        explanation.append("priority: urgent — explicit: " + ", ".join(repr(t) for t in urgent_terms[:3]))
        return found, "urgent"
    if hours is not None and hours <= 24:
        explanation.append("priority: urgent — deadline within 24 h")
        return found, "urgent"
    if hours is not None and hours <= 72:
        explanation.append("priority: high — deadline within 72 h")
        return found, "high"
    explanation.append("priority: normal" + (" — deadline more than 72 h away" if hours is not None else ""))
    return found, "normal"



def _filter_verdicts(msg: ParsedMessage, settings: Settings,
                     spam_check: SpamVerdict | None) -> tuple[list[SpamVerdict], list[str]]:
    """The spam filters' verdicts that count, and notes for the explanation.

    Upstream headers count only when ``settings.trust_spam_headers``; a "not spam" verdict never
    outweighs our own rules (a sender can write ``X-Spam-Flag: NO`` itself), so only the spam
    and bulk verdicts are returned. spamd's verdict counts when the caller passes one.
    """
    notes: list[str] = []
    verdicts: list[SpamVerdict] = []
    if settings.trust_spam_headers:
        for v in upstream_verdicts(msg.headers):
            if v.spam or v.bulk:
                verdicts.append(v)
            else:
                notes.append(f"upstream filter: not spam — {v.describe()}")
    if spam_check is not None:
        if spam_check.spam is None:
            notes.append(f"spamd: {spam_check.reason} — the rules decide")
        elif spam_check.spam:
            verdicts.append(spam_check)
        else:
            notes.append(f"spamd: not spam — {spam_check.describe()}")
    return verdicts, notes


def _language(msg: ParsedMessage, parts, rules: Rules, settings: Settings):
    """The language of the sender's own words (the subject helps when they are few)."""
    lang_text = parts.core
    if len(_NON_LETTERS_RE.sub("", lang_text[:400])) < rules.min_letters:
        lang_text = f"{msg.subject}\n{parts.own or parts.history}"
    return detect_language(lang_text, tuple(settings.languages), rules.preferred_languages)


# A chaser ("Any update?", "Des nouvelles ?", "اي جديد؟") is a line or two over the letter it chases.
CHASER_WORDS = 12


def _quotes_own_letter(history: str, msg: ParsedMessage) -> bool:
    """Whether the quoted history opens with the sender's own earlier letter (its attribution
    names their address: "From: … <them>", "On … <them> wrote:", or their full name: "Le …, Jean Dupont a écrit :")."""
    address = (msg.from_email or "").lower()
    if address and address in history[:400].lower():
        return True
    # "Le 01/10/2026 20:33, Jean-Marc Lefèvre a écrit :": a client that names them without their address, perhaps under
    # the office's answer quoted first.
    name = " ".join((msg.from_name or "").split()).lower()
    return len(name.split()) >= 2 and any(name in " ".join(line.split()).lower() and is_attribution(line)
                                          for line in history[:1500].splitlines())


def _words_outside_addresses(text: str) -> int:
    """Words of ``text`` without the lines that name an address (an attribution line, a signature's e-mail)."""
    return sum(len(line.split()) for line in text.splitlines() if not EMAIL_RE.search(line))


def _chases_own_letter(parts, msg: ParsedMessage) -> bool:
    """Whether the letter quoted first is the sender's own (stricter than ``_quotes_own_letter``, which finds their
    request anywhere in a thread's opening): the first address named ("On … <them> wrote:", "From: them") is theirs,
    not the office's answer to them ("From: Media Office …", then "To: them"). The attribution line may be the last
    line of the sender's own words ("في الأحد، 25 أكتوبر … <them> كتبت:"); a signature's address above it is not read."""
    last_line = parts.own.rstrip().rpartition("\n")[2]
    attribution = last_line if last_line.endswith(":") else ""  # "… كتبت:", "… wrote:", "… a écrit :"
    first = EMAIL_RE.search(f"{attribution}\n{parts.history[:1500]}")
    return bool(first and msg.from_email and first.group(0).lower() == msg.from_email.lower())


def _deadline_base(msg: ParsedMessage, settings: Settings, now: datetime | None) -> datetime:
    """What relative deadlines count from: the Date header (in the sender's offset), else now."""
    return msg.date or (now or datetime.now(timezone.utc)).astimezone(_office_tz(settings))


def _read_deadline(msg: ParsedMessage, parts, language: str | None, base: datetime, rules: Rules) -> Deadline | None:
    if says_no_date_at_all(head_and_tail(parts.own)):
        return None  # "no fixed deadline: the volume is due next year": its dates are not a by-when
    found = _deadline(f"{msg.subject}\n{head_and_tail(parts.own)}", base, language)
    if found is None and len(parts.own) > HEAD_CHARS + TAIL_CHARS and parts.core and parts.core != parts.own:
        # A long letter's signature and disclaimer fill the tail the grammar reads: its own words
        # without them ("… by close of business on Thursday. Yours faithfully, …").
        found = _deadline(f"{msg.subject}\n{head_and_tail(parts.core)}", base, language)
    # A forwarded offer that the sender asks us about ("is this really yours?") keeps its own
    # "confirm by Wednesday": the offer's date, not the sender's. Nor are a forwarded newsletter's dates theirs
    # (its mailing footer), nor a forwarded letter's when they say "there's no rush - whenever you can".
    # A forward's subject is the forwarded letter's ("Fwd: guest request - live tomorrow morning"): when only the
    # subject gave a date, the letter's own by-when, sooner, is the one ("we need the confirmation before 8 pm today").
    from_subject = found is not None and parts.forwarded and _deadline(head_and_tail(parts.own), base, language) is None
    if (found is None or from_subject) and parts.forwarded and not rules.scam_report.matches(normalize(head_and_tail(parts.own))) \
            and not says_no_rush(parts.own) and not mailing_footer(rules, normalize(head_and_tail(parts.history))):
        # A forwarded request's own relative words ("by tomorrow") count from the forwarded Date.
        forwarded = _deadline(head_and_tail(parts.history), history_date(parts.history, base.tzinfo, before=base) or base, language)
        if forwarded is not None and forwarded.at >= base - timedelta(hours=1) and (found is None or forwarded.at < found.at):
            found = forwarded
    if found is None and parts.history and _words_outside_addresses(parts.own) <= CHASER_WORDS \
            and _chases_own_letter(parts, msg) \
            and not says_no_rush(parts.own):
        # "Any update?" over the sender's own request: its by-when, still ahead, is still theirs.
        earlier = _deadline(head_and_tail(parts.history), history_date(parts.history, base.tzinfo, before=base) or base, language)
        if earlier is not None and earlier.at >= base - timedelta(hours=1):
            found = earlier
    return found


def stated_deadline(msg: ParsedMessage, language: str | None, *, settings: Settings | None = None,
                    now: datetime | None = None) -> Deadline | None:
    """The deadline triage reads in ``msg``, in the sender's own terms (date, time, zone named).

    For a caller that has the message but not the triage decision: drafting reads it again to
    restate it as the sender gave it, while ``ticket.deadline`` keeps only the instant.

    Args:
        language: the ticket's language (as triage detected it).
        now: as for ``triage``: relative deadlines count from it when there is no Date header.
    """
    settings = settings or get_settings()
    if len(msg.text) > MAX_TEXT:
        msg = dataclasses.replace(msg, text=msg.text[:MAX_TEXT])
    return _read_deadline(msg, split_body(msg.text, msg.subject), language, _deadline_base(msg, settings, now),
                          load_rules(settings.rules_file))


def _deadline(text: str, base: datetime, language: str | None):
    # Chinese, Japanese, Korean, Thai, Vietnamese, Tagalog, Hindi, Tamil and Central Asian Turkic dates are read apart,
    # whatever language was detected (an Uzbek letter reads as Turkish, a Kyrgyz one as Russian).
    found = find_deadline(text, base, language=language) or find_deadline_east(text, base)
    if found is not None and found.has_time and _CLOCK_ONLY_RE.fullmatch(found.phrase) \
            and found.at.date() == base.astimezone(found.at.tzinfo).date():
        # "24-noyabr soat 12:00 gacha": the grammar reads the hour alone (today's); the reader of the day's cue has both.
        east = find_deadline_east(text, base)
        if east is not None and east.at.date() > found.at.date():
            return east
    if language and language not in GRAMMAR_LANGUAGES:
        if found is None:
            return find_deadline_other(text, base, language) or find_deadline_relative(text, base, language)
        if found.has_time and _CLOCK_ONLY_RE.fullmatch(found.phrase) and found.at.date() == base.astimezone(found.at.tzinfo).date():
            # "cuma günü saat 12:00'ye kadar": the grammar reads the hour before the cue and not the weekday named
            # before it, which dateparser reads; the hour is that day's.
            other = find_deadline_other(text, base, language) or find_deadline_relative(text, base, language)
            if other is not None and other.at.date() > found.at.date():
                day = other.at.astimezone(found.at.tzinfo)
                return dataclasses.replace(found, at=found.at.replace(year=day.year, month=day.month, day=day.day),
                                           phrase=f"{other.phrase} {found.phrase}")
    return found


_CLOCK_ONLY_RE = re.compile(r"(?:saat\s+|jam\s+|pukul\s+)?\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:ч|h|часа|часот|sati|sata|hodin)\.?")


def _urgency(rules: Rules, text: str, present: frozenset[str] | None) -> list[str]:
    for rule in rules.urgency_exceptions.rules:
        if rule.search(text, present):  # the prefiltered search first: most letters have no exception
            text = rule.regex.sub(" ", text)
            present = None  # the cut may join words into new ones: look again
    return [term for _, term in rules.urgency.matches(text, present)]


__all__ = ["TriageDecision", "message_text", "stated_deadline", "triage"]
