"""Issue 3 acceptance on the shared data: the development set's targets, the corpus's
automated-mail counts, whether learning helps (cross-validated), and throughput.

Skipped when ../shared is absent. The figures are printed (run with -s to see them)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from harness import needs

from mediadesk.settings import load_settings
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage import triage
from mediadesk.worker.triage.evaluate import FIELDS, cross_validate, evaluate, evaluate_corpus

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "samples" / "inquiries"
CORPUS = SHARED / "corpus"
SETTINGS = load_settings(_env_file=None)

needs_dev = needs(DEV / "labels.json", "../shared/samples/inquiries")
needs_corpus = needs(CORPUS, "../shared/corpus")


@pytest.fixture(scope="module")
def report():
    return evaluate(DEV, settings=SETTINGS)


@needs_dev
def test_dev_set_targets(report):
    print("\ndev set:", {f: f"{report.accuracy(f):.1%}" for f in FIELDS},
          f"deadline {report.deadline_correct}/{report.deadline_total}",
          f"automated caught {report.automated_caught}/{report.automated_total},"
          f" genuine flagged {report.human_flagged_automated}")
    for miss in report.misses:
        print("  miss:", miss)
    assert report.accuracy("category") >= 0.90
    assert report.accuracy("language") >= 0.97
    assert report.automated_caught == report.automated_total
    assert report.human_flagged_automated <= 1
    assert report.deadline_recall >= 0.85


@needs_dev
def test_low_priority_categories_never_carry_a_deadline(report):
    for name, d in report.decisions.items():
        if d.category in ("general", "spam", "automated"):
            assert d.priority == "low" and d.deadline is None, name
        assert (d.category == "automated") == (d.automated_kind is not None), name
        assert d.explanation, name


@needs_corpus
def test_corpus_automated_mail_is_kept_from_acknowledgement():
    result = evaluate_corpus(CORPUS, settings=SETTINGS)
    counts = result["counts"]
    print("\ncorpus:", counts, "normal with bulk-looking headers:", result["normal_with_bulk_headers"])
    for miss in result["misses"]:
        print("  miss:", miss)
    for kind in ("auto_reply", "bounce", "bulk"):
        assert counts[kind]["kept"] == counts[kind]["total"], kind
    for kind in ("auto_reply", "bounce"):
        assert counts[kind]["right_kind"] == counts[kind]["total"], kind
    bulk_headers = result["normal_with_bulk_headers"]
    assert bulk_headers["total"] >= 1 and bulk_headers["human"] == bulk_headers["total"]
    # Normal mail stays human; the corpus's few "normal" fixtures that are themselves spam may not.
    assert counts["normal"]["human"] >= counts["normal"]["total"] - 3


@needs_dev
def test_learning_does_not_hurt_the_rules_in_cross_validation():
    result = cross_validate(DEV, settings=SETTINGS)
    print(f"\ncross-validation over {result['messages']} messages: rules {result['rules_accuracy']:.1%}, "
          f"rules + model {result['rules_model_accuracy']:.1%}, model alone {result['model_alone_accuracy']:.1%}")
    assert result["rules_model_accuracy"] >= result["rules_accuracy"] - 0.02


@needs_dev
def test_throughput():
    messages = [parse_message(p.read_bytes()) for p in sorted(DEV.glob("*.eml"))]
    for m in messages:
        triage(m, settings=SETTINGS)  # warm-up: detector and rules
    start = time.perf_counter()
    rounds = 3
    for _ in range(rounds):
        for m in messages:
            triage(m, settings=SETTINGS)
    rate = rounds * len(messages) / (time.perf_counter() - start)
    print(f"\ntriage throughput: {rate:.0f} messages/s (language and deadline on)")
    # The target is 200/s on a quiet core; the bound here leaves room for a busy CI machine.
    assert rate >= 60
