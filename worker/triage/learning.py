"""Learn categories from the press team's corrections, to blend with the rules.

A correction is stored as a ``LabelledExample`` (category, language, text — the text being
``triage.message_text(msg)``: subject and the sender's own words). ``train`` fits a small
scikit-learn model on those examples — TF-IDF over character n-grams (robust across Arabic,
English and French, and to inflection) and a logistic regression — and saves it with joblib;
``triage(..., model=load_model(path))`` then blends its probabilities with the rule scores.

The model is an addition, never a replacement: automated-mail detection stays rule-based, and
the blend weight grows with the number of examples the model has seen.

Spam marks (``mediadesk categorise REF spam``) are examples like any other: the model learns
``spam`` beside the human categories. Triage lets it call spam what the rules do not only when
it is sure (core.SURE_MODEL_SPAM), and never lets it overturn the rules' own spam verdict.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from mediadesk.settings import CATEGORIES, Settings
from mediadesk.worker.triage.text import normalize

MODEL_FILE = "triage-model.joblib"
FORMAT_VERSION = 1
MIN_EXAMPLES = 10
# The blend weight is n / (n + HALF_WEIGHT_AT), capped: 0.2 at 50 examples, 0.5 from 300 on.
HALF_WEIGHT_AT = 200
MAX_WEIGHT = 0.5


class TrainingError(ValueError):
    """Too few or malformed examples to train on; the message says what is missing."""


def model_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / MODEL_FILE


def _pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1,
                        max_features=60_000, preprocessor=normalize),
        LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"),
    )


def _check(examples: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for i, example in enumerate(examples):
        try:
            text, category = example
        except (TypeError, ValueError):
            raise TrainingError(f"example {i}: expected (text, category)") from None
        if category not in CATEGORIES and text in CATEGORIES:  # (category, text) given: accept it
            text, category = category, text
        if category not in CATEGORIES:
            raise TrainingError(f"example {i}: unknown category {category!r}; choose from {list(CATEGORIES)}")
        if text and text.strip():
            texts.append(text)
            labels.append(category)
    if len(texts) < MIN_EXAMPLES:
        raise TrainingError(f"{len(texts)} usable examples: at least {MIN_EXAMPLES} are needed to train")
    if len(set(labels)) < 2:
        raise TrainingError("all examples have the same category: at least two categories are needed")
    return texts, labels


def train(examples: list[tuple[str, str]], path: Path, *, folds: int = 5) -> dict[str, Any]:
    """Fit the model on ``(text, category)`` examples, save it to ``path``, return metrics.

    Metrics: ``examples``, ``per_category`` counts, ``train_accuracy`` and, when every category
    has at least two examples, ``cv_accuracy`` (stratified k-fold, k = min(folds, smallest class)).

    Raises:
        TrainingError: fewer than MIN_EXAMPLES usable examples, one category only, or an
            unknown category.
    """
    import joblib
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    texts, labels = _check(examples)
    counts = {c: labels.count(c) for c in sorted(set(labels))}
    metrics: dict[str, Any] = {"examples": len(texts), "per_category": counts}
    k = min(folds, min(counts.values()))
    if k >= 2:
        scores = cross_val_score(_pipeline(), texts, labels, cv=StratifiedKFold(k, shuffle=True, random_state=0))
        metrics["cv_accuracy"] = round(float(scores.mean()), 4)
        metrics["cv_folds"] = k
    pipeline = _pipeline().fit(texts, labels)
    metrics["train_accuracy"] = round(float(pipeline.score(texts, labels)), 4)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    bundle = {
        "format": FORMAT_VERSION,
        "pipeline": pipeline,
        "examples": len(texts),
        "trained_at": datetime.now(timezone.utc).isoformat(),
        "metrics": metrics,
    }
    tmp = path.with_suffix(path.suffix + ".tmp")
    joblib.dump(bundle, tmp)
    tmp.replace(path)  # readers never see a half-written model
    metrics["path"] = str(path)
    return metrics


def fit(examples: list[tuple[str, str]]) -> dict[str, Any]:
    """An in-memory model (the bundle ``load_model`` returns), for evaluation without a file."""
    texts, labels = _check(examples)
    return {"format": FORMAT_VERSION, "pipeline": _pipeline().fit(texts, labels), "examples": len(texts)}


def load_model(path: Path) -> dict[str, Any] | None:
    """The model saved at ``path``, or None when there is none (or it is from another version)."""
    import joblib

    path = Path(path)
    if not path.exists():
        return None
    bundle = joblib.load(path)
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT_VERSION:
        return None
    return bundle


_default: dict[str, tuple[float, Any]] = {}
_lock = threading.Lock()


def default_model(settings: Settings) -> dict[str, Any] | None:
    """The model in ``settings.data_dir``, cached and reloaded when the file changes."""
    path = model_path(settings)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    cached = _default.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    with _lock:
        model = load_model(path)
        _default[str(path)] = (mtime, model)
    return model


def blend_weight(model: dict[str, Any]) -> float:
    n = int(model.get("examples", 0))
    return min(MAX_WEIGHT, n / (n + HALF_WEIGHT_AT))


def predict_proba(model: dict[str, Any], text: str) -> dict[str, float]:
    """Category probabilities for ``text`` (categories the model never saw are absent)."""
    pipeline = model["pipeline"]
    probs = pipeline.predict_proba([text])[0]
    return {c: float(p) for c, p in zip(pipeline.classes_, probs)}


__all__ = [
    "MODEL_FILE",
    "TrainingError",
    "blend_weight",
    "default_model",
    "fit",
    "load_model",
    "model_path",
    "predict_proba",
    "train",
]
