"""Outlet recognition measured on the labelled set in tests/data/outlets/ (110 hand-written
inquiries in ar/en/fr). ``dev/`` is the part the recogniser was tuned on; ``holdout/`` was
written after tuning stopped and has not been tuned on since: its figures are the honest ones.

First run of each part (README, "Contacts and outlets"): dev precision 0.946, recall 0.972
before tuning, 1.0 / 1.0 after; holdout 0.970 / 0.970 (32 of 33) with the two misses pinned
below. The thresholds are the issue's targets, not the figures reached.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mediadesk import logs
from mediadesk.cli.main import app
from mediadesk.worker.contacts.evaluate import evaluate_dir

DATA = Path(__file__).resolve().parent / "data" / "outlets"


def test_the_labelled_set_is_large_and_varied():
    labels = {part: json.loads((DATA / part / "labels.json").read_text(encoding="utf-8")) for part in ("dev", "holdout")}
    assert sum(map(len, labels.values())) >= 100
    for part, entries in labels.items():
        assert set(entries) == {p.name for p in (DATA / part).glob("*.eml")}, part
        assert {e["language"] for e in entries.values()} == {"ar", "en", "fr"}
        groups = {e["group"] for e in entries.values()}
        assert groups == {"domain", "freemail-signature", "freemail-none", "freelance", "non-press", "unknown-domain"}


@pytest.mark.parametrize("part", ["dev", "holdout"])
def test_outlet_recognition_meets_the_targets(part):
    score = evaluate_dir(DATA / part)
    assert score.precision >= 0.95, score.misses
    assert score.recall >= 0.85, score.misses
    assert score.invented_free_mail == 0


def test_the_known_holdout_misses():
    """Left as they are (fixing them would be tuning on the holdout): an outlet named only in the
    letter's own sentence, and a consultancy's client list."""
    misses = {m["file"]: (m["expected"], m["got"]) for m in evaluate_dir(DATA / "holdout").misses}
    assert misses == {"024-gmail-ouestfrance.eml": ("Ouest-France", None),
                      "044-consulting-en.eml": (None, "Al Jazeera")}


def run(*args: str):
    try:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        logs.configure("WARNING")  # the app's callback pointed structlog at the runner's stderr


def test_outlet_evaluate_command():
    result = run("outlet", "evaluate", str(DATA / "holdout"), "--json")
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    assert (scores["total"], scores["correct"], scores["predicted"], scores["expected"]) == (53, 32, 33, 33)
    text = run("outlet", "evaluate", str(DATA / "dev"))
    assert text.exit_code == 0 and "precision 1.000" in text.stdout
    missing = run("outlet", "evaluate", str(DATA))
    assert missing.exit_code == 2 and "no labels.json" in missing.stderr
