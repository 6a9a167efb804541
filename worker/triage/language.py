"""Detect the language of what the sender wrote, with lingua restricted to the configured set.

A text is compared only with the configured languages written in its script (one lingua
detector per script, built once: building takes seconds, using it well under a millisecond),
so an Arabic message never loads the Latin-script models. Only the sender's own words are given to it (no quoted history, no
signature), bounded in length; text mixing Arabic script with Latin words ("نحتاج statement
رسمي") is decided by the script that carries most letters, as the press team would read it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

MAX_CHARS = 500
_ARABIC_SCRIPT = ("ar", "fa", "ur", "ps", "ku", "sd")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_NOISE_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[#*_=|~<>\[\]{}]+")
_lock = threading.Lock()


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None
    confidence: float
    letters: int


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is not None:
            languages.append(Language.from_iso_code_639_1(iso))
    if len(languages) < 2:  # lingua needs two; add English so a one-language office still works
        languages = list({*languages, Language.ENGLISH, Language.ARABIC})
    with _lock:
        return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def warm_up(codes: tuple[str, ...]) -> None:
    """Build the detectors ahead of the first message (a worker calls this at start-up)."""
    for subset in _script_subsets(tuple(sorted(set(codes)))).values():
        if len(subset) > 1:
            _detector(subset)


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
    for name, (_, regex) in _SCRIPTS.items():
        n = len(regex.findall(text))
        if n > count:
            best, count = name, n
    return best, count


def detect_language(text: str, codes: tuple[str, ...], preferred: tuple[str, ...] = ("ar", "en", "fr")) -> LanguageGuess:
    """The ISO 639-1 code of ``text`` among ``codes``, with lingua's confidence (0..1).

    Args:
        text: the sender's own words (no quotes, no signature).
        codes: the languages the office recognises (``Settings.languages``).
        preferred: first-class languages that win a close call on very short text.
    """
    text = _clean(text)[:MAX_CHARS]
    letters = len(_LETTER_RE.findall(text))
    if letters == 0:
        return LanguageGuess(None, 0.0, 0)
    subsets = _script_subsets(tuple(sorted(set(codes))))
    script, count = _script_of(text, letters)
    candidates = subsets.get(script) or subsets.get("latin") or tuple(codes)
    share = count / letters
    if script != "latin":
        # Arabic-script text with Latin words or an English signature: the script decides.
        text = " ".join(w for w in text.split() if not _LATIN_RE.search(w)) or text
    if len(candidates) == 1:
        return LanguageGuess(candidates[0], round(min(1.0, share), 3), letters)
    values = _detector(candidates).compute_language_confidence_values(text)
    ranked = [(v.language.iso_code_639_1.name.lower(), v.value) for v in values]
    if not ranked:
        return LanguageGuess(None, 0.0, letters)
    total = sum(p for _, p in ranked) or 1.0
    ranked = [(c, p / total) for c, p in ranked]
    best, conf = ranked[0]
    if best not in preferred and conf < 0.6:
        # Short or ambiguous text ("Merci !"): a first-class language close behind wins.
        for code, p in ranked[1:4]:
            if code in preferred and p >= conf * 0.5:
                best, conf = code, p
                break
    return LanguageGuess(best, round(float(conf), 3), letters)


__all__ = ["LanguageGuess", "detect_language", "warm_up"]
