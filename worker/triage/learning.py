"""Learn categories from the press team's corrections, to blend with the rules.

A correction is stored as a ``LabelledExample`` (category, language, text — the text being
``triage.message_text(msg)``: subject and the sender's own words). ``train`` fits a small model
on those examples and saves it with joblib; ``triage(..., model=...)`` then blends its
probabilities with the rules'.

**Method: a model of where the rules go wrong** (stacking). A text model alone, trained on a
hundred corrections spread over eight categories and a dozen languages, is weak (0.24–0.45
accuracy where the rules have 0.74–0.99): each category has a handful of examples per language.
So the model is not asked to find the category from scratch; it is given what the rules say:

* features: the rules' probability for each category (``category.CategoryScores``, recomputed
  from the example's text at training time, taken from triage's own scoring when it triages),
  and TF-IDF over the text's terms (``analyze``: words, a stem of the longer ones, Arabic words
  without their clitics, and language-free marks such as an amount of money or a link);
* a multinomial logistic regression over both. The rule features carry most of the weight (the
  rules are right most of the time), and the term weights learn the corrections' regularities:
  a price quoted to the office, a credit complaint that mentions a photo, and so on.

**How much the model counts** is measured, not assumed: at training time the examples are
cross-validated (each fold's classifier is fitted without the examples it then classifies) and
the blend weight ``w`` in ``(1 - w)·rules + w·model`` (at most ``MAX_WEIGHT``) is the one that
classified most of them right (ties: the one that gave the right categories most probability). Unless that is more
than the rules alone got right, ``w`` is 0 and the model changes nothing; ``train`` reports both.

Prediction does not go through scikit-learn: the bundle is a vocabulary and numpy arrays, and
one text's terms are looked up and multiplied out (0.3–0.5 ms). The model is an addition, never
a replacement: automated-mail detection stays rule-based.

Spam marks (``mediadesk categorise REF spam``) are examples like any other: the model learns
``spam`` beside the human categories. Beside it, from five spam marks and five others on, a
**spam scorer** (``_fit_spam_scorer``) learns spam against everything else word by word, as
SpamAssassin's Bayes does: each term's share of spam marks against its share of the others,
pulled towards 0.5 when seen rarely, combined over the message's most telling terms by Fisher's
method (0.35 ms a message). Triage lets the model call spam what the rules do not only when it
is sure: the category model's own spam probability ≥ core.SURE_MODEL_SPAM, or the scorer ≥
SPAM_THRESHOLD with the category model giving spam at least MODEL_LEANS_SPAM; and only for a
message of 20 distinct terms or more of which at least half (SPAM_FAMILIAR) occur in the team's other
marks — a model that has seen a language only in spam takes any letter in it for spam. It never
overturns the rules' own spam verdict, and a press inquiry the rules are sure of is not made
spam by the scorer (core.SURE_INQUIRY). ``fit`` reports, cross-validated on the marks, the
share of spam marks the scorer catches and of other marks it calls spam.

The rule features come from the rules in force at training time; after editing the rules file,
run ``mediadesk triage-train`` again so the model learns against the rules it will sit beside.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from mediadesk.settings import CATEGORIES, Settings
from mediadesk.worker.triage.text import normalize

MODEL_FILE = "triage-model.joblib"
FORMAT_VERSION = 2
MIN_EXAMPLES = 10
# Below this many examples the blend weight is not measured (too few to cross-validate):
# it is n / (n + HALF_WEIGHT_AT), capped at MAX_WEIGHT.
MIN_CALIBRATION_EXAMPLES = 30
HALF_WEIGHT_AT = 200
MAX_WEIGHT = 0.5
# The blend weights calibration chooses from: never past MAX_WEIGHT, so the rules keep at least
# half the say. Uncapped, a weight measured on a hundred-odd corrections swung from 0.1 to 1.0
# between folds and the model, trusted alone, lost on held-out mail what it had won inside its
# training folds (sets A + D cross-validated with the rules before set D: 87.8 % blended where
# the rules alone had 88.2 %; capped, 88.6 %).
WEIGHTS = tuple(i / 10 for i in range(11) if i / 10 <= MAX_WEIGHT)
CALIBRATION_FOLDS = 5
# What the model reads of a text: the head (subject, greeting, the request), as triage does.
MODEL_CHARS = 2_000
# The rule features' scale against the unit-length n-gram vector.
RULE_FEATURE_SCALE = 2.0
SEED = 0
# The spam scorer (``_fit_spam_scorer``): token-level naive Bayes, spam marks against the rest.
SPAM_SCORER_MIN = 5           # spam marks (and as many others) before there is one
SPAM_TOKENS = 150             # the most telling tokens of a message that it combines
SPAM_STRENGTH = 0.45          # Robinson's s: how much a rare token is pulled towards 0.5
SPAM_MIN_DEVIATION = 0.1      # tokens with |p - 0.5| below this say nothing
# The scorer's probability from which it is sure (SpamAssassin's BAYES_99). Choosing it by
# cross-validation on the marks was tried: the held-out figures barely change between 0.9 and
# 0.999 and the choice swung from fold to fold, so it is fixed, and the cross-validated share of
# marks it catches and of other examples it calls spam are reported (``triage-train``).
SPAM_THRESHOLD = 0.99
# The share of a message's words that occur in the team's other (non-spam) marks from which the
# scorer may judge it: below it, the message is in words (a language, a register) the team's
# marks have not shown in people's mail, and a scorer that has seen them only in spam would take
# any letter in that language for spam.
SPAM_FAMILIAR = 0.5
# Fewer distinct words than this are too little to judge by: the scorer says 0.5 (no opinion).
SPAM_MIN_WORDS = 20
# The category model's spam probability from which it agrees with a sure spam scorer.
MODEL_LEANS_SPAM = 0.15


class TrainingError(ValueError):
    """Too few or malformed examples to train on; the message says what is missing."""


def model_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / MODEL_FILE


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


# --------------------------------------------------------------------------- features


def _rule_categories() -> tuple[str, ...]:
    from mediadesk.worker.triage.rules import SCORED_CATEGORIES

    return SCORED_CATEGORIES


def rule_probabilities(text: str, rules=None) -> dict[str, float]:
    """The rules' category probabilities for an example's text (subject line, then the body)."""
    from mediadesk.worker.triage.category import score_categories
    from mediadesk.worker.triage.rules import load_rules
    from mediadesk.worker.triage.text import head_and_tail

    subject, _, body = text.partition("\n")
    scores = score_categories(rules or load_rules(), normalize(subject),
                              head_and_tail(normalize(head_and_tail(body, 3_200, 1_200))))
    return scores.probabilities()


def _rule_vector(probs: dict[str, float], categories: tuple[str, ...]):
    import numpy as np

    return np.array([probs.get(c, 0.0) * RULE_FEATURE_SCALE for c in categories], dtype=np.float64)


_WORD_RE = re.compile(r"\w+")
# Arabic writes conjunctions, prepositions and the article onto the word: "والتحالف", "بالصور".
_AR_CLITICS_RE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل)(?=[\u0600-\u06ff]{3})")


# What a text has, in any language: an amount of money, a link, a percentage, a clock time, a
# question. A few corrections teach what each says ("a price quoted to us": spam).
_SHAPES = (
    ("§money", re.compile(r"[$€£]\s?\d|\d\s?[$€£]|\b(?:usd|eur|gbp|chf|euros?|dollars?)\b|دولار|يورو|ريال", re.IGNORECASE)),
    ("§link", re.compile(r"https?://|\bwww\.", re.IGNORECASE)),
    ("§percent", re.compile(r"\d\s?%")),
    ("§date", re.compile(r"\b\d{1,2}[/.]\d{1,2}\b|\b\d{1,2}\s+[^\W\d]{3,9}\b")),
    ("§clock", re.compile(r"\b\d{1,2}[:h]\d\d\b|\b\d{1,2}\s?(?:am|pm)\b", re.IGNORECASE)),
    ("§question", re.compile(r"[?؟]")),
)


def analyze(text: str) -> list[str]:
    """The terms of a text: its words, a five-letter stem of the longer ones (inflection:
    "photographs" / "photographie"), Arabic words without their attached clitics, and what
    the text has (``_SHAPES``).

    Words, not character n-grams: as accurate on the corrections measured (README) and ten
    times cheaper per message.
    """
    text = text[:MODEL_CHARS]
    terms = [name for name, shape in _SHAPES if shape.search(text)]
    for word in _WORD_RE.findall(normalize(text)):
        if word.isdigit():
            continue
        terms.append(word)
        if len(word) > 5:
            terms.append(word[:5] + "~")
        if "\u0600" <= word[0] <= "\u06ff":
            bare = _AR_CLITICS_RE.sub("", word)
            if bare != word:
                terms.append(bare)
    return terms


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    # min_df=2: a term seen in one correction only says nothing about the next message.
    return TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2, max_features=60_000)


def _design(vectorizer, texts: list[str], rule_rows: list, fit: bool):
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    words = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
    if not rule_rows:
        return words
    return hstack([words, csr_matrix(np.vstack(rule_rows))]).tocsr()


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=10.0, solver="newton-cg", max_iter=1000)


def _fit_classifier(x, labels: list[str]):
    from threadpoolctl import threadpool_limits

    # One BLAS thread: on a problem this small more threads only fight each other (ten times
    # slower on a busy two-core worker).
    with threadpool_limits(1):
        return _classifier().fit(x, labels)


def _core(vectorizer, clf, with_rules: bool) -> dict[str, Any]:
    """The parts ``predict_proba`` multiplies out."""
    n_words = len(vectorizer.vocabulary_)
    return {
        "vocabulary": vectorizer.vocabulary_,
        "idf": vectorizer.idf_,
        "classes": [str(c) for c in clf.classes_],
        "coef_words": clf.coef_[:, :n_words].copy(),
        "coef_rules": clf.coef_[:, n_words:].copy() if with_rules else None,
        "intercept": clf.intercept_.copy(),
    }


def _proba(core: dict[str, Any], text: str, rule_vec) -> dict[str, float]:
    import numpy as np

    vocabulary = core["vocabulary"]
    known = [(j, c) for g, c in Counter(analyze(text)).items() if (j := vocabulary.get(g)) is not None]
    z = core["intercept"].astype(np.float64)
    if known:
        idx = np.array([j for j, _ in known], dtype=np.intp)
        vals = (1.0 + np.log(np.array([c for _, c in known], dtype=np.float64))) * core["idf"][idx]
        vals /= np.sqrt(vals @ vals) or 1.0
        z = z + core["coef_words"][:, idx] @ vals
    if core["coef_rules"] is not None and rule_vec is not None:
        z = z + core["coef_rules"] @ rule_vec
    classes = core["classes"]
    if len(classes) == 2:  # binary logistic regression: one row of weights, for the second class
        p = 1.0 / (1.0 + math.exp(-float(z[0])))
        return {classes[0]: 1.0 - p, classes[1]: p}
    z = z - z.max()
    e = np.exp(z)
    e /= e.sum()
    return {c: float(v) for c, v in zip(classes, e)}


def blend(rule_probs: dict[str, float], model_probs: dict[str, float], weight: float) -> dict[str, float]:
    """``(1 - weight)·rules + weight·model`` over the rules' categories (the model's renormalised
    over those: it may know ``automated``, which the rules do not weigh here)."""
    known = {c: p for c, p in model_probs.items() if c in rule_probs}
    total = sum(known.values()) or 1.0
    return {c: (1 - weight) * p + weight * known.get(c, 0.0) / total for c, p in rule_probs.items()}


def _calibrate(x, labels: list[str], rule_probs: list[dict[str, float]]) -> tuple[float, dict[str, float], dict[int, float]]:
    """The blend weight that classified most held-out examples right, and what it measured.

    ``x``: the examples' design matrix (n-grams as fitted on all of them: the vocabulary sees
    no label; each fold's classifier is fitted without its held-out examples). Stratification is
    not possible with a handful of examples of some categories: plain shuffled k-fold, seeded,
    so training twice on the same corrections gives the same model.
    """
    import numpy as np

    order = np.random.default_rng(SEED).permutation(len(labels))
    held_probs: list[tuple[int, dict[str, float]]] = []
    alone_right = 0
    for k in range(CALIBRATION_FOLDS):
        held = sorted(int(i) for i in order[k::CALIBRATION_FOLDS])
        held_set = set(held)
        train_idx = [i for i in range(len(labels)) if i not in held_set]
        if not held or len({labels[i] for i in train_idx}) < 2:
            continue
        clf = _fit_classifier(x[train_idx], [labels[i] for i in train_idx])
        for i, row in zip(held, clf.predict_proba(x[held])):
            if labels[i] not in rule_probs[i]:
                continue  # automated mail: the rules' detector decides it, never the blend
            probs = {str(c): float(p) for c, p in zip(clf.classes_, row)}
            held_probs.append((i, probs))
            own = blend(rule_probs[i], probs, 1.0)
            alone_right += max(own, key=own.get) == labels[i]
    right, likelihood = {}, {}
    for w in WEIGHTS:
        blends = [(blend(rule_probs[i], probs, w), labels[i]) for i, probs in held_probs]
        right[w] = sum(max(b, key=b.get) == label for b, label in blends)
        likelihood[w] = sum(math.log(max(b.get(label, 0.0), 1e-6)) for b, label in blends)
    # Most examples right; among those weights, the one that gave the right categories the most
    # probability (a finer measure than right/wrong on a hundred examples). The model must earn
    # its weight: unless it gets more examples right than the rules alone, it gets none.
    best = max(WEIGHTS, key=lambda w: (right[w], likelihood[w]))
    if right[best] <= right[0.0]:
        best = 0.0
    n = len(held_probs) or 1
    metrics = {"rules": round(right[0.0] / n, 4), "rules_model": round(right[best] / n, 4),
               "stacked_model": round(alone_right / n, 4), "held_out": len(held_probs)}
    return best, metrics, {i: probs.get("spam", 0.0) / (sum(probs.values()) or 1.0) for i, probs in held_probs}


# --------------------------------------------------------------------------- the spam scorer


def _spam_tokens(text: str) -> set[str]:
    return set(analyze(text))


def _fit_spam_scorer(texts: list[str], is_spam: list[bool]) -> dict[str, Any] | None:
    """Per token: in how many spam marks and in how many other examples it occurs.

    As SpamAssassin's Bayes and SpamBayes do (Graham, Robinson): a token's spam probability is
    its share of spam documents against its share of the others (so the classes' sizes do not
    matter), pulled towards 0.5 when it was seen rarely; a message's tokens are combined by
    Fisher's method. Tokens seen once say nothing of the next message and are dropped.
    """
    n_spam = sum(is_spam)
    n_other = len(is_spam) - n_spam
    if n_spam < SPAM_SCORER_MIN or n_other < SPAM_SCORER_MIN:
        return None
    spam_counts: Counter = Counter()
    other_counts: Counter = Counter()
    for text, spam in zip(texts, is_spam):
        (spam_counts if spam else other_counts).update(_spam_tokens(text))
    table = {}
    # Words seen in two or more of the other marks (not the language-free marks §money, …).
    familiar = sorted(t for t, n in other_counts.items() if n >= 2 and not t.startswith("§"))
    for token in spam_counts.keys() | other_counts.keys():
        s, o = spam_counts.get(token, 0), other_counts.get(token, 0)
        if s + o < 2:
            continue
        ps, po = s / n_spam, o / n_other
        p = ps / (ps + po)
        f = (SPAM_STRENGTH * 0.5 + (s + o) * p) / (SPAM_STRENGTH + s + o)
        if abs(f - 0.5) >= SPAM_MIN_DEVIATION:
            table[token] = f
    return {"tokens": table, "familiar": frozenset(familiar), "spam": n_spam, "other": n_other,
            "threshold": SPAM_THRESHOLD}


def _chi2q(x2: float, v: int) -> float:
    """P(chi² with v (even) degrees of freedom ≥ x2)."""
    m = x2 / 2.0
    term = total = math.exp(-m)
    for i in range(1, v // 2):
        term *= m / i
        total += term
    return min(total, 1.0)


def _spam_opinion(scorer: dict[str, Any], tokens: set[str]) -> tuple[float, float]:
    """(spam probability, share of the words familiar from the other marks) of a token set."""
    table = scorer["tokens"]
    familiar = scorer.get("familiar", frozenset())
    words = [t for t in tokens if not t.startswith("§")]
    share = sum(t in familiar for t in words) / len(words) if words else 0.0
    probs = [f for t in tokens if (f := table.get(t)) is not None]
    if not probs or len(words) < SPAM_MIN_WORDS:
        return 0.5, share
    probs = sorted(probs, key=lambda f: abs(f - 0.5), reverse=True)[:SPAM_TOKENS]
    n = len(probs)
    spam_side = 1.0 - _chi2q(-2.0 * sum(math.log(1.0 - f) for f in probs), 2 * n)
    other_side = 1.0 - _chi2q(-2.0 * sum(math.log(f) for f in probs), 2 * n)
    return (1.0 + spam_side - other_side) / 2.0, share


def _spam_cv(texts: list[str], is_spam: list[bool], held_spam: dict[int, float]) -> dict[str, Any]:
    """Cross-validated: the share of spam marks the scorer calls spam and of other examples it
    does, as triage decides (the scorer's probability at least SPAM_THRESHOLD, and the category
    model's own held-out spam probability, ``held_spam`` from ``_calibrate``, at least
    MODEL_LEANS_SPAM; absent: counted as agreeing)."""
    import numpy as np

    order = np.random.default_rng(SEED).permutation(len(texts))
    held: list[tuple[bool, bool]] = []
    for k in range(CALIBRATION_FOLDS):
        out = {int(i) for i in order[k::CALIBRATION_FOLDS]}
        train_idx = [i for i in range(len(texts)) if i not in out]
        scorer = _fit_spam_scorer([texts[i] for i in train_idx], [is_spam[i] for i in train_idx])
        if scorer is None:
            continue
        for i in sorted(out):
            score, familiar = _spam_opinion(scorer, _spam_tokens(texts[i]))
            called = score >= SPAM_THRESHOLD and familiar >= SPAM_FAMILIAR and held_spam.get(i, 1.0) >= MODEL_LEANS_SPAM
            held.append((called, is_spam[i]))
    others = [called for called, spam in held if not spam]
    spams = [called for called, spam in held if spam]
    if not others or not spams:
        return {}
    return {"threshold": SPAM_THRESHOLD, "spam_caught": round(sum(spams) / len(spams), 4),
            "others_called_spam": round(sum(others) / len(others), 4), "held_out": len(held)}


def spam_probability(model: dict[str, Any], text: str) -> float | None:
    """The spam scorer's probability that ``text`` is spam (None: the model has no scorer)."""
    opinion = spam_opinion(model, text)
    return None if opinion is None else opinion[0]


def spam_opinion(model: dict[str, Any], text: str) -> tuple[float, float] | None:
    """The spam scorer's probability that ``text`` is spam, and the share of its words familiar
    from the team's other marks (None: the model has no scorer)."""
    scorer = model.get("spam_scorer")
    return None if scorer is None else _spam_opinion(scorer, _spam_tokens(text))


def spam_threshold(model: dict[str, Any]) -> float:
    """The spam scorer's probability from which the model alone calls a message spam."""
    scorer = model.get("spam_scorer") or {}
    return float(scorer.get("threshold", SPAM_THRESHOLD))


def fit(examples: list[tuple[str, str]], *, rules=None, use_rules: bool = True, calibrate: bool = True) -> dict[str, Any]:
    """An in-memory model (the bundle ``load_model`` returns), for evaluation without a file.

    Args:
        examples: ``(text, category)`` pairs, ``text`` as ``triage.message_text`` gives it.
        rules: the compiled rules whose scores are features (default: the shipped rules).
        use_rules: False fits the text alone (what "model alone" means in ``--cv``).
        calibrate: measure the blend weight by cross-validation (when there are enough examples).
    """
    texts, labels = _check(examples)
    categories = _rule_categories()
    rule_probs = [rule_probabilities(t, rules) for t in texts] if use_rules else []
    vectorizer = _vectorizer()
    x = _design(vectorizer, texts, [_rule_vector(p, categories) for p in rule_probs], fit=True)
    core = _core(vectorizer, _fit_classifier(x, labels), use_rules)
    metrics: dict[str, Any] = {}
    held_spam: dict[int, float] = {}
    if use_rules and calibrate and len(texts) >= MIN_CALIBRATION_EXAMPLES:
        weight, metrics, held_spam = _calibrate(x, labels, rule_probs)
    else:
        weight = min(MAX_WEIGHT, len(texts) / (len(texts) + HALF_WEIGHT_AT))
    is_spam = [label == "spam" for label in labels]
    spam_scorer = _fit_spam_scorer(texts, is_spam)
    if spam_scorer is not None and calibrate and len(texts) >= MIN_CALIBRATION_EXAMPLES:
        spam_metrics = _spam_cv(texts, is_spam, held_spam)
        if spam_metrics:
            metrics = {**metrics, "spam_scorer": spam_metrics}
    return {"format": FORMAT_VERSION, "core": core, "rule_categories": categories if use_rules else None,
            "weight": weight, "examples": len(texts), "classes": core["classes"], "calibration": metrics,
            "spam_scorer": spam_scorer}


def train(examples: list[tuple[str, str]], path: Path, *, rules=None) -> dict[str, Any]:
    """Fit the model on ``(text, category)`` examples, save it to ``path``, return metrics.

    Metrics: ``examples``, ``per_category`` counts, ``train_accuracy``, ``weight`` (the blend
    weight) and, from 30 examples on, ``cv`` (cross-validated accuracy of the rules, of the
    blend at that weight, and of the model itself, on the examples).

    Raises:
        TrainingError: fewer than MIN_EXAMPLES usable examples, one category only, or an
            unknown category.
    """
    import joblib

    texts, labels = _check(examples)
    bundle = fit(list(zip(texts, labels)), rules=rules)
    counts = {c: labels.count(c) for c in sorted(set(labels))}
    right = sum(max(p := predict_proba(bundle, t, rule_probabilities(t, rules)), key=p.get) == c
                for t, c in zip(texts, labels))
    metrics: dict[str, Any] = {"examples": len(texts), "per_category": counts,
                               "train_accuracy": round(right / len(texts), 4), "weight": bundle["weight"]}
    if bundle["calibration"]:
        metrics["cv"] = bundle["calibration"]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    bundle = {**bundle, "trained_at": datetime.now(timezone.utc).isoformat(), "metrics": metrics}
    tmp = path.with_suffix(path.suffix + ".tmp")
    joblib.dump(bundle, tmp)
    tmp.replace(path)  # readers never see a half-written model
    metrics["path"] = str(path)
    return metrics


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
    """How much the model counts against the rules (measured when it was trained)."""
    return float(model.get("weight", 0.0))


def predict_proba(model: dict[str, Any], text: str, rule_probs: dict[str, float] | None = None) -> dict[str, float]:
    """Category probabilities for ``text`` (categories the model never saw are absent).

    ``rule_probs``: the rules' probabilities for this message when the caller has them (triage
    does); otherwise they are computed from ``text``.
    """
    categories = model.get("rule_categories")
    rule_vec = None
    if categories:
        rule_vec = _rule_vector(rule_probs if rule_probs is not None else rule_probabilities(text), tuple(categories))
    return _proba(model["core"], text, rule_vec)


def predict(model: dict[str, Any], text: str, rule_probs: dict[str, float] | None = None) -> str:
    """The model's own most probable category for ``text``."""
    probs = predict_proba(model, text, rule_probs)
    return max(probs, key=probs.get)


__all__ = [
    "MODEL_FILE",
    "TrainingError",
    "blend",
    "blend_weight",
    "default_model",
    "fit",
    "load_model",
    "model_path",
    "predict",
    "predict_proba",
    "rule_probabilities",
    "spam_opinion",
    "spam_probability",
    "spam_threshold",
    "train",
]
