"""The substring prefilter in front of each triage rule must never change a result: it may only
skip a regex scan that could not have matched."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import example, given, settings, strategies as st

from mediadesk.mailgen import generate
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage.rules import load_rules, required_substrings
from mediadesk.worker.triage.text import normalize

from conftest import REPO_ROOT


def all_rules():
    rules = load_rules()
    groups = [*rules.categories.values(), rules.request_cues, rules.media_identity, rules.urgency,
              rules.urgency_exceptions, rules.auto_reply_subject, rules.auto_reply_body, rules.bounce_subject,
              rules.bounce_body, rules.newsletter_body]
    return [rule for group in groups for rule in group.rules]


def unfiltered(rule, text):
    """The rule's search without its prefilter."""
    return dataclasses.replace(rule, required=None).search(text) is not None


@pytest.mark.parametrize("pattern, needed", [
    (r"interview", {"interview"}),
    (r"abonn[ée]s?\s+à", {"abonné", "abonne"}),
    (r"(?:an?\s+)?(?:on[- ]the[- ]record|on[- ]camera)", {"the-record", "the record", "camera"}),
    (r"\bdeadline\b|due\s+by", {"deadline", "due"}),
    (r"(?:foo)?\w+", None),      # nothing is certain
    (r"x|\d+", None),            # one branch needs no literal: no prefilter at all
])
def test_required_substrings_are_necessary(pattern, needed):
    got = required_substrings(re.compile(pattern))
    assert (set(got) if got is not None else None) == needed


def test_most_shipped_rules_get_a_prefilter():
    rules = all_rules()
    assert sum(r.required is not None for r in rules) >= 0.8 * len(rules)


def test_prefilter_agrees_with_the_plain_regex_on_real_text():
    corpus = [normalize(parse_message(g.raw).text)[:4000] for g in generate(40, seed=11, max_kb=8)]
    # The labelled dev set too, when ../shared is beside the repo.
    for path in sorted((REPO_ROOT.parent / "shared" / "samples" / "inquiries").glob("*.eml")):
        msg = parse_message(path.read_bytes())
        corpus.append(normalize(f"{msg.subject}\n{msg.text}"))
    rules = all_rules()
    hits = 0
    for text in corpus:
        for rule in rules:
            expected = unfiltered(rule, text)
            assert (rule.search(text) is not None) == expected, (rule.label, text[:200])
            hits += expected
    assert hits > len(corpus)  # the texts exercise the rules, not only their misses


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeinorst éàç-'\nابتثجحخدذرزسشصضطظعغفقكلمنهوي0123456789")), max_size=200))
def test_prefilter_never_hides_a_match(text):
    for rule in all_rules():
        assert (rule.search(text) is not None) == unfiltered(rule, text), rule.label


def test_a_long_letter_is_read_at_both_ends():
    """Triage reads the opening and the close of a long letter: the request at the top and a
    deadline in the last lines are both found, whatever lies between."""
    from datetime import datetime, timedelta, timezone
    from email.message import EmailMessage
    from email.utils import format_datetime

    from mediadesk.settings import load_settings
    from mediadesk.worker.triage import triage

    sent = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=3)))  # a Monday
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Jane <jane@news.example>", "media@office.example", "Question"
    msg["Date"] = format_datetime(sent)
    filler = "Our readers follow this subject closely and want accurate figures and context. " * 400
    msg.set_content("I am a reporter and would like to interview your director.\n\n" + filler
                    + "\n\nOur deadline is Wednesday at 5pm.\n\nJane\n")
    # The rules' reading window is what is tested: the base model reads the letter whole, and
    # 400 lines about figures would be what it weighs.
    decision = triage(parse_message(msg.as_bytes()), settings=load_settings(_env_file=None, base_model_weight=0))
    assert decision.category == "interview_request"
    assert decision.deadline is not None and decision.deadline.date().isoformat() == "2026-11-25"


# --------------------------------------------------------------------------- deadline anchors

_DEADLINE_PHRASES = [
    "by tomorrow", "before 5pm ET", "demain avant 14h", "d'ici la fin de la semaine", "by the end of the day",
    "within 48 hours", "in the next two days", "no later than Thursday", "au plus tard le 10 décembre", "this afternoon",
    "tonight", "après-demain", "close of business", "by noon GMT", "à midi heure de Paris", "jusqu'au jeudi",
    "the day after tomorrow", "end of the month", "le 3", "on 20/12", "by Dec 2", "Friday 4 December 2026",
    "قبل يوم الخميس", "غداً", "الساعة الثالثة مساءً", "خلال يومين", "نهاية الأسبوع", "بتوقيت الرياض", "في غضون 24 ساعة",
    "اليوم", "بعد غد", "24 h", "in 3 h", "mañana", "morgen", "EOD", "COB", "minuit", "midnight",
]
_CONTEXT = ["please reply", "we need an answer", "send the photos", "confirm", "merci de répondre", "نرجو الرد",
            "interview", ",", ".", "\n"]
_FILLER = "the office and our readers follow this subject closely et nous souhaitons une réponse واضح لهم ".split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_DEADLINE_PHRASES), st.sampled_from(_CONTEXT),
                          st.lists(st.sampled_from(_FILLER), max_size=60).map(" ".join)), min_size=1, max_size=12))
def test_deadline_anchors_never_change_a_deadline(parts):
    """The grammar is tried only near an anchor word or digit; that may skip only positions where
    no token that matters can start: the deadline is the one a scan of every word finds."""
    from datetime import datetime, timezone

    from mediadesk.worker.triage import deadline

    text = " ".join(parts)
    base = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    anchored = deadline.find_deadline(text, base)
    windows = deadline._windows
    try:
        deadline._windows = lambda t: [(0, len(t))]
        everywhere = deadline.find_deadline(text, base)
    finally:
        deadline._windows = windows
    assert anchored == everywhere


# --------------------------------------------------------------------------- quoted history

_HISTORY_LINES = [
    "> quoted", ">", "On Mon, 3 Jun 2019, Jane <j@x.example> wrote:", "On Mon, 3 Jun 2019 at 10:12, Jane Doe",
    "<jane@x.example> wrote:", "Le lun. 3 juin 2019 à 10:12, Jean a écrit :", "Am 3. Juni schrieb Jan:",
    "El lunes, Ana escribió:", "في 3 يونيو كتب أحمد:", "-----Original Message-----", "---------- Forwarded message ---------",
    "Begin forwarded message:", "Début du message réexpédié :", "________________________________", "From: Jane Doe",
    "Sent: Monday", "To: press", "Subject: photos", "De : Jean", "Envoyé : lundi", "Objet : photos", "من: أحمد",
    "التاريخ: الاثنين", "الموضوع: صور", "-- ", "WROTE:", "Écrit :", "de la part de : Jean", "  > indented quote",
    "De la part de: Jean", "*From:* Jane", "**De :** Jean", "المرسل: أحمد",
]
_PROSE = ["Dear press office,", "Could we arrange an interview before Thursday?", "Merci de votre réponse.",
          "نرجو تزويدنا بالصور", "", "Best regards,", "Jane", "de plus, nous voulons", "from the report:", "critique"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_HISTORY_LINES), st.sampled_from(_PROSE)), max_size=25))
@example(["de la part de : Jean", "Sent: Monday", "Sent: Monday"])  # once missed: the rule's long form
def test_skipping_to_candidate_lines_never_moves_the_history(lines):
    """History is looked for from the first line that could open it; the cut must be where a
    look at every line puts it."""
    from mediadesk.worker.triage.text import _first_history_line

    assert _first_history_line(lines) == _first_history_line(lines, start=0)
