"""Deadlines in the languages the press office hears from beyond Arabic, English and French.

Written from how people phrase a deadline in each language (not from any labelled set's
messages): a cue word ("antes del", "spätestens", "не позднее", "senast", "kabla ya"), a
weekday or a date in that language, a duration ("в течение 48 часов"), a newsroom's closing
time ("cerramos la edición el miércoles"). And dates that are not deadlines: when the sender is
free, a meeting held today, a Persian calendar month that is not an Arabic one.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mediadesk.worker.triage.core import _deadline

MONDAY = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=1)))

CASES = [
    ("es", "Necesitamos su respuesta antes del jueves 19 de noviembre.", "2026-11-19"),
    ("es", "¿Podrían enviarnos un comentario a más tardar el viernes?", "2026-11-20"),
    ("es", "Cerramos la edición el miércoles a las 18:00, ¿nos podrían responder antes?", "2026-11-18"),
    ("es", "Les agradecería una respuesta en las próximas 48 horas.", "2026-11-18"),
    ("de", "Könnten Sie mir bitte spätestens am Mittwoch antworten?", "2026-11-18"),
    ("de", "Redaktionsschluss ist morgen um 14 Uhr.", "2026-11-17"),
    ("it", "Avremmo bisogno di una risposta entro giovedì 19 novembre.", "2026-11-19"),
    ("pt", "Pedimos a gentileza de responder até o dia 20 de novembro.", "2026-11-20"),
    ("pt", "Poderiam responder em até 48 horas?", "2026-11-18"),
    ("tr", "Yanıtınızı 19 Kasım Perşembe gününe kadar bekliyoruz.", "2026-11-19"),
    ("ru", "Ответьте, пожалуйста, не позднее пятницы.", "2026-11-20"),
    ("ru", "Просим ответить до четверга, 19 ноября.", "2026-11-19"),
    ("id", "Mohon tanggapan paling lambat hari Kamis, 19 November.", "2026-11-19"),
    ("nl", "Kunt u vóór vrijdag reageren?", "2026-11-20"),
    ("nl", "Graag uw reactie uiterlijk donderdag 19 november.", "2026-11-19"),
    ("pl", "Prosimy o odpowiedź do czwartku, 19 listopada.", "2026-11-19"),
    ("pl", "Czy mogliby Państwo odpowiedzieć do piątku?", "2026-11-20"),
    ("sv", "Vi behöver ert svar senast torsdag den 19 november.", "2026-11-19"),
    ("sv", "Kan ni svara före fredag?", "2026-11-20"),
    ("fa", "لطفاً تا پنجشنبه ۲۸ آبان پاسخ دهید.", "2026-11-19"),
    ("ur", "براہ کرم جمعرات تک جواب دیں۔", "2026-11-19"),
    ("ms", "Mohon maklum balas sebelum hari Jumaat.", "2026-11-20"),
    ("sw", "Tafadhali jibu kabla ya Ijumaa.", "2026-11-20"),
    ("en", "Any update on the numbers? We close the issue Thursday at noon, so anything after that won't make it in.",
     "2026-11-19"),
    # Not deadlines.
    ("en", "Happy to jump on a call any time in the next couple of weeks.", None),
    ("ar", "نرجو تزويدنا بتسجيل المؤتمر الصحفي الذي عقد اليوم.", None),
    ("pt", "O seminário acontece em novembro e queremos convidar o vosso diretor.", None),
]


@pytest.mark.parametrize("language, text, expected", CASES, ids=[f"{c[0]}: {c[1][:40]}" for c in CASES])
def test_deadline_in_the_senders_language(language, text, expected):
    found = _deadline(text, MONDAY, language)
    assert (found.at.date().isoformat() if found else None) == expected, found
