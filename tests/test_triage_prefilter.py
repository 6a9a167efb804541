"""The substring prefilter in front of each triage rule must never change a result: it may only
skip a regex scan that could not have matched."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings, strategies as st

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
    decision = triage(parse_message(msg.as_bytes()), settings=load_settings(_env_file=None))
    assert decision.category == "interview_request"
    assert decision.deadline is not None and decision.deadline.date().isoformat() == "2026-11-25"
