"""Detect the language of what the sender wrote, with lingua restricted to the configured set.

A text is compared only with the configured languages written in its script, so an Arabic
message never loads the Latin-script models. Only the sender's own words are given to it (no
quoted history, no signature), bounded in length; text mixing Arabic script with Latin words
("نحتاج statement رسمي") is decided by the script that carries most letters, as the press team
would read it.

Memory: a worker process must stay under 300 MB RSS, and lingua 2.1 keeps its models in RAM,
about 300 MB of full models (1- to 5-grams) for sixteen languages, 20 MB of trigrams. So:

* Text of 120 letters or more goes to a low-accuracy (trigram-only) detector: from 120
  characters on lingua compares trigrams only anyway, so the answer is the same.
* Shorter text ("Merci !") needs the full models, but not all of them: the trigrams name a
  favourite, and the full models compare the preferred languages with it when it is another
  language. Preferred models stay loaded (en, fr at warm-up; ar when first needed); the
  favourite's are loaded on demand (~0.3 s, 10-30 MB and ~50 MB more while loading) and only the
  last one is kept. On the dev set's texts, their first 1-12 words and one-line replies in the 16
  languages it gets 474 of 488 right, all full models 477; it takes some short Urdu for Persian,
  which the trigrams favour.
* Models load lazily in the calling thread: preloading spreads them over many malloc arenas
  (40 MB more) and starts lingua's thread pool, which a forked worker cannot use. Freed heap is
  handed back to the system after every load or unload.

Measured with the default languages, a Celery pool process after warm-up: 442 MB before, 136 MB
now; over the dev set and the corpus (458 messages) about 210 MB, 265 MB at the peak. With the
thirty-six default languages of stop 58 (seventeen before), warm-up and short texts in twelve languages
in a fresh process: 132 MB after warm-up (115 before), 219 MB at the peak (195). Czech is not among
them: its full models alone took that peak to 266 MB, and Czech letters read as Slovak, whose
deadline words are the same. Stop 59 added Lithuanian, Latvian and Estonian (thirty-nine): 230 MB at that peak
(224 on the same machine without them).
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

# Enough characters that ordinary prose has LONG_TEXT letters: the short-text path (full models,
# a second comparison) is then left to text that really is short.
MAX_CHARS = 200
LONG_TEXT = 120  # letters; from here on lingua uses trigrams only, in either accuracy mode
RESIDENT_RIVALS = 1  # non-preferred languages whose full models stay loaded

_ARABIC_SCRIPT = ("ar", "fa", "ur", "ps", "ku", "sd")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_NOISE_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[#*_=|~<>\[\]{}]+")
_lock = threading.Lock()
_resident_rivals: OrderedDict[str, None] = OrderedDict()


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None
    confidence: float
    letters: int


@lru_cache(maxsize=None)
def _lingua_knows(code: str) -> bool:
    from lingua import IsoCode639_1

    return getattr(IsoCode639_1, code.upper(), None) is not None


@lru_cache(maxsize=128)
def _detector(codes: tuple[str, ...], trigrams_only: bool):
    """A detector over ``codes``; cheap to build, as lingua shares loaded models between detectors."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if trigrams_only else builder).build()


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def trim_heap() -> None:
    """Return freed memory to the system: glibc keeps it after lingua loads or unloads a model,
    and RSS still counts it."""
    if (trim := _malloc_trim()) is not None:
        trim(0)


# A few words per script, to load models at warm-up (letters shared by the script's languages,
# so lingua's rules rule none of them out).
_SAMPLES = {
    "latin": "the press office can send a statement on the report to the media",
    "arabic": "سلام لهم",
    "cyrillic": "пресс служба ответит на вопрос",
}


def warm_up(codes: tuple[str, ...], preferred: tuple[str, ...] = ("ar", "en", "fr")) -> None:
    """Load the trigram models, and the full models of the preferred languages, before the first
    message (a worker calls this before it forks its pool)."""
    for script, subset in _script_subsets(tuple(sorted(set(codes)))).items():
        subset = tuple(c for c in subset if _lingua_knows(c))
        sample = _SAMPLES.get(script)
        if len(subset) < 2 or sample is None:
            continue
        _detector(subset, True).compute_language_confidence_values(" ".join([sample] * 12))
        first_class = tuple(c for c in subset if c in preferred)
        # A lone preferred language (Arabic) loads with its first rival instead: a one-language
        # detector starts lingua's thread pool, which must not exist when the worker forks.
        if len(first_class) > 1:
            _detector(first_class, False).compute_language_confidence_values(sample)
    trim_heap()


def _clean(text: str) -> str:
    return _NOISE_RE.sub(" ", text)


# Languages by script: a text is only compared with the languages written in its script, so an
# Arabic message never loads the Latin-script models (and the other way round).
_SCRIPTS = {
    "arabic": (_ARABIC_SCRIPT, _ARABIC_RE),
    "cyrillic": (("ru", "uk", "bg", "sr", "mk", "be", "kk", "mn"), re.compile(r"[\u0400-\u04ff]")),
    "cjk": (("zh", "ja", "ko"), re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")),
    "bengali": (("bn", "as"), re.compile(r"[\u0980-\u09ff]")),
    "devanagari": (("hi", "mr", "ne"), re.compile(r"[\u0900-\u097f]")),
    "greek": (("el",), re.compile(r"[\u0370-\u03ff]")),
    "thai": (("th",), re.compile(r"[\u0e00-\u0e7f]")),
    "tamil": (("ta",), re.compile(r"[\u0b80-\u0bff]")),
    "georgian": (("ka",), re.compile(r"[\u10a0-\u10ff]")),
    "armenian": (("hy",), re.compile(r"[\u0530-\u058f]")),
    "gujarati": (("gu",), re.compile(r"[\u0a80-\u0aff]")),
    "gurmukhi": (("pa",), re.compile(r"[\u0a00-\u0a7f]")),
    "telugu": (("te",), re.compile(r"[\u0c00-\u0c7f]")),
    # Scripts of languages the detector has no model for (Amharic's Ethiopic, Sinhala, Khmer, Lao, Burmese): their
    # text is none of the configured languages, rather than the Latin language its few Latin words suggest.
    "other": ((), re.compile(r"[\u1200-\u137f\u0d80-\u0dff\u1780-\u17ff\u0e80-\u0eff\u1000-\u109f]")),
    "hebrew": (("he", "yi"), re.compile(r"[\u0590-\u05ff]")),
}


@lru_cache(maxsize=8)
def _script_subsets(codes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    subsets = {name: tuple(c for c in codes if c in members) for name, (members, _) in _SCRIPTS.items()}
    claimed = {c for subset in subsets.values() for c in subset}
    subsets["latin"] = tuple(c for c in codes if c not in claimed)
    return {name: subset for name, subset in subsets.items() if subset}


def _script_of(text: str, letters: int) -> tuple[str, int]:
    """The script that carries most letters, and how many it carries."""
    best, count = "latin", len(_LATIN_RE.findall(text))
    if 2 * count > len(text):  # more Latin characters than all others together: none can win
        return best, count
    for name, (_, regex) in _SCRIPTS.items():
        n = len(regex.findall(text))
        if n > count:
            best, count = name, n
    return best, count


def _ranked(codes: tuple[str, ...], text: str, trigrams_only: bool) -> list[tuple[str, float]]:
    """Languages with a non-zero confidence, best first, confidences summing to 1."""
    values = _detector(codes, trigrams_only).compute_language_confidence_values(text)
    ranked = [(v.language.iso_code_639_1.name.lower(), v.value) for v in values if v.value > 0]
    total = sum(p for _, p in ranked) or 1.0
    return [(c, p / total) for c, p in ranked]


def _keep_rival(rival: str) -> None:
    """Mark ``rival`` as just used and unload the full models of the least recently used beyond
    RESIDENT_RIVALS, before the new one loads (so the peak is bounded too). Needs ``_lock``."""
    _resident_rivals[rival] = None
    _resident_rivals.move_to_end(rival)
    evicted = []
    while len(_resident_rivals) > RESIDENT_RIVALS:
        evicted.append(_resident_rivals.popitem(last=False)[0])
    if evicted:
        # Also drops their trigrams; the low-accuracy detector reloads those (small) on next use.
        _detector(tuple(evicted), False).unload_language_models()


def _ranked_short(text: str, candidates: tuple[str, ...], trigrams: list[tuple[str, float]],
                  preferred: tuple[str, ...]) -> list[tuple[str, float]]:
    """Full-model ranking of short text among the preferred languages and, when the trigrams
    favour another language, that one."""
    rival = trigrams[0][0] if trigrams and trigrams[0][0] not in preferred else None
    chosen = tuple(sorted({c for c in candidates if c in preferred} | ({rival} if rival else set())))
    if len(chosen) < 2:
        # Nothing to compare: a lone preferred language the trigrams favour, a favourite with no
        # preferred language in its script, or no trigram at all.
        return trigrams or [(c, 1.0) for c in chosen]
    # Held while comparing, so that another thread cannot unload the rival in use (lingua would
    # reload it unaccounted for).
    with _lock:
        if rival:
            _keep_rival(rival)
        ranked = _ranked(chosen, text, trigrams_only=False)
        # lingua loads a model only once a text passes its rules for that language, so any
        # comparison may load one, leaving large freed buffers behind; trimming costs 0.1 ms.
        trim_heap()
    return ranked


def detect_language(text: str, codes: tuple[str, ...], preferred: tuple[str, ...] = ("ar", "en", "fr")) -> LanguageGuess:
    """The ISO 639-1 code of ``text`` among ``codes``, with lingua's confidence (0..1).

    Args:
        text: the sender's own words (no quotes, no signature).
        codes: the languages the office recognises (``Settings.languages``).
        preferred: first-class languages that win a close call on very short text.
    """
    text = _clean(text[:4 * MAX_CHARS])[:MAX_CHARS]  # clean only what can be kept, not a whole 25 KB letter
    letters = len(_LETTER_RE.findall(text))
    if letters == 0:
        return LanguageGuess(None, 0.0, 0)
    subsets = _script_subsets(tuple(sorted(set(codes))))
    script, count = _script_of(text, letters)
    if script != "latin" and script not in subsets:
        # Written in a script none of the office's languages uses: saying so beats a Latin-script guess.
        return LanguageGuess(None, 0.0, letters)
    candidates = subsets.get(script) or tuple(codes)
    share = count / letters
    if script != "latin":
        # Arabic-script text with Latin words or an English signature: the script decides.
        text = " ".join(w for w in text.split() if not _LATIN_RE.search(w)) or text
    if len(candidates) == 1:
        return LanguageGuess(candidates[0], round(min(1.0, share), 3), letters)
    candidates = tuple(c for c in candidates if _lingua_knows(c))
    if len(candidates) < 2:  # lingua compares two or more; add English and Arabic
        candidates = tuple(sorted({*candidates, "en", "ar"}))
    ranked = _ranked(candidates, text, trigrams_only=True)
    if (letters if script == "latin" else len(_LETTER_RE.findall(text))) < LONG_TEXT:
        ranked = _ranked_short(text, candidates, ranked, preferred)
    if not ranked:
        return LanguageGuess(None, 0.0, letters)
    best, conf = ranked[0]
    if best not in preferred and conf < 0.6:
        # Short or ambiguous text ("Merci !"): a first-class language close behind wins.
        for code, p in ranked[1:4]:
            if code in preferred and p >= conf * 0.5:
                best, conf = code, p
                break
    return LanguageGuess(best, round(float(conf), 3), letters)


__all__ = ["LanguageGuess", "detect_language", "warm_up"]
