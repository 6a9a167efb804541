"""Dates and durations in the words of each language, from small tables (no locale data needed).

Only what an acknowledgement says: a deadline restated as the sender gave it ("Wednesday
25 November 2026 at 15:00 (Paris time)", "vendredi 4 décembre 2026") and an expected response
time ("within 24 hours"). Western digits are used in every language, as the office's Arabic
publications do.
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


# The zones a sender can name (worker/triage/deadline.py ZONES), as each language says "<city> time".
ZONE_CITIES = {
    "America/New_York": {"en": "New York", "fr": "New York", "ar": "نيويورك"},
    "America/Chicago": {"en": "Chicago", "fr": "Chicago", "ar": "شيكاغو"},
    "America/Los_Angeles": {"en": "Los Angeles", "fr": "Los Angeles", "ar": "لوس أنجلوس"},
    "Europe/Paris": {"en": "Paris", "fr": "Paris", "ar": "باريس"},
    "Europe/London": {"en": "London", "fr": "Londres", "ar": "لندن"},
    "Asia/Riyadh": {"en": "Riyadh", "fr": "Riyad", "ar": "الرياض"},
    "Asia/Dubai": {"en": "Dubai", "fr": "Dubaï", "ar": "دبي"},
    "Africa/Cairo": {"en": "Cairo", "fr": "Le Caire", "ar": "القاهرة"},
    # Zones whose IANA city is not the one senders name.
    "America/Toronto": {"en": "Montreal", "fr": "Montréal", "ar": "مونتريال"},
    "Asia/Shanghai": {"en": "Beijing", "fr": "Pékin", "ar": "بكين"},
    "Asia/Kolkata": {"en": "New Delhi", "fr": "New Delhi", "ar": "نيودلهي"},
    "Asia/Karachi": {"en": "Islamabad", "fr": "Islamabad", "ar": "إسلام آباد"},
    "Asia/Qatar": {"en": "Doha", "fr": "Doha", "ar": "الدوحة"},
    "Asia/Tokyo": {"en": "Tokyo", "fr": "Tokyo", "ar": "طوكيو"},
    "Europe/Madrid": {"en": "Madrid", "fr": "Madrid", "ar": "مدريد"},
    "Africa/Casablanca": {"en": "Rabat", "fr": "Rabat", "ar": "الرباط"},
}


def zone_label(name: str, language: str) -> str:
    """``Paris time`` / ``heure de Paris`` / ``بتوقيت باريس``; UTC as ``UTC`` (``بتوقيت غرينتش``).

    A zone without an entry is named by the city of its IANA name ("Europe/Berlin" → Berlin).
    """
    lang = language if language in MONTHS else "en"
    if name in ("UTC", "Etc/UTC", "GMT"):
        return "بتوقيت غرينتش" if lang == "ar" else "UTC"
    city = ZONE_CITIES.get(name, {}).get(lang) or name.rsplit("/", 1)[-1].replace("_", " ")
    if lang == "fr":
        return f"heure du {city[3:]}" if city.startswith("Le ") else f"heure de {city}"
    if lang == "ar":
        return f"بتوقيت {city}"
    return f"{city} time"


def restate_deadline(at: datetime, language: str, *, has_time: bool, zone: str | None = None,
                     hijri: bool = False) -> str:
    """A deadline in the sender's terms: ``at``'s own date and clock time (not converted), the
    time only when they gave one, and the zone only when they named one; with the Hijri date
    beside it when they gave the day in that calendar.

    E.g. ``Wednesday 25 November 2026 at 15:00 (Paris time)``, ``vendredi 4 décembre 2026``,
    ``الخميس 26 نوفمبر 2026 الساعة 15:00 بتوقيت القاهرة``, ``الثلاثاء 25 مارس 2025 (25 رمضان
    1446 هـ)``. Unknown languages get English.
    """
    lang = language if language in MONTHS else "en"
    day = WEEKDAYS[lang][at.weekday()]
    month = MONTHS[lang][at.month - 1]
    date = f"{day} {at.day} {month} {at.year}"
    if hijri:
        date = f"{date} ({_hijri_date(at, lang)})"
    if not has_time:
        return date
    if lang == "fr":
        text = f"{date} à {at.hour} h {at.minute:02d}"
    elif lang == "ar":
        text = f"{date} الساعة {at.hour:02d}:{at.minute:02d}"
    else:
        text = f"{date} at {at.hour:02d}:{at.minute:02d}"
    if zone is None:
        return text
    label = zone_label(zone, lang)
    return f"{text} {label}" if lang == "ar" else f"{text} ({label})"


def _hijri_date(at: datetime, lang: str) -> str:
    from hijridate import Gregorian

    h = Gregorian(at.year, at.month, at.day).to_hijri()
    names = "ar" if lang == "ar" else "en"
    notation = "H" if lang == "fr" else h.notation(names)  # "1446 H" (de l'hégire) in French
    return f"{h.day} {h.month_name(names)} {h.year} {notation}"


def office_zone(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _has_time(local: datetime) -> bool:
    # A deadline parsed from a bare date is stored at the start or the end of that day.
    return (local.hour, local.minute) not in ((0, 0), (23, 59))


def format_deadline(value: datetime, language: str, zone: tzinfo) -> str:
    """A deadline known only as an instant, in the office time zone and naming it, e.g.
    ``Thursday 19 September 2019 at 17:00 (Riyadh time)``: for when the sender's own terms
    cannot be read again (``restate_deadline`` is for when they can).

    The time is left out when the deadline falls at the start or end of a day there.
    """
    local = value.astimezone(zone) if value.tzinfo else value.replace(tzinfo=zone)
    return restate_deadline(local, language, has_time=_has_time(local), zone=getattr(zone, "key", None) or "UTC")


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
