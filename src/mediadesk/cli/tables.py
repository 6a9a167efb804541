"""The ticket list as a press officer reads it: one line per ticket, as wide as the terminal.

Pure functions over the ticket objects of `list --json` (``tickets.ticket_summary``): the
columns an officer scans first (ref, priority, due, category, language, requester, subject),
and more as the terminal widens (age, status, outlet, assignee); each cell cut to its width
with an ellipsis, never wrapped. No Rich here: `mediadesk list` prints this in a few
milliseconds, before Rich would have been imported.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, tzinfo
from typing import Callable, Sequence

from mediadesk.safetext import visible

SHORT_CATEGORY = {
    "interview_request": "interview", "information_request": "information", "media_assets": "assets",
    "event_accreditation": "accreditation", "correction_complaint": "correction",
    "partnership_speaking": "speaking",
}
GAP = "  "
ELLIPSIS = "…"
BOLD, RED, YELLOW, DIM, RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide East Asian characters two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` on one line in exactly ``width`` cells: padded, or cut with an ellipsis."""
    text = " ".join(text.split())  # newlines and tabs from mail never break the line
    if cell_width(text) <= width:
        return text + " " * (width - cell_width(text))
    kept, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        kept.append(ch)
        used += w
    return "".join(kept) + ELLIPSIS + " " * (width - 1 - used)


def span(delta: timedelta) -> str:
    """A duration as an officer says it: 45m, 5h, 3d."""
    minutes = int(abs(delta).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes}m"
    if minutes < 48 * 60:
        return f"{minutes // 60}h"
    return f"{minutes // (24 * 60)}d"


def _due(t: dict, now: datetime) -> tuple[str, str]:
    """(text, colour) of the DUE cell: "in 5h", "3d late" (red when overdue), "-"."""
    due = t["due_at"]
    if due is None:
        return "-", ""
    if due < now:
        return f"{span(now - due)} late", RED if t["overdue"] else ""
    return f"in {span(due - now)}", YELLOW if due - now < timedelta(hours=2) else ""


# (header, value, minimum terminal width to show the column, fixed width or None for flexible)
Column = tuple[str, Callable[[dict, datetime], tuple[str, str]], int, int | None]
COLUMNS: list[Column] = [
    ("REF", lambda t, now: (t["ref"] or "", ""), 0, None),
    ("STATUS", lambda t, now: (t["status"], ""), 112, None),
    ("PRI", lambda t, now: (t["priority"] or "-", RED if t["priority"] == "urgent" else ""), 0, None),
    ("DUE", _due, 0, None),
    ("AGE", lambda t, now: (span(now - t["created_at"]), ""), 96, None),
    ("CATEGORY", lambda t, now: (SHORT_CATEGORY.get(t["category"] or "", t["category"] or "-"), ""), 0, None),
    ("LANG", lambda t, now: (t["language"] or "-", ""), 0, None),
    ("FROM", lambda t, now: (t["requester_name"] or t["requester"] or "?", ""), 0, 0),
    ("OUTLET", lambda t, now: ((t.get("outlet") or {}).get("name") or "", ""), 128, 0),
    ("ASSIGNEE", lambda t, now: (t["assignee"] or "", ""), 150, None),
    ("SUBJECT", lambda t, now: (t["subject"] or "", ""), 0, 0),
]
FLEX_SHARE = {"FROM": 0.3, "OUTLET": 0.2, "SUBJECT": 0.5}  # of the width left for flexible columns
FLEX_MAX = {"FROM": 26, "OUTLET": 22}
FLEX_MIN = {"FROM": 10, "OUTLET": 8, "SUBJECT": 12}


def ticket_lines(tickets: Sequence[dict], *, width: int, now: datetime, color: bool = False) -> list[str]:
    """A header and one line per ticket, each at most ``width`` cells (at least 60 are assumed).

    Fixed columns take the width of their longest value; FROM, OUTLET and SUBJECT share what
    is left (SUBJECT takes what the others leave)."""
    width = max(width, 60)
    columns = [c for c in COLUMNS if width >= c[2]]
    values = [[c[1](t, now) for c in columns] for t in tickets]
    cells = [[visible(text) for text, _ in row] for row in values]  # sender text never drives the terminal
    colours = [[colour for _, colour in row] for row in values]
    widths: dict[str, int] = {}
    for i, (name, _, _, flexible) in enumerate(columns):
        if flexible is None:
            widths[name] = max([cell_width(name)] + [cell_width(row[i]) for row in cells])
    left = width - sum(widths.values()) - len(GAP) * (len(columns) - 1)
    flex = [c[0] for c in columns if c[3] is not None]
    for i, (name, *_rest) in enumerate(columns):
        if name in flex and name != "SUBJECT":
            longest = max([cell_width(name)] + [cell_width(row[i]) for row in cells])
            share = int(left * FLEX_SHARE[name] / sum(FLEX_SHARE[n] for n in flex))
            widths[name] = max(FLEX_MIN[name], min(longest, FLEX_MAX[name], share))
    widths["SUBJECT"] = max(FLEX_MIN["SUBJECT"],
                            width - sum(w for n, w in widths.items() if n != "SUBJECT") - len(GAP) * (len(columns) - 1))
    names = [c[0] for c in columns]

    def line(values: list[str], styles: list[str]) -> str:
        parts = []
        for name, value, style in zip(names, values, styles):
            text = fit(value, widths[name])
            parts.append(f"{style}{text}{RESET}" if color and style else text)
        return GAP.join(parts).rstrip()

    header = line(names, [BOLD] * len(names))
    return [header] + [line(row, style) for row, style in zip(cells, colours)]


def tsv_line(values: Sequence[object]) -> str:
    """One piped line: fields tab-separated, each on one line, every control character visible."""
    return "\t".join("" if v is None else visible(str(v)).replace("\t", " ").replace("\n", " ") for v in values)


def ticket_tsv(tickets: Sequence[dict], fmt_time: Callable[[datetime | None], str]) -> list[str]:
    """`list` piped (README, "The press team's CLI"): ref, status (" !" when overdue), priority,
    category, language, due, requester, outlet, subject (70 characters)."""
    return [tsv_line((t["ref"], t["status"] + (" !" if t["overdue"] else ""), t["priority"], t["category"],
                      t["language"], fmt_time(t["due_at"]), t["requester"], (t.get("outlet") or {}).get("name"),
                      (t["subject"] or "")[:70])) for t in tickets]


def local(value: datetime | None, zone: tzinfo) -> str:
    """``2026-12-02 15:00 +03`` (as ``common.fmt_time``, given the zone)."""
    if value is None:
        return ""
    shown = value.astimezone(zone)
    return f"{shown:%Y-%m-%d %H:%M} {shown.tzname()}"


__all__ = ["cell_width", "fit", "local", "span", "ticket_lines", "ticket_tsv", "tsv_line"]
