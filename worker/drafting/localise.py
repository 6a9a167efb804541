"""Dates and durations in the words of each language, from small tables (no locale data needed).

Only what an acknowledgement says: a deadline ("Thursday 19 September 2019 at 17:00") and an
expected response time ("within 24 hours"). Western digits are used in every language, as the
office's Arabic publications do.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر"),
}
# Monday first, as datetime.weekday() counts.
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
}


def office_zone(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _has_time(local: datetime) -> bool:
    # A deadline parsed from a bare date is stored at the start or the end of that day.
    return (local.hour, local.minute) not in ((0, 0), (23, 59))


def format_deadline(value: datetime, language: str, zone: tzinfo) -> str:
    """A deadline in the office time zone, e.g. ``Thursday 19 September 2019 at 17:00``.

    The time is left out when the deadline is a whole day. Unknown languages get English.
    """
    lang = language if language in MONTHS else "en"
    local = value.astimezone(zone) if value.tzinfo else value.replace(tzinfo=zone)
    day = WEEKDAYS[lang][local.weekday()]
    month = MONTHS[lang][local.month - 1]
    date = f"{day} {local.day} {month} {local.year}"
    if not _has_time(local):
        return date
    if lang == "fr":
        return f"{date} à {local.hour} h {local.minute:02d}"
    if lang == "ar":
        return f"{date} الساعة {local.hour:02d}:{local.minute:02d}"
    return f"{date} at {local.hour:02d}:{local.minute:02d}"


def _arabic_count(n: int, forms: tuple[str, str, str, str]) -> str:
    """Arabic counted noun: one, two (dual), 3–10 (plural), 11+ (singular accusative)."""
    one, two, few, many = forms
    if n == 1:
        return one
    if n == 2:
        return two
    if 3 <= n % 100 <= 10:
        return f"{n} {few}"
    return f"{n} {many}"


def format_duration(hours: float, language: str) -> str:
    """``within 24 hours`` / ``sous 24 heures`` / ``خلال 24 ساعة``; whole days from 48 h on."""
    lang = language if language in MONTHS else "en"
    hours = max(1, round(hours))
    if hours >= 48 and hours % 24 == 0:
        n, unit = hours // 24, "day"
    else:
        n, unit = hours, "hour"
    if lang == "ar":
        forms = {"hour": ("ساعة واحدة", "ساعتين", "ساعات", "ساعة"),
                 "day": ("يوم واحد", "يومين", "أيام", "يومًا")}[unit]
        return "خلال " + _arabic_count(n, forms)
    if lang == "fr":
        word = {"hour": "heure", "day": "jour"}[unit] + ("s" if n > 1 else "")
        return f"sous {n} {word}"
    word = unit + ("s" if n > 1 else "")
    return f"within {n} {word}"
