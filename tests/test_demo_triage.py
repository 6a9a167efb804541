"""The bundled demo inbox is what a press office sees first: every message gets the category (or
the kind of machine mail) and the language a press officer would give it. Labels are the
press office's judgement of each letter, written down here; the notes say why where it is close."""

from __future__ import annotations

from importlib import resources

import pytest

from mediadesk.settings import load_settings
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage import triage

SETTINGS = load_settings(_env_file=None)
INBOX = resources.files("mediadesk.demo") / "inbox"

EXPECTED = {
    "01-gen-tv-live-interview.eml": ("interview_request", "en"),
    "02-alwaha-report-figures.eml": ("information_request", "ar"),
    "03-radio-horizon-interview.eml": ("interview_request", "fr"),
    "04-auto-reply-outlook.eml": ("auto_reply", "en"),
    "05-student-methodology-cp1256.eml": ("general", "ar"),  # a student's graduation project
    "06-hebdo-meridien-accreditation-latin1.eml": ("event_accreditation", "fr"),
    "07-gulf-ledger-exhibition-photos.eml": ("media_assets", "en"),
    "08-samar-podcast-invitation.eml": ("interview_request", "ar"),
    "09-correction-citation.eml": ("correction_complaint", "en"),  # cites the press release it corrects
    "10-reponse-automatique-absence.eml": ("auto_reply", "fr"),
    "11-mirador-global-comment-es.eml": ("information_request", "es"),
    "12-content-creators-complaint.eml": ("correction_complaint", "ar"),  # also asks to join a panel
    "13-bounce-postfix.eml": ("bounce", "en"),
    "14-internship-application-pdf.eml": ("general", "en"),
    "15-arabic-auto-reply.eml": ("auto_reply", "ar"),
    "16-tribune-offer-fr.eml": ("partnership_speaking", "fr"),  # an op-ed offered
    "17-medienwoche-accreditation-de.eml": ("event_accreditation", "de"),
    "18-sahel-university-invitation.eml": ("partnership_speaking", "ar"),
    "19-gulf-ledger-reply-threaded.eml": ("media_assets", "en"),
    "20-exhibition-school-visit-question.eml": ("general", "en"),  # a teacher planning a visit
    "21-newsletter-bulk.eml": ("bulk", "en"),
    "22-sirocco-presse-reaction-fr.eml": ("information_request", "fr"),  # a request for comment
    "23-sawt-almadina-radio-live.eml": ("interview_request", "ar"),
    "24-alufuq-tv-crew-accreditation.eml": ("event_accreditation", "ar"),
    "25-alwaha-followup-mr2.eml": ("information_request", "ar"),  # "نضيف" (we add) is no guest
    "26-broken-truncated-broll-request.eml": ("media_assets", "en"),
    "27-raw-8bit-headers-cp1256.eml": ("media_assets", "ar"),
    "28-revue-empreintes-exhibition-fr.eml": ("information_request", "fr"),
    "29-brightline-logo-asap.eml": ("media_assets", "en"),
    "30-etudiante-master-entretien-fr.eml": ("general", "fr"),  # a student's thesis interview
    "31-enseignant-liege-question-fr.eml": ("general", "fr"),
    "32-seo-spam-html-only.eml": ("spam", "en"),
}


def test_every_demo_message_is_labelled():
    assert sorted(p.name for p in INBOX.iterdir() if p.name.endswith(".eml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_demo_message_triage(name):
    decision = triage(parse_message((INBOX / name).read_bytes()), settings=SETTINGS)
    category, language = EXPECTED[name]
    assert (decision.automated_kind or decision.category, decision.language) == (category, language), \
        "\n".join(decision.explanation)


def test_a_german_weekday_and_date_deadline_reads_the_date():
    """"bis Mittwoch, 2. Dezember": the date (Wednesday 2 December), not the next Wednesday."""
    decision = triage(parse_message((INBOX / "17-medienwoche-accreditation-de.eml").read_bytes()), settings=SETTINGS)
    assert decision.deadline is not None and decision.deadline.date().isoformat() == "2026-12-02"
