"""Render an acknowledgement: Jinja2 templates per language × category, text and HTML.

Template names are ``<lang>/<category>.j2`` with ``<lang>/default.j2`` as the fallback for a
category; the folder ``settings.templates_dir`` is searched before the packaged templates, so an
admin overrides one file or adds a language by adding ``<lang>/default.j2``. A language with no
templates gets the fallback: one section per ``settings.fallback_languages`` (English, then
Arabic by default; ``MEDIADESK_FALLBACK_LANGUAGES``). Templates get ``organisation`` and
``signature`` as "" when unset, and sign as the press office in their own language then. Templates produce the text/plain body; the HTML alternative is made from that text
(``text_to_html``), so an edited text and a generated one look alike, right-to-left for Arabic.

A stated deadline is restated in the sender's terms (``deadline_as_stated``): their date, their
time, the zone they named, and a whole-day deadline as a date. Only when their message no
longer gives the ticket's deadline is it shown in the office's zone, naming that zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, StrictUndefined, TemplateNotFound, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from mediadesk.worker.drafting.localise import format_deadline, format_duration, office_zone, restate_deadline

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "ku", "yi", "dv"})
SECTION_SEPARATOR = "\n\n* * *\n\n"
_RTL_CHAR_RE = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LTR_CHAR_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True)
class Rendered:
    language: str  # "ar", "en", "fr"... or "en+ar" for the fallback
    body_text: str
    body_html: str


@lru_cache(maxsize=8)
def _environment(templates_dir: str | None) -> SandboxedEnvironment:
    loaders = []
    if templates_dir:
        loaders.append(FileSystemLoader(templates_dir))
    loaders.append(PackageLoader("mediadesk.worker.drafting", "templates"))
    return SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False,
                                     default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def environment(settings) -> SandboxedEnvironment:
    directory = getattr(settings, "templates_dir", None)
    return _environment(str(Path(directory).resolve()) if directory else None)


def has_language(env: SandboxedEnvironment, language: str | None) -> bool:
    if not language or not re.fullmatch(r"[a-z]{2,3}", language):
        return False
    try:
        env.get_template(f"{language}/default.j2")
        return True
    except TemplateNotFound:
        return False


def greeting_name(name: str | None) -> str | None:
    """A display name fit to greet someone with, or None (addresses, junk, overlong names)."""
    if not name:
        return None
    name = _CTRL_RE.sub(" ", name).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    name = re.sub(r"\s+", " ", name).strip().strip("\"'")
    if not name or "@" in name or len(name) > 80 or not any(ch.isalpha() for ch in name):
        return None
    if "," in name:  # "Doe, Jane" → "Jane Doe"
        last, _, first = name.partition(",")
        if first.strip() and last.strip() and " " not in last.strip():
            name = f"{first.strip()} {last.strip()}"
    return name


def response_hours(settings, priority: str | None) -> float:
    table = settings.sla_hours or {}
    row = table.get(priority or "normal") or table.get("normal") or {}
    return float(row.get("first_response", 24))


def deadline_as_stated(ticket, parsed, settings):
    """The ticket's deadline in the sender's terms, read again from their message.

    ``ticket.deadline`` keeps the instant only (stored in UTC); the date, time and zone the
    sender used come from the same reading triage made (``triage.core.stated_deadline``).
    Returns a ``Deadline`` whose ``at`` is that same instant, or None when there is no
    deadline, no parsed message, or the message no longer yields it (the ticket then shows
    it in the office's zone).
    """
    if ticket.deadline is None or parsed is None:
        return None
    from mediadesk.worker.triage.core import stated_deadline

    found = stated_deadline(parsed, ticket.language, settings=settings)
    return found if found is not None and found.at == ticket.deadline else None


def context(ticket, settings, language: str, *, name: str | None, now: datetime | None = None,
            stated=None) -> dict:
    """The variables every template gets (all plain values; nothing from the sender is code).

    ``stated``: the deadline in the sender's terms (``deadline_as_stated``), if known.
    """
    hours = response_hours(settings, ticket.priority)
    deadline = None
    if stated is not None:
        deadline = restate_deadline(stated.at, language, has_time=stated.has_time, zone=stated.zone,
                                    hijri=stated.hijri)
    elif ticket.deadline is not None:
        deadline = format_deadline(ticket.deadline, language, office_zone(settings.timezone))
    return {
        "ref": ticket.ref or f"#{ticket.id}",
        "name": greeting_name(name),
        "category": ticket.category or "general",
        "priority": ticket.priority or "normal",
        "response_hours": hours,
        "response_time": format_duration(hours, language),
        "deadline": deadline,
        "subject": clean_line(ticket.subject or ""),
        "organisation": settings.organisation or "",
        "signature": settings.signature or "",
        "language": language,
    }


def _render_one(env: SandboxedEnvironment, language: str, category: str, ctx: dict) -> str:
    template = env.select_template([f"{language}/{category}.j2", f"{language}/default.j2"])
    text = template.render(**ctx)
    return normalise_text(text)


def render_ack(ticket, settings, *, name: str | None = None, stated=None) -> Rendered:
    """The acknowledgement for ``ticket`` in its language, or the configured fallback.

    ``stated``: its deadline in the sender's terms (``deadline_as_stated``), if known.
    """
    env = environment(settings)
    category = ticket.category or "general"
    language = (ticket.language or "").lower()
    if has_language(env, language):
        text = _render_one(env, language, category, context(ticket, settings, language, name=name, stated=stated))
        return Rendered(language, text, text_to_html(text, language))
    languages = [lang for lang in settings.fallback_languages if has_language(env, lang)] or ["en"]
    sections = [_render_one(env, lang, category, context(ticket, settings, lang, name=name, stated=stated))
                for lang in languages]
    text = SECTION_SEPARATOR.join(section.strip("\n") for section in sections) + "\n"
    code = "+".join(languages)[:8]
    return Rendered(code, text, text_to_html(text, code))


def normalise_text(text: str) -> str:
    """Trim trailing spaces and runs of blank lines that template logic leaves behind."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def clean_line(value: str, limit: int = 998) -> str:
    """One line of text: control characters (CR, LF, NUL, line separators...) become spaces."""
    value = _CTRL_RE.sub(" ", value.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    return re.sub(r"\s+", " ", value).strip()[:limit]


def direction(text: str, default: str = "ltr") -> str:
    """``rtl`` when most letters are Arabic/Hebrew script, ``ltr`` when most are Latin-like."""
    rtl = len(_RTL_CHAR_RE.findall(text))
    ltr = len(_LTR_CHAR_RE.findall(text))
    if rtl == ltr:
        return default
    return "rtl" if rtl > ltr else "ltr"


def _primary(language: str) -> str:
    return language.split("+", 1)[0] or "en"


def text_to_html(text: str, language: str) -> str:
    """The HTML alternative of a plain-text body: escaped paragraphs with ``dir`` and ``lang``.

    The document takes the direction of the draft's language (``dir="rtl"`` for Arabic). A
    bilingual text is split into its sections (at the ``* * *`` line), and each section carries
    the direction of its script and the matching language.
    """
    env = _environment(None)
    primary = _primary(language)
    doc_dir = "rtl" if primary in RTL_LANGUAGES else "ltr"
    languages = language.split("+")
    sections = []
    for chunk in re.split(r"\n[ \t]*\*[ \t]*\*[ \t]*\*[ \t]*\n", "\n" + text.strip() + "\n"):
        if not chunk.strip():
            continue
        sec_dir, sec_lang = doc_dir, primary
        if len(languages) > 1:
            sec_dir = direction(chunk, doc_dir)
            sec_lang = next((lang for lang in languages if (lang in RTL_LANGUAGES) == (sec_dir == "rtl")), primary)
        paragraphs = [block.strip("\n").split("\n") for block in re.split(r"\n\s*\n", chunk.strip()) if block.strip()]
        sections.append({"dir": sec_dir, "lang": sec_lang, "paragraphs": paragraphs})
    return env.get_template("layout.html.j2").render(lang=primary, dir=doc_dir, sections=sections)
