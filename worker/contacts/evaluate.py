"""Score outlet recognition on a folder of labelled ``.eml`` files.

``labels.json`` maps each file name to ``{"outlet": NAME or null, "group": ..., "language": ...}``
(see tests/data/outlets/). Precision is the share of outlets given that are right; recall the
share of labelled outlets found; and a free-mail sender whose signature names no outlet must get
none ("invented").
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mediadesk.worker.contacts.outlets import Registry, shipped_registry
from mediadesk.worker.contacts.recognise import recognise
from mediadesk.worker.parsing import parse_message


@dataclass
class Score:
    """Counts over a labelled set, and the files that were wrong."""

    total: int = 0
    expected: int = 0      # labelled with an outlet
    predicted: int = 0     # given an outlet
    correct: int = 0       # given the labelled outlet
    invented_free_mail: int = 0  # free-mail, no outlet in the signature, yet an outlet given
    by_group: Counter = field(default_factory=Counter)
    right_by_group: Counter = field(default_factory=Counter)
    misses: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def as_dict(self) -> dict:
        return {"total": self.total, "expected": self.expected, "predicted": self.predicted, "correct": self.correct,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "invented_free_mail": self.invented_free_mail,
                "by_group": {g: {"total": n, "right": self.right_by_group[g]} for g, n in sorted(self.by_group.items())},
                "misses": self.misses}


def evaluate_dir(folder: Path, registry: Registry | None = None) -> Score:
    """Recognise the outlet of every labelled message in ``folder`` and count."""
    registry = registry if registry is not None else shipped_registry()
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    score = Score()
    for name, label in sorted(labels.items()):
        parsed = parse_message((folder / name).read_bytes())
        found = recognise(parsed.from_email, parsed.text, registry, subject=parsed.subject)
        got = found.outlet.name if found.outlet else None
        want = label.get("outlet")
        group = label.get("group", "")
        score.total += 1
        score.by_group[group] += 1
        score.expected += want is not None
        score.predicted += got is not None
        score.correct += got is not None and got == want
        if group == "freemail-none" and got is not None:
            score.invented_free_mail += 1
        if got == want:
            score.right_by_group[group] += 1
        else:
            score.misses.append({"file": name, "expected": want, "got": got, "reason": found.reason})
    return score


__all__ = ["Score", "evaluate_dir"]
