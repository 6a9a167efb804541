"""Score triage against a folder of labelled .eml files (``labels.json`` as in the samples).

The report gives accuracy per field (category, automated kind, language, deadline date,
priority), a confusion matrix for category, the misses, and the automated-mail counts that the
acceptance criteria name: automated messages caught, genuine inquiries flagged automated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from mediadesk.settings import Settings
from mediadesk.worker.parsing import ParsedMessage, parse_message
from mediadesk.worker.triage.core import TriageDecision, triage

FIELDS = ("category", "automated_kind", "language", "deadline", "priority")


@dataclass
class Miss:
    file: str
    field: str
    expected: object
    got: object
    notes: str | None = None


@dataclass
class EvaluationReport:
    total: int
    correct: dict[str, int]
    confusion: dict[str, dict[str, int]]           # expected category -> got category -> count
    misses: list[Miss]
    deadline_total: int                              # messages whose label has a deadline
    deadline_correct: int                            # ... and triage found that date
    deadline_missed: int                             # ... and triage found none
    deadline_invented: list[str]                     # label: no deadline; triage gave one (files)
    automated_total: int
    automated_caught: int
    human_flagged_automated: int
    decisions: dict[str, TriageDecision] = field(default_factory=dict)

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.total if self.total else 0.0

    @property
    def deadline_recall(self) -> float:
        return self.deadline_correct / self.deadline_total if self.deadline_total else 1.0

    def to_json(self) -> dict:
        return {
            "total": self.total,
            "accuracy": {f: round(self.accuracy(f), 4) for f in FIELDS},
            "deadline_found_exactly": {"correct": self.deadline_correct, "of": self.deadline_total},
            "deadline_missed": self.deadline_missed,
            "deadline_invented": {"count": len(self.deadline_invented), "files": list(self.deadline_invented)},
            "automated": {"caught": self.automated_caught, "of": self.automated_total,
                          "genuine_flagged_automated": self.human_flagged_automated},
            "confusion": self.confusion,
            "misses": [m.__dict__ for m in self.misses],
        }


def load_labels(directory: Path) -> dict[str, dict]:
    path = Path(directory) / "labels.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} not found: --evaluate needs a folder with labels.json") from None


def labelled_messages(directories: Path | Iterable[Path]) -> list[tuple[str, dict, ParsedMessage]]:
    """``(name, label, parsed message)`` for every labelled message of one or more folders.

    With several folders a name is ``folder/file`` (file names repeat across sets).
    """
    dirs = [Path(directories)] if isinstance(directories, (str, Path)) else [Path(d) for d in directories]
    found = []
    for directory in dirs:
        labels = load_labels(directory)
        for name in sorted(labels):
            shown = f"{directory.name}/{name}" if len(dirs) > 1 else name
            found.append((shown, labels[name], parse_message((directory / name).read_bytes())))
    return found


def _deadline_date(decision: TriageDecision) -> str | None:
    return decision.deadline.date().isoformat() if decision.deadline else None


def evaluate(directories: Path | Iterable[Path], *, settings: Settings | None = None, model=None) -> EvaluationReport:
    """Triage every labelled message of one or more folders and compare with the labels."""
    correct = {f: 0 for f in FIELDS}
    confusion: dict[str, dict[str, int]] = {}
    misses: list[Miss] = []
    decisions: dict[str, TriageDecision] = {}
    invented: list[str] = []
    deadline_total = deadline_correct = deadline_missed = automated_total = automated_caught = human_flagged = 0
    messages = labelled_messages(directories)
    for name, label, msg in messages:
        decision = triage(msg, settings=settings, model=model)
        decisions[name] = decision
        got = {
            "category": decision.category,
            "automated_kind": decision.automated_kind,
            "language": decision.language,
            "deadline": _deadline_date(decision),
            "priority": decision.priority,
        }
        for f in FIELDS:
            if got[f] == label.get(f):
                correct[f] += 1
            else:
                notes = label.get("notes")
                if f == "deadline" and got[f] and not label.get(f):
                    notes = "invented: " + (notes or "no deadline stated")
                misses.append(Miss(name, f, label.get(f), got[f], notes))
        row = confusion.setdefault(label["category"], {})
        row[decision.category] = row.get(decision.category, 0) + 1
        if label.get("deadline"):
            deadline_total += 1
            deadline_correct += got["deadline"] == label["deadline"]
            deadline_missed += got["deadline"] is None
        elif got["deadline"]:
            invented.append(name)
        if label["category"] == "automated":
            automated_total += 1
            automated_caught += decision.category == "automated"
        elif decision.category == "automated":
            human_flagged += 1
    return EvaluationReport(
        total=len(messages), correct=correct, confusion=confusion, misses=misses,
        deadline_total=deadline_total, deadline_correct=deadline_correct, deadline_missed=deadline_missed,
        deadline_invented=invented, automated_total=automated_total, automated_caught=automated_caught,
        human_flagged_automated=human_flagged, decisions=decisions,
    )


__all__ = ["EvaluationReport", "FIELDS", "Miss", "evaluate", "labelled_messages", "load_labels"]


def evaluate_corpus(root: Path, *, settings: Settings | None = None, model=None) -> dict:
    """Triage every corpus message and count, per expected kind, how it was handled.

    An automated message is *kept* from acknowledgement when triage says ``automated`` (or
    ``spam``, for what the corpus calls bulk); auto-replies and bounces must also get their
    kind right. A ``normal`` message must stay human (not automated, not spam).

    Returns a dict: ``counts`` (kind -> {"total", "kept", "right_kind", "human"}),
    ``normal_with_bulk_headers`` ({"total", "human"}) and ``misses``.
    """
    root = Path(root)
    counts: dict[str, dict[str, int]] = {}
    bulk_header_normals = {"total": 0, "human": 0}
    misses: list[dict] = []
    for expectations in sorted(root.glob("*/expectations.json")):
        source = expectations.parent
        for record in json.loads(expectations.read_text(encoding="utf-8")):
            path = source / record["file"]
            if not path.exists():
                continue
            decision = triage(parse_message(path.read_bytes()), settings=settings, model=model)
            kind = record["kind"]
            row = counts.setdefault(kind, {"total": 0, "kept": 0, "right_kind": 0, "human": 0})
            row["total"] += 1
            kept = decision.category == "automated" or (decision.category == "spam" and kind == "bulk")
            human = decision.category not in ("automated", "spam")
            row["kept"] += kept
            row["human"] += human
            right = decision.automated_kind == kind or (kind == "bulk" and kept)
            row["right_kind"] += right
            if kind == "normal":
                if any(s.split(":")[0] in ("Precedence", "List-Id", "List-Unsubscribe") for s in record.get("signals", [])):
                    bulk_header_normals["total"] += 1
                    bulk_header_normals["human"] += human
                if not human:
                    misses.append({"file": f"{source.name}/{record['file']}", "expected": kind,
                                   "got": decision.automated_kind or decision.category, "subject": record.get("subject")})
            elif not kept or (kind in ("auto_reply", "bounce") and not right):
                misses.append({"file": f"{source.name}/{record['file']}", "expected": f"{kind}/{record.get('subkind')}",
                               "got": decision.automated_kind or decision.category, "subject": record.get("subject")})
    return {"counts": counts, "normal_with_bulk_headers": bulk_header_normals, "misses": misses}


__all__ += ["evaluate_corpus"]


def cross_validate(directories: Path | Iterable[Path], *, folds: int = 5, settings: Settings | None = None,
                   seed: int = 0) -> dict:
    """Does learning help? Category accuracy of the rules alone, of the rules + a model trained on
    the other folds, and of a text model alone, on the labelled messages of one or more folders.

    The messages are shuffled (seeded) and split into ``folds`` parts; for each part the models
    are fitted on the rest only (as if the team had corrected those messages, their labels taken
    as the corrections) and triage the held-out part. No held-out message, nor its label, is
    seen by the model that triages it: each fold's blend weight is calibrated inside its own
    training part.

    Returns ``messages``, the three accuracies, ``corrections`` (the mean training-set size),
    and ``folds`` (per fold: messages, right by each variant, the blend weight).
    """
    import random

    from mediadesk.worker.triage.core import message_text
    from mediadesk.worker.triage.learning import TrainingError, blend_weight, fit, predict

    from mediadesk.settings import get_settings
    from mediadesk.worker.triage.rules import load_rules

    rules = load_rules((settings or get_settings()).rules_file)  # the model learns beside the rules triage uses
    items = labelled_messages(directories)
    random.Random(seed).shuffle(items)
    texts = {name: message_text(msg) for name, _, msg in items}
    rules_ok = blended_ok = model_ok = tested = trained = 0
    per_fold = []
    for k in range(folds):
        held = items[k::folds]
        held_names = {name for name, _, _ in held}
        train_set = [(texts[name], label["category"]) for name, label, _ in items if name not in held_names]
        try:
            model = fit(train_set, rules=rules)
            alone = fit(train_set, use_rules=False, calibrate=False)
        except TrainingError:
            continue
        r = b = m = 0
        for name, label, msg in held:
            expected = label["category"]
            r += triage(msg, settings=settings).category == expected
            b += triage(msg, settings=settings, model=model).category == expected
            m += predict(alone, texts[name]) == expected
        rules_ok, blended_ok, model_ok, tested = rules_ok + r, blended_ok + b, model_ok + m, tested + len(held)
        trained += len(train_set)
        per_fold.append({"fold": k, "messages": len(held), "corrections": len(train_set), "rules": r,
                         "rules_model": b, "model_alone": m, "weight": blend_weight(model)})
    return {
        "messages": tested,
        "corrections": round(trained / len(per_fold)) if per_fold else 0,
        "rules_accuracy": round(rules_ok / tested, 4) if tested else None,
        "rules_model_accuracy": round(blended_ok / tested, 4) if tested else None,
        "model_alone_accuracy": round(model_ok / tested, 4) if tested else None,
        "folds": per_fold,
    }


__all__ += ["cross_validate"]
