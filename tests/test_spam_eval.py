"""scripts/eval_spam.py, the spam evaluation on public real mail, runs and counts right
(on eight messages laid out as the SpamAssassin public corpus is, in tests/data/spamassassin)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from mediadesk.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "spamassassin"


def load_script():
    spec = importlib.util.spec_from_file_location("eval_spam", ROOT / "scripts" / "eval_spam.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_is_read_by_label_and_split_in_halves():
    script = load_script()
    items = script.spamassassin_messages(SAMPLE, "all")
    assert sorted({label for label, _, _ in items}) == ["ham", "spam"] and len(items) == 8
    halves = script.spamassassin_messages(SAMPLE, "dev") + script.spamassassin_messages(SAMPLE, "test")
    assert sorted(p.name for _, _, p in halves) == sorted(p.name for _, _, p in items)


def test_spam_is_kept_out_and_human_mail_is_not_on_the_sample():
    script = load_script()
    result = script.evaluate_spamassassin(SAMPLE, split="all", settings=load_settings(_env_file=None,
                                                                                       trust_spam_headers=False))
    assert result["messages"] == 8
    assert result["spam_recall"] == 1.0
    assert result["ham_total"] == 4 and result["ham_flagged"] == 0
    assert result["misses"] == []


def test_the_command_prints_json(capsys, tmp_path):
    script = load_script()
    assert script.main(["--spamassassin", str(SAMPLE), "--split", "all", "--corpus", str(tmp_path),
                        "--inquiries", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["spamassassin"]["rows"]["spam"]["total"] == 4
