"""Story grouping (worker/stories.py, pure) on the labelled scenario set (tests/story_scenarios.py):
pairwise precision and recall on the development part and on the held-out part, the time per
message; and the reasons a grouping gives.

``.venv/bin/python -P -m pytest tests/test_stories_grouping.py -q -s`` prints the figures.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

import pytest

from mediadesk.worker import stories

sys.path.insert(0, str(Path(__file__).parent))
from story_scenarios import DEV, HOLDOUT, STORIES, Inquiry  # noqa: E402

def group(inquiries: list[Inquiry]) -> tuple[dict[int, object], float]:
    """Assign in arrival order as the story step does (one pool, each inquiry added after it is
    placed; the scenario spans about the window, 72 hours): returns key → predicted story, and
    the seconds per message (features + assign)."""
    predicted: dict[int, object] = {}
    pool = stories.Pool()
    started = time.perf_counter()
    for q in inquiries:
        terms = stories.inquiry_features(q.subject, q.body, q.refs)  # as the story step reads it
        decision = pool.assign(terms)
        if decision.joins:
            if decision.story is None:  # the step founds a story with the other inquiry
                pool.story[decision.key] = predicted[decision.key] = len(set(predicted.values())) + 1
            predicted[q.key] = pool.story[decision.key]
        pool.add(stories.Candidate(q.key, predicted.get(q.key), terms))
    return predicted, (time.perf_counter() - started) / max(1, len(inquiries))


def pairwise(inquiries: list[Inquiry], predicted: dict[int, object]) -> tuple[float, float, int, int, int]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(inquiries, 2):
        gold = a.story == b.story and not a.story.startswith("noise")
        same = predicted.get(a.key) is not None and predicted.get(a.key) == predicted.get(b.key)
        tp += gold and same
        fp += same and not gold
        fn += gold and not same
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def figures(name: str, inquiries: list[Inquiry]) -> tuple[float, float]:
    predicted, per_message = group(inquiries)
    precision, recall, tp, fp, fn = pairwise(inquiries, predicted)
    n_stories = len({q.story for q in inquiries if not q.story.startswith("noise")})
    print(f"\n{name}: {len(inquiries)} inquiries, {n_stories} stories, "
          f"{sum(q.story.startswith('noise') for q in inquiries)} unrelated; pairwise precision {precision:.3f}, "
          f"recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}); {per_message * 1000:.2f} ms a message")
    return precision, recall


def test_the_scenario_set_is_what_the_issue_asks_for():
    everything = DEV + HOLDOUT
    assert len(everything) >= 150
    assert len({q.story for q in everything if not q.story.startswith("noise")}) >= 12
    assert {q.lang for q in everything} == {"ar", "en", "fr"}
    assert sum(len(s["facts"]) >= 2 for s in STORIES.values()) == len(STORIES)  # each asked in two languages or more


def test_pairwise_precision_and_recall_on_the_development_part():
    precision, recall = figures("dev", DEV)
    assert precision >= 0.90
    assert recall >= 0.80


def test_pairwise_precision_and_recall_on_the_held_out_part():
    """First measured (after tuning stopped) at precision 1.000, recall 0.696. Then the end-to-end
    statement test showed a big story's own terms damped as "common" once it filled the window
    (a flaw, not a held-out error): counting each story once in the damping gave 1.000 / 0.843
    on this part, measured a second time, so it is no longer strictly unseen (README)."""
    precision, recall = figures("holdout", HOLDOUT)
    assert precision >= 0.90
    assert recall >= 0.80


def test_a_grouping_says_what_tied_it():
    a = stories.features("Derna dam collapse", "Can you confirm 27 killed when the Derna dam collapsed?")
    b = stories.features("انهيار سد درنة", "هل يمكنكم تأكيد مقتل ٢٧ شخصا بعد انهيار سد درنة؟")
    decision = stories.assign(b, [stories.Candidate(7, None, a)])
    assert decision.key == 7 and decision.story is None
    assert decision.reason().startswith("shared 27, dam, derna, killed")
    release = stories.features("Re: Figures", "Thanks!", ["<r1@x>"])
    joined = stories.assign(release, [stories.Candidate(3, 9, stories.features("RE: Figures", "Merci", ["<r1@x>"]))])
    assert (joined.key, joined.story) == (3, 9) and joined.reason() == "replies to the same release <r1@x>"


def test_nothing_in_common_ties_nobody():
    a = stories.features("Request", "Please add me to your distribution list for press releases.")
    b = stories.features("Question", "Do you have high-resolution photos of the headquarters building?")
    assert not stories.assign(b, [stories.Candidate(1, None, a)]).joins
    assert stories.features("", "") == {}
